// The writers: one per format, chosen by name. Every writer depends only on the scan
// result (never on timing or thread count), and every machine format is complete even
// when there are no findings: coverage, skips, suppressions and diagnostics included.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "engine/scan.h"
#include "report/text.h"

namespace aegis::report {

enum class Format { Text, Json, Sarif, Junit, CycloneDx };

const char* to_string(Format format);
std::optional<Format> parse_format(std::string_view name);  // "text", "json", "sarif", "junit", "cyclonedx"

// The report in `format`; `text` applies to the text format only (--quiet, colours,
// --show-accepted): the machine formats are always complete.
std::string render(Format format, const ScanResult& result, const TextOptions& text = {});

}  // namespace aegis::report
