// A rejected source: the message and where, in CPython's coordinates.
#pragma once
#include <string>

namespace aegis::py {

enum class SyntaxErrorKind {
  Syntax,    // SyntaxError / IndentationError / TabError from tokenizer or parser
  Encoding,  // undecodable source or a bad coding cookie
  TooDeep,   // nesting beyond the parser's limit (CPython: "too many nested parentheses" etc.)
};

struct SyntaxError {
  SyntaxErrorKind kind = SyntaxErrorKind::Syntax;
  std::string message;
  int lineno = 0;      // 1-based; 0 if unknown
  int col_offset = 0;  // 0-based UTF-8 byte offset within the line
  int end_lineno = 0;
  int end_col_offset = 0;
};

}  // namespace aegis::py
