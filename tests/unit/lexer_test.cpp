// The tokenizer against CPython 3.12's C tokenizer (expected streams taken from
// `python3.12 -m tokenize` minus NL/COMMENT, errors from ast.parse).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "python/lexer.h"

namespace aegis::py {
namespace {

const char* short_kind(TokenKind k) {
  switch (k) {
    case TokenKind::Name: return "NAME";
    case TokenKind::Number: return "NUMBER";
    case TokenKind::String: return "STRING";
    case TokenKind::Newline: return "NEWLINE";
    case TokenKind::Indent: return "INDENT";
    case TokenKind::Dedent: return "DEDENT";
    case TokenKind::EndMarker: return "END";
    case TokenKind::FStringStart: return "FS";
    case TokenKind::FStringMiddle: return "FM";
    case TokenKind::FStringEnd: return "FE";
    case TokenKind::TStringStart: return "TS";
    case TokenKind::TStringMiddle: return "TM";
    case TokenKind::TStringEnd: return "TE";
    default: return nullptr;
  }
}

// "KIND:text" for each token, space separated; operators and keywords as their text.
std::string lex(std::string_view src, int minor = 12) {
  std::vector<Token> tokens;
  SyntaxError error;
  LexerOptions options;
  options.feature_minor = minor;
  bool ok = tokenize(src, tokens, error, options);
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    std::string_view text = src.substr(t.start, t.end - t.start);
    const char* k = short_kind(t.kind);
    if (k == nullptr) {
      out += token_kind_text(t.kind);
      EXPECT_EQ(text, token_kind_text(t.kind));
    } else if (t.kind == TokenKind::Newline || t.kind == TokenKind::Indent ||
               t.kind == TokenKind::Dedent || t.kind == TokenKind::EndMarker) {
      out += k;
    } else {
      out += k;
      out += ':';
      out += text;
    }
  }
  if (!ok) out += " ERROR";
  return out;
}

struct Error {
  std::string message;
  int line, col;
};

Error lex_error(std::string_view src, int minor = 12) {
  std::vector<Token> tokens;
  SyntaxError error;
  LexerOptions options;
  options.feature_minor = minor;
  EXPECT_FALSE(tokenize(src, tokens, error, options)) << src;
  return {error.message, error.lineno, error.col_offset};
}

#define EXPECT_LEX_ERROR(src, msg, want_line, want_col) \
  do {                                                   \
    Error e_ = lex_error(src);                           \
    EXPECT_EQ(e_.message, msg) << (src);                 \
    EXPECT_EQ(e_.line, want_line) << (src);              \
    EXPECT_EQ(e_.col, want_col) << (src);                \
  } while (0)

TEST(Lexer, SimpleStatement) {
  EXPECT_EQ(lex("x = 1\n"), "NAME:x = NUMBER:1 NEWLINE END");
  EXPECT_EQ(lex("x = 1"), "NAME:x = NUMBER:1 NEWLINE END");  // implicit final newline
  EXPECT_EQ(lex(""), "END");
  EXPECT_EQ(lex("\n\n  \n# c\n"), "END");
}

TEST(Lexer, Keywords) {
  EXPECT_EQ(lex("if not x and y or z is None: pass"),
            "if not NAME:x and NAME:y or NAME:z is None : pass NEWLINE END");
  EXPECT_EQ(lex("async await match case type _ print"),
            "async await NAME:match NAME:case NAME:type NAME:_ NAME:print NEWLINE END");
}

TEST(Lexer, Positions) {
  std::vector<Token> tokens;
  SyntaxError error;
  ASSERT_TRUE(tokenize("é = '''a\nbc'''\nx", tokens, error));
  ASSERT_GE(tokens.size(), 6u);
  // é is two bytes: columns are UTF-8 byte offsets.
  EXPECT_EQ(tokens[0].end_col_offset, 2);
  EXPECT_EQ(tokens[1].col_offset, 3);
  const Token& s = tokens[2];
  EXPECT_EQ(s.kind, TokenKind::String);
  EXPECT_EQ(s.lineno, 1);
  EXPECT_EQ(s.col_offset, 5);
  EXPECT_EQ(s.end_lineno, 2);
  EXPECT_EQ(s.end_col_offset, 5);
  EXPECT_EQ(tokens[3].kind, TokenKind::Newline);
  EXPECT_EQ(tokens[3].lineno, 2);
  EXPECT_EQ(tokens[3].col_offset, 5);
  EXPECT_EQ(tokens[4].lineno, 3);  // x
  EXPECT_EQ(tokens[5].kind, TokenKind::Newline);  // implicit: empty, after the x
  EXPECT_EQ(tokens[5].start, tokens[5].end);
  EXPECT_EQ(tokens[5].col_offset, 1);
  EXPECT_EQ(tokens.back().kind, TokenKind::EndMarker);
  EXPECT_EQ(tokens.back().lineno, 4);
  EXPECT_EQ(tokens.back().col_offset, 0);
}

TEST(Lexer, Indentation) {
  EXPECT_EQ(lex("if x:\n  a\n  b\nc\n"),
            "if NAME:x : NEWLINE INDENT NAME:a NEWLINE NAME:b NEWLINE DEDENT NAME:c NEWLINE END");
  EXPECT_EQ(lex("if x:\n  if y:\n    a"),
            "if NAME:x : NEWLINE INDENT if NAME:y : NEWLINE INDENT NAME:a NEWLINE DEDENT DEDENT END");
  // Blank and comment-only lines do not count, whatever their indentation.
  EXPECT_EQ(lex("if x:\n  a\n\n      # c\n \n  b\n"),
            "if NAME:x : NEWLINE INDENT NAME:a NEWLINE NAME:b NEWLINE DEDENT END");
  // A tab goes to the next multiple of 8: a tab and 8 spaces are the same level...
  EXPECT_EQ(lex("if x:\n\ta\n\tb\n"), "if NAME:x : NEWLINE INDENT NAME:a NEWLINE NAME:b NEWLINE DEDENT END");
  // ...but mixing them inconsistently is a TabError.
  EXPECT_LEX_ERROR("if x:\n\ta\n        b\n", "inconsistent use of tabs and spaces in indentation", 3, 0);
  EXPECT_LEX_ERROR("if 1:\n        x\n\ty\n", "inconsistent use of tabs and spaces in indentation", 3, 0);
  // Form feed resets the column.
  EXPECT_EQ(lex("if 1:\n\f  x\n  y\n"), "if NUMBER:1 : NEWLINE INDENT NAME:x NEWLINE NAME:y NEWLINE DEDENT END");
  EXPECT_LEX_ERROR("if x:\n    a\n  bcd\n", "unindent does not match any outer indentation level", 3, 5);
  // Lines inside brackets are not indentation.
  EXPECT_EQ(lex("x = (1,\n      2)\ny"), "NAME:x = ( NUMBER:1 , NUMBER:2 ) NEWLINE NAME:y NEWLINE END");
}

TEST(Lexer, IndentationDepthLimit) {
  std::string ok = "if 1:\n", deep = "if 1:\n";
  for (int i = 1; i < 98; ++i) ok += std::string(static_cast<std::size_t>(i), ' ') + "if 1:\n";
  ok += std::string(98, ' ') + "pass\n";
  EXPECT_NE(lex(ok).find("pass"), std::string::npos);
  EXPECT_EQ(lex(ok).find("ERROR"), std::string::npos);
  for (int i = 1; i < 100; ++i) deep += std::string(static_cast<std::size_t>(i), ' ') + "if 1:\n";
  deep += std::string(100, ' ') + "pass\n";
  EXPECT_EQ(lex_error(deep).message, "too many levels of indentation");
}

TEST(Lexer, LineJoining) {
  EXPECT_EQ(lex("x = 1 + \\\n  2\n"), "NAME:x = NUMBER:1 + NUMBER:2 NEWLINE END");
  EXPECT_EQ(lex("x \\\n\n"), "NAME:x NEWLINE END");
  // The first backslash in the indentation decides the indentation.
  EXPECT_EQ(lex("x = 1\n  \\\ny\n"), "NAME:x = NUMBER:1 NEWLINE INDENT NAME:y NEWLINE DEDENT END");
  EXPECT_LEX_ERROR("x = \\ y\n", "unexpected character after line continuation character", 1, 5);
  EXPECT_LEX_ERROR("x = 1 \\\n", "unexpected EOF while parsing", 1, 7);
  EXPECT_LEX_ERROR("x = 1\n\\", "unexpected EOF while parsing", 2, 1);
  EXPECT_LEX_ERROR("x = (\\\n", "'(' was never closed", 1, 4);
}

TEST(Lexer, Numbers) {
  EXPECT_EQ(lex("0 00 0_0 1_000 0x_1F 0o17 0b1_0 1. .5 1.5e-3 1E+5 1j 1.5J 0e0 09.5 09e1 09j"),
            "NUMBER:0 NUMBER:00 NUMBER:0_0 NUMBER:1_000 NUMBER:0x_1F NUMBER:0o17 NUMBER:0b1_0 NUMBER:1. "
            "NUMBER:.5 NUMBER:1.5e-3 NUMBER:1E+5 NUMBER:1j NUMBER:1.5J NUMBER:0e0 NUMBER:09.5 NUMBER:09e1 "
            "NUMBER:09j NEWLINE END");
  // A keyword glued to a number is tolerated for these keywords (3.12 warns).
  EXPECT_EQ(lex("1if 1else 2"), "NUMBER:1 if NUMBER:1 else NUMBER:2 NEWLINE END");
  EXPECT_EQ(lex("0x1for"), "NUMBER:0x1f or NEWLINE END");
  EXPECT_EQ(lex("1not in x"), "NUMBER:1 not in NAME:x NEWLINE END");
  EXPECT_LEX_ERROR("1.e", "invalid decimal literal", 1, 1);
  EXPECT_LEX_ERROR("x = 0o8\n", "invalid digit '8' in octal literal", 1, 6);
  EXPECT_LEX_ERROR("0b12", "invalid digit '2' in binary literal", 1, 3);
  EXPECT_LEX_ERROR("x = 1_a\n", "invalid decimal literal", 1, 5);
  EXPECT_LEX_ERROR("x = 1__0\n", "invalid decimal literal", 1, 5);
  EXPECT_LEX_ERROR("x = 1e+\n", "invalid decimal literal", 1, 6);
  EXPECT_LEX_ERROR("x=1abc\n", "invalid decimal literal", 1, 2);
  EXPECT_LEX_ERROR("x=0x\n", "invalid hexadecimal literal", 1, 3);
  EXPECT_LEX_ERROR("0b", "invalid binary literal", 1, 1);
  EXPECT_LEX_ERROR("0o", "invalid octal literal", 1, 1);
  EXPECT_LEX_ERROR("1jx", "invalid imaginary literal", 1, 1);
  EXPECT_LEX_ERROR("x = 012\n",
                   "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                   1, 4);
  EXPECT_EQ(lex_error("x = " + std::string(4301, '1')).message.substr(0, 70),
            "Exceeds the limit (4300 digits) for integer string conversion: value h");
  EXPECT_EQ(lex("x = " + std::string(4300, '1')).find("ERROR"), std::string::npos);
}

TEST(Lexer, Strings) {
  EXPECT_EQ(lex(R"(a = 'x' "y" '''z''' """w""" '' "")"),
            R"(NAME:a = STRING:'x' STRING:"y" STRING:'''z''' STRING:"""w""" STRING:'' STRING:"" NEWLINE END)");
  EXPECT_EQ(lex(R"(u'a' U'b' R'c' bR'd' Rb'e' br'f' rB'g' B'h')"),
            R"(STRING:u'a' STRING:U'b' STRING:R'c' STRING:bR'd' STRING:Rb'e' STRING:br'f' STRING:rB'g' STRING:B'h' NEWLINE END)");
  // Not prefixes: the letters are a name.
  EXPECT_EQ(lex("ub'a' ur'b' fb'c'"), "NAME:ub STRING:'a' NAME:ur STRING:'b' NAME:fb STRING:'c' NEWLINE END");
  EXPECT_EQ(lex(R"('a\'b' 'c\\' "\"")"), R"(STRING:'a\'b' STRING:'c\\' STRING:"\"" NEWLINE END)");
  EXPECT_EQ(lex("'a\\\nb'"), "STRING:'a\\\nb' NEWLINE END");
  EXPECT_LEX_ERROR("x = 'abc\n", "unterminated string literal (detected at line 1)", 1, 4);
  EXPECT_LEX_ERROR("x = '''abc\n\n", "unterminated triple-quoted string literal (detected at line 2)", 1, 4);
  EXPECT_LEX_ERROR("x = '\\\n", "unterminated string literal (detected at line 1)", 1, 4);
}

TEST(Lexer, TStringsOnlyFrom314) {
  EXPECT_EQ(lex("t'a{x}'", 12), "NAME:t STRING:'a{x}' NEWLINE END");
  EXPECT_EQ(lex("t'a{x}'", 14), "TS:t' TM:a { NAME:x } TE:' NEWLINE END");
  EXPECT_EQ(lex("rT'a'", 14), "TS:rT' TM:a TE:' NEWLINE END");
}

TEST(Lexer, FStrings) {
  EXPECT_EQ(lex("f'a{x}b'"), "FS:f' FM:a { NAME:x } FM:b FE:' NEWLINE END");
  EXPECT_EQ(lex("f''"), "FS:f' FE:' NEWLINE END");
  EXPECT_EQ(lex("rf'''x'''"), "FS:rf''' FM:x FE:''' NEWLINE END");
  // "{{" / "}}": the piece keeps one brace and the second is skipped.
  EXPECT_EQ(lex("f'a{{b}}c'"), "FS:f' FM:a{ FM:b} FM:c FE:' NEWLINE END");
  EXPECT_EQ(lex("f'{x!r:>{w}.2f}'"),
            "FS:f' { NAME:x ! NAME:r : FM:> { NAME:w } FM:.2f } FE:' NEWLINE END");
  // Empty pieces exactly where CPython emits them.
  EXPECT_EQ(lex("f'{x:}'"), "FS:f' { NAME:x : FM: } FE:' NEWLINE END");
  EXPECT_EQ(lex("f'{x:{y}}'"), "FS:f' { NAME:x : { NAME:y } FM: } FE:' NEWLINE END");
  EXPECT_EQ(lex("f'{x=}'"), "FS:f' { NAME:x = } FE:' NEWLINE END");
  // A top-level ':' always starts the spec; inside brackets it does not.
  EXPECT_EQ(lex("f'{a:=1}'"), "FS:f' { NAME:a : FM:=1 } FE:' NEWLINE END");
  EXPECT_EQ(lex("f'{(a:=1)}'"), "FS:f' { ( NAME:a := NUMBER:1 ) } FE:' NEWLINE END");
  EXPECT_EQ(lex("f'{a[1:2]}'"), "FS:f' { NAME:a [ NUMBER:1 : NUMBER:2 ] } FE:' NEWLINE END");
  // Nested quotes of the same kind (PEP 701) and nested f-strings.
  EXPECT_EQ(lex("f'{f'{x}'}'"), "FS:f' { FS:f' { NAME:x } FE:' } FE:' NEWLINE END");
  EXPECT_EQ(lex("f'{'a' 'b'}'"), "FS:f' { STRING:'a' STRING:'b' } FE:' NEWLINE END");
  // Escapes: \N{...} is one piece ending at its brace, "\{" leaves a backslash piece.
  EXPECT_EQ(lex("f'\\N{EM DASH}{x}'"), "FS:f' FM:\\N{EM DASH} { NAME:x } FE:' NEWLINE END");
  EXPECT_EQ(lex("f'\\{x}'"), "FS:f' FM:\\ { NAME:x } FE:' NEWLINE END");
  EXPECT_EQ(lex("rf'\\N{x}'"), "FS:rf' FM:\\N { NAME:x } FE:' NEWLINE END");  // raw: a field
  // Expressions may span lines even in single-quoted f-strings; comments in triple-quoted ones.
  EXPECT_EQ(lex("f'{x\n}'"), "FS:f' { NAME:x } FE:' NEWLINE END");
  EXPECT_EQ(lex("f'''{x # c\n}'''"), "FS:f''' { NAME:x } FE:''' NEWLINE END");
  // Multi-line pieces.
  EXPECT_EQ(lex("f'''a\nb{x}'''"), "FS:f''' FM:a\nb { NAME:x } FE:''' NEWLINE END");
  // A newline ends a single-quoted spec (the parser then fails on what follows).
  EXPECT_EQ(lex("f'{x:a\n}'"), "FS:f' { NAME:x : FM:a } FE:' NEWLINE END");
}

TEST(Lexer, FStringsBefore312) {
  // Python 3.8-3.11: the expression part of an f-string cannot hold a backslash, a
  // comment, a line break in a single-quoted f-string, or the f-string's own quote.
  EXPECT_EQ(lex("f'{\"a\"}'", 11), "FS:f' { STRING:\"a\" } FE:' NEWLINE END");
  EXPECT_EQ(lex("f'''{\"a\"}'''", 11), "FS:f''' { STRING:\"a\" } FE:''' NEWLINE END");
  EXPECT_EQ(lex("f'''{x\n}'''", 11), "FS:f''' { NAME:x } FE:''' NEWLINE END");
  EXPECT_EQ(lex_error("f'{'a'}'", 11).message, "f-string: expecting '}'");
  EXPECT_EQ(lex_error("f'{x #}'", 11).message, "f-string expression part cannot include '#'");
  EXPECT_EQ(lex_error("f'{\"\\n\"}'", 11).message, "f-string expression part cannot include a backslash");
  EXPECT_EQ(lex_error("f'{f\"\\n\"}'", 11).message, "f-string expression part cannot include a backslash");
  EXPECT_EQ(lex_error("f'{x\n}'", 11).message, "unterminated string literal (detected at line 1)");
  EXPECT_EQ(lex_error("f'{x:{y:{z}}}'", 11).message, "f-string: expressions nested too deeply");
  // All of these are fine from 3.12 on.
  EXPECT_EQ(lex("f'{'a'}'", 12).find("ERROR"), std::string::npos);
  EXPECT_EQ(lex("f'{x:{y:{z}}}'", 12).find("ERROR"), std::string::npos);
}

TEST(Lexer, FStringErrors) {
  EXPECT_LEX_ERROR("f'a\nb'", "unterminated f-string literal (detected at line 1)", 1, 0);
  EXPECT_LEX_ERROR("x = f'''a\n", "unterminated triple-quoted f-string literal (detected at line 1)", 1, 4);
  EXPECT_LEX_ERROR("f'}'", "f-string: single '}' is not allowed", 1, 2);
  EXPECT_LEX_ERROR("f'{x}}'", "f-string: single '}' is not allowed", 1, 5);
  EXPECT_LEX_ERROR("f'{)}'", "f-string: unmatched ')'", 1, 3);
  EXPECT_LEX_ERROR("f'{'", "f-string: expecting '}'", 1, 3);
  EXPECT_LEX_ERROR("f'{x #}'\n", "'{' was never closed", 1, 2);
  EXPECT_LEX_ERROR("f'{x:{y:{z:{w}}}}'", "f-string: expressions nested too deeply", 1, 10);
  EXPECT_EQ(lex("f'{x:{y:{z}}}'").find("ERROR"), std::string::npos);
}

TEST(Lexer, Brackets) {
  EXPECT_LEX_ERROR("x = )\n", "unmatched ')'", 1, 4);
  EXPECT_LEX_ERROR("x = (]\n", "closing parenthesis ']' does not match opening parenthesis '('", 1, 5);
  EXPECT_LEX_ERROR("(\n]\n", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 0);
  EXPECT_LEX_ERROR("x = (\n", "'(' was never closed", 1, 4);
  EXPECT_LEX_ERROR("foo(1, [2,\n3", "'[' was never closed", 1, 7);
  std::string ok = std::string(200, '(') + std::string(200, ')');
  EXPECT_EQ(lex(ok).find("ERROR"), std::string::npos);
  std::string deep(100000, '(');
  Error e = lex_error(deep);
  EXPECT_EQ(e.message, "too many nested parentheses");
  EXPECT_EQ(e.col, 200);
}

TEST(Lexer, Operators) {
  EXPECT_EQ(lex("a **= b //= c >>= d <<= e @= f -> g := h != i ... j . k ! l ~ m"),
            "NAME:a **= NAME:b //= NAME:c >>= NAME:d <<= NAME:e @= NAME:f -> NAME:g := NAME:h != NAME:i ... "
            "NAME:j . NAME:k ! NAME:l ~ NAME:m NEWLINE END");
  EXPECT_EQ(lex("x = .."), "NAME:x = . . NEWLINE END");
  EXPECT_LEX_ERROR("1 <> 2", "invalid syntax", 1, 2);
  EXPECT_LEX_ERROR("x = $\n", "invalid syntax", 1, 4);
  EXPECT_LEX_ERROR("x = ?\n", "invalid syntax", 1, 4);
  EXPECT_LEX_ERROR("x = \x01\n", "invalid non-printable character U+0001", 1, 4);
}

TEST(Lexer, Identifiers) {
  EXPECT_EQ(lex("\xc3\xa9t\xc3\xa9 = 1"), "NAME:\xc3\xa9t\xc3\xa9 = NUMBER:1 NEWLINE END");
  EXPECT_EQ(lex("\xf0\x9d\x90\x80 = 1"), "NAME:\xf0\x9d\x90\x80 = NUMBER:1 NEWLINE END");  // MATHEMATICAL BOLD A
  EXPECT_LEX_ERROR("x = \xe2\x82\xac\n", "invalid character '\xe2\x82\xac' (U+20AC)", 1, 4);
  EXPECT_LEX_ERROR("x\xe2\x82\xac = 1\n", "invalid character '\xe2\x82\xac' (U+20AC)", 1, 1);
  EXPECT_LEX_ERROR("\xcc\x80" "a = 1", "invalid character '\xcc\x80' (U+0300)", 1, 0);
  EXPECT_LEX_ERROR("x = a\xe2\x80\x8b", "invalid non-printable character U+200B", 1, 5);
  EXPECT_LEX_ERROR("x = 1\n\xe9\n",
                   "(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 0: unexpected end of data", 2, 0);
  // Invalid UTF-8 in a str literal or f-string text is not; in bytes the parser's
  // ASCII check applies.
  EXPECT_LEX_ERROR("x = 'ab\xff'",
                   "(unicode error) 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte", 1, 4);
  EXPECT_LEX_ERROR("x = r'''a\n\xc3'''",
                   "(unicode error) 'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of data", 1, 4);
  EXPECT_LEX_ERROR("x = f'a\xff{x}'",
                   "(unicode error) 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte", 1, 6);
  EXPECT_EQ(lex("x = b'\xff'"), "NAME:x = STRING:b'\xff' NEWLINE END");
  // The scanners take eight bytes at a time; a non-ASCII byte is noticed wherever it
  // stands: after an inner quote, after a backslash, past the first eight bytes.
  EXPECT_LEX_ERROR("'''a'\xc3" "b'''",
                   "(unicode error) 'utf-8' codec can't decode byte 0xc3 in position 2: invalid continuation byte", 1, 0);
  EXPECT_LEX_ERROR("'\\\xc3'",
                   "(unicode error) 'utf-8' codec can't decode byte 0xc3 in position 1: unexpected end of data", 1, 0);
  EXPECT_LEX_ERROR("'''\\\xc3" "b'''",
                   "(unicode error) 'utf-8' codec can't decode byte 0xc3 in position 1: invalid continuation byte", 1, 0);
  EXPECT_LEX_ERROR("x = 'abcdefghijklmnopq\xff'",
                   "(unicode error) 'utf-8' codec can't decode byte 0xff in position 17: invalid start byte", 1, 4);
  EXPECT_LEX_ERROR("x = abcdefghijk\xe2\x82\xac = 1\n", "invalid character '\xe2\x82\xac' (U+20AC)", 1, 15);
  EXPECT_EQ(lex("abcdefghijklmnopq\xc3\xa9 = 1"), "NAME:abcdefghijklmnopq\xc3\xa9 = NUMBER:1 NEWLINE END");
  // Invalid UTF-8 in a comment is fine (CPython does not decode comments).
  EXPECT_EQ(lex("# \xff\nx"), "NAME:x NEWLINE END");
}

TEST(Lexer, NullBytesAndGarbage) {
  Error nul = lex_error(std::string("x = 1\ny = '\0'", 12));
  EXPECT_EQ(nul.message, "source code string cannot contain null bytes");
  EXPECT_EQ(nul.line, 2);
  EXPECT_EQ(nul.col, 5);
  // Binary garbage never crashes or hangs: every byte value, in many orders.
  std::string garbage;
  unsigned state = 12345;
  for (int i = 0; i < 200000; ++i) {
    state = state * 1103515245u + 12345u;
    garbage += static_cast<char>((state >> 16) & 0xFF);
  }
  for (std::size_t off = 0; off + 1000 <= garbage.size(); off += 997) {
    std::vector<Token> tokens;
    SyntaxError error;
    tokenize(std::string_view(garbage).substr(off, 1000), tokens, error);
  }
  SUCCEED();
}

TEST(Lexer, LongLine) {
  std::string src = "x = [";
  while (src.size() < 5000000) src += "1, 'ab', f'{y}', ";
  src += "]";
  std::vector<Token> tokens;
  SyntaxError error;
  EXPECT_TRUE(tokenize(src, tokens, error)) << error.message;
  EXPECT_GT(tokens.size(), 1000000u);
}

}  // namespace
}  // namespace aegis::py
