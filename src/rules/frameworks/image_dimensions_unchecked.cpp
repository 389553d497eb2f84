// UPL001 image-dimensions-unchecked: an uploaded image decoded by Pillow with no check of
// its pixel dimensions (size in bytes and format checks do not stop an image bomb), or
// Pillow's own guard switched off with Image.MAX_IMAGE_PIXELS = None.
#include <set>

#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "UPL001",
    .name = "image-dimensions-unchecked",
    .title = "uploaded image decoded without a pixel-dimension limit",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 400,
    .owasp = "A04:2021-Insecure Design",
    .area = Area::InputValidation,
    .flags = "`Image.MAX_IMAGE_PIXELS = None` anywhere; and `PIL.Image.open(...)` of request data (a "
             "view or a function reading `request.files`/an upload) where the function never looks at "
             "`.size`, `.width` or `.height` and the project sets no `Image.MAX_IMAGE_PIXELS` limit.",
    .why = "A few megabytes of PNG can declare 100,000 x 100,000 pixels: decoding or resizing it takes "
           "tens of gigabytes and takes the worker (or the host) down. Byte-size and format checks do "
           "not see it.",
    .example = "img = Image.open(file.stream)\nimg.verify()  # format only",
    .fix = "Check before any decode: `if img.width * img.height > 4096 * 4096: abort(400)` (the header "
           "is read lazily), or set `Image.MAX_IMAGE_PIXELS` to your real limit.",
    .effort = "30 min",
    .references = {"https://pillow.readthedocs.io/en/stable/reference/Image.html#PIL.Image.open",
                   "https://cwe.mitre.org/data/definitions/400.html"},
};

bool handles_upload(const PythonModule& m, const py::Node* fn) {
  bool found = false;
  frameworks::util::walk(fn, [&](const py::Node* n) {
    if (const auto* a = py::dyn_cast<py::Attribute>(n)) {
      if (a->attr == "files" || a->attr == "stream" || a->attr == "file") found = true;
    }
    if (const auto* arg = py::dyn_cast<py::Arg>(n)) {
      std::string ann = frameworks::source_text(m, arg->annotation);
      if (frameworks::util::contains(ann, "UploadFile")) found = true;
    }
  });
  return found;
}

class ImageDimensions final : public Rule {
 public:
  ImageDimensions() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    bool limit_set = false;
    std::vector<std::pair<const PythonModule*, const py::Call*>> opens;
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
        if (const auto* assign = py::dyn_cast<py::Assign>(n)) {
          for (const py::Expr* t : assign->targets) {
            if (m->unit.model->qualified_name(t) != "PIL.Image.MAX_IMAGE_PIXELS") continue;
            auto v = m->unit.model->constant_value(assign->value);
            if (v && v->kind == py::ConstantKind::None) {
              fw::report(project, {m, assign}, "Image.MAX_IMAGE_PIXELS = None switches off Pillow's decompression-bomb guard");
            } else {
              limit_set = true;
            }
          }
        }
        if (const auto* call = py::dyn_cast<py::Call>(n)) {
          if (m->unit.model->qualified_name_ref(call) == "PIL.Image.open") opens.emplace_back(m, call);
        }
      });
    }
    if (limit_set) return;
    std::set<const py::Node*> seen;
    for (auto [m, call] : opens) {
      const py::Node* fn = m->unit.model->enclosing_function(call);
      if (!fn || !handles_upload(*m, fn) || !seen.insert(fn).second) continue;
      bool dimensions = false, filename = false, format = false;
      frameworks::util::walk(fn, [&](const py::Node* n) {
        if (const auto* a = py::dyn_cast<py::Attribute>(n)) {
          if (a->attr == "size" || a->attr == "width" || a->attr == "height") dimensions = true;
          if (a->attr == "verify" || a->attr == "format") format = true;
        }
        if (const auto* c = py::dyn_cast<py::Call>(n)) {
          if (frameworks::util::last_component(m->unit.model->qualified_name_ref(c)) == "secure_filename") filename = true;
        }
      });
      if (dimensions || (filename && format)) {
        std::string checks;
        if (filename) checks += "secure_filename, ";
        if (format) checks += "format verified by Pillow, ";
        if (dimensions) checks += "pixel dimensions, ";
        checks.resize(checks.size() - 2);
        fw::strength(project, "upload-validation", "Uploads are validated", Area::InputValidation,
                     checks + " in " + fw::where({m, fn}), {m, fn});
      }
      if (dimensions) continue;
      fw::report(project, {m, call}, "Image.open() decodes an upload without checking its pixel dimensions: "
                                     "a small file can declare a huge image (decompression bomb)");
    }
  }
};

AEGIS_REGISTER_RULE(ImageDimensions);

}  // namespace
}  // namespace aegis::rules
