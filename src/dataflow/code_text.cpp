#include "dataflow/code_text.h"

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace aegis::dataflow {

namespace {

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

bool identifier_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

bool prefix_letter(char c) { return std::strchr("rRbBuUfFtT", c) != nullptr && c != '\0'; }

// f-strings nest inside replacement fields; deeper than this the rest is scanned as code.
constexpr int kMaxNesting = 64;

class Scanner {
 public:
  Scanner(std::string_view text, Ranges& out) : t_(text), n_(text.size()), out_(out) {}

  void run() { code(0, false, 0); }

 private:
  std::string_view t_;
  std::size_t n_;
  Ranges& out_;

  char at(std::size_t i) const { return i < n_ ? t_[i] : '\0'; }

  // The first offset from i whose byte is a, b or c (n_ if none): most bytes are none of
  // the few a scan stops at, so they are skipped sixteen at a time.
  std::size_t find_any(std::size_t i, char a, char b, char c) const {
#ifdef __SSE2__
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
    for (; i + 16 <= n_; i += 16) {
      __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t_.data() + i));
      __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)), _mm_cmpeq_epi8(x, vc));
      unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
      if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
    }
#endif
    while (i < n_ && t_[i] != a && t_[i] != b && t_[i] != c) ++i;
    return i;
  }

  void mark(std::size_t begin, std::size_t end) {
    end = std::min(end, n_);
    if (begin >= end) return;
    if (!out_.empty() && out_.back().second >= begin) {
      out_.back().second = std::max(out_.back().second, end);
    } else {
      out_.emplace_back(begin, end);
    }
  }

  // Code from i. In a replacement field (`field`), stops at the '}' or format spec ':' that
  // ends it (brackets counted) and returns its offset; else runs to the end of the text.
  std::size_t code(std::size_t i, bool field, int level) {
    int depth = 0;
    while (i < n_) {
      if (!field) {
        i = find_any(i, '#', '\'', '"');
        if (i >= n_) break;
      }
      char c = t_[i];
      if (c == '#') {
        const void* nl = std::memchr(t_.data() + i, '\n', n_ - i);
        std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - t_.data()) : n_;
        mark(i, end);
        i = end;
        continue;
      }
      if (c == '\'' || c == '"') {
        i = string(i, level);
        continue;
      }
      if (field) {
        if (c == '(' || c == '[' || c == '{') {
          ++depth;
        } else if (c == ')' || c == ']' || c == '}') {
          if (depth == 0 && c == '}') return i;
          if (depth > 0) --depth;
        } else if (c == ':' && depth == 0) {
          return i;
        }
      }
      ++i;
    }
    return n_;
  }

  // A string literal whose opening quote is at `quote`; returns the offset after it.
  std::size_t string(std::size_t quote, int level) {
    // Its prefix: up to three letters right before the quote, not the end of a longer name.
    std::size_t p = quote;
    while (p > 0 && quote - p < 3 && prefix_letter(t_[p - 1])) --p;
    bool formatted = false, raw = false;
    if (p == 0 || !identifier_byte(static_cast<unsigned char>(t_[p - 1]))) {
      for (std::size_t k = p; k < quote; ++k) {
        char c = t_[k];
        formatted = formatted || c == 'f' || c == 'F' || c == 't' || c == 'T';
        raw = raw || c == 'r' || c == 'R';
      }
    }
    char q = t_[quote];
    bool triple = at(quote + 1) == q && at(quote + 2) == q;
    std::size_t open = triple ? 3 : 1;
    if (formatted && level < kMaxNesting) return formatted_string(quote, q, triple, raw, level + 1);
    std::size_t j = quote + open;
    while (j < n_) {
      j = find_any(j, q, '\\', '\n');
      if (j >= n_) break;
      char c = t_[j];
      if (c == '\\') {
        j += 2;
      } else if (closes(j, q, triple)) {
        j += open;
        break;
      } else if (c == '\n' && !triple) {
        break;  // unterminated
      } else {
        ++j;
      }
    }
    mark(quote, j);
    return std::min(j, n_);
  }

  // Whether a string delimited by `q` (tripled or not) closes at j.
  bool closes(std::size_t j, char q, bool triple) const {
    return t_[j] == q && (!triple || (at(j + 1) == q && at(j + 2) == q));
  }

  // An f-string or t-string: literal text is not code, its replacement fields are.
  std::size_t formatted_string(std::size_t quote, char q, bool triple, bool raw, int level) {
    std::size_t open = triple ? 3 : 1;
    std::size_t literal = quote;  // start of the literal text not yet marked
    std::size_t j = literal_text(quote + open, q, triple, raw, level, false, literal);
    if (j < n_ && closes(j, q, triple)) j += open;
    mark(literal, j);
    return std::min(j, n_);
  }

  // Literal text with replacement fields, from j: an f-string's body (stops at its closing
  // quote) or a format spec (`spec`: stops at the '}' ending its field as well). Marks what
  // it passes as it goes, leaving [literal, stop) for the caller; returns where it stopped.
  std::size_t literal_text(std::size_t j, char q, bool triple, bool raw, int level, bool spec, std::size_t& literal) {
    while (j < n_) {
      char c = t_[j];
      if (c == '\\') {
        if (!raw && at(j + 1) == 'N' && at(j + 2) == '{') {  // \N{NAME}: its braces are no field
          const void* close = std::memchr(t_.data() + j, '}', n_ - j);
          j = close ? static_cast<std::size_t>(static_cast<const char*>(close) - t_.data()) + 1 : n_;
        } else {
          // A backslash does not escape a brace: f"\{x}" has a field.
          j += (at(j + 1) == '{' || at(j + 1) == '}') ? 1 : 2;
        }
        continue;
      }
      if (closes(j, q, triple)) return j;
      if (c == '\n' && !triple) return j;  // unterminated
      if (c == '{') {
        if (at(j + 1) == '{' && !spec) {
          j += 2;
          continue;
        }
        mark(literal, j + 1);
        std::size_t end = code(j + 1, true, level);
        if (end < n_ && t_[end] == ':') {
          literal = end;
          end = literal_text(end + 1, q, triple, raw, level, true, literal);
          mark(literal, end);
        }
        literal = end;
        j = end < n_ && t_[end] == '}' ? end + 1 : end;
        continue;
      }
      if (c == '}') {
        if (spec) return j;
        j += at(j + 1) == '}' ? 2 : 1;
        continue;
      }
      ++j;
    }
    return n_;
  }
};

}  // namespace

CodeText::CodeText(std::string_view text) { Scanner(text, non_code_).run(); }

bool CodeText::is_code(std::size_t offset) const {
  auto it = std::upper_bound(non_code_.begin(), non_code_.end(), offset,
                             [](std::size_t o, const std::pair<std::size_t, std::size_t>& r) { return o < r.first; });
  if (it == non_code_.begin()) return true;
  --it;
  return offset >= it->second;
}

}  // namespace aegis::dataflow
