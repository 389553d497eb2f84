// requirements.txt, pip-tools *.in and constraints files, read the way pip 23 reads them
// (pip/_internal/req/req_file.py): lines split as str.splitlines does, '\' continuations
// joined, '#' comments after whitespace dropped, the line split into requirement text and
// options at the first word starting with '-', options split like a shell and parsed like
// optparse (long options may be abbreviated). Every requirement, include and index option
// keeps the position of its characters through the joins.
#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <utility>

#include "deps/manifest_internal.h"

namespace aegis::deps::detail {
namespace {

// Text built from pieces of the file; origin[i] is the file offset text[i] came from.
struct Mapped {
  std::string text;
  std::vector<std::size_t> origin;

  void append(std::string_view piece, std::size_t file_offset) {
    text.append(piece);
    for (std::size_t i = 0; i < piece.size(); ++i) origin.push_back(file_offset + i);
  }
  void push(char c, std::size_t file_offset) {
    text += c;
    origin.push_back(file_offset);
  }
  Mapped sub(std::size_t begin, std::size_t end) const {
    Mapped out;
    out.text = text.substr(begin, end - begin);
    out.origin.assign(origin.begin() + static_cast<std::ptrdiff_t>(begin),
                      origin.begin() + static_cast<std::ptrdiff_t>(end));
    return out;
  }
  Mapped trimmed() const {
    std::string_view view = trim(text);
    if (view.empty()) return {};
    std::size_t begin = static_cast<std::size_t>(view.data() - text.data());
    return sub(begin, begin + view.size());
  }
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

struct PhysicalLine {
  std::size_t begin = 0, end = 0;  // file offsets, the line break excluded
};

// str.splitlines: besides \n, \r\n and \r, pip also breaks lines at \v, \f, \x1c-\x1e,
// U+0085, U+2028 and U+2029. `unusual` collects where those last ones were found.
std::vector<PhysicalLine> split_lines(std::string_view text, std::vector<std::pair<std::size_t, std::string>>& unusual) {
  std::vector<PhysicalLine> lines;
  std::size_t start = 0;
  std::size_t i = 0;
  auto finish = [&](std::size_t end, std::size_t next) {
    lines.push_back({start, end});
    start = next;
    i = next;
  };
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      finish(i, i + 1);
    } else if (c == '\r') {
      finish(i, (i + 1 < text.size() && text[i + 1] == '\n') ? i + 2 : i + 1);
    } else if (c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E)) {
      static constexpr std::array<const char*, 5> kNames = {"a vertical tab", "a form feed", "U+001C", "U+001D", "U+001E"};
      unusual.emplace_back(i, kNames[c == 0x0B ? 0 : c == 0x0C ? 1 : c - 0x1C + 2]);
      finish(i, i + 1);
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) {
      unusual.emplace_back(i, "U+0085");
      finish(i, i + 2);
    } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      unusual.emplace_back(i, static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "U+2028" : "U+2029");
      finish(i, i + 3);
    } else {
      ++i;
    }
  }
  if (start < text.size()) lines.push_back({start, text.size()});
  return lines;
}

bool is_comment_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_space(line[i])) ++i;
  return i < line.size() && line[i] == '#';
}

// A shell word of the options part, with where each of its characters came from.
struct Word {
  Mapped value;
  std::size_t begin = 0, end = 0;  // indices into the logical line
};

// shlex.split(posix=True): quotes, backslash escapes; false on an unclosed quote.
bool shell_split(const Mapped& line, std::size_t from, std::vector<Word>& words, std::string& error) {
  std::size_t i = from;
  const std::string& s = line.text;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
    if (i >= s.size()) break;
    Word word;
    word.begin = i;
    while (i < s.size() && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) {
      char c = s[i];
      if (c == '\\') {
        if (i + 1 >= s.size()) {
          error = "no escaped character after '\\'";
          return false;
        }
        word.value.push(s[i + 1], line.origin[i + 1]);
        i += 2;
      } else if (c == '\'' || c == '"') {
        std::size_t close = i + 1;
        while (close < s.size() && s[close] != c) {
          if (c == '"' && s[close] == '\\' && close + 1 < s.size() && (s[close + 1] == '"' || s[close + 1] == '\\')) {
            word.value.push(s[close + 1], line.origin[close + 1]);
            close += 2;
            continue;
          }
          word.value.push(s[close], line.origin[close]);
          ++close;
        }
        if (close >= s.size()) {
          error = "no closing quotation";
          return false;
        }
        i = close + 1;
      } else {
        word.value.push(c, line.origin[i]);
        ++i;
      }
    }
    word.end = i;
    words.push_back(std::move(word));
  }
  return true;
}

