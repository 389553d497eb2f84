// Source decoding as CPython's string tokenizer does it (Parser/tokenizer.c:
// decode_str, check_coding_spec, get_normal_name), with glibc iconv for the
// encodings other than UTF-8 and Latin-1.
#include "python/source_decode.h"

#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace aegis::py {

bool check_utf8(std::string_view s, Utf8Problem& problem) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path: eight ASCII bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (b < 0xC2 || b > 0xF4) {
      problem = {i, i + 1, "invalid start byte"};
      return false;
    }
    int need = b < 0xE0 ? 1 : (b < 0xF0 ? 2 : 3);
    unsigned char lo = 0x80, hi = 0xBF;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;  // no surrogates
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    std::size_t j = i + 1;
    for (int k = 0; k < need; ++k, ++j) {
      if (j >= n) {
        problem = {i, n, "unexpected end of data"};
        return false;
      }
      unsigned char c = p[j];
      unsigned char first_lo = k == 0 ? lo : 0x80, first_hi = k == 0 ? hi : 0xBF;
      if (c < first_lo || c > first_hi) {
        problem = {i, j, "invalid continuation byte"};
        return false;
      }
    }
    i = j;
  }
  return true;
}

std::string utf8_error_text(std::string_view s, const Utf8Problem& problem) {
  char buf[160];
  if (problem.end - problem.start <= 1) {
    unsigned byte = problem.start < s.size() ? static_cast<unsigned char>(s[problem.start]) : 0;
    std::snprintf(buf, sizeof buf, "'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                  byte, problem.start, problem.reason);
  } else {
    std::snprintf(buf, sizeof buf, "'utf-8' codec can't decode bytes in position %zu-%zu: %s",
                  problem.start, problem.end - 1, problem.reason);
  }
  return buf;
}

namespace {

bool is_cookie_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

// CPython's get_normal_name: only the utf-8 and latin-1 families are renamed.
std::string normal_name(std::string_view name) {
  std::string buf;
  for (std::size_t i = 0; i < name.size() && i < 12; ++i) {
    char c = name[i];
    buf += c == '_' ? '-' : static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  }
  auto starts = [&](const char* p) { return buf.compare(0, std::strlen(p), p) == 0; };
  if (buf == "utf-8" || starts("utf-8-")) return "utf-8";
  if (buf == "latin-1" || buf == "iso-8859-1" || buf == "iso-latin-1" || starts("latin-1-") ||
      starts("iso-8859-1-") || starts("iso-latin-1-"))
    return "iso-8859-1";
  return std::string(name);
}

enum class CookieScan { NotComment, CommentNoCookie, Cookie };

// get_coding_spec on one line (without its newline).
CookieScan scan_cookie(std::string_view line, std::string& spec) {
  std::size_t i = 0;
  const std::size_t n = line.size();
  for (; i + 6 < n + 0 && i < n; ++i) {
    if (line[i] == '#') break;
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\f') return CookieScan::NotComment;
  }
  if (i >= n || line[i] != '#') {
    // CPython only scans `size - 6` bytes for the '#'; a shorter tail cannot hold a cookie,
    // but it still decides whether the line is blank.
    for (std::size_t k = i; k < n; ++k) {
      if (line[k] == '#') return CookieScan::CommentNoCookie;
      if (line[k] != ' ' && line[k] != '\t' && line[k] != '\f' && line[k] != '\r')
        return CookieScan::NotComment;
    }
    return CookieScan::CommentNoCookie;
  }
  for (; i + 6 < n; ++i) {
    if (line.compare(i, 6, "coding") != 0) continue;
    std::size_t t = i + 6;
    if (line[t] != ':' && line[t] != '=') continue;
    do {
      ++t;
    } while (t < n && (line[t] == ' ' || line[t] == '\t'));
    std::size_t begin = t;
    while (t < n && is_cookie_name_char(line[t])) ++t;
    if (begin < t) {
      spec = normal_name(line.substr(begin, t - begin));
      return CookieScan::Cookie;
    }
  }
  return CookieScan::CommentNoCookie;
}

// Python codec names and aliases (normalised: lower case, '-' and ' ' as '_') to
// iconv names. Python knows more codecs; these are the ones seen in source files.
struct CodecAlias {
  const char* python;
  const char* iconv;
};
constexpr CodecAlias kCodecs[] = {
    {"ascii", "ASCII"}, {"646", "ASCII"}, {"us_ascii", "ASCII"}, {"us", "ASCII"},
    {"ansi_x3.4_1968", "ASCII"}, {"cp367", "ASCII"}, {"iso646_us", "ASCII"},
    {"utf8", "UTF-8"}, {"utf_8", "UTF-8"}, {"u8", "UTF-8"}, {"utf", "UTF-8"}, {"cp65001", "UTF-8"},
    {"utf_8_sig", "UTF-8"}, {"utf8_sig", "UTF-8"},
    {"latin_1", "ISO-8859-1"}, {"latin1", "ISO-8859-1"}, {"latin", "ISO-8859-1"},
    {"iso_8859_1", "ISO-8859-1"}, {"iso8859_1", "ISO-8859-1"}, {"8859", "ISO-8859-1"},
    {"cp819", "ISO-8859-1"}, {"l1", "ISO-8859-1"}, {"iso_ir_100", "ISO-8859-1"},
    {"iso8859_2", "ISO-8859-2"}, {"iso_8859_2", "ISO-8859-2"}, {"latin2", "ISO-8859-2"}, {"l2", "ISO-8859-2"},
    {"iso8859_3", "ISO-8859-3"}, {"iso_8859_3", "ISO-8859-3"}, {"latin3", "ISO-8859-3"}, {"l3", "ISO-8859-3"},
    {"iso8859_4", "ISO-8859-4"}, {"iso_8859_4", "ISO-8859-4"}, {"latin4", "ISO-8859-4"}, {"l4", "ISO-8859-4"},
    {"iso8859_5", "ISO-8859-5"}, {"iso_8859_5", "ISO-8859-5"}, {"cyrillic", "ISO-8859-5"},
    {"iso8859_6", "ISO-8859-6"}, {"iso_8859_6", "ISO-8859-6"}, {"arabic", "ISO-8859-6"},
    {"iso8859_7", "ISO-8859-7"}, {"iso_8859_7", "ISO-8859-7"}, {"greek", "ISO-8859-7"}, {"greek8", "ISO-8859-7"},
    {"iso8859_8", "ISO-8859-8"}, {"iso_8859_8", "ISO-8859-8"}, {"hebrew", "ISO-8859-8"},
    {"iso8859_9", "ISO-8859-9"}, {"iso_8859_9", "ISO-8859-9"}, {"latin5", "ISO-8859-9"}, {"l5", "ISO-8859-9"},
    {"iso8859_10", "ISO-8859-10"}, {"iso_8859_10", "ISO-8859-10"}, {"latin6", "ISO-8859-10"}, {"l6", "ISO-8859-10"},
    {"iso8859_11", "ISO-8859-11"}, {"iso_8859_11", "ISO-8859-11"}, {"thai", "ISO-8859-11"},
    {"iso8859_13", "ISO-8859-13"}, {"iso_8859_13", "ISO-8859-13"}, {"latin7", "ISO-8859-13"}, {"l7", "ISO-8859-13"},
    {"iso8859_14", "ISO-8859-14"}, {"iso_8859_14", "ISO-8859-14"}, {"latin8", "ISO-8859-14"}, {"l8", "ISO-8859-14"},
    {"iso8859_15", "ISO-8859-15"}, {"iso_8859_15", "ISO-8859-15"}, {"latin9", "ISO-8859-15"}, {"l9", "ISO-8859-15"},
    {"iso8859_16", "ISO-8859-16"}, {"iso_8859_16", "ISO-8859-16"}, {"latin10", "ISO-8859-16"}, {"l10", "ISO-8859-16"},
    {"cp1250", "CP1250"}, {"windows_1250", "CP1250"}, {"1250", "CP1250"},
    {"cp1251", "CP1251"}, {"windows_1251", "CP1251"}, {"1251", "CP1251"},
    {"cp1252", "CP1252"}, {"windows_1252", "CP1252"}, {"1252", "CP1252"},
    {"cp1253", "CP1253"}, {"windows_1253", "CP1253"}, {"1253", "CP1253"},
    {"cp1254", "CP1254"}, {"windows_1254", "CP1254"}, {"1254", "CP1254"},
    {"cp1255", "CP1255"}, {"windows_1255", "CP1255"}, {"1255", "CP1255"},
    {"cp1256", "CP1256"}, {"windows_1256", "CP1256"}, {"1256", "CP1256"},
    {"cp1257", "CP1257"}, {"windows_1257", "CP1257"}, {"1257", "CP1257"},
    {"cp1258", "CP1258"}, {"windows_1258", "CP1258"}, {"1258", "CP1258"},
    {"cp437", "CP437"}, {"437", "CP437"}, {"ibm437", "CP437"},
    {"cp850", "CP850"}, {"850", "CP850"}, {"ibm850", "CP850"},
    {"cp852", "CP852"}, {"852", "CP852"}, {"ibm852", "CP852"},
    {"cp866", "CP866"}, {"866", "CP866"}, {"ibm866", "CP866"},
    {"koi8_r", "KOI8-R"}, {"koi8_u", "KOI8-U"}, {"koi8_t", "KOI8-T"},
    {"mac_roman", "MACINTOSH"}, {"macroman", "MACINTOSH"}, {"macintosh", "MACINTOSH"},
    {"mac_cyrillic", "MAC-CYRILLIC"}, {"maccyrillic", "MAC-CYRILLIC"},
    {"euc_jp", "EUC-JP"}, {"eucjp", "EUC-JP"}, {"ujis", "EUC-JP"}, {"u_jis", "EUC-JP"},
    {"euc_jis_2004", "EUC-JISX0213"}, {"euc_jisx0213", "EUC-JISX0213"},
    {"shift_jis", "SHIFT_JIS"}, {"sjis", "SHIFT_JIS"}, {"s_jis", "SHIFT_JIS"}, {"csshiftjis", "SHIFT_JIS"},
    {"shift_jis_2004", "SHIFT_JISX0213"}, {"shift_jisx0213", "SHIFT_JISX0213"},
    {"cp932", "CP932"}, {"932", "CP932"}, {"ms932", "CP932"}, {"mskanji", "CP932"}, {"ms_kanji", "CP932"},
    {"iso2022_jp", "ISO-2022-JP"}, {"iso_2022_jp", "ISO-2022-JP"}, {"csiso2022jp", "ISO-2022-JP"},
    {"euc_kr", "EUC-KR"}, {"euckr", "EUC-KR"}, {"korean", "EUC-KR"}, {"ks_c_5601", "EUC-KR"},
    {"cp949", "CP949"}, {"949", "CP949"}, {"ms949", "CP949"}, {"uhc", "CP949"},
    {"gbk", "GBK"}, {"936", "GBK"}, {"cp936", "GBK"}, {"ms936", "GBK"},
    {"gb2312", "GB2312"}, {"chinese", "GB2312"}, {"euc_cn", "GB2312"}, {"euccn", "GB2312"},
    {"gb18030", "GB18030"}, {"gb18030_2000", "GB18030"},
    {"big5", "BIG5"}, {"big5_tw", "BIG5"}, {"csbig5", "BIG5"},
    {"cp950", "CP950"}, {"950", "CP950"}, {"ms950", "CP950"},
    {"big5hkscs", "BIG5-HKSCS"}, {"big5_hkscs", "BIG5-HKSCS"}, {"hkscs", "BIG5-HKSCS"},
    {"utf_16", "UTF-16"}, {"utf16", "UTF-16"}, {"utf_16_le", "UTF-16LE"}, {"utf_16le", "UTF-16LE"},
    {"utf_16_be", "UTF-16BE"}, {"utf_16be", "UTF-16BE"},
    {"utf_32", "UTF-32"}, {"utf32", "UTF-32"}, {"utf_32_le", "UTF-32LE"}, {"utf_32_be", "UTF-32BE"},
    {"tis_620", "TIS-620"}, {"tis620", "TIS-620"},
    {"hz", "HZ"}, {"hzgb", "HZ"}, {"hz_gb", "HZ"}, {"hz_gb_2312", "HZ"},
};

const char* iconv_name_for(std::string_view python_name) {
  std::string key;
  for (char c : python_name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == ' ') c = '_';
    key += c;
  }
  for (const auto& codec : kCodecs)
    if (key == codec.python) return codec.iconv;
  return nullptr;
}

// Decodes `bytes` from `iconv_name` to UTF-8; false with Python's style of message.
bool iconv_to_utf8(std::string_view bytes, const char* iconv_name, std::string_view python_name,
                   std::string& out, std::string& message, std::size_t& bad_offset) {
  iconv_t cd = iconv_open("UTF-8", iconv_name);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    message = "unknown encoding: " + std::string(python_name);
    return false;
  }
  out.clear();
  out.resize(bytes.size() * 4 + 16);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  bool ok = true;
  while (in_left > 0) {
    std::size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      std::size_t used = static_cast<std::size_t>(dst - out.data());
      out.resize(out.size() * 2);
      dst = out.data() + used;
      out_left = out.size() - used;
      continue;
    }
    std::size_t position = static_cast<std::size_t>(in - bytes.data());
    bad_offset = position;
    char buf[200];
    std::snprintf(buf, sizeof buf, "'%.40s' codec can't decode byte 0x%02x in position %zu: %s",
                  std::string(python_name).c_str(), static_cast<unsigned char>(bytes[position]),
                  position, errno == EINVAL ? "incomplete multibyte sequence" : "illegal multibyte sequence");
    message = buf;
    ok = false;
    break;
  }
  if (ok) {
    std::size_t flushed = iconv(cd, nullptr, nullptr, &dst, &out_left);
    (void)flushed;
    out.resize(static_cast<std::size_t>(dst - out.data()));
  }
  iconv_close(cd);
  return ok;
}

