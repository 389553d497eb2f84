// Literal values as CPython 3.12 computes them: numbers (Python/ast_opt-free
// parse_number in Parser/action_helpers.c), string prefixes and escape decoding
// (Objects/unicodeobject.c _PyUnicode_DecodeUnicodeEscapeInternal and
// Objects/bytesobject.c _PyBytes_DecodeEscape, as the parser calls them).
#include "python/literals.h"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "python/source_decode.h"
#include "python/unicode.h"

namespace aegis::py {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Digits of `digits` (no prefix, no underscores) in base 2, 8 or 16 -> decimal text.
std::string to_decimal(std::string_view digits, int base) {
  // Little-endian limbs of 10^9.
  constexpr std::uint32_t kLimb = 1000000000u;
  std::vector<std::uint32_t> limbs{0};
  int bits_per_digit = base == 16 ? 4 : (base == 8 ? 3 : 1);
  // Feed up to 27 bits at a time so each limb multiply stays within 64 bits.
  int chunk_digits = 27 / bits_per_digit;
  std::size_t i = 0;
  while (i < digits.size()) {
    std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(chunk_digits), digits.size() - i);
    std::uint64_t chunk = 0;
    for (std::size_t k = 0; k < take; ++k) chunk = (chunk << bits_per_digit) | static_cast<unsigned>(hex_value(digits[i + k]));
    std::uint64_t mul = std::uint64_t{1} << (bits_per_digit * static_cast<int>(take));
    std::uint64_t carry = chunk;
    for (auto& limb : limbs) {
      std::uint64_t v = static_cast<std::uint64_t>(limb) * mul + carry;
      limb = static_cast<std::uint32_t>(v % kLimb);
      carry = v / kLimb;
    }
    while (carry) {
      limbs.push_back(static_cast<std::uint32_t>(carry % kLimb));
      carry /= kLimb;
    }
    i += take;
  }
  std::string out = std::to_string(limbs.back());
  char buf[16];
  for (std::size_t k = limbs.size() - 1; k-- > 0;) {
    std::snprintf(buf, sizeof buf, "%09u", limbs[k]);
    out += buf;
  }
  return out;
}

double parse_double(std::string_view text) {
  double value = 0.0;
  auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec == std::errc()) return value;
  // Out of range: strtod gives inf or the correctly rounded tiny value / zero.
  std::string copy(text);
  return std::strtod(copy.c_str(), nullptr);
}

// Positions in CPython's error messages count each non-ASCII character of the
// body as the 10-byte "\UXXXXXXXX" escape CPython rewrites it to before decoding.
std::size_t cpython_position(std::string_view body, std::size_t byte_offset) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < byte_offset && i < body.size();) {
    auto b = static_cast<unsigned char>(body[i]);
    if (b < 0x80) {
      ++pos;
      ++i;
    } else {
      std::size_t len = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2);
      pos += 10;
      i += len;
    }
  }
  return pos;
}

bool unicode_escape_error(std::string_view body, std::size_t start, std::size_t end,
                          const char* reason, std::string& message, std::size_t& offset) {
  std::size_t s = cpython_position(body, start), e = cpython_position(body, end);
  char buf[200];
  if (e - s <= 1) {
    std::snprintf(buf, sizeof buf,
                  "(unicode error) 'unicodeescape' codec can't decode byte 0x%02x in position %zu: %s",
                  static_cast<unsigned char>(body[start]), s, reason);
  } else {
    std::snprintf(buf, sizeof buf,
                  "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s", s,
                  e - 1, reason);
  }
  message = buf;
  offset = start;
  return false;
}

}  // namespace

ConstantValue number_value(std::string_view token_text, Arena& arena) {
  ConstantValue v;
  // Most literals are plain decimal ints ("1", "255"): already their own decimal
  // text, so no cleaned copy is built and the value points into the token.
  if (!token_text.empty() && token_text[0] != '0') {
    bool plain_decimal = true;
    for (char c : token_text) plain_decimal &= c >= '0' && c <= '9';
    if (plain_decimal) {
      v.kind = ConstantKind::Int;
      v.text = token_text;
      return v;
    }
  }
  std::string clean;
  clean.reserve(token_text.size());
  for (char c : token_text)
    if (c != '_') clean += c;
  if (clean.empty()) {
    v.kind = ConstantKind::Int;
    v.text = arena.copy("0");
    return v;
  }
  char last = clean.back();
  if (last == 'j' || last == 'J') {
    v.kind = ConstantKind::Complex;
    v.number = parse_double(std::string_view(clean).substr(0, clean.size() - 1));
    return v;
  }
  if (clean.size() > 1 && clean[0] == '0' &&
      (clean[1] == 'x' || clean[1] == 'X' || clean[1] == 'o' || clean[1] == 'O' || clean[1] == 'b' ||
       clean[1] == 'B')) {
    int base = (clean[1] == 'x' || clean[1] == 'X') ? 16 : ((clean[1] == 'o' || clean[1] == 'O') ? 8 : 2);
    v.kind = ConstantKind::Int;
    v.text = arena.copy(to_decimal(std::string_view(clean).substr(2), base));
    return v;
  }
  if (clean.find_first_of(".eE") != std::string::npos) {
    v.kind = ConstantKind::Float;
    v.number = parse_double(clean);
    return v;
  }
  v.kind = ConstantKind::Int;
  std::size_t first = clean.find_first_not_of('0');
  v.text = arena.copy(first == std::string::npos ? std::string_view("0")
                                                 : std::string_view(clean).substr(first));
  return v;
}

