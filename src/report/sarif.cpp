#include "report/sarif.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "engine/config.h"
#include "report/json.h"
#include "rules/rule.h"

namespace aegis::report {

using namespace engine;

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

const char* level(Severity s) {
  switch (s) {
    case Severity::Critical:
    case Severity::High: return "error";
    case Severity::Medium: return "warning";
    case Severity::Low:
    case Severity::Info: return "note";
  }
  return "warning";
}

const char* level(DiagnosticSeverity s) {
  switch (s) {
    case DiagnosticSeverity::Error: return "error";
    case DiagnosticSeverity::Warning: return "warning";
    case DiagnosticSeverity::Note: return "note";
  }
  return "error";
}

std::string percent_encode(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

std::string cwe_tag(int cwe) { return "external/cwe/cwe-" + std::to_string(cwe); }

Json rule_json(const rules::RuleMeta& m) {
  Json r;
  r["id"] = std::string(m.id);
  r["name"] = std::string(m.name);
  r["shortDescription"] = {{"text", std::string(m.title)}};
  r["fullDescription"] = {{"text", std::string(m.flags)}};
  std::string text = std::string(m.why) + "\n\nExample:\n    " + std::string(m.example) + "\n\nFix: " +
                     std::string(m.fix);
  std::string markdown = "**What it flags.** " + std::string(m.flags) + "\n\n**Why it matters.** " +
                         std::string(m.why) + "\n\n**Example**\n\n```python\n" + std::string(m.example) +
                         "\n```\n\n**Fix.** " + std::string(m.fix) + "\n\n**Effort:** " + std::string(m.effort);
  if (!m.references.empty()) {
    text += "\n\nReferences:";
    markdown += "\n\n**References**\n";
    for (auto ref : m.references) {
      text += "\n- " + std::string(ref);
      markdown += "\n- " + std::string(ref);
    }
  }
  r["help"] = {{"text", text}, {"markdown", markdown}};
  r["defaultConfiguration"] = {{"level", level(m.severity)}};
  Json tags = Json::array({"security"});
  if (m.cwe > 0) tags.push_back(cwe_tag(m.cwe));
  tags.push_back(to_string(m.area));
  Json properties;
  properties["tags"] = std::move(tags);
  properties["security-severity"] = security_severity(m.severity);
  properties["precision"] = to_string(m.confidence) == std::string("high")     ? "high"
                            : to_string(m.confidence) == std::string("medium") ? "medium"
                                                                                : "low";
  properties["severity"] = to_string(m.severity);
  properties["cwe"] = m.cwe > 0 ? Json("CWE-" + std::to_string(m.cwe)) : Json(nullptr);
  properties["owasp"] = std::string(m.owasp);
  properties["area"] = to_string(m.area);
  properties["effort"] = std::string(m.effort);
  properties["bandit"] = m.bandit.empty() ? Json(nullptr) : Json(std::string(m.bandit));
  properties["ruff"] = m.ruff.empty() ? Json(nullptr) : Json(std::string(m.ruff));
  r["properties"] = std::move(properties);
  return r;
}

Json artifact_location(const std::string& path) {
  bool relative = false;
  std::string uri = path_uri(path, relative);
  Json location;
  location["uri"] = uri;
  if (relative) location["uriBaseId"] = "%SRCROOT%";
  return location;
}

Json region(int line, int column, int end_line, int end_column) {
  Json r;
  r["startLine"] = line;
  if (column > 0) r["startColumn"] = column;
  if (end_line >= line && end_line > 0) r["endLine"] = end_line;
  if (end_column > 0 && (end_line > line || end_column > column)) r["endColumn"] = end_column;
  return r;
}

}  // namespace

const char* security_severity(Severity severity) {
  switch (severity) {
    case Severity::Critical: return "9.5";
    case Severity::High: return "8.0";
    case Severity::Medium: return "5.5";
    case Severity::Low: return "3.0";
    case Severity::Info: return "1.0";
  }
  return "5.5";
}

std::string path_uri(const std::string& path, bool& relative) {
  std::string p = path;
  while (p.rfind("./", 0) == 0) p.erase(0, 2);
  if (!p.empty() && p[0] == '/') {
    std::string cwd = absolute_path(".");
    std::string normal = absolute_path(p);
    if (cwd != "/" && normal.size() > cwd.size() && normal.compare(0, cwd.size(), cwd) == 0 &&
        normal[cwd.size()] == '/') {
      relative = true;
      return percent_encode(normal.substr(cwd.size() + 1));
    }
    relative = false;
    return "file://" + percent_encode(normal);
  }
  relative = true;
  return percent_encode(p);
}

std::string format_sarif(const ScanResult& result) {
  // The rules that ran, by id; a finding of any other rule (none today) adds its rule.
  std::vector<const rules::Rule*> rule_list = result.rules;
  for (const Finding& f : result.findings) {
    bool known = std::any_of(rule_list.begin(), rule_list.end(),
                             [&](const rules::Rule* r) { return r->meta().id == f.rule_id; });
    if (known) continue;
    if (const rules::Rule* r = rules::Registry::instance().find(f.rule_id)) rule_list.push_back(r);
  }
  std::sort(rule_list.begin(), rule_list.end(),
            [](const rules::Rule* a, const rules::Rule* b) { return a->meta().id < b->meta().id; });
  std::map<std::string, std::size_t> index;
  Json rules_json = Json::array();
  for (const rules::Rule* r : rule_list) {
    index[std::string(r->meta().id)] = rules_json.size();
    rules_json.push_back(rule_json(r->meta()));
  }

  Json results = Json::array();
  for (const Finding& f : result.findings) {
    Json j;
    j["ruleId"] = f.rule_id;
    auto it = index.find(f.rule_id);
    if (it != index.end()) j["ruleIndex"] = it->second;
    j["level"] = level(f.severity);
    j["message"] = {{"text", f.message}};
    Json physical;
    physical["artifactLocation"] = artifact_location(f.path);
    Json reg = region(f.line, f.column, f.end_line, f.end_column);
    if (!f.snippet.empty()) reg["snippet"] = {{"text", f.snippet}};
    physical["region"] = std::move(reg);
    j["locations"] = Json::array({{{"physicalLocation", std::move(physical)}}});
    j["partialFingerprints"] = {{"aegisFingerprint/v1", f.fingerprint}};
    if (!f.trace.empty()) {
      // The data-flow path, source first: SARIF's code flow, which viewers step through.
      Json locations = Json::array();
      for (const TraceStep& s : f.trace) {
        Json loc;
        loc["physicalLocation"] = {{"artifactLocation", artifact_location(s.path)},
                                   {"region", region(s.line, std::max(s.column, 1), s.line, std::max(s.column, 1) + 1)}};
        loc["message"] = {{"text", s.note.empty() ? std::string("step") : s.note}};
        locations.push_back({{"location", std::move(loc)}});
      }
      j["codeFlows"] = Json::array({{{"threadFlows", Json::array({{{"locations", std::move(locations)}}})}}});
    }
    // Only meaningful against a baseline: what it held is unchanged, the rest is new.
    if (!result.baseline_file.empty()) j["baselineState"] = f.status == FindingStatus::Baseline ? "unchanged" : "new";
    if (f.status == FindingStatus::Accepted) {
      Json s;
      s["kind"] = "inSource";
      s["status"] = "accepted";
      s["justification"] = f.status_reason;
      if (!f.suppressed_by.empty()) s["properties"] = {{"comment", f.suppressed_by}};
      j["suppressions"] = Json::array({std::move(s)});
    } else if (f.status == FindingStatus::Baseline) {
      Json s;
      s["kind"] = "external";
      s["status"] = "accepted";
      s["justification"] = f.status_reason;
      j["suppressions"] = Json::array({std::move(s)});
    }
    Json properties;
    properties["severity"] = to_string(f.severity);
    properties["confidence"] = to_string(f.confidence);
    properties["security-severity"] = security_severity(f.severity);
    properties["cwe"] = f.cwe > 0 ? Json("CWE-" + std::to_string(f.cwe)) : Json(nullptr);
    properties["context"] = f.in_test ? "test" : "code";
    properties["status"] = to_string(f.status);
    properties["remediation"] = f.remediation;
    properties["effort"] = f.effort;
    j["properties"] = std::move(properties);
    results.push_back(std::move(j));
  }

  Json notifications = Json::array();
  for (const Diagnostic& d : result.diagnostics) {
    Json n;
    n["level"] = level(d.severity);
    n["message"] = {{"text", d.message}};
    Json physical;
    physical["artifactLocation"] = artifact_location(d.path);
    if (d.line > 0) physical["region"] = region(d.line, d.column, d.end_line, d.end_column);
    n["locations"] = Json::array({{{"physicalLocation", std::move(physical)}}});
    n["descriptor"] = {{"id", to_string(d.kind)}};
    notifications.push_back(std::move(n));
  }

  Json invocation;
  invocation["executionSuccessful"] = true;
  invocation["toolExecutionNotifications"] = std::move(notifications);
  invocation["properties"] = {{"complete", result.complete()},
                              {"inlineSuppressions", result.inline_suppressions}};

  Json driver;
  driver["name"] = "Aegis";
  driver["version"] = AEGIS_VERSION;
  driver["semanticVersion"] = AEGIS_VERSION;
  driver["rules"] = std::move(rules_json);

  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["invocations"] = Json::array({std::move(invocation)});
  run["originalUriBaseIds"] = {{"%SRCROOT%", {{"description", {{"text", "The directory aegis scan ran in."}}}}}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  run["properties"] = {{"coverage", coverage_json(result)}, {"suppressions", suppressions_json(result)}};

  Json doc;
  doc["$schema"] = kSchema;
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({std::move(run)});
  std::string out = doc.dump(2, ' ', false, Json::error_handler_t::replace);
  out += '\n';
  return out;
}

}  // namespace aegis::report
