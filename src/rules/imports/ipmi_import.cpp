// IMP008 ipmi-import (Bandit B415): pyghmi, an IPMI client. IPMI's own authentication leaks
// password hashes to anyone who asks, so a service that speaks it is worth a review.
#include "rules/imports/module_import.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "IMP008",
    .name = "ipmi-import",
    .title = "import of an IPMI client (pyghmi)",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 327,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Infrastructure,
    .flags = "Imports of `pyghmi` and its modules (`pyghmi.ipmi.command`, ...) in any form.",
    .why = "IPMI 2.0's RAKP handshake hands a salted hash of a user's password to anyone who "
           "asks, before authentication (offline cracking), and many controllers accept cipher "
           "suite 0 (no authentication at all). A service that manages servers over IPMI keeps "
           "BMC credentials that open the hardware itself.",
    .example = "from pyghmi.ipmi import command",
    .fix = "Manage controllers over Redfish (HTTPS) where they support it; otherwise keep IPMI "
           "on an isolated management network, with strong unique BMC passwords and cipher "
           "suite 0 disabled.",
    .effort = "1 d",
    .references = {"https://www.rapid7.com/blog/post/2013/07/02/a-penetration-testers-guide-to-ipmi/",
                   "https://cwe.mitre.org/data/definitions/327.html"},
    .bandit = "B415",
    .ruff = "S415",
};

class IpmiImport final : public imports::ModuleImportRule {
 public:
  IpmiImport() : ModuleImportRule(kMeta, {"pyghmi"}) {}

 protected:
  std::string message(const Hit& hit) const override {
    return "`" + hit.shown + "`: IPMI leaks password hashes before authentication and often "
                             "accepts cipher 0; keep it on an isolated network or use Redfish";
  }
};

AEGIS_REGISTER_RULE(IpmiImport);

}  // namespace
}  // namespace aegis::rules
