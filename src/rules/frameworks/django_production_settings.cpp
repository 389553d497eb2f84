// CFG004 django-insecure-production-settings: Django production settings that accept any
// Host header, never send HSTS, or leave out the security and clickjacking middleware.
#include <algorithm>

#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CFG004",
    .name = "django-insecure-production-settings",
    .title = "Django production settings without host, HSTS or security middleware",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 16,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Configuration,
    .flags = "In the settings module production runs with (split settings merged; a module named "
             "like production, else the settings that are not development, testing or a base): "
             "`ALLOWED_HOSTS` containing \"*\"; `SECURE_HSTS_SECONDS` unset or 0; `MIDDLEWARE` "
             "without `SecurityMiddleware` or `XFrameOptionsMiddleware`. Values read from the "
             "environment are not judged.",
    .why = "A wildcard host lets an attacker's Host header into password-reset links and caches; without "
           "HSTS the first request of every visit can be downgraded to HTTP; without the middleware, "
           "the security headers and frame protection are never sent.",
    .example = "ALLOWED_HOSTS = [\"*\"]\nMIDDLEWARE = [\"django.contrib.sessions.middleware.SessionMiddleware\"]",
    .fix = "`ALLOWED_HOSTS = [\"app.example.com\"]`, `SECURE_HSTS_SECONDS = 31536000`, and keep "
           "`django.middleware.security.SecurityMiddleware` first and "
           "`django.middleware.clickjacking.XFrameOptionsMiddleware` in MIDDLEWARE; run "
           "`manage.py check --deploy`.",
    .effort = "30 min",
    .references = {"https://docs.djangoproject.com/en/stable/howto/deployment/checklist/",
                   "https://docs.djangoproject.com/en/stable/ref/middleware/#module-django.middleware.security"},
};

class DjangoProductionSettings final : public Rule {
 public:
  DjangoProductionSettings() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const frameworks::DjangoSettings& s : model.django_settings) {
      if (!s.production) continue;
      if (auto it = s.values.find("ALLOWED_HOSTS"); it != s.values.end()) {
        auto hosts = frameworks::util::string_list(*it->second.site.module, py::dyn_cast<py::Expr>(it->second.site.node));
        if (hosts && std::find(hosts->begin(), hosts->end(), "*") != hosts->end())
          fw::report(project, it->second.site, "ALLOWED_HOSTS accepts any host in " + s.module + " (" + fw::where(it->second) + ")");
      }
      auto hsts = s.values.find("SECURE_HSTS_SECONDS");
      if (hsts == s.values.end()) {
        fw::report(project, s.site, "SECURE_HSTS_SECONDS is not set in the production settings " + s.module +
                                        ": browsers are never told to insist on HTTPS");
      } else if (hsts->second.constant && hsts->second.constant->kind == py::ConstantKind::Int &&
                 hsts->second.constant->text == "0") {
        fw::report(project, hsts->second.site, "SECURE_HSTS_SECONDS = 0 in " + s.module + ": HSTS is off");
      }
      auto mw = s.values.find("MIDDLEWARE");
      if (mw == s.values.end() || s.middleware.empty()) continue;
      for (const char* needed : {"django.middleware.security.SecurityMiddleware",
                                 "django.middleware.clickjacking.XFrameOptionsMiddleware"}) {
        if (std::find(s.middleware.begin(), s.middleware.end(), needed) == s.middleware.end())
          fw::report(project, mw->second.site, std::string("MIDDLEWARE of ") + s.module + " has no " + needed);
      }
    }
  }
};

AEGIS_REGISTER_RULE(DjangoProductionSettings);

}  // namespace
}  // namespace aegis::rules
