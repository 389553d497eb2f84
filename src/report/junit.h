// JUnit XML for CI dashboards (docs/output-formats.md): a suite with one testcase per rule
// that ran, failing with one <failure> per open finding of that rule; a suite with one
// testcase per file that could not be analysed, each with an <error>. Accepted findings
// are listed in the rule's <system-out>. Byte-identical across runs and thread counts.
#pragma once
#include <string>

#include "engine/scan.h"

namespace aegis::report {

using engine::ScanResult;

std::string format_junit(const ScanResult& result);

// Text escaped for XML 1.0 attributes and content: markup characters as entities, control
// characters XML cannot hold and invalid UTF-8 as U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace aegis::report
