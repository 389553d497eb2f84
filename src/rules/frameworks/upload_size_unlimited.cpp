// UPL003 upload-size-unlimited: a Flask app that accepts uploads (request.files) with no
// MAX_CONTENT_LENGTH in the configuration production runs with.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "UPL003",
    .name = "upload-size-unlimited",
    .title = "uploads accepted with no request size limit",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 400,
    .owasp = "A04:2021-Insecure Design",
    .area = Area::InputValidation,
    .flags = "A Flask app with a route that reads `request.files` while `MAX_CONTENT_LENGTH` is unset (or "
             "None) in the configuration production runs with. A value read from the environment counts "
             "as set. Reported at the first upload route.",
    .why = "Without a limit Werkzeug accepts request bodies of any size: one client can fill the disk or "
           "memory of a worker with a single upload, long before a size check in the view runs.",
    .example = "@app.route(\"/avatar\", methods=[\"POST\"])\ndef avatar():\n    f = request.files[\"avatar\"]",
    .fix = "`MAX_CONTENT_LENGTH = 5 * 1024 * 1024` in the production config (Flask answers 413), and a "
           "matching `client_max_body_size` in the proxy.",
    .effort = "10 min",
    .references = {"https://flask.palletsprojects.com/en/latest/config/#MAX_CONTENT_LENGTH"},
};

class UploadSizeUnlimited final : public Rule {
 public:
  UploadSizeUnlimited() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      if (app.framework != frameworks::Framework::Flask) continue;
      const frameworks::Environment* prod = app.production();
      if (!prod) continue;
      auto limit = prod->values.find("MAX_CONTENT_LENGTH");
      if (limit != prod->values.end() &&
          !(limit->second.constant && limit->second.constant->kind == py::ConstantKind::None))
        continue;
      for (const fw::Route& r : app.routes) {
        if (!r.state_changing() || r.site.module->unit.in_test) continue;
        bool files = false;
        frameworks::util::walk(r.function_node, [&](const py::Node* n) {
          if (const auto* a = py::dyn_cast<py::Attribute>(n); a && a->attr == "files") files = true;
        });
        if (!files) continue;
        std::string where = prod->config_class.empty() ? "the app's configuration"
                                                       : std::string(frameworks::util::last_component(prod->config_class));
        fw::report(project, r.site, r.function + " (" + r.methods.front() + " " + r.path + ") accepts uploads but " +
                                        where + " sets no MAX_CONTENT_LENGTH: request bodies of any size are read");
        break;
      }
    }
  }
};

AEGIS_REGISTER_RULE(UploadSizeUnlimited);

}  // namespace
}  // namespace aegis::rules
