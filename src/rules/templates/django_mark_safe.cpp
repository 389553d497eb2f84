// TPL001 django-mark-safe (Bandit B308, B703): Django's mark_safe()/SafeString() switch off
// autoescaping for a value. A literal is harmless; a string built from variables is XSS.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TPL001",
    .name = "django-mark-safe",
    .title = "Django mark_safe on a value that may hold user input",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 79,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "`django.utils.safestring.mark_safe()` (also reached through `django.utils.html`) "
             "and the `SafeString`/`SafeText`/`SafeBytes` constructors. A string built with an "
             "f-string, `.format()`, `%` or `+` around a part that is not escaped is high "
             "severity; a plain variable or call result is medium. Constant strings, and strings "
             "whose every variable part goes through `escape`/`conditional_escape`/"
             "`format_html` (or is a number: `len()`, `int()`, `{n:d}`), are not flagged, nor "
             "are results of "
             "`format_html`, `escape` and `render_to_string`.",
    .why = "Django templates escape every variable unless it is marked safe. `mark_safe` tells "
           "them the value is already trusted HTML: if any part of it came from a user (a name, "
           "a comment, a query parameter), the user can inject `<script>` and act as anyone "
           "who views the page (stored or reflected XSS).",
    .example = "return mark_safe(f\"<a href='{url}'>{user.display_name}</a>\")",
    .fix = "Build HTML with `django.utils.html.format_html`, which escapes every argument: "
           "`return format_html(\"<a href='{}'>{}</a>\", url, user.display_name)`; or render a "
           "template. Call `mark_safe` only on literals or on output you escaped yourself.",
    .effort = "15 min",
    .references = {"https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe",
                   "https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html",
                   "https://cwe.mitre.org/data/definitions/79.html"},
    .bandit = "B308, B703",
    .ruff = "S308",
};

const sem::QualifiedNameSet kMarkSafe{
    "django.utils.safestring.mark_safe",  "django.utils.html.mark_safe",
    "django.utils.safestring.SafeString", "django.utils.safestring.SafeText",
    "django.utils.safestring.SafeBytes",  "django.utils.safestring.SafeUnicode",
};

// Calls whose result is escaped (or numeric) text, safe to insert into HTML.
const sem::QualifiedNameSet kEscaping{
    "django.utils.html.escape",           "django.utils.html.conditional_escape",
    "django.utils.html.format_html",      "django.utils.html.format_html_join",
    "django.utils.html.json_script",      "django.utils.html.escapejs",
    "django.template.loader.render_to_string", "django.template.defaultfilters.escape",
    "django.template.defaultfilters.force_escape", "html.escape",
    "markupsafe.escape",                  "bleach.clean",
    "nh3.clean",                          "builtins.int",
    "builtins.float",                     "builtins.len",
    "urllib.parse.quote",                 "urllib.parse.urlencode",
};

enum class Shape {
  Constant,  // a literal string: nothing from outside
  Escaped,   // built, but every variable part is escaped or numeric
  Built,     // built around a part that is not escaped
  Opaque,    // a variable or call result: unknown
};

struct Judgement {
  Shape shape = Shape::Opaque;
  const py::Expr* unescaped = nullptr;  // the first unescaped part, for Built
  std::string_view how;                 // "an f-string", "str.format()", ...
};

