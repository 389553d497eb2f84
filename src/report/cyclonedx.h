// CycloneDX 1.5 JSON: the software bill of materials of the scanned project's Python
// dependencies (declared and locked), with the known vulnerabilities the advisories name.
// No timestamp or serial number: the same project gives the same bytes.
#pragma once
#include <string>

#include "engine/scan.h"

namespace aegis::report {

std::string format_cyclonedx(const engine::ScanResult& result);

}  // namespace aegis::report
