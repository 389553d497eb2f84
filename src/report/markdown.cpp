#include "report/markdown.h"

#include <algorithm>
#include <map>

#include "rules/rule.h"

namespace aegis::report {

using namespace engine;

namespace {

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

const char* check_icon(CheckStatus s) {
  switch (s) {
    case CheckStatus::Pass: return "✅";
    case CheckStatus::Warn: return "⚠️";
    case CheckStatus::Fail: return "❌";
  }
  return "";
}

const char* verdict_icon(Verdict v) {
  switch (v) {
    case Verdict::Approved: return "✅";
    case Verdict::ApprovedWithConditions: return "⚠️";
    case Verdict::RemediationRequired: return "⚠️";
    case Verdict::Blocked: return "⛔";
  }
  return "";
}

// Markdown text with raw HTML neutralised outside code spans (inside them GitHub shows
// entities literally, and `<` is harmless); in a table cell also without line breaks and
// with pipes escaped (GFM splits cells before it reads code spans, so everywhere).
std::string escape_markdown(std::string_view text, bool in_table) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '`') {
      std::size_t run = text.find_first_not_of('`', i);
      if (run == std::string_view::npos) run = text.size();
      std::string fence(text.substr(i, run - i));
      std::size_t close = text.find(fence, run);
      // A code span: copied as it is (but for pipes and line breaks in tables).
      if (close != std::string_view::npos) {
        for (char k : text.substr(i, close + fence.size() - i)) {
          if (in_table && k == '|') out += "\\|";
          else if (in_table && (k == '\n' || k == '\r')) out += ' ';
          else out += k;
        }
        i = close + fence.size();
        continue;
      }
      out += fence;
      i = run;
      continue;
    }
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '|': out += in_table ? "\\|" : "|"; break;
      case '\n': out += in_table ? "<br>" : "\n"; break;
      case '\r': break;
      default: out += c;
    }
    ++i;
  }
  return out;
}

std::string cell(std::string_view text) { return escape_markdown(text, true); }
std::string prose(std::string_view text) { return escape_markdown(text, false); }

std::size_t longest_backtick_run(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

// Inline code that survives backticks and pipes in the text.
std::string code(std::string_view text, bool in_table = false) {
  std::string fence(longest_backtick_run(text) + 1, '`');
  std::string body;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      body += ' ';
    } else if (in_table && c == '|') {
      body += "\\|";
    } else {
      body += c;
    }
  }
  bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string place(const Finding& f) { return f.path + ":" + std::to_string(f.line); }

std::string status_text(const Finding& f, const std::string& plan_item = "") {
  switch (f.status) {
    case FindingStatus::Open: return plan_item.empty() ? std::string("Open") : "Open, plan " + plan_item;
    case FindingStatus::Accepted: return "Accepted: " + (f.status_reason.empty() ? std::string("no reason given") : f.status_reason);
    case FindingStatus::Baseline: return "Baseline: " + f.status_reason;
  }
  return "Open";
}

std::string why_of(const NumberedFinding& n) {
  return n.rule ? std::string(n.rule->meta().why) : std::string();
}

std::string title_of(const NumberedFinding& n) {
  return n.rule ? std::string(n.rule->meta().title) : n.finding->rule_name;
}

