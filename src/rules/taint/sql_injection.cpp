// TNT001 sql-injection: request data reaches an sql statement (CWE-89), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT001",
    .name = "sql-injection",
    .title = "Request data reaches an SQL statement",
    .severity = Severity::Critical,
    .confidence = Confidence::High,
    .cwe = 89,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "SQL statements (DB-API execute, SQLAlchemy text/exec_driver_sql, Django raw/extra/RawSQL) built from data an attacker controls, traced from the request through assignments, containers and function calls.",
    .why = "Whoever controls the text of a query can read, change or delete any row the application's database user can reach, and often bypass authentication.",
    .example = "name = request.args[\"name\"]\ncursor.execute(f\"SELECT * FROM users WHERE name = '{name}'\")",
    .fix = "Pass the value as a parameter and keep the statement constant:\n\ncursor.execute(\"SELECT * FROM users WHERE name = ?\", (name,))",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/89.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class SqlInjection final : public TaintRule {
 public:
  SqlInjection() : TaintRule(kMeta, dataflow::Sql, "runs SQL of the attacker's choosing") {}
};

}  // namespace
AEGIS_REGISTER_RULE(SqlInjection);
}  // namespace aegis::rules
