// LOG001 sensitive-headers-logged: request headers, cookies or credentials handed to a
// logger without a redaction step (dict(request.headers) in middleware and error
// handlers is the classic).
#include <set>

#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "LOG001",
    .name = "sensitive-headers-logged",
    .title = "request headers or credentials written to the log",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 532,
    .owasp = "A09:2021-Security Logging and Monitoring Failures",
    .area = Area::Logging,
    .flags = "A logging call (`logging.*`, `logger.info(...)`, `log.exception(...)`) whose arguments "
             "include a request's headers (`request.headers`, `dict(request.headers)`), its cookies, the "
             "`Authorization`/`Cookie` header or a value named like a token or password -- directly or "
             "through a variable assigned just before (and through `dict()`, `str()`, `json.dumps()`, "
             "`.items()`). A value passed through a function named like "
             "`redact`, `mask`, `sanitize` or `scrub` first is not flagged.",
    .why = "Logs go to more places and people than the service itself (aggregators, support, backups): "
           "bearer tokens and session cookies found there are as good as the user's password.",
    .example = "logger.info(\"request %s headers=%s\", request.url, dict(request.headers))",
    .fix = "Log an allow-list of harmless headers, or redact: "
           "`{k: (\"[REDACTED]\" if k.lower() in SENSITIVE else v) for k, v in request.headers.items()}`.",
    .effort = "30 min",
    .references = {"https://cwe.mitre.org/data/definitions/532.html",
                   "https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html"},
};

bool is_log_call(const PythonModule& m, const py::Call& call) {
  const auto* attr = py::dyn_cast<py::Attribute>(call.func);
  if (!attr) return false;
  static const std::set<std::string_view> kMethods{"debug", "info", "warning", "warn", "error", "exception", "critical", "log"};
  if (!kMethods.count(attr->attr)) return false;
  std::string q = m.unit.model->qualified_name(call.func);
  if (q.rfind("logging.", 0) == 0 || q.rfind("structlog.", 0) == 0 || q.rfind("loguru.", 0) == 0) return true;
  std::string receiver = frameworks::util::lower(frameworks::source_text(m, attr->value));
  return frameworks::util::contains(receiver, "log");
}

bool redacting(std::string_view name) {
  std::string l = frameworks::util::lower(name);
  for (const char* w : {"redact", "mask", "sanitiz", "sanitis", "scrub", "censor", "safe_headers", "filter_headers"}) {
    if (frameworks::util::contains(l, w)) return true;
  }
  return false;
}

bool request_object(const PythonModule& m, const py::Expr* e) {
  std::string base = frameworks::util::lower(frameworks::source_text(m, e));
  return frameworks::util::contains(base, "request") || base == "req" ||
         frameworks::util::contains(m.unit.model->qualified_name(e), "request");
}

// request.headers / request.cookies
const char* request_collection(const PythonModule& m, const py::Expr* e) {
  const auto* attr = py::dyn_cast<py::Attribute>(e);
  if (!attr || !request_object(m, attr->value)) return nullptr;
  if (attr->attr == "headers") return "headers";
  if (attr->attr == "cookies") return "cookies";
  return nullptr;
}

bool sensitive_key(std::string_view key) {
  std::string k = frameworks::util::lower(key);
  return k == "authorization" || k == "cookie" || k == "x-api-key" || k == "x-authorization" || k == "password" ||
         frameworks::util::contains(k, "token") || frameworks::util::contains(k, "secret") || k == "session";
}

// What sensitive data `e` carries, or "" (a redacting call hides what is inside it).
std::string leak(const PythonModule& m, const py::Expr* e, int depth) {
  if (!e || depth > 40) return {};
  if (const char* collection = request_collection(m, e)) {
    return std::string(collection) == "headers" ? "every request header (Authorization and Cookie included)"
                                                : "the request cookies";
  }
  if (const auto* call = py::dyn_cast<py::Call>(e)) {
    if (redacting(frameworks::source_text(m, call->func))) return {};
    // request.headers.get("Authorization"): only the named header is logged.
    if (const auto* attr = py::dyn_cast<py::Attribute>(call->func);
        attr && (attr->attr == "get" || attr->attr == "getlist") && request_collection(m, attr->value)) {
      auto key = frameworks::util::string_value(m, frameworks::util::positional(*call, 0));
      if (key && sensitive_key(*key)) return "the " + *key + " header";
      return {};
    }
    // Only calls that pass their input through (dict(headers), str(), json.dumps, .items(),
    // "...".format) carry it to the log; another function's result is a different value
    // (parse_cache_control(request.headers) is a policy, not the headers).
    static const std::set<std::string_view> kPassThrough{
        "dict", "list", "str", "repr", "format", "dumps", "items", "copy", "to_dict", "join", "keys",
        "values", "tuple", "sorted", "pformat"};
    std::string_view callee;
    if (const auto* n = py::dyn_cast<py::Name>(call->func)) callee = n->id;
    if (const auto* a = py::dyn_cast<py::Attribute>(call->func)) callee = a->attr;
    if (!kPassThrough.count(callee)) return {};
    std::string r;
    if (const auto* a = py::dyn_cast<py::Attribute>(call->func)) r = leak(m, a->value, depth + 1);
    for (const py::Expr* a : call->args) {
      if (r.empty()) r = leak(m, a, depth + 1);
    }
    for (const py::Keyword* k : call->keywords) {
      if (r.empty() && k) r = leak(m, k->value, depth + 1);
    }
    return r;
  }
  if (const auto* sub = py::dyn_cast<py::Subscript>(e)) {
    auto key = frameworks::util::string_value(m, sub->slice);
    if (key && request_collection(m, sub->value)) return sensitive_key(*key) ? "the " + *key + " header" : std::string();
    if (key && sensitive_key(*key) && *key != "session") return "the " + *key + " value";
    return leak(m, sub->value, depth + 1);
  }
  if (const auto* name = py::dyn_cast<py::Name>(e)) {
    std::string l = frameworks::util::lower(name->id);
    if (l == "password" || l == "access_token" || l == "refresh_token" || l == "auth_header" || l == "authorization")
      return "the " + std::string(name->id) + " value";
    // A variable assigned just before: headers = dict(request.headers)
    sem::BindingId b = m.unit.model->binding_of(name);
    if (b != sem::kNone && m.unit.model->binding(b).value && depth < 8)
      return leak(m, m.unit.model->binding(b).value, depth + 4);
    return {};
  }
  std::string r;
  py::for_each_child(const_cast<py::Expr*>(e), [&](py::Node* child) {
    if (!r.empty()) return;
    if (const auto* x = py::dyn_cast<py::Expr>(child)) r = leak(m, x, depth + 1);
  });
  return r;
}

