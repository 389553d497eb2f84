// Strengths: security controls found in place and correct ("what worked" in a review).
// Not findings: they carry evidence, not a defect, and feed the report's strengths and
// review-by-area sections.
#pragma once
#include <string>

#include "core/finding.h"

namespace aegis {

struct Strength {
  std::string id;        // stable code of the kind of control ("csrf-protection")
  std::string title;     // one line ("CSRF protection initialised for the Flask app")
  Area area = Area::Configuration;
  std::string evidence;  // what was seen, naming the values ("CSRFProtect(app) in app/__init__.py")
  std::string path;      // where the evidence is, as findings' paths
  int line = 0;          // 1-based; 0 when the strength is about the project as a whole
};

// The order every output uses: area, id, path, line.
bool strength_less(const Strength& a, const Strength& b);

}  // namespace aegis
