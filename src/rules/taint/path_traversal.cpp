// TNT004 path-traversal: request data reaches a file-system path (CWE-22), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT004",
    .name = "path-traversal",
    .title = "Request data reaches a file-system path",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 22,
    .owasp = "A01:2021-Broken Access Control",
    .area = Area::InputValidation,
    .flags = "open(), os/shutil file operations, pathlib methods, send_file and send_from_directory's directory built from data an attacker controls without basename/secure_filename or an allow-list.",
    .why = "`../` sequences and absolute paths let the client read or overwrite files outside the intended directory: configuration, keys, other users' files.",
    .example = "name = request.args[\"file\"]\nreturn open(os.path.join(UPLOADS, name)).read()",
    .fix = "Reduce the name to a file name and serve from a fixed directory:\n\nname = werkzeug.utils.secure_filename(request.args[\"file\"])\nreturn send_from_directory(UPLOADS, name)",
    .effort = "30 min",
    .references = {"https://cwe.mitre.org/data/definitions/22.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class PathTraversal final : public TaintRule {
 public:
  PathTraversal() : TaintRule(kMeta, dataflow::Path, "lets the client choose which file is read or written") {}
};

}  // namespace
AEGIS_REGISTER_RULE(PathTraversal);
}  // namespace aegis::rules
