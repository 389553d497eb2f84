#include "rules/taint/taint_rule.h"

namespace aegis::rules {

namespace {
const char* kind_words(std::uint8_t kinds) {
  if (kinds & dataflow::kUser) return "Request data";
  if (kinds & dataflow::kArgv) return "A command-line argument";
  if (kinds & dataflow::kStdin) return "Console input";
  return "Untrusted data";
}
}  // namespace

void TaintRule::check_python_project(PythonProject& project) const {
  const dataflow::Analysis& analysis = dataflow::analyse(project);
  for (const dataflow::TaintFinding& tf : analysis.findings) {
    if (tf.cls != cls_) continue;
    std::string message = kind_words(tf.kinds);
    if (!tf.source.empty()) {
      message += " from `" + tf.source + "`";
      if (tf.source_line > 0) {
        message += " (";
        if (tf.source_path != tf.module->unit.path) message += tf.source_path + ":";
        message += "line " + std::to_string(tf.source_line) + ")";
      }
    }
    message += " reaches " + tf.sink + " unsanitised: " + std::string(harm_) + ".";
    if (tf.trace.size() > 2) message += " Path: " + std::to_string(tf.trace.size()) + " steps (--trace).";
    Finding& f = project.report(*tf.module, *tf.node, std::move(message));
    f.trace = tf.trace;
    if (tf.weak && f.confidence == Confidence::High) f.confidence = Confidence::Medium;
    // A local user (argv, console) is a weaker attacker than a remote one.
    if (!(tf.kinds & dataflow::kUser) && f.severity > Severity::Low) {
      f.severity = static_cast<Severity>(static_cast<int>(f.severity) - 1);
    }
  }
}

}  // namespace aegis::rules
