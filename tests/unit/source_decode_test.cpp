// Source decoding against CPython 3.12's ast.parse(bytes) behaviour.
#include <gtest/gtest.h>

#include <string>

#include "python/source_decode.h"

namespace aegis::py {
namespace {

struct Result {
  bool ok;
  std::string text;
  std::string encoding;
  std::string error;
};

Result decode(std::string_view bytes) {
  SyntaxError error;
  auto d = decode_source(bytes, error);
  if (!d) return {false, "", "", error.message};
  return {true, d->text, d->encoding, ""};
}

TEST(SourceDecode, Utf8AndBom) {
  Result r = decode("x = 'caf\xc3\xa9'\n");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.encoding, "utf-8");
  EXPECT_EQ(r.text, "x = 'caf\xc3\xa9'\n");
  r = decode("\xef\xbb\xbfx = 1\n");
  EXPECT_EQ(r.text, "x = 1\n");
  r = decode("\xef\xbb\xbf# coding: utf-8\nx = 1\n");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(decode("\xef\xbb\xbf# coding: latin-1\nx=1\n").error, "encoding problem: iso-8859-1 with BOM");
  EXPECT_EQ(decode("\xef\xbb\xbf# coding: cp1252\nx=1\n").error, "encoding problem: cp1252 with BOM");
}

TEST(SourceDecode, NoCookieLeavesBytesForTheLexer) {
  // CPython's string input does not validate up front: a bad byte in a comment is fine.
  Result r = decode("# \xe9\nx = 1\n");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.text, "# \xe9\nx = 1\n");
}

TEST(SourceDecode, Newlines) {
  EXPECT_EQ(decode("a\r\nb\rc\n\r").text, "a\nb\nc\n\n");
  EXPECT_EQ(decode("x=1\\\r\n+2\n").text, "x=1\\\n+2\n");
}

TEST(SourceDecode, Cookies) {
  Result r = decode("# -*- coding: latin-1 -*-\nx = '\xe9'\n");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.encoding, "iso-8859-1");
  EXPECT_EQ(r.text, "# -*- coding: latin-1 -*-\nx = '\xc3\xa9'\n");
  // Line 2 counts when line 1 is a comment or blank, not after code.
  EXPECT_EQ(decode("#!/usr/bin/python\n# coding: latin-1\n'\xe9'\n").encoding, "iso-8859-1");
  EXPECT_EQ(decode("\n# coding: latin-1\n'\xe9'\n").encoding, "iso-8859-1");
  EXPECT_EQ(decode("x = 1\n# coding: latin-1\n").encoding, "utf-8");
  EXPECT_EQ(decode("x = 1 # coding: latin-1\n").encoding, "utf-8");
  // Name normalisation of the utf-8 and latin-1 families only.
  EXPECT_EQ(decode("# coding: UTF_8\n").encoding, "utf-8");
  EXPECT_EQ(decode("# coding: utf-8-sig\n").encoding, "utf-8");
  EXPECT_EQ(decode("# coding: Latin-1\n").encoding, "iso-8859-1");
  EXPECT_EQ(decode("# coding=iso_8859_1_foo\n").encoding, "iso-8859-1");
  EXPECT_EQ(decode("# vim: set fileencoding=cp1252 :\nx = '\x80'\n").text,
            "# vim: set fileencoding=cp1252 :\nx = '\xe2\x82\xac'\n");
  // The first "coding[:=]" with a name wins; an empty one is skipped.
  EXPECT_EQ(decode("# coding: \n# coding: latin-1\n'\xe9'\n").encoding, "iso-8859-1");
  EXPECT_EQ(decode("# codingx: latin-1 coding: foo\n").error, "unknown encoding: foo");
  EXPECT_EQ(decode("# coding: foo\nx=1\n").error, "unknown encoding: foo");
  // The cookie's line needs its newline (CPython looks at complete lines).
  EXPECT_EQ(decode("# coding: foo").encoding, "utf-8");
}

TEST(SourceDecode, OtherEncodings) {
  EXPECT_EQ(decode("# coding: euc-jp\nx='\xa4\xa2'\n").text, "# coding: euc-jp\nx='\xe3\x81\x82'\n");
  EXPECT_EQ(decode("# coding: shift_jis\nx='\x82\xa0'\n").text, "# coding: shift_jis\nx='\xe3\x81\x82'\n");
  EXPECT_EQ(decode("# coding: cp932\nx='\x82\xa0'\n").text, "# coding: cp932\nx='\xe3\x81\x82'\n");
  EXPECT_EQ(decode("# coding: gbk\nx='\xc4\xe3'\n").text, "# coding: gbk\nx='\xe4\xbd\xa0'\n");
  EXPECT_EQ(decode("# coding: koi8-r\n\xc1=1\n").text, "# coding: koi8-r\n\xd0\xb0=1\n");
  EXPECT_EQ(decode("# coding: iso-8859-15\nx='\xa4'\n").text, "# coding: iso-8859-15\nx='\xe2\x82\xac'\n");
}

TEST(SourceDecode, ErrorsWithACookie) {
  EXPECT_EQ(decode("# coding=utf8\nx='\xe9'\n").error,
            "'utf-8' codec can't decode byte 0xe9 in position 17: invalid continuation byte");
  EXPECT_EQ(decode("# coding: ascii\nx='\xe9'\n").error,
            "'ascii' codec can't decode byte 0xe9 in position 19: ordinal not in range(128)");
  EXPECT_FALSE(decode("# coding: shift_jis\nx='\x82'\n").ok);
}

TEST(SourceDecode, ErrorsHaveAPosition) {
  // CPython says line 0; we point at the cookie's line or the undecodable byte.
  SyntaxError error;
  EXPECT_FALSE(decode_source("#!/bin/python\n# coding: foo\nx=1\n", error));
  EXPECT_EQ(error.lineno, 2);
  EXPECT_EQ(error.col_offset, 0);
  EXPECT_FALSE(decode_source("# coding: utf-8\nx = 1\ny = '\xe9'\n", error));
  EXPECT_EQ(error.lineno, 3);
  EXPECT_EQ(error.col_offset, 5);
  EXPECT_EQ(error.kind, SyntaxErrorKind::Encoding);
}

TEST(Utf8Check, PythonVerdicts) {
  Utf8Problem p;
  EXPECT_TRUE(check_utf8("ascii \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", p));
  auto text = [](std::string_view s) {
    Utf8Problem q;
    EXPECT_FALSE(check_utf8(s, q));
    return utf8_error_text(s, q);
  };
  EXPECT_EQ(text("\xe9"), "'utf-8' codec can't decode byte 0xe9 in position 0: unexpected end of data");
  EXPECT_EQ(text("ab\xe9z"), "'utf-8' codec can't decode byte 0xe9 in position 2: invalid continuation byte");
  EXPECT_EQ(text("\xe2\x82"), "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data");
  EXPECT_EQ(text("\xe2\x82z"), "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte");
  EXPECT_EQ(text("\xff"), "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
  EXPECT_EQ(text("\xc0\x80"), "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte");
  EXPECT_EQ(text("\xed\xa0\x80"), "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
  EXPECT_EQ(text("\xf4\x90\x80\x80"), "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte");
}

}  // namespace
}  // namespace aegis::py
