// OPS002 engine-without-pool-pre-ping: a SQLAlchemy engine (create_engine or Flask-SQLAlchemy's
// SQLALCHEMY_ENGINE_OPTIONS in production) that hands out pooled connections without
// checking them, so a database restart or idle timeout surfaces as request errors.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "OPS002",
    .name = "engine-without-pool-pre-ping",
    .title = "SQLAlchemy connection pool without pool_pre_ping",
    .severity = Severity::Low,
    .confidence = Confidence::Medium,
    .cwe = 754,
    .owasp = "A04:2021-Insecure Design",
    .area = Area::Operability,
    .flags = "`create_engine(url)` without `pool_pre_ping=True` for a server database (not SQLite), and a "
             "Flask-SQLAlchemy app whose production configuration sets `SQLALCHEMY_ENGINE_OPTIONS` "
             "without `pool_pre_ping`. Also records eager loading of relationships "
             "(`lazy=\"joined\"`/`\"selectin\"`, `joinedload`, `selectinload`) as a strength.",
    .why = "Pooled connections die when the database restarts, fails over or drops idle sessions; "
           "without a pre-ping the next request on each one fails.",
    .example = "engine = create_engine(DATABASE_URL, pool_size=10)",
    .fix = "`create_engine(url, pool_pre_ping=True, pool_recycle=1800)`; Flask-SQLAlchemy: "
           "`SQLALCHEMY_ENGINE_OPTIONS = {\"pool_pre_ping\": True}`.",
    .effort = "10 min",
    .references = {"https://docs.sqlalchemy.org/en/20/core/pooling.html#disconnect-handling-pessimistic"},
};

class EngineNoPrePing final : public Rule {
 public:
  EngineNoPrePing() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    bool eager_reported = false;
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
        const auto* call = py::dyn_cast<py::Call>(n);
        if (!call) return;
        const std::string& q = m->unit.model->qualified_name_ref(call);
        if (q == "sqlalchemy.create_engine" || q == "sqlalchemy.ext.asyncio.create_async_engine") {
          auto url = frameworks::util::string_value(*m, frameworks::util::positional(*call, 0));
          if (url && frameworks::util::contains(*url, "sqlite")) return;
          if (frameworks::util::keyword_value(*call, "pool_pre_ping")) return;
          for (const py::Keyword* k : call->keywords) {
            if (k && k->arg.empty()) return;  // **options: unknown
          }
          fw::report(project, {m, call}, q.substr(q.rfind('.') + 1) + "(...) without pool_pre_ping=True: "
                                         "connections dropped by the database fail the next request");
        }
        // Eager loading: relationship(lazy="joined"), joinedload(...), selectinload(...)
        if (!eager_reported) {
          std::string_view last = frameworks::util::last_component(q);
          bool eager = last == "joinedload" || last == "selectinload" || last == "subqueryload";
          if (last == "relationship") {
            auto lazy = frameworks::util::string_value(*m, frameworks::util::keyword_value(*call, "lazy"));
            eager = lazy && (*lazy == "joined" || *lazy == "selectin" || *lazy == "subquery");
          }
          if (eager) {
            eager_reported = true;
            fw::strength(project, "eager-loading", "Relationships are loaded eagerly (no N+1 queries)",
                         Area::Operability, frameworks::source_text(*m, call) + " in " + fw::where({m, call}), {m, call});
          }
        }
      });
    }
    for (const fw::App& app : model.apps) {
      const fw::ConfigValue* options = fw::production_value(app, "SQLALCHEMY_ENGINE_OPTIONS");
      if (!options || !options->site.node) continue;
      const auto* dict = py::dyn_cast<py::Dict>(options->site.node);
      if (!dict) continue;
      bool ping = false;
      for (const py::Expr* k : dict->keys) {
        if (frameworks::util::string_value(*options->site.module, k) == std::optional<std::string>("pool_pre_ping")) ping = true;
      }
      if (!ping)
        fw::report(project, options->site, "SQLALCHEMY_ENGINE_OPTIONS in " + fw::where(*options) +
                                               " has no pool_pre_ping: stale pooled connections fail requests");
    }
  }
};

AEGIS_REGISTER_RULE(EngineNoPrePing);

}  // namespace
}  // namespace aegis::rules
