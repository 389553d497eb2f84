// DEP005 unpinned-requirement: a deployable service's requirements file leaves versions
#include <set>
// to whatever the index serves on the day of the build.
#include "rules/dependencies/facts.h"
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "DEP005",
    .name = "unpinned-requirement",
    .title = "requirement of a deployable service without a pinned version",
    .severity = Severity::Low,
    .confidence = Confidence::Medium,
    .cwe = 1357,
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .area = Area::Dependencies,
    .flags = "Requirements in requirements files (what services deploy from) that are not pinned "
             "with `==` and not fixed by a lock file or a constraints file. Libraries' `[project]` "
             "ranges, optional groups and editable/local references are not flagged.",
    .why = "Each build resolves anew: two deployments of the same commit run different code, a "
           "compromised or broken release ships without review, and a vulnerability report cannot "
           "say whether production is affected.",
    .example = "flask>=2.0",
    .fix = "Pin exact versions (`flask==3.1.1`), ideally generated with hashes by pip-compile or "
           "`uv pip compile --generate-hashes`, and upgrade them deliberately.",
    .effort = "15 min",
    .references = {"https://pip.pypa.io/en/stable/topics/repeatable-installs/",
                   "https://cwe.mitre.org/data/definitions/1357.html"},
};

class UnpinnedRequirement final : public Rule {
 public:
  UnpinnedRequirement() : Rule(kMeta) {}

  void check_project(ProjectContext& ctx) const override {
    dependencies::Facts facts = dependencies::gather(ctx);
    if (facts.has_lock) return;
    std::set<std::string> pinned_by_constraints;
    for (const auto& [name, list] : facts.declared) {
      for (const auto* r : list) {
        if (r->constraint_only && r->parsed && r->parsed->specifier.pinned()) pinned_by_constraints.insert(name);
      }
    }
    for (const deps::Manifest& m : ctx.manifests) {
      if (m.kind != deps::ManifestKind::Requirements) continue;
      if (m.path.ends_with(".in")) continue;  // pip-compile input: the compiled .txt pins
      for (const deps::DeclaredRequirement& r : m.requirements) {
        if (!r.parsed || r.optional || r.constraint_only || r.editable || !r.url.empty()) continue;
        if (r.parsed->specifier.pinned() || pinned_by_constraints.count(r.name)) continue;
        if (!dependencies::applies(ctx, r)) continue;
        std::string spec = r.parsed->specifier.empty() ? "any version" : "'" + r.parsed->specifier.str() + "'";
        ctx.report(r.where.path, r.where.line, r.where.column, ctx.source_line(r.where.path, r.where.line),
                   r.name + " accepts " + spec + ": each build may install a different release; pin it with ==");
      }
    }
  }
};

AEGIS_REGISTER_RULE(UnpinnedRequirement);

}  // namespace
}  // namespace aegis::rules
