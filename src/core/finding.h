// Findings: what a rule reports, with the metadata every output format needs.
// Writers know findings, never ASTs.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aegis {

enum class Severity { Info, Low, Medium, High, Critical };
enum class Confidence { Low, Medium, High };

// The review areas of a security review (seed 003's ten, plus testing and operability).
enum class Area {
  Authentication,    // authentication & sessions
  Authorization,     // authorization & access control
  DataProtection,    // data protection (crypto, TLS, storage)
  InputValidation,   // input validation & output encoding (injection, XSS)
  Dependencies,
  Api,               // API & endpoints
  Configuration,     // configuration & secrets
  Infrastructure,    // infrastructure & networking
  Logging,           // logging & monitoring
  Privacy,           // privacy & compliance
  Testing,
  Operability,
};

// Where a finding stands: open, accepted by a suppression comment, or absorbed by a baseline.
enum class FindingStatus { Open, Accepted, Baseline };

const char* to_string(Severity s);
const char* to_string(Confidence c);
const char* to_string(Area a);        // stable code: "authentication", "input-validation", ...
const char* area_title(Area a);       // human: "Authentication & sessions"
const char* to_string(FindingStatus s);
std::optional<Severity> parse_severity(std::string_view text);
std::optional<Confidence> parse_confidence(std::string_view text);

// One step of a data-flow finding's path: where tainted data came from, each place it
// passed through, and the sink. The first step is the source, the last the sink.
struct TraceStep {
  std::string path;
  int line = 0;        // 1-based
  int column = 0;      // 1-based, in characters
  std::string note;    // "request.args.get('q') (user input)", "bar = param[:-1]", "cursor.execute(sql)"
};

struct Finding {
  std::string rule_id;     // "INJ002"
  std::string rule_name;   // "subprocess-shell-true"
  Severity severity = Severity::Medium;
  Confidence confidence = Confidence::Medium;
  int cwe = 0;
  std::string owasp;       // "A03:2021-Injection"
  Area area = Area::InputValidation;
  std::string path;        // relative to the scan root, '/' separated
  int line = 0;            // 1-based
  int column = 0;          // 1-based, in characters
  int end_line = 0;
  int end_column = 0;      // 1-based, exclusive, in characters
  std::string snippet;     // the source lines the finding spans (at most a few)
  std::string message;     // names the actual values involved
  std::string remediation; // the rule's fix
  std::string effort;      // the rule's remediation effort ("5 min")
  std::string alias;       // the Bandit id (or Ruff code) users migrating know it by
  std::string fingerprint; // stable across unrelated edits above the finding
  bool in_test = false;    // found in test code ("context: test"), ranked down
  FindingStatus status = FindingStatus::Open;
  std::string status_reason;  // the suppression's reason, or the baseline file
  std::string suppressed_by;  // the comment text that accepted it
  std::vector<TraceStep> trace;  // data-flow findings: source to sink; empty otherwise
};

// The order every output uses: path, line, column, rule id, message.
bool finding_less(const Finding& a, const Finding& b);

}  // namespace aegis
