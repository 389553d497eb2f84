// The audit model and the Markdown/HTML writers on hand-made scan results: efforts, the
// verdict, strengths grouped by area, data-flow traces, escaping.
#include <gtest/gtest.h>

#include "report/audit.h"
#include "report/html.h"
#include "report/markdown.h"

namespace aegis::report {
namespace {

Finding make_finding(std::string rule_id, Severity severity, std::string path, int line) {
  Finding f;
  f.rule_id = std::move(rule_id);
  f.rule_name = "made-up-rule";
  f.severity = severity;
  f.confidence = Confidence::High;
  f.path = std::move(path);
  f.line = line;
  f.column = 1;
  f.message = "something happened";
  f.snippet = "x = 1";
  f.remediation = "Do it `right`.";
  f.effort = "15 min";
  f.fingerprint = "0123456789abcdef";
  return f;
}

ReportContext context() {
  ReportContext c;
  c.project = "demo";
  c.date = "2026-01-01";
  c.roots = {"."};
  c.command = "aegis scan .";
  c.revision.note = "not in a git repository";
  return c;
}

TEST(ReportEffort, ParsesTheRulesUnits) {
  EXPECT_EQ(effort_minutes("5 min"), 5);
  EXPECT_EQ(effort_minutes("2 h"), 120);
  EXPECT_EQ(effort_minutes("1 d"), 480);
  EXPECT_EQ(effort_minutes("1 h 30 min"), 90);
  EXPECT_EQ(effort_minutes("45m"), 45);
  EXPECT_EQ(effort_minutes(""), 0);
  EXPECT_EQ(effort_minutes("a while"), 0);
  EXPECT_EQ(effort_minutes("3 fortnights"), 0);
  EXPECT_EQ(format_minutes(0), "0 min");
  EXPECT_EQ(format_minutes(95), "1 h 35 min");
  EXPECT_EQ(format_minutes(8 * 60 + 5), "1 d 5 min");
}

TEST(ReportAudit, VerdictFollowsTheMostSeriousFinding) {
  engine::ScanResult result;
  EXPECT_EQ(build_audit(result, context()).verdict, Verdict::Approved);
  result.findings.push_back(make_finding("X001", Severity::Info, "a.py", 1));
  EXPECT_EQ(build_audit(result, context()).verdict, Verdict::Approved) << "notes do not hold a review back";
  result.findings.push_back(make_finding("X002", Severity::Low, "a.py", 2));
  EXPECT_EQ(build_audit(result, context()).verdict, Verdict::ApprovedWithConditions);
  result.findings.push_back(make_finding("X003", Severity::High, "a.py", 3));
  EXPECT_EQ(build_audit(result, context()).verdict, Verdict::RemediationRequired);
  result.findings.push_back(make_finding("X004", Severity::Critical, "a.py", 4));
  Audit audit = build_audit(result, context());
  EXPECT_EQ(audit.verdict, Verdict::Blocked);
  ASSERT_FALSE(audit.reasons.empty());
  EXPECT_NE(audit.reasons[0].find("1 open critical finding (F1)"), std::string::npos) << audit.reasons[0];
  // The table is in risk order: critical first.
  EXPECT_EQ(audit.findings[0].finding->rule_id, "X004");
  // Accepted and baseline findings do not count.
  for (Finding& f : result.findings) f.status = FindingStatus::Accepted;
  EXPECT_EQ(build_audit(result, context()).verdict, Verdict::Approved);
}

TEST(ReportAudit, PhasesSumTheirEfforts) {
  engine::ScanResult result;
  result.findings.push_back(make_finding("X001", Severity::Medium, "a.py", 1));
  result.findings.push_back(make_finding("X002", Severity::Medium, "a.py", 2));
  result.findings.back().effort = "2 h";
  result.findings.push_back(make_finding("X003", Severity::Critical, "a.py", 3));
  result.findings.back().effort = "5 min";
  Audit audit = build_audit(result, context());
  ASSERT_EQ(audit.phases.size(), 2u);
  EXPECT_EQ(audit.phases[0].id, "P0");
  EXPECT_EQ(audit.phases[0].total_minutes, 5);
  EXPECT_EQ(audit.phases[1].id, "P2");
  EXPECT_EQ(audit.phases[1].total_minutes, 135);
  EXPECT_EQ(audit.phases[1].items[0].minutes, 15) << "same severity: cheaper first";
}

TEST(ReportMarkdown, StrengthsAreGroupedByAreaWithEvidence) {
  engine::ScanResult result;
  std::string md = format_markdown(result, context());
  EXPECT_NE(md.find("None identified: this scan recognised no security control in place."), std::string::npos);
  Strength s;
  s.id = "csrf-protection";
  s.title = "CSRF protection initialised for the Flask app";
  s.area = Area::Authentication;
  s.evidence = "CSRFProtect(app) in app/__init__.py";
  s.path = "app/__init__.py";
  s.line = 7;
  result.strengths.push_back(s);
  Strength h = s;
  h.id = "health-endpoint";
  h.title = "Health endpoint /health";
  h.area = Area::Operability;
  h.evidence = "@app.route('/health')";
  h.path = "app/views.py";
  h.line = 3;
  result.strengths.push_back(h);
  md = format_markdown(result, context());
  EXPECT_NE(md.find("### Authentication & sessions\n\n- ✅ **CSRF protection initialised for the Flask app**: "
                    "CSRFProtect(app) in app/__init__.py (`app/__init__.py:7`)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| Health endpoint | ✅ PASS | — | Health endpoint /health |"), std::string::npos);
  EXPECT_NE(md.find("### 12. Operability\n\n**✅ Strengths**\n\n- Health endpoint /health"), std::string::npos);
}

TEST(ReportMarkdown, DataFlowTraceIsShown) {
  engine::ScanResult result;
  Finding f = make_finding("X001", Severity::High, "app/views.py", 12);
  f.trace = {{"app/views.py", 10, 5, "request.args.get('q') (user input)"},
             {"app/views.py", 11, 5, "sql = \"SELECT ...\" + q"},
             {"app/db.py", 4, 5, "cursor.execute(sql)"}};
  result.findings.push_back(f);
  std::string md = format_markdown(result, context());
  EXPECT_NE(md.find("**Data flow** (source to sink):\n\n1. `app/views.py:10` request.args.get('q') (user input)\n"
                    "2. `app/views.py:11` sql = \"SELECT ...\" + q\n3. `app/db.py:4` cursor.execute(sql)\n"),
            std::string::npos)
      << md;
  std::string html = format_html(result, context());
  EXPECT_NE(html.find("<ol class=\"trace\">"), std::string::npos);
  EXPECT_NE(html.find("request.args.get(&#39;q&#39;) (user input)"), std::string::npos);
}

TEST(ReportHtml, EscapesEverythingItQuotes) {
  engine::ScanResult result;
  Finding f = make_finding("X001", Severity::High, "a<b>.py", 1);
  f.message = "<script>alert(1)</script>";
  f.snippet = "x = '</pre><img src=x>'";
  result.findings.push_back(f);
  ReportContext c = context();
  c.project = "<b>demo</b>";
  std::string html = format_html(result, c);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>demo"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Do it <code>right</code>."), std::string::npos) << "code spans of rule prose";
}

}  // namespace
}  // namespace aegis::report

namespace aegis::report {
namespace {

TEST(ReportMarkdown, EscapesHtmlOutsideCodeSpansOnly) {
  engine::ScanResult result;
  Finding f = make_finding("X001", Severity::High, "a.py", 1);
  f.message = "<b>bold</b> and `x<y` | z";
  result.findings.push_back(f);
  std::string md = format_markdown(result, context());
  // In the table: HTML neutralised, code span literal, pipes escaped everywhere.
  EXPECT_NE(md.find("&lt;b&gt;bold&lt;/b&gt; and `x<y` \\| z"), std::string::npos) << md;
  // In prose: the same without the pipe escape.
  EXPECT_NE(md.find("\n&lt;b&gt;bold&lt;/b&gt; and `x<y` | z\n"), std::string::npos);
}

}  // namespace
}  // namespace aegis::report
