#include "report/json.h"

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

Json finding_json(const Finding& f) {
  Json j;
  j["rule_id"] = f.rule_id;
  j["name"] = f.rule_name;
  j["alias"] = text_or_null(f.alias);
  j["path"] = f.path;
  j["line"] = f.line;
  j["column"] = f.column;
  j["end_line"] = f.end_line;
  j["end_column"] = f.end_column;
  j["severity"] = to_string(f.severity);
  j["confidence"] = to_string(f.confidence);
  j["cwe"] = f.cwe > 0 ? Json(f.cwe) : Json(nullptr);
  j["owasp"] = f.owasp;
  j["area"] = to_string(f.area);
  j["context"] = f.in_test ? "test" : "code";
  j["message"] = f.message;
  j["snippet"] = f.snippet;
  j["remediation"] = f.remediation;
  j["effort"] = f.effort;
  j["status"] = to_string(f.status);
  j["status_reason"] = text_or_null(f.status_reason);
  j["suppressed_by"] = text_or_null(f.suppressed_by);
  j["fingerprint"] = f.fingerprint;
  Json trace = Json::array();
  for (const TraceStep& s : f.trace) {
    Json step;
    step["path"] = s.path;
    step["line"] = s.line;
    step["column"] = s.column;
    step["note"] = s.note;
    trace.push_back(std::move(step));
  }
  j["trace"] = std::move(trace);
  return j;
}

Json strength_json(const Strength& s) {
  Json j;
  j["id"] = s.id;
  j["title"] = s.title;
  j["area"] = to_string(s.area);
  j["evidence"] = s.evidence;
  j["path"] = text_or_null(s.path);
  j["line"] = position(s.line);
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

std::string format_json(const ScanResult& result) {
  Json doc;
  doc["schema_version"] = kJsonSchemaVersion;
  doc["version"] = AEGIS_VERSION;
  doc["findings"] = Json::array();
  for (const Finding& f : result.findings) doc["findings"].push_back(finding_json(f));
  doc["strengths"] = Json::array();
  for (const Strength& s : result.strengths) doc["strengths"].push_back(strength_json(s));
  doc["inline_suppressions"] = result.inline_suppressions;
  doc["suppressions"] = suppressions_json(result);
  doc["diagnostics"] = Json::array();
  for (const Diagnostic& d : result.diagnostics) doc["diagnostics"].push_back(diagnostic_json(d));
  doc["coverage"] = coverage_json(result);
  // Invalid UTF-8 in a path (file names are bytes) is replaced, never fatal.
  std::string out = doc.dump(2, ' ', false, Json::error_handler_t::replace);
  out += '\n';
  return out;
}

}  // namespace aegis::report
