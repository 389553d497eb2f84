// NET010 bind-all-interfaces (Bandit B104): a server bound to every interface ("0.0.0.0",
// "::", or "" in a socket address). Bandit flags every "0.0.0.0" string literal, log messages
// and comparisons included; Aegis flags the value only where it is used as a bind host:
// socket bind()/create_server(), socketserver/http.server/wsgiref/gevent servers,
// app.run(host=) of Flask/Sanic/Quart, uvicorn.run/Config, aiohttp run_app, waitress.serve,
// asyncio.start_server, aiohttp TCPSite, SocketIO.run; and gunicorn/hypercorn `bind` strings.
#include <algorithm>

#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "NET010",
    .name = "bind-all-interfaces",
    .title = "Server binds to all network interfaces",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 1327,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Infrastructure,
    .flags = "A constant host of \"0.0.0.0\" or \"::\" (or \"\" in a socket address tuple), directly or "
             "through a module constant, given as the bind host of `socket.bind`, "
             "`socket.create_server`, `socketserver.*Server`, `http.server.(Threading)HTTPServer`, "
             "`wsgiref.simple_server.make_server`, `gevent.pywsgi.WSGIServer`, `Flask/Sanic/Quart.run(host=)`, "
             "`uvicorn.run/Config(host=)`, `aiohttp.web.run_app(host=)`/`TCPSite`, `waitress.serve(host=)`, "
             "`SocketIO.run(host=)` and `asyncio.start_server`; and gunicorn/hypercorn bind strings "
             "(`bind = \"0.0.0.0:8000\"` at module level, `config.bind = [\"0.0.0.0:8000\"]`). The same string elsewhere (messages, comparisons) and hosts read "
             "from configuration are not flagged.",
    .why = "Binding to every interface exposes the service on all networks the host is attached to, "
           "including public ones, often bypassing the reverse proxy or firewall meant to front it.",
    .example = "app.run(host=\"0.0.0.0\", port=8000)",
    .fix = "Bind to 127.0.0.1 (or the one interface you mean) and take the host from configuration: "
           "`app.run(host=os.environ.get(\"BIND_HOST\", \"127.0.0.1\"))`. In a container, document the "
           "0.0.0.0 bind and restrict exposure at the network layer.",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/1327.html",
                   "https://bandit.readthedocs.io/en/latest/plugins/b104_hardcoded_bind_all_interfaces.html"},
    .bandit = "B104",
    .ruff = "S104",
};

// Callables whose first positional argument (or `address`/`server_address`) is an address tuple.
const sem::QualifiedNameSet kAddressServers{
    "socket.create_server", "socketserver.TCPServer", "socketserver.UDPServer",
    "socketserver.ThreadingTCPServer", "socketserver.ThreadingUDPServer",
    "socketserver.ForkingTCPServer", "socketserver.ForkingUDPServer", "http.server.HTTPServer",
    "http.server.ThreadingHTTPServer", "xmlrpc.server.SimpleXMLRPCServer",
    "gevent.pywsgi.WSGIServer", "gevent.server.StreamServer",
};
// Callables with a host argument: name and position (-1 when keyword-only).
struct HostArg { std::string_view fn; int position; };
const HostArg kHostCalls[] = {
    {"flask.Flask.run", 0}, {"sanic.Sanic.run", 0}, {"quart.Quart.run", 0},
    {"uvicorn.run", -1}, {"uvicorn.Config", -1}, {"aiohttp.web.run_app", -1},
    {"waitress.serve", -1}, {"asyncio.start_server", 1}, {"wsgiref.simple_server.make_server", 0},
    {"werkzeug.serving.run_simple", 0}, {"werkzeug.run_simple", 0},
    {"aiohttp.web.TCPSite", 1}, {"aiohttp.web_runner.TCPSite", 1},
    {"flask_socketio.SocketIO.run", 1},
};

// "0.0.0.0:8000", "[::]:8000", ":8000" are gunicorn/hypercorn bind strings for every interface.
bool wildcard_bind_string(std::string_view s) {
  return s.substr(0, 8) == "0.0.0.0:" || s.substr(0, 5) == "[::]:" ||
         (s.size() > 1 && s[0] == ':' && std::isdigit(static_cast<unsigned char>(s[1])));
}

