#!/usr/bin/env python3
"""`aegis report` end to end (docs/report.md): every section of issue 7 is there, the verdict
follows the findings (APPROVED, APPROVED WITH CONDITIONS, REMEDIATION REQUIRED, BLOCKED),
the plan puts blockers first with efforts summed per phase, the readiness rows name the
findings behind them, suppressions are listed with their reasons, the header carries the git
commit and branch (read with libgit2), and the output is deterministic (--date,
SOURCE_DATE_EPOCH). The scan options are the scan command's.

Run by ctest as: python3 test_report.py --aegis PATH_TO_BINARY --source-dir REPO_ROOT
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

AEGIS = None
SOURCE_DIR = None

SECTIONS = [
    "# Security review: ",
    "## Executive summary",
    "### Top risks",
    "## Findings",
    "## Findings in detail",
    "## Strengths (what worked)",
    "## Review by area",
    "## Remediation plan",
    "## Deployment readiness",
    "## Suppressions",
    "## Next steps",
    "## Appendix",
    "### Files analysed",
    "### Diagnostics",
]

AREAS = ["Authentication & sessions", "Authorization & access control", "Data protection",
         "Input validation & output encoding", "Dependencies", "API & endpoints", "Configuration & secrets",
         "Infrastructure & networking", "Logging & monitoring", "Privacy & compliance", "Testing", "Operability"]


class Tree:
    """A temporary project that is its own repository root (an empty .git: no configuration
    above it is read, and libgit2 finds no repository)."""

    def __init__(self, files, name="proj", git_dir=True):
        self.files, self.name, self.git_dir = files, name, git_dir

    def __enter__(self):
        self.tmp = tempfile.mkdtemp(prefix="aegis-report-")
        self.root = os.path.join(self.tmp, self.name)
        os.makedirs(self.root)
        if self.git_dir:
            os.makedirs(os.path.join(self.root, ".git"))
        for rel, text in self.files.items():
            path = os.path.join(self.root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def report(self, *args, env=None):
        e = dict(os.environ, AEGIS_ADVISORY_DB=os.path.join(self.tmp, "none.idx"))
        e.pop("SOURCE_DATE_EPOCH", None)
        e.update(env or {})
        return subprocess.run([AEGIS, "report", "--no-progress", *args], cwd=self.root, capture_output=True,
                              text=True, timeout=300, env=e)

    def md(self, *args, **kw):
        r = self.report("--date", "2026-03-04", "--fail-on", "never", *args, ".", **kw)
        assert r.returncode == 0, r.stderr
        return r.stdout


def verdict(md):
    return re.search(r"\*\*Status:\*\* \S+ \*\*([A-Z ]+)\*\*", md).group(1)


def section(md, title):
    start = md.index(title + "\n")
    nxt = md.find("\n## ", start + len(title))
    return md[start:nxt if nxt >= 0 else len(md)]


class ReportTest(unittest.TestCase):
    def test_every_section_of_the_issue(self):
        demo = os.path.join(SOURCE_DIR, "tests", "projects", "outputs_demo")
        with Tree({}) as t:
            shutil.copytree(demo, t.root, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("expected-report.*"))
            md = t.md("--select", "INJ002,HYG001", "--allow-incomplete")
            for title in SECTIONS:
                self.assertIn(title, md)
            for i, area in enumerate(AREAS, 1):
                self.assertIn("### %d. %s" % (i, area), md)
            header = md.split("## Executive summary")[0]
            for key in ("**Project** | proj", "**Revision** | not in a git repository", "**Date** | 2026-03-04",
                        "**Reviewer** | Aegis ", "**Scope** | ", "**Rule set** | 2 rules (HYG 1, INJ 1)"):
                self.assertIn(key, header)
            self.assertRegex(header, r"\*\*Scope\*\* \| \d+ files and \d+ lines analysed \(python: ")
            table = section(md, "## Findings")
            self.assertIn("| # | Risk | Category | Description | Attack vector & impact | Remediation | Effort | Status |", table)
            # The open one first, with the rule's attack vector and its effort.
            first = [l for l in table.splitlines() if l.startswith("| F1 ")][0]
            self.assertIn("**HIGH**", first)
            self.assertIn("`app/views.py:9`", first)
            self.assertIn("/bin/sh", first)
            self.assertIn("| 15 min | Open, plan P0.1 |", first)
            # Accepted ones carry the suppression's reason.
            self.assertIn("Accepted: constant command, no user input", table)
            sup = section(md, "## Suppressions")
            self.assertIn("`app/views.py:13` | `# aegis: ignore[INJ002] -- constant command, no user input` | INJ002 | "
                          "constant command, no user input | 1 |", sup)
            self.assertIn("`# nosec B602` | INJ002 | no reason given | 1 |", sup)
            details = section(md, "## Findings in detail")
            self.assertIn("```python\n9      return subprocess.run(f\"ping -c 1 {host}\", shell=True)\n```", details)
            self.assertIn("**Verify with:** `aegis scan . --select INJ002`", details)
            self.assertIn("[CWE-78](https://cwe.mitre.org/data/definitions/78.html)", details)
            diag = section(md, "## Appendix")
            self.assertIn("`legacy/report.py", diag)  # the Python 2 file that cannot be parsed
            self.assertIn("syntax", diag)

    def test_verdict_approved_when_nothing_is_open(self):
        with Tree({"app.py": "import subprocess\n\ndef run():\n    return subprocess.run(['ls'])\n"}) as t:
            md = t.md("--select", "INJ002")
            self.assertEqual(verdict(md), "APPROVED")
            self.assertIn("None: no open finding of low severity or above.", md)
            self.assertIn("Nothing to remediate", md)
            ready = section(md, "## Deployment readiness")
            self.assertIn("| No injection (SQL, command, code, template) | ✅ PASS | — | no finding from 1 rule checking it |", ready)
            # Rows no selected rule checks are not passed silently.
            self.assertIn("| No hardcoded secrets | ⚠️ WARN | — | not verified: no rule of this scan checks it |", ready)

    def test_verdict_with_conditions_for_medium_findings(self):
        with Tree({"app.py": "import hashlib\n\ndef digest(b):\n    return hashlib.md5(b).hexdigest()\n"}) as t:
            md = t.md("--select", "CRY001")
            self.assertEqual(verdict(md), "APPROVED WITH CONDITIONS")
            plan = section(md, "## Remediation plan")
            self.assertIn("### P2: Next sprint (30 min)", plan)

    def test_verdict_remediation_required_and_debug_blocker_first(self):
        files = {
            "app.py": "import subprocess\nfrom flask import Flask\n\napp = Flask(__name__)\n\n"
                      "def a(x):\n    return subprocess.run(f'ping {x}', shell=True)\n\n"
                      "def b(x):\n    return subprocess.run(f'dig {x}', shell=True)\n\n"
                      "app.run(debug=True)\n",
        }
        with Tree(files) as t:
            md = t.md("--select", "INJ002,CFG001")
            self.assertEqual(verdict(md), "REMEDIATION REQUIRED")
            plan = section(md, "## Remediation plan")
            # The two command injections fail "No injection", so they are P0 with the debug
            # server (which fails "No debug code"): 5 + 15 + 15 minutes.
            self.assertIn("### P0: Blockers: before any deployment (35 min)", plan)
            rows = [l for l in plan.splitlines() if l.startswith("| P0.")]
            self.assertEqual(len(rows), 3)
            self.assertIn("| 5 min |", rows[0])  # same severity: the cheaper fix first
            self.assertIn("**Total effort: 35 min**", plan)
            ready = section(md, "## Deployment readiness")
            self.assertRegex(ready, r"\| No debug code in production \| ❌ FAIL \| F\d \|")
            self.assertRegex(ready, r"\| No injection \(SQL, command, code, template\) \| ❌ FAIL \| F\d, F\d \|")
            steps = section(md, "## Next steps")
            self.assertIn("Verify with: `aegis scan . --select CFG001`", steps)
            self.assertIn("Re-run the whole review and compare: `aegis scan .`", steps)

    def test_verdict_blocked_for_a_critical_finding(self):
        project = os.path.join(SOURCE_DIR, "tests", "projects", "dependencies", "seed000_missing_dependency")
        with Tree({}) as t:
            shutil.copytree(project, t.root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected-report.*"))
            md = t.md("--select", "DEP")
            self.assertEqual(verdict(md), "BLOCKED")
            self.assertIn("1 open critical finding (F1): must be fixed before any deployment", md)
            self.assertRegex(section(md, "## Deployment readiness"),
                             r"\| Dependencies declared and free of known advisories \| ❌ FAIL \| F1 \|")
            self.assertIn("### P0: Blockers: before any deployment (5 min)", md)

    def test_findings_in_test_code_do_not_block(self):
        files = {"tests/test_x.py": "import subprocess\n\ndef test_a(x):\n    subprocess.run(f'ls {x}', shell=True)\n"}
        with Tree(files) as t:
            md = t.md("--select", "INJ002")
            self.assertEqual(verdict(md), "APPROVED WITH CONDITIONS")
            self.assertIn("### P3: Hardening backlog", md)
            self.assertIn("*(test code)*", md)

    def test_incomplete_scan_is_a_condition_and_listed(self):
        with Tree({"ok.py": "x = 1\n", "broken.py": "print 'py2'\n"}) as t:
            r = t.report("--date", "2026-03-04", "--select", "INJ002", ".")
            self.assertEqual(r.returncode, 3, "exit codes are the scan's")
            md = r.stdout
            self.assertEqual(verdict(md), "APPROVED WITH CONDITIONS")
            self.assertRegex(section(md, "## Deployment readiness"), r"\| Every file analysed \| ⚠️ WARN \|")
            self.assertIn("`broken.py:1", section(md, "## Appendix"))

    def test_no_inline_suppressions_is_said(self):
        with Tree({"a.py": "import subprocess\nsubprocess.run('ls', shell=True)  # nosec\n"}) as t:
            md = t.md("--select", "INJ002", "--no-inline-suppressions")
            self.assertIn("suppression comments ignored", md)
            self.assertIn("Suppression comments were ignored", md)

    def test_deterministic_and_dated(self):
        with Tree({"a.py": "import subprocess\nsubprocess.run(input(), shell=True)\n"}) as t:
            one = t.report("--select", "INJ002", "--fail-on", "never", ".", env={"SOURCE_DATE_EPOCH": "1700000000"})
            two = t.report("--select", "INJ002", "--fail-on", "never", "-j", "1", ".", env={"SOURCE_DATE_EPOCH": "1700000000"})
            self.assertEqual(one.returncode, 0, one.stderr)
            self.assertEqual(one.stdout, two.stdout)
            self.assertIn("**Date** | 2023-11-14", one.stdout)
            r = t.report("--date", "2026-13-01", ".")
            self.assertEqual(r.returncode, 2)
            self.assertIn("--date '2026-13-01' is not a date", r.stderr)
            self.assertEqual(t.report("--date", "2026-02-29", ".").returncode, 2)
            self.assertEqual(t.report("--date", "2028-02-29", "--select", "INJ002", "--fail-on", "never", ".").returncode, 0)
            r = t.report(".", env={"SOURCE_DATE_EPOCH": "yesterday"})
            self.assertEqual(r.returncode, 2)

    def test_output_file_and_html(self):
        with Tree({"a.py": "x = 1\n"}) as t:
            r = t.report("--date", "2026-03-04", "--format", "html", "-o", "out/r.html", ".")
            self.assertEqual(r.returncode, 2, "a directory that does not exist cannot be written")
            self.assertIn("cannot write 'out/r.html'", r.stderr)
            r = t.report("--date", "2026-03-04", "--format", "html", "-o", "r.html", ".")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(t.root, "r.html"), encoding="utf-8") as f:
                html = f.read()
            self.assertTrue(html.startswith("<!DOCTYPE html>"))
            self.assertIn("@media print", html)
            self.assertIn('<meta name="viewport"', html)
            self.assertIn("<svg id=\"severity-chart\"", html)
            # Self-contained: nothing is fetched.
            self.assertNotRegex(html, r"<(script|img|link|iframe)[^>]+(src|href)=")
            self.assertNotIn("@import", html)
            self.assertNotIn("url(", html)

    def test_scan_options_are_shared(self):
        with Tree({"a.py": "import subprocess\nsubprocess.run(input(), shell=True)\n"}) as t:
            r = t.report("--select", "NOPE", ".")
            self.assertEqual(r.returncode, 2)
            self.assertIn("'NOPE' names no rule", r.stderr)
            r = t.report("--date", "2026-03-04", "--select", "INJ002", "--fail-on", "high", ".")
            self.assertEqual(r.returncode, 1)
            r = t.report("--date", "2026-03-04", "--select", "INJ002", "--exclude", "a.py", ".")
            self.assertEqual(r.returncode, 0)
            self.assertIn("Total open** | **0**", r.stdout)

    def test_details_stop_after_250_findings_the_table_does_not(self):
        body = "import subprocess\n" + "".join(
            "def f%d(x):\n    subprocess.run('echo %d ' + x, shell=True)\n" % (i, i) for i in range(260))
        with Tree({"big.py": body}) as t:
            md = t.md("--select", "INJ002")
            self.assertEqual(len(re.findall(r"^\| F\d+ ", md, re.M)), 260)
            self.assertEqual(len(re.findall(r"^### F\d+\. ", md, re.M)), 250)
            self.assertIn("*10 more findings are listed in the table above", md)

    def test_report_and_baseline_take_every_scan_option(self):
        def options(*cmd):
            out = subprocess.run([AEGIS, *cmd, "--help"], capture_output=True, text=True).stdout
            return set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", out))
        scan_only = {"--format", "--output", "--stats", "--quiet", "--show-accepted", "--trace", "--strengths", "--color"}
        shared = options("scan") - scan_only
        self.assertIn("--baseline", shared)
        self.assertIn("--select", shared)
        for cmd in ("report", "baseline"):
            self.assertEqual(shared - options(cmd), set(), cmd)

    def test_git_commit_and_branch_in_the_header(self):
        with Tree({"a.py": "x = 1\n"}, git_dir=False) as t:
            env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
                       GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
            git = lambda *a: subprocess.run(["git", *a], cwd=t.root, env=env, check=True, capture_output=True, text=True)
            git("init", "-q", "-b", "review-branch")
            md = t.md("--select", "INJ002")
            self.assertIn("**Revision** | no commit yet (branch review-branch)", md)
            git("add", "a.py")
            git("commit", "-q", "-m", "first")
            commit = git("rev-parse", "HEAD").stdout.strip()
            md = t.md("--select", "INJ002")
            self.assertIn("**Revision** | %s on branch review-branch |" % commit[:12], md)
            git("checkout", "-q", "--detach")
            self.assertIn("**Revision** | %s (detached HEAD) |" % commit[:12], t.md("--select", "INJ002"))

    def test_markdown_tables_survive_pipes_and_backticks(self):
        files = {"a|b.py": "import subprocess\nsubprocess.run('echo `id` | cat ' + input(), shell=True)\n"}
        with Tree(files) as t:
            md = t.md("--select", "INJ002")
            for line in section(md, "## Findings").splitlines():
                if line.startswith("| F1 "):
                    cells = re.split(r"(?<!\\)\|", line)
                    self.assertEqual(len(cells), 10, line)  # 8 columns, none split by the path's pipe
            self.assertIn("a\\|b.py:2", section(md, "## Findings"))


def main():
    global AEGIS, SOURCE_DIR
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    args, rest = ap.parse_known_args()
    AEGIS = os.path.abspath(args.aegis)
    SOURCE_DIR = os.path.abspath(args.source_dir)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
