// IMP001 cleartext-protocol-import (Bandit B401, B402): telnetlib and ftplib, clients of
// protocols that send logins and data unencrypted. The connections themselves are NET001
// and NET002; this is the review note that the module is in use at all.
#include "rules/imports/module_import.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "IMP001",
    .name = "cleartext-protocol-import",
    .title = "import of a clear-text protocol client (telnetlib, ftplib)",
    .severity = Severity::Low,
    .confidence = Confidence::High,
    .cwe = 319,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Dependencies,
    .flags = "Imports of `telnetlib` and `ftplib` in any form (`import`, `from ... import`, "
             "aliases, fallbacks, `importlib.import_module`). `from ftplib import FTP_TLS` and "
             "imports of ftplib's exception classes alone are not flagged. Connections are "
             "reported separately, with their host, by NET001 and NET002.",
    .why = "Telnet and plain FTP send user names, passwords and data unencrypted: anyone on the "
           "network path can read and change them. telnetlib and ftplib's `FTP` class have no "
           "way to encrypt; telnetlib was removed in Python 3.13.",
    .example = "import telnetlib",
    .fix = "Use SSH (`paramiko`, `asyncssh`) instead of Telnet, and SFTP or `ftplib.FTP_TLS` "
           "(with `prot_p()`) instead of FTP.",
    .effort = "2 h",
    .references = {"https://peps.python.org/pep-0594/#telnetlib",
                   "https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS",
                   "https://cwe.mitre.org/data/definitions/319.html"},
    .bandit = "B401, B402",
    .ruff = "S401, S402",
};

class CleartextProtocolImport final : public imports::ModuleImportRule {
 public:
  CleartextProtocolImport() : ModuleImportRule(kMeta, {"telnetlib", "ftplib"}) {}

 protected:
  bool harmless(const RuleContext&, const sem::ImportRecord*, std::string_view listed,
                std::string_view imported) const override {
    if (listed != "ftplib") return false;
    std::string_view leaf = first_below(imported, listed);
    // The TLS client and the exception classes carry nothing in clear text.
    return leaf == "FTP_TLS" || leaf == "error_reply" || leaf == "error_temp" ||
           leaf == "error_perm" || leaf == "error_proto" || leaf == "all_errors" || leaf == "Error";
  }

  std::string message(const Hit& hit) const override {
    if (hit.listed == "telnetlib")
      return "`" + hit.shown + "`: Telnet sends logins and data in clear text (and telnetlib is "
                               "removed in Python 3.13); use SSH";
    return "`" + hit.shown + "`: FTP sends logins and files in clear text; use SFTP or "
                             "ftplib.FTP_TLS with prot_p()";
  }
};

AEGIS_REGISTER_RULE(CleartextProtocolImport);

}  // namespace
}  // namespace aegis::rules
