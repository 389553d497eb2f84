// The data-flow rules (TNT): one per sink class, each reporting what the shared data-flow
// analysis (src/dataflow/engine.h) found for its class. A rule file holds the metadata and
// the words of its message; the engine does the work once for all of them.
#pragma once
#include "dataflow/engine.h"
#include "rules/python_project.h"
#include "rules/rule.h"

namespace aegis::rules {

class TaintRule : public Rule {
 public:
  TaintRule(const RuleMeta& meta, dataflow::SinkClass cls, std::string_view harm)
      : Rule(meta), cls_(cls), harm_(harm) {}
  bool wants_python_project() const override { return true; }
  void check_python_project(PythonProject& project) const override;

 private:
  dataflow::SinkClass cls_;
  std::string_view harm_;  // what the attacker gets: "runs SQL of the attacker's choosing"
};

}  // namespace aegis::rules
