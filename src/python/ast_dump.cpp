#include "python/ast_dump.h"

#include "python/pyrepr.h"

namespace aegis::py {

void AstDumper::identifier(std::string_view s) { repr_str(out_, s); }

void AstDumper::identifier_list(const Span<std::string_view>& items) {
  out_ += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out_ += ", ";
    repr_str(out_, items[i]);
  }
  out_ += ']';
}

void AstDumper::constant(const ConstantValue& v) { repr_constant(out_, v); }

void AstDumper::attributes(bool& first, const Node* n) {
  field(first, "lineno");
  out_ += std::to_string(n->lineno);
  field(first, "col_offset");
  out_ += std::to_string(n->col_offset);
  field(first, "end_lineno");
  out_ += std::to_string(n->end_lineno);
  field(first, "end_col_offset");
  out_ += std::to_string(n->end_col_offset);
}

}  // namespace aegis::py
