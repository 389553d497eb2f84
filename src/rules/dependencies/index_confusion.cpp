// DEP004 package-index-confusion: index settings that let another index supply a package
// (--extra-index-url), or that fetch packages without TLS verification.
#include "rules/dependencies/facts.h"
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "DEP004",
    .name = "package-index-confusion",
    .title = "package index setting that invites dependency confusion",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 427,
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .area = Area::Dependencies,
    .flags = "`--extra-index-url` in requirements files, `extra-index-url` in a pip.conf/pip.ini kept in "
             "the repository, a Pipfile or Poetry source consulted beside PyPI; index or find-links URLs "
             "over plain `http://`; `--trusted-host`, which turns off certificate checks for a host.",
    .why = "pip treats every index as equal and installs the highest version it finds anywhere: when a "
           "private package name (`acme-billing`) is also registered on PyPI with a higher version, the "
           "public one is installed, and its setup code runs in the build with its credentials. "
           "Plain HTTP and trusted hosts let anyone on the path replace packages.",
    .example = "--extra-index-url https://pypi.internal.example/simple",
    .fix = "Serve everything from one index that proxies PyPI (`--index-url` to the private index), or "
           "pin every private package with `--hash` so a substitute cannot install; use https and "
           "remove --trusted-host.",
    .effort = "1 h",
    .references = {"https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-extra-index-url",
                   "https://cwe.mitre.org/data/definitions/427.html"},
};

// The pip option an index setting amounts to: "--extra-index-url", "-i", pip.conf's
// "global.extra-index-url", uv's "tool.uv.extra-index-url" -> "extra-index-url". Sources
// listed in Pipfile, Poetry and uv tables: the first is the index, later ones are extra.
std::string option_of(const std::string& raw, int& sources_seen) {
  std::string option = raw;
  if (option == "source" || option == "tool.poetry.source" || option == "tool.uv.index") {
    return sources_seen++ == 0 ? "index-url" : "extra-index-url";
  }
  if (std::size_t dot = option.rfind('.'); dot != std::string::npos) option = option.substr(dot + 1);
  while (!option.empty() && option.front() == '-') option.erase(option.begin());
  if (option == "i") return "index-url";
  if (option == "f") return "find-links";
  return option;
}

class IndexConfusion final : public Rule {
 public:
  IndexConfusion() : Rule(kMeta) {}

  void check_project(ProjectContext& ctx) const override {
    for (const deps::Manifest& m : ctx.manifests) {
      int sources_seen = 0;
      for (const deps::IndexSetting& s : m.index_settings) {
        std::string option = option_of(s.option, sources_seen);
        std::string snippet = ctx.source_line(s.where.path, s.where.line);
        if (option == "extra-index-url") {
          ctx.report(s.where.path, s.where.line, s.where.column, snippet,
                     "extra index '" + s.value + "' is consulted beside the main index: a package of the same "
                     "name and a higher version on either one wins (dependency confusion)");
        } else if (option == "trusted-host") {
          Finding& f = ctx.report(s.where.path, s.where.line, s.where.column, snippet,
                                  "--trusted-host " + s.value + " turns off TLS verification for that index");
          f.severity = Severity::Medium;
          f.cwe = 295;
        } else if (s.value.rfind("http://", 0) == 0) {
          Finding& f = ctx.report(s.where.path, s.where.line, s.where.column, snippet,
                                  option + " '" + s.value + "' fetches packages over plain HTTP");
          f.severity = Severity::Medium;
          f.cwe = 319;
        }
      }
    }
  }
};

AEGIS_REGISTER_RULE(IndexConfusion);

}  // namespace
}  // namespace aegis::rules
