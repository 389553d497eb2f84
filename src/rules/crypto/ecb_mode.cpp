// CRY004 ecb-mode (Bandit B305): block ciphers in ECB mode, with `cryptography`
// (`modes.ECB()`) or PyCrypto/PyCryptodome (`AES.new(key, AES.MODE_ECB)`).
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CRY004",
    .name = "ecb-mode",
    .title = "Block cipher in ECB mode",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 327,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::DataProtection,
    .flags = "`cryptography.hazmat.primitives.ciphers.modes.ECB()` and `<Cipher>.new(key, "
             "<Cipher>.MODE_ECB)` of `Crypto.Cipher` / `Cryptodome.Cipher` (positional or `mode=`), "
             "resolved through imports and aliases.",
    .why = "ECB encrypts equal plaintext blocks to equal ciphertext blocks: structure leaks (the ECB "
           "penguin), blocks can be reordered or replayed, and there is no integrity.",
    .example = "cipher = AES.new(key, AES.MODE_ECB)",
    .fix = "Use an authenticated mode with a fresh nonce: `AESGCM(key).encrypt(os.urandom(12), data, None)` "
           "or `AES.new(key, AES.MODE_GCM)`.",
    .effort = "1 h",
    .references = {"https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/#cryptography.hazmat.primitives.ciphers.modes.ECB",
                   "https://cwe.mitre.org/data/definitions/327.html"},
    .bandit = "B305",
    .ruff = "S305",
};

const sem::QualifiedNameSet kEcb{"cryptography.hazmat.primitives.ciphers.modes.ECB"};

class EcbMode final : public Rule {
 public:
  EcbMode() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  // Only calls of these reach visit() (the engine dispatches by name).
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"cryptography.hazmat.primitives.ciphers.modes.ECB", "Crypto.Cipher.*", "Cryptodome.Cipher.*"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    if (ctx.call_matches(call, kEcb)) {
      ctx.report(call, ctx.call_name(call) +
                           "() selects ECB mode, which leaks plaintext patterns; use GCM");
      return;
    }
    const std::string& function = ctx.call_name(call);
    if (!cryptonet::ends_with(function, ".new")) return;
    if (!cryptonet::starts_with(function, "Crypto.Cipher.") &&
        !cryptonet::starts_with(function, "Cryptodome.Cipher."))
      return;
    const py::Expr* mode = argument(call, "mode", 1);
    if (!mode) return;
    std::string mode_name = ctx.model().qualified_name(mode);
    if (!cryptonet::ends_with(mode_name, ".MODE_ECB") ||
        (!cryptonet::starts_with(mode_name, "Crypto.Cipher.") &&
         !cryptonet::starts_with(mode_name, "Cryptodome.Cipher.")))
      return;
    ctx.report(call, function + "() with " + mode_name +
                         " encrypts in ECB mode, which leaks plaintext patterns; use MODE_GCM");
  }
};

AEGIS_REGISTER_RULE(EcbMode);

}  // namespace
}  // namespace aegis::rules
