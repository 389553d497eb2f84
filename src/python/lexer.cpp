// The Python tokenizer. It follows CPython 3.12's C tokenizer (Parser/tokenizer.c)
// decision for decision, including the PEP 701 f-string modes, so the parser sees
// the same token stream CPython's parser sees (minus NL/COMMENT, which it never gets).
#include "python/lexer.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>  // part of x86-64, so always there
#endif

#include "python/source_decode.h"
#include "python/unicode.h"

namespace aegis::py {

const char* token_kind_text(TokenKind k) {
  switch (k) {
#define AEGIS_PY_TOKEN_TEXT(name, text) \
  case TokenKind::name:                 \
    return text;
    AEGIS_PY_TOKENS(AEGIS_PY_TOKEN_TEXT)
#undef AEGIS_PY_TOKEN_TEXT
  }
  return "?";
}

namespace {

// Byte classes for the main dispatch.
enum CharClass : std::uint8_t {
  kOther,      // printable ASCII with no meaning: $ ? `
  kControl,    // non-printable ASCII
  kSpace,      // ' ' '\t' '\f'
  kNewline,
  kIdent,      // letters and '_' (and the string prefixes)
  kDigit,
  kQuote,
  kHash,
  kBackslash,
  kOperator,
  kDot,
  kHigh,       // >= 0x80: part of an identifier, checked when the identifier ends
  kEnd,        // NUL: the end of the buffer (real NULs are rejected up front)
};

struct ClassTable {
  CharClass cls[256];
  bool ident_char[256];
  constexpr ClassTable() : cls(), ident_char() {
    for (int c = 0; c < 256; ++c) {
      CharClass k = kControl;
      if (c >= 0x80) k = kHigh;
      else if (c >= 32 && c < 127) k = kOther;
      cls[c] = k;
      ident_char[c] = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '_';
    }
    for (int c = 'a'; c <= 'z'; ++c) cls[c] = kIdent;
    for (int c = 'A'; c <= 'Z'; ++c) cls[c] = kIdent;
    cls[static_cast<int>('_')] = kIdent;
    for (int c = '0'; c <= '9'; ++c) cls[c] = kDigit;
    cls[static_cast<int>(' ')] = kSpace;
    cls[static_cast<int>('\t')] = kSpace;
    cls[static_cast<int>('\f')] = kSpace;
    cls[static_cast<int>('\n')] = kNewline;
    cls[static_cast<int>('\'')] = kQuote;
    cls[static_cast<int>('"')] = kQuote;
    cls[static_cast<int>('#')] = kHash;
    cls[static_cast<int>('\\')] = kBackslash;
    cls[static_cast<int>('.')] = kDot;
    for (char c : {'(', ')', '[', ']', '{', '}', ':', ',', ';', '+', '-', '*', '/', '|', '&', '<',
                   '>', '=', '%', '~', '^', '@', '!'})
      cls[static_cast<unsigned char>(c)] = kOperator;
    cls[0] = kEnd;
  }
};
constexpr ClassTable kTable;

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_xdigit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline bool is_ident_char(char c) { return kTable.ident_char[static_cast<unsigned char>(c)]; }

// Eight bytes at `p` at once (the buffer's padding makes the load safe wherever a scan
// can stand, up to and including the end of the text). Bit k of a mask is byte p[k].
#if defined(__SSE2__)
using Bytes8 = __m128i;
inline Bytes8 load8(const char* p) { return _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)); }
// Identifier bytes: [A-Za-z0-9_] and every byte >= 0x80, as `is_ident_char`.
inline unsigned ident_mask8(Bytes8 v) {
  // x + (0x80 - lo) < 0x80 + n (signed) is the unsigned lo <= x < lo + n.
  const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
  const __m128i alpha = _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8(static_cast<char>(0x80 - 'a'))),
                                       _mm_set1_epi8(static_cast<char>(0x80 + 26)));
  const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - '0'))),
                                       _mm_set1_epi8(static_cast<char>(0x80 + 10)));
  const __m128i under = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
  const __m128i high = _mm_cmplt_epi8(v, _mm_setzero_si128());
  const __m128i any = _mm_or_si128(_mm_or_si128(alpha, digit), _mm_or_si128(under, high));
  return static_cast<unsigned>(_mm_movemask_epi8(any)) & 0xFFu;
}
// Bytes >= 0x80.
inline unsigned high_mask8(Bytes8 v) { return static_cast<unsigned>(_mm_movemask_epi8(v)) & 0xFFu; }
// The bytes a string literal scan must look at: quotes, backslash, newline, the final NUL.
inline unsigned string_stop_mask8(Bytes8 v) {
  const __m128i hit = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                   _mm_cmpeq_epi8(v, _mm_setzero_si128())));
  return static_cast<unsigned>(_mm_movemask_epi8(hit)) & 0xFFu;
}
#else
// The same one byte at a time elsewhere.
struct Bytes8 {
  const char* p;
};
inline Bytes8 load8(const char* p) { return Bytes8{p}; }
template <typename Test>
inline unsigned mask8(Bytes8 v, Test test) {
  unsigned m = 0;
  for (unsigned k = 0; k < 8; ++k) m |= test(static_cast<unsigned char>(v.p[k])) ? 1u << k : 0u;
  return m;
}
inline unsigned ident_mask8(Bytes8 v) { return mask8(v, [](unsigned char c) { return kTable.ident_char[c]; }); }
inline unsigned high_mask8(Bytes8 v) { return mask8(v, [](unsigned char c) { return c >= 0x80; }); }
inline unsigned string_stop_mask8(Bytes8 v) {
  return mask8(v, [](unsigned char c) { return c == '\'' || c == '"' || c == '\\' || c == '\n' || c == 0; });
}
#endif

