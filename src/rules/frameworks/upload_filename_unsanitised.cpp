// UPL002 upload-filename-unsanitised: an uploaded file saved under the name
// the client sent (`file.filename`), without werkzeug's secure_filename or a generated name.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "UPL002",
    .name = "upload-filename-unsanitised",
    .title = "upload saved under the client's file name",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 22,
    .owasp = "A01:2021-Broken Access Control",
    .area = Area::InputValidation,
    .flags = "`upload.save(path)` where the path contains an upload's "
             "`.filename` (Flask/Werkzeug `FileStorage`, Starlette `UploadFile`) directly or through a "
             "variable assigned from it, with no `secure_filename(...)` around it. (`open()` of a path built "
             "from request data is the data flow's: TNT004.)",
    .why = "The client chooses the name: `../../app/config.py` or an absolute path writes outside the "
           "upload directory, and names like `shell.php` or `.htaccess` may be served or executed.",
    .example = "f = request.files[\"doc\"]\nf.save(os.path.join(UPLOAD_DIR, f.filename))",
    .fix = "`name = secure_filename(f.filename)` (and check the extension), or store under a generated "
           "name (`uuid4().hex`) and keep the original name only as data.",
    .effort = "15 min",
    .references = {"https://flask.palletsprojects.com/en/latest/patterns/fileuploads/",
                   "https://cwe.mitre.org/data/definitions/22.html"},
};

bool sanitiser(const PythonModule& m, const py::Call& call) {
  std::string name = frameworks::util::lower(frameworks::util::last_component(m.unit.model->qualified_name(call.func)));
  if (name.empty()) name = frameworks::util::lower(frameworks::source_text(m, call.func));
  return frameworks::util::contains(name, "secure_filename") || frameworks::util::contains(name, "sanitiz") ||
         frameworks::util::contains(name, "basename") || frameworks::util::contains(name, "uuid") ||
         frameworks::util::contains(name, "slugify");
}

// Whether `e` is an uploaded file: request.files[...] / .get(...) / .getlist(...), a name bound
// to one (also as a loop target), or a parameter annotated UploadFile / FileStorage.
bool is_upload(const PythonModule& m, const py::Expr* e, int depth) {
  if (!e || depth > 6) return false;
  bool files = false;
  frameworks::util::walk(e, [&](const py::Node* n) {
    if (const auto* a = py::dyn_cast<py::Attribute>(n); a && a->attr == "files") files = true;
  });
  if (files) return true;
  const auto* name = py::dyn_cast<py::Name>(e);
  if (!name) return false;
  sem::BindingId b = m.unit.model->binding_of(name);
  if (b == sem::kNone) return false;
  const sem::Binding& binding = m.unit.model->binding(b);
  if (binding.value) return is_upload(m, binding.value, depth + 1);
  if (const auto* loop = py::dyn_cast<py::For>(binding.statement)) return is_upload(m, loop->iter, depth + 1);
  if (const auto* arg = py::dyn_cast<py::Arg>(binding.node); arg && arg->annotation) {
    std::string ann = frameworks::source_text(m, arg->annotation);
    return frameworks::util::contains(ann, "UploadFile") || frameworks::util::contains(ann, "FileStorage");
  }
  return false;
}

// Whether `e` carries a client file name (`x.filename`) that no sanitiser wrapped.
bool raw_filename(const PythonModule& m, const py::Expr* e, int depth) {
  if (!e || depth > 6) return false;
  if (const auto* attr = py::dyn_cast<py::Attribute>(e)) {
    if (attr->attr == "filename") return is_upload(m, attr->value, 0);
    return raw_filename(m, attr->value, depth + 1);
  }
  if (const auto* call = py::dyn_cast<py::Call>(e)) {
    if (sanitiser(m, *call)) return false;
    for (const py::Expr* a : call->args) {
      if (raw_filename(m, a, depth + 1)) return true;
    }
    return false;
  }
  if (const auto* name = py::dyn_cast<py::Name>(e)) {
    sem::BindingId b = m.unit.model->binding_of(name);
    if (b != sem::kNone && m.unit.model->binding(b).value) return raw_filename(m, m.unit.model->binding(b).value, depth + 2);
    return false;
  }
  bool found = false;
  py::for_each_child(const_cast<py::Expr*>(e), [&](py::Node* c) {
    if (const auto* x = py::dyn_cast<py::Expr>(c); x && !found) found = raw_filename(m, x, depth + 1);
  });
  return found;
}

class UploadFilename final : public Rule {
 public:
  UploadFilename() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
        const auto* call = py::dyn_cast<py::Call>(n);
        if (!call) return;
        const py::Expr* path = nullptr;
        std::string how;
        if (const auto* attr = py::dyn_cast<py::Attribute>(call->func); attr && attr->attr == "save") {
          path = frameworks::util::positional(*call, 0);
          if (!path) path = frameworks::util::keyword_value(*call, "dst");
          how = frameworks::source_text(*m, attr->value) + ".save()";
        }
        if (!path || !raw_filename(*m, path, 0)) return;
        fw::report(project, {m, call}, how + " writes to a path built from the client's file name (" +
                                           frameworks::source_text(*m, path) + ") without secure_filename");
      });
    }
  }
};

AEGIS_REGISTER_RULE(UploadFilename);

}  // namespace
}  // namespace aegis::rules