std::size_t parse_string_prefix(std::string_view token_text, StringPrefix& prefix) {
  prefix = StringPrefix{};
  std::size_t i = 0;
  for (; i < token_text.size(); ++i) {
    switch (token_text[i]) {
      case 'r': case 'R': prefix.raw = true; break;
      case 'b': case 'B': prefix.bytes = true; break;
      case 'u': case 'U': prefix.unicode = true; break;
      case 'f': case 'F': prefix.fstring = true; break;
      case 't': case 'T': prefix.tstring = true; break;
      default: return i;
    }
  }
  return i;
}

bool decode_string_body(std::string_view body, bool raw, bool bytes, std::string& out,
                        std::string& error_message, std::size_t& error_offset) {
  out.clear();
  const std::size_t n = body.size();
  if (bytes) {
    for (std::size_t i = 0; i < n; ++i) {
      if (static_cast<unsigned char>(body[i]) >= 0x80) {
        error_message = "bytes can only contain ASCII literal characters";
        error_offset = i;
        return false;
      }
    }
  } else {
    Utf8Problem problem;
    if (!check_utf8(body, problem)) {
      error_message = "(unicode error) " + utf8_error_text(body, problem);
      error_offset = problem.start;
      return false;
    }
  }
  // Fast path: nothing to decode.
  const void* first_backslash = raw ? nullptr : std::memchr(body.data(), '\\', n);
  if (first_backslash == nullptr) {
    out.assign(body);
    return true;
  }
  out.reserve(n);
  std::size_t i = 0;
  while (i < n) {
    const char* next = static_cast<const char*>(std::memchr(body.data() + i, '\\', n - i));
    std::size_t stop = next ? static_cast<std::size_t>(next - body.data()) : n;
    out.append(body.data() + i, stop - i);
    i = stop;
    if (i >= n) break;
    const std::size_t esc = i;
    ++i;  // the backslash
    if (i >= n) {
      // Only an f-string piece can end in a lone backslash ("\{" splits there): text.
      out += '\\';
      break;
    }
    char c = body[i++];
    switch (c) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        unsigned value = static_cast<unsigned>(c - '0');
        for (int k = 0; k < 2 && i < n && body[i] >= '0' && body[i] <= '7'; ++k)
          value = value * 8 + static_cast<unsigned>(body[i++] - '0');
        // Above 0o377: str keeps the code point, bytes the low byte (3.12 warns).
        if (bytes) out += static_cast<char>(value & 0xFF);
        else unicode::append_utf8(out, value);
        break;
      }
      case 'x': {
        int digits = 0;
        unsigned value = 0;
        while (digits < 2 && i < n && hex_value(body[i]) >= 0) {
          value = value * 16 + static_cast<unsigned>(hex_value(body[i++]));
          ++digits;
        }
        if (digits < 2) {
          if (bytes) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "(value error) invalid \\x escape at position %zu", esc);
            error_message = buf;
            error_offset = esc;
            return false;
          }
          return unicode_escape_error(body, esc, i, "truncated \\xXX escape", error_message, error_offset);
        }
        if (bytes) out += static_cast<char>(value);
        else unicode::append_utf8(out, value);
        break;
      }
      case 'u':
      case 'U': {
        if (bytes) {
          out += '\\';
          out += c;
          break;
        }
        int want = c == 'u' ? 4 : 8;
        int digits = 0;
        std::uint32_t value = 0;
        while (digits < want && i < n && hex_value(body[i]) >= 0) {
          value = value * 16 + static_cast<std::uint32_t>(hex_value(body[i++]));
          ++digits;
        }
        if (digits < want) {
          return unicode_escape_error(body, esc, i, c == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape",
                                      error_message, error_offset);
        }
        if (value > 0x10FFFF) {
          return unicode_escape_error(body, esc, i, "illegal Unicode character", error_message, error_offset);
        }
        unicode::append_utf8(out, value);
        break;
      }
      case 'N': {
        if (bytes) {
          out += "\\N";
          break;
        }
        if (i >= n || body[i] != '{') {
          return unicode_escape_error(body, esc, i, "malformed \\N character escape", error_message, error_offset);
        }
        std::size_t name_start = i + 1;
        std::size_t close = body.find('}', name_start);
        if (close == std::string_view::npos || close == name_start) {
          std::size_t end = close == std::string_view::npos ? n : close + 1;
          return unicode_escape_error(body, esc, end, "malformed \\N character escape", error_message, error_offset);
        }
        auto ch = unicode::lookup_name(body.substr(name_start, close - name_start));
        i = close + 1;
        if (!ch) {
          return unicode_escape_error(body, esc, i, "unknown Unicode character name", error_message, error_offset);
        }
        unicode::append_utf8(out, *ch);
        break;
      }
      default:
        // Unknown escapes stay as written (3.12 only warns).
        out += '\\';
        i = esc + 1;
        break;
    }
  }
  return true;
}

}  // namespace aegis::py
