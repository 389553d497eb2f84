#include "rules/suppression.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>

#include "python/lexer.h"
#include "rules/rule.h"

namespace aegis::rules {

const char* to_string(SuppressionKind kind) {
  switch (kind) {
    case SuppressionKind::Aegis: return "aegis";
    case SuppressionKind::Nosec: return "nosec";
    case SuppressionKind::Noqa: return "noqa";
    case SuppressionKind::Nosemgrep: return "nosemgrep";
  }
  return "aegis";
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f'; }

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// `text` starts with `word` (case-insensitively) followed by the end, a space, ':' or ','.
bool starts_with_word(std::string_view text, std::string_view word, bool case_sensitive = false) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (case_sensitive ? text[i] != word[i] : lower(text[i]) != word[i]) return false;
  }
  if (text.size() == word.size()) return true;
  char next = text[word.size()];
  return is_space(next) || next == ':' || next == ',' || next == '[';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

int characters(std::string_view s) {
  int n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// "B602", "S608", "INJ002": letters then digits.
bool is_code(std::string_view token) {
  std::size_t i = 0;
  while (i < token.size() && std::isalpha(static_cast<unsigned char>(token[i]))) ++i;
  if (i == 0 || i == token.size()) return false;
  for (std::size_t j = i; j < token.size(); ++j) {
    if (!std::isdigit(static_cast<unsigned char>(token[j]))) return false;
  }
  return true;
}

// A rule id or name as people write them: a code, or a kebab/snake-case name.
bool is_id_shaped(std::string_view token) {
  if (is_code(token)) return true;
  if (token.empty() || !std::isalpha(static_cast<unsigned char>(token[0]))) return false;
  bool joined = false;
  for (char c : token) {
    if (c == '-' || c == '_') {
      joined = true;
    } else if (!std::isalnum(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return joined;
}

// Strips a leading "--" (the reason separator) and surrounding blanks.
std::string reason_text(std::string_view rest) {
  rest = trim(rest);
  if (rest.substr(0, 2) == "--") rest = trim(rest.substr(2));
  return std::string(rest);
}

struct Parser {
  std::string_view comment;  // the whole comment
  const RuleResolver& resolve;
  std::vector<Suppression>& out;
  std::vector<SuppressionProblem>& problems;

  void problem(DiagnosticSeverity severity, std::size_t byte_offset, std::string message) {
    SuppressionProblem p;
    p.severity = severity;
    p.column_offset = characters(comment.substr(0, std::min(byte_offset, comment.size())));
    p.message = std::move(message);
    problems.push_back(std::move(p));
  }

  std::size_t offset_of(std::string_view inner) const {
    return static_cast<std::size_t>(inner.data() - comment.data());
  }

  void unknown(std::string_view id, std::string_view directive) {
    std::string message = "'";
    message += id;
    message += "' in '";
    message += directive;
    message += "' names no Aegis rule (see 'aegis rules'); it suppresses nothing";
    problem(DiagnosticSeverity::Warning, offset_of(id), std::move(message));
  }

  void broad(const Suppression& s, std::size_t at, const char* example) {
    problem(DiagnosticSeverity::Note, at,
            "broad suppression: '" + s.text + "' names no rule and accepts every finding on its line; "
            "name the rules it is meant for, e.g. '" + example + "'");
  }

  // Adds a directive that names rules (or none: broad); false when it names only unknown ones.
  void add(Suppression s, std::size_t at, const char* example, bool named_any) {
    if (named_any && s.rules.empty()) return;  // every name unknown: warned, suppresses nothing
    s.broad = !named_any;
    s.accepted_by_rule.assign(s.rules.size(), 0);
    if (s.broad) broad(s, at, example);
    out.push_back(std::move(s));
  }

  void add_rule(Suppression& s, std::string_view written, const std::string& id) {
    if (std::find(s.rules.begin(), s.rules.end(), id) != s.rules.end()) return;
    s.written.emplace_back(written);
    s.rules.push_back(id);
  }

  // Splits `list` into tokens at blanks and commas; stops at "--" or, when `stop_at_prose`,
  // at the first token `keep` refuses; returns the rest (the reason).
  template <typename Keep>
  std::string_view tokens(std::string_view list, bool stop_at_prose, Keep keep,
                          std::vector<std::string_view>& out_tokens) {
    std::size_t i = 0;
    while (true) {
      while (i < list.size() && (is_space(list[i]) || list[i] == ',')) ++i;
      if (i >= list.size()) return {};
      if (list.substr(i, 2) == "--") return list.substr(i);
      std::size_t j = i;
      while (j < list.size() && !is_space(list[j]) && list[j] != ',') ++j;
      std::string_view token = list.substr(i, j - i);
      if (!keep(token)) {
        if (stop_at_prose) return list.substr(i);
      } else {
        out_tokens.push_back(token);
      }
      i = j;
    }
  }

  // `# nosec`, `# nosec B602, B101`, `#nosec: B602`, `# nosec B602 -- reason`, `# nosec reason`.
  void nosec(std::size_t hash, std::string_view segment, std::string_view after) {
    Suppression s;
    s.kind = SuppressionKind::Nosec;
    s.text = std::string(trim(segment));
    std::string_view rest = after;
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
    std::vector<std::string_view> ids;
    std::string_view reason = tokens(rest, true, is_id_shaped, ids);
    for (std::string_view id : ids) {
      std::string resolved = resolve(id);
      if (resolved.empty()) {
        unknown(id, s.text);
      } else {
        add_rule(s, id, resolved);
      }
    }
    s.reason = reason_text(reason);
    add(std::move(s), hash, "# nosec B602", !ids.empty());
  }

  // `# noqa: S602, E501`: S codes and Aegis ids; other linters' codes are theirs.
  void noqa(std::size_t hash, std::string_view segment, std::string_view after) {
    std::string_view rest = after;
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    if (rest.empty() || rest.front() != ':') {
      // A bare `# noqa` is everywhere in flake8 code bases: it is not a security suppression.
      std::vector<std::string_view> codes;
      tokens(rest, true, is_code, codes);
      for (std::string_view code : codes) {
        if (!resolve(code).empty() || ((code[0] == 'S' || code[0] == 's') && code.size() > 1)) {
          std::string message = "'";
          message += trim(segment);
          message += "' lacks the ':' before its codes; write '# noqa: ";
          message += code;
          message += "' (a bare '# noqa' suppresses no security finding)";
          problem(DiagnosticSeverity::Warning, offset_of(code), std::move(message));
          break;
        }
      }
      return;
    }
    rest.remove_prefix(1);
    Suppression s;
    s.kind = SuppressionKind::Noqa;
    s.text = std::string(trim(segment));
    std::vector<std::string_view> codes;
    std::string_view reason = tokens(rest, true, is_code, codes);
    bool named = false;
    for (std::string_view code : codes) {
      std::string resolved = resolve(code);
      if (!resolved.empty()) {
        add_rule(s, code, resolved);
        named = true;
      } else if ((code[0] == 'S' || code[0] == 's') && std::isdigit(static_cast<unsigned char>(code[1]))) {
        unknown(code, s.text);
        named = true;
      }
    }
    if (!named) return;  // only other linters' codes
    s.reason = reason_text(reason);
    add(std::move(s), hash, "# noqa: S602", true);
  }

  // `# nosemgrep`, `# nosemgrep: rule-id, python.lang.security.x.rule-id`.
  void nosemgrep(std::size_t hash, std::string_view segment, std::string_view after) {
    Suppression s;
    s.kind = SuppressionKind::Nosemgrep;
    s.text = std::string(trim(segment));
    std::string_view rest = after;
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    std::vector<std::string_view> ids;
    std::string_view reason = rest;
    if (!rest.empty() && rest.front() == ':') {
      reason = tokens(rest.substr(1), false, [](std::string_view) { return true; }, ids);
    }
    for (std::string_view id : ids) {
      std::string resolved = resolve(id);
      std::size_t dot = id.rfind('.');
      if (resolved.empty() && dot != std::string_view::npos) resolved = resolve(id.substr(dot + 1));
      if (resolved.empty()) {
        unknown(id, s.text);
      } else {
        add_rule(s, id, resolved);
      }
    }
    s.reason = reason_text(reason);
    add(std::move(s), hash, "# nosemgrep: subprocess-shell-true", !ids.empty());
  }

  void malformed(std::size_t at, std::string_view directive, const std::string& why) {
    problem(DiagnosticSeverity::Warning, at,
            "malformed suppression '" + std::string(trim(directive)) + "': " + why +
                " (expected '# aegis: ignore[RULE, ...] -- reason'); it suppresses nothing");
  }

  // The strict form: `# aegis: ignore[RULE, RULE] -- reason`, `# aegis: ignore -- reason`.
  void aegis(std::size_t hash, std::string_view directive, std::string_view after) {
    std::string_view rest = after;
    if (rest.empty() || rest.front() != ':') {
      std::string_view word = rest;
      while (!word.empty() && is_space(word.front())) word.remove_prefix(1);
      if (starts_with_word(word, "ignore", true)) malformed(offset_of(after), directive, "missing ':' after 'aegis'");
      return;  // prose that starts with the word "aegis"
    }
    rest.remove_prefix(1);
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    std::size_t word_end = 0;
    while (word_end < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[word_end])) || rest[word_end] == '-' ||
                                      rest[word_end] == '_')) {
      ++word_end;
    }
    std::string_view word = rest.substr(0, word_end);
    if (word != "ignore") {
      malformed(offset_of(rest), directive,
                word.empty() ? std::string("nothing after 'aegis:'") : "unknown directive '" + std::string(word) + "'");
      return;
    }
    rest.remove_prefix(word_end);
    Suppression s;
    s.kind = SuppressionKind::Aegis;
    s.text = std::string(trim(directive));
    std::vector<std::string_view> ids;
    bool listed = false;
    if (!rest.empty() && rest.front() == '[') {
      listed = true;
      std::size_t close = rest.find(']');
      if (close == std::string_view::npos) {
        malformed(offset_of(rest), directive, "missing ']'");
        return;
      }
      std::string_view list = rest.substr(1, close - 1);
      if (trim(list).empty()) {
        malformed(offset_of(rest), directive, "empty rule list");
        return;
      }
      std::size_t start = 0;
      while (true) {
        std::size_t comma = list.find(',', start);
        std::string_view item = trim(list.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                                         : comma - start));
        if (item.empty()) {
          malformed(offset_of(list) + start, directive, "empty rule name in the list");
          return;
        }
        for (char c : item) {
          if (is_space(c)) {
            malformed(offset_of(item), directive, "rule names must be separated by ','");
            return;
          }
          if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
            malformed(offset_of(item), directive, "unexpected '" + std::string(1, c) + "' in a rule name");
            return;
          }
        }
        ids.push_back(item);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      rest.remove_prefix(close + 1);
    }
    if (!rest.empty() && !is_space(rest.front())) {
      malformed(offset_of(rest), directive,
                listed ? "unexpected text after ']'" : "expected '[' or the end of the comment after 'ignore'");
      return;
    }
    for (std::string_view id : ids) {
      std::string resolved = resolve(id);
      if (resolved.empty()) {
        unknown(id, s.text);
      } else {
        add_rule(s, id, resolved);
      }
    }
    s.reason = reason_text(rest);
    add(std::move(s), hash, "# aegis: ignore[INJ002] -- reason", listed);
  }
};

}  // namespace

