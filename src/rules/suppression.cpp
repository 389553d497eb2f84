#include "rules/suppression.h"

#include <cctype>

#include "rules/rule.h"

namespace aegis::rules {
namespace {

bool is_prefix_char(char c) {
  switch (std::tolower(static_cast<unsigned char>(c))) {
    case 'r': case 'b': case 'u': case 'f': case 't': return true;
    default: return false;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split_ids(std::string_view list) {
  std::vector<std::string> ids;
  std::string current;
  for (char c : list) {
    if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
      if (!current.empty()) ids.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) ids.push_back(current);
  return ids;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

Diagnostic warning(const std::string& path, const Comment& c, std::string message,
                   DiagnosticSeverity severity = DiagnosticSeverity::Warning) {
  Diagnostic d;
  d.severity = severity;
  d.kind = DiagnosticKind::Config;
  d.path = path;
  d.line = c.line;
  d.column = c.column;
  d.message = std::move(message);
  return d;
}

bool names_a_rule(const std::string& id) {
  return Registry::instance().find(id) != nullptr || selector_known(id);
}

}  // namespace

std::vector<Comment> find_comments(std::string_view text) {
  std::vector<Comment> out;
  int line = 1;
  std::size_t line_start = 0;
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto newline = [&](std::size_t at) {
    ++line;
    line_start = at + 1;
  };
  while (i < n) {
    char c = text[i];
    if (c == '\n') {
      newline(i);
      ++i;
      continue;
    }
    if (c == '#') {
      std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = n;
      std::string_view comment = text.substr(i, end - i);
      if (!comment.empty() && comment.back() == '\r') comment.remove_suffix(1);
      out.push_back({line, static_cast<int>(i - line_start) + 1, comment});
      i = end;
      continue;
    }
    if (c == '\'' || c == '"') {
      // Skip a string literal; prefixes were consumed as identifier characters.
      bool raw = false;
      for (std::size_t k = i; k > line_start && is_prefix_char(text[k - 1]); --k) {
        if (std::tolower(static_cast<unsigned char>(text[k - 1])) == 'r') raw = true;
      }
      bool triple = i + 2 < n && text[i + 1] == c && text[i + 2] == c;
      std::size_t j = i + (triple ? 3 : 1);
      while (j < n) {
        if (text[j] == '\\' && !raw && j + 1 < n) {
          if (text[j + 1] == '\n') newline(j + 1);
          j += 2;
          continue;
        }
        if (text[j] == '\\' && raw && j + 1 < n) {  // raw strings still cannot end at \"
          if (text[j + 1] == '\n') newline(j + 1);
          j += 2;
          continue;
        }
        if (text[j] == '\n') {
          if (!triple) break;  // unterminated on this line (cannot happen in parsed code)
          newline(j);
        }
        if (text[j] == c && (!triple || (j + 2 < n && text[j + 1] == c && text[j + 2] == c))) {
          j += triple ? 3 : 1;
          break;
        }
        ++j;
      }
      i = j;
      continue;
    }
    ++i;
  }
  return out;
}

std::vector<Suppression> parse_suppressions(std::string_view text, const std::string& path,
                                            std::vector<Diagnostic>& diagnostics) {
  std::vector<Suppression> out;
  for (const Comment& c : find_comments(text)) {
    std::string_view body = c.text;
    // A comment may hold several directives ("# noqa: E501  # nosec B608"): look at each.
    std::size_t start = 0;
    while (start < body.size()) {
      std::size_t hash = body.find('#', start);
      if (hash == std::string_view::npos) break;
      std::size_t next = body.find('#', hash + 1);
      std::string_view part = trim(body.substr(hash + 1, next == std::string_view::npos ? std::string_view::npos : next - hash - 1));
      start = next == std::string_view::npos ? body.size() : next;
      Suppression s;
      s.line = c.line;
      s.column = c.column;
      s.text = std::string(trim(c.text));
      if (starts_with_ci(part, "aegis:")) {
        std::string_view rest = trim(part.substr(6));
        std::string_view reason;
        if (std::size_t dash = rest.find("--"); dash != std::string_view::npos) {
          reason = trim(rest.substr(dash + 2));
          rest = trim(rest.substr(0, dash));
        }
        if (!starts_with_ci(rest, "ignore")) {
          diagnostics.push_back(warning(path, c, "malformed suppression: expected '# aegis: ignore[RULE, ...] -- reason'"));
          continue;
        }
        rest = trim(rest.substr(6));
        if (!rest.empty()) {
          if (rest.front() != '[' || rest.back() != ']') {
            diagnostics.push_back(warning(path, c, "malformed suppression: rule ids go in brackets, as in '# aegis: ignore[INJ002] -- reason'"));
            continue;
          }
          s.ids = split_ids(rest.substr(1, rest.size() - 2));
        }
        s.style = "aegis";
        s.reason = std::string(reason);
      } else if (starts_with_ci(part, "nosec")) {
        std::string_view rest = part.substr(5);
        if (!rest.empty() && !std::isspace(static_cast<unsigned char>(rest.front())) && rest.front() != ':' &&
            rest.front() != ',') {
          continue;  // "nosecurity" is not a directive
        }
        if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
        // Bandit allows free text after the ids; keep the words that look like rule ids.
        for (const auto& id : split_ids(rest)) {
          if (names_a_rule(id)) {
            s.ids.push_back(id);
          } else if (std::isupper(static_cast<unsigned char>(id[0])) && std::isdigit(static_cast<unsigned char>(id.back()))) {
            diagnostics.push_back(warning(path, c, "'" + id + "' in '# nosec' names no rule"));
          }
        }
        s.style = "nosec";
      } else if (starts_with_ci(part, "noqa")) {
        std::string_view rest = trim(part.substr(4));
        if (rest.empty() || rest.front() != ':') continue;  // bare noqa: not for security findings
        for (const auto& id : split_ids(rest.substr(1))) {
          if (names_a_rule(id)) s.ids.push_back(id);
        }
        if (s.ids.empty()) continue;  // only other linters' codes (E501, ...)
        s.style = "noqa";
      } else if (starts_with_ci(part, "nosemgrep")) {
        std::string_view rest = trim(part.substr(9));
        if (!rest.empty() && rest.front() == ':') s.ids = split_ids(rest.substr(1));
        s.style = "nosemgrep";
      } else {
        continue;
      }
      if (s.style == "aegis" || s.style == "nosemgrep") {
        std::vector<std::string> known;
        for (const auto& id : s.ids) {
          if (names_a_rule(id)) {
            known.push_back(id);
          } else {
            diagnostics.push_back(warning(path, c, "'" + id + "' in '" + s.text + "' names no rule"));
          }
        }
        if (!s.ids.empty() && known.empty()) continue;  // names only unknown rules: suppresses nothing
        s.ids = std::move(known);
      }
      if (s.ids.empty()) {
        diagnostics.push_back(warning(path, c, "broad suppression '" + s.text + "' accepts every rule on its line; name the rules",
                                      DiagnosticSeverity::Note));
      }
      out.push_back(std::move(s));
    }
  }
  return out;
}

void apply_suppressions(std::vector<Suppression>& suppressions, std::vector<Finding>& findings) {
  if (suppressions.empty()) return;
  for (Finding& f : findings) {
    if (f.status != FindingStatus::Open) continue;
    const Rule* rule = Registry::instance().find(f.rule_id);
    for (Suppression& s : suppressions) {
      if (s.line != f.line && s.line != f.end_line) continue;
      bool match = s.ids.empty();
      for (const auto& id : s.ids) match = match || (rule && selector_matches(*rule, id));
      if (!match) continue;
      f.status = FindingStatus::Accepted;
      f.suppressed_by = s.text;
      f.status_reason = !s.reason.empty() ? s.reason : "suppressed by " + s.text;
      ++s.used;
      break;
    }
  }
}

}  // namespace aegis::rules
