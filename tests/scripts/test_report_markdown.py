#!/usr/bin/env python3
"""The Markdown report renders well on GitHub: every golden report, and one of a project whose
code is full of Markdown and HTML metacharacters, rendered by cmark-gfm (GitHub's own
CommonMark implementation, Debian's `cmark-gfm`) with the table extension:

- every table the report writes is a table, every row with the header's number of cells
  (no cell split by a pipe, none merged);
- every heading and every fenced code block comes out as one;
- the only raw HTML is the report's own `<br>`: nothing quoted from the code becomes a tag;
- CWE references are links.

Fails, never skips, when cmark-gfm is missing: scripts/bootstrap.sh installs it.
Run by ctest as: python3 test_report_markdown.py --aegis PATH_TO_BINARY --source-dir REPO_ROOT
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HOSTILE = {
    "app/a|b.py": "import subprocess\n\n\ndef go(x):\n"
                  "    subprocess.run('<script>alert(1)</script> | `id` ' + x, shell=True)  # nosec B602 -- <b>ok</b> | `y`\n"
                  "    subprocess.run(\"*bold* _it_ [link](http://x) \" + x, shell=True)\n",
    "settings.py": 'DB_PASSWORD = "<img src=x onerror=alert(1)>|``"\n',
}


def cells(row):
    """Cells of a GFM table row: split on pipes not escaped by a backslash."""
    parts = re.split(r"(?<!\\)\|", row.strip())
    return parts[1:-1]


def check_report(name, md, cmark, failures):
    def check(what, condition, detail=""):
        if not condition:
            failures.append("%s: %s %s" % (name, what, detail))
            print("FAIL %s: %s %s" % (name, what, detail))

    lines = md.splitlines()
    tables = 0
    in_code = False
    fences = 0
    headings = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            in_code = not in_code
            fences += in_code
        elif not in_code and line.startswith("#"):
            headings += 1
        elif not in_code and line.startswith("|") and i + 1 < len(lines) and re.match(r"^\|(\s*:?-+:?\s*\|)+$", lines[i + 1]):
            tables += 1
            width = len(cells(line))
            j = i + 2
            while j < len(lines) and lines[j].startswith("|"):
                check("row of %d cells in a table of %d (line %d)" % (len(cells(lines[j])), width, j + 1),
                      len(cells(lines[j])) == width, lines[j][:120])
                j += 1
            i = j
            continue
        i += 1
    check("code fences closed", not in_code)

    html = subprocess.run([cmark, "-e", "table", "-e", "autolink", "--unsafe"], input=md, capture_output=True,
                          text=True, check=True).stdout
    check("tables rendered", html.count("<table>") == tables, (html.count("<table>"), tables))
    check("headings rendered", len(re.findall(r"<h[1-6]>", html)) == headings,
          (len(re.findall(r"<h[1-6]>", html)), headings))
    check("code blocks rendered", html.count("<pre") == fences, (html.count("<pre"), fences))
    known = {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "strong",
             "em", "code", "pre", "a", "br", "hr", "del"}
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html))
    check("no raw HTML from the code", tags <= known, tags - known)
    if "CWE-" in md:
        check("CWE links", '<a href="https://cwe.mitre.org/data/definitions/' in html)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    args = ap.parse_args()
    aegis = os.path.abspath(args.aegis)
    cmark = shutil.which("cmark-gfm")
    if not cmark:
        print("FAIL cmark-gfm is not installed (scripts/bootstrap.sh installs Debian's cmark-gfm)")
        return 1
    failures = []
    projects = os.path.join(args.source_dir, "tests", "projects")
    goldens = sorted(os.path.join(folder, "expected-report.md") for folder, _, names in os.walk(projects)
                     if "expected-report.md" in names)
    if not goldens:
        failures.append("no golden reports found")
    for path in goldens:
        with open(path, encoding="utf-8") as f:
            check_report(os.path.relpath(path, projects), f.read(), cmark, failures)

    with tempfile.TemporaryDirectory(prefix="aegis-md-") as tmp:
        root = os.path.join(tmp, "hostile")
        for rel, text in HOSTILE.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                f.write(text)
        os.makedirs(os.path.join(root, ".git"))
        r = subprocess.run([aegis, "report", "--no-progress", "--date", "2026-01-01", "--fail-on", "never", "."],
                           cwd=root, capture_output=True, text=True, timeout=300,
                           env=dict(os.environ, AEGIS_ADVISORY_DB=os.path.join(tmp, "none.idx")))
        if r.returncode != 0:
            failures.append("hostile: exit %d %s" % (r.returncode, r.stderr))
        else:
            if "<script>alert" not in r.stdout.replace("&lt;", "<") or "INJ002" not in r.stdout:
                failures.append("hostile: the findings are not in the report")
            check_report("hostile", r.stdout, cmark, failures)
    print("%d failure(s)" % len(failures) if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
