#include "report/baseline.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace aegis::report {

using Json = nlohmann::ordered_json;

std::string format_baseline(const engine::ScanResult& result, const std::string& reason) {
  Json doc;
  doc["aegis_baseline"] = kBaselineFormat;
  doc["version"] = AEGIS_VERSION;
  Json findings = Json::array();
  for (const Finding& f : result.findings) {
    if (f.status == FindingStatus::Accepted) continue;
    Json j;
    j["fingerprint"] = f.fingerprint;
    j["rule_id"] = f.rule_id;
    j["path"] = f.path;
    j["line"] = f.line;
    // A re-written baseline keeps the reasons of the entries it carries over.
    std::string why = f.status == FindingStatus::Baseline && f.status_reason.rfind("in baseline ", 0) != 0
                          ? f.status_reason
                          : reason;
    if (!why.empty()) j["reason"] = why;
    findings.push_back(std::move(j));
  }
  doc["findings"] = std::move(findings);
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

namespace {

bool string_field(const Json& object, const char* key, bool required, std::string& out, std::string& error,
                  std::size_t index) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (!required) return true;
    error = "findings[" + std::to_string(index) + "] has no \"" + key + "\"";
    return false;
  }
  if (!it->is_string()) {
    error = "findings[" + std::to_string(index) + "]." + key + " is not a string";
    return false;
  }
  out = it->get<std::string>();
  return true;
}

}  // namespace

bool parse_baseline(const std::string& text, Baseline& out, std::string& error) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // nlohmann's message names the byte offset; add the line and column people look for.
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    error = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": not valid JSON (" +
            e.what() + ")";
    return false;
  }
  if (!doc.is_object() || !doc.contains("aegis_baseline")) {
    error = "not an Aegis baseline (no \"aegis_baseline\" key; write one with 'aegis baseline')";
    return false;
  }
  if (!doc["aegis_baseline"].is_number_integer() || doc["aegis_baseline"].get<int>() != kBaselineFormat) {
    error = "unsupported baseline format " + doc["aegis_baseline"].dump() + " (this Aegis reads format " +
            std::to_string(kBaselineFormat) + ")";
    return false;
  }
  auto findings = doc.find("findings");
  if (findings == doc.end() || !findings->is_array()) {
    error = "\"findings\" is missing or not an array";
    return false;
  }
  out.entries.clear();
  for (std::size_t i = 0; i < findings->size(); ++i) {
    const Json& j = (*findings)[i];
    if (!j.is_object()) {
      error = "findings[" + std::to_string(i) + "] is not an object";
      return false;
    }
    BaselineEntry e;
    if (!string_field(j, "fingerprint", true, e.fingerprint, error, i) ||
        !string_field(j, "rule_id", false, e.rule_id, error, i) || !string_field(j, "path", false, e.path, error, i) ||
        !string_field(j, "reason", false, e.reason, error, i)) {
      return false;
    }
    if (e.fingerprint.empty()) {
      error = "findings[" + std::to_string(i) + "].fingerprint is empty";
      return false;
    }
    if (auto line = j.find("line"); line != j.end() && line->is_number_integer()) e.line = line->get<int>();
    out.entries.push_back(std::move(e));
  }
  return true;
}

bool load_baseline(const std::string& path, Baseline& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read the file";
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  out.file = path;
  return parse_baseline(text.str(), out, error);
}

BaselineOutcome apply_baseline(engine::ScanResult& result, const Baseline& baseline) {
  BaselineOutcome outcome;
  outcome.applied = true;
  outcome.file = baseline.file;
  outcome.entries = baseline.entries.size();
  result.baseline_file = baseline.file.empty() ? std::string("baseline") : baseline.file;
  // Fingerprint -> indexes of the entries not yet used, in file order.
  std::map<std::string, std::vector<std::size_t>> unused;
  for (std::size_t i = baseline.entries.size(); i-- > 0;) unused[baseline.entries[i].fingerprint].push_back(i);
  std::vector<bool> used(baseline.entries.size(), false);
  for (Finding& f : result.findings) {
    if (f.status != FindingStatus::Open) continue;
    auto it = unused.find(f.fingerprint);
    if (it == unused.end() || it->second.empty()) continue;
    std::size_t index = it->second.back();
    it->second.pop_back();
    used[index] = true;
    const BaselineEntry& entry = baseline.entries[index];
    f.status = FindingStatus::Baseline;
    f.status_reason = entry.reason.empty() ? "in baseline " + result.baseline_file : entry.reason;
    ++outcome.absorbed;
  }
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (!used[i]) outcome.unmatched.push_back(baseline.entries[i]);
  }
  return outcome;
}

}  // namespace aegis::report
