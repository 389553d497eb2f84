// SEC006 secret-generated-per-process: a signing secret generated at start-up
// (secrets.token_hex(), os.urandom(), uuid4()) as the value or fallback of a secret -- so
// each worker signs with its own key, and every restart logs everyone out or accepts
// tokens nobody can verify elsewhere.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "SEC006",
    .name = "secret-generated-per-process",
    .title = "signing secret generated per process",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 330,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Configuration,
    .flags = "`secrets.token_hex()`, `secrets.token_urlsafe()`, `secrets.token_bytes()`, `os.urandom()` "
             "or `uuid.uuid4()` assigned to a signing secret's name (SECRET_KEY, JWT_SECRET, signing_key, ...), used as "
             "the default of an environment read of one, or returned by a function whose name says "
             "it provides a secret (`get_jwt_secret`). Generating a salt, a nonce or a token for a "
             "user is not flagged.",
    .why = "A key made when the process starts differs per worker and per restart: sessions and JWTs "
           "signed by one worker fail on the next, and the fallback hides that the real secret store "
           "was unreachable.",
    .example = "def get_jwt_secret():\n    try:\n        return fetch_secret(\"jwt\")\n    except Exception:\n        return secrets.token_hex(32)",
    .fix = "Fail at start-up when the secret cannot be read: `raise RuntimeError(\"JWT secret unavailable\")`; "
           "share one secret between workers through the environment or the secret manager.",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/330.html"},
};

// A signing secret (not a per-user token, salt or nonce): SECRET_KEY, JWT_SECRET, signing_key.
bool signing_secret(std::string_view name) {
  std::string l = frameworks::util::lower(name);
  return frameworks::util::contains(l, "secret") || frameworks::util::contains(l, "signing") ||
         l == "jwt_key" || l == "hmac_key";
}

const sem::QualifiedNameSet kGenerators{"secrets.token_hex", "secrets.token_urlsafe", "secrets.token_bytes",
                                        "os.urandom", "uuid.uuid4"};

