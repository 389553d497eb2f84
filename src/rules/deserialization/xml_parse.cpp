// DSR004 xml-unsafe-parse (Bandit B313-B320): XML parsed with a parser that expands entities.
// lxml's default parser resolves entities (external ones too before lxml 5.0: XXE); the
// standard library's expat-based parsers do not fetch external entities but expand internal
// ones, so their risk is entity-expansion denial of service, bounded only by newer expat.
#include <string>

#include "rules/deserialization/xml_defused.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "DSR004",
    .name = "xml-unsafe-parse",
    .title = "XML parsed without protection against entity attacks",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 611,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::InputValidation,
    .flags = "Parsing with `lxml.etree` (`parse`, `fromstring`, `XML`, `iterparse`, ...) and the "
             "default parser or an `XMLParser` built without `resolve_entities=False` (medium); "
             "an `XMLParser`/`iterparse` with `resolve_entities=True`, `no_network=False` or "
             "`huge_tree=True` (high); SAX parsers with `feature_external_ges`/"
             "`feature_external_pes` turned on (high, XXE); and the standard library's "
             "`xml.etree.ElementTree`/`cElementTree`, `xml.dom.minidom`/`pulldom`/`expatbuilder`, "
             "`xml.sax` and `xml.sax.expatreader` parsers (low: entity expansion only). Not "
             "flagged: the `defusedxml` equivalents; standard parsers in a module that calls "
             "`defusedxml.defuse_stdlib()` or imports the defusedxml module under the same name "
             "(falling back to the standard one); lxml parsers with `resolve_entities=False` (or "
             "`\"internal\"`) and the network left off, also when installed with "
             "`etree.set_default_parser`; data or file names written in the code.",
    .why = "An XML document can declare entities. With external entities resolved (lxml before "
           "5.0 by default, `resolve_entities=True`, SAX's external-entities feature), a document "
           "from a user reads local files (`file:///etc/passwd`) or makes the server fetch URLs "
           "(SSRF): XML external entity injection. Nested internal entities (\"billion laughs\") "
           "expand a kilobyte into gigabytes and exhaust memory and CPU; the standard library "
           "relies on expat 2.4.1 or newer to bound that, which depends on the platform's "
           "library.",
    .example = "from lxml import etree\ndoc = etree.fromstring(request.body)",
    .fix = "Parse untrusted XML with `defusedxml` (`defusedxml.ElementTree.fromstring`, "
           "`defusedxml.minidom.parseString`, ...), or call `defusedxml.defuse_stdlib()` at start "
           "up; with lxml pass a hardened parser: `etree.fromstring(data, "
           "etree.XMLParser(resolve_entities=False, no_network=True))`.",
    .effort = "30 min",
    .references = {"https://docs.python.org/3/library/xml.html#xml-vulnerabilities",
                   "https://pypi.org/project/defusedxml/",
                   "https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint",
                   "https://cwe.mitre.org/data/definitions/611.html"},
    .bandit = "B313, B314, B315, B316, B317, B318, B319, B320",
    .ruff = "S313, S314, S315, S316, S317, S318, S319, S320",
};

