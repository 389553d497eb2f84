#include "report/audit.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "rules/rule.h"

namespace aegis::report {

using namespace engine;

const char* verdict_title(Verdict v) {
  switch (v) {
    case Verdict::Approved: return "APPROVED";
    case Verdict::ApprovedWithConditions: return "APPROVED WITH CONDITIONS";
    case Verdict::RemediationRequired: return "REMEDIATION REQUIRED";
    case Verdict::Blocked: return "BLOCKED";
  }
  return "BLOCKED";
}

const char* check_title(CheckStatus s) {
  switch (s) {
    case CheckStatus::Pass: return "PASS";
    case CheckStatus::Warn: return "WARN";
    case CheckStatus::Fail: return "FAIL";
  }
  return "WARN";
}

int effort_minutes(std::string_view effort) {
  // "<number> <unit>" pairs: "5 min", "1 h 30 min", "1 d".
  int total = 0;
  std::size_t i = 0;
  bool any = false;
  while (i < effort.size()) {
    while (i < effort.size() && std::isspace(static_cast<unsigned char>(effort[i]))) ++i;
    if (i >= effort.size()) break;
    if (!std::isdigit(static_cast<unsigned char>(effort[i]))) return any ? total : 0;
    int number = 0;
    while (i < effort.size() && std::isdigit(static_cast<unsigned char>(effort[i]))) {
      number = std::min(number * 10 + (effort[i] - '0'), 100000);
      ++i;
    }
    while (i < effort.size() && std::isspace(static_cast<unsigned char>(effort[i]))) ++i;
    std::string unit;
    while (i < effort.size() && std::isalpha(static_cast<unsigned char>(effort[i]))) {
      unit += static_cast<char>(std::tolower(static_cast<unsigned char>(effort[i])));
      ++i;
    }
    int scale = 0;
    if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes") scale = 1;
    if (unit == "h" || unit == "hr" || unit == "hrs" || unit == "hour" || unit == "hours") scale = 60;
    if (unit == "d" || unit == "day" || unit == "days") scale = 8 * 60;
    if (scale == 0) return any ? total : 0;
    total += number * scale;
    any = true;
    while (i < effort.size() && (effort[i] == ',' || effort[i] == '+')) ++i;
  }
  return total;
}

std::string format_minutes(int minutes) {
  if (minutes <= 0) return "0 min";
  int days = minutes / (8 * 60);
  int hours = (minutes % (8 * 60)) / 60;
  int mins = minutes % 60;
  std::string out;
  auto add = [&out](int n, const char* unit) {
    if (n == 0) return;
    if (!out.empty()) out += ' ';
    out += std::to_string(n) + ' ' + unit;
  };
  add(days, "d");
  add(hours, "h");
  add(mins, "min");
  return out;
}

namespace {

int status_rank(FindingStatus s) {
  switch (s) {
    case FindingStatus::Open: return 0;
    case FindingStatus::Accepted: return 1;
    case FindingStatus::Baseline: return 2;
  }
  return 3;
}

bool counts(const Finding& f) { return f.status == FindingStatus::Open && f.severity >= Severity::Low; }

}  // namespace

bool risk_less(const Finding& a, const Finding& b) {
  auto key = [](const Finding& f) {
    return std::make_tuple(status_rank(f.status), -static_cast<int>(f.severity), f.in_test ? 1 : 0,
                           -static_cast<int>(f.confidence));
  };
  auto ka = key(a), kb = key(b);
  if (ka != kb) return ka < kb;
  return finding_less(a, b);
}

const std::vector<ReadinessRow>& readiness_rows() {
  // Rows of seed 004's checklist and issue 7; a finding stands behind a row when its rule's
  // CWE is listed, its name contains one of the parts, or its area is listed.
  static const std::vector<ReadinessRow> rows = {
      {"secrets", "No hardcoded secrets", {259, 321, 798}, {"hardcoded-password", "hardcoded-secret", "private-key", "api-key"}, {}, {}},
      {"injection", "No injection (SQL, command, code, template)", {77, 78, 79, 89, 90, 94, 95, 643, 917, 1336}, {}, {}, {}},
      {"debug", "No debug code in production", {215, 489}, {"debug", "dev-server", "defaults-to-development"}, {}, {"debug"}},
      {"default-credentials", "No default credentials", {521, 1392, 1393}, {"default-credential", "default-password"}, {}, {}},
      {"session-cookies", "Secure session cookies", {384, 614, 1004, 1275}, {"session", "cookie"}, {}, {"session", "cookie"}},
      {"csrf", "CSRF protection on state-changing requests", {352}, {"csrf"}, {}, {"csrf"}},
      {"access-control", "Authentication and authorization on every state-changing route", {285, 306, 862, 863}, {"unauthenticated", "auth-exemption"}, {}, {"role-checks", "login-required"}},
      {"cors", "CORS restricted to known origins", {942}, {"cors"}, {}, {"cors"}},
      {"rate-limiting", "Rate limiting on authentication endpoints", {307}, {"rate-limit"}, {}, {"rate-limit"}},
      {"env-secrets", "Database URI and other secrets from the environment", {}, {"env-fallback", "database-uri", "secret-key", "secret-generated", "secret-from"}, {}, {"from-env", "environment", "secret-manager"}},
      {"placeholders", "Placeholder values in production config examples (e.g. SMTP)", {}, {"placeholder"}, {}, {"placeholder"}},
      {"logging", "No secrets or personal data in logs", {532}, {"headers-logged", "sensitive-log", "secret-logged"}, {}, {"redact"}},
      {"dependencies", "Dependencies declared and free of known advisories", {427, 1104, 1357, 1395}, {"dependency", "requirement", "undeclared-import", "index-confusion"}, {}, {"dependencies-pinned", "lock"}},
      {"health", "Health endpoint", {}, {"health"}, {}, {"health"}},
      {"security-tests", "Security tests", {}, {"security-test", "untested"}, {Area::Testing}, {"security-test", "tests"}},
  };
  return rows;
}

namespace {

bool row_matches(const ReadinessRow& row, int cwe, std::string_view name, Area area) {
  if (cwe > 0 && std::find(row.cwes.begin(), row.cwes.end(), cwe) != row.cwes.end()) return true;
  for (const char* part : row.name_parts) {
    if (name.find(part) != std::string_view::npos) return true;
  }
  return std::find(row.areas.begin(), row.areas.end(), area) != row.areas.end();
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

ReadinessCheck evaluate_row(const ReadinessRow& row, const ScanResult& result) {
  ReadinessCheck check;
  check.id = row.id;
  check.title = row.title;
  std::size_t rules_covering = 0;
  for (const rules::Rule* r : result.rules) {
    if (row_matches(row, r->meta().cwe, r->meta().name, r->meta().area)) ++rules_covering;
  }
  for (const Strength& s : result.strengths) {
    for (const char* part : row.strength_parts) {
      if (s.id.find(part) != std::string::npos) {
        check.strengths.push_back(&s);
        break;
      }
    }
  }
  std::size_t failing = 0, warning = 0, accepted = 0, in_tests = 0;
  for (const Finding& f : result.findings) {
    // Notes (info) such as "imports subprocess" are not evidence against a check.
    if (!row_matches(row, f.cwe, f.rule_name, f.area) || f.severity < Severity::Low) continue;
    check.findings.push_back(&f);
    if (f.status != FindingStatus::Open) {
      ++accepted;
    } else if (f.in_test) {
      ++in_tests;
    } else if (f.severity >= Severity::High) {
      ++failing;
    } else {
      ++warning;
    }
  }
  std::stable_sort(check.findings.begin(), check.findings.end(),
                   [](const Finding* a, const Finding* b) { return risk_less(*a, *b); });
  std::vector<std::string> notes;
  if (failing) notes.push_back(plural(failing, "open finding", "open findings") + " of high severity or above");
  if (warning) notes.push_back(plural(warning, "open finding", "open findings") + " of medium or low severity");
  if (in_tests) notes.push_back(plural(in_tests, "open finding", "open findings") + " in test code");
  if (accepted) notes.push_back(plural(accepted, "finding", "findings") + " accepted (suppression or baseline)");
  if (failing) {
    check.status = CheckStatus::Fail;
  } else if (warning || in_tests || accepted) {
    check.status = CheckStatus::Warn;
  } else if (rules_covering == 0 && check.strengths.empty()) {
    check.status = CheckStatus::Warn;
    notes.push_back("not verified: no rule of this scan checks it");
  } else {
    check.status = CheckStatus::Pass;
    if (!check.strengths.empty()) {
      for (const Strength* s : check.strengths) notes.push_back(s->title);
    } else {
      notes.push_back("no finding from " + plural(rules_covering, "rule", "rules") + " checking it");
    }
  }
  for (std::size_t i = 0; i < notes.size(); ++i) check.notes += (i ? "; " : "") + notes[i];
  return check;
}

ReadinessCheck coverage_check(const ScanResult& result) {
  ReadinessCheck check;
  check.id = "coverage";
  check.title = "Every file analysed";
  const Coverage& c = result.coverage;
  if (result.complete()) {
    check.notes = plural(c.analysed, "file", "files") + " analysed";
    if (c.skipped) check.notes += ", " + std::to_string(c.skipped) + " skipped by configuration or rule";
  } else {
    check.status = CheckStatus::Warn;
    check.notes = plural(c.failed, "file", "files") + " could not be analysed (see the appendix)";
    if (c.directories_failed) check.notes += "; " + plural(c.directories_failed, "directory", "directories") + " unreadable";
  }
  return check;
}

}  // namespace

Audit build_audit(const ScanResult& result, const ReportContext& context) {
  Audit audit;
  std::vector<const Finding*> ordered;
  for (const Finding& f : result.findings) {
    ordered.push_back(&f);
    switch (f.status) {
      case FindingStatus::Open:
        ++audit.open;
        ++audit.open_by_severity[static_cast<int>(f.severity)];
        break;
      case FindingStatus::Accepted: ++audit.accepted; break;
      case FindingStatus::Baseline: ++audit.baselined; break;
    }
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const Finding* a, const Finding* b) { return risk_less(*a, *b); });
  audit.findings.reserve(ordered.size());
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    audit.findings.push_back({"F" + std::to_string(i + 1), ordered[i], rules::Registry::instance().find(ordered[i]->rule_id), {}});
  }
  std::map<const Finding*, const NumberedFinding*> number_of;
  for (const NumberedFinding& n : audit.findings) {
    number_of[n.finding] = &n;
    if (audit.top_risks.size() < 5 && counts(*n.finding)) audit.top_risks.push_back(&n);
  }

