// TNT012 server-side-request-forgery: request data chooses the target of an outbound request (CWE-918), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT012",
    .name = "server-side-request-forgery",
    .title = "Request data chooses the target of an outbound request",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 918,
    .owasp = "A10:2021-Server-Side Request Forgery",
    .area = Area::Infrastructure,
    .flags = "requests/httpx/urllib/http.client/urllib3/aiohttp calls whose URL or host comes from the request, unless a fixed scheme and host precede the data.",
    .why = "The server fetches what the client names: internal services, cloud metadata endpoints (credentials), ports behind the firewall.",
    .example = "return requests.get(request.args[\"url\"]).text",
    .fix = "Fix the host and put only validated path or query parts after it, or check the parsed host against an allow-list:\n\nrequests.get(f\"https://api.example.com/items/{int(item_id)}\")",
    .effort = "1 h",
    .references = {"https://cwe.mitre.org/data/definitions/918.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class ServerSideRequestForgery final : public TaintRule {
 public:
  ServerSideRequestForgery() : TaintRule(kMeta, dataflow::Ssrf, "makes the server send requests where the attacker chooses") {}
};

}  // namespace
AEGIS_REGISTER_RULE(ServerSideRequestForgery);
}  // namespace aegis::rules