// Standard-library entry points that parse (or build a parser that will).
const sem::QualifiedNameSet kStdlibParse{
    "xml.etree.ElementTree.parse",          "xml.etree.ElementTree.iterparse",
    "xml.etree.ElementTree.fromstring",     "xml.etree.ElementTree.fromstringlist",
    "xml.etree.ElementTree.XML",            "xml.etree.ElementTree.XMLID",
    "xml.etree.ElementTree.XMLParser",      "xml.etree.ElementTree.XMLPullParser",
    "xml.etree.ElementTree.ElementTree.parse",
    "xml.etree.cElementTree.parse",         "xml.etree.cElementTree.iterparse",
    "xml.etree.cElementTree.fromstring",    "xml.etree.cElementTree.fromstringlist",
    "xml.etree.cElementTree.XML",           "xml.etree.cElementTree.XMLID",
    "xml.etree.cElementTree.XMLParser",     "xml.etree.cElementTree.XMLPullParser",
    "xml.etree.cElementTree.ElementTree.parse",
    "xml.sax.parse",                        "xml.sax.parseString",
    "xml.sax.make_parser",                  "xml.sax.expatreader.create_parser",
    "xml.sax.expatreader.ExpatParser",      "xml.dom.minidom.parse",
    "xml.dom.minidom.parseString",          "xml.dom.pulldom.parse",
    "xml.dom.pulldom.parseString",          "xml.dom.expatbuilder.parse",
    "xml.dom.expatbuilder.parseString",
};
// Building a parser object: reported unless it is handed straight to a parse call above.
const sem::QualifiedNameSet kStdlibParserObjects{
    "xml.etree.ElementTree.XMLParser",  "xml.etree.ElementTree.XMLPullParser",
    "xml.etree.cElementTree.XMLParser", "xml.etree.cElementTree.XMLPullParser",
    "xml.sax.expatreader.ExpatParser",
};
const sem::QualifiedNameSet kSaxSetFeature{
    "xml.sax.make_parser.setFeature", "xml.sax.expatreader.create_parser.setFeature",
    "xml.sax.expatreader.ExpatParser.setFeature",
};
// lxml calls that parse with a parser given as argument (or the default one).
const sem::QualifiedNameSet kLxmlParse{
    "lxml.etree.parse", "lxml.etree.fromstring", "lxml.etree.fromstringlist", "lxml.etree.XML",
    "lxml.etree.XMLID", "lxml.etree.XMLDTDID",   "lxml.etree.parseid",
};
// lxml calls that take the parser options themselves.
const sem::QualifiedNameSet kLxmlWithOptions{
    "lxml.etree.XMLParser", "lxml.etree.ETCompatXMLParser", "lxml.etree.XMLPullParser",
    "lxml.etree.iterparse",
};
const sem::QualifiedNameSet kLxmlHtmlParser{"lxml.etree.HTMLParser", "lxml.html.HTMLParser"};

const sem::QualifiedNameSet kAll = [] {
  sem::QualifiedNameSet all;
  for (const auto* set : {&kStdlibParse, &kSaxSetFeature, &kLxmlParse, &kLxmlWithOptions}) {
    set->for_each_exact([&](std::string_view n) { all.add(n); });
  }
  return all;
}();

enum class Verdict { Safe, Default, Dangerous, Unknown };
struct ParserJudgement {
  Verdict verdict = Verdict::Unknown;
  std::string reason;  // for Dangerous: the option that makes it so
};

bool truthy_constant(const RuleContext& ctx, const py::Expr* expr, bool& known) {
  auto v = constant(ctx, expr);
  known = v.has_value();
  if (!v) return false;
  switch (v->kind) {
    case py::ConstantKind::True: return true;
    case py::ConstantKind::Int: return v->text != "0";
    case py::ConstantKind::Str: case py::ConstantKind::Bytes: return !v->text.empty();
    default: return false;
  }
}

// Judges the options of an lxml parser construction (or of iterparse).
ParserJudgement judge_options(const RuleContext& ctx, const py::Call& call) {
  bool known = false;
  bool entities_off = false;
  if (const py::Keyword* k = keyword(call, "resolve_entities")) {
    auto text = string_constant(ctx, k->value);
    bool on = truthy_constant(ctx, k->value, known);
    if (!known) return {Verdict::Unknown, {}};
    if (text && *text == "internal") entities_off = true;  // lxml 5: no external entities
    else if (!on) entities_off = true;
    else return {Verdict::Dangerous, "resolve_entities=" + std::string(ctx.source(*k->value))};
  }
  if (const py::Keyword* k = keyword(call, "no_network")) {
    bool on = truthy_constant(ctx, k->value, known);
    if (known && !on) return {Verdict::Dangerous, "no_network=" + std::string(ctx.source(*k->value))};
  }
  if (const py::Keyword* k = keyword(call, "huge_tree")) {
    bool on = truthy_constant(ctx, k->value, known);
    if (known && on && !entities_off)
      return {Verdict::Dangerous, "huge_tree=" + std::string(ctx.source(*k->value))};
  }
  if (entities_off) return {Verdict::Safe, {}};
  if (has_splat(call)) return {Verdict::Unknown, {}};
  return {Verdict::Default, {}};
}

