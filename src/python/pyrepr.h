// Python's repr() of literal values, byte for byte as CPython 3.12 writes it.
#pragma once
#include <string>
#include <string_view>

#include "python/ast.h"

namespace aegis::py {

// repr(str): quote choice, escapes, and Unicode printability as str.isprintable().
// `utf8` may hold lone surrogates encoded as 3-byte sequences.
void repr_str(std::string& out, std::string_view utf8);
// repr(bytes).
void repr_bytes(std::string& out, std::string_view bytes);
// repr(float): the shortest text that round-trips, in Python's layout (1e+16, 1e-05, inf).
void repr_float(std::string& out, double value);
// repr(complex) of a pure imaginary literal value, e.g. 1j, 1.5j, infj.
void repr_imaginary(std::string& out, double imag);
// repr of any constant: None, True, False, Ellipsis, ints, floats, complex, str, bytes.
void repr_constant(std::string& out, const ConstantValue& v);

}  // namespace aegis::py
