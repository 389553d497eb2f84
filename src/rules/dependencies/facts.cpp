#include "rules/dependencies/facts.h"

namespace aegis::rules::dependencies {

Facts gather(const ProjectContext& ctx) {
  Facts facts;
  for (const deps::Manifest& m : ctx.manifests) {
    for (const deps::DeclaredRequirement& r : m.requirements) {
      if (r.name.empty()) continue;
      facts.declared[r.name].push_back(&r);
      if (!r.optional && !r.constraint_only) facts.has_declarations = true;
    }
    for (const deps::LockedPackage& p : m.locked) {
      facts.locked[p.name].push_back(&p);
      facts.has_lock = true;
    }
  }
  return facts;
}

bool applies(const ProjectContext& ctx, const deps::DeclaredRequirement& r) {
  if (!r.parsed || !r.parsed->marker) return true;
  // An extra's requirements carry `extra == "name"`: evaluate as if that extra were asked for.
  return r.parsed->marker->evaluate(ctx.environment, r.group);
}

std::vector<std::string> third_party_distributions(const ProjectContext& ctx, const std::string& module) {
  std::string top = module.substr(0, module.find('.'));
  if (top.empty() || top == "__future__") return {};
  if (ctx.import_names->is_stdlib(top, ctx.python_minor)) return {};
  if (ctx.local_modules.count(top)) return {};
  return ctx.import_names->distributions_for(module);
}

}  // namespace aegis::rules::dependencies
