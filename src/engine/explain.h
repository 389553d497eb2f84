// `aegis config --why FILE`: why a scan of a root would or would not analyse a file, in
// discovery's own terms (excluded by which pattern, gitignored by which line, excluded by
// default, too large, not a kind Aegis reads) and, for analysed files, what the
// configuration does to them (test code, rules ignored for the file).
#pragma once
#include <string>

#include "engine/config.h"
#include "engine/scan.h"

namespace aegis::engine {

struct ExplainOptions {
  std::string file;        // the file asked about
  std::string root = ".";  // the scan root assumed
  bool use_gitignore = true;
  const ProjectConfig* config = nullptr;
};

struct Explanation {
  bool scanned = false;    // the file would be analysed
  std::string text;        // the answer, several lines, each ending in '\n'
};

Explanation explain_file(const ExplainOptions& options);

}  // namespace aegis::engine