// Audit logging (a strength): a log or audit call that records a user action -- login,
// logout, a permission or role change, a delete, a password change, an upload -- together
// with who did it. Debug-level records and messages without the user are not an audit trail.
bool mentions_user(const PythonModule& m, const py::Call& call) {
  auto identity = [](std::string_view word) {
    std::string l = frameworks::util::lower(word);
    return frameworks::util::contains(l, "user") || l == "uid" || l == "actor" || l == "actor_id" || l == "sub" ||
           l == "account_id" || l == "principal";
  };
  bool found = false;
  for (const py::Keyword* k : call.keywords) {
    if (k && identity(k->arg)) found = true;
  }
  auto visit = [&](const py::Node* n) {
    if (found) return;
    if (const auto* name = py::dyn_cast<py::Name>(n)) found = identity(name->id);
    else if (const auto* attr = py::dyn_cast<py::Attribute>(n)) found = identity(attr->attr);
    else if (const auto* sub = py::dyn_cast<py::Subscript>(n)) found = identity(frameworks::util::string_value(m, sub->slice).value_or(""));
    else if (const auto* dict = py::dyn_cast<py::Dict>(n)) {
      for (const py::Expr* key : dict->keys) {
        if (key && identity(frameworks::util::string_value(m, key).value_or(""))) found = true;
      }
    }
  };
  for (const py::Expr* a : call.args) frameworks::util::walk(a, visit);
  for (const py::Keyword* k : call.keywords) {
    if (k) frameworks::util::walk(k->value, visit);
  }
  return found;
}

bool audit_record(const PythonModule& m, const py::Call& call) {
  const auto* attr = py::dyn_cast<py::Attribute>(call.func);
  std::string callee = frameworks::util::lower(frameworks::source_text(m, call.func));
  bool audit_named = frameworks::util::contains(callee, "audit");
  // A debug line is not a record; nor is a failure (error/exception/critical): an audit
  // trail records what users did, not what went wrong while doing it.
  if (attr && (attr->attr == "debug" || attr->attr == "error" || attr->attr == "exception" ||
               attr->attr == "critical"))
    return false;
  if (!audit_named && !is_log_call(m, call)) return false;
  if (!audit_named) {
    std::string text = frameworks::util::lower(frameworks::source_text(m, &call));
    bool action = false;
    for (const char* w : {"login", "logged in", "log in", "logout", "logged out", "signed in", "permission", "role",
                          "grant", "revok", "delet", "password", "upload"}) {
      if (frameworks::util::contains(text, w)) action = true;
    }
    if (!action) return false;
  }
  return mentions_user(m, call);
}

class SensitiveHeadersLogged final : public Rule {
 public:
  SensitiveHeadersLogged() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    bool audit_seen = false;
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
        const auto* call = py::dyn_cast<py::Call>(n);
        if (call && !audit_seen && audit_record(*m, *call)) {
          audit_seen = true;
          fw::strength(project, "audit-logging", "User actions recorded in an audit log", Area::Logging,
                       frameworks::source_text(*m, call->func) + "(...) records a user action with the user's "
                           "identity in " + fw::where({m, call}),
                       {m, call});
        }
        if (!call || !is_log_call(*m, *call)) return;
        std::vector<const py::Expr*> args(call->args.begin(), call->args.end());
        for (const py::Keyword* k : call->keywords) {
          if (k) args.push_back(k->value);
        }
        for (const py::Expr* a : args) {
          std::string what = leak(*m, a, 0);
          if (what.empty()) continue;
          fw::report(project, {m, call}, frameworks::source_text(*m, call->func) + "(...) writes " + what +
                                             " to the log without redaction");
          return;
        }
      });
    }
  }
};

AEGIS_REGISTER_RULE(SensitiveHeadersLogged);

}  // namespace
}  // namespace aegis::rules
