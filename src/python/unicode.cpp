// PLACEHOLDER — replaced by the unicode tables work.
#include "python/unicode.h"
#include <cctype>
namespace aegis::py::unicode {
bool is_xid_start(char32_t c) { return c == '_' || (c < 128 && std::isalpha(int(c))); }
bool is_xid_continue(char32_t c) { return c == '_' || (c < 128 && std::isalnum(int(c))); }
bool is_printable(char32_t c) { return c >= 32 && c < 127; }
std::optional<char32_t> lookup_name(std::string_view) { return std::nullopt; }
std::string nfkc(std::string_view s) { return std::string(s); }
char32_t decode_utf8(std::string_view s, std::size_t& i) { return static_cast<unsigned char>(s[i++]); }
void append_utf8(std::string& out, char32_t c) { out += char(c); }
}  // namespace aegis::py::unicode
