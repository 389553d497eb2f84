#include "core/diagnostics.h"

namespace aegis {

const char* to_string(DiagnosticSeverity s) {
  switch (s) {
    case DiagnosticSeverity::Error: return "error";
    case DiagnosticSeverity::Warning: return "warning";
    case DiagnosticSeverity::Note: return "note";
  }
  return "error";
}

const char* to_string(DiagnosticKind k) {
  switch (k) {
    case DiagnosticKind::Io: return "io";
    case DiagnosticKind::Encoding: return "encoding";
    case DiagnosticKind::Syntax: return "syntax";
    case DiagnosticKind::TooDeep: return "too-deep";
    case DiagnosticKind::Skipped: return "skipped";
    case DiagnosticKind::Config: return "config";
    case DiagnosticKind::Internal: return "internal";
  }
  return "internal";
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.path;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += ": ";
  out += to_string(d.severity);
  out += ": ";
  out += d.message;
  return out;
}

}  // namespace aegis