struct OptionSpec {
  std::string_view long_name;
  char short_name;
  bool takes_value;
};

// The options pip 23 accepts in a requirements file (SUPPORTED_OPTIONS and
// SUPPORTED_OPTIONS_REQ of req_file.py).
constexpr std::array<OptionSpec, 17> kOptions = {{
    {"index-url", 'i', true},       {"extra-index-url", 0, true}, {"no-index", 0, false},
    {"constraint", 'c', true},      {"requirement", 'r', true},   {"editable", 'e', true},
    {"find-links", 'f', true},      {"no-binary", 0, true},       {"only-binary", 0, true},
    {"prefer-binary", 0, false},    {"require-hashes", 0, false}, {"pre", 0, false},
    {"trusted-host", 0, true},      {"use-feature", 0, true},     {"global-option", 0, true},
    {"hash", 0, true},              {"config-settings", 0, true},
}};

struct ParsedOption {
  const OptionSpec* spec = nullptr;
  Mapped value;               // empty for flags
  std::size_t begin = 0, end = 0;  // the option's words in the logical line
};

const OptionSpec* find_long(std::string_view name, std::string& error) {
  std::vector<const OptionSpec*> matches;
  for (const auto& spec : kOptions) {
    if (spec.long_name == name) return &spec;
    if (starts_with(spec.long_name, name)) matches.push_back(&spec);
  }
  if (matches.size() == 1) return matches[0];
  if (matches.empty()) {
    error = "no such option: --" + std::string(name);
  } else {
    error = "ambiguous option: --" + std::string(name) + " (";
    for (std::size_t i = 0; i < matches.size(); ++i) {
      error += (i ? ", --" : "--") + std::string(matches[i]->long_name);
    }
    error += "?)";
  }
  return nullptr;
}

const OptionSpec* find_short(char name) {
  for (const auto& spec : kOptions) {
    if (spec.short_name == name) return &spec;
  }
  return nullptr;
}

std::string display(const OptionSpec& spec) { return "--" + std::string(spec.long_name); }

// optparse over the words: options (abbreviated long names, --name=value, -xVALUE), and the
// positional words pip ignores. False, with a message, where optparse would stop pip.
bool parse_options(const std::vector<Word>& words, std::vector<ParsedOption>& options,
                   std::vector<const Word*>& ignored, std::string& error) {
  for (std::size_t w = 0; w < words.size(); ++w) {
    const Word& word = words[w];
    const std::string& arg = word.value.text;
    if (arg == "--") {
      for (std::size_t rest = w + 1; rest < words.size(); ++rest) ignored.push_back(&words[rest]);
      return true;
    }
    if (starts_with(arg, "--")) {
      std::size_t equals = arg.find('=');
      std::string_view name = std::string_view(arg).substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
      const OptionSpec* spec = find_long(name, error);
      if (!spec) return false;
      ParsedOption option{spec, {}, word.begin, word.end};
      if (spec->takes_value) {
        if (equals != std::string::npos) {
          option.value = word.value.sub(equals + 1, arg.size());
        } else if (w + 1 < words.size()) {
          ++w;
          option.value = words[w].value;
          option.end = words[w].end;
        } else {
          error = display(*spec) + " option requires 1 argument";
          return false;
        }
      } else if (equals != std::string::npos) {
        error = display(*spec) + " option does not take a value";
        return false;
      }
      options.push_back(std::move(option));
    } else if (arg.size() > 1 && arg[0] == '-') {
      for (std::size_t k = 1; k < arg.size(); ++k) {
        const OptionSpec* spec = find_short(arg[k]);
        if (!spec) {
          error = std::string("no such option: -") + arg[k];
          return false;
        }
        ParsedOption option{spec, {}, word.begin, word.end};
        if (spec->takes_value) {
          if (k + 1 < arg.size()) {
            option.value = word.value.sub(k + 1, arg.size());
          } else if (w + 1 < words.size()) {
            ++w;
            option.value = words[w].value;
            option.end = words[w].end;
          } else {
            error = std::string("-") + arg[k] + " option requires 1 argument";
            return false;
          }
          options.push_back(std::move(option));
          break;
        }
        options.push_back(std::move(option));
      }
    } else {
      ignored.push_back(&word);
    }
  }
  return true;
}

