#include "engine/config.h"

#include "deps/toml_guard.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "rules/rule.h"

namespace aegis::engine {

namespace fs = std::filesystem;

std::string ValueSource::describe() const {
  if (command_line) return "command line";
  if (file.empty()) return "default";
  return line > 0 ? file + ":" + std::to_string(line) : file;
}

std::string ConfigError::format() const {
  std::string out = file;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
    if (column > 0) {
      out += ':';
      out += std::to_string(column);
    }
  }
  out += ": error: ";
  out += message;
  return out;
}

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path.empty() ? "." : path, ec);
  if (ec) absolute = path;
  std::string text = absolute.lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

namespace {

bool is_file(const fs::path& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool path_exists(const fs::path& p) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0;
}

bool read_text(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return static_cast<bool>(in) || in.eof();
}

// A path to show users: relative to the current directory when below it.
std::string display_path(const std::string& absolute) {
  std::string cwd = absolute_path(".");
  if (absolute == cwd) return ".";
  if (absolute.size() > cwd.size() && absolute.compare(0, cwd.size(), cwd) == 0 &&
      (cwd == "/" || absolute[cwd.size()] == '/')) {
    return absolute.substr(cwd == "/" ? 1 : cwd.size() + 1);
  }
  std::string relative = fs::path(absolute).lexically_relative(cwd).string();
  return relative.empty() || relative.size() > absolute.size() ? absolute : relative;
}

// Whether a pyproject.toml holds a [tool.aegis] table (a file that does not parse counts,
// so that loading it reports the error instead of silently ignoring the configuration).
bool pyproject_has_aegis(const fs::path& path) {
  std::string text;
  if (!read_text(path.string(), text)) return false;
  if (text.find("aegis") == std::string::npos) return false;
  if (deps::toml_hazard(text)) return true;  // reported when the file is loaded
  try {
    toml::table table = toml::parse(text, path.string());
    return table["tool"]["aegis"].is_table();
  } catch (const toml::parse_error&) {
    return true;
  }
}

constexpr const char* kKeys[] = {
    "extend",     "select",         "ignore",     "severity", "exclude",
    "extend-exclude", "per-file-ignores", "test-paths", "fail-on",  "fail-on-confidence",
    "python-version", "dataflow-models",
};

std::string suggestion(std::string_view key) {
  std::string dashed(key);
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  std::transform(dashed.begin(), dashed.end(), dashed.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* k : kKeys) {
    if (dashed == k) return std::string(" (did you mean '") + k + "'?)";
  }
  if (dashed == "per-file-ignore" || dashed == "per-file-ignores") return " (did you mean 'per-file-ignores'?)";
  if (dashed == "test-path" || dashed == "tests") return " (did you mean 'test-paths'?)";
  if (dashed == "excludes") return " (did you mean 'exclude'?)";
  return "";
}

int parse_minor(const std::string& text) {
  if (text.size() < 3 || text.compare(0, 2, "3.") != 0) return -1;
  int minor = 0;
  for (std::size_t i = 2; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    minor = minor * 10 + (text[i] - '0');
    if (minor > 99) return -1;
  }
  return minor >= 8 && minor <= 14 ? minor : -1;
}

class Loader {
 public:
  Loader(ProjectConfig& config, std::vector<ConfigError>& errors) : config_(config), errors_(errors) {}

  void load(const std::string& path, int depth) {
    std::string absolute = absolute_path(path);
    std::string shown = display_path(absolute);
    if (depth > 16 || std::find(stack_.begin(), stack_.end(), absolute) != stack_.end()) {
      error(shown, 0, 0, "'extend' forms a cycle: " + shown + " extends itself");
      return;
    }
    std::string text;
    if (!is_file(absolute) || !read_text(absolute, text)) {
      error(shown, 0, 0, "cannot read the configuration file");
      return;
    }
    toml::table document;
    if (auto hazard = deps::toml_hazard(text)) {
      int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(hazard->offset), '\n'));
      std::size_t start = text.rfind('\n', hazard->offset == 0 ? 0 : hazard->offset - 1);
      int column = static_cast<int>(hazard->offset - (start == std::string::npos ? 0 : start + 1)) + 1;
      if (hazard->offset == 0 || start == std::string::npos) column = static_cast<int>(hazard->offset) + 1;
      error(shown, line, column, "invalid TOML: " + hazard->message);
      return;
    }
    try {
      document = toml::parse(text, shown);
    } catch (const toml::parse_error& e) {
      error(shown, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
            "invalid TOML: " + std::string(e.description()));
      return;
    }
    bool is_pyproject = fs::path(absolute).filename() == "pyproject.toml";
    const toml::table* table = &document;
    if (is_pyproject) {
      table = document["tool"]["aegis"].as_table();
      if (!table) {
        // A pyproject.toml without [tool.aegis] configures nothing (it may still be extended).
        config_.files.push_back(shown);
        return;
      }
    } else if (document.size() == 1 && document["tool"]["aegis"].is_table()) {
      table = document["tool"]["aegis"].as_table();  // aegis.toml written like pyproject.toml
    }
    config_.files.push_back(shown);
    stack_.push_back(absolute);
    file_ = shown;
    base_dir_ = fs::path(absolute).parent_path().string();
    if (config_.root.empty()) config_.root = base_dir_;