inline TokenKind keyword_kind(const char* s, std::size_t n) {
  // A constant length lets the compiler compare in a few loads, not a memcmp call.
  auto is = [&](std::string_view kw) { return kw.size() == n && std::memcmp(s, kw.data(), kw.size()) == 0; };
  if (n < 2 || n > 8) return TokenKind::Name;  // keywords have 2 to 8 letters
  switch (s[0]) {
    case 'F': if (is("False")) return TokenKind::KwFalse; break;
    case 'N': if (is("None")) return TokenKind::KwNone; break;
    case 'T': if (is("True")) return TokenKind::KwTrue; break;
    case 'a':
      if (n == 2 && s[1] == 's') return TokenKind::KwAs;
      if (is("and")) return TokenKind::KwAnd;
      if (is("assert")) return TokenKind::KwAssert;
      if (is("async")) return TokenKind::KwAsync;
      if (is("await")) return TokenKind::KwAwait;
      break;
    case 'b': if (is("break")) return TokenKind::KwBreak; break;
    case 'c':
      if (is("class")) return TokenKind::KwClass;
      if (is("continue")) return TokenKind::KwContinue;
      break;
    case 'd':
      if (is("def")) return TokenKind::KwDef;
      if (is("del")) return TokenKind::KwDel;
      break;
    case 'e':
      if (is("elif")) return TokenKind::KwElif;
      if (is("else")) return TokenKind::KwElse;
      if (is("except")) return TokenKind::KwExcept;
      break;
    case 'f':
      if (is("for")) return TokenKind::KwFor;
      if (is("from")) return TokenKind::KwFrom;
      if (is("finally")) return TokenKind::KwFinally;
      break;
    case 'g': if (is("global")) return TokenKind::KwGlobal; break;
    case 'i':
      if (n == 2) {
        if (s[1] == 'f') return TokenKind::KwIf;
        if (s[1] == 'n') return TokenKind::KwIn;
        if (s[1] == 's') return TokenKind::KwIs;
      }
      if (is("import")) return TokenKind::KwImport;
      break;
    case 'l': if (is("lambda")) return TokenKind::KwLambda; break;
    case 'n':
      if (is("not")) return TokenKind::KwNot;
      if (is("nonlocal")) return TokenKind::KwNonlocal;
      break;
    case 'o': if (n == 2 && s[1] == 'r') return TokenKind::KwOr; break;
    case 'p': if (is("pass")) return TokenKind::KwPass; break;
    case 'r':
      if (is("raise")) return TokenKind::KwRaise;
      if (is("return")) return TokenKind::KwReturn;
      break;
    case 't': if (is("try")) return TokenKind::KwTry; break;
    case 'w':
      if (is("while")) return TokenKind::KwWhile;
      if (is("with")) return TokenKind::KwWith;
      break;
    case 'y': if (is("yield")) return TokenKind::KwYield; break;
    default: break;
  }
  return TokenKind::Name;
}

// One f-string (or t-string) being read: CPython's tokenizer_mode.
struct StringMode {
  bool literal_mode = true;   // reading literal text (TOK_FSTRING_MODE), else an expression
  bool raw = false;
  bool tstring = false;
  char quote = '"';
  int quote_size = 1;
  int curly_depth = 0;        // brackets open inside this string's replacement fields
  int expr_start_depth = -1;  // curly_depth at which the innermost field started; -1: none
  std::uint32_t start = 0;    // offset of the prefix
  int start_line = 0;
  std::uint32_t start_line_start = 0;
};

constexpr int kMaxFStringLevel = 150;  // CPython's MAXFSTRINGLEVEL
constexpr int kMaxExprNesting = 3;     // CPython's MAX_EXPR_NESTING
// sys.int_info.default_max_str_digits: CPython refuses longer decimal int literals.
constexpr std::size_t kMaxStrDigits = 4300;

class Lexer {
 public:
  // `padded`: null, or `text` already followed by what pad() appends.
  Lexer(std::string_view text, const char* padded, std::vector<Token>& out, SyntaxError& error,
        const LexerOptions& options)
      : size_(text.size()), out_(out), error_(error), options_(options) {
    implicit_newline_ = !text.empty() && text.back() != '\n';
    end_ = text.size() + (implicit_newline_ ? 1 : 0);
    if (padded != nullptr) {
      b_ = padded;
    } else {
      buf_.reserve(text.size() + 1 + kPadding);
      buf_.assign(text);
      pad(buf_);
      b_ = buf_.data();
    }
    paren_stack_.resize(static_cast<std::size_t>(options.max_paren_depth > 0 ? options.max_paren_depth : 1));
    indent_stack_.reserve(static_cast<std::size_t>(options.max_indent_depth + 1));
    alt_indent_stack_.reserve(static_cast<std::size_t>(options.max_indent_depth + 1));
    indent_stack_.push_back(0);
    alt_indent_stack_.push_back(0);
  }

  bool run();

  // CPython's implicit final newline and NUL padding after the text, so the scanner
  // can look a few bytes ahead without bounds checks. Offsets are unchanged.
  static constexpr std::size_t kPadding = 8;
  static void pad(std::string& text) {
    if (!text.empty() && text.back() != '\n') text += '\n';
    text.append(kPadding, '\0');
  }

 private:
  struct Paren {
    char c;
    int line;
    int col;
  };

  // --- positions and output -------------------------------------------------
  int col_of(std::size_t offset) const { return static_cast<int>(offset - line_start_); }
  void new_line(std::size_t after_newline) {
    ++line_;
    line_start_ = after_newline;
  }
  // A token from (start, its line, its line start) to the current position.
  [[gnu::always_inline]] void emit(TokenKind kind, std::size_t start, int start_line,
                                   std::size_t start_line_start, std::size_t end) {
    // One aggregate, so the compiler stores it straight into the vector. Only DEDENTs at
    // the end of the text start or end past it (see indentation()).
    out_.push_back(Token{kind, false, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end),
                         start_line, static_cast<int>(start - start_line_start), line_,
                         static_cast<int>(end - line_start_)});
  }
  [[gnu::always_inline]] void emit_here(TokenKind kind, std::size_t start, std::size_t end) {
    emit(kind, start, line_, line_start_, end);
  }

  // --- errors ---------------------------------------------------------------
  bool fail(std::string message, int line, int col, int end_line, int end_col,
            SyntaxErrorKind kind = SyntaxErrorKind::Syntax) {
    error_.kind = kind;
    error_.message = std::move(message);
    error_.lineno = line;
    error_.col_offset = col < 0 ? 0 : col;
    error_.end_lineno = end_line;
    error_.end_col_offset = end_col < 0 ? 0 : end_col;
    return false;
  }
  // CPython's syntaxerror(tok, ...): reported at the character before `cur`.
  bool fail_before(std::size_t cur, std::string message) {
    std::size_t p = cur > line_start_ ? cur - 1 : line_start_;
    while (p > line_start_ && (static_cast<unsigned char>(b_[p]) & 0xC0) == 0x80) --p;
    int col = col_of(p);
    return fail(std::move(message), line_, col, line_, col);
  }

  bool at_end(std::size_t i) const { return i >= end_; }
  // End of input inside brackets: CPython names the innermost open one.
  bool unclosed_bracket() {
    const Paren& p = paren_stack_[static_cast<std::size_t>(level_ - 1)];
    return fail(std::string("'") + p.c + "' was never closed", p.line, p.col, p.line, p.col);
  }

  // --- the pieces -----------------------------------------------------------
  bool indentation();
  bool line_continuation(std::size_t backslash);
  [[gnu::always_inline]] inline bool regular_token();
  [[gnu::always_inline]] inline bool identifier_or_string(std::size_t start);
  bool prefixed_string(std::size_t start);
  bool verify_identifier(std::size_t start, std::size_t end);
  bool number(std::size_t start);
  bool decimal_tail(std::size_t& i);
  bool check_int_digits(std::size_t start, std::size_t end);
  bool verify_end_of_number(std::size_t i, const char* kind);
  bool string(std::size_t start, std::size_t quote_pos);
  bool check_literal_utf8(std::size_t begin, std::size_t end, int line, int col);
  bool fstring_start(std::size_t start, std::size_t quote_pos, bool raw, bool tstring);
  bool fstring_text();
  bool fstring_text_piece();
  // Python < 3.12: an f-string was one STRING token whose expressions could not
  // hold backslashes, comments, line breaks (single quotes) or its own quote.
  bool legacy_fstrings() const { return options_.feature_minor < 12 && !modes_.empty(); }
  bool legacy_fstring_error(const char* message, std::size_t at) {
    int col = col_of(at);
    return fail(message, line_, col, line_, col);
  }
  bool legacy_nested_string(std::size_t start, std::size_t quote_pos);
  bool legacy_check_piece(const Token& t);
  bool op(std::size_t start);
  bool open_bracket(std::size_t start, char c);
  bool close_bracket(std::size_t start, char c);
  bool close_bracket_checked(std::size_t start, char c);
  bool enter_replacement_field(StringMode& mode, std::size_t at);

  std::string buf_;
  const char* b_ = nullptr;
  std::size_t size_;      // size of the real text
  std::size_t end_ = 0;   // size including the implicit newline
  bool implicit_newline_ = false;
  std::size_t cur_ = 0;
  int line_ = 1;
  std::size_t line_start_ = 0;
  bool atbol_ = true;
  bool blankline_ = false;
  bool done_ = false;  // ENDMARKER given
  std::vector<Token>& out_;
  SyntaxError& error_;
  const LexerOptions& options_;
  std::vector<int> indent_stack_;
  std::vector<int> alt_indent_stack_;
  std::vector<Paren> paren_stack_;
  int level_ = 0;
  std::vector<StringMode> modes_;
};

