// TNT005 open-redirect: request data chooses a redirect target (CWE-601), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT005",
    .name = "open-redirect",
    .title = "Request data chooses a redirect target",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 601,
    .owasp = "A01:2021-Broken Access Control",
    .area = Area::InputValidation,
    .flags = "redirect(), HttpResponseRedirect, RedirectResponse and Location headers whose target comes from the request, unless a fixed scheme and host or a local path precede it or an allow-list check guards it.",
    .why = "A link on the real domain that forwards to an attacker's site makes phishing credible and can leak tokens carried in the URL.",
    .example = "return redirect(request.args[\"next\"])",
    .fix = "Redirect only to local paths or an allow-list:\n\ntarget = request.args.get(\"next\", \"/\")\nif not url_has_allowed_host_and_scheme(target, allowed_hosts={request.host}):\n    target = \"/\"\nreturn redirect(target)",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/601.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class OpenRedirect final : public TaintRule {
 public:
  OpenRedirect() : TaintRule(kMeta, dataflow::Redirect, "sends users to a site of the attacker's choosing") {}
};

}  // namespace
AEGIS_REGISTER_RULE(OpenRedirect);
}  // namespace aegis::rules
