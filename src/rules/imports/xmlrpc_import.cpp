// IMP005 xmlrpc-import (Bandit B411): XML-RPC parses messages with the standard expat parser.
// On a server that means every request body from any client.
#include "rules/deserialization/xml_defused.h"
#include "rules/imports/module_import.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "IMP005",
    .name = "xmlrpc-import",
    .title = "XML-RPC without defusedxml",
    .severity = Severity::Low,
    .confidence = Confidence::High,
    .cwe = 776,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Dependencies,
    .flags = "Imports of `xmlrpc.client`, `xmlrpc.server` and Python 2's `xmlrpclib`, "
             "`SimpleXMLRPCServer`, `DocXMLRPCServer`, in any form, unless the file calls "
             "`defusedxml.xmlrpc.monkey_patch()` (or `defusedxml.defuse_stdlib()`). Servers are "
             "medium severity, clients low. From-imports of only `Fault`, `ProtocolError`, "
             "`Binary`, `DateTime` and the like are not flagged.",
    .why = "xmlrpc decodes every message with expat, which expands entities declared in the "
           "document: a request (to a server) or a response (to a client) with nested entities "
           "(\"billion laughs\") or a gzip bomb exhausts memory unless the platform's expat is "
           "2.4.1 or newer. An XML-RPC server also exposes functions to any client that can "
           "reach it, without authentication or TLS.",
    .example = "from xmlrpc.server import SimpleXMLRPCServer",
    .fix = "Call `defusedxml.xmlrpc.monkey_patch()` at start-up, and put XML-RPC servers behind "
           "authentication and TLS (or replace them with an authenticated JSON API).",
    .effort = "30 min",
    .references = {"https://docs.python.org/3/library/xmlrpc.html",
                   "https://pypi.org/project/defusedxml/",
                   "https://cwe.mitre.org/data/definitions/776.html"},
    .bandit = "B411",
    .ruff = "S411",
};

class XmlrpcImport final : public imports::ModuleImportRule {
 public:
  XmlrpcImport()
      : ModuleImportRule(kMeta, {"xmlrpc", "xmlrpclib", "SimpleXMLRPCServer", "DocXMLRPCServer"}) {}

 protected:
  bool harmless(const RuleContext& ctx, const sem::ImportRecord*, std::string_view,
                std::string_view imported) const override {
    if (xmlsafety::xmlrpc_defused(ctx)) return true;
    for (std::string_view client : {"xmlrpc.client", "xmlrpclib"}) {
      std::string_view name = first_below(imported, client);
      if (!imports::is_or_below(imported, client) || name.empty()) continue;
      for (std::string_view data : {"Fault", "ProtocolError", "ResponseError", "Error", "Binary",
                                    "DateTime", "Boolean", "MAXINT", "MININT"}) {
        if (name == data) return true;
      }
    }
    return false;
  }

  std::string message(const Hit& hit) const override {
    if (server(hit))
      return "`" + hit.shown + "`: an XML-RPC server parses every request with expat, which "
                               "expands entities; call defusedxml.xmlrpc.monkey_patch() and "
                               "require authentication";
    return "`" + hit.shown + "`: XML-RPC parses responses with expat, which expands entities; "
                             "call defusedxml.xmlrpc.monkey_patch()";
  }

  void adjust(Finding& finding, const Hit& hit) const override {
    if (server(hit)) finding.severity = Severity::Medium;
  }

 private:
  static bool server(const Hit& hit) {
    for (const std::string& name : hit.imported) {
      if (imports::is_or_below(name, "xmlrpc.server") ||
          imports::is_or_below(name, "SimpleXMLRPCServer") ||
          imports::is_or_below(name, "DocXMLRPCServer"))
        return true;
    }
    return false;
  }
};

AEGIS_REGISTER_RULE(XmlrpcImport);

}  // namespace
}  // namespace aegis::rules
