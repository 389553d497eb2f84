// INJ004 sql-built-from-strings (Bandit B608): an SQL statement assembled with an
// f-string, %, .format() or + from values that are not constants. SQL is recognised by
// statement shape at the start of the string, not by the words anywhere in it.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>

#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "INJ004",
    .name = "sql-built-from-strings",
    .title = "SQL statement built from strings",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 89,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "String building (f-string, `%`, `.format()`, `+`) whose text starts like an SQL "
             "statement (SELECT ... FROM, INSERT INTO, UPDATE ... SET, DELETE FROM, WITH, REPLACE "
             "INTO, CREATE/DROP/ALTER/TRUNCATE) and interpolates a value that is not a constant. "
             "High when the string goes straight into `execute`/`executemany`/`executescript`, "
             "SQLAlchemy `text()`/`exec_driver_sql`, Django `raw`/`extra`/`RawSQL` or pandas "
             "`read_sql`; medium otherwise. Constant-only SQL and placeholders (`?`, `%s`, `:name`, "
             "`$1`) with separate parameters are not built strings and stay silent, as do messages "
             "that merely mention SQL words.",
    .why = "A value spliced into SQL text is parsed as SQL: a quote in a search term or an id "
           "turns into `' OR '1'='1`, `UNION SELECT password FROM users` or `; DROP TABLE`. "
           "Placeholders send values separately, so they can never change the statement.",
    .example = "db.execute(f\"SELECT * FROM users WHERE name = '{name}'\")",
    .fix = "Use placeholders and pass the values separately: "
           "`db.execute(\"SELECT * FROM users WHERE name = ?\", (name,))` (or `:name` with "
           "SQLAlchemy `text()`). Identifiers (column or table names) must come from a fixed "
           "allow-list.",
    .effort = "30 min",
    .references = {"https://cwe.mitre.org/data/definitions/89.html",
                   "https://owasp.org/www-community/attacks/SQL_Injection"},
    .bandit = "B608",
    .ruff = "S608",
};

std::string lower_prefix(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && out.size() < n; ++i) {
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  }
  return out;
}

bool starts_with_word(std::string_view s, std::string_view word) {
  return s.size() >= word.size() && s.substr(0, word.size()) == word &&
         (s.size() == word.size() || !std::isalnum(static_cast<unsigned char>(s[word.size()])));
}

// Whether `text` (the constant parts, values replaced by `?`) starts like an SQL statement.
bool looks_like_sql(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (std::isspace(static_cast<unsigned char>(text[i])) || text[i] == '(')) ++i;
  // The statement's first word decides; the verbs are at most 8 letters, so 9 characters
  // tell whether one starts the text before the rest is lowercased.
  static constexpr std::string_view kVerbs[] = {"select",  "insert",   "update", "delete", "with", "replace",
                                                "merge",   "truncate", "create", "drop",   "alter"};
  std::string head = lower_prefix(text.substr(i), 9);
  if (std::none_of(std::begin(kVerbs), std::end(kVerbs), [&](std::string_view v) { return starts_with_word(head, v); }))
    return false;
  std::string t = lower_prefix(text.substr(i), 400);
  auto has = [&](std::string_view w) { return t.find(w) != std::string::npos; };
  if (starts_with_word(t, "select")) return has(" from ") || has("\nfrom ") || has(" from\n");
  if (starts_with_word(t, "insert")) return has(" into ");
  if (starts_with_word(t, "update")) return has(" set ");
  if (starts_with_word(t, "delete")) return has(" from ") || starts_with_word(t, "delete from");
  if (starts_with_word(t, "with")) return has(" as (") || has(" as(");
  if (starts_with_word(t, "replace")) return has(" into ");
  if (starts_with_word(t, "merge")) return has(" into ");
  if (starts_with_word(t, "truncate")) return has(" table ") || true;
  for (std::string_view verb : {"create", "drop", "alter"}) {
    if (starts_with_word(t, verb)) {
      return has(" table ") || has(" index ") || has(" view ") || has(" database ") || has(" schema ");
    }
  }
  return false;
}

struct Built {
  std::string text;                  // constant text, values as '?'
  // The values spliced in, in order; those flagged may turn out constant (asked only once
  // the text looks like SQL: most built strings are not, and the question resolves names).
  std::vector<std::pair<const py::Expr*, bool>> candidates;
  const char* how = "";
};

class SqlStringBuilt final : public Rule {
 public:
  SqlStringBuilt() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override {
    return {py::NodeKind::JoinedStr, py::NodeKind::BinOp, py::NodeKind::Call};
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    Built built;
    if (!collect(node, ctx, built)) return;
    if (built.candidates.empty() || !looks_like_sql(built.text)) return;
    std::vector<const py::Expr*> values;
    for (const auto& [value, maybe_constant] : built.candidates) {
      if (!maybe_constant || !constant(ctx, value)) values.push_back(value);
    }
    if (values.empty()) return;
    std::string names;
    for (const py::Expr* v : values) {
      std::string s(ctx.source(*v));
      if (s.size() > 30) s = s.substr(0, 27) + "...";
      if (names.find("`" + s + "`") != std::string::npos) continue;
      if (!names.empty()) names += ", ";
      names += "`" + s + "`";
      if (names.size() > 80) break;
    }
    std::string sink = sink_of(node, ctx);
    if (!sink.empty()) {
      Finding& f = ctx.report(node, "SQL built with " + std::string(built.how) + " from " + names +
                                        " is passed to " + sink + "; use placeholders and parameters");
      f.confidence = Confidence::High;
      return;
    }
    Finding& f = ctx.report(node, "SQL statement built with " + std::string(built.how) + " from " + names +
                                      "; if it reaches a query, use placeholders and parameters");
    f.severity = Severity::Medium;
  }

