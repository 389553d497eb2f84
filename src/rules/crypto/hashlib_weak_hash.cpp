// CRY001 hashlib-weak-hash (Bandit B324, formerly B303 for hashlib): MD4/MD5/SHA-1 through
// hashlib, directly or via hashlib.new("md5"). `usedforsecurity=False` (Python 3.9+) declares
// a non-security use (checksums, cache keys) and is accepted.
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CRY001",
    .name = "hashlib-weak-hash",
    .title = "Weak hash algorithm (MD4/MD5/SHA-1) through hashlib",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 328,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::DataProtection,
    .flags = "`hashlib.md5()`, `hashlib.sha1()` and `hashlib.new()` with a constant name of md4, md5, "
             "sha or sha1 (any case), resolved through imports and aliases, unless the call passes "
             "`usedforsecurity=False`. A variable `usedforsecurity` is reported with low confidence.",
    .why = "MD5 and SHA-1 have practical collision attacks and are fast to brute force: signatures, "
           "integrity checks, password hashes or tokens built on them can be forged or reversed.",
    .example = "digest = hashlib.md5(password.encode()).hexdigest()",
    .fix = "Use SHA-256 or better (`hashlib.sha256`, `hashlib.blake2b`); for passwords use a slow KDF "
           "(`hashlib.scrypt`, argon2, bcrypt). For a non-security checksum say so: "
           "`hashlib.md5(data, usedforsecurity=False)`.",
    .effort = "30 min",
    .references = {"https://docs.python.org/3/library/hashlib.html",
                   "https://cwe.mitre.org/data/definitions/328.html"},
    .bandit = "B324",
    .ruff = "S324",
};

const sem::QualifiedNameSet kDirect{"hashlib.md5", "hashlib.sha1", "hashlib.md4"};
const sem::QualifiedNameSet kNew{"hashlib.new"};

class HashlibWeakHash final : public Rule {
 public:
  HashlibWeakHash() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  // Only calls of these reach visit() (the engine dispatches by name).
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"hashlib.md5", "hashlib.sha1", "hashlib.md4", "hashlib.new"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    std::string algo;
    std::string function;
    if (ctx.call_matches(call, kDirect)) {
      function = ctx.call_name(call);
      algo = function.substr(function.rfind('.') + 1);
    } else if (ctx.call_matches(call, kNew)) {
      auto name = string_constant(ctx, argument(call, "name", 0));
      if (!name) return;
      std::string n = cryptonet::lower(*name);
      if (n != "md5" && n != "md4" && n != "sha1" && n != "sha") return;
      algo = n;
      function = "hashlib.new(\"" + std::string(*name) + "\")";
    } else {
      return;
    }
    std::string upper = algo == "sha" ? "SHA-0/SHA-1" : algo == "sha1" ? "SHA-1" : cryptonet::lower(algo) == "md5" ? "MD5" : "MD4";
    const py::Keyword* ufs = keyword(call, "usedforsecurity");
    if (ufs) {
      if (cryptonet::is_falsy_constant(ctx, ufs->value)) return;  // declared non-security use
      if (!constant(ctx, ufs->value)) {
        Finding& f = ctx.report(call, (function.find('(') == std::string::npos ? function + "()" : function) +
                                          " uses " + upper + " with usedforsecurity=" +
                                          cryptonet::snippet(ctx, ufs->value) + ", which may be true");
        f.confidence = Confidence::Low;
        return;
      }
    }
    std::string shown = function.find('(') == std::string::npos ? function + "()" : function;
    ctx.report(call, shown + " uses the weak hash " + upper +
                         "; use SHA-256 or better, or pass usedforsecurity=False for a non-security checksum");
  }
};

AEGIS_REGISTER_RULE(HashlibWeakHash);

}  // namespace
}  // namespace aegis::rules
