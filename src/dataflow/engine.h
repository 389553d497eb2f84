// The data-flow engine: an abstract interpreter over the project's Python that follows
// values from sources (request data, argv, stdin, the environment) through assignments,
// containers, string operations and calls into project functions, to the sinks of
// data/dataflow/python.models. Flow-sensitive within a function, with constant folding
// (dead branches are skipped), sanitizers bound to the sink classes they protect, and
// calls analysed in their calling context (memoised), across modules.
//
// One analysis per scan, shared by the TNT rules (src/rules/taint/) through
// PythonProject::shared; each rule reports the findings of its sink class.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"
#include "dataflow/models.h"
#include "python/ast.h"
#include "rules/python_project.h"

namespace aegis::dataflow {

struct TaintFinding {
  SinkClass cls = Sql;
  const rules::PythonModule* module = nullptr;
  const py::Node* node = nullptr;    // the sink: a call, a return, an assignment
  std::string sink;                  // what receives the data ("cursor.execute()", "the view's response")
  std::string source;                // the source expression's text ("request.args.get('q')")
  std::string source_path;
  int source_line = 0;
  std::uint8_t kinds = 0;            // SourceKind bits of the data that arrives
  bool weak = false;                 // passed through a call no model describes
  std::vector<TraceStep> trace;      // source first, sink last
};

// A call whose arguments' values the value-level rules judge (hash algorithm names,
// cookie flags): the constants the engine folded at that call.
struct CallObservation {
  const rules::PythonModule* module = nullptr;
  const py::Call* call = nullptr;
  std::string callee;   // qualified name, or ".set_cookie" for a method of any receiver
  struct Arg {
    std::string keyword;           // empty for positional
    bool known = false;            // the value is a constant
    std::string text;              // the constant's text (str) or "True"/"False"/"None"/digits
    bool from_literal = false;     // written as a literal at the call (pattern rules saw it)
  };
  std::vector<Arg> args;
};

struct Analysis {
  std::vector<TaintFinding> findings;
  std::vector<CallObservation> observations;
  std::size_t functions_analysed = 0;
};

// Whether the analysis starts in this module: its top level or one of its functions reads
// input, or is a view. The engine keeps (or loads) such modules for the project stage;
// the others are loaded when an analysed call reaches them.
// Records them in the module (PythonModule::entry_functions) for the analysis.
bool has_entries(rules::PythonModule& module, const Models& models);

// Runs (once) and returns the analysis of the project, stored in project.shared.
const Analysis& analyse(rules::PythonProject& project);

// The rule ids whose pattern findings a data-flow verdict may override (a sink proved to
// receive only constants or sanitised data; or a taint finding that supersedes them).
bool verdict_applies_to(std::string_view rule_id);

}  // namespace aegis::dataflow
