#include "report/json.h"

#include <charconv>
#include <cstring>
#include <string_view>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace aegis::report {

using namespace engine;

namespace {

using Json = nlohmann::ordered_json;

Json position(int value) { return value > 0 ? Json(value) : Json(nullptr); }
Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json outcome_json(const FileOutcome& o, bool with_kind) {
  Json j;
  j["path"] = o.path;
  if (with_kind) j["kind"] = to_string(o.kind);
  j["reason"] = o.reason;
  j["detail"] = o.detail;
  return j;
}

}  // namespace

Json diagnostic_json(const Diagnostic& d) {
  Json j;
  j["path"] = d.path;
  j["line"] = position(d.line);
  j["column"] = position(d.column);
  j["end_line"] = position(d.end_line);
  j["end_column"] = position(d.end_column);
  j["severity"] = to_string(d.severity);
  j["kind"] = to_string(d.kind);
  j["message"] = d.message;
  return j;
}

Json suppressions_json(const ScanResult& result) {
  Json list = Json::array();
  for (const rules::Suppression& s : result.suppressions) {
    Json j;
    j["path"] = s.path;
    j["line"] = s.line;
    j["column"] = s.column;
    j["kind"] = rules::to_string(s.kind);
    j["text"] = s.text;
    j["broad"] = s.broad;
    Json named = Json::array();
    for (std::size_t i = 0; i < s.rules.size(); ++i) {
      named.push_back({{"rule_id", s.rules[i]}, {"written", s.written[i]}, {"accepted", s.accepted_by_rule[i]}});
    }
    j["rules"] = std::move(named);
    j["reason"] = text_or_null(s.reason);
    j["accepted"] = s.accepted;
    list.push_back(std::move(j));
  }
  return list;
}

Json coverage_json(const ScanResult& result) {
  const Coverage& c = result.coverage;
  Json coverage;
  coverage["files_found"] = c.files_found;
  coverage["analysed"] = c.analysed;
  coverage["skipped"] = c.skipped;
  coverage["failed"] = c.failed;
  coverage["complete"] = result.complete();
  coverage["lines_analysed"] = c.lines_analysed;
  coverage["bytes_analysed"] = c.bytes_analysed;
  Json by_kind = Json::object();
  for (const auto& [kind, k] : c.by_kind) {
    by_kind[to_string(kind)] = {{"found", k.found}, {"analysed", k.analysed}, {"skipped", k.skipped},
                                {"failed", k.failed}};
  }
  coverage["by_kind"] = std::move(by_kind);
  Json skipped = Json::array();
  Json failed = Json::array();
  for (const FileOutcome& f : result.files) {
    if (f.status == FileStatus::Skipped) skipped.push_back(outcome_json(f, true));
    if (f.status == FileStatus::Failed) failed.push_back(outcome_json(f, true));
  }
  coverage["skipped_files"] = std::move(skipped);
  coverage["failed_files"] = std::move(failed);
  Json directories;
  directories["walked"] = c.directories_walked;
  Json dir_skipped = Json::array();
  Json dir_failed = Json::array();
  for (const FileOutcome& d : result.directories) {
    (d.status == FileStatus::Failed ? dir_failed : dir_skipped).push_back(outcome_json(d, false));
  }
  directories["skipped"] = std::move(dir_skipped);
  directories["failed"] = std::move(dir_failed);
  coverage["directories"] = std::move(directories);
  return coverage;
}

namespace {

// The document written straight into one string, byte for byte what nlohmann's
// dump(2, ' ', false, replace) prints: building a JSON tree of every finding first cost
// a tenth of a library scan's single-threaded tail. The small pieces (suppressions,
// diagnostics) still go through nlohmann and are indented into place.
// The offset of the first byte JSON cannot take as it is (a control character, '"', '\\',
// or a byte above 0x7F), or the size when there is none: nearly every message and snippet
// is plain ASCII, and copies whole.
std::size_t first_special_byte(std::string_view s) {
  std::size_t i = 0;
#ifdef __SSE2__
  // Signed bytes below 0x20 are the control characters and every byte from 0x80.
  const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= s.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i special = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    if (int mask = _mm_movemask_epi8(special)) return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return i;
  }
  return s.size();
}

