// The audit report as one self-contained HTML file (docs/report.md): the Markdown report's
// sections, inline CSS (readable on a phone, clean in print), an inline SVG severity chart
// and a findings table filtered by severity and area with a little inline JavaScript (the
// initial filter may come from the URL: report.html#severity=high&area=configuration).
// No network fetches. Deterministic, like the Markdown.
#pragma once
#include <string>

#include "engine/scan.h"
#include "report/audit.h"

namespace aegis::report {

std::string format_html(const engine::ScanResult& result, const ReportContext& context);

}  // namespace aegis::report