  for (const ReadinessRow& row : readiness_rows()) audit.checks.push_back(evaluate_row(row, result));
  audit.checks.push_back(coverage_check(result));

  // The verdict: the most serious reason wins; every reason is listed.
  auto raise = [&audit](Verdict v, std::string reason) {
    audit.verdict = std::max(audit.verdict, v);
    audit.reasons.push_back(std::move(reason));
  };
  auto refs = [&number_of](const std::vector<const Finding*>& list) {
    std::string out;
    for (std::size_t i = 0; i < list.size() && i < 6; ++i) out += (i ? ", " : "") + number_of[list[i]]->number;
    if (list.size() > 6) out += ", ...";
    return out;
  };
  std::vector<const Finding*> critical, high, lesser, tests;
  for (const NumberedFinding& n : audit.findings) {
    const Finding& f = *n.finding;
    if (!counts(f)) continue;
    if (f.in_test) {
      tests.push_back(&f);
    } else if (f.severity == Severity::Critical) {
      critical.push_back(&f);
    } else if (f.severity == Severity::High) {
      high.push_back(&f);
    } else {
      lesser.push_back(&f);
    }
  }
  if (!critical.empty()) {
    raise(Verdict::Blocked, plural(critical.size(), "open critical finding", "open critical findings") + " (" +
                                refs(critical) + "): must be fixed before any deployment");
  }
  if (!high.empty()) {
    raise(Verdict::RemediationRequired,
          plural(high.size(), "open high-severity finding", "open high-severity findings") + " (" + refs(high) + ")");
  }
  for (const ReadinessCheck& c : audit.checks) {
    if (c.status == CheckStatus::Fail) raise(Verdict::RemediationRequired, "readiness check failed: " + c.title);
  }
  if (!lesser.empty()) {
    raise(Verdict::ApprovedWithConditions, plural(lesser.size(), "open medium or low finding", "open medium or low findings") +
                                               " (" + refs(lesser) + ") to fix on the plan below");
  }
  if (!tests.empty()) {
    raise(Verdict::ApprovedWithConditions,
          plural(tests.size(), "open finding", "open findings") + " in test code (" + refs(tests) + ")");
  }
  for (const ReadinessCheck& c : audit.checks) {
    // A check no rule can verify is reported, but does not hold the verdict back.
    if (c.status == CheckStatus::Warn && (!c.findings.empty() || c.id == "coverage")) {
      raise(Verdict::ApprovedWithConditions, "readiness warning: " + c.title + " (" + c.notes + ")");
    }
  }
  if (audit.reasons.empty()) {
    audit.reasons.push_back("no open finding of low severity or above, and every readiness check that could be verified passed");
  }

