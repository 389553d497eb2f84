// PEP 263 / PEP 3120: turn a .py file's bytes into the UTF-8 text the lexer reads.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "python/syntax_error.h"

namespace aegis::py {

struct DecodedSource {
  std::string text;        // UTF-8, BOM removed, \r\n and \r turned into \n as CPython does
  std::string encoding;    // normalised name of the declared or default encoding
};

// Honours a UTF-8 BOM and a coding cookie on line 1 or 2 (as CPython's tokenizer
// does). On failure returns nullopt and fills `error` with a position.
//
// Like CPython's ast.parse(bytes) (string input, not file input): without a cookie
// the bytes are NOT validated up front. Invalid UTF-8 in a comment is accepted;
// in an identifier the lexer rejects it, in a str literal decode_string_body does
// (both with CPython's "(unicode error) 'utf-8' codec can't decode ..." message).
// With an explicit cookie (even utf-8) the whole file is decoded first and any
// undecodable byte is an error with CPython's message. CPython puts these errors
// on line 0; ours carry the position of the bad byte (or of the cookie's line for
// an unknown encoding or a BOM with a non-utf-8 cookie).
std::optional<DecodedSource> decode_source(std::string_view bytes, SyntaxError& error);

// Strict UTF-8 validation with the verdicts of Python's UTF-8 codec.
struct Utf8Problem {
  std::size_t start = 0;        // offset of the first undecodable byte
  std::size_t end = 0;          // one past the bytes Python names in its message
  const char* reason = nullptr; // "invalid start byte", "invalid continuation byte",
                                // "unexpected end of data"
};
// True when `s` is valid UTF-8 (no surrogates, nothing above U+10FFFF).
bool check_utf8(std::string_view s, Utf8Problem& problem);
// Python's UnicodeDecodeError text for `problem` found in `s`, e.g.
// "'utf-8' codec can't decode byte 0xe9 in position 0: unexpected end of data".
std::string utf8_error_text(std::string_view s, const Utf8Problem& problem);

}  // namespace aegis::py
