#include "report/html.h"

#include <algorithm>
#include <map>
#include <set>

#include "report/markdown.h"
#include "rules/rule.h"

namespace aegis::report {

using namespace engine;

namespace {

std::string esc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Rule prose uses Markdown code spans (`x`): those become <code>, the rest is escaped.
std::string rich(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t open = text.find('`', i);
    if (open == std::string_view::npos) break;
    std::size_t close = text.find('`', open + 1);
    if (close == std::string_view::npos) break;
    out += esc(text.substr(i, open - i)) + "<code>" + esc(text.substr(open + 1, close - open - 1)) + "</code>";
    i = close + 1;
  }
  return out + esc(text.substr(i));
}

const char* severity_title(Severity s) {
  switch (s) {
    case Severity::Critical: return "CRITICAL";
    case Severity::High: return "HIGH";
    case Severity::Medium: return "MEDIUM";
    case Severity::Low: return "LOW";
    case Severity::Info: return "INFO";
  }
  return "INFO";
}

const char* verdict_class(Verdict v) {
  switch (v) {
    case Verdict::Approved: return "approved";
    case Verdict::ApprovedWithConditions: return "conditions";
    case Verdict::RemediationRequired: return "remediation";
    case Verdict::Blocked: return "blocked";
  }
  return "blocked";
}

std::string place(const Finding& f) { return f.path + ":" + std::to_string(f.line); }

std::string title_of(const NumberedFinding& n) {
  return n.rule ? std::string(n.rule->meta().title) : n.finding->rule_name;
}

std::string status_text(const Finding& f, const std::string& plan_item = "") {
  switch (f.status) {
    case FindingStatus::Open: return plan_item.empty() ? std::string("Open") : "Open, plan " + plan_item;
    case FindingStatus::Accepted: return "Accepted: " + (f.status_reason.empty() ? std::string("no reason given") : f.status_reason);
    case FindingStatus::Baseline: return "Baseline: " + f.status_reason;
  }
  return "Open";
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

constexpr const char* kStyle = R"css(
:root{--critical:#7b1fa2;--high:#c62828;--medium:#ef6c00;--low:#f9a825;--info:#607d8b;--pass:#2e7d32;--warn:#ef6c00;--fail:#c62828;--border:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0 auto;max-width:1100px;padding:1rem}
h1{font-size:1.6rem}h2{border-bottom:1px solid var(--border);padding-bottom:.2rem;margin-top:2rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
code{background:#f6f8fa;padding:.1em .3em;border-radius:4px;overflow-wrap:anywhere}
pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;border-radius:6px}
pre code{background:none;padding:0}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid var(--border);padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}
td.num{text-align:right}
.sev{font-weight:700;white-space:nowrap}
.sev-critical{color:var(--critical)}.sev-high{color:var(--high)}.sev-medium{color:var(--medium)}.sev-low{color:#8d6e00}.sev-info{color:var(--info)}
.verdict{display:inline-block;font-weight:700;padding:.3rem .7rem;border-radius:6px;color:#fff}
.verdict.approved{background:var(--pass)}.verdict.conditions{background:#b26a00}.verdict.remediation{background:var(--high)}.verdict.blocked{background:#000}
.check-pass{color:var(--pass);font-weight:700}.check-warn{color:var(--warn);font-weight:700}.check-fail{color:var(--fail);font-weight:700}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:.5rem 0}
.filters select{font-size:1rem;padding:.2rem}
.muted{color:var(--muted)}
.nowrap{white-space:nowrap}
section.finding{border:1px solid var(--border);border-radius:6px;padding:.2rem .9rem;margin:1rem 0}
svg text{font:12px system-ui,sans-serif}
@media (max-width:700px){body{padding:.5rem;font-size:14px}th,td{padding:.25rem}.hide-narrow{display:none}}
@media print{.filters,#filter-status{display:none}#findings tr[hidden]{display:table-row}body{max-width:none;font-size:11px}
section.finding{break-inside:avoid}a{color:inherit;text-decoration:none}h2{break-after:avoid}}
)css";

// Applies the severity and area filters to the findings table; the initial values may come
// from the URL fragment (#severity=high&area=api) so a filtered view can be shared.
constexpr const char* kScript = R"js(
(function(){
  var sev=document.getElementById('filter-severity'),area=document.getElementById('filter-area');
  var rows=Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var status=document.getElementById('filter-status');
  function apply(){
    var shown=0;
    rows.forEach(function(r){
      var ok=(sev.value==='all'||r.dataset.severity===sev.value)&&(area.value==='all'||r.dataset.area===area.value);
      r.hidden=!ok; if(ok)shown++;
    });
    status.textContent='Showing '+shown+' of '+rows.length+' findings';
    status.dataset.shown=shown;
  }
  function fromHash(){
    var params=new URLSearchParams(location.hash.replace(/^#/,''));
    [[sev,'severity'],[area,'area']].forEach(function(p){
      var v=params.get(p[1]);
      if(v&&Array.prototype.some.call(p[0].options,function(o){return o.value===v;}))p[0].value=v;
    });
  }
  function change(){
    var h=[];if(sev.value!=='all')h.push('severity='+sev.value);if(area.value!=='all')h.push('area='+area.value);
    history.replaceState(null,'',h.length?'#'+h.join('&'):location.pathname+location.search);apply();
  }
  sev.addEventListener('change',change);area.addEventListener('change',change);
  fromHash();apply();
})();
)js";

// Horizontal bars: open findings by severity.
std::string severity_chart(const Audit& audit) {
  std::size_t most = 1;
  for (std::size_t n : audit.open_by_severity) most = std::max(most, n);
  const int bar_x = 80, bar_width = 220, row = 26;
  std::string svg = "<svg id=\"severity-chart\" role=\"img\" viewBox=\"0 0 360 " + std::to_string(5 * row + 4) +
                    "\" width=\"360\" style=\"max-width:100%;height:auto\" aria-labelledby=\"chart-title\">"
                    "<title id=\"chart-title\">Open findings by severity</title>";
  int y = 2;
  for (int s = static_cast<int>(Severity::Critical); s >= static_cast<int>(Severity::Info); --s, y += row) {
    std::size_t n = audit.open_by_severity[s];
    std::string name = to_string(static_cast<Severity>(s));
    int width = static_cast<int>(n * bar_width / most);
    svg += "<g class=\"bar\" data-severity=\"" + name + "\" data-count=\"" + std::to_string(n) + "\">";
    svg += "<text x=\"0\" y=\"" + std::to_string(y + 16) + "\">" + severity_title(static_cast<Severity>(s)) + "</text>";
    svg += "<rect x=\"" + std::to_string(bar_x) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
           std::to_string(std::max(width, n ? 2 : 0)) + "\" height=\"18\" rx=\"3\" fill=\"var(--" + name + ")\"/>";
    svg += "<text x=\"" + std::to_string(bar_x + std::max(width, 0) + 6) + "\" y=\"" + std::to_string(y + 16) + "\">" +
           std::to_string(n) + "</text></g>";
  }
  return svg + "</svg>";
}

}  // namespace

std::string format_html(const ScanResult& result, const ReportContext& ctx) {
  Audit audit = build_audit(result, ctx);
  std::string o;
  auto add = [&o](const std::string& s) { o += s + "\n"; };
  std::string verdict = std::string("<span class=\"verdict ") + verdict_class(audit.verdict) + "\">" +
                        verdict_title(audit.verdict) + "</span>";

  add("<!DOCTYPE html>");
  add("<html lang=\"en\"><head><meta charset=\"utf-8\">");
  add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  add("<meta name=\"generator\" content=\"Aegis " + std::string(AEGIS_VERSION) + "\">");
  add("<title>Security review: " + esc(ctx.project) + "</title>");
  add("<style>" + std::string(kStyle) + "</style></head><body>");
  add("<h1>Security review: " + esc(ctx.project) + "</h1>");
  add("<div class=\"scroll\"><table id=\"header\"><tbody>");
  auto header_row = [&add](const std::string& key, const std::string& value_html) {
    add("<tr><th scope=\"row\">" + key + "</th><td>" + value_html + "</td></tr>");
  };
  header_row("Project", esc(ctx.project));
  header_row("Revision", esc(revision_text(ctx.revision)));
  header_row("Date", esc(ctx.date));
  header_row("Reviewer", "Aegis " + std::string(AEGIS_VERSION) + " (static analysis)");
  std::string roots;
  for (const auto& r : ctx.roots) roots += (roots.empty() ? "" : " ") + std::string("<code>") + esc(r) + "</code>";
  header_row("Paths", roots);
  header_row("Scope", esc(scope_summary(result)));
  header_row("Rule set", esc(rules_summary(result)));
  if (ctx.baseline.applied) header_row("Baseline", esc(baseline_summary(ctx.baseline)));
  header_row("Status", verdict);
  add("</tbody></table></div>");

  // Executive summary.
  add("<h2 id=\"summary\">Executive summary</h2>");
  add("<p id=\"verdict\">Status: " + verdict + "</p>");
  add("<p>Why:</p><ul id=\"reasons\">");
  for (const auto& r : audit.reasons) add("<li>" + esc(r) + "</li>");
  add("</ul>");
  add(severity_chart(audit));
  add("<div class=\"scroll\"><table id=\"counts\"><thead><tr><th>Severity</th><th>Open findings</th></tr></thead><tbody>");
  for (int s = static_cast<int>(Severity::Critical); s >= static_cast<int>(Severity::Info); --s) {
    std::string name = to_string(static_cast<Severity>(s));
    add("<tr data-severity=\"" + name + "\"><td class=\"sev sev-" + name + "\">" + severity_title(static_cast<Severity>(s)) +
        "</td><td class=\"num\">" + std::to_string(audit.open_by_severity[s]) + "</td></tr>");
  }
  add("<tr><th>Total open</th><td class=\"num\" id=\"total-open\">" + std::to_string(audit.open) + "</td></tr>");
  add("</tbody></table></div>");
  add("<p>Also reported: " + plural(audit.accepted, "finding", "findings") + " accepted by a suppression comment, " +
      plural(audit.baselined, "finding", "findings") + " in the baseline, " +
      plural(result.strengths.size(), "strength", "strengths") + " recognised.</p>");
  add("<h3>Top risks</h3>");
  if (audit.top_risks.empty()) {
    add("<p>None: no open finding of low severity or above.</p>");
  } else {
    add("<ol id=\"top-risks\">");
    for (const NumberedFinding* n : audit.top_risks) {
      std::string sev = to_string(n->finding->severity);
      add("<li><span class=\"sev sev-" + sev + "\">" + severity_title(n->finding->severity) + "</span> <a href=\"#" +
          n->number + "\">" + n->number + "</a> " + esc(title_of(*n)) + " in <code>" + esc(place(*n->finding)) +
          "</code>: " + rich(n->finding->message) + "</li>");
    }
    add("</ol>");
  }

  // Findings table with filters.
  add("<h2 id=\"findings-title\">Findings</h2>");
  std::set<Area> areas_present;
  for (const NumberedFinding& n : audit.findings) areas_present.insert(n.finding->area);
  add("<div class=\"filters\"><label>Severity <select id=\"filter-severity\"><option value=\"all\">all</option>");
  for (int s = static_cast<int>(Severity::Critical); s >= static_cast<int>(Severity::Info); --s) {
    std::string name = to_string(static_cast<Severity>(s));
    add("<option value=\"" + name + "\">" + name + "</option>");
  }
  add("</select></label><label>Area <select id=\"filter-area\"><option value=\"all\">all</option>");
  for (Area a : areas_present) add("<option value=\"" + std::string(to_string(a)) + "\">" + esc(area_title(a)) + "</option>");
  add("</select></label><span id=\"filter-status\" class=\"muted\">Showing " + std::to_string(audit.findings.size()) +
      " of " + std::to_string(audit.findings.size()) + " findings</span></div>");
  add("<div class=\"scroll\"><table id=\"findings\"><thead><tr><th>#</th><th>Risk</th><th class=\"hide-narrow\">Category</th><th>Description</th>"
      "<th class=\"hide-narrow\">Attack vector &amp; impact</th><th>Remediation</th><th>Effort</th><th>Status</th></tr></thead><tbody>");
  for (const NumberedFinding& n : audit.findings) {
    const Finding& f = *n.finding;
    std::string sev = to_string(f.severity);
    std::string category = area_title(f.area);
    if (f.cwe > 0) category += " (CWE-" + std::to_string(f.cwe) + ")";
    add("<tr data-severity=\"" + sev + "\" data-area=\"" + to_string(f.area) + "\" data-status=\"" + to_string(f.status) +
        "\"><td><a href=\"#" + n.number + "\">" + n.number + "</a></td><td class=\"sev sev-" + sev + "\">" +
        severity_title(f.severity) + "</td><td class=\"hide-narrow\">" + esc(category) + "</td><td><strong>" + esc(title_of(n)) + "</strong> (" +
        esc(f.rule_id) + ") <code>" + esc(place(f)) + "</code>: " + rich(f.message) +
        (f.in_test ? " <em>(test code)</em>" : "") + "</td><td class=\"hide-narrow\">" +
        rich(n.rule ? n.rule->meta().why : std::string_view()) + "</td><td>" + rich(f.remediation) + "</td><td class=\"nowrap\">" +
        esc(f.effort) + "</td><td>" + esc(status_text(f, n.plan_item)) + "</td></tr>");
  }
  add("</tbody></table></div>");
  if (audit.findings.empty()) add("<p>No findings.</p>");

  // Details.
  if (!audit.findings.empty()) add("<h2 id=\"details\">Findings in detail</h2>");
  for (const NumberedFinding& n : audit.findings) {
    if (&n - audit.findings.data() == static_cast<std::ptrdiff_t>(kMaxDetailedFindings)) {
      add("<p><em>" + std::to_string(audit.findings.size() - kMaxDetailedFindings) +
          " more findings are listed in the table above; <code>--format json</code> gives every detail.</em></p>");
      break;
    }
    const Finding& f = *n.finding;
    std::string sev = to_string(f.severity);
    add("<section class=\"finding\" id=\"" + n.number + "\"><h3>" + n.number + ". <span class=\"sev sev-" + sev + "\">[" +
        severity_title(f.severity) + "]</span> " + esc(title_of(n)) + "</h3><ul>");
    std::string rule = "<li><strong>Rule:</strong> " + esc(f.rule_id) + " <code>" + esc(f.rule_name) + "</code>";
    if (!f.alias.empty()) rule += " (" + esc(f.alias) + ")";
    if (f.cwe > 0) rule += " · <strong>CWE:</strong> <a href=\"" + cwe_url(f.cwe) + "\">CWE-" + std::to_string(f.cwe) + "</a>";
    if (!f.owasp.empty()) rule += " · <strong>OWASP:</strong> " + esc(f.owasp);
    add(rule + "</li>");
    add("<li><strong>Location:</strong> <code>" + esc(f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column)) +
        "</code>" + (f.in_test ? " (test code)" : "") + "</li>");
    add("<li><strong>Severity:</strong> " + sev + " · <strong>Confidence:</strong> " + to_string(f.confidence) +
        " · <strong>Area:</strong> " + esc(area_title(f.area)) + "</li>");
    add("<li><strong>Status:</strong> " + esc(status_text(f, n.plan_item)) +
        (f.suppressed_by.empty() ? "" : " (<code>" + esc(f.suppressed_by) + "</code>)") + "</li></ul>");
    add("<p>" + rich(f.message) + "</p>");
    if (!f.snippet.empty()) {
      std::string pre = "<pre><code>";
      int number = f.line;
      std::size_t start = 0;
      while (start <= f.snippet.size()) {
        std::size_t end = f.snippet.find('\n', start);
        if (end == std::string::npos) end = f.snippet.size();
        pre += "<span class=\"muted\">" + std::to_string(number++) + "</span>  " + esc(f.snippet.substr(start, end - start)) + "\n";
        start = end + 1;
      }
      add(pre + "</code></pre>");
    }
    if (!f.trace.empty()) {
      add("<p><strong>Data flow</strong> (source to sink):</p><ol class=\"trace\">");
      for (const TraceStep& s : f.trace) {
        add("<li><code>" + esc(s.path + ":" + std::to_string(s.line)) + "</code> " + esc(s.note) + "</li>");
      }
      add("</ol>");
    }
    if (n.rule && !n.rule->meta().why.empty()) add("<p><strong>Attack vector &amp; impact:</strong> " + rich(n.rule->meta().why) + "</p>");
    add("<p><strong>Remediation:</strong> " + rich(f.remediation) + "</p>");
    add("<p><strong>Effort:</strong> " + esc(f.effort.empty() ? std::string("not stated") : f.effort) +
        " · <strong>Verify with:</strong> <code>" + esc(verify_command(ctx, f)) + "</code> (the finding no longer appears)</p>");
    if (n.rule && !n.rule->meta().references.empty()) {
      std::string refs;
      for (auto r : n.rule->meta().references) {
        std::string ref(r);
        refs += (refs.empty() ? "" : ", ") +
                (ref.starts_with("http") ? "<a href=\"" + esc(ref) + "\">" + esc(ref) + "</a>" : esc(ref));
      }
      add("<p><strong>References:</strong> " + refs + "</p>");
    }
    add("</section>");
  }

  // Strengths.
  add("<h2 id=\"strengths\">Strengths (what worked)</h2>");
  if (result.strengths.empty()) add("<p>None identified: this scan recognised no security control in place.</p>");
  for (const AreaReview& a : audit.areas) {
    if (a.strengths.empty()) continue;
    add("<h3>" + esc(area_title(a.area)) + "</h3><ul>");
    for (const Strength* s : a.strengths) {
      std::string where = s->path.empty() ? "" : " (<code>" + esc(s->line > 0 ? s->path + ":" + std::to_string(s->line) : s->path) + "</code>)";
      add("<li>✅ <strong>" + esc(s->title) + "</strong>: " + esc(s->evidence) + where + "</li>");
    }
    add("</ul>");
  }

  // Review by area.
  add("<h2 id=\"areas\">Review by area</h2>");
  int index = 0;
  for (const AreaReview& a : audit.areas) {
    add("<h3>" + std::to_string(++index) + ". " + esc(area_title(a.area)) + "</h3>");
    add("<p><strong>✅ Strengths</strong></p><ul>");
    if (a.strengths.empty()) add("<li>None identified.</li>");
    for (const Strength* s : a.strengths) add("<li>" + esc(s->title) + "</li>");
    add("</ul><p><strong>⚠️ Issues</strong></p><ul>");
    if (a.issues.empty()) {
      add(a.rules_run ? "<li>None identified (" + plural(a.rules_run, "rule", "rules") + " of this area ran).</li>"
                      : std::string("<li>None identified; no rule of this scan reviews this area.</li>"));
    }
    for (const NumberedFinding* n : a.issues) {
      const Finding& f = *n->finding;
      add("<li><span class=\"sev sev-" + std::string(to_string(f.severity)) + "\">" + severity_title(f.severity) +
          "</span> <a href=\"#" + n->number + "\">" + n->number + "</a> " + esc(title_of(*n)) + " in <code>" +
          esc(place(f)) + "</code>" + (f.status == FindingStatus::Open ? "" : " (" + std::string(to_string(f.status)) + ")") +
          "</li>");
    }
    add("</ul>");
  }

  // Plan.
  add("<h2 id=\"plan\">Remediation plan</h2>");
  if (audit.phases.empty()) add("<p>Nothing to remediate: no open finding of low severity or above.</p>");
  int grand_total = 0;
  for (const Phase& p : audit.phases) {
    grand_total += p.total_minutes;
    add("<h3>" + p.id + ": " + esc(p.title) + " (" + format_minutes(p.total_minutes) + ")</h3>");
    add("<p class=\"muted\">" + esc(p.rule) + ".</p>");
    add("<div class=\"scroll\"><table class=\"phase\" data-phase=\"" + p.id +
        "\"><thead><tr><th>Item</th><th>Finding</th><th>Risk</th><th>Location</th><th>Fix</th><th>Effort</th></tr></thead><tbody>");
    for (std::size_t i = 0; i < p.items.size(); ++i) {
      const NumberedFinding& n = *p.items[i].item;
      std::string sev = to_string(n.finding->severity);
      add("<tr><td>" + p.id + "." + std::to_string(i + 1) + "</td><td><a href=\"#" + n.number + "\">" + n.number + "</a> " +
          esc(title_of(n)) + "</td><td class=\"sev sev-" + sev + "\">" + severity_title(n.finding->severity) +
          "</td><td><code>" + esc(place(*n.finding)) + "</code></td><td>" + rich(n.finding->remediation) + "</td><td class=\"nowrap\">" +
          esc(p.items[i].effort.empty() ? "?" : p.items[i].effort) + "</td></tr>");
    }
    add("<tr><th colspan=\"5\">Total " + p.id + "</th><th class=\"nowrap\">" + format_minutes(p.total_minutes) + "</th></tr>");
    add("</tbody></table></div>");
  }
  if (!audit.phases.empty()) add("<p><strong>Total effort: " + format_minutes(grand_total) + "</strong> (a day counts 8 hours).</p>");

  // Readiness.
  add("<h2 id=\"readiness\">Deployment readiness</h2>");
  add("<div class=\"scroll\"><table id=\"readiness-table\"><thead><tr><th>Check</th><th>Status</th><th>Findings</th><th>Notes</th></tr></thead><tbody>");
  std::map<const Finding*, std::string> number_of;
  for (const NumberedFinding& n : audit.findings) number_of[n.finding] = n.number;
  for (const ReadinessCheck& c : audit.checks) {
    std::string refs;
    for (const Finding* f : c.findings) {
      refs += (refs.empty() ? "" : ", ") + std::string("<a href=\"#") + number_of[f] + "\">" + number_of[f] + "</a>";
    }
    std::string status = check_title(c.status);
    std::string lower = status;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
    add("<tr data-check=\"" + c.id + "\" data-status=\"" + lower + "\"><td>" + esc(c.title) + "</td><td class=\"check-" +
        lower + "\">" + status + "</td><td>" + (refs.empty() ? "—" : refs) + "</td><td>" + esc(c.notes) + "</td></tr>");
  }
  add("</tbody></table></div>");
  add("<p><strong>Overall:</strong> " + verdict + "</p>");

  // Suppressions.
  add("<h2 id=\"suppressions\">Suppressions</h2><h3>Suppression comments</h3>");
  if (!result.inline_suppressions) add("<p>Suppression comments were ignored (<code>--no-inline-suppressions</code>): every finding is shown open.</p>");
  if (result.suppressions.empty()) {
    add("<p>None.</p>");
  } else {
    add("<div class=\"scroll\"><table id=\"suppression-table\"><thead><tr><th>Place</th><th>Comment</th><th>Rules</th><th>Reason</th><th>Findings accepted</th></tr></thead><tbody>");
    for (const rules::Suppression& s : result.suppressions) {
      std::string named;
      for (const auto& r : s.rules) named += (named.empty() ? "" : ", ") + r;
      if (s.broad) named = "every rule on the line";
      add("<tr><td><code>" + esc(s.path + ":" + std::to_string(s.line)) + "</code></td><td><code>" + esc(s.text) +
          "</code></td><td>" + esc(named.empty() ? "(none known)" : named) + "</td><td>" +
          esc(s.reason.empty() ? "no reason given" : s.reason) + "</td><td class=\"num\">" + std::to_string(s.accepted) +
          "</td></tr>");
    }
    add("</tbody></table></div>");
  }
  add("<h3>Baseline</h3>");
  if (!ctx.baseline.applied) {
    add("<p>No baseline was applied.</p>");
  } else {
    add("<p>" + esc(baseline_summary(ctx.baseline)) + ".</p>");
    std::string rows;
    for (const NumberedFinding& n : audit.findings) {
      if (n.finding->status != FindingStatus::Baseline) continue;
      rows += "<tr><td><a href=\"#" + n.number + "\">" + n.number + "</a></td><td>" + esc(n.finding->rule_id + " " + n.finding->rule_name) +
              "</td><td><code>" + esc(place(*n.finding)) + "</code></td><td>" + esc(n.finding->status_reason) + "</td></tr>\n";
    }
    if (!rows.empty()) {
      add("<div class=\"scroll\"><table id=\"baseline-table\"><thead><tr><th>Finding</th><th>Rule</th><th>Place</th><th>Reason</th></tr></thead><tbody>");
      o += rows;
      add("</tbody></table></div>");
    }
    if (!ctx.baseline.unmatched.empty()) {
      add("<p>Entries that matched no finding (fixed, or the code changed; remove them with <code>aegis baseline</code>):</p><ul>");
      for (const BaselineEntry& e : ctx.baseline.unmatched) {
        add("<li>" + esc(e.rule_id) + " <code>" + esc(e.path + ":" + std::to_string(e.line)) + "</code> (fingerprint <code>" +
            esc(e.fingerprint) + "</code>)</li>");
      }
      add("</ul>");
    }
  }

  // Next steps.
  add("<h2 id=\"next-steps\">Next steps</h2><ol>");
  for (const NextStep& n : audit.next_steps) {
    std::string items;
    for (std::size_t i = 0; i < n.items.size(); ++i) items += (i ? ", " : "") + n.items[i];
    add("<li>☐ <strong>" + n.phase + "</strong> Fix " + esc(n.title) + " (" + esc(n.rule_id) + "): " + esc(items) +
        ". Verify with: <code>" + esc(n.verify) + "</code></li>");
  }
  if (!result.complete()) {
    add("<li>☐ Make the files listed under Diagnostics parseable, then re-run: <code>" + esc(ctx.command) + "</code></li>");
  }
  add("<li>☐ Re-run the whole review and compare: <code>" + esc(ctx.command) + "</code></li>");
  add("<li>☐ Run the project's own test suite (e.g. <code>pytest</code>) after the fixes.</li></ol>");

  // Appendix.
  add("<h2 id=\"appendix\">Appendix</h2><h3>Files analysed</h3>");
  std::size_t analysed = 0, listed = 0;
  for (const FileOutcome& f : result.files) analysed += f.status == FileStatus::Analysed;
  if (analysed == 0) {
    add("<p>None.</p>");
  } else {
    add("<div class=\"scroll\"><table id=\"files-table\"><thead><tr><th>File</th><th>Kind</th><th>Lines</th></tr></thead><tbody>");
    for (const FileOutcome& f : result.files) {
      if (f.status != FileStatus::Analysed) continue;
      if (++listed > 500) {
        add("<tr><td colspan=\"3\">… and " + std::to_string(analysed - 500) + " more</td></tr>");
        break;
      }
      add("<tr><td><code>" + esc(f.path) + "</code></td><td>" + to_string(f.kind) + "</td><td class=\"num\">" +
          std::to_string(f.lines) + "</td></tr>");
    }
    add("</tbody></table></div>");
  }
  add("<h3>Files not analysed</h3>");
  std::string other;
  for (const auto* list : {&result.files, &result.directories}) {
    for (const FileOutcome& f : *list) {
      if (f.status == FileStatus::Analysed) continue;
      other += "<tr><td><code>" + esc(f.path) + "</code></td><td>" + to_string(f.status) + "</td><td>" +
               esc(f.detail.empty() ? f.reason : f.detail) + "</td></tr>\n";
    }
  }
  if (other.empty()) {
    add("<p>None.</p>");
  } else {
    add("<div class=\"scroll\"><table><thead><tr><th>Path</th><th>Status</th><th>Reason</th></tr></thead><tbody>");
    o += other;
    add("</tbody></table></div>");
  }
  add("<h3>Diagnostics</h3>");
  if (result.diagnostics.empty()) {
    add("<p>None.</p>");
  } else {
    add("<div class=\"scroll\"><table id=\"diagnostics-table\"><thead><tr><th>Place</th><th>Severity</th><th>Kind</th><th>Message</th></tr></thead><tbody>");
    for (const Diagnostic& d : result.diagnostics) {
      std::string where = d.path + (d.line > 0 ? ":" + std::to_string(d.line) + (d.column > 0 ? ":" + std::to_string(d.column) : "") : "");
      add("<tr><td><code>" + esc(where) + "</code></td><td>" + to_string(d.severity) + "</td><td>" + to_string(d.kind) +
          "</td><td>" + esc(d.message) + "</td></tr>");
    }
    add("</tbody></table></div>");
  }
  add("<h3>Rules used</h3>");
  std::string ids;
  for (const rules::Rule* r : result.rules) ids += (ids.empty() ? "" : ", ") + std::string(r->meta().id);
  add("<p>" + (ids.empty() ? std::string("None.") : esc(ids)) + "</p>");
  add("<hr><p class=\"muted\">Generated by Aegis " + std::string(AEGIS_VERSION) + " on " + esc(ctx.date) +
      ". Reproduce with <code>" + esc(ctx.command) + "</code>.</p>");
  add("<script>" + std::string(kScript) + "</script>");
  add("</body></html>");
  return o;
}

}  // namespace aegis::report
