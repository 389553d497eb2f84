// The data-flow models: which qualified names are sources, request objects, sinks,
// sanitizers and clean functions. Read from data/dataflow/python.models (built into the
// binary) and from user files in the same format (docs/dataflow.md).
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"

namespace aegis::dataflow {

// Where tainted data comes from; rules choose the kinds they trust.
enum SourceKind : std::uint8_t {
  kUser = 1 << 0,     // request data: the client controls it
  kArgv = 1 << 1,     // command-line arguments
  kStdin = 1 << 2,    // input()
  kEnv = 1 << 3,      // environment variables (lower trust)
  kFile = 1 << 4,     // file contents
  kUnknown = 1 << 5,  // not a source, but not known to be safe either (a parameter of a
                      // function nobody calls with input, the result of an unmodelled call)
};
inline constexpr std::uint8_t kAttacker = kUser | kArgv | kStdin;

// The kinds of sink; a sanitizer protects some of them only.
enum SinkClass : std::uint8_t {
  Sql, Command, Code, Path, Redirect, Xss, Deserialization, Ldap, Xpath, Xxe, Trust, Ssrf, Header, Log,
  kSinkClassCount
};
using SinkMask = std::uint16_t;
inline constexpr SinkMask kAllSinks = (1u << kSinkClassCount) - 1;
inline constexpr SinkMask bit(SinkClass c) { return static_cast<SinkMask>(1u << c); }
const char* to_string(SinkClass c);
bool parse_sink_class(std::string_view text, SinkClass& out);

struct SinkModel {
  SinkClass cls = Sql;
  std::vector<int> positions;        // 0-based positional arguments
  std::vector<std::string> keywords; // keyword arguments
  bool every_argument = false;       // `*`
  bool every_positional = false;     // `args`: every positional argument, no keyword
  bool receiver = false;             // `self`: the object the method is called on
  std::string condition;             // shell, unsafe-yaml, html, xxe-parser, ... (engine)
  std::string receiver_hint;         // method sinks: the receiver type must contain this
};

class Models {
 public:
  // The built-in models.
  static const Models& builtin();
  // Parses a models file; problems go to `diagnostics` with positions.
  void load(std::string_view text, const std::string& path, std::vector<Diagnostic>& diagnostics);

  std::map<std::string, std::uint8_t, std::less<>> sources;       // attribute reads
  std::map<std::string, std::uint8_t, std::less<>> source_calls;  // calls
  std::map<std::string, std::string, std::less<>> request_types;  // qualified name -> framework
  std::set<std::string, std::less<>> request_attrs;
  std::set<std::string, std::less<>> request_calls;
  std::map<std::string, std::vector<SinkModel>, std::less<>> sinks;          // by qualified name
  std::map<std::string, std::vector<SinkModel>, std::less<>> method_sinks;   // by method name
  std::map<std::string, SinkMask, std::less<>> sanitizers;
  std::map<std::string, SinkMask, std::less<>> method_sanitizers;
  std::set<std::string, std::less<>> clean;
  std::set<std::string, std::less<>> method_clean;
};

}  // namespace aegis::dataflow
