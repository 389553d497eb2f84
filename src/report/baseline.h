// Baselines (docs/baselines.md): the findings a project accepts as existing debt, recorded
// by fingerprint so that later scans report only what is new. Entries are counted: one
// entry absorbs one finding, so a second copy of the same mistake is reported. The file
// holds rule ids, paths, lines and fingerprints, never code or messages, so a baselined
// secret is stored only as part of a hash.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "engine/scan.h"

namespace aegis::report {

inline constexpr int kBaselineFormat = 1;

struct BaselineEntry {
  std::string fingerprint;
  std::string rule_id;
  std::string path;    // for people reading the file; matching uses the fingerprint only
  int line = 0;        // likewise: where the finding was when the baseline was written
  std::string reason;  // why it is accepted; "" when none was given
};

struct Baseline {
  std::string file;  // where it was read from, as given
  std::vector<BaselineEntry> entries;
};

// What applying a baseline did.
struct BaselineOutcome {
  bool applied = false;
  std::string file;
  std::size_t entries = 0;
  std::size_t absorbed = 0;                    // findings marked `baseline`
  std::vector<BaselineEntry> unmatched;        // entries no finding used (fixed, or changed)
};

// The baseline document for the scan's findings that are open or already in a baseline
// (findings accepted by a suppression comment are left to their comment), in finding order.
std::string format_baseline(const engine::ScanResult& result, const std::string& reason = "");

// Parses a baseline document; false with `error` (naming the position) when it is not one.
bool parse_baseline(const std::string& text, Baseline& out, std::string& error);
// Reads and parses a file; false with `error` when it cannot be read or parsed.
bool load_baseline(const std::string& path, Baseline& out, std::string& error);

// Marks each open finding whose fingerprint has an unused entry left as `baseline`
// (status_reason: the entry's reason, else "in baseline FILE"), consuming the entry.
BaselineOutcome apply_baseline(engine::ScanResult& result, const Baseline& baseline);

}  // namespace aegis::report
