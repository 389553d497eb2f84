// The JSON document (docs/json-output.md, schema in docs/json-output.schema.json):
// findings, strengths, suppressions, diagnostics and coverage, in a fixed key order,
// byte-identical across runs and thread counts.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "engine/scan.h"

namespace aegis::report {

using engine::ScanResult;

// The version of the document's shape: the minor number grows when keys are added, the
// major number when a key changes meaning or goes away.
inline constexpr const char* kJsonSchemaVersion = "1.1";

// The document, pretty-printed with two-space indentation, ending in '\n'.
std::string format_json(const ScanResult& result);

// Pieces the other machine formats reuse (SARIF run properties).
nlohmann::ordered_json coverage_json(const ScanResult& result);
nlohmann::ordered_json suppressions_json(const ScanResult& result);
nlohmann::ordered_json diagnostic_json(const Diagnostic& d);

}  // namespace aegis::report
