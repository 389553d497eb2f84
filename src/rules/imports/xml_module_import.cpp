// IMP004 xml-parser-import (Bandit B405-B410): modules whose XML parsers expand entities.
// A review note (info): the parse calls themselves are judged by DSR004, which knows the
// parser options; imports that only build or write XML are not flagged.
#include "rules/deserialization/xml_defused.h"
#include "rules/imports/module_import.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "IMP004",
    .name = "xml-parser-import",
    .title = "import of an XML parsing module that expands entities",
    .severity = Severity::Info,
    .confidence = Confidence::High,
    .cwe = 611,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Dependencies,
    .flags = "Imports of `xml.etree.ElementTree`, `xml.etree.cElementTree`, `xml.sax`, "
             "`xml.dom.expatbuilder`, `xml.dom.minidom`, `xml.dom.pulldom` and `lxml` in any "
             "form. Not flagged: imports of what only builds or writes XML (`Element`, "
             "`SubElement`, `tostring`, `xml.sax.saxutils`, `xml.sax.handler`, minidom's "
             "`Document`, `lxml.html`, `lxml.builder`, lxml's `XMLParser`), standard modules in a "
             "file that calls `defusedxml.defuse_stdlib()` or binds the same name to the "
             "defusedxml module first. Informational: DSR004 reports the parse calls.",
    .why = "These parsers expand entities declared in the document: the standard ones are open "
           "to entity-expansion denial of service unless expat is recent, lxml's default parser "
           "also resolves external entities (XXE) before lxml 5.0. Knowing where they are "
           "imported tells a reviewer where untrusted XML may be parsed.",
    .example = "import xml.etree.ElementTree as ET",
    .fix = "Parse untrusted XML with `defusedxml` (`import defusedxml.ElementTree as ET`) or call "
           "`defusedxml.defuse_stdlib()` at start-up; with lxml, parse with "
           "`etree.XMLParser(resolve_entities=False, no_network=True)`.",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/xml.html#xml-vulnerabilities",
                   "https://pypi.org/project/defusedxml/",
                   "https://cwe.mitre.org/data/definitions/611.html"},
    .bandit = "B405, B406, B407, B408, B409, B410",
    .ruff = "S405, S406, S407, S408, S409, S410",
    .opt_in = true,
};

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

class XmlModuleImport final : public imports::ModuleImportRule {
 public:
  XmlModuleImport()
      : ModuleImportRule(kMeta, {"xml.etree.ElementTree", "xml.etree.cElementTree", "xml.sax",
                                 "xml.dom.expatbuilder", "xml.dom.minidom", "xml.dom.pulldom",
                                 "lxml"}) {}

 protected:
  bool harmless(const RuleContext& ctx, const sem::ImportRecord* record, std::string_view listed,
                std::string_view imported) const override {
    std::string_view below = first_below(imported, listed);
    if (listed == "lxml") {
      if (one_of(below, {"html", "builder", "cssselect", "doctestcompare"})) return true;
      if (below != "etree") return false;
      std::string_view name = first_below(imported, "lxml.etree");
      return one_of(name, {"Element", "SubElement", "tostring", "QName", "CDATA", "Comment",
                           "iselement", "XMLSyntaxError", "ParseError", "LxmlError", "_Element",
                           "ElementBase", "HTMLParser", "XMLParser", "XPath", "ETXPath"});
    }
    // The standard modules, made safe in this file.
    if (xmlsafety::stdlib_defused(ctx)) return true;
    if (record && record->binding != sem::kNone &&
        xmlsafety::also_bound_to_defusedxml(ctx, ctx.model().binding(record->binding).home,
                                            record->bound_name))
      return true;
    if (listed == "xml.sax")
      return one_of(below, {"saxutils", "handler", "xmlreader", "ContentHandler", "ErrorHandler",
                            "SAXException", "SAXParseException", "SAXNotRecognizedException",
                            "SAXNotSupportedException"});
    if (listed == "xml.dom.minidom")
      return one_of(below, {"Document", "Element", "Text", "Node", "Attr", "Comment",
                            "DocumentFragment", "getDOMImplementation", "DOMImplementation",
                            "CDATASection", "ProcessingInstruction"});
    if (listed == "xml.etree.ElementTree" || listed == "xml.etree.cElementTree")
      return one_of(below, {"Element", "SubElement", "ElementTree", "tostring", "tostringlist",
                            "dump", "indent", "Comment", "ProcessingInstruction", "PI", "QName",
                            "TreeBuilder", "iselement", "register_namespace", "ParseError",
                            "VERSION", "canonicalize", "C14NWriterTarget"});
    return false;
  }

  std::string message(const Hit& hit) const override {
    if (hit.listed == "lxml")
      return "`" + hit.shown + "`: lxml's default parser resolves entities (external ones too "
                               "before lxml 5.0); parse untrusted XML with "
                               "XMLParser(resolve_entities=False) (parse calls: DSR004)";
    std::string module(hit.listed);
    std::string defused = module.substr(module.rfind('.') + 1);
    if (defused == "cElementTree") defused = "ElementTree";
    return "`" + hit.shown + "`: " + module +
           " expands entities in the document; parse untrusted XML with defusedxml." + defused +
           " or call defusedxml.defuse_stdlib() (parse calls: DSR004)";
  }
};

AEGIS_REGISTER_RULE(XmlModuleImport);

}  // namespace
}  // namespace aegis::rules
