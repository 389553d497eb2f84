// NET002 ftp-cleartext (Bandit B321): ftplib.FTP, which sends the login and the data in clear
// text. Bandit flags every ftplib call, FTP_TLS included; Aegis accepts FTP_TLS.
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "NET002",
    .name = "ftp-cleartext",
    .title = "FTP connection without TLS",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 319,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Infrastructure,
    .flags = "Calls of `ftplib.FTP` (resolved through imports and aliases). `ftplib.FTP_TLS` and "
             "methods of an FTP instance (reported once, at its construction) are not flagged.",
    .why = "Plain FTP sends the user name, password and files unencrypted; anyone on the path can "
           "read or alter them.",
    .example = "ftp = ftplib.FTP(host, user, password)",
    .fix = "Use `ftplib.FTP_TLS` and call `prot_p()` after login, or SFTP (`paramiko`).",
    .effort = "1 h",
    .references = {"https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS",
                   "https://cwe.mitre.org/data/definitions/319.html"},
    .bandit = "B321",
    .ruff = "S321",
};

class Ftp final : public Rule {
 public:
  Ftp() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  // Only calls of these reach visit() (the engine dispatches by name).
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"ftplib.FTP"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    if (!ctx.model().is(call.func, "ftplib.FTP")) return;
    const py::Expr* host = argument(call, "host", 0);
    bool login = argument(call, "passwd", 2) != nullptr;
    std::string msg = "ftplib.FTP(" + (host ? cryptonet::snippet(ctx, host, 40) : std::string()) +
                      ") connects without TLS";
    msg += login ? " and sends the password in clear text" : "; the login and data travel in clear text";
    ctx.report(call, msg + "; use ftplib.FTP_TLS or SFTP");
  }
};

AEGIS_REGISTER_RULE(Ftp);

}  // namespace
}  // namespace aegis::rules