bool Lexer::run() {
  for (;;) {
    if (!modes_.empty() && modes_.back().literal_mode) {
      if (!fstring_text()) return false;
      continue;
    }
    if (atbol_) {
      atbol_ = false;
      blankline_ = false;
      if (!indentation()) return false;
    }
    if (!regular_token()) return false;
    if (done_) return true;
  }
}

// Start of a physical line outside brackets' implicit joining rules: measure the
// indentation (tabs to multiples of 8, and to multiples of 1 for the TabError
// check) and emit INDENT/DEDENT. Blank and comment-only lines do not count.
bool Lexer::indentation() {
  int col = 0, altcol = 0, cont_line_col = 0;
  // Spaces eight at a time first: most indentation is nothing else. The buffer's
  // padding lets the load read past a short last line.
  static constexpr std::uint64_t kEightSpaces = 0x2020202020202020ull;
  for (std::uint64_t word; std::memcpy(&word, b_ + cur_, 8), word == kEightSpaces;) {
    cur_ += 8;
    col += 8;
    altcol += 8;
  }
  for (;;) {
    char c = b_[cur_];
    if (c == ' ') {
      ++col, ++altcol;
    } else if (c == '\t') {
      col = (col / 8 + 1) * 8;
      altcol = altcol + 1;
    } else if (c == '\f') {
      col = altcol = 0;
    } else if (c == '\\' && !at_end(cur_)) {
      // Indentation cannot be split over lines: the first backslash decides it.
      cont_line_col = cont_line_col ? cont_line_col : col;
      if (!line_continuation(cur_)) return false;
      continue;
    } else {
      break;
    }
    ++cur_;
  }
  char c = b_[cur_];
  if (c == '#' || c == '\n') {
    blankline_ = true;
    return true;
  }
  if (level_ != 0) return true;
  if (cont_line_col) col = altcol = cont_line_col;
  const std::size_t here = cur_;
  if (col == indent_stack_.back()) {
    if (altcol != alt_indent_stack_.back()) {
      return fail("inconsistent use of tabs and spaces in indentation", line_, 0, line_, 0);
    }
  } else if (col > indent_stack_.back()) {
    if (static_cast<int>(indent_stack_.size()) >= options_.max_indent_depth) {
      return fail("too many levels of indentation", line_, 0, line_, 0, SyntaxErrorKind::TooDeep);
    }
    if (altcol <= alt_indent_stack_.back()) {
      return fail("inconsistent use of tabs and spaces in indentation", line_, 0, line_, 0);
    }
    indent_stack_.push_back(col);
    alt_indent_stack_.push_back(altcol);
    emit(TokenKind::Indent, line_start_, line_, line_start_, here);
  } else {
    int dedents = 0;
    while (indent_stack_.size() > 1 && col < indent_stack_.back()) {
      indent_stack_.pop_back();
      alt_indent_stack_.pop_back();
      ++dedents;
    }
    if (col != indent_stack_.back()) {
      std::size_t eol = here;
      while (!at_end(eol) && b_[eol] != '\n') ++eol;
      int eol_col = col_of(eol);
      return fail("unindent does not match any outer indentation level", line_, eol_col, line_,
                  eol_col);
    }
    if (altcol != alt_indent_stack_.back()) {
      return fail("inconsistent use of tabs and spaces in indentation", line_, 0, line_, 0);
    }
    for (int i = 0; i < dedents; ++i) {
      emit_here(TokenKind::Dedent, here, here);
      // At the end of the text `here` is past the implicit newline: the offsets stop at
      // the text's end (no other token reaches past it).
      if (here > size_) out_.back().start = out_.back().end = static_cast<std::uint32_t>(size_);
    }
  }
  return true;
}

// A backslash at `backslash`: must be followed by a newline, and the file must go on.
bool Lexer::line_continuation(std::size_t backslash) {
  std::size_t next = backslash + 1;
  if (at_end(next) || b_[next] != '\n') {
    if (at_end(next)) {
      return fail("unexpected EOF while parsing", line_, col_of(next), line_, col_of(next));
    }
    int col = col_of(next);
    return fail("unexpected character after line continuation character", line_, col, line_, col);
  }
  if (at_end(next + 1)) {
    if (level_ > 0) return unclosed_bracket();
    int col = col_of(next);
    return fail("unexpected EOF while parsing", line_, col, line_, col);
  }
  cur_ = next + 1;
  new_line(cur_);
  return true;
}

