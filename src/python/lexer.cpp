// PLACEHOLDER — replaced by the lexer work.
#include "python/lexer.h"
namespace aegis::py {
const char* token_kind_text(TokenKind k) {
  switch (k) {
#define AEGIS_PY_TOKEN_TEXT(name, text) case TokenKind::name: return text;
    AEGIS_PY_TOKENS(AEGIS_PY_TOKEN_TEXT)
#undef AEGIS_PY_TOKEN_TEXT
  }
  return "?";
}
bool tokenize(std::string_view, std::vector<Token>& tokens, SyntaxError& error, const LexerOptions&) {
  tokens.push_back(Token{});
  error.message = "lexer placeholder";
  return false;
}
}  // namespace aegis::py
