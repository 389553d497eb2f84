// PLACEHOLDER — replaced by the pattern parser work.
#include "python/parser.h"
namespace aegis::py {
Stmt* Parser::match_stmt() { return nullptr; }
}  // namespace aegis::py