std::size_t parse_comment(std::string_view comment, const RuleResolver& resolve, std::vector<Suppression>& out,
                          std::vector<SuppressionProblem>& problems) {
  Parser p{comment, resolve, out, problems};
  std::size_t before = out.size();
  std::size_t hash = comment.find('#');
  while (hash != std::string_view::npos) {
    std::size_t next = comment.find('#', hash + 1);
    std::string_view segment = comment.substr(hash, next == std::string_view::npos ? std::string_view::npos
                                                                                    : next - hash);
    std::string_view body = segment.substr(1);
    while (!body.empty() && is_space(body.front())) body.remove_prefix(1);
    if (starts_with_word(body, "nosemgrep")) {
      p.nosemgrep(hash, segment, body.substr(9));
    } else if (starts_with_word(body, "nosec")) {
      p.nosec(hash, segment, body.substr(5));
    } else if (starts_with_word(body, "noqa")) {
      p.noqa(hash, segment, body.substr(4));
    } else if (starts_with_word(body, "aegis", true)) {
      // The strict form's reason runs to the end of the comment, '#' included.
      std::string_view whole = comment.substr(hash + 1);
      while (!whole.empty() && is_space(whole.front())) whole.remove_prefix(1);
      p.aegis(hash, comment.substr(hash), whole.substr(5));
      break;
    }
    hash = next;
  }
  return out.size() - before;
}

