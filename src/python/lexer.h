// The Python tokenizer: the whole token grammar of Python 3.8-3.14, independent of
// the Python installed. Produces every token of a file up front, so the parser can
// look ahead and backtrack freely.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "python/syntax_error.h"
#include "python/tokens.h"

namespace aegis::py {

struct LexerOptions {
  // The Python 3 minor version whose token grammar applies (12: PEP 701 f-strings,
  // 14: t-strings). Newer syntax is rejected when an older version is asked for.
  int feature_minor = 14;
  int max_paren_depth = 200;  // CPython's MAXLEVEL: "too many nested parentheses"
  int max_indent_depth = 100; // CPython's MAXINDENT: "too many levels of indentation"
};

// The token stream, precisely (CPython 3.12's C tokenizer, Parser/tokenizer.c):
// - NEWLINE spans the '\n' ending a logical line; at the end of a file without a
//   final newline it is empty (start == end == text.size()) but placed one column
//   after the last character. INDENT spans the indentation of its line; DEDENT and
//   ENDMARKER are empty (ENDMARKER at column 0 of the line after the last).
// - STRING: the whole literal, prefix and quotes included (may span lines).
// - FSTRING_START: prefix + opening quote(s), e.g. `rf"""`. FSTRING_END: the quote(s).
// - FSTRING_MIDDLE: a piece of literal text, exactly the source bytes [start, end)
//   (escapes NOT decoded, "\N{...}" kept whole). CPython splits the text:
//   * at "{{" and "}}": the piece ends WITH the first brace and the second brace is
//     skipped (it belongs to no token), so "a{{b" gives pieces "a{" and "b" with a
//     one-byte gap between them; decoding a piece turns its final "{" into "{".
//   * before a replacement field's "{" and before the "}" that closes a field.
//   * after a "\N{...}" escape's "}" (the piece ends with that "}").
//   * at the end quote.
//   Pieces may be EMPTY (start == end), exactly where CPython emits them, e.g.
//   f"{x:}" has one empty piece after ':' and f"{x:{y}}" one after "{y}"; CPython's
//   parser turns the latter into Constant('') in the format spec, so keep them.
//   Inside a format spec "{{" does not escape: "{" always opens a nested field.
//   A piece ending in a lone backslash is possible (f"\{x}"): the backslash is text.
// - Replacement fields: '{' ... [ '=' ] [ '!' NAME ] [ ':' spec-pieces ] '}' as
//   ordinary tokens; ':' at the field's top bracket level always starts the spec
//   (so f"{a:=1}" is the field `a` with spec "=1", as in CPython).
// - TSTRING_* (feature_minor >= 14): the same for t"..." strings.
// - "<>" and stray '$', '?', '`' are rejected here with "invalid syntax" (CPython
//   hands them to its parser, which fails on them).
// - Checks CPython makes later, made here so nothing slips through: str literals
//   and f-string text must be valid UTF-8 (the text is not validated up front when
//   there is no coding cookie, see source_decode.h); decimal int literals longer
//   than 4300 digits are refused (sys.int_info.default_max_str_digits).
// - feature_minor < 12: the same token kinds, but the pre-PEP 701 limits of an
//   f-string's expressions are enforced (no backslash, '#', own quote, or line
//   break inside a single-quoted f-string; format specs nest 2 deep, not 3).
// Errors: message and position as CPython 3.12 reports them (columns converted to
// 0-based UTF-8 bytes); where CPython's parser would report a different error
// first (e.g. "f-string: expecting '}'" before an unclosed bracket at EOF), the
// verdict is the same but the message may differ.
// Tokenizes `text` (decoded UTF-8). Returns false and fills `error` when the
// source is rejected; `tokens` then holds what was read before the error.
// NEWLINE/INDENT/DEDENT/ENDMARKER follow CPython's rules (no NL/COMMENT tokens:
// the parser never sees them). Hard keywords get their Kw* kinds.
bool tokenize(std::string_view text, std::vector<Token>& tokens, SyntaxError& error,
              const LexerOptions& options = {});
// The same without copying the text: the padding the scanner needs is appended to
// `text` for the scan and removed again (its data may move; tokens hold offsets).
bool tokenize_in_place(std::string& text, std::vector<Token>& tokens, SyntaxError& error,
                       const LexerOptions& options = {});

}  // namespace aegis::py
