// CRY003 insecure-cipher (Bandit B304): broken or legacy block/stream ciphers from the
// `cryptography` package (including its `decrepit` module) and PyCrypto/PyCryptodome.
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CRY003",
    .name = "insecure-cipher",
    .title = "Insecure cipher (RC2, RC4, DES, Blowfish, IDEA, CAST5, SEED, XOR, 3DES)",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 327,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::DataProtection,
    .flags = "`cryptography` `algorithms.ARC4/Blowfish/IDEA/CAST5/SEED/TripleDES` (also from "
             "`cryptography.hazmat.decrepit`) and `Crypto.Cipher.ARC2/ARC4/Blowfish/DES/XOR/DES3/CAST"
             ".new()` (also `Cryptodome.Cipher`). Triple DES is medium severity (64-bit blocks, Sweet32); "
             "the others are high.",
    .why = "RC4 keystreams are biased, DES keys are brute-forced in hours, and 64-bit block ciphers "
           "(Blowfish, IDEA, CAST5, 3DES) leak plaintext after a few GB under one key (Sweet32). "
           "XOR is not encryption.",
    .example = "cipher = Cipher(algorithms.ARC4(key), mode=None)",
    .fix = "Use an authenticated modern cipher: `AESGCM(key).encrypt(nonce, data, aad)` or "
           "`ChaCha20Poly1305`; with PyCryptodome `AES.new(key, AES.MODE_GCM)`.",
    .effort = "2 h",
    .references = {"https://cryptography.io/en/latest/hazmat/decrepit/",
                   "https://sweet32.info/", "https://cwe.mitre.org/data/definitions/327.html"},
    .bandit = "B304",
    .ruff = "S304",
};

const sem::QualifiedNameSet kCiphers{
    "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
    "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
    "cryptography.hazmat.primitives.ciphers.algorithms.IDEA",
    "cryptography.hazmat.primitives.ciphers.algorithms.CAST5",
    "cryptography.hazmat.primitives.ciphers.algorithms.SEED",
    "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES",
    "cryptography.hazmat.decrepit.ciphers.algorithms.ARC4",
    "cryptography.hazmat.decrepit.ciphers.algorithms.Blowfish",
    "cryptography.hazmat.decrepit.ciphers.algorithms.IDEA",
    "cryptography.hazmat.decrepit.ciphers.algorithms.CAST5",
    "cryptography.hazmat.decrepit.ciphers.algorithms.SEED",
    "cryptography.hazmat.decrepit.ciphers.algorithms.TripleDES",
    "cryptography.hazmat.decrepit.ciphers.algorithms.RC2",
    "Crypto.Cipher.ARC2.new", "Crypto.Cipher.ARC4.new", "Crypto.Cipher.Blowfish.new",
    "Crypto.Cipher.DES.new", "Crypto.Cipher.XOR.new", "Crypto.Cipher.DES3.new", "Crypto.Cipher.CAST.new",
    "Cryptodome.Cipher.ARC2.new", "Cryptodome.Cipher.ARC4.new", "Cryptodome.Cipher.Blowfish.new",
    "Cryptodome.Cipher.DES.new", "Cryptodome.Cipher.XOR.new", "Cryptodome.Cipher.DES3.new",
    "Cryptodome.Cipher.CAST.new",
};

class InsecureCipher final : public Rule {
 public:
  InsecureCipher() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kCiphers; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    if (!ctx.call_matches(call, kCiphers)) return;
    const std::string& function = ctx.call_name(call);
    std::string algo = function;
    if (cryptonet::ends_with(algo, ".new")) algo = algo.substr(0, algo.size() - 4);
    algo = algo.substr(algo.rfind('.') + 1);
    bool triple = algo == "TripleDES" || algo == "DES3";
    Finding& f = ctx.report(call, function + "() uses the insecure cipher " + algo +
                                      (triple ? " (64-bit blocks, Sweet32)" : "") +
                                      "; use AES-GCM or ChaCha20-Poly1305");
    if (triple) f.severity = Severity::Medium;
  }
};

AEGIS_REGISTER_RULE(InsecureCipher);

}  // namespace
}  // namespace aegis::rules