bool may_hold_suppressions(std::string_view text) {
  static constexpr std::string_view kWords[] = {"nosec", "noqa", "nosemgrep", "aegis"};
  const char* data = text.data();
  std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const void* hit = std::memchr(data + i, '#', size - i);
    if (!hit) return false;
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - data) + 1;
    while (at < size && is_space(data[at])) ++at;
    // Every word starts with 'n' or 'a': most comments are passed over on their first letter.
    const char first = at < size ? static_cast<char>(data[at] | 0x20) : '\0';  // ASCII case only
    if (first != 'n' && first != 'a') {
      i = at;
      continue;
    }
    std::string_view rest = text.substr(at, 9);
    for (std::string_view word : kWords) {
      if (rest.size() >= word.size() &&
          std::equal(word.begin(), word.end(), rest.begin(), [](char w, char c) { return w == lower(c); })) {
        return true;
      }
    }
    i = at;
  }
  return false;
}

std::vector<Comment> find_comments(std::string_view text, int feature_minor) {
  std::vector<py::Token> tokens;
  py::SyntaxError error;
  py::LexerOptions options;
  options.feature_minor = feature_minor;
  bool ok = py::tokenize(text, tokens, error, options);

  std::vector<Comment> out;
  int line = 1;
  std::size_t line_start = 0;
  std::size_t counted = 0;  // text[0, counted) has been scanned for line ends
  auto advance_to = [&](std::size_t pos) {
    for (; counted < pos; ++counted) {
      char c = text[counted];
      if (c == '\n' || (c == '\r' && (counted + 1 >= text.size() || text[counted + 1] != '\n'))) {
        ++line;
        line_start = counted + 1;
      }
    }
  };
  // Comments live in the gaps between tokens: string literals (f-string pieces included)
  // are tokens, so a '#' inside one is never seen here.
  auto scan_gap = [&](std::size_t from, std::size_t to) {
    while (from < to) {
      const void* hit = std::memchr(text.data() + from, '#', to - from);
      if (!hit) return;
      std::size_t hash = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
      std::size_t end = hash;
      while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
      advance_to(hash);
      Comment c;
      c.line = line;
      c.column = characters(text.substr(line_start, hash - line_start)) + 1;
      c.offset = hash;
      c.text = text.substr(hash, end - hash);
      out.push_back(c);
      from = end;
    }
  };
  std::size_t pos = 0;
  for (const py::Token& t : tokens) {
    if (t.start > pos) scan_gap(pos, t.start);
    pos = std::max<std::size_t>(pos, t.end);
  }
  if (ok && pos < text.size()) scan_gap(pos, text.size());
  return out;
}

