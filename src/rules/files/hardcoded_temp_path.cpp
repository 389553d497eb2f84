// FIL003 hardcoded-temp-path (Bandit B108): a fixed file name in a shared, world-writable
// temporary directory. Judged by use: the literal (or a path built from it) must reach a
// file API, or be stored under a name that says it is a path; strings that merely mention
// /tmp (messages, docstrings, comparisons, lists of forbidden prefixes) are not flagged.
#include <cctype>
#include <string>
#include <vector>

#include "python/ast_visit.h"
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "FIL003",
    .name = "hardcoded-temp-path",
    .title = "hard-coded path in a shared temporary directory",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 377,
    .owasp = "A01:2021-Broken Access Control",
    .area = Area::DataProtection,
    .flags = "String literals under `/tmp`, `/var/tmp` or `/dev/shm` (also as the start of an "
             "f-string, a concatenation, a `%`/`.format()` template, `os.path.join` or a "
             "`Path`) used as a file path: passed to `open`, `os.*` file functions, `shutil`, "
             "`pathlib.Path` (and its methods), logging file handlers, `sqlite3.connect`, archive "
             "openers and the like (high confidence), or assigned to a variable later used so; "
             "assigned to a variable, attribute, dictionary key, keyword or parameter whose name "
             "says path/file/dir/log/db/cache (medium confidence). A literal temporary directory "
             "given as `dir=` to `tempfile` functions, which still pick a random name, is low "
             "severity. Docstrings, messages, comparisons and other mentions are not flagged.",
    .why = "Every local user and service can create files in `/tmp`. A fixed name there can be "
           "created first by someone else, or be a symbolic link planted to point at a file the "
           "service can write (its configuration, another user's data): the service then reads "
           "the attacker's data, writes where the link points, or leaks what it writes to a "
           "file others can read. Predictable names also collide between instances.",
    .example = "with open(\"/tmp/report.csv\", \"w\") as out:\n    out.write(rows)",
    .fix = "Let `tempfile` create the file with a random name and private permissions: "
           "`with tempfile.NamedTemporaryFile(\"w\", suffix=\".csv\") as out:`, "
           "`tempfile.mkstemp()`, `tempfile.TemporaryDirectory()`; keep long-lived files in a "
           "directory the service owns (configured, e.g. `/var/lib/app`, mode 0700).",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/tempfile.html",
                   "https://cwe.mitre.org/data/definitions/377.html"},
    .bandit = "B108",
    .ruff = "S108",
};

// Calls whose arguments are file paths.
const sem::QualifiedNameSet kPathSinks{
    "builtins.open", "io.open", "codecs.open", "os.open", "os.makedirs", "os.mkdir", "os.remove",
    "os.unlink", "os.rename", "os.renames", "os.replace", "os.rmdir", "os.removedirs",
    "os.chmod", "os.chown", "os.lchown", "os.symlink", "os.link", "os.mkfifo", "os.mknod",
    "os.listdir", "os.scandir", "os.walk", "os.chdir", "os.stat", "os.lstat", "os.access",
    "os.utime", "os.truncate", "os.path.exists", "os.path.isfile", "os.path.isdir",
    "os.path.getsize", "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree",
    "shutil.move", "shutil.rmtree", "shutil.make_archive", "shutil.unpack_archive",
    "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath",
    "logging.FileHandler", "logging.handlers.RotatingFileHandler",
    "logging.handlers.TimedRotatingFileHandler", "logging.handlers.WatchedFileHandler",
    "logging.basicConfig", "sqlite3.connect", "shelve.open", "dbm.open", "tarfile.open",
    "zipfile.ZipFile", "gzip.open", "bz2.open", "lzma.open", "numpy.save", "numpy.savetxt",
    "numpy.load", "json.dump", "pickle.dump",
};
// Calls that take a directory to create a randomly named file or directory in.
const sem::QualifiedNameSet kTempfileDir{
    "tempfile.mkstemp", "tempfile.mkdtemp", "tempfile.NamedTemporaryFile",
    "tempfile.TemporaryFile", "tempfile.SpooledTemporaryFile", "tempfile.TemporaryDirectory",
    "tempfile.mktemp",
};
// Calls that build a path from their first argument.
const sem::QualifiedNameSet kPathJoin{"os.path.join", "posixpath.join", "os.path.abspath",
                                      "os.path.normpath", "os.path.expanduser"};
const sem::QualifiedNameSet kPathClass{"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath",
                                       "pathlib.PurePosixPath"};

bool temp_prefix(std::string_view text) {
  for (std::string_view dir : {"/tmp", "/var/tmp", "/dev/shm"}) {
    if (text.substr(0, dir.size()) == dir && (text.size() == dir.size() || text[dir.size()] == '/'))
      return true;
  }
  return false;
}

