#include "python/parser.h"

#include "python/unicode.h"

namespace aegis::py {

Parser::Parser(std::string_view text, const std::vector<Token>& tokens, Arena& arena,
               const ParserOptions& options)
    : text_(text), tokens_(tokens.data()), last_(tokens.size() - 1), arena_(arena), options_(options) {}

bool Parser::at_soft_keyword(std::string_view word, int ahead) const {
  const Token& t = peek(ahead);
  return t.kind == TokenKind::Name && text_of(t) == word;
}

std::string_view Parser::normalized_identifier(const Token& t) {
  return arena_.copy(unicode::nfkc(text_of(t)));
}

std::nullptr_t Parser::syntax_error_range(const std::string& message, int lineno, int col,
                                          int end_lineno, int end_col) {
  if (!error_) error_ = SyntaxError{SyntaxErrorKind::Syntax, message, lineno, col, end_lineno, end_col};
  return nullptr;
}

std::nullptr_t Parser::syntax_error(const std::string& message, const Token& at) {
  return syntax_error_range(message, at.lineno, at.col_offset, at.end_lineno, at.end_col_offset);
}

std::nullptr_t Parser::syntax_error_at_node(const std::string& message, const Node* n) {
  return syntax_error_range(message, n->lineno, n->col_offset, n->end_lineno, n->end_col_offset);
}

std::nullptr_t Parser::too_deep(const Token& at) {
  if (!error_) {
    error_ = SyntaxError{SyntaxErrorKind::TooDeep, "too deeply nested: the parser's nesting limit was reached",
                         at.lineno, at.col_offset, at.end_lineno, at.end_col_offset};
  }
  return nullptr;
}

}  // namespace aegis::py
