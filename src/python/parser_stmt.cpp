// PLACEHOLDER — replaced by the statement parser work.
#include "python/parser.h"
namespace aegis::py {
Module* Parser::parse_module() { syntax_error("parser placeholder", peek()); return nullptr; }
bool Parser::block(std::vector<Stmt*>&) { return false; }
}  // namespace aegis::py