// CPython's translate_newlines: "\r\n" and lone "\r" become "\n".
void translate_newlines(std::string& text) {
  if (text.find('\r') == std::string::npos) return;
  std::size_t w = 0;
  const std::size_t n = text.size();
  for (std::size_t r = 0; r < n; ++r) {
    char c = text[r];
    if (c == '\r') {
      text[w++] = '\n';
      if (r + 1 < n && text[r + 1] == '\n') ++r;
    } else {
      text[w++] = c;
    }
  }
  text.resize(w);
}

// CPython reports these on line 0 (no position); we point at the byte that is
// the problem, so every diagnostic has a place: `offset` into `bytes`.
SyntaxError encoding_error(std::string message, std::string_view bytes, std::size_t offset) {
  SyntaxError e;
  e.kind = SyntaxErrorKind::Encoding;
  e.message = std::move(message);
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
    }
  }
  e.lineno = e.end_lineno = line;
  e.col_offset = e.end_col_offset = static_cast<int>(offset - line_start);
  return e;
}

}  // namespace

std::optional<DecodedSource> decode_source(std::string_view bytes, SyntaxError& error) {
  bool bom = bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
             static_cast<unsigned char>(bytes[1]) == 0xBB && static_cast<unsigned char>(bytes[2]) == 0xBF;
  if (bom) bytes.remove_prefix(3);

  // Lines 1 and 2 as CPython's decode_str sees them: each needs its newline.
  std::string cookie;
  bool have_cookie = false;
  std::size_t cookie_line_start = 0;
  std::size_t nl1 = bytes.find('\n');
  if (nl1 != std::string_view::npos) {
    CookieScan first = scan_cookie(bytes.substr(0, nl1), cookie);
    if (first == CookieScan::Cookie) {
      have_cookie = true;
    } else if (first == CookieScan::CommentNoCookie) {
      std::size_t nl2 = bytes.find('\n', nl1 + 1);
      if (nl2 != std::string_view::npos &&
          scan_cookie(bytes.substr(nl1 + 1, nl2 - nl1 - 1), cookie) == CookieScan::Cookie) {
        have_cookie = true;
        cookie_line_start = nl1 + 1;
      }
    }
  }

  DecodedSource out;
  if (!have_cookie) {
    out.encoding = "utf-8";
    // Room for the lexer's padding (tokenize_in_place), so that needs no second copy.
    out.text.reserve(bytes.size() + 16);
    out.text.assign(bytes);
  } else {
    if (bom && cookie != "utf-8") {
      error = encoding_error("encoding problem: " + cookie + " with BOM", bytes, cookie_line_start);
      return std::nullopt;
    }
    out.encoding = cookie;
    const char* iconv_name = cookie == "utf-8" ? "UTF-8" : iconv_name_for(cookie);
    if (iconv_name != nullptr && std::strcmp(iconv_name, "UTF-8") == 0) {
      Utf8Problem problem;
      if (!check_utf8(bytes, problem)) {
        error = encoding_error(utf8_error_text(bytes, problem), bytes, problem.start);
        return std::nullopt;
      }
      out.text.assign(bytes);
    } else if (cookie == "iso-8859-1") {
      out.text.reserve(bytes.size() + bytes.size() / 8);
      for (char ch : bytes) {
        auto b = static_cast<unsigned char>(ch);
        if (b < 0x80) {
          out.text += ch;
        } else {
          out.text += static_cast<char>(0xC0 | (b >> 6));
          out.text += static_cast<char>(0x80 | (b & 0x3F));
        }
      }
    } else if (iconv_name != nullptr && std::strcmp(iconv_name, "ASCII") == 0) {
      for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (static_cast<unsigned char>(bytes[i]) >= 0x80) {
          char buf[120];
          std::snprintf(buf, sizeof buf,
                        "'ascii' codec can't decode byte 0x%02x in position %zu: ordinal not in range(128)",
                        static_cast<unsigned char>(bytes[i]), i);
          error = encoding_error(buf, bytes, i);
          return std::nullopt;
        }
      }
      out.text.assign(bytes);
    } else {
      std::string message;
      if (iconv_name == nullptr) {
        error = encoding_error("unknown encoding: " + cookie, bytes, cookie_line_start);
        return std::nullopt;
      }
      std::size_t bad_offset = 0;
      if (!iconv_to_utf8(bytes, iconv_name, cookie, out.text, message, bad_offset)) {
        error = encoding_error(message, bytes, bad_offset);
        return std::nullopt;
      }
    }
  }
  translate_newlines(out.text);
  return out;
}

}  // namespace aegis::py
