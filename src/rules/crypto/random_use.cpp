#include "rules/crypto/random_use.h"

#include <algorithm>
#include <vector>

#include "rules/crypto/common.h"

namespace aegis::rules::cryptonet {
namespace {

const sem::QualifiedNameSet kRandomFunctions{
    "random.random", "random.randint", "random.randrange", "random.choice", "random.choices",
    "random.sample", "random.getrandbits", "random.randbytes", "random.uniform", "random.triangular",
    "random.shuffle", "random.Random.random", "random.Random.randint", "random.Random.randrange",
    "random.Random.choice", "random.Random.choices", "random.Random.sample",
    "random.Random.getrandbits", "random.Random.randbytes", "random.Random.shuffle",
};
const sem::QualifiedNameSet kSleep{"time.sleep", "asyncio.sleep"};

std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cryptonet::lower(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      flush();
      continue;
    }
    if (std::isupper(static_cast<unsigned char>(c)) && !cur.empty() &&
        (std::islower(static_cast<unsigned char>(cur.back())) ||
         (i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1])))))
      flush();
    cur += c;
  }
  flush();
  return out;
}

enum class Kind { Unknown, Secret, Benign };

Kind classify(std::string_view name) {
  static const std::vector<std::string_view> secret{
      "token", "password", "passwd", "pwd", "passphrase", "secret", "key", "apikey", "nonce",
      "salt", "otp", "totp", "hotp", "sessionid", "sid", "csrf", "xsrf", "iv", "pin",
      "cookie", "credential", "credentials", "verification", "reset", "activation", "invite",
      "signature", "auth", "mfa", "tfa", "secretkey", "apitoken"};
  static const std::vector<std::string_view> benign{
      "delay", "jitter", "sleep", "backoff", "timeout", "interval", "wait", "retry", "retries",
      "color", "colour", "index", "idx", "count", "size", "length", "len", "weight", "weights",
      "sample", "position", "pos", "offset", "ttl", "percent", "probability", "chance", "shuffle",
      "playlist", "order", "port", "x", "y", "angle", "speed", "temperature", "noise"};
  auto ws = words(name);
  bool is_secret = false, session = false, id = false;
  for (const auto& w : ws) {
    for (auto b : benign)
      if (w == b) return Kind::Benign;
    for (auto s : secret)
      if (w == s) is_secret = true;
    if (w == "session") session = true;
    if (w == "id") id = true;
  }
  if (session && id) is_secret = true;  // session_id, sessionId (a bare "session" is often a DB session)
  return is_secret ? Kind::Secret : Kind::Unknown;
}

std::string target_name(const RuleContext& ctx, const py::Expr* target) {
  if (const auto* n = as<py::Name>(target)) return std::string(n->id);
  if (const auto* a = as<py::Attribute>(target)) return std::string(a->attr);
  if (const auto* s = as<py::Subscript>(target)) {
    if (auto k = string_constant(ctx, s->slice)) return std::string(*k);
    return {};
  }
  return {};
}

}  // namespace

const sem::QualifiedNameSet& random_functions() { return kRandomFunctions; }