bool is_vcs_scheme(std::string_view scheme) {
  return scheme == "git" || scheme == "svn" || scheme == "bzr" || scheme == "hg" || starts_with(scheme, "git+") ||
         starts_with(scheme, "hg+") || starts_with(scheme, "svn+") || starts_with(scheme, "bzr+");
}

// pip's is_url: a scheme pip downloads from or a version-control scheme.
bool is_url(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  std::string scheme = lowercase(text.substr(0, colon));
  return scheme == "http" || scheme == "https" || scheme == "file" || scheme == "ftp" || is_vcs_scheme(scheme);
}

bool is_archive(std::string_view path) {
  std::string lower = lowercase(path);
  for (std::string_view ext : {".whl", ".zip", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tbz", ".tar.xz", ".txz",
                               ".tlz", ".tar.lz", ".tar.lzma"}) {
    if (ends_with(lower, ext)) return true;
  }
  return false;
}

bool looks_like_path(std::string_view text) {
  return text.find('/') != std::string_view::npos || text.find('\\') != std::string_view::npos ||
         starts_with(text, ".");
}

// The project name a wheel file name starts with ("pkg-1.0-py3-none-any.whl" -> "pkg").
std::string wheel_name(std::string_view location) {
  std::string_view file = location.substr(0, location.find_first_of("#?"));
  std::size_t slash = file.find_last_of("/\\");
  if (slash != std::string_view::npos) file = file.substr(slash + 1);
  if (!ends_with(lowercase(file), ".whl")) return "";
  std::size_t dash = file.find('-');
  if (dash == std::string_view::npos) return "";
  return std::string(leading_name(file.substr(0, dash)));
}

// The #egg=NAME fragment pip names a URL requirement by.
std::string egg_name(std::string_view url) {
  for (std::size_t at = url.find("egg="); at != std::string_view::npos; at = url.find("egg=", at + 1)) {
    if (at == 0 || (url[at - 1] != '#' && url[at - 1] != '&')) continue;
    std::string_view value = url.substr(at + 4);
    value = value.substr(0, value.find('&'));
    return std::string(leading_name(value));
  }
  return "";
}

// "path[extra1,extra2]" -> ("path", "[extra1,extra2]"), as pip's _strip_extras.
std::pair<std::string_view, std::string_view> strip_extras(std::string_view location) {
  if (location.size() >= 3 && location.back() == ']') {
    std::size_t open = location.rfind('[');
    if (open != std::string_view::npos && open > 0 && location.find(']', open) == location.size() - 1 &&
        open + 2 < location.size()) {
      return {location.substr(0, open), location.substr(open)};
    }
  }
  return {location, {}};
}

struct RequirementForm {
  std::string text, name, url, error;
};

std::string with_markers(std::string text, std::string_view markers) {
  if (!markers.empty()) {
    text += " ; ";
    text += markers;
  }
  return text;
}

// What a requirement line asks for, as PEP 508 text, the way pip's parse_req_from_line
// tells URLs, paths and named requirements apart.
RequirementForm requirement_form(std::string_view spec) {
  RequirementForm form;
  std::string_view separator = is_url(spec) ? "; " : ";";
  std::size_t split = spec.find(separator);
  std::string_view location = trim(spec.substr(0, split));
  std::string_view markers = split == std::string_view::npos ? std::string_view{} : trim(spec.substr(split + 1));
  if (is_url(location)) {
    form.url = std::string(location);
    form.name = egg_name(location);
    if (form.name.empty()) form.name = wheel_name(location);
    form.text = form.name.empty() ? std::string(spec) : with_markers(form.name + " @ " + form.url, markers);
    return form;
  }
  std::string_view name = leading_name(location);
  std::size_t after = name.size();
  while (after < location.size() && is_space(location[after])) ++after;
  if (!name.empty() && after < location.size() && location[after] == '[') {
    std::size_t close = location.find(']', after);
    if (close != std::string_view::npos) {
      after = close + 1;
      while (after < location.size() && is_space(location[after])) ++after;
    }
  }
  if (!name.empty() && after < location.size() && location[after] == '@') {
    // PEP 508 direct reference: name @ url ; markers
    std::string_view rest = trim(spec.substr(after + 1));
    std::size_t end = 0;
    while (end < rest.size() && !is_space(rest[end])) ++end;
    form.url = std::string(rest.substr(0, end));
    form.name = std::string(name);
    form.text = std::string(spec);
    return form;
  }
  if (looks_like_path(location) || is_archive(location)) {
    auto [path, extras] = strip_extras(location);
    form.url = std::string(path);
    form.name = wheel_name(path);
    form.text = form.name.empty() ? std::string(spec)
                                  : with_markers(form.name + std::string(extras) + " @ " + form.url, markers);
    return form;
  }
  if (name.empty()) {
    form.error = "not a requirement: '" + std::string(location) + "' does not start with a project name";
    return form;
  }
  if (after < location.size()) {
    char next = location[after];
    if (next == '=' && (after + 1 >= location.size() || location[after + 1] != '=')) {
      form.error = "'=' is not a version operator in '" + std::string(location) + "' (did you mean '=='?)";
      return form;
    }
    if (std::string_view("[(<>=!~").find(next) == std::string_view::npos) {
      bool version_follows = after > name.size() && std::isdigit(static_cast<unsigned char>(next));
      std::size_t length = 1;
      while (after + length < location.size() && (static_cast<unsigned char>(location[after + length]) & 0xC0) == 0x80) {
        ++length;
      }
      form.error = "not a requirement: " + single_quoted(location) +
                   (version_follows ? " (a version needs an operator such as '==')"
                                    : " (unexpected " + single_quoted(location.substr(after, length)) +
                                          " after the name " + single_quoted(name) + ")");
      return form;
    }
  }
  form.name = std::string(name);
  form.text = std::string(spec);
  return form;
}

