#include "dataflow/models.h"

#include <charconv>

#include "core/embedded_data.h"

namespace aegis::dataflow {

namespace {
constexpr const char* kSinkClassNames[kSinkClassCount] = {
    "sql", "command", "code", "path", "redirect", "xss", "deserialization",
    "ldap", "xpath", "xxe", "trust", "ssrf", "header", "log"};

std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || line[i] == '#') break;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(sep, start);
    out.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

bool parse_kind(std::string_view text, std::uint8_t& kind) {
  if (text == "user") kind = kUser;
  else if (text == "argv") kind = kArgv;
  else if (text == "stdin") kind = kStdin;
  else if (text == "env") kind = kEnv;
  else if (text == "file") kind = kFile;
  else return false;
  return true;
}

bool parse_mask(std::string_view text, SinkMask& mask) {
  mask = 0;
  for (std::string_view part : split(text, ',')) {
    if (part == "all") {
      mask = kAllSinks;
      continue;
    }
    SinkClass c;
    if (!parse_sink_class(part, c)) return false;
    mask |= bit(c);
  }
  return true;
}
}  // namespace

const char* to_string(SinkClass c) { return c < kSinkClassCount ? kSinkClassNames[c] : "?"; }

bool parse_sink_class(std::string_view text, SinkClass& out) {
  for (int i = 0; i < kSinkClassCount; ++i) {
    if (text == kSinkClassNames[i]) {
      out = static_cast<SinkClass>(i);
      return true;
    }
  }
  return false;
}

void Models::load(std::string_view text, const std::string& path, std::vector<Diagnostic>& diagnostics) {
  int lineno = 0;
  auto problem = [&](std::string message) {
    Diagnostic d;
    d.kind = DiagnosticKind::Config;
    d.path = path;
    d.line = lineno;
    d.column = 1;
    d.message = std::move(message);
    diagnostics.push_back(std::move(d));
  };
  for (std::string_view line : split(text, '\n')) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto f = fields_of(line);
    if (f.empty()) continue;
    std::string_view verb = f[0];
    auto need = [&](std::size_t n) {
      if (f.size() >= n) return true;
      problem("data-flow model `" + std::string(verb) + "` needs " + std::to_string(n - 1) + " fields");
      return false;
    };
    if (verb == "source" || verb == "source-call") {
      if (!need(3)) continue;
      std::uint8_t kind;
      if (!parse_kind(f[2], kind)) {
        problem("unknown source kind `" + std::string(f[2]) + "` (user, argv, stdin, env, file)");
        continue;
      }
      (verb == "source" ? sources : source_calls)[std::string(f[1])] = kind;
    } else if (verb == "request") {
      if (!need(3)) continue;
      request_types[std::string(f[1])] = std::string(f[2]);
    } else if (verb == "request-attr") {
      if (!need(2)) continue;
      request_attrs.emplace(f[1]);
    } else if (verb == "request-call") {
      if (!need(2)) continue;
      request_calls.emplace(f[1]);
    } else if (verb == "sink" || verb == "method-sink") {
      if (!need(4)) continue;
      SinkModel m;
      if (!parse_sink_class(f[2], m.cls)) {
        problem("unknown sink class `" + std::string(f[2]) + "`");
        continue;
      }
      for (std::string_view a : split(f[3], '|')) {
        if (a == "*") {
          m.every_argument = true;
        } else if (a == "args") {
          m.every_positional = true;
        } else if (a == "self") {
          m.receiver = true;
        } else if (!a.empty() && a[0] >= '0' && a[0] <= '9') {
          int n = 0;
          std::from_chars(a.data(), a.data() + a.size(), n);
          m.positions.push_back(n);
        } else if (!a.empty()) {
          m.keywords.emplace_back(a);
        }
      }
      if (f.size() > 4) (verb == "sink" ? m.condition : m.receiver_hint) = std::string(f[4]);
      (verb == "sink" ? sinks : method_sinks)[std::string(f[1])].push_back(std::move(m));
    } else if (verb == "sanitizer" || verb == "method-sanitizer") {
      if (!need(3)) continue;
      SinkMask mask;
      if (!parse_mask(f[2], mask)) {
        problem("unknown sink class in `" + std::string(f[2]) + "`");
        continue;
      }
      (verb == "sanitizer" ? sanitizers : method_sanitizers)[std::string(f[1])] |= mask;
    } else if (verb == "clean" || verb == "method-clean") {
      if (!need(2)) continue;
      (verb == "clean" ? clean : method_clean).emplace(f[1]);
    } else {
      problem("unknown data-flow model `" + std::string(verb) + "`");
    }
  }
}

const Models& Models::builtin() {
  static const Models models = [] {
    Models m;
    std::vector<Diagnostic> ignored;
    if (auto text = data::embedded_file("dataflow/python.models")) m.load(*text, "data/dataflow/python.models", ignored);
    return m;
  }();
  return models;
}

}  // namespace aegis::dataflow
