#include "aaf/feed_scanner.h"

#include <cstring>
#include <memory>

#include "aaf/feed_record_builder.h"
#include "util/charset.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

// Thrown inside the scanner only, caught by ScanFeed: the file goes to libxml2.
struct GiveUp {
  const char* reason;
};

constexpr size_t kMaxScannedValue = 1 << 20;
constexpr size_t kPieceBytes = 8 << 20;      // read at a time
constexpr size_t kMaxPieceBytes = 64 << 20;  // one request may not need more

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Scanner {
 public:
  explicit Scanner(const FeedRecordSink& records) : records_(records) {}

  // The next piece of the document: `xml` starts where the last call stopped (Consumed());
  // `last` when it runs to the end of the file. True when the document ended.
  bool Scan(std::string_view xml, bool last) {
    xml_ = xml;
    pos_ = 0;
    limit_ = last ? xml.size() : AfterLastRequest(xml);
    if (!started_) {
      Prolog();
      started_ = true;
    }
    while (true) {
      Space();
      if (!last && pos_ >= limit_) return false;  // the rest needs the next piece
      if (Take("</ficAlimMENESR>")) break;
      if (Take("<addRequest>"))
        Request(FeedOperation::kAdd, "</addRequest>");
      else if (Take("<modifyRequest>"))
        Request(FeedOperation::kModify, "</modifyRequest>");
      else if (Take("<deleteRequest>"))
        Request(FeedOperation::kDelete, "</deleteRequest>");
      else
        throw GiveUp{"not the regular layout (an element other than a request)"};
    }
    Misc();
    if (pos_ != xml_.size()) throw GiveUp{"content after the root element"};
    return true;
  }
  size_t Consumed() const { return pos_; }

  uint32_t Line() const { return line_; }

 private:
  // The literals are short tags: a byte loop beats a call to memcmp, millions of times.
  bool Take(std::string_view literal) {
    if (literal.size() > xml_.size() - pos_) return false;
    const char* at = xml_.data() + pos_;
    for (size_t i = 0; i < literal.size(); ++i) {
      if (at[i] != literal[i]) return false;
    }
    pos_ += literal.size();
    return true;
  }
  void Expect(std::string_view literal) {
    if (!Take(literal)) throw GiveUp{"not the regular layout"};
  }
  // XML white space; a carriage return only before a line feed.
  void Space() {
    while (pos_ < xml_.size() && IsSpace(xml_[pos_])) {
      char c = xml_[pos_++];
      if (c == '\n') ++line_;
      if (c == '\r' && (pos_ == xml_.size() || xml_[pos_] != '\n')) throw GiveUp{"bare CR"};
    }
  }

  void Prolog();
  void Doctype();
  void Misc();
  void Comment();
  void Request(FeedOperation operation, std::string_view end);
  void Attributes(std::string_view element, std::string_view end);
  std::string_view Quoted();
  void Values(bool category, std::string_view name, std::string_view end);
  std::string_view Text();
  std::string_view Decode(std::string_view raw, std::string* out);
  bool IsInDocument(std::string_view text) const {
    return text.empty() || (text.data() >= xml_.data() && text.data() < xml_.data() + xml_.size());
  }
  bool CheckCharacters(std::string_view raw);
  std::string_view ExpandEntities(std::string_view raw);

  // Just after the last complete request of `xml` (0 when none): a piece is scanned up to
  // there, the rest waits for the next piece. Values hold no '<', so these are end tags.
  static size_t AfterLastRequest(std::string_view xml) {
    for (size_t end = xml.rfind("Request>"); end != std::string_view::npos && end > 0;
         end = xml.rfind("Request>", end - 1)) {
      for (std::string_view tag : {"</add", "</modify", "</delete"}) {
        if (end >= tag.size() && xml.compare(end - tag.size(), tag.size(), tag) == 0) {
          return end + 8;
        }
      }
    }
    return 0;
  }

  std::string_view xml_;
  const FeedRecordSink& records_;
  size_t pos_ = 0;
  size_t limit_ = 0;
  bool started_ = false;
  uint32_t line_ = 1;
  FeedRecordBuilder builder_;
  std::unique_ptr<ToUtf8> charset_;  // null: UTF-8 known to be ASCII-compatible as is
  std::string value_, plain_;
};

// The encoding named by the XML declaration at the very start (UTF-8 without one), which
// must be exactly `<?xml version="1.0"?>` or `<?xml version="1.0" encoding="NAME"?>`.
std::string DeclaredEncoding(std::string_view xml, size_t* pos) {
  constexpr std::string_view kStart = "<?xml version=\"1.0\"";
  if (xml.compare(0, kStart.size(), kStart) != 0) {
    if (xml.compare(0, 5, "<?xml") == 0) throw GiveUp{"XML declaration outside the layout"};
    return "utf-8";
  }
  *pos = kStart.size();
  if (xml.compare(*pos, 2, "?>") == 0) {
    *pos += 2;
    return "utf-8";
  }
  constexpr std::string_view kEncoding = " encoding=\"";
  if (xml.compare(*pos, kEncoding.size(), kEncoding) != 0) throw GiveUp{"XML declaration"};
  size_t name = *pos + kEncoding.size();
  size_t close = xml.find('"', name);
  if (close == std::string_view::npos || close - name > 32 || xml.compare(close, 3, "\"?>") != 0) {
    throw GiveUp{"XML declaration outside the layout"};
  }
  *pos = close + 3;
  return AsciiLower(std::string(xml.substr(name, close - name)));
}

