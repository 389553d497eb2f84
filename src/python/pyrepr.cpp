// Python 3.12's repr() of literal values (Objects/unicodeobject.c unicode_repr,
// Objects/bytesobject.c PyBytes_Repr, Python/pystrtod.c for floats), byte for byte.
#include "python/pyrepr.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "python/unicode.h"

namespace aegis::py {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex(std::string& out, char prefix, std::uint32_t value, int digits) {
  out += '\\';
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
}

// Python picks double quotes only when the text has a single quote and no double quote.
char choose_quote(std::string_view text) {
  if (text.empty()) return '\'';  // memchr must not see the null data() of an empty view
  bool single = std::memchr(text.data(), '\'', text.size()) != nullptr;
  if (!single) return '\'';
  bool dbl = std::memchr(text.data(), '"', text.size()) != nullptr;
  return dbl ? '\'' : '"';
}

// Appends the escape of an ASCII byte that is not plain printable (or is the quote or a
// backslash); shared by str and bytes, which agree on ASCII.
void append_ascii_escape(std::string& out, unsigned char b) {
  switch (b) {
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\\': out += "\\\\"; break;
    case '\'': out += "\\'"; break;
    case '"': out += "\\\""; break;
    default: append_hex(out, 'x', b, 2); break;
  }
}

// The printable ASCII bytes a repr copies as they are, given the quote in use.
bool plain_ascii(unsigned char b, char quote) {
  return b >= 0x20 && b < 0x7F && b != '\\' && b != static_cast<unsigned char>(quote);
}

// Python's float_repr_style 'short' layout of shortest round-trip digits:
// exponent notation when the decimal point position is <= -4 or > 16.
void format_shortest(std::string& out, double value, bool add_dot_zero) {
  if (std::isnan(value)) {
    out += "nan";
    return;
  }
  if (std::signbit(value)) out += '-';
  value = std::fabs(value);
  if (std::isinf(value)) {
    out += "inf";
    return;
  }
  // Scientific shortest form: d[.ddd]e(+|-)XX.
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(result.ptr - buf));
  std::size_t e_pos = sci.find('e');
  char digits[32];
  int ndigits = 0;
  for (std::size_t k = 0; k < e_pos; ++k) {
    if (sci[k] != '.') digits[ndigits++] = sci[k];
  }
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + (sci[e_pos + 1] == '+' ? 2 : 1), sci.data() + sci.size(),
                  exponent);
  int decpt = exponent + 1;  // value = 0.DIGITS * 10^decpt
  if (decpt <= -4 || decpt > 16) {
    out += digits[0];
    if (ndigits > 1) {
      out += '.';
      out.append(digits + 1, ndigits - 1);
    }
    out += 'e';
    int e = decpt - 1;
    out += e < 0 ? '-' : '+';
    if (e < 0) e = -e;
    if (e < 10) out += '0';
    char ebuf[8];
    auto er = std::to_chars(ebuf, ebuf + sizeof ebuf, e);
    out.append(ebuf, er.ptr);
    return;
  }
  if (decpt <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-decpt), '0');
    out.append(digits, ndigits);
  } else if (decpt >= ndigits) {
    out.append(digits, ndigits);
    out.append(static_cast<std::size_t>(decpt - ndigits), '0');
    if (add_dot_zero) out += ".0";
  } else {
    out.append(digits, decpt);
    out += '.';
    out.append(digits + decpt, ndigits - decpt);
  }
}

}  // namespace

void repr_str(std::string& out, std::string_view utf8) {
  char quote = choose_quote(utf8);
  out.reserve(out.size() + utf8.size() + 2);
  out += quote;
  std::size_t i = 0, n = utf8.size();
  while (i < n) {
    std::size_t run = i;
    while (run < n && plain_ascii(static_cast<unsigned char>(utf8[run]), quote)) ++run;
    out.append(utf8.data() + i, run - i);
    i = run;
    if (i >= n) break;
    unsigned char b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      append_ascii_escape(out, b);
      ++i;
      continue;
    }
    char32_t c = unicode::decode_utf8(utf8, i);
    if (unicode::is_printable(c)) {
      unicode::append_utf8(out, c);
    } else if (c < 0x100) {
      append_hex(out, 'x', c, 2);
    } else if (c < 0x10000) {
      append_hex(out, 'u', c, 4);
    } else {
      append_hex(out, 'U', c, 8);
    }
  }
  out += quote;
}

void repr_bytes(std::string& out, std::string_view bytes) {
  char quote = choose_quote(bytes);
  out.reserve(out.size() + bytes.size() + 3);
  out += 'b';
  out += quote;
  std::size_t i = 0, n = bytes.size();
  while (i < n) {
    std::size_t run = i;
    while (run < n && plain_ascii(static_cast<unsigned char>(bytes[run]), quote)) ++run;
    out.append(bytes.data() + i, run - i);
    if (run >= n) break;
    append_ascii_escape(out, static_cast<unsigned char>(bytes[run]));
    i = run + 1;
  }
  out += quote;
}

void repr_float(std::string& out, double value) { format_shortest(out, value, true); }

void repr_imaginary(std::string& out, double imag) {
  // complex_repr with a +0.0 real part: the imaginary part alone, without '.0'.
  format_shortest(out, imag, false);
  out += 'j';
}

void repr_constant(std::string& out, const ConstantValue& v) {
  switch (v.kind) {
    case ConstantKind::None: out += "None"; break;
    case ConstantKind::True: out += "True"; break;
    case ConstantKind::False: out += "False"; break;
    case ConstantKind::Ellipsis: out += "Ellipsis"; break;
    case ConstantKind::Int: out += v.text; break;
    case ConstantKind::Float: repr_float(out, v.number); break;
    case ConstantKind::Complex: repr_imaginary(out, v.number); break;
    case ConstantKind::Str: repr_str(out, v.text); break;
    case ConstantKind::Bytes: repr_bytes(out, v.text); break;
  }
}

}  // namespace aegis::py
