#include "report/report.h"

#include "report/cyclonedx.h"
#include "report/json.h"
#include "report/junit.h"
#include "report/sarif.h"

namespace aegis::report {

const char* to_string(Format format) {
  switch (format) {
    case Format::Text: return "text";
    case Format::Json: return "json";
    case Format::Sarif: return "sarif";
    case Format::Junit: return "junit";
    case Format::CycloneDx: return "cyclonedx";
  }
  return "text";
}

std::optional<Format> parse_format(std::string_view name) {
  for (Format f : {Format::Text, Format::Json, Format::Sarif, Format::Junit, Format::CycloneDx}) {
    if (name == to_string(f)) return f;
  }
  return std::nullopt;
}

std::string render(Format format, const ScanResult& result, const TextOptions& text) {
  switch (format) {
    case Format::Text: return format_text(result, text);
    case Format::Json: return format_json(result);
    case Format::Sarif: return format_sarif(result);
    case Format::Junit: return format_junit(result);
    case Format::CycloneDx: return format_cyclonedx(result);
  }
  return format_text(result, text);
}

}  // namespace aegis::report
