// aegis baseline: runs the scan as `aegis scan` does and records its open findings (and
// those of an older --baseline, so a refresh keeps them) by fingerprint.
#include <iostream>

#include "cli/commands.h"

namespace aegis::cli {

int baseline(const BaselineCommandOptions& options) {
  if (options.output.empty()) {
    std::cerr << "aegis: error: -o/--output names no file\n";
    return 2;
  }
  ScanRun run;
  if (int rc = run_scan(options.scan, run); rc != 0) return rc;
  std::string text = report::format_baseline(run.result, options.reason);
  if (!write_output(options.output, text)) {
    std::cerr << "aegis: error: cannot write '" << options.output << "'\n";
    return 2;
  }
  std::size_t recorded = 0;
  for (const Finding& f : run.result.findings) recorded += f.status != FindingStatus::Accepted;
  std::cerr << "aegis: recorded " << recorded << (recorded == 1 ? " finding" : " findings") << " in "
            << options.output << '\n';
  if (!run.result.complete()) {
    std::cerr << "aegis: warning: some files could not be analysed; their findings are not in the baseline\n";
  }
  return 0;
}

}  // namespace aegis::cli
