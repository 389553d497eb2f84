// INJ010 process-partial-path (Bandit B607): a process started by a bare program name
// ("git", not "/usr/bin/git"). Which file runs then depends on PATH (or, for the os.exec*
// forms without 'p', on the working directory), which the code does not control.
#include "rules/injection/process.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "INJ010",
    .name = "process-partial-path",
    .title = "process started with a partial executable path",
    .severity = Severity::Low,
    .confidence = Confidence::High,
    .cwe = 426,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "`subprocess` calls, `asyncio.create_subprocess_exec`, `os.exec*`, `os.spawn*` and "
             "`os.posix_spawn*` whose program is a constant that is not a full path: neither "
             "absolute (`/usr/bin/git`, `C:\\...`) nor explicitly relative (`./tool`). For a "
             "shell command string the first word is the program; shell built-ins (`cd`, `echo`, "
             "...) and variable assignments are skipped. Variable programs are INJ007's and "
             "INJ009's.",
    .why = "A bare name is looked up in `PATH` (and, on Windows, in the current directory first): "
           "whoever can change the environment or drop a file in an earlier `PATH` entry or the "
           "working directory chooses the program that runs with the service's rights.",
    .example = "subprocess.run([\"convert\", src, dst], check=True)",
    .fix = "Use the full path, or resolve it once at start-up with `shutil.which` and check the "
           "result: `CONVERT = shutil.which(\"convert\") or sys.exit(\"convert not found\")`.",
    .effort = "5 min",
    .references = {"https://cwe.mitre.org/data/definitions/426.html",
                   "https://docs.python.org/3/library/shutil.html#shutil.which"},
    .bandit = "B607",
    .ruff = "S607",
};

// Words a shell runs itself rather than through PATH.
bool shell_builtin(std::string_view word) {
  static constexpr std::string_view kBuiltins[] = {
      "cd", "echo", "export", "set", "unset", "exec", "eval", "exit", "test", "[", "[[", "true",
      "false", "read", "source", ".", "pwd", "umask", "ulimit", "wait", "trap", "shift", "if",
      "for", "while", "until", "case", "type", "command", "printf", "alias", "{", "(", "!"};
  for (std::string_view b : kBuiltins) {
    if (word == b) return true;
  }
  return false;
}

// Absolute ("/x", "\\x", "C:..."), or explicitly relative ("./x", "../x").
bool full_path(std::string_view program) {
  if (program.empty()) return true;
  if (program[0] == '/' || program[0] == '\\' || program[0] == '.') return true;
  return program.size() >= 2 && program[1] == ':' &&
         ((program[0] >= 'A' && program[0] <= 'Z') || (program[0] >= 'a' && program[0] <= 'z'));
}

std::string_view first_word(std::string_view command) {
  std::size_t start = command.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  std::size_t end = command.find_first_of(" \t\r\n;|&", start);
  return command.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

class ProcessPartialPath final : public Rule {
 public:
  ProcessPartialPath() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls = [] {
      sem::QualifiedNameSet set;
      process::subprocess_functions().for_each_exact([&](std::string_view n) { set.add(n); });
      for (const auto& sig : process::exec_signatures()) set.add(sig.name);
      set.add("asyncio.create_subprocess_exec");
      set.add("asyncio.subprocess.create_subprocess_exec");
      return set;
    }();
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    const py::Expr* program = nullptr;
    bool searches_path = true, shell_string = false;
    if (const process::ExecSignature* sig = process::exec_signature(function)) {
      program = process::exec_call(call, *sig).program;
      searches_path = sig->searches_path;
    } else if (function.ends_with("create_subprocess_exec")) {
      program = argument(call, "program", 0);
    } else if (const py::Expr* executable = argument(call, "executable")) {
      program = executable;  // replaces argv[0] as the file to run
    } else {
      program = argument(call, "args", 0);
      const py::Expr* value = process::single_value(ctx, program);
      if (const auto* list = as<py::List>(value)) {
        program = list->elts.empty() ? nullptr : list->elts[0];
      } else if (const auto* tuple = as<py::Tuple>(value)) {
        program = tuple->elts.empty() ? nullptr : tuple->elts[0];
      } else {
        shell_string = true;  // a command line (shell=True) or a lone program name
      }
    }
    if (!program || as<py::Starred>(program)) return;
    auto text = string_constant(ctx, program);
    if (!text) return;
    std::string_view name = shell_string ? first_word(*text) : *text;
    if (shell_string && (name.find('=') != std::string_view::npos || shell_builtin(name))) return;
    if (full_path(name)) return;
    std::string where = searches_path ? "looked up in PATH" : "resolved against the working directory";
    ctx.report(call, function + "() starts \"" + std::string(name) + "\" by a partial path, " +
                             where + "; use the full path (shutil.which once at start-up)");
  }
};

AEGIS_REGISTER_RULE(ProcessPartialPath);

}  // namespace
}  // namespace aegis::rules
