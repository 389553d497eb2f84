#include "rules/fingerprint.h"

#include <cctype>
#include <cstdint>
#include <map>

namespace aegis::rules {

std::uint64_t fnv1a(std::string_view data) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string hash_hex(std::string_view data) {
  std::uint64_t h = fnv1a(data);
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[i] = digits[h & 0xf];
    h >>= 4;
  }
  return out;
}

void assign_fingerprints(std::vector<Finding>& findings, std::size_t begin, std::size_t end,
                         const std::string& relative_path) {
  std::map<std::string, int> seen;
  for (std::size_t i = begin; i < end; ++i) {
    Finding& f = findings[i];
    std::string code;
    for (char c : f.snippet) {
      if (!std::isspace(static_cast<unsigned char>(c))) code += c;
    }
    std::string key = f.rule_id + '\0' + relative_path + '\0' + code;
    int occurrence = seen[key]++;
    f.fingerprint = hash_hex(key + '\0' + std::to_string(occurrence));
  }
}

}  // namespace aegis::rules
