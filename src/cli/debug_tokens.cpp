// aegis debug tokens FILE: the token stream the parser sees, one token a line, in
// the layout of `python -m tokenize -e` (kinds as CPython names them; keywords are
// NAME, operators OP).
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "python/lexer.h"
#include "python/source_decode.h"

namespace aegis::cli {

namespace {

const char* cpython_kind_name(py::TokenKind k) {
  using py::TokenKind;
  switch (k) {
    case TokenKind::EndMarker: return "ENDMARKER";
    case TokenKind::Name: return "NAME";
    case TokenKind::Number: return "NUMBER";
    case TokenKind::String: return "STRING";
    case TokenKind::Newline: return "NEWLINE";
    case TokenKind::Indent: return "INDENT";
    case TokenKind::Dedent: return "DEDENT";
    case TokenKind::FStringStart: return "FSTRING_START";
    case TokenKind::FStringMiddle: return "FSTRING_MIDDLE";
    case TokenKind::FStringEnd: return "FSTRING_END";
    case TokenKind::TStringStart: return "TSTRING_START";
    case TokenKind::TStringMiddle: return "TSTRING_MIDDLE";
    case TokenKind::TStringEnd: return "TSTRING_END";
    default: break;
  }
  return k >= TokenKind::KwFalse ? "NAME" : "OP";
}

// repr()-like quoting of token text, ASCII-only escapes as Python's repr of str.
void append_quoted(std::string& out, std::string_view text) {
  bool has_single = text.find('\'') != std::string_view::npos;
  bool has_double = text.find('"') != std::string_view::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  out += quote;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (ch == quote || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += quote;
}

}  // namespace

int debug_tokens(const std::string& path, int feature_minor) {
  std::string bytes;
  if (!read_file(path, bytes)) return 2;
  py::SyntaxError error;
  auto decoded = py::decode_source(bytes, error);
  std::vector<py::Token> tokens;
  bool ok = false;
  if (decoded) {
    py::LexerOptions options;
    options.feature_minor = feature_minor;
    ok = py::tokenize(decoded->text, tokens, error, options);
  }
  std::string out;
  for (const auto& t : tokens) {
    char pos[64];
    std::snprintf(pos, sizeof pos, "%d,%d-%d,%d:", t.lineno, t.col_offset, t.end_lineno, t.end_col_offset);
    out += pos;
    out += '\t';
    out += cpython_kind_name(t.kind);
    out += '\t';
    append_quoted(out, std::string_view(decoded->text).substr(t.start, t.end - t.start));
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (!ok) {
    std::cerr << path << ':' << error.lineno << ':' << (error.col_offset + 1) << ": error: " << error.message
              << '\n';
    return 1;
  }
  return 0;
}

}  // namespace aegis::cli