class DjangoMarkSafe final : public Rule {
 public:
  DjangoMarkSafe() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kMarkSafe; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const py::Expr* value = argument(call, "s", 0);
    if (!value) value = argument(call, "value", 0);
    if (!value) return;
    const std::string& function = ctx.call_name(call);
    std::string short_name = function.substr(function.rfind('.') + 1);
    Judgement j = judge(ctx, value, 0);
    if (j.shape == Shape::Constant || j.shape == Shape::Escaped) return;
    if (j.shape == Shape::Built) {
      Finding& f = ctx.report(call, short_name + "() on " + std::string(j.how) + " that inserts `" +
                                        snippet(ctx, j.unescaped) +
                                        "` unescaped: user input there is XSS; use format_html()");
      f.severity = Severity::High;
      f.confidence = Confidence::High;
      return;
    }
    ctx.report(call, short_name + "() marks `" + snippet(ctx, value) +
                         "` as safe HTML without escaping it: XSS if it holds user input; use "
                         "format_html() or escape it first");
  }

 private:
  static std::string snippet(const RuleContext& ctx, const py::Expr* expr) {
    std::string s(ctx.source(*expr));
    for (char& c : s) if (c == '\n') c = ' ';
    return s.size() > 50 ? s.substr(0, 47) + "..." : s;
  }

  // Whether a part inserted into a string is harmless in HTML.
  static bool part_is_safe(const RuleContext& ctx, const py::Expr* part, int depth) {
    if (constant(ctx, part)) return true;  // literal text, numbers, None
    Shape shape = judge(ctx, part, depth + 1).shape;
    return shape == Shape::Constant || shape == Shape::Escaped;
  }

  // f"{count:d}": a numeric presentation type formats a number or raises.
  static bool numeric_format(const py::FormattedValue* fv) {
    const auto* spec = as<py::JoinedStr>(fv->format_spec);
    if (!spec || spec->values.size() != 1) return false;
    const auto* text = as<py::Constant>(spec->values[0]);
    if (!text || text->value.kind != py::ConstantKind::Str || text->value.text.empty()) return false;
    return std::string_view("bdoxXeEfFgGn%").find(text->value.text.back()) != std::string_view::npos;
  }

  // Combines the parts of a built string.
  static Judgement built(const RuleContext& ctx, std::string_view how,
                         const std::vector<const py::Expr*>& parts, int depth) {
    for (const py::Expr* part : parts) {
      if (!part_is_safe(ctx, part, depth)) return {Shape::Built, part, how};
    }
    return {Shape::Escaped, nullptr, how};
  }

  static Judgement judge(const RuleContext& ctx, const py::Expr* expr, int depth) {
    if (!expr || depth > 6) return {};
    if (auto value = constant(ctx, expr)) {
      if (value->kind == py::ConstantKind::Str || value->kind == py::ConstantKind::Bytes)
        return {Shape::Constant, nullptr, {}};
      return {};
    }
    switch (expr->kind) {
      case py::NodeKind::JoinedStr: {
        std::vector<const py::Expr*> parts;
        for (const py::Expr* v : static_cast<const py::JoinedStr*>(expr)->values) {
          const auto* fv = as<py::FormattedValue>(v);
          if (fv && !numeric_format(fv)) parts.push_back(fv->value);
        }
        return built(ctx, "an f-string", parts, depth);
      }
      case py::NodeKind::BinOp: {
        const auto* op = static_cast<const py::BinOp*>(expr);
        if (op->op == py::Operator::Add) return built(ctx, "a concatenation", {op->left, op->right}, depth);
        if (op->op == py::Operator::Mod && judge(ctx, op->left, depth + 1).shape == Shape::Constant) {
          std::vector<const py::Expr*> parts;
          if (const auto* tuple = as<py::Tuple>(op->right)) {
            for (const py::Expr* e : tuple->elts) parts.push_back(e);
          } else if (const auto* dict = as<py::Dict>(op->right)) {
            for (const py::Expr* e : dict->values) parts.push_back(e);
          } else {
            parts.push_back(op->right);
          }
          return built(ctx, "a %-formatted string", parts, depth);
        }
        return {};
      }
      case py::NodeKind::Call: {
        const auto* call = static_cast<const py::Call*>(expr);
        if (ctx.call_matches(*call, kEscaping)) return {Shape::Escaped, nullptr, {}};
        const auto* method = as<py::Attribute>(call->func);
        if (!method) return {};
        // Trimming or case changes keep what the string is: "...".join(...).strip().
        for (std::string_view same : {"strip", "lstrip", "rstrip", "lower", "upper", "title",
                                      "capitalize", "casefold"}) {
          if (method->attr == same) return judge(ctx, method->value, depth + 1);
        }
        if (judge(ctx, method->value, depth + 1).shape != Shape::Constant) return {};
        if (method->attr == "format") {
          std::vector<const py::Expr*> parts(call->args.begin(), call->args.end());
          for (const py::Keyword* k : call->keywords) parts.push_back(k->value);
          return built(ctx, "str.format()", parts, depth);
        }
        if (method->attr == "join" && call->args.size() == 1) {
          const py::Expr* items = call->args[0];
          std::vector<const py::Expr*> parts;
          if (const auto* gen = as<py::GeneratorExp>(items)) parts.push_back(gen->elt);
          else if (const auto* comp = as<py::ListComp>(items)) parts.push_back(comp->elt);
          else if (const auto* list = as<py::List>(items)) parts.assign(list->elts.begin(), list->elts.end());
          else if (const auto* tuple = as<py::Tuple>(items)) parts.assign(tuple->elts.begin(), tuple->elts.end());
          else parts.push_back(items);
          return built(ctx, "str.join()", parts, depth);
        }
        return {};
      }
      case py::NodeKind::IfExp: {
        // Either branch may be the value: the worse one counts.
        const auto* choice = static_cast<const py::IfExp*>(expr);
        Judgement then = judge(ctx, choice->body, depth + 1);
        Judgement other = judge(ctx, choice->orelse, depth + 1);
        auto rank = [](Shape shape) {
          return shape == Shape::Built ? 3 : shape == Shape::Opaque ? 2 : shape == Shape::Escaped ? 1 : 0;
        };
        return rank(then.shape) >= rank(other.shape) ? then : other;
      }
      case py::NodeKind::Name: {
        // Follow a name bound once: html = f"<b>{name}</b>"; mark_safe(html).
        sem::BindingId id = ctx.model().binding_of(static_cast<const py::Name*>(expr));
        if (id == sem::kNone) return {};
        const sem::Binding& binding = ctx.model().binding(id);
        if (binding.kind != sem::BindingKind::Assignment || !binding.value) return {};
        if (ctx.model().bindings_of(binding.home, binding.name).size() != 1) return {};
        return judge(ctx, binding.value, depth + 1);
      }
      default:
        return {};
    }
  }
};

AEGIS_REGISTER_RULE(DjangoMarkSafe);

}  // namespace
}  // namespace aegis::rules