    // `extend` first: this file's values then override the base's.
    if (const toml::node* extend = table->get("extend")) {
      if (auto value = extend->value<std::string>()) {
        fs::path base = fs::path(*value).is_absolute() ? fs::path(*value) : fs::path(base_dir_) / *value;
        std::string saved_file = file_, saved_base = base_dir_;
        load(base.string(), depth + 1);
        file_ = saved_file;
        base_dir_ = saved_base;
      } else {
        type_error("extend", *extend, "a path (string)");
      }
    }
    for (auto&& [key, node] : *table) {
      apply(std::string(key.str()), key, node);
    }
    stack_.pop_back();
  }

 private:
  void error(const std::string& file, int line, int column, std::string message) {
    errors_.push_back({file, line, column, std::move(message)});
  }

  void error_at(const toml::node& node, std::string message) {
    error(file_, static_cast<int>(node.source().begin.line), static_cast<int>(node.source().begin.column),
          std::move(message));
  }

  void type_error(const std::string& key, const toml::node& node, const char* expected) {
    error_at(node, "'" + key + "' must be " + expected);
  }

  ValueSource source(const toml::node& node) const {
    return ValueSource{file_, static_cast<int>(node.source().begin.line), false};
  }

  std::optional<std::vector<std::string>> strings(const std::string& key, const toml::node& node) {
    const toml::array* array = node.as_array();
    if (!array) {
      type_error(key, node, "an array of strings");
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const toml::node& item : *array) {
      auto value = item.value<std::string>();
      if (!value || !item.is_string()) {
        type_error(key, item, "an array of strings");
        return std::nullopt;
      }
      out.push_back(*value);
    }
    return out;
  }

  bool check_selectors(const std::string& key, const toml::node& node, const std::vector<std::string>& selectors) {
    bool ok = true;
    for (const auto& s : selectors) {
      if (!rules::selector_known(s)) {
        error_at(node, "'" + s + "' in '" + key + "' names no rule (see 'aegis rules')");
        ok = false;
      }
    }
    return ok;
  }

  std::vector<ConfigPattern> patterns(const std::vector<std::string>& texts, const toml::node& node) {
    std::vector<ConfigPattern> out;
    for (const auto& t : texts) out.push_back({t, base_dir_, source(node)});
    return out;
  }

  void apply(const std::string& key, const toml::key& key_node, const toml::node& node) {
    if (key == "extend") return;  // done first
    if (key == "select" || key == "ignore") {
      auto list = strings(key, node);
      if (!list || !check_selectors(key, node, *list)) return;
      auto& setting = key == "select" ? config_.select : config_.ignore;
      setting = {*list, source(node), true};
    } else if (key == "exclude" || key == "test-paths") {
      auto list = strings(key, node);
      if (!list) return;
      auto& setting = key == "exclude" ? config_.exclude : config_.test_paths;
      setting = {patterns(*list, node), source(node), true};
    } else if (key == "dataflow-models") {
      // Files of data-flow models (docs/dataflow.md), relative to this configuration file.
      auto list = strings(key, node);
      if (!list) return;
      std::vector<std::string> paths;
      for (const auto& text : *list) {
        paths.push_back(fs::path(text).is_absolute() ? text : (fs::path(base_dir_) / text).lexically_normal().string());
      }
      config_.dataflow_models = {paths, source(node), true};
    } else if (key == "extend-exclude") {
      auto list = strings(key, node);
      if (!list) return;
      for (auto& p : patterns(*list, node)) config_.exclude.value.push_back(std::move(p));
      if (!config_.exclude.set) config_.exclude.source = source(node);
      config_.exclude.set = true;
    } else if (key == "severity") {
      const toml::table* table = node.as_table();
      if (!table) return type_error(key, node, "a table of rule = \"severity\"");
      for (auto&& [rule, value] : *table) {
        std::string selector(rule.str());
        auto text = value.value<std::string>();
        std::optional<Severity> severity = text && value.is_string() ? parse_severity(*text) : std::nullopt;
        if (!severity) {
          error_at(value, "severity of '" + selector + "' must be one of \"critical\", \"high\", \"medium\", "
                          "\"low\", \"info\"");
          continue;
        }
        if (!rules::selector_known(selector)) {
          error_at(value, "'" + selector + "' in 'severity' names no rule (see 'aegis rules')");
          continue;
        }
        auto it = std::find_if(config_.severity.begin(), config_.severity.end(),
                               [&](const SeverityOverride& o) { return o.selector == selector; });
        SeverityOverride o{selector, *severity, source(value)};
        if (it == config_.severity.end()) {
          config_.severity.push_back(o);
        } else {
          *it = o;
        }
      }
      std::sort(config_.severity.begin(), config_.severity.end(),
                [](const SeverityOverride& a, const SeverityOverride& b) { return a.selector < b.selector; });
    } else if (key == "per-file-ignores") {
      const toml::table* table = node.as_table();
      if (!table) return type_error(key, node, "a table of \"glob\" = [rules]");
      for (auto&& [glob, value] : *table) {
        std::string pattern(glob.str());
        auto list = strings("per-file-ignores", value);
        if (!list || !check_selectors("per-file-ignores", value, *list)) continue;
        // A nested config's entry for the same glob replaces the base's.
        config_.per_file_ignores.erase(
            std::remove_if(config_.per_file_ignores.begin(), config_.per_file_ignores.end(),
                           [&](const PerFileIgnore& p) {
                             return p.pattern.text == pattern && p.pattern.base_dir == base_dir_;
                           }),
            config_.per_file_ignores.end());
        config_.per_file_ignores.push_back({{pattern, base_dir_, source(value)}, *list});
      }
    } else if (key == "fail-on" || key == "fail-on-confidence" || key == "python-version") {
      auto value = node.value<std::string>();
      if (!value || !node.is_string()) return type_error(key, node, "a string");
      if (key == "fail-on") {
        if (*value != "never" && !parse_severity(*value)) {
          return error_at(node, "'fail-on' must be one of \"critical\", \"high\", \"medium\", \"low\", \"info\", "
                                "\"never\"");
        }
        config_.fail_on = {*value, source(node), true};
      } else if (key == "fail-on-confidence") {
        if (!parse_confidence(*value)) {
          return error_at(node, "'fail-on-confidence' must be one of \"high\", \"medium\", \"low\"");
        }
        config_.fail_on_confidence = {*value, source(node), true};
      } else {
        if (parse_minor(*value) < 0) {
          return error_at(node, "'python-version' must be \"3.8\" to \"3.14\", not \"" + *value + "\"");
        }
        config_.python_version = {*value, source(node), true};
      }
    } else {
      error(file_, static_cast<int>(key_node.source().begin.line), static_cast<int>(key_node.source().begin.column),
            "unknown key '" + key + "' in " +
                (fs::path(stack_.back()).filename() == "pyproject.toml" ? "[tool.aegis]" : "aegis.toml") +
                suggestion(key));
    }
  }

  ProjectConfig& config_;
  std::vector<ConfigError>& errors_;
  std::vector<std::string> stack_;
  std::string file_;
  std::string base_dir_;
};

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string string_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quote(items[i]);
  return out + "]";
}

