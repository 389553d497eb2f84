// AUTH001 auth-exemption-prefix: authentication middleware (a BaseHTTPMiddleware
// dispatch, an ASGI/WSGI middleware class, a before_request hook) whose exemption list or
// startswith test covers more than public endpoints -- e.g. a whole /artifact/ family.
#include <set>

#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "AUTH001",
    .name = "auth-exemption-prefix",
    .title = "authentication middleware exempts a non-public route family",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 306,
    .owasp = "A01:2021-Broken Access Control",
    .area = Area::Authorization,
    .flags = "Path strings that authentication middleware lets through without a token: entries of an "
             "exemption list (`EXEMPT_PATHS`, `PUBLIC_PATHS`, ...) or arguments of "
             "`path.startswith(...)` inside a middleware `dispatch`/`__call__` or a `before_request` "
             "hook, when the path is not a conventionally public endpoint (health and readiness, "
             "docs/OpenAPI, metrics, static files, login/register/token). A trailing `/` or a "
             "startswith test exempts the whole family.",
    .why = "One exemption entry silently removes authentication from every route below it, including "
           "routes added later: seed 003's \"temporarily exempt all artifact endpoints\" left every "
           "/artifact/* route open.",
    .example = "EXEMPT_PREFIXES = (\"/health\", \"/docs\", \"/artifact/\")\n...\nif request.url.path.startswith(EXEMPT_PREFIXES):\n    return await call_next(request)",
    .fix = "Exempt exact public paths only, and protect route families with an explicit dependency or "
           "decorator; if an exemption must stay, document why and until when next to it.",
    .effort = "1 h",
    .references = {"https://cwe.mitre.org/data/definitions/306.html",
                   "https://owasp.org/Top10/A01_2021-Broken_Access_Control/"},
};

// Public by convention: judged by the last segment ("/api/v1/health", "/auth/login", "/docs/").
bool public_path(const std::string& path) {
  static const std::set<std::string> kPublic{
      "health", "healthz", "health-check", "healthcheck", "ready", "readyz", "readiness", "live", "livez",
      "liveness", "ping", "status", "docs", "redoc", "openapi.json", "openapi", "swagger", "metrics",
      "favicon.ico", "static", "login", "logout", "register", "signup", "sign-up", "signin", "sign-in",
      "token", "refresh", "auth", "version", "csrf-token", "csrf", "public", "deep", "robots.txt",
      "forgot-password", "password-reset", "reset-password", "callback", "assets"};
  std::string last;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) last = frameworks::util::lower(path.substr(start, slash - start));
    start = slash + 1;
  }
  return last.empty() ? path == "/" : kPublic.count(last) > 0;
}

bool authenticates(const PythonModule& m, const py::Node* fn) {
  bool found = false;
  frameworks::util::walk(fn, [&](const py::Node* n) {
    const auto* c = py::dyn_cast<py::Constant>(n);
    if (!c || found) return;
    if (c->value.kind == py::ConstantKind::Int && (c->value.text == "401" || c->value.text == "403")) found = true;
    if (c->value.kind == py::ConstantKind::Str) {
      std::string l = frameworks::util::lower(c->value.text);
      if (frameworks::util::contains(l, "authoriz") || frameworks::util::contains(l, "bearer") ||
          frameworks::util::contains(l, "token"))
        found = true;
    }
  });
  (void)m;
  return found;
}

bool middleware_scope(const PythonModule& m, const py::Node* fn) {
  std::string name;
  if (const auto* f = py::dyn_cast<py::FunctionDef>(fn)) name = std::string(f->name);
  if (const auto* f = py::dyn_cast<py::AsyncFunctionDef>(fn)) name = std::string(f->name);
  const py::ClassDef* cls = m.unit.model->enclosing_class(fn);
  if ((name == "dispatch" || name == "__call__") && cls) {
    std::string l = frameworks::util::lower(cls->name);
    if (frameworks::util::contains(l, "auth") || frameworks::util::contains(l, "jwt") ||
        frameworks::util::contains(l, "token") || frameworks::util::contains(l, "login"))
      return true;
    // Another middleware authenticates when it refuses with 401/403 or reads credentials.
    return authenticates(m, fn);
  }
  return false;
}

class AuthExemptionPrefix final : public Rule {
 public:
  AuthExemptionPrefix() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    std::set<const py::Node*> hooks;
    for (const fw::App& app : model.apps) {
      for (const fw::Site& s : app.before_request) hooks.insert(s.node);
    }
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      std::set<const py::Node*> reported;
      auto judge_strings = [&](const py::Expr* e, const std::string& how) {
        std::vector<std::pair<std::string, const py::Expr*>> paths;
        if (auto s = frameworks::util::string_value(*m, e)) paths.emplace_back(*s, e);
        const py::Expr* list = e;
        if (const auto* name = py::dyn_cast<py::Name>(e)) {
          sem::BindingId b = m->unit.model->binding_of(name);
          if (b != sem::kNone && m->unit.model->binding(b).value) list = m->unit.model->binding(b).value;
        }
        const aegis::Span<py::Expr*>* elts = nullptr;
        if (const auto* l = py::dyn_cast<py::List>(list)) elts = &l->elts;
        if (const auto* t = py::dyn_cast<py::Tuple>(list)) elts = &t->elts;
        if (const auto* st = py::dyn_cast<py::Set>(list)) elts = &st->elts;
        if (elts) {
          for (const py::Expr* x : *elts) {
            if (auto s = frameworks::util::string_value(*m, x)) paths.emplace_back(*s, x);
          }
        }
        for (const auto& [path, node] : paths) {
          if (path.empty() || path[0] != '/' || public_path(path) || !reported.insert(node).second) continue;
          fw::report(project, {m, node}, "authentication middleware lets " + path + (path.back() == '/' || how == "startswith" ? "* (every route under it)" : "") +
                                             " through without a token (" + how + ")");
        }
      };
      frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
        if (n->kind != py::NodeKind::FunctionDef && n->kind != py::NodeKind::AsyncFunctionDef) return;
        if (!middleware_scope(*m, n) && !hooks.count(n)) return;
        frameworks::util::walk(n, [&](const py::Node* x) {
          if (const auto* call = py::dyn_cast<py::Call>(x)) {
            const auto* attr = py::dyn_cast<py::Attribute>(call->func);
            if (attr && attr->attr == "startswith" && call->args.size() >= 1) judge_strings(call->args[0], "startswith");
          } else if (const auto* cmp = py::dyn_cast<py::Compare>(x)) {
            if (cmp->ops.size() == 1 && cmp->ops[0] == py::CmpOperator::In) judge_strings(cmp->comparators[0], "exemption list");
          } else if (const auto* comp = py::dyn_cast<py::GeneratorExp>(x)) {
            // any(path.startswith(p) for p in EXEMPT)
            for (const auto* gen : comp->generators) judge_strings(gen->iter, "startswith");
          }
        });
      });
    }
  }
};

AEGIS_REGISTER_RULE(AuthExemptionPrefix);

}  // namespace
}  // namespace aegis::rules
