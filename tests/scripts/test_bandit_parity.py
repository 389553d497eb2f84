#!/usr/bin/env python3
"""Bandit parity: every case Debian's Bandit (1.6.2) flags in tests/parity/ must be flagged by
Aegis on the same line (or within the same statement) by a rule whose Bandit alias is that id
or whose CWE fits (CWE_FIT below), unless the line before carries
`# parity: bandit-wrong Bxxx -- reason`. Ids Bandit 1.6.2 cannot check on Python 3.8+ are
covered by `# parity: expect Bxxx` on the line before the case.

    python3 tests/scripts/test_bandit_parity.py --aegis build/aegis [--source-dir .]

Fails when a Bandit id has a missing case. Ids with no registered rule are reported as
"rule not implemented" and fail too, unless AEGIS_PARITY_ALLOW_MISSING=1.
"""
import argparse
import ast
import collections
import json
import os
import re
import shutil
import subprocess
import sys

# Acceptable CWEs per Bandit id, for findings of rules that do not carry the alias.
CWE_FIT = {
    "B101": {703, 617}, "B102": {95, 94}, "B103": {732, 276}, "B104": {605, 1327, 200},
    "B105": {259, 798}, "B106": {259, 798}, "B107": {259, 798}, "B108": {377, 379},
    "B110": {703, 390, 396}, "B112": {703, 390, 396}, "B113": {400, 1088},
    "B201": {94, 489, 215}, "B202": {22, 59}, "B301": {502}, "B302": {502},
    "B303": {327, 328, 916}, "B304": {327}, "B305": {327}, "B306": {377},
    "B307": {95, 94}, "B308": {79, 80}, "B309": {295}, "B310": {22, 73, 918},
    "B311": {330, 338}, "B312": {319}, "B313": {611, 776}, "B314": {611, 776},
    "B315": {611, 776}, "B316": {611, 776}, "B317": {611, 776}, "B318": {611, 776},
    "B319": {611, 776}, "B320": {611, 776}, "B321": {319}, "B322": {95, 94},
    "B323": {295}, "B324": {327, 328, 916}, "B325": {377},
    "B401": {319}, "B402": {319}, "B403": {502}, "B404": {78}, "B405": {611, 776},
    "B406": {611, 776}, "B407": {611, 776}, "B408": {611, 776}, "B409": {611, 776},
    "B410": {611, 776}, "B411": {611, 776}, "B412": {284, 441}, "B413": {327, 1104},
    "B415": {319, 327}, "B501": {295}, "B502": {326, 327}, "B503": {326, 327},
    "B504": {326, 327}, "B505": {326}, "B506": {502}, "B507": {295, 322},
    "B508": {319, 326, 327}, "B509": {319, 326, 327}, "B601": {78}, "B602": {78},
    "B603": {78}, "B604": {78}, "B605": {78}, "B606": {78}, "B607": {78, 426},
    "B608": {89}, "B609": {78, 155}, "B610": {89}, "B611": {89}, "B612": {94, 502},
    "B613": {838, 1007}, "B614": {502}, "B615": {494, 829, 1357}, "B701": {79, 116},
    "B702": {79, 116}, "B703": {79, 80}, "B704": {79, 80},
}
ANNOT = re.compile(r"#\s*parity:\s*(bandit-wrong|expect)\s+(B\d{3})(?:\s+--\s*(.*))?")


def aliases(rule):
    b = rule.get("bandit")
    if not b:
        return []
    return b if isinstance(b, list) else [x.strip() for x in str(b).split(",")]


def statement_spans(path):
    """line -> (first, last) line of the innermost simple statement containing it."""
    spans = {}
    try:
        tree = ast.parse(open(path, "rb").read())
    except SyntaxError:
        return spans
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not hasattr(node, "body"):
            for n in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                old = spans.get(n)
                if old is None or old[1] - old[0] > node.end_lineno - node.lineno:
                    spans[n] = (node.lineno, node.end_lineno)
    return spans


