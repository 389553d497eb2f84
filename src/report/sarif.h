// SARIF 2.1.0 (docs/output-formats.md), as GitHub code scanning reads it: one run, the
// rules that ran with their help, CWE tags and security-severity, one result per finding
// with a physical location relative to %SRCROOT% (the directory Aegis ran in), partial
// fingerprints, in-source suppressions for accepted findings, and the diagnostics as
// tool execution notifications. Byte-identical across runs and thread counts.
#pragma once
#include <string>

#include "engine/scan.h"

namespace aegis::report {

using engine::ScanResult;

std::string format_sarif(const ScanResult& result);

// GitHub's security-severity for a severity: critical 9.5, high 8.0, medium 5.5, low 3.0,
// info 1.0.
const char* security_severity(Severity severity);

// A path as a SARIF URI: relative paths percent-encoded ('/'-separated, no "./"); absolute
// ones below the current directory made relative; other absolute ones as file:// URIs
// (`relative` says which).
std::string path_uri(const std::string& path, bool& relative);

}  // namespace aegis::report