RuleResolver registry_resolver() {
  return [](std::string_view name) -> std::string {
    const Rule* rule = Registry::instance().find(name);
    return rule ? std::string(rule->meta().id) : std::string();
  };
}

FileSuppressions collect_suppressions(std::string_view text, const std::string& path, int feature_minor,
                                      const RuleResolver& resolve) {
  FileSuppressions file;
  if (!may_hold_suppressions(text)) return file;
  for (const Comment& c : find_comments(text, feature_minor)) {
    std::vector<SuppressionProblem> problems;
    std::size_t first = file.suppressions.size();
    parse_comment(c.text, resolve, file.suppressions, problems);
    for (std::size_t i = first; i < file.suppressions.size(); ++i) {
      Suppression& s = file.suppressions[i];
      s.path = path;
      s.line = c.line;
      // The directive's own '#' within the comment.
      std::size_t at = c.text.find(s.text);
      s.column = c.column + (at == std::string_view::npos ? 0 : characters(c.text.substr(0, at)));
    }
    for (auto& p : problems) {
      Diagnostic d;
      d.severity = p.severity;
      d.kind = DiagnosticKind::Config;
      d.path = path;
      d.line = c.line;
      d.column = c.column + p.column_offset;
      d.message = std::move(p.message);
      file.diagnostics.push_back(std::move(d));
    }
  }
  return file;
}

