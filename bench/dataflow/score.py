#!/usr/bin/env python3
"""Score `aegis scan` on the generated data-flow benchmark (bench/dataflow/generate.py).

    python3 bench/dataflow/score.py [PROJECT] [--aegis build/release/aegis]
                                    [--misses] [--by sink] [--json] [--report scan.json]

Each finding is mapped to a case by its file (cases/<Category>Test<NNNNN>.py) and counts
for the case's category when its `cwe` is that category's CWE; findings of other CWEs in
a case file are ignored (a weak-hash finding in a cookie case neither helps nor hurts).
A vulnerable case with at least one such finding is a true positive, without one a false
negative; a safe case with one is a false positive, without one a true negative.
Per category: TPR = TP / (TP + FN), FPR = FP / (FP + TN), score = TPR - FPR; the
benchmark score is the plain average of the category scores.

Exit status: 0 whenever a score was computed (thresholds belong to the caller); 2 when
none could be (no binary, no expected.csv, a scan that did not produce a report).
"""
import argparse
import collections
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASE_FILE = re.compile(r"(?:^|[/\\])([A-Za-z]+Test\d{5})\.py$")


def fail(msg):
    print("score: " + msg, file=sys.stderr)
    sys.exit(2)


def read_expected(path):
    cases = {}
    try:
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                cases[row["case"]] = {"category": row["category"], "cwe": int(row["cwe"]),
                                      "vulnerable": row["vulnerable"].strip().lower() == "true"}
    except (OSError, KeyError, ValueError) as exc:
        fail("cannot read %s: %s" % (path, exc))
    if not cases:
        fail("%s lists no cases" % path)
    return cases


def read_parts(project):
    path = os.path.join(project, "cases.csv")
    if not os.path.exists(path):
        return {}
    with open(path, newline="") as f:
        return {row["case"]: row for row in csv.DictReader(f)}


def run_scan(aegis, project, jobs):
    if not (os.path.isfile(aegis) and os.access(aegis, os.X_OK)):
        fail("no aegis binary at %s (build it, or pass --aegis)" % aegis)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.json")
        # --no-gitignore: the default project lives under build/, which a repository's
        # .gitignore usually excludes; --no-config: the repository's settings must not apply
        cmd = [aegis, "scan", "--format", "json", "-o", out, "--no-progress", "--no-config",
               "--no-gitignore", "--fail-on", "never", "--allow-incomplete", project]
        if jobs:
            cmd += ["-j", str(jobs)]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if not os.path.exists(out):
            fail("`%s` wrote no report (exit %d): %s" % (" ".join(cmd), p.returncode,
                                                          p.stderr.strip()[-2000:]))
        with open(out) as f:
            return json.load(f)