std::string category(const Finding& f) {
  std::string out = area_title(f.area);
  if (f.cwe > 0) out += " (CWE-" + std::to_string(f.cwe) + ")";
  return out;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string cwe_url(int cwe) { return "https://cwe.mitre.org/data/definitions/" + std::to_string(cwe) + ".html"; }

std::string scope_summary(const ScanResult& result) {
  const Coverage& c = result.coverage;
  std::string out = plural(c.analysed, "file", "files") + " and " + plural(c.lines_analysed, "line", "lines") + " analysed";
  std::map<FileKind, std::pair<std::size_t, std::uint64_t>> by_kind;
  for (const FileOutcome& f : result.files) {
    if (f.status != FileStatus::Analysed) continue;
    by_kind[f.kind].first += 1;
    by_kind[f.kind].second += f.lines;
  }
  std::string parts;
  for (const auto& [kind, figures] : by_kind) {
    if (!parts.empty()) parts += "; ";
    parts += std::string(to_string(kind)) + ": " + plural(figures.first, "file", "files");
    if (figures.second) parts += ", " + plural(figures.second, "line", "lines");
  }
  if (!parts.empty()) out += " (" + parts + ")";
  if (c.skipped) out += "; " + std::to_string(c.skipped) + " skipped";
  if (c.failed) out += "; " + std::to_string(c.failed) + " could not be analysed";
  return out;
}

std::string rules_summary(const ScanResult& result) {
  std::map<std::string, int> families;
  for (const rules::Rule* r : result.rules) {
    std::string id(r->meta().id);
    std::size_t digits = id.find_first_of("0123456789");
    families[id.substr(0, digits)] += 1;
  }
  std::string out = plural(result.rules.size(), "rule", "rules");
  std::string parts;
  for (const auto& [family, count] : families) parts += (parts.empty() ? "" : ", ") + family + " " + std::to_string(count);
  if (!parts.empty()) out += " (" + parts + ")";
  out += result.inline_suppressions ? "; suppression comments honoured" : "; suppression comments ignored";
  return out;
}

std::string revision_text(const Revision& r) {
  if (!r.in_repository) return r.note.empty() ? "not in a git repository" : r.note;
  std::string out = r.commit.empty() ? std::string("no commit") : r.commit.substr(0, 12);
  if (!r.branch.empty()) out += " on branch " + r.branch;
  if (!r.note.empty() && r.commit.empty()) out = r.note + (r.branch.empty() ? "" : " (branch " + r.branch + ")");
  else if (!r.note.empty()) out += " (" + r.note + ")";
  return out;
}

std::string baseline_summary(const BaselineOutcome& b) {
  if (!b.applied) return "";
  return b.file + ": " + plural(b.entries, "entry", "entries") + ", " + plural(b.absorbed, "finding", "findings") +
         " absorbed, " + plural(b.unmatched.size(), "entry", "entries") + " matched nothing (fixed or changed)";
}

std::string verify_command(const ReportContext& context, const Finding& f) {
  return context.command + " --select " + f.rule_id;
}

std::string format_markdown(const ScanResult& result, const ReportContext& ctx) {
  Audit audit = build_audit(result, ctx);
  std::string o;
  auto line = [&o](const std::string& s = "") { o += s + "\n"; };

  line("# Security review: " + prose(ctx.project));
  line();
  line("| | |");
  line("|---|---|");
  line("| **Project** | " + cell(ctx.project) + " |");
  line("| **Revision** | " + cell(revision_text(ctx.revision)) + " |");
  line("| **Date** | " + ctx.date + " |");
  line("| **Reviewer** | Aegis " + std::string(AEGIS_VERSION) + " (static analysis) |");
  std::string roots;
  for (const auto& r : ctx.roots) roots += (roots.empty() ? "" : " ") + code(r, true);
  line("| **Paths** | " + roots + " |");
  line("| **Scope** | " + cell(scope_summary(result)) + " |");
  line("| **Rule set** | " + cell(rules_summary(result)) + " |");
  if (ctx.baseline.applied) line("| **Baseline** | " + cell(baseline_summary(ctx.baseline)) + " |");
  line("| **Status** | **" + std::string(verdict_title(audit.verdict)) + "** |");
  line();

  // Executive summary.
  line("## Executive summary");
  line();
  line("**Status:** " + std::string(verdict_icon(audit.verdict)) + " **" + verdict_title(audit.verdict) + "**");
  line();
  line("Why:");
  for (const auto& r : audit.reasons) line("- " + prose(r));
  line();
  line("| Severity | Open findings |");
  line("|---|---:|");
  for (int s = static_cast<int>(Severity::Critical); s >= static_cast<int>(Severity::Info); --s) {
    line("| " + std::string(severity_title(static_cast<Severity>(s))) + " | " +
         std::to_string(audit.open_by_severity[s]) + " |");
  }
  line("| **Total open** | **" + std::to_string(audit.open) + "** |");
  line();
  line("Also reported: " + plural(audit.accepted, "finding", "findings") + " accepted by a suppression comment, " +
       plural(audit.baselined, "finding", "findings") + " in the baseline, " +
       plural(result.strengths.size(), "strength", "strengths") + " recognised.");
  line();
  line("### Top risks");
  line();
  if (audit.top_risks.empty()) line("None: no open finding of low severity or above.");
  for (std::size_t i = 0; i < audit.top_risks.size(); ++i) {
    const NumberedFinding& n = *audit.top_risks[i];
    line(std::to_string(i + 1) + ". **" + severity_title(n.finding->severity) + "** " + n.number + " " +
         prose(title_of(n)) + " in " + code(place(*n.finding)) + ": " + prose(n.finding->message));
  }
  line();

  // Findings table.
  line("## Findings");
  line();
  if (audit.findings.empty()) {
    line("No findings.");
  } else {
    line("| # | Risk | Category | Description | Attack vector & impact | Remediation | Effort | Status |");
    line("|---|---|---|---|---|---|---|---|");
    for (const NumberedFinding& n : audit.findings) {
      const Finding& f = *n.finding;
      line("| " + n.number + " | **" + severity_title(f.severity) + "** | " + cell(category(f)) + " | **" +
           cell(title_of(n)) + "** (" + f.rule_id + ") " + code(place(f), true) + ": " + cell(f.message) +
           (f.in_test ? " *(test code)*" : "") + " | " + cell(why_of(n)) + " | " + cell(f.remediation) + " | " +
           cell(f.effort) + " | " + cell(status_text(f, n.plan_item)) + " |");
    }
  }
  line();

  // Each finding in detail.
  if (!audit.findings.empty()) {
    line("## Findings in detail");
    line();
  }
  for (const NumberedFinding& n : audit.findings) {
    if (&n - audit.findings.data() == static_cast<std::ptrdiff_t>(kMaxDetailedFindings)) {
      line("*" + std::to_string(audit.findings.size() - kMaxDetailedFindings) +
           " more findings are listed in the table above; `--format json` gives every detail.*");
      line();
      break;
    }
    const Finding& f = *n.finding;
    line("### " + n.number + ". [" + severity_title(f.severity) + "] " + prose(title_of(n)));
    line();
    std::string rule = "**Rule:** " + f.rule_id + " " + code(f.rule_name);
    if (!f.alias.empty()) rule += " (" + f.alias + ")";
    if (f.cwe > 0) rule += " · **CWE:** [CWE-" + std::to_string(f.cwe) + "](" + cwe_url(f.cwe) + ")";
    if (!f.owasp.empty()) rule += " · **OWASP:** " + f.owasp;
    line("- " + rule);
    line("- **Location:** " + code(f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column)) +
         (f.in_test ? " (test code)" : ""));
    line("- **Severity:** " + std::string(to_string(f.severity)) + " · **Confidence:** " + to_string(f.confidence) +
         " · **Area:** " + area_title(f.area));
    line("- **Status:** " + prose(status_text(f, n.plan_item)) + (f.suppressed_by.empty() ? "" : " (" + code(f.suppressed_by) + ")"));
    line();
    line(prose(f.message));
    line();
    if (!f.snippet.empty()) {
      std::string fence(std::max<std::size_t>(3, longest_backtick_run(f.snippet) + 1), '`');
      line(fence + (f.path.ends_with(".py") ? "python" : ""));
      int number = f.line;
      std::size_t start = 0;
      int width = static_cast<int>(std::to_string(f.line + static_cast<int>(std::count(f.snippet.begin(), f.snippet.end(), '\n'))).size());
      while (start <= f.snippet.size()) {
        std::size_t end = f.snippet.find('\n', start);
        if (end == std::string::npos) end = f.snippet.size();
        std::string num = std::to_string(number++);
        line(std::string(width - num.size(), ' ') + num + "  " + f.snippet.substr(start, end - start));
        start = end + 1;
      }
      line(fence);
      line();
    }
    if (!f.trace.empty()) {
      line("**Data flow** (source to sink):");
      line();
      for (std::size_t i = 0; i < f.trace.size(); ++i) {
        const TraceStep& s = f.trace[i];
        line(std::to_string(i + 1) + ". " + code(s.path + ":" + std::to_string(s.line)) + " " + prose(s.note));
      }
      line();
    }
    if (!why_of(n).empty()) line("**Attack vector & impact:** " + prose(why_of(n)) + "\n");
    line("**Remediation:** " + prose(f.remediation));
    line();
    line("**Effort:** " + (f.effort.empty() ? std::string("not stated") : f.effort) + " · **Verify with:** " +
         code(verify_command(ctx, f)) + " (the finding no longer appears)");
    line();
    if (n.rule && !n.rule->meta().references.empty()) {
      std::string refs;
      for (auto r : n.rule->meta().references) {
        std::string ref(r);
        refs += (refs.empty() ? "" : ", ") + (ref.starts_with("http") ? "<" + ref + ">" : prose(ref));
      }
      line("**References:** " + refs);
      line();
    }
  }

  // Strengths.
  line("## Strengths (what worked)");
  line();
  if (result.strengths.empty()) {
    line("None identified: this scan recognised no security control in place.");
    line();
  }
  for (const AreaReview& a : audit.areas) {
    if (a.strengths.empty()) continue;
    line("### " + std::string(area_title(a.area)));
    line();
    for (const Strength* s : a.strengths) {
      std::string where = s->path.empty() ? "" : " (" + code(s->line > 0 ? s->path + ":" + std::to_string(s->line) : s->path) + ")";
      line("- ✅ **" + prose(s->title) + "**: " + prose(s->evidence) + where);
    }
    line();
  }

  // Review by area.
  line("## Review by area");
  line();
  int index = 0;
  for (const AreaReview& a : audit.areas) {
    line("### " + std::to_string(++index) + ". " + area_title(a.area));
    line();
    line("**✅ Strengths**");
    line();
    if (a.strengths.empty()) line("- None identified.");
    for (const Strength* s : a.strengths) line("- " + prose(s->title));
    line();
    line("**⚠️ Issues**");
    line();
    if (a.issues.empty()) {
      line(a.rules_run ? "- None identified (" + plural(a.rules_run, "rule", "rules") + " of this area ran)."
                       : "- None identified; no rule of this scan reviews this area.");
    }
    for (const NumberedFinding* n : a.issues) {
      const Finding& f = *n->finding;
      line("- **" + std::string(severity_title(f.severity)) + "** " + n->number + " " + prose(title_of(*n)) + " in " +
           code(place(f)) + (f.status == FindingStatus::Open ? "" : " (" + std::string(to_string(f.status)) + ")"));
    }
    line();
  }

  // Remediation plan.
  line("## Remediation plan");
  line();
  if (audit.phases.empty()) line("Nothing to remediate: no open finding of low severity or above.\n");
  int grand_total = 0;
  for (const Phase& p : audit.phases) {
    grand_total += p.total_minutes;
    line("### " + p.id + ": " + p.title + " (" + format_minutes(p.total_minutes) + ")");
    line();
    line("*" + p.rule + ".*");
    line();
    line("| Item | Finding | Risk | Location | Fix | Effort |");
    line("|---|---|---|---|---|---|");
    for (std::size_t i = 0; i < p.items.size(); ++i) {
      const NumberedFinding& n = *p.items[i].item;
      line("| " + p.id + "." + std::to_string(i + 1) + " | " + n.number + " " + cell(title_of(n)) + " | " +
           severity_title(n.finding->severity) + " | " + code(place(*n.finding), true) + " | " +
           cell(n.finding->remediation) + " | " + cell(p.items[i].effort.empty() ? "?" : p.items[i].effort) + " |");
    }
    line("| | **Total " + p.id + "** | | | | **" + format_minutes(p.total_minutes) + "** |");
    line();
  }
  if (!audit.phases.empty()) line("**Total effort: " + format_minutes(grand_total) + "** (a day counts 8 hours).\n");

  // Deployment readiness.
  line("## Deployment readiness");
  line();
  line("| Check | Status | Findings | Notes |");
  line("|---|---|---|---|");
  std::map<const Finding*, std::string> number_of;
  for (const NumberedFinding& n : audit.findings) number_of[n.finding] = n.number;
  for (const ReadinessCheck& c : audit.checks) {
    std::string refs;
    for (const Finding* f : c.findings) refs += (refs.empty() ? "" : ", ") + number_of[f];
    line("| " + cell(c.title) + " | " + check_icon(c.status) + " " + check_title(c.status) + " | " +
         (refs.empty() ? "—" : refs) + " | " + cell(c.notes) + " |");
  }
  line();
  line("**Overall:** " + std::string(verdict_icon(audit.verdict)) + " **" + verdict_title(audit.verdict) + "**");
  line();

  // Suppressions.
  line("## Suppressions");
  line();
  line("### Suppression comments");
  line();
  if (!result.inline_suppressions) line("Suppression comments were ignored (`--no-inline-suppressions`): every finding is shown open.\n");
  if (result.suppressions.empty()) {
    line("None.");
  } else {
    line("| Place | Comment | Rules | Reason | Findings accepted |");
    line("|---|---|---|---|---:|");
    for (const rules::Suppression& s : result.suppressions) {
      std::string named;
      for (const auto& r : s.rules) named += (named.empty() ? "" : ", ") + r;
      if (s.broad) named = "every rule on the line";
      line("| " + code(s.path + ":" + std::to_string(s.line), true) + " | " + code(s.text, true) + " | " +
           cell(named.empty() ? "(none known)" : named) + " | " + cell(s.reason.empty() ? "no reason given" : s.reason) +
           " | " + std::to_string(s.accepted) + " |");
    }
  }
  line();
  line("### Baseline");
  line();
  if (!ctx.baseline.applied) {
    line("No baseline was applied.");
  } else {
    line(prose(baseline_summary(ctx.baseline)) + ".");
    line();
    std::vector<const NumberedFinding*> in_baseline;
    for (const NumberedFinding& n : audit.findings) {
      if (n.finding->status == FindingStatus::Baseline) in_baseline.push_back(&n);
    }
    if (!in_baseline.empty()) {
      line("| Finding | Rule | Place | Reason |");
      line("|---|---|---|---|");
      for (const NumberedFinding* n : in_baseline) {
        line("| " + n->number + " | " + n->finding->rule_id + " " + cell(n->finding->rule_name) + " | " +
             code(place(*n->finding), true) + " | " + cell(n->finding->status_reason) + " |");
      }
      line();
    }
    if (!ctx.baseline.unmatched.empty()) {
      line("Entries that matched no finding (fixed, or the code changed; remove them with `aegis baseline`):");
      line();
      for (const BaselineEntry& e : ctx.baseline.unmatched) {
        line("- " + e.rule_id + " " + code(e.path + ":" + std::to_string(e.line)) + " (fingerprint " + code(e.fingerprint) + ")");
      }
    }
  }
  line();

  // Next steps.
  line("## Next steps");
  line();
  int step = 0;
  for (const NextStep& n : audit.next_steps) {
    std::string items;
    for (std::size_t i = 0; i < n.items.size(); ++i) items += (i ? ", " : "") + n.items[i];
    line(std::to_string(++step) + ". [ ] **" + n.phase + "** Fix " + prose(n.title) + " (" + n.rule_id + "): " +
         prose(items) + ". Verify with: " + code(n.verify));
  }
  if (!result.complete()) {
    line(std::to_string(++step) + ". [ ] Make the files listed under Diagnostics parseable, then re-run: " +
         code(ctx.command));
  }
  line(std::to_string(++step) + ". [ ] Re-run the whole review and compare: " + code(ctx.command));
  line(std::to_string(++step) + ". [ ] Run the project's own test suite (e.g. " + code("pytest") + ") after the fixes.");
  line();

  // Appendix.
  line("## Appendix");
  line();
  line("### Files analysed");
  line();
  std::size_t listed = 0, analysed = 0;
  for (const FileOutcome& f : result.files) analysed += f.status == FileStatus::Analysed;
  if (analysed == 0) line("None.");
  else {
    line("| File | Kind | Lines |");
    line("|---|---|---:|");
  }
  for (const FileOutcome& f : result.files) {
    if (f.status != FileStatus::Analysed) continue;
    if (++listed > 500) {
      line("| … and " + std::to_string(analysed - 500) + " more | | |");
      break;
    }
    line("| " + code(f.path, true) + " | " + to_string(f.kind) + " | " + std::to_string(f.lines) + " |");
  }
  line();
  line("### Files not analysed");
  line();
  bool any_other = false;
  for (const auto* list : {&result.files, &result.directories}) {
    for (const FileOutcome& f : *list) {
      if (f.status == FileStatus::Analysed) continue;
      if (!any_other) {
        line("| Path | Status | Reason |");
        line("|---|---|---|");
        any_other = true;
      }
      line("| " + code(f.path, true) + " | " + to_string(f.status) + " | " + cell(f.detail.empty() ? f.reason : f.detail) + " |");
    }
  }
  if (!any_other) line("None.");
  line();
  line("### Diagnostics");
  line();
  if (result.diagnostics.empty()) {
    line("None.");
  } else {
    line("| Place | Severity | Kind | Message |");
    line("|---|---|---|---|");
    for (const Diagnostic& d : result.diagnostics) {
      std::string where = d.path + (d.line > 0 ? ":" + std::to_string(d.line) + (d.column > 0 ? ":" + std::to_string(d.column) : "") : "");
      line("| " + code(where, true) + " | " + to_string(d.severity) + " | " + to_string(d.kind) + " | " + cell(d.message) + " |");
    }
  }
  line();
  line("### Rules used");
  line();
  std::string ids;
  for (const rules::Rule* r : result.rules) ids += (ids.empty() ? "" : ", ") + std::string(r->meta().id);
  line(ids.empty() ? "None." : ids);
  line();
  line("---");
  line();
  line("*Generated by Aegis " + std::string(AEGIS_VERSION) + " on " + ctx.date + ". Reproduce with " + code(ctx.command) +
       "; a finding's fingerprint is in the JSON output (`--format json`).*");
  return o;
}

}  // namespace aegis::report