void apply_suppressions(std::vector<Finding>& findings, FileSuppressions& file) {
  if (file.suppressions.empty()) return;
  std::multimap<int, std::size_t> by_line;
  for (std::size_t i = 0; i < file.suppressions.size(); ++i) by_line.emplace(file.suppressions[i].line, i);
  for (Finding& f : findings) {
    if (f.status != FindingStatus::Open) continue;
    for (int line : {f.line, f.end_line}) {
      auto [begin, end] = by_line.equal_range(line);
      for (auto it = begin; it != end && f.status == FindingStatus::Open; ++it) {
        Suppression& s = file.suppressions[it->second];
        bool names = s.broad;
        for (std::size_t r = 0; r < s.rules.size() && !names; ++r) {
          if (s.rules[r] == f.rule_id) {
            names = true;
            ++s.accepted_by_rule[r];
          }
        }
        if (!names) continue;
        ++s.accepted;
        f.status = FindingStatus::Accepted;
        f.status_reason = s.reason.empty() ? "suppressed by " + s.text : s.reason;
        f.suppressed_by = s.text;
      }
      if (f.status != FindingStatus::Open || f.end_line == f.line) break;
    }
  }
}

std::vector<Diagnostic> unused_suppressions(const FileSuppressions& file,
                                            const std::function<bool(std::string_view)>& ran) {
  std::vector<Diagnostic> out;
  for (const Suppression& s : file.suppressions) {
    std::string message;
    if (s.broad) {
      if (s.accepted == 0) message = "unused suppression: '" + s.text + "' accepted no finding";
    } else {
      std::vector<std::string> unused;
      std::size_t ran_count = 0;
      for (std::size_t r = 0; r < s.rules.size(); ++r) {
        if (!ran(s.rules[r])) continue;
        ++ran_count;
        if (s.accepted_by_rule[r] == 0) unused.push_back(s.written[r]);
      }
      if (unused.empty()) continue;
      if (unused.size() == s.rules.size()) {
        message = "unused suppression: '" + s.text + "' accepted no finding";
      } else {
        std::string names;
        for (const auto& u : unused) names += (names.empty() ? "'" : ", '") + u + "'";
        message = "unused suppression: " + names + " in '" + s.text + "' accepted no finding";
      }
      (void)ran_count;
    }
    if (message.empty()) continue;
    Diagnostic d;
    d.severity = DiagnosticSeverity::Warning;
    d.kind = DiagnosticKind::Config;
    d.path = s.path;
    d.line = s.line;
    d.column = s.column;
    d.message = std::move(message);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace aegis::rules