def score(cases, report):
    """Per-category counts, the misses and the findings that map to no case."""
    flagged = collections.defaultdict(list)  # case -> findings of its category's CWE
    unmapped = collections.Counter()         # (rule, cwe) of findings outside case files
    category_cwes = {c["cwe"] for c in cases.values()}
    for finding in report.get("findings", []):
        m = CASE_FILE.search(finding.get("path", ""))
        cwe = finding.get("cwe")
        if not m or m.group(1) not in cases:
            if cwe in category_cwes:
                unmapped[(finding.get("rule_id"), cwe)] += 1
            continue
        case = cases[m.group(1)]
        if cwe == case["cwe"]:
            flagged[m.group(1)].append(finding)
    per = collections.OrderedDict()
    misses = []
    for name in sorted(cases, key=lambda n: (cases[n]["category"], n)):
        c = cases[name]
        row = per.setdefault(c["category"], {"cwe": c["cwe"], "TP": 0, "FN": 0, "TN": 0,
                                             "FP": 0})
        hit = bool(flagged.get(name))
        kind = ("TP" if hit else "FN") if c["vulnerable"] else ("FP" if hit else "TN")
        row[kind] += 1
        if kind in ("FN", "FP"):
            misses.append((c["category"], kind, name, flagged.get(name, [])))
    for row in per.values():
        pos, neg = row["TP"] + row["FN"], row["FP"] + row["TN"]
        row["TPR"] = row["TP"] / pos if pos else 0.0
        row["FPR"] = row["FP"] / neg if neg else 0.0
        row["score"] = row["TPR"] - row["FPR"]
    average = sum(r["score"] for r in per.values()) / len(per) if per else 0.0
    return per, average, misses, unmapped


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("project", nargs="?", default=os.path.join(ROOT, "build", "bench-dataflow"),
                    help="generated project (default: build/bench-dataflow)")
    ap.add_argument("--aegis", default=os.path.join(ROOT, "build", "release", "aegis"))
    ap.add_argument("--expected", help="truth file (default: PROJECT/expected.csv)")
    ap.add_argument("--report", help="score this saved `aegis scan --format json` report "
                    "instead of running a scan")
    ap.add_argument("--save-report", help="write the scan's JSON report here")
    ap.add_argument("-j", "--jobs", type=int, default=0, help="scan threads (0: all cores)")
    ap.add_argument("--misses", action="store_true",
                    help="list false negatives and false positives with their case files")
    ap.add_argument("--by", choices=["framework", "source", "propagation", "sanitizer", "sink",
                                         "style"],
                    help="also count the misses per part of the cases (from cases.csv)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()

    project = os.path.abspath(args.project)
    cases = read_expected(args.expected or os.path.join(project, "expected.csv"))
    if args.report:
        try:
            with open(args.report) as f:
                report = json.load(f)
        except (OSError, ValueError) as exc:
            fail("cannot read %s: %s" % (args.report, exc))
    else:
        report = run_scan(os.path.abspath(args.aegis), project, args.jobs)
    if args.save_report:
        with open(args.save_report, "w") as f:
            json.dump(report, f, indent=2)
    per, average, misses, unmapped = score(cases, report)
    parts = read_parts(project)
    worst = min(per.items(), key=lambda kv: kv[1]["score"]) if per else None
    failed_files = [d for d in report.get("diagnostics", []) if d.get("severity") == "error"]

    by_part = None
    if args.by:
        by_part = collections.defaultdict(lambda: {"cases": 0, "FN": 0, "FP": 0})
        missed = {name: kind for _cat, kind, name, _found in misses}
        for name in cases:
            key = parts.get(name, {}).get(args.by, "") or "(none)"
            by_part[key]["cases"] += 1
            if name in missed:
                by_part[key][missed[name]] += 1

    if args.json:
        out = {"average": average, "categories": per,
               "worst": {"category": worst[0], "score": worst[1]["score"]} if worst else None,
               "cases": len(cases), "diagnostics_errors": len(failed_files),
               "unmapped_findings": [{"rule_id": r, "cwe": c, "count": n}
                                     for (r, c), n in sorted(unmapped.items(), key=str)]}
        if by_part is not None:
            out["by_" + args.by] = by_part
        if args.misses:
            out["misses"] = [{"category": cat, "kind": kind, "case": name,
                              "file": "cases/%s.py" % name,
                              "parts": {k: v for k, v in parts.get(name, {}).items()
                                        if k not in ("case", "category", "cwe", "vulnerable")},
                              "findings": [{"rule_id": f.get("rule_id"), "line": f.get("line")}
                                           for f in found]}
                             for cat, kind, name, found in misses]
        json.dump(out, sys.stdout, indent=2)
        print()
        return 0

    print("%-16s %5s %4s %4s %4s %4s %7s %7s %7s" % (
        "category", "cwe", "TP", "FN", "TN", "FP", "TPR", "FPR", "score"))
    for cat, r in per.items():
        print("%-16s %5d %4d %4d %4d %4d %6.1f%% %6.1f%% %6.1f%%" % (
            cat, r["cwe"], r["TP"], r["FN"], r["TN"], r["FP"], 100 * r["TPR"],
            100 * r["FPR"], 100 * r["score"]))
    print("%-16s %5s %4d %4d %4d %4d %7s %7s %6.1f%%" % (
        "average", "", sum(r["TP"] for r in per.values()), sum(r["FN"] for r in per.values()),
        sum(r["TN"] for r in per.values()), sum(r["FP"] for r in per.values()), "", "",
        100 * average))
    if worst:
        print("lowest category: %s %.1f%% (the bar: average >= 75%%, no category < 50%%)" % (
            worst[0], 100 * worst[1]["score"]))
    if failed_files:
        print("warning: %d files could not be analysed (see the report's diagnostics)"
              % len(failed_files))
    if unmapped:
        print("findings of benchmark CWEs outside case files: " + ", ".join(
            "%s/CWE-%s x%d" % (r, c, n) for (r, c), n in sorted(unmapped.items(), key=str)))
    if by_part is not None:
        print()
        print("%-48s %6s %5s %5s" % (args.by, "cases", "FN", "FP"))
        for key, row in sorted(by_part.items(), key=lambda kv: (-(kv[1]["FN"] + kv[1]["FP"]),
                                                                 kv[0])):
            print("%-48s %6d %5d %5d" % (key[:48], row["cases"], row["FN"], row["FP"]))
    if args.misses and misses:
        print()
        for cat, kind, name, found in misses:
            p = parts.get(name, {})
            detail = "; ".join("%s=%s" % (k, p[k]) for k in (
                "framework", "source", "propagation", "sanitizer", "sink", "style") if p.get(k))
            rules = ",".join(sorted({"%s:%s" % (f.get("rule_id"), f.get("line"))
                                     for f in found}))
            print("%s %-16s cases/%s.py  %s%s" % (kind, cat, name, detail,
                                                   ("  [" + rules + "]") if rules else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