 private:
  // The string the node builds; false when the node is not string building or is part of
  // a larger building expression (the outermost one is reported, once).
  bool collect(const py::Node& node, RuleContext& ctx, Built& out) const {
    // A call builds a string only as `<constant>.format(...)`: its attribute name first, as
    // nearly every call is something else and the parent look-up below costs more.
    if (const auto* call = as<py::Call>(&node)) {
      const auto* attr = as<py::Attribute>(call->func);
      if (!attr || attr->attr != "format") return false;
    }
    if (const auto* parent = as<py::BinOp>(ctx.model().parent(&node))) {
      if ((parent->op == py::Operator::Add || parent->op == py::Operator::Mod) && &node == parent->left) return false;
      if (parent->op == py::Operator::Add) return false;
    }
    if (const auto* js = as<py::JoinedStr>(&node)) {
      if (as<py::FormattedValue>(ctx.model().parent(&node))) return false;  // a format spec
      out.how = "an f-string";
      for (const py::Expr* part : js->values) {
        if (auto s = string_constant(ctx, part)) {
          out.text += *s;
        } else if (const auto* fv = as<py::FormattedValue>(part)) {
          out.text += '?';
          out.candidates.emplace_back(fv->value, true);
        }
      }
      return true;
    }
    if (const auto* bin = as<py::BinOp>(&node)) {
      if (bin->op == py::Operator::Mod) {
        auto format = string_constant(ctx, bin->left);
        if (!format) return false;
        out.how = "% formatting";
        out.text = std::string(*format);
        add_values(bin->right, ctx, out);
        return true;
      }
      if (bin->op != py::Operator::Add) return false;
      out.how = "concatenation";
      flatten_add(bin, ctx, out);
      return true;
    }
    const auto& call = static_cast<const py::Call&>(node);
    const auto* attr = as<py::Attribute>(call.func);
    if (!attr || attr->attr != "format") return false;
    auto format = string_constant(ctx, attr->value);
    if (!format) return false;
    out.how = ".format()";
    out.text = std::string(*format);
    for (const py::Expr* a : call.args) add_values(a, ctx, out);
    for (const py::Keyword* k : call.keywords) add_values(k->value, ctx, out);
    return true;
  }

  void add_values(const py::Expr* e, RuleContext& ctx, Built& out) const {
    if (const auto* t = as<py::Tuple>(e)) {
      for (const py::Expr* x : t->elts) add_values(x, ctx, out);
      return;
    }
    out.candidates.emplace_back(e, true);
  }

  void flatten_add(const py::Expr* e, RuleContext& ctx, Built& out) const {
    if (const auto* bin = as<py::BinOp>(e); bin && bin->op == py::Operator::Add) {
      flatten_add(bin->left, ctx, out);
      flatten_add(bin->right, ctx, out);
      return;
    }
    if (auto s = string_constant(ctx, e)) {
      out.text += *s;
    } else if (const auto* js = as<py::JoinedStr>(e)) {
      for (const py::Expr* part : js->values) {
        if (auto c = string_constant(ctx, part)) {
          out.text += *c;
        } else if (const auto* fv = as<py::FormattedValue>(part)) {
          out.text += '?';
          out.candidates.emplace_back(fv->value, true);
        }
      }
    } else {
      out.text += '?';
      out.candidates.emplace_back(e, false);
    }
  }

  // "cursor.execute()" when the built string is the query argument of an SQL sink.
  std::string sink_of(const py::Node& node, RuleContext& ctx) const {
    const auto* call = as<py::Call>(ctx.model().parent(&node));
    if (!call || call->args.empty() || call->args[0] != &node) return {};
    const std::string& name = ctx.call_name(*call);
    static const sem::QualifiedNameSet kFunctions{
        "sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text",
        "django.db.models.expressions.RawSQL", "django.db.models.RawSQL", "pandas.read_sql",
        "pandas.read_sql_query"};
    if (kFunctions.contains(name)) return name + "()";
    const auto* attr = as<py::Attribute>(call->func);
    if (!attr) return {};
    static const char* kMethods[] = {"execute", "executemany", "executescript", "exec_driver_sql",
                                     "raw", "extra", "read_sql", "read_sql_query"};
    for (const char* m : kMethods) {
      if (attr->attr == m) return std::string(ctx.source(*attr)) + "()";
    }
    return {};
  }
};

AEGIS_REGISTER_RULE(SqlStringBuilt);

}  // namespace
}  // namespace aegis::rules
