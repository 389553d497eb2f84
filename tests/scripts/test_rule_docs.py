#!/usr/bin/env python3
"""docs/rules/ must be exactly what `aegis rules --write-docs` generates from the rules'
metadata: a stale page fails here. Regenerate with
    build/release/aegis rules --write-docs docs/rules
Also checks that every rule's metadata is complete."""
import argparse
import filecmp
import json
import os
import re
import subprocess
import sys
import tempfile

REQUIRED = ["id", "name", "title", "severity", "confidence", "owasp", "area", "flags", "why",
            "example", "fix", "effort"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    args = ap.parse_args()
    failures = []
    rules = json.loads(subprocess.run([args.aegis, "rules", "--format", "json"], check=True,
                                      stdout=subprocess.PIPE).stdout)
    names = set()
    for r in rules:
        for key in REQUIRED:
            if not r.get(key):
                failures.append("%s: metadata field '%s' is empty" % (r["id"], key))
        if not re.fullmatch(r"[A-Z]{2,4}\d{3}", r["id"]):
            failures.append("%s: id is not a family prefix and three digits" % r["id"])
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r["name"]):
            failures.append("%s: name '%s' is not kebab-case" % (r["id"], r["name"]))
        if r["name"] in names:
            failures.append("%s: name '%s' is used twice" % (r["id"], r["name"]))
        names.add(r["name"])
        if not re.fullmatch(r"A\d\d:2021-.+", r["owasp"] or ""):
            failures.append("%s: OWASP category '%s' is not of the form A03:2021-Injection" % (r["id"], r["owasp"]))
        if not re.fullmatch(r"\d+ (min|h|d)", r["effort"] or ""):
            failures.append("%s: effort '%s' is not like '5 min', '2 h', '1 d'" % (r["id"], r["effort"]))
        if r["cwe"] is not None and r["cwe"] <= 0:
            failures.append("%s: no CWE" % r["id"])
    committed = os.path.join(args.source_dir, "docs", "rules")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([args.aegis, "rules", "--write-docs", tmp], check=True)
        generated = sorted(os.listdir(tmp))
        present = sorted(os.listdir(committed)) if os.path.isdir(committed) else []
        for name in sorted(set(generated) | set(present)):
            a, b = os.path.join(tmp, name), os.path.join(committed, name)
            if not os.path.exists(b):
                failures.append("docs/rules/%s is missing" % name)
            elif not os.path.exists(a):
                failures.append("docs/rules/%s belongs to no rule" % name)
            elif not filecmp.cmp(a, b, shallow=False):
                failures.append("docs/rules/%s is stale" % name)
    print("%d rules" % len(rules))
    if failures:
        for f in failures:
            print("FAIL", f)
        print("regenerate with: aegis rules --write-docs docs/rules")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
