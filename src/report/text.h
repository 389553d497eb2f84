// The text report (grouped by file, a summary line, the coverage) and the --stats block.
// The report depends only on the result, never on timing or thread count.
#pragma once
#include <string>

#include "engine/scan.h"

namespace aegis::report {

using engine::ScanResult;

struct TextOptions {
  bool color = false;          // ANSI colours (on a TTY)
  bool show_accepted = false;  // list findings accepted by a suppression or baseline too
  bool trace = false;          // print the data-flow path under each data-flow finding
  bool quiet = false;          // findings and the summary line only
  bool strengths = false;      // list the controls found in place (--strengths)
};

// Findings grouped by file as "path:line:col  ID  [severity]  message", diagnostics as
// "path:line:col: error: message", then the summary by severity and the coverage.
std::string format_text(const ScanResult& result, const TextOptions& options = {});
// "Findings: 3 (1 high, 2 medium); 1 accepted" — open findings by severity.
std::string summary_line(const ScanResult& result);
// Timings per stage, throughput and memory, for --stats (varies run to run).
std::string format_stats(const ScanResult& result);

// The human label of a reason code ("gitignored" -> "ignored by .gitignore").
const char* describe_reason(const std::string& reason);

}  // namespace aegis::report
