// Values of literal tokens: numbers, str and bytes literals, f-string pieces.
#pragma once
#include <string>
#include <string_view>

#include "core/arena.h"
#include "python/ast.h"
#include "python/syntax_error.h"

namespace aegis::py {

// A NUMBER token's value (underscores allowed, hex/octal/binary, floats, imaginary).
// Int values of any size come out as decimal digits; the text is in `arena`, or is
// `token_text` itself when that is already plain decimal digits (so it must outlive
// the value, as the source text of a parsed module does).
ConstantValue number_value(std::string_view token_text, Arena& arena);

struct StringPrefix {
  bool raw = false, bytes = false, unicode = false, fstring = false, tstring = false;
};

// Splits a STRING token (or FSTRING_START/TSTRING_START) into its prefix; returns
// the number of prefix characters.
std::size_t parse_string_prefix(std::string_view token_text, StringPrefix& prefix);

// Decodes the body of a literal (between the quotes) into `out`: escapes, \N{...},
// octal and hex escapes; bytes bodies must be ASCII. `raw` leaves escapes as written.
// On an invalid escape that is an error (\N{unknown}, truncated \x, non-ASCII in
// bytes) returns false with a message in `error.message` and the byte offset of the
// problem in `error_offset` (relative to `body`).
bool decode_string_body(std::string_view body, bool raw, bool bytes, std::string& out,
                        std::string& error_message, std::size_t& error_offset);

}  // namespace aegis::py