class DocumentWriter {
 public:
  explicit DocumentWriter(std::size_t reserve) { out_.reserve(reserve); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // The names are the schema's, plain ASCII: written without a look at their bytes, and
  // with the separator and indentation before them in one append (50,000 keys a library scan).
  void key(std::string_view name) {
    char line[96];
    std::size_t n = 0;
    const std::size_t indent = depth_.size() * 2;
    if (!after_key_ && !depth_.empty() && indent + name.size() + 8 <= sizeof line) {
      if (depth_.back()++ > 0) line[n++] = ',';
      line[n++] = '\n';
      std::memset(line + n, ' ', indent);
      n += indent;
      line[n++] = '"';
      std::memcpy(line + n, name.data(), name.size());
      n += name.size();
      line[n++] = '"';
      line[n++] = ':';
      line[n++] = ' ';
      out_.append(line, n);
    } else {
      member();
      out_ += '"';
      out_.append(name);
      out_.append("\": ", 3);
    }
    after_key_ = true;
  }
  void value(std::string_view text) {
    member();
    string(text);
  }
  void value(const char* text) { value(std::string_view(text)); }  // not the bool overload
  void value(int number) { value(static_cast<long long>(number)); }
  void value(long long number) {
    member();
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
    out_.append(digits, end);
  }
  void value(bool flag) {
    member();
    out_ += flag ? "true" : "false";
  }
  void null() {
    member();
    out_ += "null";
  }
  void text_or_null(const std::string& s) { s.empty() ? null() : value(std::string_view(s)); }
  void position(int n) { n > 0 ? value(n) : null(); }
  // A piece nlohmann printed at indentation 2 from column 0, moved to this depth.
  void piece(const Json& j) {
    member();
    std::string text = j.dump(2, ' ', false, Json::error_handler_t::replace);
    std::size_t indent = depth_.size() * 2;
    for (std::size_t from = 0;;) {
      std::size_t newline = text.find('\n', from);
      if (newline == std::string::npos) {
        out_.append(text, from);
        break;
      }
      out_.append(text, from, newline + 1 - from);
      out_.append(indent, ' ');
      from = newline + 1;
    }
  }

  std::string take() { return std::move(out_); }

 private:
  // Before a value: a new line and indentation inside a container, nothing after a key.
  void member() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_.empty()) return;
    if (depth_.back()++ > 0) out_ += ',';
    out_ += '\n';
    out_.append(depth_.size() * 2, ' ');
  }
  void open(char bracket) {
    member();
    out_ += bracket;
    depth_.push_back(0);
  }
  void close(char bracket) {
    bool empty = depth_.back() == 0;
    depth_.pop_back();
    if (!empty) {
      out_ += '\n';
      out_.append(depth_.size() * 2, ' ');
    }
    out_ += bracket;
  }
  // Printable ASCII and the escapes JSON names are written here; a string with any byte
  // above 0x7F goes through nlohmann, which replaces invalid UTF-8 its own way.
  void string(std::string_view s) {
    const std::size_t start = out_.size();
    out_ += '"';
    std::size_t run = 0;
    for (std::size_t i = first_special_byte(s); i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') continue;
      if (c >= 0x80) {
        out_.resize(start);
        out_ += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
        return;
      }
      out_.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\t': out_ += "\\t"; break;
        case '\n': out_ += "\\n"; break;
        case '\f': out_ += "\\f"; break;
        case '\r': out_ += "\\r"; break;
        default: {
          static const char kHex[] = "0123456789abcdef";
          char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out_.append(escape, 6);
        }
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  std::string out_;
  std::vector<int> depth_;  // members written so far in each open container
  bool after_key_ = false;
};

void write_finding(DocumentWriter& w, const Finding& f) {
  w.begin_object();
  w.key("rule_id"), w.value(f.rule_id);
  w.key("name"), w.value(f.rule_name);
  w.key("alias"), w.text_or_null(f.alias);
  w.key("path"), w.value(f.path);
  w.key("line"), w.value(f.line);
  w.key("column"), w.value(f.column);
  w.key("end_line"), w.value(f.end_line);
  w.key("end_column"), w.value(f.end_column);
  w.key("severity"), w.value(to_string(f.severity));
  w.key("confidence"), w.value(to_string(f.confidence));
  w.key("cwe");
  f.cwe > 0 ? w.value(f.cwe) : w.null();
  w.key("owasp"), w.value(f.owasp);
  w.key("area"), w.value(to_string(f.area));
  w.key("context"), w.value(f.in_test ? "test" : "code");
  w.key("message"), w.value(f.message);
  w.key("snippet"), w.value(f.snippet);
  w.key("remediation"), w.value(f.remediation);
  w.key("effort"), w.value(f.effort);
  w.key("status"), w.value(to_string(f.status));
  w.key("status_reason"), w.text_or_null(f.status_reason);
  w.key("suppressed_by"), w.text_or_null(f.suppressed_by);
  w.key("fingerprint"), w.value(f.fingerprint);
  w.key("trace");
  w.begin_array();
  for (const TraceStep& s : f.trace) {
    w.begin_object();
    w.key("path"), w.value(s.path);
    w.key("line"), w.value(s.line);
    w.key("column"), w.value(s.column);
    w.key("note"), w.value(s.note);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_strength(DocumentWriter& w, const Strength& s) {
  w.begin_object();
  w.key("id"), w.value(s.id);
  w.key("title"), w.value(s.title);
  w.key("area"), w.value(to_string(s.area));
  w.key("evidence"), w.value(s.evidence);
  w.key("path"), w.text_or_null(s.path);
  w.key("line"), w.position(s.line);
  w.end_object();
}

void write_outcome(DocumentWriter& w, const FileOutcome& o, bool with_kind) {
  w.begin_object();
  w.key("path"), w.value(o.path);
  if (with_kind) w.key("kind"), w.value(to_string(o.kind));
  w.key("reason"), w.value(o.reason);
  w.key("detail"), w.value(o.detail);
  w.end_object();
}

// coverage_json, written straight into the document (it lists every skipped file: the
// largest part of a library scan's report after the findings).
void write_coverage(DocumentWriter& w, const ScanResult& result) {
  const Coverage& c = result.coverage;
  auto count = [&](std::string_view name, std::uint64_t n) { w.key(name), w.value(static_cast<long long>(n)); };
  w.begin_object();
  count("files_found", c.files_found);
  count("analysed", c.analysed);
  count("skipped", c.skipped);
  count("failed", c.failed);
  w.key("complete"), w.value(result.complete());
  count("lines_analysed", c.lines_analysed);
  count("bytes_analysed", c.bytes_analysed);
  w.key("by_kind");
  w.begin_object();
  for (const auto& [kind, k] : c.by_kind) {
    w.key(to_string(kind));
    w.begin_object();
    count("found", k.found);
    count("analysed", k.analysed);
    count("skipped", k.skipped);
    count("failed", k.failed);
    w.end_object();
  }
  w.end_object();
  for (FileStatus status : {FileStatus::Skipped, FileStatus::Failed}) {
    w.key(status == FileStatus::Skipped ? "skipped_files" : "failed_files");
    w.begin_array();
    for (const FileOutcome& f : result.files) {
      if (f.status == status) write_outcome(w, f, true);
    }
    w.end_array();
  }
  w.key("directories");
  w.begin_object();
  count("walked", c.directories_walked);
  for (bool failed : {false, true}) {
    w.key(failed ? "failed" : "skipped");
    w.begin_array();
    for (const FileOutcome& d : result.directories) {
      if ((d.status == FileStatus::Failed) == failed) write_outcome(w, d, false);
    }
    w.end_array();
  }
  w.end_object();
  w.end_object();
}

}  // namespace

std::string format_json(const ScanResult& result) {
  DocumentWriter w(4096 + result.findings.size() * 1280);
  w.begin_object();
  w.key("schema_version"), w.value(std::string_view(kJsonSchemaVersion));
  w.key("version"), w.value(std::string_view(AEGIS_VERSION));
  w.key("findings");
  w.begin_array();
  for (const Finding& f : result.findings) write_finding(w, f);
  w.end_array();
  w.key("strengths");
  w.begin_array();
  for (const Strength& s : result.strengths) write_strength(w, s);
  w.end_array();
  w.key("inline_suppressions"), w.value(result.inline_suppressions);
  w.key("suppressions"), w.piece(suppressions_json(result));
  w.key("diagnostics");
  w.begin_array();
  for (const Diagnostic& d : result.diagnostics) w.piece(diagnostic_json(d));
  w.end_array();
  w.key("coverage"), write_coverage(w, result);
  w.end_object();
  std::string out = w.take();
  out += '\n';
  return out;
}

}  // namespace aegis::report