class BindAllInterfaces final : public Rule {
 public:
  BindAllInterfaces() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override {
    return {py::NodeKind::Call, py::NodeKind::Assign};
  }

  // gunicorn.conf.py `bind = "0.0.0.0:8000"`, hypercorn `config.bind = ["0.0.0.0:8000"]`
  void visit_assign(const py::Assign& assign, RuleContext& ctx) const {
    const py::Expr* named_bind = nullptr;
    for (const py::Expr* t : assign.targets) {
      if (const auto* n = as<py::Name>(t); n && n->id == "bind" && ctx.model().scope_of(&assign) == 0)
        named_bind = t;
      if (const auto* a = as<py::Attribute>(t); a && a->attr == "bind") named_bind = t;
    }
    if (!named_bind) return;
    std::vector<const py::Expr*> values;
    if (const auto* l = as<py::List>(assign.value)) values.assign(l->elts.begin(), l->elts.end());
    else values.push_back(assign.value);
    for (const py::Expr* v : values) {
      auto s = string_constant(ctx, v);
      if (s && wildcard_bind_string(*s)) {
        ctx.report(assign, std::string(ctx.source(*named_bind)) + " = \"" + std::string(*s) +
                               "\" listens on every network interface");
        return;
      }
    }
  }

  static std::optional<std::string> all_interfaces(const RuleContext& ctx, const py::Expr* e, bool allow_empty) {
    auto s = string_constant(ctx, e);
    if (!s) return std::nullopt;
    if (*s == "0.0.0.0" || *s == "::" || (allow_empty && s->empty())) return std::string(*s);
    return std::nullopt;
  }

  void report(RuleContext& ctx, const py::Call& call, const std::string& fn, const std::string& host) const {
    std::string shown = host.empty() ? "\"\" (all interfaces)" : "\"" + host + "\"";
    ctx.report(call, fn + "() binds to " + shown + ", exposing the service on every network interface");
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    if (const auto* assign = as<py::Assign>(&node)) return visit_assign(*assign, ctx);
    const auto& call = static_cast<const py::Call&>(node);
    // Every address or host below is the first positional arguments or one of these
    // keywords: a call with neither is not looked at, nor its name resolved.
    if (call.args.empty() &&
        std::none_of(call.keywords.begin(), call.keywords.end(), [](const py::Keyword* k) {
          return k && (k->arg == "host" || k->arg == "address" || k->arg == "server_address" ||
                       k->arg == "listener");
        }))
      return;
    const auto& model = ctx.model();
    // By reference: most calls are of nothing this rule knows, so copy the name only to report.
    const std::string& name = ctx.call_name(call);
    std::string fn;
    const py::Expr* address = nullptr;
    if (kAddressServers.contains(name)) {
      fn = name;
      address = argument(call, "address", 0);
      if (!address) address = argument(call, "server_address", 0);
      if (!address) address = argument(call, "listener", 0);
    } else if (const auto* attr = as<py::Attribute>(call.func); attr && attr->attr == "bind") {
      std::string inst = model.instance_of(attr->value);
      // an unresolved receiver is accepted (sockets often arrive as parameters); a resolved one
      // must be a socket
      if (!inst.empty() && !cryptonet::starts_with(inst, "socket.")) return;
      if (inst.empty() && !name.empty() && !cryptonet::starts_with(name, "socket.")) return;
      address = argument(call, "address", 0);
      fn = name.empty() ? std::string(ctx.source(*call.func)) : name;
    } else {
      if (name.empty()) return;
      for (const auto& h : kHostCalls) {
        if (name != h.fn) continue;
        const py::Expr* host = argument(call, "host", h.position);
        if (auto v = all_interfaces(ctx, host, false)) report(ctx, call, name, *v);
        return;
      }
      return;
    }
    const auto* tuple = as<py::Tuple>(address);
    if (!tuple || tuple->elts.empty()) return;
    if (auto v = all_interfaces(ctx, tuple->elts[0], true)) report(ctx, call, fn, *v);
  }
};

AEGIS_REGISTER_RULE(BindAllInterfaces);

}  // namespace
}  // namespace aegis::rules
