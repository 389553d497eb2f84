// INJ011 django-extra-sql (Bandit B610): QuerySet.extra() with SQL fragments that are not
// constants. extra() pastes select/where/tables/order_by text into the query as is; only
// `params`/`select_params` are sent as parameters.
#include "rules/injection/process.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "INJ011",
    .name = "django-extra-sql",
    .title = "Django QuerySet.extra() with SQL built at run time",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 89,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "`.extra(...)` on a Django queryset (a chain through `.objects`, `get_queryset()`, a "
             "name that resolves into `django`, or a call that uses extra()'s own keywords) whose "
             "`select`, `where`, `tables` or `order_by` fragments are not constants. A fragment "
             "built with an f-string, `%`, `.format()` or `+` from variables is high; a variable "
             "fragment or a whole variable list is medium. Constant fragments with values in "
             "`params`/`select_params` are not flagged.",
    .why = "Django inserts these fragments into the SQL text without quoting: a request value in a "
           "`where` string turns into `1=1) OR (1=1`, a `UNION SELECT` or a sub-query over any "
           "table. Values passed in `params` are bound by the database driver and cannot change "
           "the statement.",
    .example = "Article.objects.extra(where=[f\"title LIKE '%{term}%'\"])",
    .fix = "Keep the fragments constant and pass values as parameters "
           "(`.extra(where=[\"title LIKE %s\"], params=[f\"%{term}%\"])`), or better, use the ORM: "
           "`Article.objects.filter(title__contains=term)`.",
    .effort = "30 min",
    .references = {"https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra",
                   "https://cwe.mitre.org/data/definitions/89.html"},
    .bandit = "B610",
    .ruff = "S610",
};

// QuerySet methods that return a queryset, so `X.objects.filter(...).extra(...)` is one.
bool queryset_method(std::string_view name) {
  static constexpr std::string_view kMethods[] = {
      "all", "filter", "exclude", "order_by", "annotate", "alias", "values", "values_list",
      "distinct", "select_related", "prefetch_related", "using", "defer", "only", "reverse",
      "none", "select_for_update", "get_queryset", "union", "intersection", "difference"};
  for (std::string_view m : kMethods) {
    if (name == m) return true;
  }
  return false;
}

bool looks_like_queryset(const RuleContext& ctx, const py::Expr* receiver) {
  for (int depth = 0; receiver && depth < 16; ++depth) {
    if (ctx.model().qualified_name_ref(receiver).starts_with("django.")) return true;
    if (const auto* attr = as<py::Attribute>(receiver)) {
      if (attr->attr == "objects" || attr->attr == "_default_manager") return true;
      receiver = attr->value;
    } else if (const auto* call = as<py::Call>(receiver)) {
      const auto* method = as<py::Attribute>(call->func);
      if (!method || !queryset_method(method->attr)) return false;
      if (method->attr == "get_queryset") return true;
      receiver = method->value;
    } else if (const auto* name = as<py::Name>(receiver)) {
      if (name->id == "queryset" || name->id == "qs" || name->id.ends_with("_qs") ||
          name->id.ends_with("_queryset")) {
        return true;
      }
      const py::Expr* value = process::single_value(ctx, name);
      if (value == receiver) return false;
      receiver = value;
    } else {
      return false;
    }
  }
  return false;
}

struct Fragments {
  std::vector<const py::Expr*> built;     // strings built from variables
  std::vector<const py::Expr*> variable;  // other values that are not constants
};

void judge_fragment(const RuleContext& ctx, const py::Expr* fragment, Fragments& out) {
  if (!fragment || constant(ctx, fragment)) return;
  if (process::built_from_variables(ctx, fragment)) {
    out.built.push_back(fragment);
  } else {
    out.variable.push_back(fragment);
  }
}

// A list, tuple or dict of fragments (followed through a name bound once and never changed).
void judge_container(const RuleContext& ctx, const py::Expr* container, bool dict, Fragments& out) {
  if (!container || is_none_constant(ctx, container)) return;
  const py::Expr* value = container;
  if (const auto* name = as<py::Name>(container)) {
    value = process::single_value(ctx, container);
    if (value != container && !as<py::Tuple>(value) && process::mutated_in_module(ctx, name->id)) value = container;
  }
  if (dict) {
    if (const auto* d = as<py::Dict>(value)) {
      for (std::size_t i = 0; i < d->keys.size(); ++i) {
        if (!d->keys[i]) {  // **other: unknown entries
          out.variable.push_back(d->values[i]);
          continue;
        }
        judge_fragment(ctx, d->keys[i], out);
        judge_fragment(ctx, d->values[i], out);
      }
      return;
    }
  } else {
    Span<py::Expr*> elements;
    bool literal = false;
    if (const auto* list = as<py::List>(value)) {
      elements = list->elts, literal = true;
    } else if (const auto* tuple = as<py::Tuple>(value)) {
      elements = tuple->elts, literal = true;
    }
    if (literal) {
      for (const py::Expr* e : elements) {
        judge_fragment(ctx, as<py::Starred>(e) ? static_cast<const py::Starred*>(e)->value : e, out);
      }
      return;
    }
  }
  out.variable.push_back(container);
}

class DjangoExtraSql final : public Rule {
 public:
  DjangoExtraSql() : Rule(kMeta) {}
  // The receiver is a queryset of some model, rarely resolvable to a qualified name.
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const auto* method = as<py::Attribute>(call.func);
    if (!method || method->attr != "extra") return;
    bool own_keywords = false;
    for (std::string_view k : {"select", "where", "tables", "order_by", "select_params"}) {
      own_keywords = own_keywords || keyword(call, k);
    }
    if (!own_keywords && !looks_like_queryset(ctx, method->value)) return;
    Fragments fragments;
    judge_container(ctx, argument(call, "select", 0), true, fragments);
    judge_container(ctx, argument(call, "where", 1), false, fragments);
    judge_container(ctx, argument(call, "tables", 3), false, fragments);
    judge_container(ctx, argument(call, "order_by", 4), false, fragments);
    if (fragments.built.empty() && fragments.variable.empty()) return;
    std::string receiver = process::shown(ctx, call.func, 50);
    if (!fragments.built.empty()) {
      ctx.report(call, receiver + "() puts SQL built from variables into the query: " +
                           process::describe(ctx, fragments.built) +
                           "; use %s placeholders and pass the values in params");
      return;
    }
    Finding& f = ctx.report(call, receiver + "() puts SQL fragments that are not constants into "
                                             "the query: " + process::describe(ctx, fragments.variable) +
                                             "; keep fragments constant and pass values in params");
    f.severity = Severity::Medium;
  }
};

AEGIS_REGISTER_RULE(DjangoExtraSql);

}  // namespace
}  // namespace aegis::rules