bool index_option(const OptionSpec& spec) {
  return spec.long_name == "index-url" || spec.long_name == "extra-index-url" || spec.long_name == "no-index" ||
         spec.long_name == "find-links" || spec.long_name == "trusted-host";
}

class RequirementsReader {
 public:
  RequirementsReader(Manifest& manifest, const ManifestLoader& load) : manifest_(manifest), load_(load) {}

  void read(const std::string& path, std::string_view text, std::vector<std::string>& chain, bool constraint) {
    visited_.insert({path, constraint});
    TextIndex index(text);
    std::vector<std::pair<std::size_t, std::string>> unusual;
    std::vector<PhysicalLine> lines = split_lines(text, unusual);
    for (const auto& [offset, what] : unusual) {
      unsigned char lead = static_cast<unsigned char>(text[offset]);
      std::size_t length = lead == 0xC2 ? 2 : lead == 0xE2 ? 3 : 1;
      add_diagnostic(manifest_, index.span(path, offset, offset + length),
                     "pip starts a new line at " + what + " (editors may show one line)");
    }
    Mapped pending;
    for (const PhysicalLine& physical : lines) {
      std::string_view line = text.substr(physical.begin, physical.end - physical.begin);
      bool comment = is_comment_line(line);
      if (!ends_with(line, "\\") || comment) {
        if (comment && !pending.text.empty()) pending.push(' ', physical.begin);
        pending.append(line, physical.begin);
        handle_line(path, index, pending, chain, constraint);
        pending = {};
      } else {
        // pip strips every backslash at both ends of a continued line
        std::size_t begin = 0, end = line.size();
        while (begin < end && line[begin] == '\\') ++begin;
        while (end > begin && line[end - 1] == '\\') --end;
        pending.append(line.substr(begin, end - begin), physical.begin + begin);
      }
    }
    if (!pending.text.empty()) handle_line(path, index, pending, chain, constraint);
  }

 private:
  SourcePosition span(const std::string& path, const TextIndex& index, const Mapped& text, std::size_t begin,
                      std::size_t end) const {
    if (begin >= end || end > text.origin.size()) {
      return index.point(path, text.origin.empty() ? 0 : text.origin[std::min(begin, text.origin.size() - 1)]);
    }
    return index.span(path, text.origin[begin], text.origin[end - 1] + 1);
  }
  SourcePosition span(const std::string& path, const TextIndex& index, const Mapped& text) const {
    return span(path, index, text, 0, text.text.size());
  }
  // An option's value, or the option itself when the value is empty.
  SourcePosition value_span(const std::string& path, const TextIndex& index, const Mapped& line,
                            const ParsedOption& option) const {
    if (option.value.text.empty()) return span(path, index, line, option.begin, option.end);
    return span(path, index, option.value);
  }

