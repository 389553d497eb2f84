// NET004 urlopen-dynamic-url (Bandit B310): urllib opening a URL that is not a constant.
// urllib follows file:// (and ftp://, data:) URLs, so a URL that comes from outside can read
// local files or reach internal hosts. Bandit flags every call; Aegis stays silent for a
// constant http(s) URL, an f-string/concatenation with a fixed http(s)://host/ prefix, and a
// urllib.request.Request object (its URL is checked where it is built).
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "NET004",
    .name = "urlopen-dynamic-url",
    .title = "urllib opens a URL whose scheme is not fixed",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 918,
    .owasp = "A10:2021-Server-Side Request Forgery (SSRF)",
    .area = Area::InputValidation,
    .flags = "`urllib.request.urlopen`, `urlretrieve` and `Request` (also `six.moves` and Python 2 "
             "`urllib`/`urllib2`) whose URL is not a constant and does not start with a literal "
             "`http://host/` or `https://host/`; a constant URL of another scheme (file://, ftp://) is "
             "low severity; `URLopener`/`FancyURLopener` (deprecated, open any scheme) are low.",
    .why = "urllib handles `file://` and `ftp://`: a URL taken from a request can read local files "
           "(`file:///etc/passwd`) or make the server call internal services (SSRF).",
    .example = "data = urllib.request.urlopen(request.args[\"feed\"]).read()",
    .fix = "Check the scheme and host against an allow-list before opening "
           "(`urllib.parse.urlsplit(url).scheme in {\"https\"}`), or use an HTTP client that only "
           "speaks HTTP (`requests`, `httpx`) with the same host check.",
    .effort = "30 min",
    .references = {"https://docs.python.org/3/library/urllib.request.html",
                   "https://cwe.mitre.org/data/definitions/918.html"},
    .bandit = "B310",
    .ruff = "S310",
};

const sem::QualifiedNameSet kOpen{
    "urllib.request.urlopen", "urllib.request.urlretrieve", "urllib.request.Request",
    "six.moves.urllib.request.urlopen", "six.moves.urllib.request.urlretrieve",
    "six.moves.urllib.request.Request", "urllib.urlopen", "urllib.urlretrieve", "urllib2.urlopen",
    "urllib2.Request",
};
const sem::QualifiedNameSet kOpener{"urllib.request.URLopener", "urllib.request.FancyURLopener",
                                    "six.moves.urllib.request.URLopener",
                                    "six.moves.urllib.request.FancyURLopener", "urllib.URLopener",
                                    "urllib.FancyURLopener"};

// True when the string starts with http:// or https:// followed by a host and a '/', or is
// exactly a scheme+host: the scheme and host are fixed.
bool fixed_http_prefix(std::string_view s, bool whole) {
  std::string l = cryptonet::lower(s.substr(0, 8));
  std::size_t start = cryptonet::starts_with(l, "https://") ? 8 : cryptonet::starts_with(l, "http://") ? 7 : 0;
  if (!start) return false;
  std::size_t slash = s.find_first_of("/?#", start);
  if (slash == std::string_view::npos) return whole && s.size() > start;
  return slash > start;
}

bool fixed_scheme(const RuleContext& ctx, const py::Expr* e, bool whole, int depth) {
  if (!e || depth > 8) return false;
  if (auto s = string_constant(ctx, e)) return fixed_http_prefix(*s, whole);
  if (const auto* n = as<py::Name>(e)) {
    sem::BindingId b = ctx.model().binding_of(n);
    if (b == sem::kNone) return false;
    const auto& binding = ctx.model().binding(b);
    if (binding.kind != sem::BindingKind::Assignment || !binding.value) return false;
    if (ctx.model().bindings_of(binding.home, binding.name).size() != 1) return false;
    return fixed_scheme(ctx, binding.value, whole, depth + 1);
  }
  if (const auto* b = as<py::BinOp>(e)) {
    if (b->op != py::Operator::Add && b->op != py::Operator::Mod) return false;
    return fixed_scheme(ctx, b->left, false, depth + 1);
  }
  if (const auto* j = as<py::JoinedStr>(e)) {
    return !j->values.empty() && fixed_scheme(ctx, j->values[0], false, depth + 1);
  }
  if (const auto* c = as<py::Call>(e)) {
    const auto* attr = as<py::Attribute>(c->func);
    if (attr && attr->attr == "format") return fixed_scheme(ctx, attr->value, false, depth + 1);
  }
  return false;
}

// Every call the rule looks at: the checker hands it only these.
const sem::QualifiedNameSet kOpenOrOpener = [] {
  sem::QualifiedNameSet all;
  kOpen.for_each_exact([&](std::string_view n) { all.add(n); });
  kOpener.for_each_exact([&](std::string_view n) { all.add(n); });
  return all;
}();

class UrlopenDynamic final : public Rule {
 public:
  UrlopenDynamic() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kOpenOrOpener; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const auto& model = ctx.model();
    if (model.call_matches(&call, kOpener)) {
      Finding& f = ctx.report(call, model.call_qualified_name(&call) +
                                        "() opens any scheme, file:// included, and is deprecated; use "
                                        "urllib.request.urlopen with a checked URL");
      f.severity = Severity::Low;
      return;
    }
    if (!model.call_matches(&call, kOpen)) return;
    std::string fn = model.call_qualified_name(&call);
    const py::Expr* url = argument(call, "url", 0);
    if (!url) url = argument(call, "fullurl", 0);
    if (!url) return;
    // a Request object: its URL was judged where it was built
    std::string inst = model.instance_of(url);
    if (inst == "urllib.request.Request" || inst == "six.moves.urllib.request.Request" || inst == "urllib2.Request")
      return;
    if (auto s = string_constant(ctx, url)) {
      if (fixed_http_prefix(*s, true)) return;
      Finding& f = ctx.report(call, fn + "() opens the constant non-HTTP URL \"" + std::string(s->substr(0, 50)) + "\"");
      f.severity = Severity::Low;
      return;
    }
    // f"https://api.example.com/{path}", "https://host/" + path, "https://host/%s" % x,
    // "https://host/{}".format(x), or a name bound once to one of these: scheme and host fixed
    if (fixed_scheme(ctx, url, true, 0)) return;
    const char* verb = cryptonet::ends_with(fn, "Request") ? "() targets the URL `" : "() opens the URL `";
    ctx.report(call, fn + verb + cryptonet::snippet(ctx, url, 50) +
                         "` whose scheme is not fixed: file:// reads local files, internal hosts are "
                         "reachable; check the scheme and host first");
  }
};

AEGIS_REGISTER_RULE(UrlopenDynamic);

}  // namespace
}  // namespace aegis::rules
