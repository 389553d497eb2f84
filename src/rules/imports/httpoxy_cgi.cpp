// IMP006 cgi-handler-httpoxy (Bandit B412): running a WSGI or Twisted app as CGI, where the
// request's `Proxy:` header arrives as the HTTP_PROXY environment variable ("httpoxy").
#include <vector>

#include "python/ast_visit.h"
#include "rules/imports/module_import.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "IMP006",
    .name = "cgi-handler-httpoxy",
    .title = "application served as CGI (httpoxy)",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 441,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Infrastructure,
    .flags = "`wsgiref.handlers.CGIHandler` and Twisted's `twisted.web.twcgi.CGIScript` / "
             "`CGIDirectory`: at the `from ... import` that names them, or, when they are reached "
             "through their module (`wsgiref.handlers.CGIHandler()`), at each call or subclass. "
             "Not flagged when the file removes `HTTP_PROXY` from `os.environ` "
             "(`os.environ.pop(\"HTTP_PROXY\", None)` or `del os.environ[\"HTTP_PROXY\"]`).",
    .why = "CGI passes request headers to the program as `HTTP_*` environment variables, so a "
           "client that sends `Proxy: http://evil:8080` sets `HTTP_PROXY`. urllib, requests and "
           "most other HTTP clients take their proxy from that variable: the application's "
           "outgoing requests (to payment, identity or internal APIs, with their credentials) "
           "go through the attacker's proxy (CVE-2016-5385 family).",
    .example = "from wsgiref.handlers import CGIHandler\nCGIHandler().run(app)",
    .fix = "Serve the application with a WSGI server (gunicorn, uWSGI, mod_wsgi) instead of CGI; "
           "if CGI must stay, delete `HTTP_PROXY` from `os.environ` before any request is made "
           "and have the web server drop the `Proxy` header.",
    .effort = "1 h",
    .references = {"https://httpoxy.org/", "https://docs.python.org/3/library/wsgiref.html",
                   "https://cwe.mitre.org/data/definitions/441.html"},
    .bandit = "B412",
    .ruff = "S412",
};

const sem::QualifiedNameSet kCgi{"wsgiref.handlers.CGIHandler", "twisted.web.twcgi.CGIScript",
                                 "twisted.web.twcgi.CGIDirectory"};

class HttpoxyCgi final : public Rule {
 public:
  HttpoxyCgi() : Rule(kMeta) {}

  void check_file(RuleContext& ctx) const override {
    const auto& records = ctx.model().imports();
    bool possible = false;
    for (const sem::ImportRecord& r : records) {
      if (r.level == 0 && (imports::is_or_below(r.module, "wsgiref") ||
                           imports::is_or_below(r.module, "twisted")))
        possible = true;
    }
    if (!possible) return;

    // Calls and subclasses of the CGI handlers, and whether HTTP_PROXY is removed.
    struct Use {
      const py::Node* node;
      const py::Expr* reference;  // the callee or base class expression
      std::string name;
      bool subclass;
    };
    std::vector<Use> uses;
    bool mitigated = false;
    std::vector<py::Node*> stack{const_cast<py::Module*>(&ctx.module())};
    while (!stack.empty()) {
      py::Node* node = stack.back();
      stack.pop_back();
      if (const auto* call = as<py::Call>(node)) {
        const std::string& name = ctx.call_name(*call);
        if (kCgi.contains(name)) uses.push_back({call, call->func, name, false});
        if (name == "os.environ.pop" && is_http_proxy(ctx, argument(*call, "key", 0))) mitigated = true;
      } else if (const auto* cls = as<py::ClassDef>(node)) {
        for (const py::Expr* base : cls->bases) {
          std::string name = ctx.model().qualified_name(base);
          if (kCgi.contains(name)) uses.push_back({cls, base, name, true});
        }
      } else if (const auto* del = as<py::Delete>(node)) {
        for (const py::Expr* target : del->targets) {
          const auto* item = as<py::Subscript>(target);
          if (item && ctx.model().is(item->value, "os.environ") && is_http_proxy(ctx, item->slice))
            mitigated = true;
        }
      }
      py::for_each_child(node, [&](py::Node* child) { stack.push_back(child); });
    }
    if (mitigated) return;

    // A from-import names the handler: report it there, once, as an import rule does.
    for (const sem::ImportRecord& r : records) {
      if (r.level != 0 || !r.is_from() || (r.conditions & sem::kImportTypeChecking)) continue;
      std::string imported = r.module + "." + std::string(r.name);
      if (!kCgi.contains(imported)) continue;
      std::string message(1, '`');
      message += ctx.source(*r.statement).substr(0, 80);
      message += "`: CGI handlers pass the request's `Proxy:` header on as HTTP_PROXY, which "
                 "HTTP clients use as their proxy (httpoxy)";
      ctx.report(*r.statement, std::move(message));
    }
    // Uses reached through the module (wsgiref.handlers.CGIHandler()) are reported where
    // they are.
    for (const Use& use : uses) {
      if (from_imported(ctx, use.reference)) continue;
      std::string message = use.subclass ? "subclass of " : "";
      message += use.name;
      if (!use.subclass) message += "()";
      message += " serves the application as CGI: a request's `Proxy:` header becomes HTTP_PROXY "
                 "and outgoing HTTP requests go through it (httpoxy)";
      ctx.report(*use.node, std::move(message));
    }
  }

 private:
  // Whether `reference` is a name bound by `from ... import CGIHandler` (reported there).
  static bool from_imported(const RuleContext& ctx, const py::Expr* reference) {
    const auto* name = as<py::Name>(reference);
    if (!name) return false;
    sem::BindingId id = ctx.model().binding_of(name);
    return id != sem::kNone && ctx.model().binding(id).kind == sem::BindingKind::FromImport;
  }

  static bool is_http_proxy(const RuleContext& ctx, const py::Expr* key) {
    auto text = string_constant(ctx, key);
    return text && *text == "HTTP_PROXY";
  }
};

AEGIS_REGISTER_RULE(HttpoxyCgi);

}  // namespace
}  // namespace aegis::rules
