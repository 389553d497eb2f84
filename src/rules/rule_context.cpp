#include <algorithm>
#include <cstdio>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "rules/rule.h"
#include "rules/project.h"

namespace aegis::rules {
namespace {

// 1-based character column of a 0-based UTF-8 byte offset within `line`.
int character_column(std::string_view line, int byte_offset) {
  if (byte_offset <= 0) return 1;
  std::size_t within = std::min<std::size_t>(static_cast<std::size_t>(byte_offset), line.size());
  int characters = 0;
  for (std::size_t i = 0; i < within; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++characters;
  }
  return characters + (byte_offset - static_cast<int>(within)) + 1;
}

constexpr int kSnippetLines = 5;

}  // namespace

RuleContext::RuleContext(const FileUnit& file, std::vector<Finding>& out) : file_(file), out_(out) {}

void line_starts(std::string_view text, std::vector<std::size_t>& out) {
  out.assign(1, 0);
  if (text.empty()) return;
  if (!std::memchr(text.data(), '\r', text.size())) {
    // Only \n ends lines (nearly every file).
    const char* begin = text.data();
    const std::size_t size = text.size();
    std::size_t i = 0;
#ifdef __SSE2__
    // Sixteen bytes at a time, every newline of a block from its bit mask: a memchr call
    // per line cost more than the search itself (lines average ~40 bytes).
    const __m128i newline = _mm_set1_epi8('\n');
    for (; i + 16 <= size; i += 16) {
      __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin + i));
      for (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline))); mask != 0;
           mask &= mask - 1) {
        out.push_back(i + static_cast<std::size_t>(__builtin_ctz(mask)) + 1);
      }
    }
#endif
    const char* end = begin + size;
    for (const char* p = begin + i; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr;) {
      ++p;
      out.push_back(static_cast<std::size_t>(p - begin));
    }
    return;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    // The parser's physical lines: \n, \r\n and a lone \r all end one.
    if (text[i] == '\n') {
      out.push_back(i + 1);
    } else if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out.push_back(i + 1);
    }
  }
}

const std::vector<std::size_t>& line_starts(std::string_view text, const std::vector<std::size_t>* known,
                                            std::vector<std::size_t>& own) {
  if (known) return *known;
  if (own.empty()) line_starts(text, own);  // never empty once filled: line 1 starts at 0
  return own;
}

const std::vector<std::size_t>& RuleContext::lines() const {
  return line_starts(file_.text, file_.line_starts, own_line_starts_);
}

std::string_view RuleContext::line(int lineno) const {
  const std::vector<std::size_t>& starts = lines();
  if (lineno < 1 || static_cast<std::size_t>(lineno) > starts.size()) return {};
  std::size_t start = starts[lineno - 1];
  std::size_t end = static_cast<std::size_t>(lineno) < starts.size() ? starts[lineno] : file_.text.size();
  std::string_view l = file_.text.substr(start, end - start);
  while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.remove_suffix(1);
  return l;
}

std::string_view RuleContext::source(const py::Node& node) const {
  const std::vector<std::size_t>& starts = lines();
  if (node.lineno < 1 || node.end_lineno < node.lineno) return {};
  if (static_cast<std::size_t>(node.end_lineno) > starts.size()) return {};
  std::size_t start = starts[node.lineno - 1] + static_cast<std::size_t>(node.col_offset);
  std::size_t end = starts[node.end_lineno - 1] + static_cast<std::size_t>(node.end_col_offset);
  if (start > end || end > file_.text.size()) return {};
  return file_.text.substr(start, end - start);
}

Finding& RuleContext::report(const py::Node& node, std::string message) {
  return report_at(node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, std::move(message));
}

// A finding of the rule with the metadata every finding carries; position and message
// are the caller's.
static Finding finding_of(const RuleMeta& m) {
  Finding f;
  f.rule_id = m.id;
  f.rule_name = m.name;
  f.severity = m.severity;
  f.confidence = m.confidence;
  f.cwe = m.cwe;
  f.owasp = m.owasp;
  f.area = m.area;
  f.remediation = m.fix;
  f.effort = m.effort;
  f.alias = !m.bandit.empty() ? m.bandit : m.ruff;
  return f;
}

Finding& RuleContext::report_at(int lineno, int col_offset, int end_lineno, int end_col_offset,
                                std::string message) {
  Finding f = finding_of(rule_->meta());
  f.path = file_.path;
  f.line = std::max(lineno, 1);
  f.column = character_column(line(f.line), col_offset);
  f.end_line = std::max(end_lineno, f.line);
  f.end_column = character_column(line(f.end_line), end_col_offset);
  int last = std::min(f.end_line, f.line + kSnippetLines - 1);
  for (int l = f.line; l <= last; ++l) {
    if (l > f.line) f.snippet += '\n';
    f.snippet += line(l);
  }
  f.message = std::move(message);
  f.in_test = file_.in_test;
  out_.push_back(std::move(f));
  return out_.back();
}

}  // namespace aegis::rules


namespace aegis::rules {

std::string ProjectContext::source_line(const std::string& path, int line) {
  auto it = line_cache.find(path);
  if (it == line_cache.end()) {
    std::vector<std::string> lines;
    if (std::FILE* file = std::fopen(path.c_str(), "rb")) {
      std::string current;
      char buffer[65536];
      std::size_t n;
      while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
        for (std::size_t i = 0; i < n; ++i) {
          if (buffer[i] == '\n') {
            if (!current.empty() && current.back() == '\r') current.pop_back();
            lines.push_back(std::move(current));
            current.clear();
          } else {
            current.push_back(buffer[i]);
          }
        }
      }
      if (!current.empty()) lines.push_back(std::move(current));
      std::fclose(file);
    }
    it = line_cache.emplace(path, std::move(lines)).first;
  }
  return line >= 1 && static_cast<std::size_t>(line) <= it->second.size() ? it->second[line - 1] : std::string();
}

Finding& ProjectContext::report(const std::string& path, int line, int column, std::string snippet,
                                std::string message) {
  Finding f = finding_of(rule->meta());
  f.path = path;
  f.line = std::max(line, 1);
  f.column = std::max(column, 1);
  f.end_line = f.line;
  f.end_column = std::max(f.column, static_cast<int>(snippet.size()) + 1);
  f.snippet = std::move(snippet);
  f.message = std::move(message);
  out->push_back(std::move(f));
  return out->back();
}

}  // namespace aegis::rules