// "/tmp", "/tmp/", "/var/tmp", ...: no file name of its own.
bool bare_directory(std::string_view text) {
  while (text.size() > 1 && text.back() == '/') text.remove_suffix(1);
  return text == "/tmp" || text == "/var/tmp" || text == "/dev/shm";
}

// Whether an identifier says it holds a path.
bool path_like_name(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view word : {"path", "file", "dir", "folder", "log", "db", "database", "cache",
                                "tmp", "temp", "root", "location", "sock", "pid", "output",
                                "upload", "download", "storage", "dest"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

// How a path is used.
struct Use {
  enum Kind { None, Sink, TempDir, Named } kind = None;
  std::string how;  // "opened by open()", "assigned to LOG_FILE", ...
};

class HardcodedTempPath final : public Rule {
 public:
  HardcodedTempPath() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Constant}; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& literal = static_cast<const py::Constant&>(node);
    if (literal.value.kind != py::ConstantKind::Str || !temp_prefix(literal.value.text)) return;
    const py::Expr* origin = &literal;
    // In an f-string only the leading literal part starts the path.
    if (const auto* fstring = as<py::JoinedStr>(ctx.model().parent(&literal))) {
      if (fstring->values.empty() || fstring->values[0] != &literal) return;
      origin = fstring;
    }
    Use use = judge(ctx, origin, 0);
    if (use.kind == Use::None) return;
    if (use.kind == Use::Named && literal.value.text.find_first_of(" \t\n") != std::string_view::npos)
      return;  // a sentence that starts with a path, not a path
    std::string value(literal.value.text.substr(0, 60));
    if (use.kind == Use::TempDir) {
      Finding& f = ctx.report(*origin, "'" + value + "' " + use.how +
                                           ": the name is random, but the directory is hard-coded "
                                           "(TMPDIR is ignored); omit dir= or use a configured one");
      f.severity = Severity::Low;
      return;
    }
    std::string place = bare_directory(literal.value.text)
                            ? "is the shared temporary directory itself"
                            : "is a fixed path in a shared temporary directory";
    Finding& f = ctx.report(*origin, "'" + value + "' " + place + " (" + use.how +
                                         "): another local user can create it first or plant a "
                                         "symlink; use tempfile (mkstemp, NamedTemporaryFile, "
                                         "TemporaryDirectory)");
    if (use.kind == Use::Named) f.confidence = Confidence::Medium;
  }

 private:
  // The outermost expression that builds a path from `expr` (f-string, +, %, .format(),
  // os.path.join, Path / ...), and the use that expression is put to.
  static Use judge(const RuleContext& ctx, const py::Expr* expr, int depth) {
    if (depth > 3) return {};
    const sem::SemanticModel& model = ctx.model();
    for (;;) {
      const py::Node* up = model.parent(expr);
      if (!up) return {};
      if (const auto* fstring = as<py::JoinedStr>(up)) {
        if (!fstring->values.empty() && fstring->values[0] == expr) { expr = fstring; continue; }
        return {};
      }
      if (const auto* op = as<py::BinOp>(up)) {
        if (op->left == expr && (op->op == py::Operator::Add || op->op == py::Operator::Mod ||
                                 op->op == py::Operator::Div)) {
          expr = op;
          continue;
        }
        return {};
      }
      if (const auto* attr = as<py::Attribute>(up)) {
        const auto* call = as<py::Call>(model.parent(attr));
        if (!call || call->func != attr) return {};
        if (attr->attr == "format") { expr = call; continue; }
        // A method of a Path built from the literal: Path("/tmp/x").write_text(...).
        if (const auto* made = as<py::Call>(expr); made && ctx.call_matches(*made, kPathClass))
          return {Use::Sink, "used by Path." + std::string(attr->attr) + "()"};
        return {};
      }
      if (const auto* kw = as<py::Keyword>(up)) {
        const auto* call = as<py::Call>(model.parent(kw));
        if (!call) return {};
        return in_call(ctx, *call, kw->arg);
      }
      if (const auto* call = as<py::Call>(up)) {
        if (call->func == expr) return {};
        if (ctx.call_matches(*call, kPathJoin) && !call->args.empty() && call->args[0] == expr) {
          expr = call;
          continue;
        }
        return in_call(ctx, *call, {});
      }
      if (const auto* assign = as<py::Assign>(up)) {
        if (assign->value != expr) return {};
        for (const py::Expr* target : assign->targets) {
          Use use = assigned(ctx, target, depth);
          if (use.kind != Use::None) return use;
        }
        return {};
      }
      if (const auto* assign = as<py::AnnAssign>(up)) {
        if (assign->value != expr) return {};
        return assigned(ctx, assign->target, depth);
      }
      if (const auto* dict = as<py::Dict>(up)) {
        for (std::size_t i = 0; i < dict->values.size(); ++i) {
          if (dict->values[i] != expr || !dict->keys[i]) continue;
          auto key = string_constant(ctx, dict->keys[i]);
          if (key && path_like_name(*key)) return {Use::Named, "stored under \"" + std::string(*key) + "\""};
        }
        return {};
      }
      if (const auto* args = as<py::Arguments>(up)) return parameter_default(*args, expr);
      if (up->kind == py::NodeKind::List || up->kind == py::NodeKind::Tuple) {
        // for directory in ["/tmp/app", "/tmp/app/cache"]: os.makedirs(directory)
        const auto* loop = as<py::For>(model.parent(up));
        if (loop && loop->iter == up) return assigned(ctx, loop->target, depth);
        return {};
      }
      return {};
    }
  }

  // `expr` is an argument of `call` (keyword `keyword_name`, or positional when empty).
  static Use in_call(const RuleContext& ctx, const py::Call& call, std::string_view keyword_name) {
    const std::string& name = ctx.call_name(call);
    std::string shown = name.rfind("builtins.", 0) == 0 ? name.substr(9) : name;
    if (shown.empty()) shown = std::string(ctx.source(*call.func)).substr(0, 40);
    if (ctx.call_matches(call, kTempfileDir)) {
      if (keyword_name == "dir") return {Use::TempDir, "as dir= of " + name + "()"};
      return {};
    }
    if (ctx.call_matches(call, kPathSinks)) {
      // Options such as mode= or format= are not paths.
      if (!keyword_name.empty() && !path_like_name(keyword_name) && keyword_name != "src" &&
          keyword_name != "dst" && keyword_name != "name" && keyword_name != "fname")
        return {};
      return {Use::Sink, "used as a path by " + shown + "()"};
    }
    if (!keyword_name.empty() && path_like_name(keyword_name))
      return {Use::Named, "passed as " + std::string(keyword_name) + "= to " + shown + "()"};
    return {};
  }

  // `value` is assigned to `target`: follow a plain name to its uses, judge other targets by
  // their name.
  static Use assigned(const RuleContext& ctx, const py::Expr* target, int depth) {
    if (const auto* name = as<py::Name>(target)) {
      sem::BindingId id = ctx.model().binding_of(name);
      if (id != sem::kNone) {
        for (const py::Name* read : reads_of(ctx, id)) {
          Use use = judge(ctx, read, depth + 1);
          if (use.kind == Use::Sink) {
            use.how = "assigned to " + std::string(name->id) + ", " + use.how;
            return use;
          }
        }
      }
      if (path_like_name(name->id)) return {Use::Named, "assigned to " + std::string(name->id)};
      return {};
    }
    if (const auto* attr = as<py::Attribute>(target)) {
      if (path_like_name(attr->attr)) return {Use::Named, "assigned to ." + std::string(attr->attr)};
      return {};
    }
    if (const auto* item = as<py::Subscript>(target)) {
      auto key = string_constant(ctx, item->slice);
      if (key && path_like_name(*key)) return {Use::Named, "stored under \"" + std::string(*key) + "\""};
    }
    return {};
  }

  static Use parameter_default(const py::Arguments& args, const py::Expr* expr) {
    // defaults line up with the last positional parameters; kw_defaults with kwonlyargs.
    std::vector<const py::Arg*> positional(args.posonlyargs.begin(), args.posonlyargs.end());
    positional.insert(positional.end(), args.args.begin(), args.args.end());
    for (std::size_t i = 0; i < args.defaults.size(); ++i) {
      if (args.defaults[i] != expr) continue;
      std::size_t index = positional.size() - args.defaults.size() + i;
      if (index < positional.size() && path_like_name(positional[index]->arg))
        return {Use::Named, "default of parameter " + std::string(positional[index]->arg)};
    }
    for (std::size_t i = 0; i < args.kw_defaults.size() && i < args.kwonlyargs.size(); ++i) {
      if (args.kw_defaults[i] == expr && path_like_name(args.kwonlyargs[i]->arg))
        return {Use::Named, "default of parameter " + std::string(args.kwonlyargs[i]->arg)};
    }
    return {};
  }

  // The reads of a binding, found by walking the scope that holds it (rare: only for
  // literals under a temporary directory).
  static std::vector<const py::Name*> reads_of(const RuleContext& ctx, sem::BindingId id) {
    const sem::Binding& binding = ctx.model().binding(id);
    const py::Node* root = ctx.model().scope(binding.home).node;
    std::vector<const py::Name*> reads;
    if (!root) return reads;
    std::vector<py::Node*> stack{const_cast<py::Node*>(root)};
    while (!stack.empty() && reads.size() < 64) {
      py::Node* node = stack.back();
      stack.pop_back();
      if (const auto* name = as<py::Name>(node)) {
        if (name->ctx == py::ExprContext::Load && name->id == binding.name &&
            ctx.model().binding_of(name) == id)
          reads.push_back(name);
      }
      py::for_each_child(node, [&](py::Node* child) { stack.push_back(child); });
    }
    return reads;
  }
};

AEGIS_REGISTER_RULE(HardcodedTempPath);

}  // namespace
}  // namespace aegis::rules
