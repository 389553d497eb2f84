// requirements.txt / *.in / constraints files, as pip reads them: comments, line
// continuations, -r/-c includes, -e, index options, per-requirement --hash.
#include <algorithm>
#include <filesystem>

#include "deps/manifest_readers.h"

namespace aegis::deps {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_blank(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_blank(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

std::string join_path(const std::string& including, std::string_view target) {
  if (target.find("://") != std::string_view::npos) return std::string(target);
  std::filesystem::path t(target);
  if (t.is_absolute()) return t.lexically_normal().string();
  return (std::filesystem::path(including).parent_path() / t).lexically_normal().string();
}

// "pkg @ url", a URL, a VCS reference or a local path rather than a named requirement.
bool looks_like_reference(std::string_view s) {
  return s.find("://") != std::string_view::npos || s.rfind("git+", 0) == 0 || s.rfind("hg+", 0) == 0 ||
         s.rfind(".", 0) == 0 || s.rfind("/", 0) == 0 || s.rfind("file:", 0) == 0 ||
         s.ends_with(".whl") || s.ends_with(".tar.gz") || s.ends_with(".zip");
}

// The #egg=name of a URL, normalised; empty when absent.
std::string egg_name(std::string_view s) {
  std::size_t egg = s.find("#egg=");
  if (egg == std::string_view::npos) egg = s.find("&egg=");
  if (egg == std::string_view::npos) return {};
  std::string_view name = s.substr(egg + 5);
  name = name.substr(0, name.find_first_of("&[ "));
  return normalize_name(name);
}

}  // namespace

void read_requirements_txt(Manifest& m, std::string_view text, const FileLoader& load, std::vector<std::string> chain,
                           bool constraints) {
  chain.push_back(m.path);
  std::size_t at = 0;
  int lineno = 0;
  while (at < text.size()) {
    // One logical line: physical lines joined while they end with a backslash.
    std::string logical;
    int first_line = lineno + 1;
    while (at < text.size()) {
      std::size_t end = text.find('\n', at);
      if (end == std::string_view::npos) end = text.size();
      std::string_view physical = text.substr(at, end - at);
      at = end + 1;
      ++lineno;
      if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
      if (!physical.empty() && physical.back() == '\\') {
        logical.append(physical.substr(0, physical.size() - 1));
        continue;
      }
      logical.append(physical);
      break;
    }
    // Comments: '#' at the start or after whitespace.
    for (std::size_t i = 0; i < logical.size(); ++i) {
      if (logical[i] == '#' && (i == 0 || is_blank(logical[i - 1]))) {
        logical.resize(i);
        break;
      }
    }
    std::size_t indent = 0;
    while (indent < logical.size() && is_blank(logical[indent])) ++indent;
    std::string_view line = std::string_view(logical).substr(indent);
    while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
    if (line.empty()) continue;
    int column = static_cast<int>(indent) + 1;

    std::vector<std::string_view> words = split_words(line);
    if (line[0] == '-') {
      // A global option: "-r file", "--requirement=file", "-e path", "--index-url URL", ...
      std::string_view option = words[0];
      std::string value;
      std::size_t eq = option.find('=');
      if (eq != std::string_view::npos) {
        value = std::string(option.substr(eq + 1));
        option = option.substr(0, eq);
      } else if (option.size() > 2 && option[1] != '-') {
        value = std::string(option.substr(2));  // "-rbase.txt"
        option = option.substr(0, 2);
      } else if (words.size() > 1) {
        value = std::string(words[1]);
      }
      if (option == "-r" || option == "--requirement" || option == "-c" || option == "--constraint") {
        bool constraint = option == "-c" || option == "--constraint";
        if (value.empty()) {
          add_diagnostic(m, first_line, column, std::string(option) + " needs a file name");
          continue;
        }
        std::string target = join_path(m.path, value);
        if (std::find(chain.begin(), chain.end(), target) != chain.end()) {
          add_diagnostic(m, first_line, column, "include cycle: " + target + " is already being read",
                         DiagnosticSeverity::Warning);
          continue;
        }
        std::optional<std::string> included = load ? load(target) : std::nullopt;
        if (!included) {
          add_diagnostic(m, first_line, column, "cannot read included file " + target);
          continue;
        }
        Manifest sub;
        sub.path = target;
        sub.kind = ManifestKind::Requirements;
        read_requirements_txt(sub, *included, load, chain, constraint || constraints);
        m.includes.push_back(target);
        for (auto& i : sub.includes) m.includes.push_back(std::move(i));
        for (auto& r : sub.requirements) m.requirements.push_back(std::move(r));
        for (auto& s : sub.index_settings) m.index_settings.push_back(std::move(s));
        for (auto& d : sub.diagnostics) m.diagnostics.push_back(std::move(d));
        continue;
      }
      if (option == "-e" || option == "--editable") {
        DeclaredRequirement r;
        r.editable = true;
        r.direct_reference = true;
        r.text = value;
        r.name = egg_name(value);
        r.constraint_only = constraints;
        if (!value.empty()) add_requirement(m, std::move(r), first_line, column);
        continue;
      }
      static constexpr std::pair<std::string_view, std::string_view> kIndexOptions[] = {
          {"-i", "index-url"}, {"--index-url", "index-url"}, {"--extra-index-url", "extra-index-url"},
          {"-f", "find-links"}, {"--find-links", "find-links"}, {"--trusted-host", "trusted-host"}};
      bool handled = false;
      for (const auto& [spelling, name] : kIndexOptions) {
        if (option == spelling) {
          m.index_settings.push_back({std::string(name), value, {m.path, first_line, column}});
          handled = true;
        }
      }
      static constexpr std::string_view kHarmless[] = {"--no-index", "--pre", "--prefer-binary", "--only-binary",
                                                        "--no-binary", "--require-hashes", "--use-feature",
                                                        "--no-deps", "--upgrade-strategy", "--config-settings"};
      if (!handled && std::find(std::begin(kHarmless), std::end(kHarmless), option) == std::end(kHarmless)) {
        add_diagnostic(m, first_line, column, "unknown option '" + std::string(option) + "'", DiagnosticSeverity::Warning);
      }
      continue;
    }
    // A requirement, then per-requirement options ("--hash=sha256:...").
    std::string requirement;
    bool hashed = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words[i].rfind("--", 0) == 0) {
        for (std::size_t j = i; j < words.size(); ++j) {
          if (words[j].rfind("--hash", 0) == 0) hashed = true;
        }
        break;
      }
      if (!requirement.empty()) requirement += ' ';
      requirement += words[i];
    }
    DeclaredRequirement r;
    r.text = requirement;
    r.hashed = hashed;
    r.constraint_only = constraints;
    if (looks_like_reference(requirement) && requirement.find(" @ ") == std::string::npos &&
        requirement.find('@') == std::string::npos) {
      r.direct_reference = true;
      r.name = egg_name(requirement);
    } else if (looks_like_reference(requirement) && requirement.find('@') != std::string::npos &&
               requirement.find(" @ ") == std::string::npos && requirement.find("://") < requirement.find('@')) {
      r.direct_reference = true;  // git+https://host/repo.git@v1#egg=x
      r.name = egg_name(requirement);
    }
    add_requirement(m, std::move(r), first_line, column);
  }
}

}  // namespace aegis::deps