  // The plan: P0 blockers first, then by severity; within a phase by severity, then effort.
  std::map<const Finding*, bool> behind_failure;
  for (const ReadinessCheck& c : audit.checks) {
    if (c.status != CheckStatus::Fail) continue;
    for (const Finding* f : c.findings) behind_failure[f] = true;
  }
  audit.phases = {
      {"P0", "Blockers: before any deployment", "open critical findings, and high ones behind a failed readiness check", {}, 0},
      {"P1", "Before production", "other open high-severity findings", {}, 0},
      {"P2", "Next sprint", "open medium-severity findings", {}, 0},
      {"P3", "Hardening backlog", "open low-severity findings, and findings in test code", {}, 0},
  };
  for (const NumberedFinding& n : audit.findings) {
    const Finding& f = *n.finding;
    if (!counts(f)) continue;
    int phase = 3;
    if (!f.in_test) {
      if (f.severity == Severity::Critical || (f.severity == Severity::High && behind_failure.count(&f))) {
        phase = 0;
      } else if (f.severity == Severity::High) {
        phase = 1;
      } else if (f.severity == Severity::Medium) {
        phase = 2;
      }
    }
    int minutes = effort_minutes(f.effort);
    audit.phases[phase].items.push_back({&n, minutes, f.effort});
    audit.phases[phase].total_minutes += minutes;
  }
  for (Phase& p : audit.phases) {
    std::stable_sort(p.items.begin(), p.items.end(), [](const PlanItem& a, const PlanItem& b) {
      if (a.item->finding->severity != b.item->finding->severity) return a.item->finding->severity > b.item->finding->severity;
      return a.minutes < b.minutes;
    });
  }
  std::erase_if(audit.phases, [](const Phase& p) { return p.items.empty(); });
  for (const Phase& p : audit.phases) {
    for (std::size_t i = 0; i < p.items.size(); ++i) {
      audit.findings[static_cast<std::size_t>(p.items[i].item - audit.findings.data())].plan_item =
          p.id + "." + std::to_string(i + 1);
    }
  }

