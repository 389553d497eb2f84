// DEP001 undeclared-import: application code imports a third-party package that no
// manifest declares, so a fresh install (the container build, the next deployment) fails
// at start-up, or picks up whatever happens to be installed.
#include <set>

#include "rules/dependencies/facts.h"
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "DEP001",
    .name = "undeclared-import",
    .title = "third-party import that no manifest declares",
    .severity = Severity::Critical,
    .confidence = Confidence::High,
    .cwe = 1357,
    .owasp = "A06:2021-Vulnerable and Outdated Components",
    .area = Area::Dependencies,
    .flags = "Imports of third-party packages (not the standard library of the target Python, not the "
             "project's own modules) whose distribution no requirements file, pyproject.toml, setup.cfg, "
             "setup.py or Pipfile declares. Import names are mapped to distributions (`flask_wtf` -> "
             "Flask-WTF, `PIL` -> Pillow, `jwt` -> PyJWT). Critical for an unconditional module-level "
             "import in application code: it runs at start-up. Lower for imports inside functions, "
             "imports only satisfied by a lock file (a transitive dependency), packages declared only "
             "in a dev/test group, and test code. Imports guarded by `try/except ImportError` and "
             "`if TYPE_CHECKING:` are not flagged.",
    .why = "A fresh environment installs what the manifests declare and nothing else: the module "
           "raises ModuleNotFoundError on the first request or at import, and the service never comes "
           "up. Where it does work, it works by accident (a package left in an image, a transitive "
           "dependency another package may drop), and an attacker who registers the name on an index "
           "the installer consults decides what that import runs.",
    .example = "from flask_wtf.csrf import CSRFProtect   # requirements.txt has Flask, not Flask-WTF",
    .fix = "Declare the distribution, pinned like the others: add `Flask-WTF==1.2.2` to "
           "requirements.txt (or `flask-wtf>=1.2,<2` to [project] dependencies), and rebuild the lock file.",
    .effort = "5 min",
    .references = {"https://packaging.python.org/en/latest/specifications/dependency-specifiers/",
                   "https://cwe.mitre.org/data/definitions/1357.html"},
};

class UndeclaredImport final : public Rule {
 public:
  UndeclaredImport() : Rule(kMeta) {}

  void check_project(ProjectContext& ctx) const override {
    dependencies::Facts facts = dependencies::gather(ctx);
    if (!facts.has_declarations) return;  // no manifest to hold the code to
    for (const ModuleImports& module : ctx.modules) {
      // setup.py runs at build time, with the build system's requirements (setuptools).
      if (module.relative_path == "setup.py" || module.relative_path.ends_with("/setup.py")) continue;
      std::set<std::string> reported;  // one finding per distribution per file
      for (const ModuleImport& import : module.imports) {
        if (import.guarded || import.type_checking) continue;
        std::vector<std::string> candidates = dependencies::third_party_distributions(ctx, import.module);
        if (candidates.empty()) continue;
        bool declared_main = false, declared_optional = false, locked = false;
        std::string optional_group;
        for (const std::string& name : candidates) {
          auto it = facts.declared.find(name);
          if (it != facts.declared.end()) {
            for (const auto* r : it->second) {
              if (r->constraint_only) continue;
              if (!r->optional) declared_main = true;
              if (r->optional && optional_group.empty()) optional_group = r->group.empty() ? "optional" : r->group;
              if (r->optional) declared_optional = true;
            }
          }
          if (facts.locked.count(name)) locked = true;
        }
        if (declared_main) continue;
        if (module.in_test && declared_optional) continue;  // test code may use dev/test groups
        if (!reported.insert(candidates.front()).second) continue;
        std::string top = import.module.substr(0, import.module.find('.'));
        std::string names;
        for (std::size_t i = 0; i < candidates.size() && i < 3; ++i) names += (i ? " or " : "") + candidates[i];
        Severity severity = Severity::Critical;
        std::string message;
        if (declared_optional) {
          severity = Severity::High;
          message = "`import " + top + "` needs " + names + ", declared only in the optional group '" +
                    optional_group + "': a production install leaves it out";
        } else if (locked) {
          severity = Severity::Medium;
          message = "`import " + top + "` needs " + names + ", which is only locked as a dependency of "
                    "another package; declare it directly, or an upgrade of that package can remove it";
        } else {
          message = "`import " + top + "` needs " + names + ", which no manifest declares: a fresh install "
                    "fails with ModuleNotFoundError";
        }
        if (severity == Severity::Critical && (import.in_function || import.conditional)) {
          severity = Severity::High;
          message += " (when this code runs)";
        } else if (severity == Severity::Critical) {
          message += " at start-up";
        }
        if (module.in_test) severity = Severity::Low;
        Finding& f = ctx.report(module.path, import.line, import.column, import.source_line, message);
        f.severity = severity;
        f.in_test = module.in_test;
        if (!ctx.import_names->known(import.module)) f.confidence = Confidence::Medium;
      }
    }
  }
};

AEGIS_REGISTER_RULE(UndeclaredImport);

}  // namespace
}  // namespace aegis::rules