RandomUse random_value_use(const RuleContext& ctx, const py::Call& call, const std::string& function) {
  const auto& model = ctx.model();
  // Follow the value up to its statement, noting the names it passes.
  std::vector<std::pair<std::string, std::string>> names;  // (how, name)
  const py::Node* child = &call;
  const py::Node* p = model.parent(child);
  const py::Stmt* stmt = nullptr;
  while (p) {
    if (const auto* kw = as<py::Keyword>(p)) {
      if (!kw->arg.empty()) names.emplace_back("passed as", std::string(kw->arg));
    } else if (const auto* d = as<py::Dict>(p)) {
      for (std::size_t i = 0; i < d->values.size(); ++i) {
        if (d->values[i] == child && i < d->keys.size() && d->keys[i]) {
          if (auto k = string_constant(ctx, d->keys[i])) names.emplace_back("stored under", std::string(*k));
        }
      }
    } else if (const auto* w = as<py::NamedExpr>(p)) {
      std::string n = target_name(ctx, w->target);
      if (!n.empty()) names.emplace_back("assigned to", n);
    } else if (const auto* c = as<py::Call>(p)) {
      if (model.call_matches(c, kSleep)) return {};  // a random pause
      // passed positionally to a callee named like a secret sink: user.set_password(...)
      if (child != c->func) {
        std::string_view callee;
        if (const auto* a = as<py::Attribute>(c->func)) callee = a->attr;
        else if (const auto* n = as<py::Name>(c->func)) callee = n->id;
        if (!callee.empty() && classify(callee) == Kind::Secret)
          names.emplace_back("passed to", std::string(callee) + "()");
      }
    }
    if (p->kind == py::NodeKind::Lambda || p->kind == py::NodeKind::FunctionDef ||
        p->kind == py::NodeKind::AsyncFunctionDef || p->kind == py::NodeKind::ClassDef)
      break;
    if (model.enclosing_statement(p) == p) {
      stmt = static_cast<const py::Stmt*>(p);
      break;
    }
    child = p;
    p = model.parent(p);
  }
  if (stmt) {
    if (const auto* a = as<py::Assign>(stmt)) {
      for (const py::Expr* t : a->targets) {
        std::string n = target_name(ctx, t);
        if (!n.empty()) names.emplace_back("assigned to", n);
      }
    } else if (const auto* a = as<py::AnnAssign>(stmt)) {
      std::string n = target_name(ctx, a->target);
      if (!n.empty()) names.emplace_back("assigned to", n);
    } else if (const auto* a = as<py::AugAssign>(stmt)) {
      std::string n = target_name(ctx, a->target);
      if (!n.empty()) names.emplace_back("assigned to", n);
    } else if (stmt->kind == py::NodeKind::Return) {
      const py::Node* fn = model.enclosing_function(stmt);
      if (const auto* f = as<py::FunctionDef>(fn)) names.emplace_back("returned from", std::string(f->name) + "()");
      if (const auto* f = as<py::AsyncFunctionDef>(fn)) names.emplace_back("returned from", std::string(f->name) + "()");
    } else if (const auto* e = as<py::ExprStmt>(stmt)) {
      if (e->value == &call) {
        std::string last = function.substr(function.rfind('.') + 1);
        if (last == "shuffle") {
          // shuffling a list in place: only a concern when the list is itself secret-named
          const py::Expr* arg = argument(call, "x", 0);
          std::string n = arg ? target_name(ctx, arg) : "";
          if (n.empty() || classify(n) != Kind::Secret) return {};
          names.emplace_back("shuffling", n);
        } else {
          return {};  // value discarded
        }
      }
    }
  }
  // Picking among a few constants written in the call (a greeting, a colour) makes no
  // secret of any kind: silent unless the value is named like one.
  bool public_pick = false;
  std::string last = function.substr(function.rfind('.') + 1);
  if ((last == "choice" || last == "choices" || last == "sample") && !call.args.empty()) {
    const py::Expr* population = call.args[0];
    const Span<py::Expr*>* elts = nullptr;
    if (const auto* l = as<py::List>(population)) elts = &l->elts;
    if (const auto* t = as<py::Tuple>(population)) elts = &t->elts;
    if (elts && elts->size() > 0 && elts->size() <= 16) {
      public_pick = std::all_of(elts->begin(), elts->end(), [](const py::Expr* e) { return as<py::Constant>(e); });
    }
    // Picked again and again (a comprehension, a loop), the picks spell out a string: a
    // token made of hex digits is still a token.
    for (const py::Node* up = model.parent(&call); public_pick && up; up = model.parent(up)) {
      switch (up->kind) {
        case py::NodeKind::ListComp:
        case py::NodeKind::SetComp:
        case py::NodeKind::DictComp:
        case py::NodeKind::GeneratorExp:
        case py::NodeKind::For:
        case py::NodeKind::AsyncFor:
        case py::NodeKind::While: public_pick = false; break;
        default: break;
      }
      if (up->kind == py::NodeKind::FunctionDef || up->kind == py::NodeKind::AsyncFunctionDef ||
          up->kind == py::NodeKind::Lambda)
        break;
    }
  }
  bool benign = public_pick;
  for (const auto& [how, n] : names) {
    Kind k = classify(n);
    if (k == Kind::Secret) return {RandomUse::Secret, how, n};
    if (k == Kind::Benign) benign = true;
  }
  if (benign) return {};
  return {RandomUse::Unknown, {}, {}};
}

}  // namespace aegis::rules::cryptonet
