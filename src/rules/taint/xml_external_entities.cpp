// TNT010 xml-external-entities: request data is parsed by an xml parser that resolves external entities (CWE-611), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT010",
    .name = "xml-external-entities",
    .title = "Request data is parsed by an XML parser that resolves external entities",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 611,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::InputValidation,
    .flags = "lxml parsing (fromstring/XML/parse, parser.feed) of request data with a parser that resolves entities (the lxml default before 5.0, resolve_entities=True, no_network=False), and xml.sax parsers with feature_external_ges turned on.",
    .why = "External entities read local files (/etc/passwd, keys) into the parsed document and reach internal URLs (SSRF).",
    .example = "doc = etree.fromstring(request.data, etree.XMLParser(resolve_entities=True))",
    .fix = "Turn entity resolution off or use defusedxml:\n\nparser = etree.XMLParser(resolve_entities=False, no_network=True)\ndoc = etree.fromstring(request.data, parser)",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/611.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class XmlExternalEntities final : public TaintRule {
 public:
  XmlExternalEntities() : TaintRule(kMeta, dataflow::Xxe, "lets the attacker read local files through external entities") {}
};

}  // namespace
AEGIS_REGISTER_RULE(XmlExternalEntities);
}  // namespace aegis::rules