// The XML declaration, then comments and a DOCTYPE without internal subset, then the root.
void Scanner::Prolog() {
  std::string encoding = DeclaredEncoding(xml_, &pos_);
  if (encoding == "iso-8859-15")
    charset_ = std::make_unique<ToUtf8>("ISO-8859-15");
  else if (encoding == "utf-8")
    charset_ = std::make_unique<ToUtf8>("UTF-8");
  else
    throw GiveUp{"encoding other than UTF-8 or ISO-8859-15"};
  bool doctype = false;
  while (true) {
    Space();
    if (xml_.compare(pos_, 4, "<!--") == 0) {
      Comment();
    } else if (!doctype && Take("<!DOCTYPE ficAlimMENESR SYSTEM \"")) {
      Doctype();
      doctype = true;
    } else {
      Expect("<ficAlimMENESR>");
      return;
    }
  }
}

// The rest of <!DOCTYPE ficAlimMENESR SYSTEM "...">: a printable ASCII system identifier
// (never read), no internal subset.
void Scanner::Doctype() {
  size_t close = xml_.find('"', pos_);
  if (close == std::string_view::npos) throw GiveUp{"unterminated DOCTYPE"};
  for (char c : xml_.substr(pos_, close - pos_)) {
    if (c < 0x20 || c > 0x7e || c == '<' || c == '>' || c == '&' || c == '\'') {
      throw GiveUp{"DOCTYPE system identifier outside printable ASCII"};
    }
  }
  pos_ = close + 1;
  Expect(">");
}

// Comments and white space after the root element.
void Scanner::Misc() {
  while (true) {
    Space();
    if (xml_.compare(pos_, 4, "<!--") != 0) return;
    Comment();
  }
}

void Scanner::Comment() {
  pos_ += 4;
  size_t end = xml_.find("--", pos_);
  if (end == std::string_view::npos || xml_.compare(end, 3, "-->") != 0) {
    throw GiveUp{"comment outside the regular layout"};
  }
  std::string_view body = xml_.substr(pos_, end - pos_);
  if (!body.empty() && body.back() == '-') throw GiveUp{"comment ending in ---"};
  Decode(body, &value_);  // checks the characters, counts the lines
  if (body.find('&') != std::string_view::npos || body.find('<') != std::string_view::npos) {
    throw GiveUp{"markup characters in a comment"};
  }
  pos_ = end + 3;
}

void Scanner::Request(FeedOperation operation, std::string_view end) {
  builder_.Begin(operation, line_);
  Space();
  Expect("<operationalAttributes>");
  Space();
  Expect("<attr name=\"");
  std::string_view category_name = Quoted();
  Expect(">");
  Values(true, category_name, "</attr>");
  Space();
  Expect("</operationalAttributes>");
  Space();
  Expect("<identifier>");
  Space();
  Expect("<id>");
  builder_.AddId(Text());
  Expect("</id>");
  Space();
  Expect("</identifier>");
  Space();
  if (operation == FeedOperation::kAdd) Attributes("<attributes>", "</attributes>");
  if (operation == FeedOperation::kModify) Attributes("<modifications>", "</modifications>");
  Space();
  Expect(end);
  records_(builder_.Finish());
}

void Scanner::Attributes(std::string_view element, std::string_view end) {
  bool modify = element == "<modifications>";
  Expect(element);
  Space();
  do {
    uint32_t line = line_;
    Expect(modify ? "<modification name=\"" : "<attr name=\"");
    std::string_view name = Quoted();
    std::string_view operation;
    if (modify) {
      Expect(" operation=\"");
      operation = Quoted();
    }
    Expect(">");
    builder_.BeginAttribute(name, operation, line, true);
    Values(false, "", modify ? "</modification>" : "</attr>");
    Space();
  } while (!Take(end));
}

// An attribute value in double quotes, plain ASCII without entities or white space other
// than spaces (no normalisation needed), the closing quote consumed.
std::string_view Scanner::Quoted() {
  size_t start = pos_;
  while (pos_ < xml_.size()) {
    auto c = static_cast<unsigned char>(xml_[pos_]);
    if (c == '"') return xml_.substr(start, pos_++ - start);
    if (c < 0x20 || c >= 0x80 || c == '<' || c == '&') throw GiveUp{"attribute value"};
    ++pos_;
  }
  throw GiveUp{"unterminated attribute value"};
}

