#include "core/finding.h"
#include "core/strength.h"

#include <tuple>

namespace aegis {

const char* to_string(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Low: return "low";
    case Severity::Medium: return "medium";
    case Severity::High: return "high";
    case Severity::Critical: return "critical";
  }
  return "medium";
}

const char* to_string(Confidence c) {
  switch (c) {
    case Confidence::Low: return "low";
    case Confidence::Medium: return "medium";
    case Confidence::High: return "high";
  }
  return "medium";
}

const char* to_string(Area a) {
  switch (a) {
    case Area::Authentication: return "authentication";
    case Area::Authorization: return "authorization";
    case Area::DataProtection: return "data-protection";
    case Area::InputValidation: return "input-validation";
    case Area::Dependencies: return "dependencies";
    case Area::Api: return "api";
    case Area::Configuration: return "configuration";
    case Area::Infrastructure: return "infrastructure";
    case Area::Logging: return "logging";
    case Area::Privacy: return "privacy";
    case Area::Testing: return "testing";
    case Area::Operability: return "operability";
  }
  return "configuration";
}

const char* area_title(Area a) {
  switch (a) {
    case Area::Authentication: return "Authentication & sessions";
    case Area::Authorization: return "Authorization & access control";
    case Area::DataProtection: return "Data protection";
    case Area::InputValidation: return "Input validation & output encoding";
    case Area::Dependencies: return "Dependencies";
    case Area::Api: return "API & endpoints";
    case Area::Configuration: return "Configuration & secrets";
    case Area::Infrastructure: return "Infrastructure & networking";
    case Area::Logging: return "Logging & monitoring";
    case Area::Privacy: return "Privacy & compliance";
    case Area::Testing: return "Testing";
    case Area::Operability: return "Operability";
  }
  return "Configuration & secrets";
}

const char* to_string(FindingStatus s) {
  switch (s) {
    case FindingStatus::Open: return "open";
    case FindingStatus::Accepted: return "accepted";
    case FindingStatus::Baseline: return "baseline";
  }
  return "open";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (Severity s : {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
    if (text == to_string(s)) return s;
  }
  return std::nullopt;
}

std::optional<Confidence> parse_confidence(std::string_view text) {
  for (Confidence c : {Confidence::Low, Confidence::Medium, Confidence::High}) {
    if (text == to_string(c)) return c;
  }
  return std::nullopt;
}

bool finding_less(const Finding& a, const Finding& b) {
  return std::tie(a.path, a.line, a.column, a.rule_id, a.end_line, a.end_column, a.message) <
         std::tie(b.path, b.line, b.column, b.rule_id, b.end_line, b.end_column, b.message);
}

bool strength_less(const Strength& a, const Strength& b) {
  return std::tie(a.area, a.id, a.path, a.line, a.title) < std::tie(b.area, b.id, b.path, b.line, b.title);
}

}  // namespace aegis
