#include "support/replay_transport.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ReadWholeFile(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  std::ostringstream text;
  if (*ok) text << in.rdbuf();
  return text.str();
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::optional<std::string> DecodeBase64(const std::string& text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == '\n' || c == ' ') continue;
    int value = Base64Value(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

HeaderList ReadHeaders(const json& headers) {
  HeaderList list;
  if (!headers.is_array()) throw std::invalid_argument("response.headers must be a list");
  for (const json& header : headers) {
    if (!header.is_array() || header.size() != 2) {
      throw std::invalid_argument("each header must be [name, value]");
    }
    list.emplace_back(header.at(0).get<std::string>(), header.at(1).get<std::string>());
  }
  return list;
}

std::string ReadBody(const json& response) {
  std::string body = response.value("body", "");
  if (response.contains("body_base64")) {
    std::optional<std::string> bytes = DecodeBase64(response.at("body_base64").get<std::string>());
    if (!bytes) throw std::invalid_argument("response.body_base64 is not base64");
    body += *bytes;
  }
  if (response.contains("body_repeat")) {
    for (const json& part : response.at("body_repeat")) {
      std::string text = part.at(0).get<std::string>();
      int count = part.at(1).get<int>();
      body.reserve(body.size() + text.size() * static_cast<size_t>(std::max(count, 0)));
      for (int i = 0; i < count; ++i) body += text;
    }
  }
  return body;
}

FetchError ReadErrorKind(const std::string& name) {
  static const std::map<std::string, FetchError> kKinds = {
      {"connect", FetchError::kConnect},     {"tls", FetchError::kTls},
      {"timeout", FetchError::kTimeout},     {"too_large", FetchError::kTooLarge},
      {"redirects", FetchError::kRedirects}, {"other", FetchError::kOther}};
  auto it = kKinds.find(name);
  if (it == kKinds.end()) throw std::invalid_argument("unknown error_kind '" + name + "'");
  return it->second;
}

Recording ParseRecording(const json& entry) {
  Recording recording;
  const json& request = entry.at("request");
  recording.method = request.value("method", "GET");
  recording.url = request.at("url").get<std::string>();
  recording.tls_max_version = request.value("tls_max_version", "");
  if (entry.contains("error")) {
    recording.result.ok = false;
    recording.result.error = entry.at("error").get<std::string>();
    recording.result.error_kind = ReadErrorKind(entry.value("error_kind", "other"));
    recording.result.attempts = 1;
    return recording;
  }
  const json& response = entry.at("response");
  Response& r = recording.result.response;
  r.status = response.at("status").get<long>();
  r.headers = ReadHeaders(response.value("headers", json::array()));
  r.body = ReadBody(response);
  r.tls_version = response.value("tls_version", "");
  r.effective_url = response.value("effective_url", recording.url);
  r.redirects = response.value("redirects", 0);
  recording.result.ok = true;
  recording.result.attempts = 1;
  return recording;
}

std::string Resolve(const std::string& file) {
  if (fs::path(file).is_absolute()) return file;
  return (fs::path(RecordingsDirectory()) / file).string();
}

}  // namespace

std::string RecordingsDirectory() {
  return std::string(SDETCHECK_SOURCE_DIR) + "/tests/fixtures/recordings";
}

std::optional<std::vector<Recording>> ReadRecordingFile(const std::string& path,
                                                        std::string* error) {
  bool ok = false;
  std::string text = ReadWholeFile(path, &ok);
  if (!ok) {
    *error = path + ": cannot read file";
    return std::nullopt;
  }
  try {
    json doc = json::parse(text);
    std::vector<Recording> recordings;
    if (doc.is_array()) {
      for (const json& entry : doc) recordings.push_back(ParseRecording(entry));
    } else {
      recordings.push_back(ParseRecording(doc));
    }
    return recordings;
  } catch (const std::exception& e) {
    *error = path + ": " + e.what();
    return std::nullopt;
  }
}

Recording LoadRecording(const std::string& name) {
  std::string error;
  std::optional<std::vector<Recording>> recordings = ReadRecordingFile(Resolve(name), &error);
  if (!recordings) throw std::runtime_error(error);
  if (recordings->empty()) throw std::runtime_error(name + ": no recording");
  return recordings->front();
}

void ReplayTransport::LoadFile(const std::string& file) {
  std::string error;
  std::optional<std::vector<Recording>> recordings = ReadRecordingFile(Resolve(file), &error);
  if (!recordings) throw std::runtime_error(error);
  for (const Recording& recording : *recordings) Add(recording);
}