  for (const Phase& p : audit.phases) {
    std::map<std::string, std::size_t> step_of;  // rule id -> index in next_steps
    for (std::size_t i = 0; i < p.items.size(); ++i) {
      const NumberedFinding& n = *p.items[i].item;
      auto [it, added] = step_of.try_emplace(n.finding->rule_id, audit.next_steps.size());
      if (added) {
        audit.next_steps.push_back({p.id, n.finding->rule_id,
                                    n.rule ? std::string(n.rule->meta().title) : n.finding->rule_name, {},
                                    context.command + " --select " + n.finding->rule_id});
      }
      audit.next_steps[it->second].items.push_back(n.plan_item + " (" + n.number + ", " + n.finding->path + ":" +
                                                   std::to_string(n.finding->line) + ")");
    }
  }

  for (int a = 0; a <= static_cast<int>(Area::Operability); ++a) {
    AreaReview review{static_cast<Area>(a), {}, {}, 0};
    for (const Strength& s : result.strengths) {
      if (s.area == review.area) review.strengths.push_back(&s);
    }
    for (const NumberedFinding& n : audit.findings) {
      if (n.finding->area == review.area) review.issues.push_back(&n);
    }
    for (const rules::Rule* r : result.rules) {
      if (r->meta().area == review.area) ++review.rules_run;
    }
    audit.areas.push_back(std::move(review));
  }
  return audit;
}

}  // namespace aegis::report