class GeneratedSecret final : public Rule {
 public:
  GeneratedSecret() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    bool seen_manager = false, seen_jwt = false;
    const fw::AppModel& app_model = fw::app_model(project);
    for (const fw::App& app : app_model.apps) {
      const fw::ConfigValue* key = fw::production_value(app, "SECRET_KEY");
      if (key && key->kind == fw::ConfigValue::Kind::Environment && !key->env_default) {
        fw::strength(project, "secret-from-environment", "Secret key from the environment, no fallback",
                     Area::Configuration, "SECRET_KEY = " + key->text + " in " + fw::where(*key), key->site);
      }
    }
    // Tokens issued with an expiry count when no decode shows it.
    fw::Site issued = fw::jwt_expiry_claim(project, "");
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      const auto& model = *m->unit.model;
      frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
        const auto* call = py::dyn_cast<py::Call>(n);
        if (!call || !kGenerators.contains(model.qualified_name_ref(call))) return;
        std::string what = model.qualified_name_ref(call) + "()";
        std::string secret = secret_destination(*m, call);
        if (secret.empty()) return;
        fw::report(project, {m, call}, what + " makes " + secret +
                                           " anew in each process: workers and restarts disagree on the key");
      });
      record_strengths(project, *m, seen_manager, seen_jwt);
    }
    if (!seen_jwt && issued.module) {
      fw::strength(project, "jwt-expiry-verification", "JWTs issued with an expiry", Area::Authentication,
                   "jwt.encode with an exp claim in " + fw::where(issued), issued);
    }
  }

 private:
  // Secrets from a secret manager, and the app's secret key from the environment with no fallback.
  void record_strengths(PythonProject& project, const PythonModule& m, bool& seen_manager, bool& seen_jwt) const {
    frameworks::util::walk(m.unit.module, [&](const py::Node* n) {
      const auto* call = py::dyn_cast<py::Call>(n);
      if (!call) return;
      // jwt.decode(..., algorithms=[...]) with expiry not switched off (and required, or on by default).
      if (m.unit.model->qualified_name_ref(call) == "jwt.decode" && !seen_jwt) {
        std::string args = frameworks::source_text(m, call);
        if (frameworks::util::keyword_value(*call, "algorithms") && !switches_off_checks(m, *call)) {
          seen_jwt = true;
          fw::strength(project, "jwt-expiry-verification", "JWT signature and expiry verified", Area::Authentication,
                       "jwt.decode with algorithms pinned" +
                           std::string(frameworks::util::contains(args, "\"exp\"") ? " and exp required" : "") +
                           " in " + fw::where({&m, call}),
                       {&m, call});
        }
      }
      const auto* attr = py::dyn_cast<py::Attribute>(call->func);
      if (attr && (attr->attr == "get_secret_value" || attr->attr == "access_secret_version") && !seen_manager) {
        seen_manager = true;
        fw::strength(project, "secret-manager", "Secrets read from a secret manager", Area::Configuration,
                     frameworks::source_text(m, call->func) + "(...) in " + fw::where({&m, call}), {&m, call});
      }
    });
  }

  // options={"verify_exp": False} / {"verify_signature": False}, or options we cannot read.
  static bool switches_off_checks(const PythonModule& m, const py::Call& call) {
    const py::Expr* options = frameworks::util::keyword_value(call, "options");
    if (!options) return false;
    const auto* dict = py::dyn_cast<py::Dict>(options);
    if (!dict) return true;
    for (std::size_t i = 0; i < dict->keys.size(); ++i) {
      auto key = frameworks::util::string_value(m, dict->keys[i]);
      if (!key) return true;  // **options: unknown
      if (key->rfind("verify_", 0) != 0) continue;
      auto v = m.unit.model->constant_value(dict->values[i]);
      if (!v || v->kind != py::ConstantKind::True) return true;
    }
    return false;
  }

  // The secret the generated value becomes, or "" when it is not one.
  static std::string secret_destination(const PythonModule& m, const py::Call* call) {
    const auto& model = *m.unit.model;
    const py::Node* child = call;
    for (const py::Node* p = model.parent(call); p; child = p, p = model.parent(p)) {
      if (const auto* outer = py::dyn_cast<py::Call>(p)) {
        // os.getenv("SECRET_KEY", secrets.token_hex())
        auto read = frameworks::util::env_read(m, outer);
        if (read && read->default_expr == child && signing_secret(read->var)) return read->var;
        continue;
      }
      if (const auto* assign = py::dyn_cast<py::Assign>(p)) {
        for (const py::Expr* t : assign->targets) {
          std::string name;
          if (const auto* nm = py::dyn_cast<py::Name>(t)) name = std::string(nm->id);
          if (const auto* at = py::dyn_cast<py::Attribute>(t)) name = std::string(at->attr);
          if (const auto* sub = py::dyn_cast<py::Subscript>(t)) name = frameworks::util::string_value(m, sub->slice).value_or("");
          if (!name.empty() && signing_secret(name)) return name;
        }
        return {};
      }
      if (const auto* ret = py::dyn_cast<py::Return>(p)) {
        (void)ret;
        const py::Node* fn = model.enclosing_function(p);
        std::string name;
        if (const auto* f = py::dyn_cast<py::FunctionDef>(fn)) name = std::string(f->name);
        if (const auto* f = py::dyn_cast<py::AsyncFunctionDef>(fn)) name = std::string(f->name);
        std::string l = frameworks::util::lower(name);
        if (frameworks::util::contains(l, "secret") || frameworks::util::contains(l, "signing_key")) return "the value of " + name + "()";
        return {};
      }
      if (py::isa<py::Stmt>(p)) return {};
    }
    return {};
  }
};

AEGIS_REGISTER_RULE(GeneratedSecret);

}  // namespace
}  // namespace aegis::rules
