// The audit report's content, computed once from a scan and rendered by the Markdown and
// HTML writers (docs/report.md): the verdict and why, the top risks, the deployment
// readiness checklist, the remediation plan in phases, the review by area.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "engine/scan.h"
#include "report/baseline.h"

namespace aegis::rules {
class Rule;
}

namespace aegis::report {

// Where the scanned code comes from (report/revision.h).
struct Revision {
  bool in_repository = false;
  std::string commit;  // full hex id; "" when the repository has no commit yet
  std::string branch;  // "" when HEAD is detached
  std::string note;    // why there is no revision, or "detached HEAD"
};

// What the report says about itself beside the scan.
struct ReportContext {
  std::string project;                // the header's name
  std::string date;                   // YYYY-MM-DD
  Revision revision;
  std::vector<std::string> roots;     // the paths scanned, as given
  std::string command;                // how to re-run the scan ("aegis scan app"), for "verify with"
  BaselineOutcome baseline;
};

enum class Verdict { Approved, ApprovedWithConditions, RemediationRequired, Blocked };
const char* verdict_title(Verdict v);  // "APPROVED WITH CONDITIONS"

enum class CheckStatus { Pass, Warn, Fail };
const char* check_title(CheckStatus s);  // "PASS"

// One row of the deployment readiness checklist and the findings behind it.
struct ReadinessCheck {
  std::string id;
  std::string title;
  CheckStatus status = CheckStatus::Pass;
  std::string notes;
  std::vector<const Finding*> findings;      // open, accepted and baseline ones
  std::vector<const Strength*> strengths;
};

// A finding the report numbers (F1, F2, ...) in the order of the findings table.
struct NumberedFinding {
  std::string number;   // "F1"
  const Finding* finding = nullptr;
  const rules::Rule* rule = nullptr;  // null for a rule the registry does not know
  std::string plan_item;              // "P0.1" when the remediation plan holds it
};

struct PlanItem {
  const NumberedFinding* item = nullptr;
  int minutes = 0;         // parsed effort; 0 when the rule states none
  std::string effort;      // as the rule states it
};

struct Phase {
  std::string id;          // "P0"
  std::string title;       // "Blockers: before any deployment"
  std::string rule;        // what puts a finding in this phase
  std::vector<PlanItem> items;
  int total_minutes = 0;
};

// One "next step": the findings of one rule within one phase, fixed together and verified
// by one command.
struct NextStep {
  std::string phase;                          // "P0"
  std::string rule_id;
  std::string title;                          // the rule's title
  std::vector<std::string> items;             // "P0.1 (F1, app/views.py:9)", ...
  std::string verify;                         // "aegis scan . --select INJ002"
};

struct AreaReview {
  Area area;
  std::vector<const Strength*> strengths;
  std::vector<const NumberedFinding*> issues;
  std::size_t rules_run = 0;  // rules of this area that ran
};

struct Audit {
  std::array<std::size_t, 5> open_by_severity{};  // indexed by Severity
  std::size_t open = 0, accepted = 0, baselined = 0;
  Verdict verdict = Verdict::Approved;
  std::vector<std::string> reasons;               // why the verdict, most serious first
  std::vector<NumberedFinding> findings;          // open by risk, then accepted and baseline
  std::vector<const NumberedFinding*> top_risks;  // at most five open ones
  std::vector<ReadinessCheck> checks;
  std::vector<Phase> phases;                      // only phases with items
  std::vector<AreaReview> areas;                  // all twelve, in Area order
  std::vector<NextStep> next_steps;               // in plan order
};

// The "Findings in detail" section stops after this many (the table lists every finding; the
// JSON output has them all), so a report of a large legacy project stays readable.
inline constexpr std::size_t kMaxDetailedFindings = 250;

Audit build_audit(const engine::ScanResult& result, const ReportContext& context);

// Minutes of an effort as rules state it ("5 min", "2 h", "1 d" = 8 h); 0 when unreadable.
int effort_minutes(std::string_view effort);
// "5 min", "1 h 30 min", "2 d 1 h" (a day is 8 working hours).
std::string format_minutes(int minutes);

// The risk order of the findings table: open before accepted before baseline, then
// severity, confidence, code before tests, then location.
bool risk_less(const Finding& a, const Finding& b);

// The readiness rows: what each checks and which rules (by CWE, rule name or area) and
// strengths (by id) stand behind it. One table, documented in docs/report.md.
struct ReadinessRow {
  const char* id;
  const char* title;
  std::vector<int> cwes;
  std::vector<const char*> name_parts;      // substrings of rule names
  std::vector<Area> areas;                  // every rule of these areas
  std::vector<const char*> strength_parts;  // substrings of strength ids
};
const std::vector<ReadinessRow>& readiness_rows();

}  // namespace aegis::report
