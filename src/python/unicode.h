// The Unicode facts the front end needs, from tables generated out of CPython
// 3.12's unicodedata (Unicode 15.0) by tools/gen_unicode.py.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace aegis::py::unicode {

bool is_xid_start(char32_t c);
bool is_xid_continue(char32_t c);
// As str.isprintable() for one character: what repr() leaves unescaped.
bool is_printable(char32_t c);
// \N{...} in a str literal: character names, name aliases and the algorithmic
// names (CJK UNIFIED IDEOGRAPH-XXXX, HANGUL SYLLABLE ...), case-insensitive as CPython.
std::optional<char32_t> lookup_name(std::string_view name);
// NFKC normalisation, as CPython applies to non-ASCII identifiers.
std::string nfkc(std::string_view utf8);

// Decodes one code point of (generalised) UTF-8 at s[i], advancing i; returns
// U+FFFD and advances one byte on malformed input.
char32_t decode_utf8(std::string_view s, std::size_t& i);
// Appends the (generalised) UTF-8 encoding of c; surrogates become 3-byte sequences.
void append_utf8(std::string& out, char32_t c);

}  // namespace aegis::py::unicode
