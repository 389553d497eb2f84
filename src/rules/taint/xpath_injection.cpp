// TNT009 xpath-injection: request data is built into an xpath expression (CWE-643), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT009",
    .name = "xpath-injection",
    .title = "Request data is built into an XPath expression",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 643,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "lxml xpath()/XPath() and ElementTree find/findall/findtext/iterfind paths built from request data instead of XPath variables.",
    .why = "Quotes and operators in the data change the expression: other users' records, authentication bypass on XML-backed stores.",
    .example = "root.xpath(f\"//user[@name='{request.args['name']}']\")",
    .fix = "Pass values as XPath variables:\n\nroot.xpath(\"//user[@name=$name]\", name=request.args[\"name\"])",
    .effort = "30 min",
    .references = {"https://cwe.mitre.org/data/definitions/643.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class XpathInjection final : public TaintRule {
 public:
  XpathInjection() : TaintRule(kMeta, dataflow::Xpath, "changes the XPath query") {}
};

}  // namespace
AEGIS_REGISTER_RULE(XpathInjection);
}  // namespace aegis::rules
