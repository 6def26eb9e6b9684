#include "aaf/feed_xml_reader.h"

#include <climits>
#include <memory>
#include <vector>

#include <libxml/xmlreader.h>

#include "aaf/feed_record_builder.h"

namespace sdetcheck {
namespace {

constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                         XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;

struct ReaderDeleter {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};
using ReaderPtr = std::unique_ptr<xmlTextReader, ReaderDeleter>;

std::string_view Text(const xmlChar* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

std::string TakeAttribute(xmlTextReaderPtr reader, const char* name) {
  xmlChar* value = xmlTextReaderGetAttribute(reader, reinterpret_cast<const xmlChar*>(name));
  std::string out(Text(value));
  xmlFree(value);
  return out;
}

// Where a value's text goes when its element ends.
enum class Collecting { kNothing, kCategory, kId, kValue };

class Walker {
 public:
  Walker(xmlTextReaderPtr reader, const FeedRecordSink& records, const FeedProblemSink& problems)
      : reader_(reader), records_(records), problems_(problems) {
    xmlTextReaderSetStructuredErrorHandler(reader_, OnError, this);
  }

  std::optional<FeedReadError> Walk() {
    int status = 0;
    while ((status = xmlTextReaderRead(reader_)) == 1) {
      if (!Visit()) return fatal_;
    }
    if (status < 0 || error_) {
      FeedReadError e = error_.value_or(FeedReadError{"unreadable XML", Line()});
      return e;
    }
    if (!saw_root_) return FeedReadError{"no root element", 0};
    return std::nullopt;
  }

 private:
  // libxml2 2.9's handler type takes a non-const error.
  static void OnError(void* self, xmlError* error) {  // NOLINT(readability-non-const-parameter)
    auto* walker = static_cast<Walker*>(self);
    if (error->level < XML_ERR_ERROR || walker->error_) return;
    std::string message = error->message ? error->message : "XML error";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    walker->error_ = FeedReadError{message, static_cast<uint32_t>(error->line)};
  }

  uint32_t Line() const {
    xmlNodePtr node = xmlTextReaderCurrentNode(reader_);
    long line = node ? xmlGetLineNo(node) : -1;
    return line > 0 ? static_cast<uint32_t>(line) : 0;
  }

  void Problem(const char* rule, std::string detail) {
    problems_(FeedProblem{rule, Line(), std::move(detail)});
  }

  // An element outside the envelope's shape: said once, its content skipped.
  void Unexpected(std::string_view name, std::string_view where) {
    Problem("envelope.structure",
            "unexpected element <" + std::string(name) + "> in <" + std::string(where) + ">");
    if (!xmlTextReaderIsEmptyElement(reader_)) skip_depth_ = xmlTextReaderDepth(reader_);
  }

  bool Visit();
  bool StartElement();
  bool StartRequest(std::string_view name);
  bool StartInRequest(std::string_view name);
  void EndElement();

  xmlTextReaderPtr reader_;
  const FeedRecordSink& records_;
  const FeedProblemSink& problems_;
  FeedRecordBuilder builder_;
  std::vector<std::string> path_;  // open elements, root first
  Collecting collecting_ = Collecting::kNothing;
  std::string text_, category_name_;
  int skip_depth_ = -1;  // inside an unexpected element at this depth
  bool saw_root_ = false;
  std::optional<FeedReadError> error_, fatal_;
};

bool Walker::Visit() {
  int type = xmlTextReaderNodeType(reader_);
  int depth = xmlTextReaderDepth(reader_);
  if (skip_depth_ >= 0) {
    if (type == XML_READER_TYPE_END_ELEMENT && depth == skip_depth_) skip_depth_ = -1;
    return true;
  }
  switch (type) {
    case XML_READER_TYPE_ELEMENT:
      return StartElement();
    case XML_READER_TYPE_END_ELEMENT:
      EndElement();
      return true;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
      std::string_view text = Text(xmlTextReaderConstValue(reader_));
      if (collecting_ != Collecting::kNothing) {
        text_.append(text);
      } else if (text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
        Problem("envelope.structure", "text outside a value");
      }
      return true;
    }
    case XML_READER_TYPE_ENTITY_REFERENCE:
      Problem("xml.entity", "&" + std::string(Text(xmlTextReaderConstLocalName(reader_))) +
                                "; is not resolved (not one of the five XML entities)");
      return true;
    default:
      return true;
  }
}

bool Walker::StartElement() {
  std::string_view name = Text(xmlTextReaderConstLocalName(reader_));
  bool empty = xmlTextReaderIsEmptyElement(reader_);
  std::string_view parent = path_.empty() ? std::string_view() : path_.back();
  if (xmlTextReaderConstNamespaceUri(reader_) != nullptr) {
    Unexpected(Text(xmlTextReaderConstName(reader_)), parent);
    return true;
  }
  if (path_.empty() && name != "ficAlimMENESR") {
    fatal_ =
        FeedReadError{"root element <" + std::string(name) + ">, expected <ficAlimMENESR>", Line()};
    return false;
  }
  saw_root_ = true;
  bool accepted = path_.empty() || (path_.size() == 1 ? StartRequest(name) : StartInRequest(name));
  if (!accepted) {
    Unexpected(name, parent);
    return true;
  }
  path_.emplace_back(name);
  if (empty) EndElement();
  return true;
}

bool Walker::StartRequest(std::string_view name) {
  if (name == "addRequest")
    builder_.Begin(FeedOperation::kAdd, Line());
  else if (name == "modifyRequest")
    builder_.Begin(FeedOperation::kModify, Line());
  else if (name == "deleteRequest")
    builder_.Begin(FeedOperation::kDelete, Line());
  else
    return false;
  return true;
}

// Below a request: the parent decides what `name` may be.
bool Walker::StartInRequest(std::string_view name) {
  const std::string& parent = path_.back();
  if (path_.size() == 2) {
    bool add = path_[1] == "addRequest";
    bool modify = path_[1] == "modifyRequest";
    return name == "operationalAttributes" || name == "identifier" ||
           (add && name == "attributes") || (modify && name == "modifications");
  }
  if (path_.size() == 3) {
    if (parent == "operationalAttributes" && name == "attr") {
      category_name_ = TakeAttribute(reader_, "name");
      return true;
    }
    if (parent == "identifier" && name == "id") {
      collecting_ = Collecting::kId;
      text_.clear();
      return true;
    }
    bool modification = parent == "modifications" && name == "modification";
    if (!(parent == "attributes" && name == "attr") && !modification) return false;
    builder_.BeginAttribute(TakeAttribute(reader_, "name"),
                            modification ? TakeAttribute(reader_, "operation") : "", Line());
    return true;
  }
  if (path_.size() != 4 || name != "value" || (parent != "attr" && parent != "modification")) {
    return false;
  }
  collecting_ = path_[2] == "operationalAttributes" ? Collecting::kCategory : Collecting::kValue;
  text_.clear();
  return true;
}

void Walker::EndElement() {
  if (path_.empty()) return;
  if (collecting_ == Collecting::kCategory && path_.back() == "value") {
    builder_.AddCategory(category_name_, text_);
  } else if (collecting_ == Collecting::kValue && path_.back() == "value") {
    builder_.AddValue(text_);
  } else if (collecting_ == Collecting::kId && path_.back() == "id") {
    builder_.AddId(text_);
  }
  if (path_.back() == "value" || path_.back() == "id") collecting_ = Collecting::kNothing;
  path_.pop_back();
  if (path_.size() == 1) records_(builder_.Finish());
}

std::optional<FeedReadError> Run(xmlTextReaderPtr raw, const FeedRecordSink& records,
                                 const FeedProblemSink& problems) {
  ReaderPtr reader(raw);
  if (!reader) return FeedReadError{"cannot open the file", 0};
  Walker walker(reader.get(), records, problems);
  return walker.Walk();
}

}  // namespace

std::optional<FeedReadError> ReadFeedFile(const std::string& path, const FeedRecordSink& records,
                                          const FeedProblemSink& problems) {
  return Run(xmlReaderForFile(path.c_str(), nullptr, kOptions), records, problems);
}

std::optional<FeedReadError> ReadFeedMemory(std::string_view xml, const std::string& name,
                                            const FeedRecordSink& records,
                                            const FeedProblemSink& problems) {
  if (xml.size() > static_cast<size_t>(INT_MAX)) return FeedReadError{"file larger than 2 GB", 0};
  return Run(
      xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), name.c_str(), nullptr, kOptions),
      records, problems);
}

}  // namespace sdetcheck