def annotations(path):
    """(kind, id) -> set of case lines (the line after the comment)."""
    out = collections.defaultdict(set)
    with open(path, encoding="utf-8") as f:
        for n, text in enumerate(f, 1):
            m = ANNOT.search(text)
            if m:
                out[(m.group(1), m.group(2))].add(n + 1)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", default="build/aegis")
    ap.add_argument("--source-dir", default=".")
    ap.add_argument("--bandit", default=shutil.which("bandit") or "/usr/bin/bandit")
    args = ap.parse_args()
    root = os.path.abspath(args.source_dir)
    corpus = os.path.join(root, "tests", "parity")
    aegis = os.path.abspath(args.aegis)
    allow_missing = os.environ.get("AEGIS_PARITY_ALLOW_MISSING") == "1"

    rules = json.loads(subprocess.run([aegis, "rules", "--format", "json"], capture_output=True,
                                      text=True, check=True).stdout)
    rule_cwe = {r["id"]: r.get("cwe") for r in rules}
    rule_alias = {r["id"]: set(aliases(r)) for r in rules}
    registered = set().union(*rule_alias.values()) if rule_alias else set()

    p = subprocess.run([args.bandit, "-f", "json", "-q", "-r", corpus], capture_output=True,
                       text=True, cwd=root)
    if p.returncode not in (0, 1) or not p.stdout.strip():
        print("bandit failed (exit %d): %s" % (p.returncode, p.stderr[-1000:]))
        return 2
    band = json.loads(p.stdout)
    if band.get("errors"):
        print("bandit errors:", band["errors"])
        return 2

    p = subprocess.run([aegis, "scan", corpus, "--select", "ALL", "--format", "json", "--fail-on", "never",
                        "--allow-incomplete", "--no-progress"], capture_output=True, text=True,
                       cwd=root)
    if p.returncode not in (0, 1):
        print("aegis scan failed (exit %d): %s" % (p.returncode, p.stderr[-1000:]))
        return 2
    report = json.loads(p.stdout)
    found = collections.defaultdict(list)  # absolute path -> findings
    for f in report.get("findings", []):
        found[os.path.normpath(os.path.join(corpus, f["path"]))].append(f)

    cases = []  # (bandit id, file, line, source)
    for r in band["results"]:
        cases.append((r["test_id"], os.path.normpath(os.path.join(root, r["filename"])),
                      r["line_number"], "bandit"))
    wrong = {}
    for path in sorted(os.path.join(d, n) for d, _, names in os.walk(corpus) for n in names
                       if n.endswith(".py")):
        for (kind, bid), lines in annotations(path).items():
            for line in lines:
                if kind == "expect":
                    cases.append((bid, path, line, "expect"))
                else:
                    wrong[(bid, path, line)] = True

    spans_cache = {}
    stats = collections.defaultdict(lambda: collections.Counter())
    problems = []
    for bid, path, line, source in sorted(cases):
        st = stats[bid]
        st["cases"] += 1
        if (bid, path, line) in wrong:
            st["bandit-wrong"] += 1
            continue
        if path not in spans_cache:
            spans_cache[path] = statement_spans(path)
        lo, hi = spans_cache[path].get(line, (line, line))
        ok = False
        for f in found.get(path, []):
            fl, fe = f["line"], f.get("end_line", f["line"])
            if fe < lo or fl > hi:
                continue
            if bid in rule_alias.get(f["rule_id"], ()) or \
                    (f.get("cwe") or rule_cwe.get(f["rule_id"])) in CWE_FIT.get(bid, ()):
                ok = True
                break
        if ok:
            st["matched"] += 1
        else:
            st["missing"] += 1
            problems.append("%s:%d: %s (%s) not flagged by Aegis" % (
                os.path.relpath(path, root), line, bid, source))

    failed = []
    print("%-6s %6s %8s %8s %13s  %s" % ("id", "cases", "matched", "missing", "bandit-wrong",
                                          "status"))
    for bid in sorted(stats):
        st = stats[bid]
        if st["missing"] == 0:
            status = "ok"
        elif bid in registered:
            status = "FAIL"
            failed.append(bid)
        else:
            status = "rule not implemented"
            if not allow_missing:
                failed.append(bid)
        print("%-6s %6d %8d %8d %13d  %s" % (bid, st["cases"], st["matched"], st["missing"],
                                              st["bandit-wrong"], status))
    for line in problems:
        pid = line.split(": ")[1].split()[0]
        if pid in registered:
            print("  " + line)
    print("%d Bandit ids, %d cases; %d ids failing%s" % (
        len(stats), sum(s["cases"] for s in stats.values()), len(failed),
        " (unimplemented ids allowed)" if allow_missing else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
