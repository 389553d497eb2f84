// TPL012 markup-unsafe (Bandit B704): markupsafe.Markup (also flask.Markup, jinja2.Markup)
// around a value that is not a constant. Markup declares its text safe HTML: whatever the
// value holds is then inserted unescaped by Jinja2.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TPL012",
    .name = "markup-unsafe",
    .title = "Markup() around a value that is not a constant",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 79,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "`markupsafe.Markup(x)`, `flask.Markup(x)` and `jinja2.Markup(x)`, through imports and "
             "aliases, when `x` is not a constant. An f-string, `%`, `.format()` or `+` that splices "
             "in unescaped values is high; any other variable is medium. Constant strings, values "
             "passed through an escaping or sanitising function (`escape`, `Markup.escape`, "
             "`html.escape`, `bleach.clean`, `nh3.clean`) and `Markup.escape(x)` itself are not "
             "flagged.",
    .why = "`Markup` tells Jinja2 and Flask the text is already safe HTML, so autoescaping skips "
           "it: a user name, a comment or a rendered Markdown text wrapped in `Markup` can carry "
           "`<script>` or `onerror=` into the page (XSS).",
    .example = "return Markup(f\"<b>{user.display_name}</b>\")",
    .fix = "Build HTML with escaping: `Markup(\"<b>{}</b>\").format(user.display_name)` or "
           "`Markup(\"<b>%s</b>\") % name` escape their arguments; for user HTML, sanitise with "
           "`nh3.clean`/`bleach.clean` before wrapping it.",
    .effort = "15 min",
    .references = {"https://markupsafe.palletsprojects.com/en/stable/escaping/",
                   "https://cwe.mitre.org/data/definitions/79.html"},
    .bandit = "B704",
    .ruff = "S704",
};

const sem::QualifiedNameSet kEscapers{
    "markupsafe.escape", "markupsafe.Markup.escape", "markupsafe.escape_silent", "flask.escape",
    "jinja2.escape", "jinja2.utils.escape", "html.escape", "cgi.escape", "bleach.clean",
    "bleach.linkify", "nh3.clean", "django.utils.html.escape", "django.utils.html.format_html",
    "markupsafe.Markup", "flask.Markup", "jinja2.Markup", "jinja2.utils.Markup"};

class MarkupUnsafe final : public Rule {
 public:
  MarkupUnsafe() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"markupsafe.Markup", "flask.Markup", "jinja2.Markup",
                                              "jinja2.utils.Markup"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const py::Expr* value = argument(call, "base", 0);
    if (!value || as<py::Starred>(value) || safe(ctx, value)) return;
    std::vector<const py::Expr*> unescaped;
    bool built = spliced_values(ctx, value, unescaped);
    if (built && unescaped.empty()) return;  // every spliced value is escaped
    const std::string& function = ctx.call_name(call);
    std::string shown = function.substr(function.rfind('.') + 1);
    std::string text(ctx.source(*value));
    if (text.size() > 50) text = text.substr(0, 47) + "...";
    if (built) {
      std::string names;
      for (const py::Expr* v : unescaped) {
        if (names.size() > 60) break;
        if (!names.empty()) names += ", ";
        names += '`';
        names.append(ctx.source(*v).substr(0, 30));
        names += '`';
      }
      Finding& f = ctx.report(call, shown + "(" + text + ") marks HTML built from " + names +
                                        " as safe without escaping it; use " + shown +
                                        "(\"...{}...\").format(value), which escapes");
      f.severity = Severity::High;
      f.confidence = Confidence::High;
      return;
    }
    ctx.report(call, shown + "(" + text + ") marks a value that is not a constant as safe HTML; "
                                          "escape or sanitise it first");
  }

 private:
  // A constant, or the result of an escaping/sanitising call.
  static bool safe(const RuleContext& ctx, const py::Expr* expr) {
    if (constant(ctx, expr)) return true;
    const auto* call = as<py::Call>(expr);
    return call && kEscapers.contains(ctx.call_name(*call));
  }

  // When `expr` builds a string (f-string, %, .format(), +): true, with the spliced values
  // that are not safe in `out`.
  static bool spliced_values(const RuleContext& ctx, const py::Expr* expr,
                             std::vector<const py::Expr*>& out) {
    if (const auto* joined = as<py::JoinedStr>(expr)) {
      for (const py::Expr* part : joined->values) {
        if (const auto* fv = as<py::FormattedValue>(part); fv && !safe(ctx, fv->value)) {
          out.push_back(fv->value);
        }
      }
      return true;
    }
    if (const auto* bin = as<py::BinOp>(expr)) {
      if (bin->op == py::Operator::Mod && string_constant(ctx, bin->left)) {
        if (const auto* tuple = as<py::Tuple>(bin->right)) {
          for (const py::Expr* e : tuple->elts) {
            if (!safe(ctx, e)) out.push_back(e);
          }
        } else if (!safe(ctx, bin->right)) {
          out.push_back(bin->right);
        }
        return true;
      }
      if (bin->op != py::Operator::Add) return false;
      std::vector<const py::Expr*> stack{bin->right, bin->left};
      while (!stack.empty()) {
        const py::Expr* e = stack.back();
        stack.pop_back();
        if (const auto* b = as<py::BinOp>(e); b && b->op == py::Operator::Add) {
          stack.push_back(b->right);
          stack.push_back(b->left);
        } else if (as<py::JoinedStr>(e)) {
          spliced_values(ctx, e, out);
        } else if (!safe(ctx, e)) {
          out.push_back(e);
        }
      }
      return true;
    }
    if (const auto* call = as<py::Call>(expr)) {
      const auto* attr = as<py::Attribute>(call->func);
      if (!attr || attr->attr != "format" || !string_constant(ctx, attr->value)) return false;
      for (const py::Expr* a : call->args) {
        if (!safe(ctx, a)) out.push_back(a);
      }
      for (const py::Keyword* k : call->keywords) {
        if (!safe(ctx, k->value)) out.push_back(k->value);
      }
      return true;
    }
    return false;
  }
};

AEGIS_REGISTER_RULE(MarkupUnsafe);

}  // namespace
}  // namespace aegis::rules