bool Lexer::regular_token() {
  for (;;) {
    // Skip spaces ('\t' and '\f' are rarer: the switch skips them).
    std::size_t start = cur_;
    while (b_[start] == ' ') ++start;
    cur_ = start;
    const char c = b_[cur_];
    switch (kTable.cls[static_cast<unsigned char>(c)]) {
      // After a name, number or operator the next token follows at once unless the
      // token opened or left an f-string's text (nothing here starts a line).
      case kIdent:
      case kHigh:
        if (!identifier_or_string(start)) return false;
        if (modes_.empty()) continue;
        return true;
      case kDigit:
        if (!number(start)) return false;
        if (modes_.empty()) continue;
        return true;
      case kNewline: {
        if (legacy_fstrings()) {
          for (const StringMode& m : modes_) {
            if (m.quote_size == 1) {
              int col = static_cast<int>(m.start - m.start_line_start);
              return fail("unterminated string literal (detected at line " + std::to_string(line_) + ")",
                          m.start_line, col, m.start_line, col);
            }
          }
        }
        const int newline_line = line_, newline_col = col_of(start);
        cur_ = start + 1;
        new_line(cur_);
        atbol_ = true;
        // Blank lines and line breaks inside brackets give no token.
        if (blankline_ || level_ > 0) return true;
        Token t;
        t.kind = TokenKind::Newline;
        t.start = static_cast<std::uint32_t>(start > size_ ? size_ : start);
        t.end = static_cast<std::uint32_t>(start + 1 > size_ ? size_ : start + 1);
        t.lineno = t.end_lineno = newline_line;
        t.col_offset = newline_col;
        t.end_col_offset = t.col_offset + 1;
        out_.push_back(t);
        return true;
      }
      case kHash: {
        if (legacy_fstrings())
          return legacy_fstring_error("f-string expression part cannot include '#'", start);
        // The buffer always ends with a newline, so there is one to find.
        const void* nl = std::memchr(b_ + start, '\n', end_ - start);
        cur_ = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - b_) : end_;
        continue;
      }
      case kBackslash:
        if (legacy_fstrings())
          return legacy_fstring_error("f-string expression part cannot include a backslash", start);
        if (!line_continuation(start)) return false;
        continue;
      case kQuote:
        if (legacy_fstrings() && !legacy_nested_string(start, start)) return false;
        return string(start, start);
      case kDot: {
        if (is_digit(b_[start + 1])) return number(start);
        if (b_[start + 1] == '.' && b_[start + 2] == '.') {
          cur_ = start + 3;
          emit_here(TokenKind::Ellipsis, start, cur_);
          return true;
        }
        cur_ = start + 1;
        emit_here(TokenKind::Dot, start, cur_);
        return true;
      }
      case kOperator:
        if (!op(start)) return false;
        if (modes_.empty()) continue;
        return true;
      case kEnd:
        break;
      case kSpace:
        cur_ = start + 1;
        continue;
      case kControl: {
        char msg[64];
        std::snprintf(msg, sizeof msg, "invalid non-printable character U+%04X",
                      static_cast<unsigned>(static_cast<unsigned char>(c)));
        return fail(msg, line_, col_of(start), line_, col_of(start));
      }
      case kOther:
        // '$', '?', '`': CPython hands the parser an OP token it cannot use.
        return fail("invalid syntax", line_, col_of(start), line_, col_of(start) + 1);
    }
    // End of input.
    if (level_ > 0) return unclosed_bracket();
    if (!modes_.empty()) {
      // An f-string whose end was never found (cannot normally happen: its text
      // scanner reports it first).
      const StringMode& m = modes_.back();
      int col = static_cast<int>(m.start - m.start_line_start);
      return fail("unterminated f-string literal", m.start_line, col, m.start_line, col);
    }
    // Trailing DEDENTs (normally already given by the last indentation check),
    // then ENDMARKER at column 0 of the line after the last one.
    Token t;
    t.start = t.end = static_cast<std::uint32_t>(size_);
    t.lineno = t.end_lineno = line_;
    for (std::size_t i = 1; i < indent_stack_.size(); ++i) {
      t.kind = TokenKind::Dedent;
      out_.push_back(t);
    }
    indent_stack_.resize(1);
    alt_indent_stack_.resize(1);
    t.kind = TokenKind::EndMarker;
    out_.push_back(t);
    done_ = true;
    return true;
  }
}

bool Lexer::identifier_or_string(std::size_t start) {
  // The whole word first, eight bytes at a time, noting whether one is non-ASCII. Only a
  // word of one or two letters right before a quote can be a string prefix (`rb"`).
  std::size_t i = start;
  unsigned high = 0;
  for (;;) {
    const Bytes8 v = load8(b_ + i);
    const unsigned ident = ident_mask8(v);
    if (ident == 0xFFu) {
      high |= high_mask8(v);
      i += 8;
      continue;
    }
    const unsigned length = static_cast<unsigned>(__builtin_ctz(~ident));
    high |= high_mask8(v) & ((1u << length) - 1u);
    i += length;
    break;
  }
  if (i - start <= 2 && (b_[i] == '"' || b_[i] == '\'')) return prefixed_string(start);
  const bool nonascii = high != 0;
  if (nonascii && !verify_identifier(start, i)) return false;
  cur_ = i;
  emit_here(keyword_kind(b_ + start, i - start), start, i);
  out_.back().non_ascii = nonascii;
  return true;
}

// A word of at most two letters followed by a quote: a string with a prefix when the
// letters make one, else a name (the quote then starts the next token).
bool Lexer::prefixed_string(std::size_t start) {
  // String prefixes: CPython's saw_b / saw_r / saw_u / saw_f (+ saw_t for 3.14).
  bool saw_b = false, saw_r = false, saw_u = false, saw_f = false, saw_t = false;
  const bool tstrings = options_.feature_minor >= 14;
  std::size_t i = start;
  for (;;) {
    char c = b_[i];
    if (!(saw_b || saw_u || saw_f || saw_t) && (c == 'b' || c == 'B')) saw_b = true;
    else if (!(saw_b || saw_u || saw_r || saw_f || saw_t) && (c == 'u' || c == 'U')) saw_u = true;
    else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) saw_r = true;
    else if (!(saw_f || saw_b || saw_u || saw_t) && (c == 'f' || c == 'F')) saw_f = true;
    else if (tstrings && !(saw_f || saw_b || saw_u || saw_t) && (c == 't' || c == 'T')) saw_t = true;
    else break;
    ++i;
    char q = b_[i];
    if (q == '"' || q == '\'') {
      if (legacy_fstrings() && !legacy_nested_string(start, i)) return false;
      if (saw_f || saw_t) return fstring_start(start, i, saw_r, saw_t);
      return string(start, i);
    }
  }
  bool nonascii = false;
  while (is_ident_char(b_[i])) {
    if (static_cast<unsigned char>(b_[i]) >= 0x80) nonascii = true;
    ++i;
  }
  if (nonascii && !verify_identifier(start, i)) return false;
  cur_ = i;
  emit_here(keyword_kind(b_ + start, i - start), start, i);
  out_.back().non_ascii = nonascii;
  return true;
}