void line_with_source(std::string& out, const std::string& text, const std::string& source) {
  out += text;
  std::size_t width = text.size() < 44 ? 44 - text.size() : 1;
  out += std::string(width, ' ') + "# " + source + "\n";
}

}  // namespace

std::string find_config_file(const std::string& start) {
  fs::path dir = absolute_path(start);
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) dir = dir.parent_path();
  while (true) {
    if (is_file(dir / "aegis.toml")) return display_path((dir / "aegis.toml").string());
    if (is_file(dir / "pyproject.toml") && pyproject_has_aegis(dir / "pyproject.toml")) {
      return display_path((dir / "pyproject.toml").string());
    }
    if (path_exists(dir / ".git") || dir == dir.parent_path()) return "";
    dir = dir.parent_path();
  }
}

bool load_config(const std::string& path, ProjectConfig& config, std::vector<ConfigError>& errors) {
  std::size_t before = errors.size();
  Loader loader(config, errors);
  loader.load(path, 0);
  return errors.size() == before;
}

std::string describe_config(const ProjectConfig& config) {
  std::string out;
  if (config.files.empty()) {
    out += "# no configuration file: every value is the default\n";
  } else {
    out += "# configuration files: ";
    for (std::size_t i = 0; i < config.files.size(); ++i) out += (i ? " extends " : "") + config.files[i];
    out += "\n# patterns are relative to the directory of the file that sets them\n";
  }
  auto patterns = [](const std::vector<ConfigPattern>& list) {
    std::vector<std::string> texts;
    for (const auto& p : list) texts.push_back(p.text);
    return string_list(texts);
  };
  line_with_source(out, "select = " + (config.select.set ? string_list(config.select.value) : "[\"ALL\"]"),
                   config.select.source.describe());
  line_with_source(out, "ignore = " + string_list(config.ignore.value), config.ignore.source.describe());
  line_with_source(out, "exclude = " + patterns(config.exclude.value),
                   config.exclude.set ? config.exclude.source.describe() + " (plus the default excludes)"
                                      : "default (VCS, virtualenvs, caches, build output; see docs/cli.md)");
  line_with_source(out, "test-paths = " + patterns(config.test_paths.value),
                   config.test_paths.source.describe() +
                       " (plus tests/, test/, testing/, fixtures/, test_*.py, *_test.py, tests.py, conftest.py)");
  line_with_source(out, "fail-on = " + quote(config.fail_on.set ? config.fail_on.value : "low"),
                   config.fail_on.source.describe());
  line_with_source(out,
                   "fail-on-confidence = " + quote(config.fail_on_confidence.set ? config.fail_on_confidence.value : "low"),
                   config.fail_on_confidence.source.describe());
  line_with_source(out, "python-version = " + quote(config.python_version.set ? config.python_version.value : "3.14"),
                   config.python_version.source.describe());
  line_with_source(out, "dataflow-models = " + string_list(config.dataflow_models.value),
                   config.dataflow_models.set ? config.dataflow_models.source.describe()
                                              : "default (the built-in data/dataflow/python.models only)");
  out += "\n[severity]\n";
  if (config.severity.empty()) out += "# no overrides: each rule's own severity\n";
  for (const auto& o : config.severity) {
    line_with_source(out, o.selector + " = " + quote(to_string(o.severity)), o.source.describe());
  }
  out += "\n[per-file-ignores]\n";
  if (config.per_file_ignores.empty()) out += "# none\n";
  for (const auto& p : config.per_file_ignores) {
    line_with_source(out, quote(p.pattern.text) + " = " + string_list(p.selectors), p.pattern.source.describe());
  }
  return out;
}

