// The few pieces of Python's Unicode behaviour that packaging's parsers depend on:
// what `\s` and `\w` match, str.lower(), and re.IGNORECASE's extra letter matches.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace aegis::deps::text {

// Decodes the code point at `i` and advances `i`; a byte that does not start a valid
// UTF-8 sequence decodes to itself + 0xDC00 (as Python's surrogateescape), one byte long.
char32_t decode_utf8(std::string_view s, std::size_t& i);
// The start of the code point that ends just before `i` (i > 0).
std::size_t previous_code_point(std::string_view s, std::size_t i);
void append_utf8(std::string& out, char32_t c);

bool is_python_space(char32_t c);  // str.isspace(), which is also re's \s
bool is_python_word(char32_t c);   // re's \w: str.isalnum() or '_'
// str.lower() of one code point (U+0130 is the only one with a two-character result).
void append_python_lower(std::string& out, char32_t c);
std::string python_lower(std::string_view s);
// Under re.IGNORECASE an ASCII letter also matches these code points: U+0130 and U+0131
// match 'i', U+017F matches 's', U+212A (Kelvin sign) matches 'k'. Returns the lowercase
// ASCII letter `c` folds to, or 0.
char fold_to_ascii_letter(char32_t c);
// `s` in single quotes for an error message, cut (at a character boundary) when long.
std::string quote_for_message(std::string_view s);
// Strips the characters Python's str.strip() removes.
std::string_view python_strip(std::string_view s);

}  // namespace aegis::deps::text