  // Drops the comment: from the whitespace before the first '#' that starts the line or
  // follows whitespace.
  Mapped strip_comment(const std::string& path, const TextIndex& index, const Mapped& line) {
    const std::string& s = line.text;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] != '#' || (i > 0 && !is_space(s[i - 1]))) continue;
      std::size_t cut = i;
      while (cut > 0 && is_space(s[cut - 1])) --cut;
      // A '\' ending a line that holds a comment continues the comment over the next line.
      int comment_line = index.line_of(line.origin[i]);
      for (std::size_t k = i + 1; k < s.size(); ++k) {
        int swallowed = index.line_of(line.origin[k]);
        if (!is_space(s[k]) && swallowed != comment_line) {
          std::size_t last = k;
          for (std::size_t j = k; j < s.size() && index.line_of(line.origin[j]) == swallowed; ++j) {
            if (!is_space(s[j])) last = j;
          }
          add_diagnostic(manifest_, span(path, index, line, k, last + 1),
                         "pip reads this line as part of the comment on line " + std::to_string(comment_line) +
                             " (that line ends with '\\'); it is ignored");
          break;
        }
      }
      return line.sub(0, cut);
    }
    return line;
  }

  void handle_line(const std::string& path, const TextIndex& index, const Mapped& raw,
                   std::vector<std::string>& chain, bool constraint) {
    Mapped line = strip_comment(path, index, raw).trimmed();
    if (line.text.empty()) return;
    // The requirement is the words before the first word starting with '-'.
    const std::string& s = line.text;
    std::size_t options_begin = s.size();
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '-' && (i == 0 || s[i - 1] == ' ')) {
        options_begin = i;
        break;
      }
    }
    // (minus the space that separates them from the options)
    std::size_t args_end = options_begin < s.size() && options_begin > 0 ? options_begin - 1 : options_begin;
    Mapped args = line.sub(0, args_end).trimmed();
    std::vector<Word> words;
    std::string error;
    if (!shell_split(line, options_begin, words, error)) {
      add_diagnostic(manifest_, span(path, index, line, options_begin, s.size()),
                     "cannot split the options: " + error + "; pip rejects the file");
      return;
    }
    std::vector<ParsedOption> options;
    std::vector<const Word*> ignored;
    if (!parse_options(words, options, ignored, error)) {
      add_diagnostic(manifest_, span(path, index, line, options_begin, s.size()), error + "; pip rejects the file");
      return;
    }
    for (const Word* word : ignored) {
      add_diagnostic(manifest_, span(path, index, line, word->begin, word->end),
                     "pip ignores '" + word->value.text + "' after the options of this line");
    }

    const ParsedOption* editable = nullptr;
    for (const auto& option : options) {
      if (option.spec->long_name == "editable" && !editable) editable = &option;
    }
    if (!args.text.empty()) {
      requirement_line(path, index, args, nullptr, options, line, chain, constraint);  // pip ignores any -e
    } else if (editable) {
      requirement_line(path, index, editable->value, editable, options, line, chain, constraint);
    } else {
      option_line(path, index, options, line, chain);
    }
  }

  void requirement_line(const std::string& path, const TextIndex& index, const Mapped& spec,
                        const ParsedOption* editable, const std::vector<ParsedOption>& options, const Mapped& line,
                        const std::vector<std::string>& chain, bool constraint) {
    for (const auto& option : options) {
      const OptionSpec& o = *option.spec;
      bool applies = o.long_name == "hash" || o.long_name == "global-option" || o.long_name == "config-settings" ||
                     &option == editable;
      if (!applies && (index_option(o) || o.long_name == "requirement" || o.long_name == "constraint" ||
                       o.long_name == "editable")) {
        add_diagnostic(manifest_, span(path, index, line, option.begin, option.end),
                       "pip ignores " + display(o) + " on a line that names a requirement");
      }
    }
    SourcePosition where = span(path, index, spec);
    if (spec.text.empty()) {
      add_diagnostic(manifest_, where, "-e/--editable needs a path or URL");
      return;
    }
    DeclaredRequirement requirement{};
    requirement.kind = ManifestKind::Requirements;
    requirement.where = where;
    requirement.constraint_only = constraint;
    requirement.include_chain = chain;
    if (editable) {
      requirement.editable = true;
      std::string_view value = spec.text;
      if (is_url(value)) {
        std::string scheme = lowercase(value.substr(0, value.find(':')));
        if (!is_vcs_scheme(scheme) && scheme != "file") {
          add_diagnostic(manifest_, where,
                         "an editable requirement is a local path or a version-control URL, not '" + spec.text + "'");
          return;
        }
        requirement.url = spec.text;
        requirement.name = egg_name(value);
      } else {
        requirement.url = std::string(strip_extras(value).first);
      }
      requirement.text = requirement.name.empty() ? spec.text : requirement.name + " @ " + requirement.url;
    } else {
      RequirementForm form = requirement_form(spec.text);
      if (!form.error.empty()) {
        add_diagnostic(manifest_, where, form.error);
        return;
      }
      requirement.text = std::move(form.text);
      requirement.name = std::move(form.name);
      requirement.url = std::move(form.url);
      for (const auto& option : options) {
        if (option.spec->long_name != "hash") continue;
        const std::string& hash = option.value.text;
        std::size_t colon = hash.find(':');
        std::string algorithm = lowercase(std::string_view(hash).substr(0, colon));
        if (colon == std::string::npos || colon + 1 >= hash.size()) {
          add_diagnostic(manifest_, value_span(path, index, line, option),
                         "--hash takes a hash name and a value ('sha256:...'), not '" + hash + "'");
        } else if (algorithm != "sha256" && algorithm != "sha384" && algorithm != "sha512") {
          add_diagnostic(manifest_, value_span(path, index, line, option),
                         "pip accepts sha256, sha384 and sha512 hashes only, not " + algorithm);
        } else {
          requirement.hashes.push_back(hash);
        }
      }
    }
    manifest_.requirements.push_back(std::move(requirement));
  }

  void option_line(const std::string& path, const TextIndex& index, const std::vector<ParsedOption>& options,
                   const Mapped& line, std::vector<std::string>& chain) {
    const ParsedOption* include = nullptr;
    for (const auto& option : options) {
      const OptionSpec& o = *option.spec;
      if (o.long_name == "hash") {
        add_diagnostic(manifest_, span(path, index, line, option.begin, option.end),
                       "--hash without a requirement on the same line; pip ignores it");
      } else if (index_option(o)) {
        IndexSetting setting;
        setting.option = display(o);
        setting.value = option.value.text;
        setting.where = value_span(path, index, line, option);
        manifest_.index_settings.push_back(std::move(setting));
      } else if (o.long_name == "requirement" || o.long_name == "constraint") {
        // pip follows the first -r of a line, or else the first -c.
        if (!include || (include->spec->long_name == "constraint" && o.long_name == "requirement")) include = &option;
      }
    }
    if (include) follow(path, *include, value_span(path, index, line, *include), chain);
  }

  void follow(const std::string& path, const ParsedOption& include, SourcePosition where,
              std::vector<std::string>& chain) {
    bool constraint = include.spec->long_name == "constraint";
    std::string flag = constraint ? "-c" : "-r";
    const std::string& target = include.value.text;
    if (target.empty()) {
      add_diagnostic(manifest_, where, flag + " needs a file name");
      return;
    }
    if (is_url(target)) {
      add_diagnostic(manifest_, where, "remote " + std::string(constraint ? "constraints" : "requirements") +
                                           " file not read: " + target);
      return;
    }
    std::string included = (!target.empty() && target[0] == '/')
                               ? normalize_relative_path(target)
                               : normalize_relative_path(parent_directory(path).empty()
                                                             ? target
                                                             : parent_directory(path) + "/" + target);
    if (std::find(chain.begin(), chain.end(), included) != chain.end() || included == path) {
      std::string cycle;
      for (const auto& file : chain) cycle += file + " -> ";
      add_diagnostic(manifest_, where, "include cycle: " + cycle + path + " -> " + included + "; not followed");
      return;
    }
    if (visited_.count({included, constraint})) return;  // read once per manifest
    if (chain.size() >= kMaxIncludeDepth) {
      add_diagnostic(manifest_, where, "includes nested deeper than " + std::to_string(kMaxIncludeDepth) +
                                           " files; '" + included + "' not read");
      return;
    }
    std::optional<std::string> bytes = load_ ? load_(included) : std::nullopt;
    if (!bytes) {
      bool outside = starts_with(included, "../") || included == ".." || starts_with(included, "/");
      add_diagnostic(manifest_, where, "cannot read " + flag + " file '" + included + "'" +
                                           (outside ? " (outside the project)" : ""));
      return;
    }
    std::string text = decode_manifest_text(*bytes);
    chain.push_back(path);
    read(included, text, chain, constraint);
    chain.pop_back();
  }

  static constexpr std::size_t kMaxIncludeDepth = 64;
  Manifest& manifest_;
  const ManifestLoader& load_;
  std::set<std::pair<std::string, bool>> visited_;
};

}  // namespace

void read_requirements_txt(Manifest& manifest, std::string_view text, const ManifestLoader& load) {
  RequirementsReader reader(manifest, load);
  std::vector<std::string> chain;
  reader.read(manifest.path, text, chain, false);
}

}  // namespace aegis::deps::detail