PathPatterns to_patterns(const std::vector<ConfigPattern>& patterns) {
  PathPatterns out;
  for (const auto& p : patterns) out.add(p.text, p.base_dir, p.source.file, p.source.line);
  return out;
}

std::vector<const rules::Rule*> effective_rules(const std::vector<std::string>& cli_select,
                                                const std::vector<std::string>& cli_ignore,
                                                const ProjectConfig& config) {
  std::vector<const rules::Rule*> out;
  for (const rules::Rule* r : rules::Registry::instance().rules()) {
    const std::vector<std::string>* select = !cli_select.empty() ? &cli_select
                                             : config.select.set  ? &config.select.value
                                                                  : nullptr;
    // Opt-in rules run only when a selector names them.
    bool selected = select == nullptr && !r->meta().opt_in;
    bool named_on_command_line = false;
    if (select) {
      for (const auto& s : *select) selected = selected || rules::selector_matches(*r, s);
    }
    for (const auto& s : cli_select) {
      if (rules::selector_matches(*r, s) && s != "ALL" && s != "all") named_on_command_line = true;
    }
    for (const auto& s : cli_ignore) selected = selected && !rules::selector_matches(*r, s);
    if (!named_on_command_line) {
      for (const auto& s : config.ignore.value) selected = selected && !rules::selector_matches(*r, s);
    }
    if (selected) out.push_back(r);
  }
  return out;
}

std::optional<Severity> severity_override(const rules::Rule& rule, const ProjectConfig& config) {
  // Specificity: a rule's own id/name/alias (2) over a family (1) over ALL (0).
  int best_rank = -1;
  std::optional<Severity> best;
  for (const auto& o : config.severity) {
    if (!rules::selector_matches(rule, o.selector)) continue;
    std::string upper = o.selector;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    int rank = upper == "ALL" ? 0 : std::all_of(upper.begin(), upper.end(), [](unsigned char c) {
                                      return std::isalpha(c) != 0;
                                    }) && upper.find('-') == std::string::npos &&
                                            o.selector != rule.meta().name
                                        ? 1
                                        : 2;
    if (rank > best_rank) {
      best_rank = rank;
      best = o.severity;
    }
  }
  return best;
}

}  // namespace aegis::engine