// One or more <value>text</value> or <value/>, then `end`.
void Scanner::Values(bool category, std::string_view name, std::string_view end) {
  int count = 0;
  while (true) {
    Space();
    if (Take(end)) break;
    std::string_view value;
    if (!Take("<value/>")) {
      Expect("<value>");
      value = Text();
      Expect("</value>");
    }
    ++count;
    if (category)
      builder_.AddCategory(name, value);
    else
      builder_.AddValue(value, IsInDocument(value));
  }
  // The DTD wants one value at least; libxml2 (not validating) accepts none: so do we, but
  // the envelope's category wants exactly one, which the reader would see the same way.
  if (category && count != 1) throw GiveUp{"operational attribute without exactly one value"};
}

// Character data up to the next '<', in UTF-8: a view of the document itself when nothing
// needed decoding, else of value_ (valid until the next Text()).
std::string_view Scanner::Text() {
  size_t start = pos_;
  const char* found =
      static_cast<const char*>(std::memchr(xml_.data() + pos_, '<', xml_.size() - pos_));
  if (found == nullptr) throw GiveUp{"unterminated text"};
  size_t end = static_cast<size_t>(found - xml_.data());
  // No real value comes near this; libxml2 then refuses the text node (over 10 MB) or reads it.
  if (end - start > kMaxScannedValue) throw GiveUp{"value larger than 1 MB"};
  std::string_view raw = xml_.substr(start, end - start);
  pos_ = end;
  return Decode(raw, &value_);
}

// Characters XML allows in text, lines counted; false when some are not ASCII.
bool Scanner::CheckCharacters(std::string_view raw) {
  bool ascii = true;
  for (size_t i = 0; i < raw.size(); ++i) {
    auto c = static_cast<unsigned char>(raw[i]);
    if (c >= 0x80) {
      ascii = false;
    } else if (c < 0x20) {
      if (c == '\n')
        ++line_;
      else if (c != '\t')
        throw GiveUp{"control character or CR in text"};
    } else if (c == '>' && i >= 2 && raw[i - 1] == ']' && raw[i - 2] == ']') {
      throw GiveUp{"]]> in text"};
    }
  }
  return ascii;
}

// The five predefined entities replaced; any other reference gives up.
std::string_view Scanner::ExpandEntities(std::string_view raw) {
  if (raw.find('&') == std::string_view::npos) return raw;
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  plain_.clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '&') {
      plain_ += raw[i];
      continue;
    }
    bool known = false;
    for (const auto& [entity, character] : kEntities) {
      if (raw.compare(i, entity.size(), entity) != 0) continue;
      plain_ += character;
      i += entity.size() - 1;
      known = true;
      break;
    }
    if (!known) throw GiveUp{"entity or character reference"};
  }
  return plain_;
}

std::string_view Scanner::Decode(std::string_view raw, std::string* out) {
  out->clear();
  bool ascii = CheckCharacters(raw);
  std::string_view text = ExpandEntities(raw);
  if (ascii) return text;
  if (!charset_->Append(text, out)) throw GiveUp{"text not valid in the declared encoding"};
  // U+FFFE and U+FFFF are not XML characters.
  if (out->find("\xEF\xBF\xBE") != std::string::npos ||
      out->find("\xEF\xBF\xBF") != std::string::npos) {
    throw GiveUp{"non-character in text"};
  }
  return *out;
}

}  // namespace

std::optional<ScanGaveUp> ScanFeed(std::string_view xml, const FeedRecordSink& records) {
  Scanner scanner(records);
  try {
    scanner.Scan(xml, true);
  } catch (const GiveUp& gave_up) {
    return ScanGaveUp{gave_up.reason, scanner.Line()};
  }
  return std::nullopt;
}

std::optional<ScanGaveUp> ScanFeedPieces(const FeedBytesSource& read,
                                         const FeedRecordSink& records) {
  Scanner scanner(records);
  std::string buffer(kPieceBytes, '\0');
  size_t held = 0;  // bytes in buffer not scanned yet
  try {
    while (true) {
      size_t got = 0;
      while (held < buffer.size() && (got = read(buffer.data() + held, buffer.size() - held)) > 0) {
        held += got;
      }
      bool last = held < buffer.size();
      if (scanner.Scan(std::string_view(buffer.data(), held), last)) return std::nullopt;
      if (last) throw GiveUp{"unexpected end of file"};
      size_t consumed = scanner.Consumed();
      if (consumed == 0) {
        if (buffer.size() >= kMaxPieceBytes) throw GiveUp{"a request larger than 64 MB"};
        buffer.resize(buffer.size() * 2);  // one request longer than the piece
        continue;
      }
      std::memmove(buffer.data(), buffer.data() + consumed, held - consumed);
      held -= consumed;
    }
  } catch (const GiveUp& gave_up) {
    return ScanGaveUp{gave_up.reason, scanner.Line()};
  }
}

}  // namespace sdetcheck
