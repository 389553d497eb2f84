// TNT006 cross-site-scripting: request data is written into an html response unescaped (CWE-79), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT006",
    .name = "cross-site-scripting",
    .title = "Request data is written into an HTML response unescaped",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 79,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "Flask views returning strings built from request data, make_response/Response/HttpResponse/HTMLResponse bodies, render_template_string templates and Markup/mark_safe values that carry unescaped request data.",
    .why = "Script injected into a page runs in other users' browsers with their session: account takeover, data theft, actions on their behalf.",
    .example = "name = request.args[\"name\"]\nreturn f\"<h1>Hello {name}</h1>\"",
    .fix = "Render through an autoescaping template, or escape:\n\nreturn render_template(\"hello.html\", name=name)\n# or: return f\"<h1>Hello {html.escape(name)}</h1>\"",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/79.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class CrossSiteScripting final : public TaintRule {
 public:
  CrossSiteScripting() : TaintRule(kMeta, dataflow::Xss, "lets the attacker inject script into the page") {}
};

}  // namespace
AEGIS_REGISTER_RULE(CrossSiteScripting);
}  // namespace aegis::rules
