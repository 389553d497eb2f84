// PLACEHOLDER — replaced by the repr work.
#include "python/pyrepr.h"
namespace aegis::py {
void repr_str(std::string& out, std::string_view s) { out += '\''; out += s; out += '\''; }
void repr_bytes(std::string& out, std::string_view s) { out += "b'"; out += s; out += '\''; }
void repr_float(std::string& out, double v) { out += std::to_string(v); }
void repr_imaginary(std::string& out, double v) { out += std::to_string(v); out += 'j'; }
void repr_constant(std::string& out, const ConstantValue& v) {
  switch (v.kind) {
    case ConstantKind::None: out += "None"; break;
    case ConstantKind::True: out += "True"; break;
    case ConstantKind::False: out += "False"; break;
    case ConstantKind::Ellipsis: out += "Ellipsis"; break;
    case ConstantKind::Int: out += v.text; break;
    case ConstantKind::Float: repr_float(out, v.number); break;
    case ConstantKind::Complex: repr_imaginary(out, v.number); break;
    case ConstantKind::Str: repr_str(out, v.text); break;
    case ConstantKind::Bytes: repr_bytes(out, v.text); break;
  }
}
}  // namespace aegis::py
