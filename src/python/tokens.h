// Tokens of Python source, as the lexer hands them to the parser.
#pragma once
#include <cstdint>
#include <string_view>

namespace aegis::py {

#define AEGIS_PY_TOKENS(X)                                                          \
  X(EndMarker, "ENDMARKER") X(Name, "NAME") X(Number, "NUMBER") X(String, "STRING")  \
  X(Newline, "NEWLINE") X(Indent, "INDENT") X(Dedent, "DEDENT")                      \
  X(FStringStart, "FSTRING_START") X(FStringMiddle, "FSTRING_MIDDLE")               \
  X(FStringEnd, "FSTRING_END") X(TStringStart, "TSTRING_START")                     \
  X(TStringMiddle, "TSTRING_MIDDLE") X(TStringEnd, "TSTRING_END")                   \
  /* operators and delimiters */                                                     \
  X(LPar, "(") X(RPar, ")") X(LSqb, "[") X(RSqb, "]") X(LBrace, "{") X(RBrace, "}")  \
  X(Colon, ":") X(Comma, ",") X(Semi, ";") X(Plus, "+") X(Minus, "-") X(Star, "*")   \
  X(Slash, "/") X(VBar, "|") X(Amper, "&") X(Less, "<") X(Greater, ">")              \
  X(Equal, "=") X(Dot, ".") X(Percent, "%") X(EqEqual, "==") X(NotEqual, "!=")       \
  X(LessEqual, "<=") X(GreaterEqual, ">=") X(Tilde, "~") X(Circumflex, "^")          \
  X(LeftShift, "<<") X(RightShift, ">>") X(DoubleStar, "**") X(PlusEqual, "+=")      \
  X(MinEqual, "-=") X(StarEqual, "*=") X(SlashEqual, "/=") X(PercentEqual, "%=")     \
  X(AmperEqual, "&=") X(VBarEqual, "|=") X(CircumflexEqual, "^=")                    \
  X(LeftShiftEqual, "<<=") X(RightShiftEqual, ">>=") X(DoubleStarEqual, "**=")       \
  X(DoubleSlash, "//") X(DoubleSlashEqual, "//=") X(At, "@") X(AtEqual, "@=")        \
  X(RArrow, "->") X(Ellipsis, "...") X(ColonEqual, ":=") X(Exclamation, "!")         \
  /* hard keywords: the lexer gives them their own kinds */                         \
  X(KwFalse, "False") X(KwNone, "None") X(KwTrue, "True") X(KwAnd, "and")            \
  X(KwAs, "as") X(KwAssert, "assert") X(KwAsync, "async") X(KwAwait, "await")        \
  X(KwBreak, "break") X(KwClass, "class") X(KwContinue, "continue") X(KwDef, "def")  \
  X(KwDel, "del") X(KwElif, "elif") X(KwElse, "else") X(KwExcept, "except")          \
  X(KwFinally, "finally") X(KwFor, "for") X(KwFrom, "from") X(KwGlobal, "global")    \
  X(KwIf, "if") X(KwImport, "import") X(KwIn, "in") X(KwIs, "is")                    \
  X(KwLambda, "lambda") X(KwNonlocal, "nonlocal") X(KwNot, "not") X(KwOr, "or")      \
  X(KwPass, "pass") X(KwRaise, "raise") X(KwReturn, "return") X(KwTry, "try")        \
  X(KwWhile, "while") X(KwWith, "with") X(KwYield, "yield")

enum class TokenKind : std::uint8_t {
#define AEGIS_PY_TOKEN_ENUM(name, text) name,
  AEGIS_PY_TOKENS(AEGIS_PY_TOKEN_ENUM)
#undef AEGIS_PY_TOKEN_ENUM
};

// The token's spelling for operators and keywords, its CPython name otherwise.
const char* token_kind_text(TokenKind k);

// Positions follow CPython: lines are 1-based, columns are 0-based UTF-8 byte
// offsets within the line; `start`/`end` are byte offsets into the decoded text.
// Soft keywords (match, case, type, _) are Name tokens; the parser decides.
struct Token {
  TokenKind kind = TokenKind::EndMarker;
  // A Name with a non-ASCII byte (needs NFKC normalisation); in the padding after `kind`.
  bool non_ascii = false;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  int lineno = 0;
  int col_offset = 0;
  int end_lineno = 0;
  int end_col_offset = 0;
};

}  // namespace aegis::py
