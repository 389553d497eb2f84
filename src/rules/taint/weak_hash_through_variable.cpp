// TNT015 weak-hash-through-variable: hashlib.new() given md5/sha1/... through variables,
// branches, containers or helpers, as the data-flow engine folds the name (CWE-328).
// The literal and bound-once cases are CRY's; this rule sees what they cannot.
#include <algorithm>
#include <cctype>

#include "dataflow/engine.h"
#include "rules/python_project.h"
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT015",
    .name = "weak-hash-through-variable",
    .title = "Weak hash algorithm chosen through a variable",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 328,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::DataProtection,
    .flags = "hashlib.new() whose algorithm name the data-flow engine folds to md4, md5, sha1, sha or "
             "ripemd160 through assignments, branches decided by constants, containers and project helpers, "
             "unless usedforsecurity=False declares a non-security use.",
    .why = "MD5 and SHA-1 collide cheaply: digests made with them do not protect integrity, passwords "
           "or signatures, however the name reaches hashlib.",
    .example = "algorithm = \"sha256\"\nalgorithm = \"md5\"\ndigest = hashlib.new(algorithm, data).hexdigest()",
    .fix = "Choose SHA-256 or better (hashlib.new(\"sha256\")); for passwords use a KDF (hashlib.scrypt, "
           "argon2, bcrypt).",
    .effort = "30 min",
    .references = {"https://cwe.mitre.org/data/definitions/328.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

bool weak(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
  name.erase(std::remove(name.begin(), name.end(), '_'), name.end());
  return name == "md5" || name == "md4" || name == "md2" || name == "sha1" || name == "sha" || name == "ripemd160" ||
         name == "md5sha1";
}

class WeakHashThroughVariable final : public Rule {
 public:
  WeakHashThroughVariable() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  void check_python_project(PythonProject& project) const override {
    for (const dataflow::CallObservation& o : dataflow::analyse(project).observations) {
      if (o.callee != "hashlib.new") continue;
      const dataflow::CallObservation::Arg* name = nullptr;
      bool not_security = false;
      for (const auto& a : o.args) {
        if ((a.keyword.empty() && !name) || a.keyword == "name") name = &a;
        if (a.keyword == "usedforsecurity" && a.known && a.text == "False") not_security = true;
      }
      if (!name || !name->known || name->from_literal || not_security || !weak(name->text)) continue;
      project.report(*o.module, *o.call,
                     "hashlib.new() gets the algorithm \"" + name->text +
                         "\" through a variable: a weak hash, collisions are practical");
    }
  }
};

}  // namespace
AEGIS_REGISTER_RULE(WeakHashThroughVariable);
}  // namespace aegis::rules