// Judges the parser an lxml parse call is given: inline, or a name bound once to one.
ParserJudgement judge_parser(const RuleContext& ctx, const py::Expr* parser, int depth = 0) {
  if (!parser || is_none_constant(ctx, parser)) return {Verdict::Default, {}};
  if (depth > 4) return {};
  if (const auto* call = as<py::Call>(parser)) {
    if (ctx.call_matches(*call, kLxmlHtmlParser)) return {Verdict::Safe, {}};
    if (ctx.call_matches(*call, kLxmlWithOptions)) return judge_options(ctx, *call);
    return {};
  }
  if (const auto* name = as<py::Name>(parser)) {
    sem::BindingId id = ctx.model().binding_of(name);
    if (id == sem::kNone) return {};
    const sem::Binding& b = ctx.model().binding(id);
    if (b.kind != sem::BindingKind::Assignment || !b.value) return {};
    if (ctx.model().bindings_of(b.home, b.name).size() != 1) return {};
    return judge_parser(ctx, b.value, depth + 1);
  }
  return {};
}

std::string snippet(const RuleContext& ctx, const py::Node* node) {
  std::string s(ctx.source(*node));
  for (char& c : s) if (c == '\n') c = ' ';
  return s.size() > 40 ? s.substr(0, 37) + "..." : s;
}

// The document (or file) a parse call reads.
const py::Expr* parsed_input(const py::Call& call) {
  for (std::string_view name : {"text", "source", "string", "file", "stream_or_string", "strings"}) {
    if (const py::Keyword* k = keyword(call, name)) return k->value;
  }
  return argument(call, "", 0);
}

bool constant_input(const RuleContext& ctx, const py::Call& call) {
  const py::Expr* input = parsed_input(call);
  auto v = constant(ctx, input);
  return v && (v->kind == py::ConstantKind::Str || v->kind == py::ConstantKind::Bytes);
}

