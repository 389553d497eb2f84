// PLACEHOLDER — replaced by the literals work.
#include "python/literals.h"
namespace aegis::py {
ConstantValue number_value(std::string_view t, Arena& a) { ConstantValue v; v.kind = ConstantKind::Int; v.text = a.copy(t); return v; }
std::size_t parse_string_prefix(std::string_view, StringPrefix&) { return 0; }
bool decode_string_body(std::string_view body, bool, bool, std::string& out, std::string&, std::size_t&) { out.assign(body); return true; }
}  // namespace aegis::py
