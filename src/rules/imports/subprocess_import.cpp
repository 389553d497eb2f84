// IMP003 subprocess-import (Bandit B404): the module that starts processes. Importing it is a
// review note (info): the calls with their commands are INJ002 and the other INJ rules.
#include "rules/imports/module_import.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "IMP003",
    .name = "subprocess-import",
    .title = "import of subprocess",
    .severity = Severity::Info,
    .confidence = Confidence::High,
    .cwe = 78,
    .owasp = "A03:2021-Injection",
    .area = Area::Dependencies,
    .flags = "Imports of `subprocess` in any form. From-imports of only its constants, result "
             "and exception classes (`PIPE`, `DEVNULL`, `STDOUT`, `CompletedProcess`, "
             "`CalledProcessError`, `TimeoutExpired`, `SubprocessError`) are not flagged. "
             "Informational: running programs is not a vulnerability; commands built from input "
             "are, and the injection rules (INJ002, ...) report those calls.",
    .why = "A module that imports subprocess starts other programs. Knowing where tells a "
           "reviewer where command lines are built and whether any part of them comes from a "
           "request.",
    .example = "import subprocess",
    .fix = "Nothing to change in itself; pass commands as lists (no `shell=True`) and never let "
           "input choose the program or its options.",
    .effort = "5 min",
    .references = {"https://docs.python.org/3/library/subprocess.html#security-considerations",
                   "https://cwe.mitre.org/data/definitions/78.html"},
    .bandit = "B404",
    .ruff = "S404",
    .opt_in = true,
};

class SubprocessImport final : public imports::ModuleImportRule {
 public:
  SubprocessImport() : ModuleImportRule(kMeta, {"subprocess"}) {}

 protected:
  bool harmless(const RuleContext&, const sem::ImportRecord* record, std::string_view listed,
                std::string_view imported) const override {
    if (!record || !record->is_from()) return false;
    std::string_view leaf = first_below(imported, listed);
    return leaf == "PIPE" || leaf == "DEVNULL" || leaf == "STDOUT" || leaf == "CompletedProcess" ||
           leaf == "CalledProcessError" || leaf == "TimeoutExpired" || leaf == "SubprocessError";
  }

  std::string message(const Hit& hit) const override {
    return "`" + hit.shown + "`: this module starts processes; review that no command line is "
                             "built from input (calls are checked by the INJ rules)";
  }
};

AEGIS_REGISTER_RULE(SubprocessImport);

}  // namespace
}  // namespace aegis::rules
