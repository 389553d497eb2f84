// PLACEHOLDER — replaced by the expression parser work.
#include "python/parser.h"
namespace aegis::py {
Expr* Parser::expression() { return nullptr; }
Expr* Parser::named_expression() { return nullptr; }
Expr* Parser::star_expressions() { return nullptr; }
Expr* Parser::star_named_expression() { return nullptr; }
Expr* Parser::yield_expr() { return nullptr; }
Expr* Parser::annotated_rhs() { return nullptr; }
Expr* Parser::star_targets() { return nullptr; }
Expr* Parser::single_target() { return nullptr; }
Expr* Parser::del_targets() { return nullptr; }
Expr* Parser::bitwise_or() { return nullptr; }
Expr* Parser::strings() { return nullptr; }
Arguments* Parser::parameters(bool) { return arena().make<Arguments>(); }
bool Parser::call_arguments(std::vector<Expr*>&, std::vector<Keyword*>&) { return false; }
bool Parser::set_context(Expr*, ExprContext) { return false; }
}  // namespace aegis::py
