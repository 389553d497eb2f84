// The audit report as GitHub-flavoured Markdown (docs/report.md): header, executive summary
// and verdict, findings table and details, strengths, review by area, remediation plan,
// deployment readiness, suppressions, next steps, appendix. Deterministic: the same scan and
// context give the same bytes.
#pragma once
#include <string>

#include "engine/scan.h"
#include "report/audit.h"

namespace aegis::report {

std::string format_markdown(const engine::ScanResult& result, const ReportContext& context);

// Shared by the Markdown and HTML writers.
std::string scope_summary(const engine::ScanResult& result);   // "4 files, 120 lines analysed (python: ...)"
std::string rules_summary(const engine::ScanResult& result);   // "72 rules: CFG 1, CRY 11, ..."
std::string revision_text(const Revision& revision);           // "abc1234 on branch main"
std::string baseline_summary(const BaselineOutcome& baseline); // "" when none was applied
std::string verify_command(const ReportContext& context, const Finding& f);
std::string cwe_url(int cwe);

}  // namespace aegis::report
