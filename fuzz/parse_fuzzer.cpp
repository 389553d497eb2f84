// libFuzzer target over the whole front end: bytes -> decode -> tokenize -> parse -> dump,
// in the newest grammar and in 3.12's. Any crash, sanitizer report, hang (-timeout) or
// broken invariant below is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "python/ast_dump.h"
#include "python/parse.h"

namespace {

void parse_and_dump(std::string_view bytes, int feature_minor) {
  aegis::py::ParseOptions options;
  options.set_feature_minor(feature_minor);
  auto parsed = aegis::py::parse_python(bytes, options);
  if (parsed->error) {
    // A rejection is a value: it must carry no tree and a message.
    if (parsed->module != nullptr || parsed->error->message.empty()) std::abort();
    return;
  }
  if (parsed->module == nullptr) std::abort();  // neither a tree nor an error
  std::string text = aegis::py::dump(parsed->module);
  if (text.compare(0, 7, "Module(") != 0) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  parse_and_dump(bytes, 14);
  parse_and_dump(bytes, 12);
  return 0;
}