bool Lexer::verify_identifier(std::size_t start, std::size_t end) {
  std::string_view ident(b_ + start, end - start);
  Utf8Problem problem;
  if (!check_utf8(ident, problem)) {
    // CPython points at the identifier's last byte.
    int col = col_of(end) - 1;
    return fail("(unicode error) " + utf8_error_text(ident, problem), line_, col, line_, col);
  }
  std::size_t i = 0;
  bool first = true;
  while (i < ident.size()) {
    std::size_t char_start = i;
    char32_t ch;
    auto b0 = static_cast<unsigned char>(ident[i]);
    if (b0 < 0x80) {
      ch = b0;
      i += 1;
    } else if (b0 < 0xE0) {
      ch = (char32_t(b0 & 0x1F) << 6) | (ident[i + 1] & 0x3F);
      i += 2;
    } else if (b0 < 0xF0) {
      ch = (char32_t(b0 & 0x0F) << 12) | (char32_t(ident[i + 1] & 0x3F) << 6) | (ident[i + 2] & 0x3F);
      i += 3;
    } else {
      ch = (char32_t(b0 & 0x07) << 18) | (char32_t(ident[i + 1] & 0x3F) << 12) |
           (char32_t(ident[i + 2] & 0x3F) << 6) | (ident[i + 3] & 0x3F);
      i += 4;
    }
    bool ok = first ? (ch == '_' || unicode::is_xid_start(ch)) : unicode::is_xid_continue(ch);
    first = false;
    if (!ok) {
      int col = col_of(start + char_start);
      char msg[96];
      if (unicode::is_printable(ch)) {
        std::string text(ident.substr(char_start, i - char_start));
        std::snprintf(msg, sizeof msg, "invalid character '%s' (U+%04X)", text.c_str(),
                      static_cast<unsigned>(ch));
      } else {
        std::snprintf(msg, sizeof msg, "invalid non-printable character U+%04X",
                      static_cast<unsigned>(ch));
      }
      return fail(msg, line_, col, line_, col);
    }
  }
  return true;
}

// After a number: CPython 3.12 tolerates (with a warning) a keyword glued to it
// for the keywords that can follow a number in valid code; other letters are errors.
bool Lexer::verify_end_of_number(std::size_t i, const char* kind) {
  char c = b_[i];
  bool r = false;
  auto ahead = [&](const char* word) { return std::strncmp(b_ + i + 1, word, std::strlen(word)) == 0; };
  if (c == 'a') r = ahead("nd");
  else if (c == 'e') r = ahead("lse");
  else if (c == 'f') r = ahead("or");
  else if (c == 'i') r = b_[i + 1] == 'f' || b_[i + 1] == 'n' || b_[i + 1] == 's';
  else if (c == 'o') r = ahead("r");
  else if (c == 'n') r = ahead("ot");
  if (r) return true;
  if (static_cast<unsigned char>(c) < 128 && is_ident_char(c)) {
    return fail_before(i, std::string("invalid ") + kind + " literal");
  }
  return true;
}

bool Lexer::check_int_digits(std::size_t start, std::size_t end) {
  std::size_t digits = 0;
  for (std::size_t i = start; i < end; ++i) digits += b_[i] != '_';
  if (digits <= kMaxStrDigits) return true;
  return fail("Exceeds the limit (4300 digits) for integer string conversion: value has " +
                  std::to_string(digits) +
                  " digits; use sys.set_int_max_str_digits() to increase the limit - Consider "
                  "hexadecimal for huge integer literals to avoid decimal conversion limits.",
              line_, 0, line_, 0);
}

// Digits with single underscores between them; `i` is at a digit already consumed.
bool Lexer::decimal_tail(std::size_t& i) {
  for (;;) {
    while (is_digit(b_[i])) ++i;
    if (b_[i] != '_') return true;
    ++i;
    if (!is_digit(b_[i])) return fail_before(i, "invalid decimal literal");
  }
}

bool Lexer::number(std::size_t start) {
  std::size_t i = start;
  auto finish = [&](std::size_t end) {
    cur_ = end;
    emit_here(TokenKind::Number, start, end);
    return true;
  };
  bool fraction_path = false, exponent_path = false, imaginary_path = false;
  if (b_[i] == '.') {
    ++i;  // ".5": straight to the fraction
    fraction_path = true;
  } else if (b_[i] == '0') {
    ++i;
    char c = b_[i];
    if (c == 'x' || c == 'X') {
      ++i;
      do {
        if (b_[i] == '_') ++i;
        if (!is_xdigit(b_[i])) return fail_before(i, "invalid hexadecimal literal");
        while (is_xdigit(b_[i])) ++i;
      } while (b_[i] == '_');
      if (!verify_end_of_number(i, "hexadecimal")) return false;
      return finish(i);
    }
    if (c == 'o' || c == 'O' || c == 'b' || c == 'B') {
      const bool octal = c == 'o' || c == 'O';
      const char top = octal ? '8' : '2';
      const char* kind = octal ? "octal" : "binary";
      ++i;
      do {
        if (b_[i] == '_') ++i;
        if (b_[i] < '0' || b_[i] >= top) {
          if (is_digit(b_[i])) {
            return fail_before(i + 1, std::string("invalid digit '") + b_[i] + "' in " + kind + " literal");
          }
          return fail_before(i, std::string("invalid ") + kind + " literal");
        }
        while (b_[i] >= '0' && b_[i] < top) ++i;
      } while (b_[i] == '_');
      if (is_digit(b_[i])) {
        return fail_before(i + 1, std::string("invalid digit '") + b_[i] + "' in " + kind + " literal");
      }
      if (!verify_end_of_number(i, kind)) return false;
      return finish(i);
    }
    // "0", "00", "0_0", or an old-style octal (an error unless it turns into a float).
    bool nonzero = false;
    for (;;) {
      if (b_[i] == '_') {
        ++i;
        if (!is_digit(b_[i])) return fail_before(i, "invalid decimal literal");
      }
      if (b_[i] != '0') break;
      ++i;
    }
    std::size_t zeros_end = i;
    if (is_digit(b_[i])) {
      nonzero = true;
      if (!decimal_tail(i)) return false;
    }
    c = b_[i];
    if (c == '.') {
      ++i;
      fraction_path = true;
    } else if (c == 'e' || c == 'E') {
      exponent_path = true;
    } else if (c == 'j' || c == 'J') {
      imaginary_path = true;
    } else if (nonzero) {
      return fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix "
                  "for octal integers",
                  line_, col_of(start), line_, col_of(zeros_end));
    } else {
      if (!verify_end_of_number(i, "decimal")) return false;
      return finish(i);
    }
  } else {
    if (!decimal_tail(i)) return false;
    if (b_[i] == '.') {
      ++i;
      fraction_path = true;
    } else if (b_[i] == 'e' || b_[i] == 'E') {
      exponent_path = true;
    } else if (b_[i] == 'j' || b_[i] == 'J') {
      imaginary_path = true;
    } else {
      if (!verify_end_of_number(i, "decimal")) return false;
      if (i - start > kMaxStrDigits && !check_int_digits(start, i)) return false;
      return finish(i);
    }
  }
  if (fraction_path) {
    if (is_digit(b_[i]) && !decimal_tail(i)) return false;
    if (b_[i] == 'e' || b_[i] == 'E') exponent_path = true;
    else if (b_[i] == 'j' || b_[i] == 'J') imaginary_path = true;
  }
  if (exponent_path) {
    std::size_t e = i;
    ++i;
    if (b_[i] == '+' || b_[i] == '-') {
      ++i;
      if (!is_digit(b_[i])) return fail_before(i, "invalid decimal literal");
    } else if (!is_digit(b_[i])) {
      // "1else": the 'e' starts the next token.
      if (!verify_end_of_number(e, "decimal")) return false;
      return finish(e);
    }
    if (!decimal_tail(i)) return false;
    if (b_[i] == 'j' || b_[i] == 'J') imaginary_path = true;
  }
  if (imaginary_path) {
    ++i;
    if (!verify_end_of_number(i, "imaginary")) return false;
    return finish(i);
  }
  if (!verify_end_of_number(i, "decimal")) return false;
  return finish(i);
}

