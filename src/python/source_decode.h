// PEP 263 / PEP 3120: turn a .py file's bytes into the UTF-8 text the lexer reads.
#pragma once
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
// does); without either the source must be valid UTF-8. On failure returns
// nullopt and fills `error` with a position.
std::optional<DecodedSource> decode_source(std::string_view bytes, SyntaxError& error);

}  // namespace aegis::py
