// CRY010 weak-key-size (Bandit B505): RSA/DSA keys under 2048 bits and EC curves under
// 224 bits, with `cryptography` or PyCrypto/PyCryptodome.
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CRY010",
    .name = "weak-key-size",
    .title = "Cryptographic key too small",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 326,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::DataProtection,
    .flags = "`cryptography` `rsa.generate_private_key(key_size=...)` and `dsa.generate_private_key(...)` "
             "with a constant size under 2048 bits, `ec.generate_private_key()` with SECP192R1, SECT163K1 "
             "or SECT163R2, `Crypto.PublicKey.RSA/DSA.generate(bits)` and `ECC.generate(curve=\"P-192\")` "
             "(also `Cryptodome`). Under "
             "1024 bits is high severity.",
    .why = "1024-bit RSA/DSA and curves under 224 bits are within reach of well-funded attackers; "
           "NIST deprecated them for signatures and key exchange.",
    .example = "key = rsa.generate_private_key(public_exponent=65537, key_size=1024)",
    .fix = "Use at least 2048-bit RSA/DSA (3072 for long-lived keys) or SECP256R1 / Ed25519.",
    .effort = "30 min",
    .references = {"https://csrc.nist.gov/pubs/sp/800/131/a/r2/final",
                   "https://cwe.mitre.org/data/definitions/326.html"},
    .bandit = "B505",
    .ruff = "S505",
};

const sem::QualifiedNameSet kRsa{"cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key"};
const sem::QualifiedNameSet kDsa{"cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key",
                                 "Crypto.PublicKey.RSA.generate", "Crypto.PublicKey.DSA.generate",
                                 "Cryptodome.PublicKey.RSA.generate", "Cryptodome.PublicKey.DSA.generate"};
const sem::QualifiedNameSet kEcc{"Crypto.PublicKey.ECC.generate", "Cryptodome.PublicKey.ECC.generate"};
const sem::QualifiedNameSet kEc{"cryptography.hazmat.primitives.asymmetric.ec.generate_private_key"};
const sem::QualifiedNameSet kWeakCurves{"cryptography.hazmat.primitives.asymmetric.ec.SECP192R1",
                                        "cryptography.hazmat.primitives.asymmetric.ec.SECT163K1",
                                        "cryptography.hazmat.primitives.asymmetric.ec.SECT163R2"};

class WeakKeySize final : public Rule {
 public:
  WeakKeySize() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  // Only calls of these reach visit() (the engine dispatches by name).
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key", "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key", "cryptography.hazmat.primitives.asymmetric.ec.generate_private_key", "Crypto.PublicKey.*", "Cryptodome.PublicKey.*"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const auto& model = ctx.model();
    const py::Expr* size = nullptr;
    if (model.call_matches(&call, kRsa)) {
      size = argument(call, "key_size", 1);
    } else if (model.call_matches(&call, kDsa)) {
      std::string fn = model.call_qualified_name(&call);
      size = argument(call, cryptonet::ends_with(fn, ".generate") ? "bits" : "key_size", 0);
    } else if (model.call_matches(&call, kEc)) {
      const py::Expr* curve = argument(call, "curve", 0);
      if (!curve || !model.matches(curve, kWeakCurves)) {
        if (!(as<py::Call>(curve) && model.call_matches(as<py::Call>(curve), kWeakCurves))) return;
      }
      std::string name = cryptonet::callee_or_name(ctx, curve);
      std::string bits = cryptonet::ends_with(name, "SECP192R1") ? "192" : "163";
      ctx.report(call, "ec.generate_private_key() uses the " + bits + "-bit curve " +
                           name.substr(name.rfind('.') + 1) + "; use SECP256R1 or larger");
      return;
    } else if (model.call_matches(&call, kEcc)) {
      auto curve = string_constant(ctx, argument(call, "curve"));
      if (!curve) return;
      std::string c = cryptonet::lower(*curve);
      if (c != "p-192" && c != "p192" && c != "nist p-192" && c != "prime192v1" && c != "secp192r1") return;
      ctx.report(call, model.call_qualified_name(&call) + "(curve=\"" + std::string(*curve) +
                           "\") uses a 192-bit curve; use P-256 or larger");
      return;
    } else {
      return;
    }
    auto bits = cryptonet::int_constant(ctx, size);
    if (!bits || *bits >= 2048) return;
    std::string fn = model.call_qualified_name(&call);
    std::string algo = fn.find("dsa") != std::string::npos || fn.find("DSA") != std::string::npos ? "DSA" : "RSA";
    Finding& f = ctx.report(call, fn + "() makes a " + std::to_string(*bits) + "-bit " + algo +
                                      " key; use at least 2048 bits");
    if (*bits < 1024) f.severity = Severity::High;
  }
};

AEGIS_REGISTER_RULE(WeakKeySize);

}  // namespace
}  // namespace aegis::rules