class XmlUnsafeParse final : public Rule {
 public:
  XmlUnsafeParse() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kAll; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    if (ctx.call_matches(call, kSaxSetFeature)) return check_sax_feature(call, function, ctx);
    if (ctx.call_matches(call, kLxmlWithOptions)) return check_lxml_options(call, function, ctx);
    if (ctx.call_matches(call, kLxmlParse)) return check_lxml_parse(call, function, ctx);
    check_stdlib(call, function, ctx);
  }

 private:
  static void check_stdlib(const py::Call& call, const std::string& function, RuleContext& ctx) {
    bool parser_object = ctx.call_matches(call, kStdlibParserObjects);
    bool sax_factory =
        function == "xml.sax.make_parser" || function == "xml.sax.expatreader.create_parser";
    if (parser_object) {
      // ET.parse(f, parser=ET.XMLParser(...)): the parse call is the one reported.
      const py::Node* up = ctx.model().parent(&call);
      if (up && up->kind == py::NodeKind::Keyword) up = ctx.model().parent(up);
      if (const auto* outer = as<py::Call>(up);
          outer && outer->func != &call && ctx.call_matches(*outer, kStdlibParse))
        return;
    } else if (!sax_factory && constant_input(ctx, call)) {
      return;
    }
    if (xmlsafety::stdlib_defused(ctx) || xmlsafety::defused_fallback(ctx, call.func)) return;
    std::string what = parser_object || sax_factory ? " builds an expat parser" : " parses";
    if (!parser_object && !sax_factory) {
      if (const py::Expr* input = parsed_input(call)) what += " `" + snippet(ctx, input) + "`";
    }
    Finding& f = ctx.report(call, function + "()" + what +
                                      " with entity expansion on (\"billion laughs\" is bounded "
                                      "only by expat 2.4.1+); use " + defused_module(function) +
                                      " for untrusted XML");
    f.severity = Severity::Low;
    // Expat resolves no external entities: what is left is entity expansion (CWE-776), not XXE.
    f.cwe = 776;
  }

  // The defusedxml module that replaces the standard one `function` belongs to.
  static std::string defused_module(const std::string& function) {
    std::string module = function.substr(0, function.rfind('.'));
    if (module.size() > 12 && module.compare(module.size() - 12, 12, ".ElementTree") == 0 &&
        module != "xml.etree.ElementTree")
      module = module.substr(0, module.size() - 12);  // the ElementTree class's parse method
    std::string last = module.substr(module.rfind('.') + 1);
    if (last == "cElementTree") last = "ElementTree";  // defusedxml.cElementTree is deprecated
    return "defusedxml." + last;
  }

  static void check_sax_feature(const py::Call& call, const std::string& function, RuleContext& ctx) {
    static const sem::QualifiedNameSet kExternal{"xml.sax.handler.feature_external_ges",
                                                 "xml.sax.handler.feature_external_pes"};
    const py::Expr* feature = argument(call, "name", 0);
    const py::Expr* state = argument(call, "state", 1);
    if (!feature || !state) return;
    auto text = string_constant(ctx, feature);
    bool external = ctx.model().matches(feature, kExternal) ||
                    (text && (*text == "http://xml.org/sax/features/external-general-entities" ||
                              *text == "http://xml.org/sax/features/external-parameter-entities"));
    if (!external) return;
    bool known = false;
    bool on = truthy_constant(ctx, state, known);
    if (known && !on) return;
    Finding& f = ctx.report(call, function.substr(0, function.rfind('.')) + " parser: setFeature(" +
                                      snippet(ctx, feature) + ", " + snippet(ctx, state) +
                                      ") resolves external entities: XXE reads local files and "
                                      "fetches URLs");
    f.severity = known ? Severity::High : Severity::Medium;
    f.confidence = known ? Confidence::High : Confidence::Low;
  }

  static void check_lxml_options(const py::Call& call, const std::string& function, RuleContext& ctx) {
    ParserJudgement j = judge_options(ctx, call);
    bool iterparse = function == "lxml.etree.iterparse";
    if (j.verdict == Verdict::Dangerous) {
      Finding& f = ctx.report(call, function + "() with " + j.reason + ": " + danger(j.reason));
      f.severity = Severity::High;
      f.confidence = Confidence::High;
      return;
    }
    // A parser object is judged where it is used; iterparse parses right away.
    if (!iterparse || j.verdict == Verdict::Safe) return;
    if (constant_input(ctx, call)) return;
    report_default(call, function, j.verdict, ctx);
  }

  static void check_lxml_parse(const py::Call& call, const std::string& function, RuleContext& ctx) {
    if (constant_input(ctx, call)) return;
    const py::Expr* parser = argument(call, "parser", 1);
    ParserJudgement j = judge_parser(ctx, parser);
    if (j.verdict == Verdict::Safe || j.verdict == Verdict::Dangerous) return;  // see construction
    if (!parser && default_parser_hardened(ctx)) return;
    report_default(call, function, j.verdict, ctx, parser);
  }

  static void report_default(const py::Call& call, const std::string& function, Verdict verdict,
                             RuleContext& ctx, const py::Expr* parser = nullptr) {
    std::string input;
    if (const py::Expr* e = parsed_input(call)) input = " `" + snippet(ctx, e) + "`";
    if (verdict == Verdict::Unknown) {
      std::string with = parser ? " with parser `" + snippet(ctx, parser) + "`" : " with options";
      Finding& f = ctx.report(call, function + "() parses" + input + with +
                                        " that could not be checked; make sure it is built with "
                                        "resolve_entities=False");
      f.severity = Severity::Low;
      f.confidence = Confidence::Low;
      return;
    }
    std::string which = parser ? "a parser built without resolve_entities=False"
                               : "lxml's default parser";
    ctx.report(call, function + "() parses" + input + " with " + which +
                         ", which resolves entities (external ones too before lxml 5.0: XXE); "
                         "pass etree.XMLParser(resolve_entities=False, no_network=True)");
  }

  static std::string danger(const std::string& reason) {
    if (reason.rfind("resolve_entities", 0) == 0)
      return "external entities are resolved (XXE: local files and URLs read into the document)";
    if (reason.rfind("no_network", 0) == 0)
      return "DTDs and entities are fetched over the network (SSRF, XXE)";
    return "libxml2's limits on entity expansion and tree size are off (memory exhaustion)";
  }

  // lxml.etree.set_default_parser(XMLParser(resolve_entities=False)) somewhere in the module.
  static bool default_parser_hardened(const RuleContext& ctx) {
    static const sem::QualifiedNameSet kSetDefault{"lxml.etree.set_default_parser"};
    const py::Call* set = xmlsafety::find_call(ctx, kSetDefault);
    if (!set) return false;
    const py::Expr* parser = argument(*set, "parser", 0);
    return parser && judge_parser(ctx, parser).verdict == Verdict::Safe;
  }
};

AEGIS_REGISTER_RULE(XmlUnsafeParse);

}  // namespace
}  // namespace aegis::rules
