// The front end in one call: bytes of a .py file -> decoded text -> tokens -> AST.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/arena.h"
#include "python/ast.h"
#include "python/lexer.h"
#include "python/parser.h"
#include "python/syntax_error.h"

namespace aegis::py {

struct ParseOptions {
  LexerOptions lexer;
  ParserOptions parser;
  // Sets the grammar version of both stages (Python 3.<minor>).
  void set_feature_minor(int minor) {
    lexer.feature_minor = minor;
    parser.feature_minor = minor;
  }
};

// Owns everything the tree points into: the arena and the decoded text.
struct ParsedModule {
  Arena arena;
  std::string text;          // decoded UTF-8 source; AST strings may view into it
  std::string encoding;
  Module* module = nullptr;  // null when `error` is set
  std::optional<SyntaxError> error;
};

std::unique_ptr<ParsedModule> parse_python(std::string_view bytes, const ParseOptions& options = {});

}  // namespace aegis::py
