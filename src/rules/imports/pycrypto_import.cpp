// IMP007 pycrypto-import (Bandit B413): the `Crypto` package, PyCrypto's name. PyCrypto is
// unmaintained with known vulnerabilities; pycryptodome installs the same name as a drop-in
// replacement, so the import alone cannot tell which is in use (medium confidence).
#include "rules/imports/module_import.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "IMP007",
    .name = "pycrypto-import",
    .title = "import of the Crypto package (PyCrypto, unmaintained)",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 1104,
    .owasp = "A06:2021-Vulnerable and Outdated Components",
    .area = Area::Dependencies,
    .flags = "Imports of `Crypto` and its subpackages (`Crypto.Cipher`, `Crypto.Hash`, "
             "`Crypto.PublicKey`, `Crypto.Signature`, `Crypto.Random`, `Crypto.Protocol`, "
             "`Crypto.Util`, `Crypto.IO`) in any form. `Cryptodome` (pycryptodomex) is not "
             "flagged. Medium confidence: pycryptodome also provides `Crypto`, so the same "
             "import may be the maintained library.",
    .why = "PyCrypto has had no release since 2013 and has known vulnerabilities, among them a "
           "heap overflow in `AES.new` with a crafted IV (CVE-2013-7459) and weak ElGamal keys "
           "(CVE-2018-6594). Code that imports `Crypto` runs on PyCrypto wherever that is the "
           "package installed.",
    .example = "from Crypto.Cipher import AES",
    .fix = "Depend on pycryptodomex and import `Cryptodome` (unambiguous), or move to "
           "`cryptography`; if pycryptodome is the dependency, pin it and make sure PyCrypto is "
           "not installed alongside.",
    .effort = "1 h",
    .references = {"https://nvd.nist.gov/vuln/detail/CVE-2013-7459",
                   "https://www.pycryptodome.org/src/installation",
                   "https://cwe.mitre.org/data/definitions/1104.html"},
    .bandit = "B413",
    .ruff = "S413",
};

class PycryptoImport final : public imports::ModuleImportRule {
 public:
  PycryptoImport() : ModuleImportRule(kMeta, {"Crypto"}) {}

 protected:
  std::string message(const Hit& hit) const override {
    return "`" + hit.shown + "`: `Crypto` is PyCrypto's package (unmaintained since 2013, "
                             "CVE-2013-7459) unless pycryptodome provides it; import "
                             "`Cryptodome` or use `cryptography`";
  }
};

AEGIS_REGISTER_RULE(PycryptoImport);

}  // namespace
}  // namespace aegis::rules
