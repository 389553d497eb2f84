// CRY002 weak-hash-primitive (Bandit B303): MD2/MD4/MD5/SHA-1 from the `cryptography`
// package or PyCrypto/PyCryptodome (Crypto.Hash / Cryptodome.Hash).
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CRY002",
    .name = "weak-hash-primitive",
    .title = "Weak hash primitive (MD5/SHA-1) from cryptography or PyCryptodome",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 328,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::DataProtection,
    .flags = "`cryptography.hazmat.primitives.hashes.MD5()` / `SHA1()` and `Crypto.Hash.MD2/MD4/MD5/SHA/"
             "SHA1.new()` (also `Cryptodome.Hash`), resolved through imports and aliases.",
    .why = "MD5 and SHA-1 have practical collision attacks: signatures, MACs over attacker-chosen "
           "data and integrity checks built on them can be forged.",
    .example = "digest = hashes.Hash(hashes.SHA1())",
    .fix = "Use SHA-256 or better: `hashes.Hash(hashes.SHA256())`, `Crypto.Hash.SHA256.new(data)`.",
    .effort = "30 min",
    .references = {"https://cryptography.io/en/latest/hazmat/primitives/cryptographic-hashes/",
                   "https://cwe.mitre.org/data/definitions/328.html"},
    .bandit = "B303",
    .ruff = "S303",
};

const sem::QualifiedNameSet kWeak{
    "cryptography.hazmat.primitives.hashes.MD5",  "cryptography.hazmat.primitives.hashes.SHA1",
    "Crypto.Hash.MD2.new",     "Crypto.Hash.MD4.new",     "Crypto.Hash.MD5.new",
    "Crypto.Hash.SHA.new",     "Crypto.Hash.SHA1.new",    "Cryptodome.Hash.MD2.new",
    "Cryptodome.Hash.MD4.new", "Cryptodome.Hash.MD5.new", "Cryptodome.Hash.SHA.new",
    "Cryptodome.Hash.SHA1.new",
};

class WeakHashPrimitive final : public Rule {
 public:
  WeakHashPrimitive() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kWeak; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    if (!ctx.call_matches(call, kWeak)) return;
    const std::string& function = ctx.call_name(call);
    std::string algo = function;
    if (cryptonet::ends_with(algo, ".new")) algo = algo.substr(0, algo.size() - 4);
    algo = algo.substr(algo.rfind('.') + 1);
    if (algo == "SHA" || algo == "SHA1") algo = "SHA-1";
    ctx.report(call, function + "() uses the weak hash " + algo + "; use SHA-256 or better");
  }
};

AEGIS_REGISTER_RULE(WeakHashPrimitive);

}  // namespace
}  // namespace aegis::rules
