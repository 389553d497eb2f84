#include "deps/advisory_match.h"

#include <algorithm>
#include <set>

namespace aegis::deps {

AdvisoryMatch advisories_affecting(const std::vector<Advisory>& advisories, const Version& version) {
  AdvisoryMatch match;
  std::set<std::string> seen_ids;
  for (const Advisory& a : advisories) {
    AffectedMatch m = is_affected(a.affected.front(), version);
    if (!m.affected) continue;
    bool duplicate = seen_ids.count(a.id) > 0;
    for (const auto& alias : a.aliases) duplicate = duplicate || seen_ids.count(alias) > 0;
    seen_ids.insert(a.id);
    for (const auto& alias : a.aliases) seen_ids.insert(alias);
    if (duplicate) continue;
    match.advisories.push_back(&a);
    match.ranges.push_back(m.range);
  }
  return match;
}

std::optional<Version> smallest_safe_version(const std::vector<Advisory>& advisories, const Version& current) {
  std::vector<Version> candidates;
  for (const auto& a : advisories) {
    for (const auto& v : fixed_versions(a.affected.front())) {
      if (v > current) candidates.push_back(v);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (const auto& v : candidates) {
    if (advisories_affecting(advisories, v).empty()) return v;
  }
  return std::nullopt;
}

}  // namespace aegis::deps
