// IMP002 pickle-import (Bandit B403): modules that unpickle. Importing them is a review note
// (info): the dangerous loads are reported where they happen by DSR002.
#include "rules/imports/module_import.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "IMP002",
    .name = "pickle-import",
    .title = "import of a pickle-based serialisation module",
    .severity = Severity::Info,
    .confidence = Confidence::High,
    .cwe = 502,
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .area = Area::Dependencies,
    .flags = "Imports of `pickle`, `_pickle`, `cPickle`, `dill` and `shelve` in any form. "
             "From-imports of only the writing side (`dump`, `dumps`, `Pickler`, the protocol "
             "constants and exceptions) are not flagged. Informational: importing pickle is not "
             "a vulnerability; loading untrusted data is, and DSR002 reports each load.",
    .why = "A module that imports pickle can turn bytes into objects by calling whatever the "
           "bytes name. Knowing where pickle is in use tells a reviewer where to look for data "
           "that crosses a trust boundary (cookies, caches, queues, uploads).",
    .example = "import pickle",
    .fix = "Nothing to change if only trusted, locally written data is loaded; otherwise "
           "exchange JSON (or another data-only format), or sign pickles with HMAC and verify "
           "before loading.",
    .effort = "5 min",
    .references = {"https://docs.python.org/3/library/pickle.html",
                   "https://cwe.mitre.org/data/definitions/502.html"},
    .bandit = "B403",
    .ruff = "S403",
    .opt_in = true,
};

class PickleImport final : public imports::ModuleImportRule {
 public:
  PickleImport() : ModuleImportRule(kMeta, {"pickle", "_pickle", "cPickle", "dill", "shelve"}) {}

 protected:
  bool harmless(const RuleContext&, const sem::ImportRecord* record, std::string_view listed,
                std::string_view imported) const override {
    if (!record || !record->is_from() || listed == "shelve") return false;
    std::string_view leaf = first_below(imported, listed);
    // Writing a pickle runs nothing.
    return leaf == "dump" || leaf == "dumps" || leaf == "Pickler" || leaf == "HIGHEST_PROTOCOL" ||
           leaf == "DEFAULT_PROTOCOL" || leaf == "PickleError" || leaf == "PicklingError" ||
           leaf == "PickleBuffer";
  }

  std::string message(const Hit& hit) const override {
    return "`" + hit.shown + "`: " + std::string(hit.listed) +
           " turns bytes into objects by running code they name; load only data this service "
           "wrote (each load is reported by DSR002)";
  }
};

AEGIS_REGISTER_RULE(PickleImport);

}  // namespace
}  // namespace aegis::rules
