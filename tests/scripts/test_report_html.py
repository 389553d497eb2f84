#!/usr/bin/env python3
"""The HTML report in a real browser: Debian's headless Chromium loads the file and the test
reads back the DOM after the page's script ran (`chromium --headless --dump-dom`): the
counts, the chart, the findings rows, and the rows left visible by the severity and area
filters (set through the URL fragment, as a shared link would). Fails, never skips, when
Chromium is missing: scripts/bootstrap.sh installs it.

Run by ctest as: python3 test_report_html.py --aegis PATH_TO_BINARY --source-dir REPO_ROOT
"""
import argparse
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile

AEGIS = None
SOURCE_DIR = None


class Dom(html.parser.HTMLParser):
    """The elements of a dumped DOM with their attributes and text."""

    def __init__(self, text):
        super().__init__()
        self.elements = []  # (tag, attrs, text list)
        self.stack = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        element = (tag, dict(attrs), [])
        self.elements.append(element)
        if tag not in ("meta", "br", "hr", "input", "img", "link", "rect"):
            self.stack.append(element)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        for element in self.stack:
            element[2].append(data)

    def by_id(self, ident):
        return [e for e in self.elements if e[1].get("id") == ident][0]

    def finding_rows(self):
        return [e for e in self.elements if e[0] == "tr" and "data-severity" in e[1] and "data-area" in e[1]]


def text(element):
    return " ".join("".join(element[2]).split())