void ReplayTransport::LoadDirectory(const std::string& directory) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) LoadFile(file);
}

void ReplayTransport::Add(const Recording& recording) {
  recordings_[KeyOf(recording.method, recording.url, recording.tls_max_version)] = recording.result;
}

void ReplayTransport::AddResponse(const std::string& method, const std::string& url,
                                  Response response) {
  Recording recording;
  recording.method = method;
  recording.url = url;
  if (response.effective_url.empty()) response.effective_url = url;
  recording.result.ok = true;
  recording.result.attempts = 1;
  recording.result.response = std::move(response);
  Add(recording);
}

void ReplayTransport::AddError(const std::string& method, const std::string& url,
                               const std::string& error, FetchError kind) {
  Recording recording;
  recording.method = method;
  recording.url = url;
  recording.result.ok = false;
  recording.result.attempts = 1;
  recording.result.error = error;
  recording.result.error_kind = kind;
  Add(recording);
}

bool ReplayTransport::HasRecording(const std::string& method, const std::string& url) const {
  return recordings_.count(KeyOf(method, url)) > 0;
}

std::string ReplayTransport::KeyOf(const std::string& method, const std::string& url,
                                   const std::string& tls_max_version) {
  std::string key = method + " " + url;
  if (!tls_max_version.empty()) key += " (TLS <= " + tls_max_version + ")";
  return key;
}

FetchResult ReplayTransport::Answer(const Request& request) {
  std::string key = KeyOf(request.method, request.url, request.tls_max_version);
  auto it = recordings_.find(key);
  if (it != recordings_.end()) return it->second;
  unmatched_.push_back(key);
  FetchResult missing;
  missing.ok = false;
  missing.attempts = 1;
  missing.error = request.method + " " + request.url + ": no recording for this request";
  missing.error_kind = FetchError::kOther;
  return missing;
}

void ReplayTransport::Submit(const Request& request, Callback done) {
  requests_.push_back(request);
  ++counts_[request.url];
  pending_.emplace_back(Answer(request), std::move(done));
}

void ReplayTransport::Run() {
  // Callbacks may submit more requests; they join the back of the queue.
  while (!pending_.empty()) {
    std::pair<FetchResult, Callback> next = std::move(pending_.front());
    pending_.pop_front();
    next.second(next.first);
  }
}

int ReplayTransport::SubmittedCount(const std::string& url) const {
  auto it = counts_.find(url);
  return it == counts_.end() ? 0 : it->second;
}

void FaultTransport::AddFault(const std::string& url_substring, Fault fault) {
  rules_.emplace_back(url_substring, fault);
}

FetchResult FaultTransport::Result(Fault fault, const Request& request) {
  FetchResult result;
  result.ok = false;
  result.attempts = 1;
  std::string where = request.method + " " + request.url + ": ";
  switch (fault) {
    case Fault::kTimeout:
      result.error = where + "no complete answer within 20000 ms (Operation timed out)";
      result.error_kind = FetchError::kTimeout;
      break;
    case Fault::kConnectionRefused:
      result.error = where + "connection failed: Failed to connect: Connection refused";
      result.error_kind = FetchError::kConnect;
      break;
    case Fault::kTlsHandshake:
      result.error = where + "TLS handshake failed: unsupported protocol";
      result.error_kind = FetchError::kTls;
      break;
    case Fault::kBodyTooLarge:
      result.error = where + "response body exceeds the limit of 10485760 bytes (--max-body)";
      result.error_kind = FetchError::kTooLarge;
      break;
    case Fault::kRedirectLoop:
      result.error = where + "more than 5 redirects (redirect loop?)";
      result.error_kind = FetchError::kRedirects;
      break;
  }
  return result;
}

void FaultTransport::Submit(const Request& request, Callback done) {
  for (const auto& [substring, fault] : rules_) {
    if (request.url.find(substring) == std::string::npos) continue;
    ++faults_injected_;
    pending_.emplace_back(Result(fault, request), std::move(done));
    return;
  }
  inner()->Submit(request, std::move(done));
}

void FaultTransport::Run() {
  // Either side's callbacks may submit to either side: loop until both are drained.
  do {
    while (!pending_.empty()) {
      std::pair<FetchResult, Callback> next = std::move(pending_.front());
      pending_.pop_front();
      next.second(next.first);
    }
    inner()->Run();
  } while (!pending_.empty());
}

}  // namespace sdetcheck
