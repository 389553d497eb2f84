// TNT008 ldap-injection: request data reaches an ldap filter or dn (CWE-90), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT008",
    .name = "ldap-injection",
    .title = "Request data reaches an LDAP filter or DN",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 90,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "LDAP search filters and base DNs (python-ldap search_s/search_ext_s, ldap3 Connection.search) built from request data without escape_filter_chars/escape_dn_chars.",
    .why = "Filter metacharacters (`*`, `(`, `)`, `|`) change the query: enumeration of the directory and authentication bypass.",
    .example = "conn.search(\"dc=example,dc=com\", f\"(uid={request.args['user']})\")",
    .fix = "Escape values placed in filters:\n\nfrom ldap3.utils.conv import escape_filter_chars\nconn.search(BASE, f\"(uid={escape_filter_chars(user)})\")",
    .effort = "30 min",
    .references = {"https://cwe.mitre.org/data/definitions/90.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class LdapInjection final : public TaintRule {
 public:
  LdapInjection() : TaintRule(kMeta, dataflow::Ldap, "changes the LDAP query") {}
};

}  // namespace
AEGIS_REGISTER_RULE(LdapInjection);
}  // namespace aegis::rules
