// Which advisories of a package cover a version, and the smallest upgrade out of all of
// them: shared by the vulnerable-dependency rule and the SBOM.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "deps/osv.h"

namespace aegis::deps {

struct AdvisoryMatch {
  std::vector<const Advisory*> advisories;  // one per group of advisories that alias each other
  std::vector<std::string> ranges;          // the range of each that holds the version
  bool empty() const { return advisories.empty(); }
};

// The advisories (of one package, as AdvisoryDb::for_package returns them) covering `version`.
AdvisoryMatch advisories_affecting(const std::vector<Advisory>& advisories, const Version& version);

// The smallest version above `current` that none of the advisories covers, among the
// versions they name as fixed; nullopt when no fix is known.
std::optional<Version> smallest_safe_version(const std::vector<Advisory>& advisories, const Version& current);

}  // namespace aegis::deps
