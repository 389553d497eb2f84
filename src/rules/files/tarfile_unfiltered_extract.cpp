// FIL001 tarfile-unfiltered-extract (Bandit B202): TarFile.extractall()/extract() with no
// extraction filter, so member names like ../../etc/cron.d/x or absolute paths and links
// are written where they point.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "FIL001",
    .name = "tarfile-unfiltered-extract",
    .title = "tar archive extracted without an extraction filter",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 22,
    .owasp = "A01:2021-Broken Access Control",
    .area = Area::InputValidation,
    .flags = "`extractall()` and `extract()` on a `tarfile` archive (from `tarfile.open`, "
             "`TarFile.open` or `TarFile(...)`, including `with ... as archive`) without "
             "`filter=\"data\"` (or `\"tar\"`, or a filter function). `filter=\"fully_trusted\"` is "
             "reported too. zipfile's extractall sanitises names and is not flagged.",
    .why = "Before Python 3.14 tarfile extracts members as named: `../` components, absolute "
           "paths, symlinks and device files in an uploaded or downloaded archive write outside "
           "the target directory (path traversal, CVE-2007-4559), up to overwriting code or "
           "cron files.",
    .example = "with tarfile.open(fileobj=upload) as archive:\n    archive.extractall(dest)",
    .fix = "Pass the data filter: `archive.extractall(dest, filter=\"data\")` (Python 3.12+, and "
           "security releases of 3.8-3.11); on older versions check every member's resolved "
           "path before extracting.",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/tarfile.html#extraction-filters",
                   "https://peps.python.org/pep-0706/", "https://cwe.mitre.org/data/definitions/22.html"},
    .bandit = "B202",
    .ruff = "S202",
};

class TarfileUnfilteredExtract final : public Rule {
 public:
  TarfileUnfilteredExtract() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{
        "tarfile.open.extractall",        "tarfile.open.extract",
        "tarfile.TarFile.extractall",     "tarfile.TarFile.extract",
        "tarfile.TarFile.open.extractall", "tarfile.TarFile.open.extract",
        "tarfile.TarFile.taropen.extractall", "tarfile.TarFile.gzopen.extractall",
    };
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    std::string method = function.substr(function.rfind('.') + 1);
    const py::Keyword* filter = keyword(call, "filter");
    if (!filter) {
      if (has_splat(call)) return;  // the filter may come through **kwargs
      ctx.report(call, "tarfile " + method + "() without filter= writes member paths as named "
                                             "(../, absolute paths, links); pass filter=\"data\"");
      return;
    }
    auto value = string_constant(ctx, filter->value);
    if (value && *value == "fully_trusted") {
      ctx.report(call, "tarfile " + method + "(filter=\"fully_trusted\") disables the extraction "
                                             "checks; use filter=\"data\" for archives you did not make");
    }
  }
};

AEGIS_REGISTER_RULE(TarfileUnfilteredExtract);

}  // namespace
}  // namespace aegis::rules
