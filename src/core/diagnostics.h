// Diagnostics: errors are values with a position, never exceptions through the pipeline.
#pragma once
#include <string>
#include <vector>

namespace aegis {

enum class DiagnosticSeverity { Error, Warning, Note };

// Why a diagnostic was raised; coverage reports group by this.
enum class DiagnosticKind {
  Io,            // the file could not be read
  Encoding,      // undecodable bytes, bad coding cookie
  Syntax,        // the tokenizer or parser rejected the file
  TooDeep,       // nesting beyond what the parser accepts
  Skipped,       // the file was deliberately not analysed (binary, too large, ...)
  Config,
  Internal,
};

struct Diagnostic {
  DiagnosticSeverity severity = DiagnosticSeverity::Error;
  DiagnosticKind kind = DiagnosticKind::Syntax;
  std::string path;
  int line = 0;        // 1-based; 0 when the diagnostic has no position
  int column = 0;      // 1-based, in characters (as editors count); 0 when unknown
  int end_line = 0;
  int end_column = 0;
  std::string message;
};

const char* to_string(DiagnosticSeverity s);
const char* to_string(DiagnosticKind k);

// "path:line:col: error: message" — the one text form used by every command.
std::string format_diagnostic(const Diagnostic& d);

}  // namespace aegis