// A plain string literal; `quote_pos` is the opening quote, `start` the prefix.
bool Lexer::string(std::size_t start, std::size_t quote_pos) {
  const char quote = b_[quote_pos];
  const int start_line = line_;
  const std::size_t start_line_start = line_start_;
  int quote_size = 1;
  std::size_t i = quote_pos + 1;
  int end_quote_size = 0;
  unsigned high = 0;  // a byte >= 0x80 in the body
  if (b_[i] == quote) {
    if (b_[i + 1] == quote) {
      quote_size = 3;
      i += 2;
    } else {
      ++i;
      end_quote_size = 1;  // the empty string
    }
  }
  while (end_quote_size != quote_size) {
    // Skip ordinary bytes in bulk: only quotes, backslashes, newlines and the
    // final NUL padding need a decision.
    if (end_quote_size == 0) {
      for (;;) {
        const Bytes8 v = load8(b_ + i);
        const unsigned stop = string_stop_mask8(v);
        if (stop != 0) {
          const unsigned length = static_cast<unsigned>(__builtin_ctz(stop));
          high |= high_mask8(v) & ((1u << length) - 1u);
          i += length;
          break;
        }
        high |= high_mask8(v);
        i += 8;
      }
    }
    char c = b_[i];
    if (at_end(i) || (quote_size == 1 && c == '\n')) {
      // At the end of input CPython is still on the last line (the buffer always
      // ends with a newline here, real or implicit).
      int detected = at_end(i) ? line_ - 1 : line_;
      int col = static_cast<int>(start - start_line_start);
      if (!modes_.empty()) {
        const StringMode& m = modes_.back();
        if (m.quote == quote && m.quote_size == quote_size) {
          return fail("f-string: expecting '}'", start_line, col, start_line, col);
        }
      }
      std::string msg = quote_size == 3 ? "unterminated triple-quoted string literal (detected at line "
                                        : "unterminated string literal (detected at line ";
      msg += std::to_string(detected) + ")";
      return fail(std::move(msg), start_line, col, start_line, col);
    }
    ++i;
    if (c == quote) {
      ++end_quote_size;
    } else {
      end_quote_size = 0;
      high |= static_cast<unsigned char>(c) & 0x80u;  // after a quote, c was not bulk-scanned
      if (c == '\n') {
        new_line(i);
      } else if (c == '\\') {
        if (!at_end(i)) {
          if (b_[i] == '\n') new_line(i + 1);
          high |= static_cast<unsigned char>(b_[i]) & 0x80u;
          ++i;
        }
      }
    }
  }
  cur_ = i;
  // A str literal must be valid UTF-8 (CPython fails when it decodes the literal;
  // without a coding cookie nothing checked the bytes before).
  bool is_bytes = false;
  for (std::size_t k = start; k < quote_pos; ++k) is_bytes |= b_[k] == 'b' || b_[k] == 'B';
  if (!is_bytes && high != 0) {
    const std::size_t body_start = quote_pos + static_cast<std::size_t>(quote_size);
    const std::size_t body_end = i - static_cast<std::size_t>(quote_size);
    if (!check_literal_utf8(body_start, body_end, start_line, static_cast<int>(start - start_line_start)))
      return false;
  }
  if (legacy_fstrings() && std::memchr(b_ + start, '\\', i - start) != nullptr) {
    return fail("f-string expression part cannot include a backslash", start_line,
                static_cast<int>(start - start_line_start), start_line,
                static_cast<int>(start - start_line_start));
  }
  emit(TokenKind::String, start, start_line, start_line_start, i);
  return true;
}

bool Lexer::legacy_nested_string(std::size_t start, std::size_t quote_pos) {
  const char q = b_[quote_pos];
  const bool triple = b_[quote_pos + 1] == q && b_[quote_pos + 2] == q;
  for (const StringMode& m : modes_) {
    // The enclosing STRING token would have ended at this quote.
    if (m.quote == q && (m.quote_size == 1 || triple)) {
      return legacy_fstring_error("f-string: expecting '}'", start);
    }
  }
  return true;
}

// Literal text of an f-string nested in another's expression (Python < 3.12).
bool Lexer::legacy_check_piece(const Token& t) {
  if (modes_.size() < 2) return true;
  std::string_view text(b_ + t.start, t.end - t.start);
  if (text.find('\\') != std::string_view::npos) {
    return fail("f-string expression part cannot include a backslash", t.lineno, t.col_offset, t.lineno,
                t.col_offset);
  }
  if (text.find('\n') != std::string_view::npos) {
    for (std::size_t k = 0; k + 1 < modes_.size(); ++k) {
      const StringMode& m = modes_[k];
      if (m.quote_size == 1) {
        int col = static_cast<int>(m.start - m.start_line_start);
        return fail("unterminated string literal (detected at line " + std::to_string(t.lineno) + ")",
                    m.start_line, col, m.start_line, col);
      }
    }
  }
  return true;
}

bool Lexer::check_literal_utf8(std::size_t begin, std::size_t end, int line, int col) {
  std::string_view body(b_ + begin, end > begin ? end - begin : 0);
  bool high = false;
  std::size_t k = 0;
  for (; k + 8 <= body.size() && !high; k += 8) {
    std::uint64_t word;
    std::memcpy(&word, body.data() + k, 8);
    high = (word & 0x8080808080808080ull) != 0;
  }
  for (; k < body.size() && !high; ++k) high = static_cast<unsigned char>(body[k]) >= 0x80;
  if (!high) return true;
  Utf8Problem problem;
  if (check_utf8(body, problem)) return true;
  return fail("(unicode error) " + utf8_error_text(body, problem), line, col, line, col);
}

