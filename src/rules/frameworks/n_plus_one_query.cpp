// OPS003 n-plus-one-query: a lazily loaded relationship read inside a loop over query
// results -- one extra query per row (the N+1 pattern seed 000 fixed with eager loading).
#include <map>
#include <set>

#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "OPS003",
    .name = "n-plus-one-query",
    .title = "lazy relationship loaded inside a loop over query results",
    .severity = Severity::Low,
    .confidence = Confidence::Medium,
    .cwe = 1073,
    .owasp = "A04:2021-Insecure Design",
    .area = Area::Operability,
    .flags = "A `for` loop or comprehension over query results (`Model.query...all()`, "
             "`session.query(...)`, `session.scalars(select(...))`, `session.execute(...)`) whose body "
             "reads a relationship of the loop variable that the model declares lazily "
             "(`relationship(...)` without `lazy=\"joined\"`/`\"selectin\"`/`\"subquery\"`), when the "
             "query has no `joinedload`/`selectinload`/`subqueryload` option.",
    .why = "Each row's relationship is a separate query: 300 rows make 301 round trips, and the page slows "
           "down (and loads the database) in proportion to the data.",
    .example = "for user in User.query.all():\n    names = [e.course.title for e in user.enrollments]",
    .fix = "Load it with the query: `User.query.options(selectinload(User.enrollments)).all()`, or declare "
           "`relationship(..., lazy=\"selectin\")` where it is always needed.",
    .effort = "30 min",
    .references = {"https://docs.sqlalchemy.org/en/20/orm/queryguide/relationships.html"},
};

bool eager(std::string_view lazy) { return lazy == "joined" || lazy == "selectin" || lazy == "subquery" || lazy == "immediate"; }

class NPlusOne final : public Rule {
 public:
  NPlusOne() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    // Relationship attributes declared in model classes: name -> loaded eagerly?
    std::map<std::string, bool> relationships;
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module) continue;
      frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
        const auto* a = py::dyn_cast<py::Assign>(n);
        if (!a || a->targets.size() != 1 || !m->unit.model->enclosing_class(a)) return;
        const auto* name = py::dyn_cast<py::Name>(a->targets[0]);
        const auto* call = py::dyn_cast<py::Call>(a->value);
        if (!name || !call) return;
        std::string_view callee = frameworks::util::last_component(m->unit.model->qualified_name(call->func));
        if (callee.empty()) callee = frameworks::util::last_component(frameworks::source_text(*m, call->func));
        if (callee != "relationship") return;
        auto lazy = frameworks::util::string_value(*m, frameworks::util::keyword_value(*call, "lazy"));
        bool is_eager = lazy && eager(*lazy);
        auto [it, added] = relationships.emplace(std::string(name->id), is_eager);
        if (!added) it->second = it->second && is_eager;  // the same name lazy anywhere: unsure, keep lazy
      });
    }
    if (relationships.empty()) return;
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      std::set<const py::Node*> reported;
      frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
        const py::Expr* iter = nullptr;
        const py::Expr* target = nullptr;
        const py::Node* body = n;
        if (const auto* loop = py::dyn_cast<py::For>(n)) {
          iter = loop->iter;
          target = loop->target;
        } else if (const auto* comp = py::dyn_cast<py::Comprehension>(n)) {
          iter = comp->iter;
          target = comp->target;
          body = m->unit.model->parent(n);
        }
        const auto* var = py::dyn_cast<py::Name>(target);
        if (!iter || !var || !query_results(*m, iter)) return;
        frameworks::util::walk(body, [&](const py::Node* x) {
          const auto* attr = py::dyn_cast<py::Attribute>(x);
          if (!attr || x == iter) return;
          const auto* base = py::dyn_cast<py::Name>(attr->value);
          if (!base || base->id != var->id) return;
          auto rel = relationships.find(std::string(attr->attr));
          if (rel == relationships.end() || rel->second || !reported.insert(n).second) return;
          fw::report(project, {m, attr}, std::string(var->id) + "." + std::string(attr->attr) +
                                             " is loaded lazily for each row of " + frameworks::source_text(*m, iter) +
                                             ": one query per row (N+1)");
        });
      });
    }
  }

 private:
  // An iterable of ORM rows without an eager-loading option.
  static bool query_results(const PythonModule& m, const py::Expr* iter) {
    std::string text = frameworks::source_text(m, iter);
    if (frameworks::util::contains(text, "joinedload") || frameworks::util::contains(text, "selectinload") ||
        frameworks::util::contains(text, "subqueryload") || frameworks::util::contains(text, "contains_eager"))
      return false;
    return frameworks::util::contains(text, ".query") || frameworks::util::contains(text, "session.scalars(") ||
           frameworks::util::contains(text, "session.execute(") || frameworks::util::contains(text, ".query(");
  }
};

AEGIS_REGISTER_RULE(NPlusOne);

}  // namespace
}  // namespace aegis::rules
