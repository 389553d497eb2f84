// DEP002 vulnerable-dependency: a pinned or locked version that a known advisory covers,
// or a declared range that admits such versions.
#include <algorithm>
#include <map>
#include <set>

#include "deps/advisory_match.h"
#include "rules/dependencies/facts.h"
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "DEP002",
    .name = "vulnerable-dependency",
    .title = "dependency version with a known vulnerability",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 1395,
    .owasp = "A06:2021-Vulnerable and Outdated Components",
    .area = Area::Dependencies,
    .flags = "Versions pinned with `==` in a manifest, or fixed by a lock file (poetry.lock, uv.lock, "
             "Pipfile.lock), that an OSV advisory covers: the built-in advisory set for the usual web "
             "stack, plus the local index `aegis db import` builds from a current OSV export. Ranges "
             "that admit a vulnerable version (`requests>=2.0`) are reported at low confidence, since "
             "the resolver may pick a fixed one. Withdrawn advisories never match; advisories that "
             "name each other as aliases are reported once.",
    .why = "A known-vulnerable version is the cheapest attack there is: the advisory tells the "
           "attacker what to send. The fix is usually a patch release away.",
    .example = "jinja2==3.1.4        # GHSA-q2x7-8rv6-6q7h, GHSA-cpwx-vrp4-4pq7: sandbox breakout",
    .fix = "Upgrade to the smallest version outside every advisory the finding names (it says which), "
           "re-lock, and run the tests; if the upgrade must wait, record why in a suppression with a reason.",
    .effort = "30 min",
    .references = {"https://osv.dev/", "https://github.com/pypa/advisory-database",
                   "https://cwe.mitre.org/data/definitions/1395.html"},
};

using Match = deps::AdvisoryMatch;

std::string ids_of(const deps::Advisory& a) {
  std::string ids = a.id;
  std::vector<std::string> aliases;
  for (const auto& alias : a.aliases) {
    if (alias.rfind("CVE-", 0) == 0 || alias.rfind("GHSA-", 0) == 0) aliases.push_back(alias);
  }
  if (!aliases.empty()) {
    ids += " (";
    for (std::size_t i = 0; i < aliases.size(); ++i) ids += (i ? ", " : "") + aliases[i];
    ids += ")";
  }
  return ids;
}

std::string describe(const Match& match) {
  std::string out;
  for (std::size_t i = 0; i < match.advisories.size() && i < 4; ++i) {
    out += (i ? "; " : "") + ids_of(*match.advisories[i]) + ": " + match.advisories[i]->summary;
  }
  if (match.advisories.size() > 4) out += "; and " + std::to_string(match.advisories.size() - 4) + " more";
  return out;
}

class VulnerableDependency final : public Rule {
 public:
  VulnerableDependency() : Rule(kMeta) {}

  void check_project(ProjectContext& ctx) const override {
    dependencies::Facts facts = dependencies::gather(ctx);
    // Locked versions first: they are what gets installed.
    std::set<std::string> judged;  // names judged by a pin or lock
    for (const auto& [name, locks] : facts.locked) {
      const auto& advisories = ctx.advisories->for_package(name);
      for (const deps::LockedPackage* lock : locks) {
        judged.insert(name);
        if (advisories.empty()) continue;
        auto version = deps::Version::parse(lock->version);
        if (!version) continue;
        report(ctx, name, *version, advisories, lock->where, "locked at " + lock->version, true);
      }
    }
    for (const deps::Manifest& m : ctx.manifests) {
      for (const deps::DeclaredRequirement& r : m.requirements) {
        if (!r.parsed || r.name.empty() || !r.url.empty()) continue;
        const auto& advisories = ctx.advisories->for_package(r.name);
        if (advisories.empty()) continue;
        if (auto pinned = r.parsed->specifier.pinned()) {
          judged.insert(r.name);
          report(ctx, r.name, *pinned, advisories, r.where, "pinned at " + pinned->str(), true);
          continue;
        }
        if (judged.count(r.name) || facts.locked.count(r.name)) continue;  // the lock decides
        // A range: does it admit a version an advisory covers?
        std::vector<deps::Version> candidates;
        for (const auto& a : advisories) {
          for (const auto& v : deps::mentioned_versions(a.affected.front())) candidates.push_back(v);
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        // The newest admitted version that is affected: the best case an unlucky resolve gives.
        for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
          if (!r.parsed->specifier.contains(*it, true)) continue;
          Match match = deps::advisories_affecting(advisories, *it);
          if (match.advisories.empty()) continue;
          std::string range = r.parsed->specifier.empty() ? "any version" : "'" + r.parsed->specifier.str() + "'";
          Finding& f = ctx.report(r.where.path, r.where.line, r.where.column, ctx.source_line(r.where.path, r.where.line),
                                  r.name + " " + range + " admits " + it->str() + ", affected by " + describe(match) +
                                      "; pin a fixed version or raise the lower bound");
          f.severity = Severity::Medium;
          f.confidence = Confidence::Low;
          break;
        }
      }
    }
  }

 private:
  static void report(ProjectContext& ctx, const std::string& name, const deps::Version& version,
                     const std::vector<deps::Advisory>& advisories, const deps::SourcePosition& where,
                     const std::string& how, bool exact) {
    Match match = deps::advisories_affecting(advisories, version);
    if (match.advisories.empty()) return;
    auto safe = deps::smallest_safe_version(advisories, version);
    std::string advice = safe ? "; upgrade to " + safe->str() + " or later" : "; no fixed version is known";
    Finding& f = ctx.report(where.path, where.line, where.column, ctx.source_line(where.path, where.line),
                            name + " " + how + " is affected by " + std::to_string(match.advisories.size()) +
                                " advisor" + (match.advisories.size() == 1 ? "y" : "ies") + ": " + describe(match) +
                                advice);
    f.confidence = exact ? Confidence::High : Confidence::Low;
  }
};

AEGIS_REGISTER_RULE(VulnerableDependency);

}  // namespace
}  // namespace aegis::rules