bool Lexer::fstring_start(std::size_t start, std::size_t quote_pos, bool raw, bool tstring) {
  const char quote = b_[quote_pos];
  int quote_size = 1;
  if (b_[quote_pos + 1] == quote && b_[quote_pos + 2] == quote) quote_size = 3;
  std::size_t i = quote_pos + static_cast<std::size_t>(quote_size);
  if (static_cast<int>(modes_.size()) + 1 >= kMaxFStringLevel) {
    return fail_before(i, "too many nested f-strings");
  }
  StringMode m;
  m.literal_mode = true;
  m.raw = raw;
  m.tstring = tstring;
  m.quote = quote;
  m.quote_size = quote_size;
  m.start = static_cast<std::uint32_t>(start);
  m.start_line = line_;
  m.start_line_start = static_cast<std::uint32_t>(line_start_);
  modes_.push_back(m);
  cur_ = i;
  emit_here(tstring ? TokenKind::TStringStart : TokenKind::FStringStart, start, i);
  return true;
}

bool Lexer::enter_replacement_field(StringMode& mode, std::size_t at) {
  ++mode.expr_start_depth;
  if (mode.expr_start_depth >= (options_.feature_minor < 12 ? 2 : kMaxExprNesting)) {
    return fail_before(at, mode.tstring ? "t-string: expressions nested too deeply"
                                        : "f-string: expressions nested too deeply");
  }
  mode.literal_mode = false;
  return true;
}

// Literal text of an f-string (CPython's tok_get_fstring_mode). Emits one
// FSTRING_MIDDLE (possibly empty, as CPython does), or FSTRING_END, or switches
// to expression mode at a replacement field.
bool Lexer::fstring_text() {
  const std::size_t before = out_.size();
  if (!fstring_text_piece()) return false;
  // A literal piece must be valid UTF-8, as for str literals.
  if (out_.size() > before) {
    const Token& t = out_.back();
    if ((t.kind == TokenKind::FStringMiddle || t.kind == TokenKind::TStringMiddle) &&
        !check_literal_utf8(t.start, t.end, t.lineno, t.col_offset))
      return false;
    if (t.kind == TokenKind::FStringMiddle && options_.feature_minor < 12 && !legacy_check_piece(t))
      return false;
  }
  return true;
}

bool Lexer::fstring_text_piece() {
  StringMode& m = modes_.back();
  const TokenKind middle = m.tstring ? TokenKind::TStringMiddle : TokenKind::FStringMiddle;
  const std::size_t start = cur_;
  const int start_line = line_;
  const std::size_t start_line_start = line_start_;

  if (b_[start] == '{' && b_[start + 1] != '{') return enter_replacement_field(m, start);

  bool at_quote_end = true;
  for (int k = 0; k < m.quote_size; ++k) {
    if (b_[start + static_cast<std::size_t>(k)] != m.quote) {
      at_quote_end = false;
      break;
    }
  }
  if (at_quote_end) {
    cur_ = start + static_cast<std::size_t>(m.quote_size);
    emit_here(m.tstring ? TokenKind::TStringEnd : TokenKind::FStringEnd, start, cur_);
    modes_.pop_back();
    return true;
  }

  std::size_t i = start;
  int end_quote_size = 0;
  bool unicode_escape = false;
  while (end_quote_size != m.quote_size) {
    const char c = b_[i];
    const bool in_format_spec = m.expr_start_depth >= 0;
    if (at_end(i) || (m.quote_size == 1 && c == '\n')) {
      if (in_format_spec && c == '\n' && !at_end(i)) {
        cur_ = i;
        emit(middle, start, start_line, start_line_start, i);
        m.literal_mode = false;
        return true;
      }
      int col = static_cast<int>(m.start - m.start_line_start);
      const char* kind = m.tstring ? "t-string" : "f-string";
      int detected = at_end(i) ? line_ - 1 : line_;
      std::string msg = std::string(m.quote_size == 3 ? "unterminated triple-quoted " : "unterminated ") +
                        kind + " literal (detected at line " + std::to_string(detected) + ")";
      return fail(std::move(msg), m.start_line, col, m.start_line, col);
    }
    ++i;
    if (c == '\n') new_line(i);
    if (c == m.quote) {
      ++end_quote_size;
      continue;
    }
    end_quote_size = 0;
    if (c == '{') {
      if (b_[i] != '{' || in_format_spec) {
        --i;
        cur_ = i;
        emit(middle, start, start_line, start_line_start, i);
        return enter_replacement_field(m, i);
      }
      // "{{": the token keeps the first brace, the second is skipped.
      cur_ = i + 1;
      emit(middle, start, start_line, start_line_start, i);
      return true;
    }
    if (c == '}') {
      if (unicode_escape) {
        cur_ = i;
        emit(middle, start, start_line, start_line_start, i);
        return true;
      }
      if (b_[i] == '}' && !in_format_spec) {
        cur_ = i + 1;
        emit(middle, start, start_line, start_line_start, i);
        return true;
      }
      --i;
      cur_ = i;
      emit(middle, start, start_line, start_line_start, i);
      m.literal_mode = false;
      return true;
    }
    if (c == '\\') {
      if (at_end(i)) continue;
      char peek = b_[i];
      if (peek == '{' || peek == '}') continue;  // the brace is looked at by the loop
      ++i;
      if (peek == '\n') {
        new_line(i);
      } else if (!m.raw && peek == 'N') {
        if (b_[i] == '{') {
          unicode_escape = true;
          ++i;
        }
      }
    }
  }
  // Closing quotes found: the text before them is the last FSTRING_MIDDLE.
  i -= static_cast<std::size_t>(m.quote_size);
  cur_ = i;
  emit(middle, start, start_line, start_line_start, i);
  return true;
}

bool Lexer::open_bracket(std::size_t start, char c) {
  if (level_ >= options_.max_paren_depth) {
    return fail("too many nested parentheses", line_, col_of(start), line_, col_of(start),
                SyntaxErrorKind::TooDeep);
  }
  paren_stack_[static_cast<std::size_t>(level_)] = Paren{c, line_, col_of(start)};
  ++level_;
  if (!modes_.empty()) ++modes_.back().curly_depth;
  return true;
}

bool Lexer::close_bracket(std::size_t start, char c) {
  // Most closings match their opening outside f-strings; the rest decides below.
  if (level_ > 0 && modes_.empty()) {
    const char open = paren_stack_[static_cast<std::size_t>(level_ - 1)].c;
    if ((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}')) {
      --level_;
      return true;
    }
  }
  return close_bracket_checked(start, c);
}

