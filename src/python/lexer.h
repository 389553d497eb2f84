// The Python tokenizer: the whole token grammar of Python 3.8-3.14, independent of
// the Python installed. Produces every token of a file up front, so the parser can
// look ahead and backtrack freely.
#pragma once
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

// Tokenizes `text` (decoded UTF-8). Returns false and fills `error` when the
// source is rejected; `tokens` then holds what was read before the error.
// NEWLINE/INDENT/DEDENT/ENDMARKER follow CPython's rules (no NL/COMMENT tokens:
// the parser never sees them). Hard keywords get their Kw* kinds.
bool tokenize(std::string_view text, std::vector<Token>& tokens, SyntaxError& error,
              const LexerOptions& options = {});

}  // namespace aegis::py
