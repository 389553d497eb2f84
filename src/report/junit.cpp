#include "report/junit.h"

#include <algorithm>
#include <map>

#include "rules/rule.h"

namespace aegis::report {

using namespace engine;

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || (n == 2 && c < 0xC2) || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  if (n == 3) {
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return 0;  // overlong, surrogate
  }
  if (n == 4) {
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) return 0;
  }
  return n;
}

std::string location(const Finding& f) {
  return f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
}

std::string attribute(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
}

std::string attribute(const char* name, std::size_t value) { return attribute(name, std::to_string(value)); }

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&': out += "&amp;"; ++i; continue;
      case '<': out += "&lt;"; ++i; continue;
      case '>': out += "&gt;"; ++i; continue;
      case '"': out += "&quot;"; ++i; continue;
      case '\'': out += "&apos;"; ++i; continue;
      case '\n': out += "&#10;"; ++i; continue;
      case '\r': out += "&#13;"; ++i; continue;
      case '\t': out += "&#9;"; ++i; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7F) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    // U+FFFE and U+FFFF are not XML characters either.
    if (n == 3 && c == 0xEF && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        static_cast<unsigned char>(text[i + 2]) >= 0xBE) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string format_junit(const ScanResult& result) {
  std::vector<const rules::Rule*> rule_list = result.rules;
  for (const Finding& f : result.findings) {
    bool known = std::any_of(rule_list.begin(), rule_list.end(),
                             [&](const rules::Rule* r) { return r->meta().id == f.rule_id; });
    if (known) continue;
    if (const rules::Rule* r = rules::Registry::instance().find(f.rule_id)) rule_list.push_back(r);
  }
  std::sort(rule_list.begin(), rule_list.end(),
            [](const rules::Rule* a, const rules::Rule* b) { return a->meta().id < b->meta().id; });

  std::map<std::string, std::vector<const Finding*>> open, accepted;
  std::size_t open_total = 0;
  for (const Finding& f : result.findings) {
    if (f.status == FindingStatus::Open) {
      open[f.rule_id].push_back(&f);
      ++open_total;
    } else {
      accepted[f.rule_id].push_back(&f);
    }
  }
  std::size_t failing_rules = 0;
  for (const rules::Rule* r : rule_list) {
    if (open.count(std::string(r->meta().id))) ++failing_rules;
  }
  std::vector<const FileOutcome*> failed;
  for (const FileOutcome& f : result.files) {
    if (f.status == FileStatus::Failed) failed.push_back(&f);
  }
  for (const FileOutcome& d : result.directories) {
    if (d.status == FileStatus::Failed) failed.push_back(&d);
  }

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites" + attribute("name", std::string("aegis")) + attribute("tests", rule_list.size() + failed.size()) +
         attribute("failures", failing_rules) + attribute("errors", failed.size()) + ">\n";

  out += "  <testsuite" + attribute("name", std::string("aegis.rules")) + attribute("tests", rule_list.size()) +
         attribute("failures", failing_rules) + attribute("errors", std::size_t{0}) +
         attribute("skipped", std::size_t{0}) + ">\n";
  out += "    <properties>\n";
  out += "      <property" + attribute("name", std::string("open_findings")) + attribute("value", open_total) + "/>\n";
  out += "      <property" + attribute("name", std::string("accepted_findings")) +
         attribute("value", result.findings.size() - open_total) + "/>\n";
  out += "    </properties>\n";
  for (const rules::Rule* r : rule_list) {
    const rules::RuleMeta& m = r->meta();
    std::string id(m.id);
    out += "    <testcase" + attribute("classname", "aegis." + std::string(to_string(m.area))) +
           attribute("name", id + " " + std::string(m.name));
    auto o = open.find(id);
    auto a = accepted.find(id);
    if (o == open.end() && a == accepted.end()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (o != open.end()) {
      for (const Finding* f : o->second) {
        std::string message = location(*f) + " " + f->message;
        std::string body = message + "\nseverity: " + to_string(f->severity) + ", confidence: " +
                           to_string(f->confidence) + (f->in_test ? ", context: test" : "") +
                           (f->cwe > 0 ? ", CWE-" + std::to_string(f->cwe) : std::string()) + "\n" + f->snippet +
                           "\nfix: " + f->remediation + "\nfingerprint: " + f->fingerprint;
        out += "      <failure" + attribute("type", std::string(to_string(f->severity))) +
               attribute("message", message) + ">" + xml_escape(body) + "</failure>\n";
      }
    }
    if (a != accepted.end()) {
      std::string text;
      for (const Finding* f : a->second) {
        text += std::string(to_string(f->status)) + ": " + location(*f) + " " + f->message + " (" + f->status_reason + ")\n";
      }
      out += "      <system-out>" + xml_escape(text) + "</system-out>\n";
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";

  out += "  <testsuite" + attribute("name", std::string("aegis.coverage")) + attribute("tests", failed.size()) +
         attribute("failures", std::size_t{0}) + attribute("errors", failed.size()) +
         attribute("skipped", std::size_t{0}) + ">\n";
  out += "    <properties>\n";
  out += "      <property" + attribute("name", std::string("files_found")) +
         attribute("value", result.coverage.files_found) + "/>\n";
  out += "      <property" + attribute("name", std::string("analysed")) + attribute("value", result.coverage.analysed) +
         "/>\n";
  out += "      <property" + attribute("name", std::string("skipped")) + attribute("value", result.coverage.skipped) +
         "/>\n";
  out += "      <property" + attribute("name", std::string("failed")) + attribute("value", result.coverage.failed) +
         "/>\n";
  out += "    </properties>\n";
  for (const FileOutcome* f : failed) {
    out += "    <testcase" + attribute("classname", std::string("aegis.coverage")) + attribute("name", f->path) + ">\n";
    out += "      <error" + attribute("type", f->reason) + attribute("message", f->detail) + "/>\n";
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";
  out += "</testsuites>\n";
  return out;
}

}  // namespace aegis::report
