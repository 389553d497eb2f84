// DEP003 unused-dependency: a runtime requirement nothing in the project imports.
#include <set>

#include "rules/dependencies/facts.h"
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "DEP003",
    .name = "unused-dependency",
    .title = "declared dependency that nothing imports",
    .severity = Severity::Low,
    .confidence = Confidence::Low,
    .cwe = 1104,
    .owasp = "A06:2021-Vulnerable and Outdated Components",
    .area = Area::Dependencies,
    .flags = "Main (not optional, not dev/test) requirements whose distribution no analysed module "
             "imports, by the same import-name mapping the undeclared-import rule uses. Servers, "
             "database drivers, plugins loaded by name and build tools (gunicorn, uvicorn, psycopg2, "
             "whitenoise, setuptools, ...) are used without an import and are not flagged.",
    .why = "Every installed package is code that runs with the service's privileges and attack surface "
           "to keep patched; one nobody uses is risk with no benefit, and often a sign the manifest has "
           "drifted from the code.",
    .example = "PyYAML==6.0.1      # in requirements.txt; no module imports yaml",
    .fix = "Remove the requirement (and re-lock), or move it to the optional group it belongs to.",
    .effort = "5 min",
    .references = {"https://cwe.mitre.org/data/definitions/1104.html"},
};

// Distributions a service uses without importing them by their own name.
const std::set<std::string> kUsedWithoutImport{
    "gunicorn", "uvicorn", "waitress", "daphne", "hypercorn", "gevent", "eventlet", "meinheld", "uwsgi",
    "psycopg2", "psycopg2-binary", "psycopg", "psycopg-binary", "mysqlclient", "pymysql", "cx-oracle",
    "oracledb", "whitenoise", "setuptools", "wheel", "pip", "alembic", "celery", "python-dotenv",
    "gunicorn-worker", "uvloop", "httptools", "watchfiles", "email-validator", "python-multipart",
    "cryptography", "certifi", "pytz", "tzdata", "sentry-sdk", "django-environ", "supervisor",
    "honcho", "newrelic", "ddtrace", "opentelemetry-distro", "greenlet", "brotli", "orjson", "ujson"};

class UnusedDependency final : public Rule {
 public:
  UnusedDependency() : Rule(kMeta) {}

  void check_project(ProjectContext& ctx) const override {
    if (ctx.modules.empty()) return;
    std::set<std::string> imported;
    for (const ModuleImports& m : ctx.modules) {
      for (const ModuleImport& i : m.imports) {
        for (const std::string& d : ctx.import_names->distributions_for(i.module)) imported.insert(d);
      }
    }
    std::set<std::string> reported;
    for (const deps::Manifest& manifest : ctx.manifests) {
      if (manifest.kind == deps::ManifestKind::SetupPy) continue;  // libraries: imports live elsewhere
      for (const deps::DeclaredRequirement& r : manifest.requirements) {
        if (r.name.empty() || r.optional || r.constraint_only || r.editable || !r.url.empty()) continue;
        // Django apps are named in INSTALLED_APPS strings, type stubs are read by checkers only.
        if (imported.count(r.name) || kUsedWithoutImport.count(r.name) || r.name.starts_with("types-") ||
            r.name.starts_with("django-")) {
          continue;
        }
        if (!reported.insert(r.name).second) continue;
        ctx.report(r.where.path, r.where.line, r.where.column, ctx.source_line(r.where.path, r.where.line),
                   r.name + " is declared but no analysed module imports it; remove it or move it to an optional group");
      }
    }
  }
};

AEGIS_REGISTER_RULE(UnusedDependency);

}  // namespace
}  // namespace aegis::rules
