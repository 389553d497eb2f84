// FIL002 permissive-file-mode (Bandit B103): chmod with a mode that lets other users write
// (or run) the file. chmod is not filtered by the umask, so the mode is what the file gets.
#include <cstdio>

#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "FIL002",
    .name = "permissive-file-mode",
    .title = "chmod to a world- or group-writable mode",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 732,
    .owasp = "A01:2021-Broken Access Control",
    .area = Area::DataProtection,
    .flags = "`os.chmod`, `os.fchmod`, `os.lchmod` and `Path.chmod`/`lchmod` with a constant mode "
             "(an integer such as `0o777`, `stat.S_I*` constants combined with `|`, `&`, `~`, "
             "`+`, or a name bound once to such a value) that grants write to others (high), "
             "write to the group (medium), set-user/group-ID (medium) or execute to others "
             "(low). Group-execute alone (`0o750`, `0o755` minus the others' bit) and modes "
             "computed at run time are not flagged; `os.open`/`os.mkdir` modes pass through the "
             "umask and are not flagged.",
    .why = "A world-writable file can be changed by every local account and every other service "
           "on the host: configuration, scripts, templates or data the application later trusts "
           "become a way in (code execution, privilege escalation, tampering). Group-writable "
           "files extend that to everyone in the group; executable bits for others let any user "
           "run the file.",
    .example = "os.chmod(\"/etc/app/settings.ini\", 0o777)",
    .fix = "Grant the least the file needs: `os.chmod(path, 0o600)` for secrets and data the "
           "service alone reads and writes, `0o644` for files others must read, `0o755` for "
           "directories and programs others must enter or run.",
    .effort = "5 min",
    .references = {"https://docs.python.org/3/library/os.html#os.chmod",
                   "https://docs.python.org/3/library/stat.html",
                   "https://cwe.mitre.org/data/definitions/732.html"},
    .bandit = "B103",
    .ruff = "S103",
};

const sem::QualifiedNameSet kChmod{
    "os.chmod",          "os.fchmod",          "os.lchmod",          "pathlib.Path.chmod",
    "pathlib.Path.lchmod", "pathlib.PosixPath.chmod", "pathlib.PosixPath.lchmod",
};

struct StatBit {
  std::string_view name;
  long long value;
};
constexpr StatBit kStatBits[] = {
    {"stat.S_ISUID", 04000}, {"stat.S_ISGID", 02000}, {"stat.S_ENFMT", 02000},
    {"stat.S_ISVTX", 01000}, {"stat.S_IRWXU", 0700},  {"stat.S_IRUSR", 0400},
    {"stat.S_IWUSR", 0200},  {"stat.S_IXUSR", 0100},  {"stat.S_IREAD", 0400},
    {"stat.S_IWRITE", 0200}, {"stat.S_IEXEC", 0100},  {"stat.S_IRWXG", 070},
    {"stat.S_IRGRP", 040},   {"stat.S_IWGRP", 020},   {"stat.S_IXGRP", 010},
    {"stat.S_IRWXO", 07},    {"stat.S_IROTH", 04},    {"stat.S_IWOTH", 02},
    {"stat.S_IXOTH", 01},
};

std::optional<long long> parse_decimal(std::string_view digits) {
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  long long n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// The value of a mode expression known from the code alone, or nothing.
std::optional<long long> mode_value(const RuleContext& ctx, const py::Expr* expr, int depth = 0) {
  if (!expr || depth > 8) return std::nullopt;
  if (auto value = constant(ctx, expr)) {
    if (value->kind != py::ConstantKind::Int) return std::nullopt;
    return parse_decimal(value->text);
  }
  switch (expr->kind) {
    case py::NodeKind::Name:
    case py::NodeKind::Attribute: {
      const std::string& name = ctx.model().qualified_name_ref(expr);
      for (const StatBit& bit : kStatBits) {
        if (bit.name == name) return bit.value;
      }
      // A name bound once to an expression: MODE = stat.S_IRWXU | stat.S_IRWXO.
      const auto* ref = as<py::Name>(expr);
      if (!ref) return std::nullopt;
      sem::BindingId id = ctx.model().binding_of(ref);
      if (id == sem::kNone) return std::nullopt;
      const sem::Binding& binding = ctx.model().binding(id);
      if (binding.kind != sem::BindingKind::Assignment || !binding.value) return std::nullopt;
      if (ctx.model().bindings_of(binding.home, binding.name).size() != 1) return std::nullopt;
      return mode_value(ctx, binding.value, depth + 1);
    }
    case py::NodeKind::BinOp: {
      const auto* op = static_cast<const py::BinOp*>(expr);
      auto left = mode_value(ctx, op->left, depth + 1);
      if (!left) return std::nullopt;
      auto right = mode_value(ctx, op->right, depth + 1);
      if (!right) return std::nullopt;
      switch (op->op) {
        case py::Operator::BitOr: return *left | *right;
        case py::Operator::BitAnd: return *left & *right;
        case py::Operator::BitXor: return *left ^ *right;
        case py::Operator::Add: return *left + *right;
        case py::Operator::Sub: return *left - *right;
        default: return std::nullopt;
      }
    }
    case py::NodeKind::UnaryOp: {
      const auto* op = static_cast<const py::UnaryOp*>(expr);
      if (op->op != py::UnaryOperator::Invert) return std::nullopt;
      auto operand = mode_value(ctx, op->operand, depth + 1);
      if (!operand) return std::nullopt;
      return ~*operand;
    }
    default:
      return std::nullopt;
  }
}

std::string octal(long long mode) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0o%03llo", mode);
  return buf;
}

class PermissiveChmod final : public Rule {
 public:
  PermissiveChmod() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kChmod; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    bool is_method = function.rfind("pathlib.", 0) == 0;
    const py::Expr* mode_expr = argument(call, "mode", is_method ? 0 : 1);
    auto value = mode_value(ctx, mode_expr);
    if (!value || *value < 0) return;
    long long mode = *value & 07777;

    Severity severity;
    std::string what;
    if (mode & 02) {
      severity = Severity::High;
      what = "world-writable: every local user can change it";
    } else if (mode & 020) {
      severity = Severity::Medium;
      what = "group-writable: every member of the group can change it";
    } else if (mode & 06000) {
      severity = Severity::Medium;
      what = std::string(mode & 04000 ? "set-user-ID" : "set-group-ID") +
             ": it runs with the owner's privileges";
    } else if (mode & 01) {
      severity = Severity::Low;
      what = "executable by every local user";
    } else {
      return;
    }

    std::string target;
    if (!is_method) {
      if (const py::Expr* path = argument(call, "path", 0)) {
        if (auto text = string_constant(ctx, path)) target = " on '" + std::string(*text) + "'";
        else target = " on `" + std::string(ctx.source(*path)).substr(0, 40) + "`";
      }
    }
    std::string shown = octal(mode);
    if (!as<py::Constant>(mode_expr)) shown += " (" + std::string(ctx.source(*mode_expr)).substr(0, 50) + ")";
    Finding& f = ctx.report(call, function + "() sets mode " + shown + target + ", " + what);
    f.severity = severity;
    if (severity == Severity::Low) f.confidence = Confidence::Medium;
  }
};

AEGIS_REGISTER_RULE(PermissiveChmod);

}  // namespace
}  // namespace aegis::rules