def dump_dom(chromium, profile, url, width=1200):
    r = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--window-size=%d,900" % width, "--user-data-dir=" + profile, "--dump-dom", url],
                       capture_output=True, text=True, timeout=180)
    if r.returncode != 0 or "<html" not in r.stdout:
        raise RuntimeError("chromium failed (%d): %s" % (r.returncode, r.stderr[-2000:]))
    return Dom(r.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    args = ap.parse_args()
    aegis = os.path.abspath(args.aegis)
    failures = []

    def check(name, condition, detail=""):
        print(("ok   " if condition else "FAIL ") + name + ("" if condition else "  " + str(detail)))
        if not condition:
            failures.append(name)

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("FAIL chromium is not installed (scripts/bootstrap.sh installs Debian's chromium)")
        return 1

    with tempfile.TemporaryDirectory(prefix="aegis-html-") as tmp:
        root = os.path.join(tmp, "outputs_demo")
        shutil.copytree(os.path.join(args.source_dir, "tests", "projects", "outputs_demo"), root,
                        ignore=shutil.ignore_patterns("expected-report.*"))
        os.makedirs(os.path.join(root, ".git"))
        # Findings of three severities: INJ002 (high; the open one and the accepted ones),
        # HYG001 (low, in tests), IMP003 (info).
        out = os.path.join(tmp, "report.html")
        env = dict(os.environ, AEGIS_ADVISORY_DB=os.path.join(tmp, "none.idx"))
        r = subprocess.run([aegis, "report", "--no-progress", "--format", "html", "--date", "2026-01-02",
                            "--fail-on", "never", "--allow-incomplete", "--select", "INJ002,HYG001,IMP003", "-o", out, "."],
                           cwd=root, capture_output=True, text=True, env=env, timeout=300)
        check("report written", r.returncode == 0, r.stderr)
        profile = os.path.join(tmp, "profile")
        url = "file://" + out

        dom = dump_dom(chromium, profile, url)
        rows = dom.finding_rows()
        by_severity = {}
        for row in rows:
            by_severity[row[1]["data-severity"]] = by_severity.get(row[1]["data-severity"], 0) + 1
        check("findings rows of three severities", set(by_severity) == {"high", "low", "info"}, by_severity)
        check("no row hidden without a filter", not any("hidden" in row[1] for row in rows))
        status = dom.by_id("filter-status")
        check("the script counted every row", text(status) == "Showing %d of %d findings" % (len(rows), len(rows)),
              text(status))
        check("the script ran (data-shown set)", status[1].get("data-shown") == str(len(rows)), status[1])
        counts = {e[1]["data-severity"]: int(e[1]["data-count"]) for e in dom.elements
                  if e[0] == "g" and "data-count" in e[1]}
        opened = {}
        for row in rows:
            if row[1]["data-status"] == "open":
                opened[row[1]["data-severity"]] = opened.get(row[1]["data-severity"], 0) + 1
        check("the chart shows the open findings by severity",
              all(counts[s] == opened.get(s, 0) for s in counts) and len(counts) == 5, (counts, opened))
        check("total open shown", text(dom.by_id("total-open")) == str(sum(opened.values())))
        check("verdict shown", "REMEDIATION REQUIRED" in text(dom.by_id("verdict")), text(dom.by_id("verdict")))
        readiness = [e for e in dom.elements if e[0] == "tr" and "data-check" in e[1]]
        check("the readiness checklist has its rows", len(readiness) == 16, len(readiness))
        injection = [e for e in readiness if e[1]["data-check"] == "injection"][0]
        check("no injection: FAIL", injection[1]["data-status"] == "fail", injection[1])

        dom = dump_dom(chromium, profile, url + "#severity=high")
        rows = dom.finding_rows()
        visible = [r for r in rows if "hidden" not in r[1]]
        check("severity filter: only high rows visible",
              len(visible) == by_severity["high"] and all(r[1]["data-severity"] == "high" for r in visible),
              [r[1] for r in visible])
        check("severity filter: the count follows",
              text(dom.by_id("filter-status")) == "Showing %d of %d findings" % (by_severity["high"], len(rows)))

        dom = dump_dom(chromium, profile, url + "#severity=low&area=input-validation")
        rows = dom.finding_rows()
        visible = [r for r in rows if "hidden" not in r[1]]
        check("severity and area filters combine",
              len(visible) == by_severity["low"] and
              all(r[1]["data-severity"] == "low" and r[1]["data-area"] == "input-validation" for r in visible),
              [r[1] for r in visible])

        dom = dump_dom(chromium, profile, url + "#severity=critical")
        visible = [r for r in dom.finding_rows() if "hidden" not in r[1]]
        check("a filter that matches nothing hides every row", visible == [] and
              text(dom.by_id("filter-status")).startswith("Showing 0 of"))

        dom = dump_dom(chromium, profile, url + "#severity=bogus")
        visible = [r for r in dom.finding_rows() if "hidden" not in r[1]]
        check("an unknown filter value is ignored", len(visible) == len(rows))

        # On a phone the page itself never scrolls sideways (wide tables scroll in their own
        # box). Measured by a copy of the report with one line of script appended that records
        # the page's width once laid out.
        with open(out, encoding="utf-8") as f:
            page = f.read()
        probe = os.path.join(tmp, "probe.html")
        with open(probe, "w", encoding="utf-8") as f:
            f.write(page.replace("</body>", "<script>document.body.dataset.scrollWidth="
                                 "document.documentElement.scrollWidth;document.body.dataset.viewport="
                                 "window.innerWidth;</script></body>"))
        dom = dump_dom(chromium, profile, "file://" + probe, width=390)
        body = [e for e in dom.elements if e[0] == "body"][0][1]
        # Headless Chromium lays out at least 500 px wide: below the 700 px phone breakpoint.
        check("narrow window (%s px): no sideways scrolling of the page" % body.get("data-viewport"),
              "data-scroll-width" in body and int(body["data-viewport"]) < 700 and
              int(body["data-scroll-width"]) <= int(body["data-viewport"]), body)
        dom = dump_dom(chromium, profile, "file://" + probe, width=1200)
        body = [e for e in dom.elements if e[0] == "body"][0][1]
        check("desktop width: no sideways scrolling of the page",
              int(body["data-scroll-width"]) <= int(body["data-viewport"]), body)

    print("%d failure(s)" % len(failures) if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