bool Lexer::close_bracket_checked(std::size_t start, char c) {
  StringMode* m = modes_.empty() ? nullptr : &modes_.back();
  int col = col_of(start);
  if (m && m->curly_depth == 0 && c == '}') {
    return fail(m->tstring ? "t-string: single '}' is not allowed" : "f-string: single '}' is not allowed",
                line_, col, line_, col);
  }
  if (level_ == 0) return fail(std::string("unmatched '") + c + "'", line_, col, line_, col);
  --level_;
  const Paren& open = paren_stack_[static_cast<std::size_t>(level_)];
  if (!((open.c == '(' && c == ')') || (open.c == '[' && c == ']') || (open.c == '{' && c == '}'))) {
    if (m && open.c == '{' && m->curly_depth - 1 == m->expr_start_depth) {
      return fail(std::string(m->tstring ? "t-string" : "f-string") + ": unmatched '" + c + "'", line_, col,
                  line_, col);
    }
    std::string msg = std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" +
                      open.c + "'";
    if (open.line != line_) msg += " on line " + std::to_string(open.line);
    return fail(std::move(msg), line_, col, line_, col);
  }
  if (m) {
    --m->curly_depth;
    if (c == '}' && m->curly_depth == m->expr_start_depth) {
      --m->expr_start_depth;
      m->literal_mode = true;
    }
  }
  return true;
}

bool Lexer::op(std::size_t start) {
  const char c = b_[start];
  const char c2 = b_[start + 1];
  const char c3 = b_[start + 2];
  TokenKind kind;
  std::size_t len = 1;
  switch (c) {
    case '(':
    case '[':
    case '{':
      if (!open_bracket(start, c)) return false;
      kind = c == '(' ? TokenKind::LPar : (c == '[' ? TokenKind::LSqb : TokenKind::LBrace);
      break;
    case ')':
    case ']':
    case '}':
      if (!close_bracket(start, c)) return false;
      kind = c == ')' ? TokenKind::RPar : (c == ']' ? TokenKind::RSqb : TokenKind::RBrace);
      break;
    case ':':
      if (!modes_.empty()) {
        StringMode& m = modes_.back();
        // A ':' at the top of a replacement field starts its format spec.
        if (m.expr_start_depth >= 0 && m.curly_depth - 1 == m.expr_start_depth) {
          m.literal_mode = true;
          kind = TokenKind::Colon;
          break;
        }
      }
      if (c2 == '=') kind = TokenKind::ColonEqual, len = 2;
      else kind = TokenKind::Colon;
      break;
    case ',': kind = TokenKind::Comma; break;
    case ';': kind = TokenKind::Semi; break;
    case '~': kind = TokenKind::Tilde; break;
    case '+': if (c2 == '=') kind = TokenKind::PlusEqual, len = 2; else kind = TokenKind::Plus; break;
    case '-':
      if (c2 == '=') kind = TokenKind::MinEqual, len = 2;
      else if (c2 == '>') kind = TokenKind::RArrow, len = 2;
      else kind = TokenKind::Minus;
      break;
    case '*':
      if (c2 == '*') {
        if (c3 == '=') kind = TokenKind::DoubleStarEqual, len = 3;
        else kind = TokenKind::DoubleStar, len = 2;
      } else if (c2 == '=') {
        kind = TokenKind::StarEqual, len = 2;
      } else {
        kind = TokenKind::Star;
      }
      break;
    case '/':
      if (c2 == '/') {
        if (c3 == '=') kind = TokenKind::DoubleSlashEqual, len = 3;
        else kind = TokenKind::DoubleSlash, len = 2;
      } else if (c2 == '=') {
        kind = TokenKind::SlashEqual, len = 2;
      } else {
        kind = TokenKind::Slash;
      }
      break;
    case '|': if (c2 == '=') kind = TokenKind::VBarEqual, len = 2; else kind = TokenKind::VBar; break;
    case '&': if (c2 == '=') kind = TokenKind::AmperEqual, len = 2; else kind = TokenKind::Amper; break;
    case '%': if (c2 == '=') kind = TokenKind::PercentEqual, len = 2; else kind = TokenKind::Percent; break;
    case '^': if (c2 == '=') kind = TokenKind::CircumflexEqual, len = 2; else kind = TokenKind::Circumflex; break;
    case '@': if (c2 == '=') kind = TokenKind::AtEqual, len = 2; else kind = TokenKind::At; break;
    case '=': if (c2 == '=') kind = TokenKind::EqEqual, len = 2; else kind = TokenKind::Equal; break;
    case '!': if (c2 == '=') kind = TokenKind::NotEqual, len = 2; else kind = TokenKind::Exclamation; break;
    case '<':
      if (c2 == '<') {
        if (c3 == '=') kind = TokenKind::LeftShiftEqual, len = 3;
        else kind = TokenKind::LeftShift, len = 2;
      } else if (c2 == '=') {
        kind = TokenKind::LessEqual, len = 2;
      } else if (c2 == '>') {
        // "<>" is only valid under `from __future__ import barry_as_FLUFL`.
        return fail("invalid syntax", line_, col_of(start), line_, col_of(start) + 2);
      } else {
        kind = TokenKind::Less;
      }
      break;
    case '>':
      if (c2 == '>') {
        if (c3 == '=') kind = TokenKind::RightShiftEqual, len = 3;
        else kind = TokenKind::RightShift, len = 2;
      } else if (c2 == '=') {
        kind = TokenKind::GreaterEqual, len = 2;
      } else {
        kind = TokenKind::Greater;
      }
      break;
    default:
      return fail("invalid syntax", line_, col_of(start), line_, col_of(start) + 1);
  }
  cur_ = start + len;
  emit_here(kind, start, cur_);
  return true;
}

}  // namespace

namespace {
// The checks made before scanning; false with `error` filled when the text is refused.
bool acceptable_source(std::string_view text, SyntaxError& error) {
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    // CPython gives no position; we name the first NUL's.
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    std::size_t line_start = text.rfind('\n', at);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    int line = 1;
    for (std::size_t i = 0; i < line_start; ++i) line += text[i] == '\n';
    error.kind = SyntaxErrorKind::Syntax;
    error.message = "source code string cannot contain null bytes";
    error.lineno = error.end_lineno = line;
    error.col_offset = error.end_col_offset = static_cast<int>(at - line_start);
    return false;
  }
  if (text.size() >= 0xFFFFFFF0u) {
    error.kind = SyntaxErrorKind::Syntax;
    error.message = "source too large";
    return false;
  }
  return true;
}
}  // namespace

bool tokenize(std::string_view text, std::vector<Token>& tokens, SyntaxError& error,
              const LexerOptions& options) {
  if (!acceptable_source(text, error)) return false;
  Lexer lexer(text, nullptr, tokens, error, options);
  return lexer.run();
}

bool tokenize_in_place(std::string& text, std::vector<Token>& tokens, SyntaxError& error,
                       const LexerOptions& options) {
  if (!acceptable_source(text, error)) return false;
  const std::size_t size = text.size();
  Lexer::pad(text);
  bool ok;
  {
    Lexer lexer(std::string_view(text.data(), size), text.data(), tokens, error, options);
    ok = lexer.run();
  }
  text.resize(size);
  return ok;
}

}  // namespace aegis::py
