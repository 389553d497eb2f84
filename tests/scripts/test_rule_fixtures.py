#!/usr/bin/env python3
"""The one generic runner for rule fixtures (tests/fixtures/rules/**).

A fixture is Python code that carries its expectations as comments on the line before
the code they are about:

    # expect: INJ002                  a finding of INJ002 must start on the next code line
    # expect: INJ002 severity=low     ...with that severity (confidence=... works too)
    # ok: INJ002                      no INJ002 finding may start on the next code line

Several annotations may stack above one line, and one annotation may name several rules
separated by commas. Every finding in a fixture file must be expected: an unannounced
finding is a failure, so fixtures prove precision as well as recall. Every registered rule
needs at least one `expect` and one `ok` case somewhere.

The fixtures directory is scanned as one root, so paths below it decide test context
(`hygiene/tests/...` is test code). A fixture may begin with `# aegis-fixture: python=3.8`
to be scanned with an older grammar (scanned separately).
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

ANNOTATION = re.compile(r"^\s*#\s*(expect|ok):\s*(.+?)\s*$")
OPTION = re.compile(r"^(severity|confidence|status)=(\S+)$")


def parse_annotations(path):
    """{line: [(kind, rule, options)]} keyed by the code line each annotation is about."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    pending = []
    out = collections.defaultdict(list)
    errors = []
    for number, text in enumerate(lines, 1):
        m = ANNOTATION.match(text)
        if m:
            kind, rest = m.group(1), m.group(2)
            parts = rest.split()
            options = {}
            rules = []
            for part in parts:
                o = OPTION.match(part)
                if o:
                    options[o.group(1)] = o.group(2)
                else:
                    rules.extend(r for r in part.split(",") if r)
            if not rules:
                errors.append("%s:%d: annotation names no rule" % (path, number))
            for rule in rules:
                pending.append((kind, rule, options, number))
            continue
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        for kind, rule, options, where in pending:
            out[number].append((kind, rule, options, where))
        pending = []
    for kind, rule, options, where in pending:
        errors.append("%s:%d: annotation before no code line" % (path, where))
    return out, errors


def scan(aegis, root, extra):
    cmd = [aegis, "scan", root, "--select", "ALL", "--format", "json", "--no-progress", "--allow-incomplete",
           "--fail-on", "never", "--no-gitignore"] + extra
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    if proc.returncode != 0:
        sys.exit("FAIL: %s exited %d: %s" % (" ".join(cmd), proc.returncode,
                                             proc.stderr.decode("utf-8", "replace")))
    return json.loads(proc.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--fixtures", help="fixture directory (default: tests/fixtures/rules)")
    args = ap.parse_args()
    root = args.fixtures or os.path.join(args.source_dir, "tests", "fixtures", "rules")
    aegis = os.path.abspath(args.aegis)

    catalogue = json.loads(subprocess.run([aegis, "rules", "--format", "json"], check=True,
                                          stdout=subprocess.PIPE).stdout)
    known = {r["id"] for r in catalogue}

    files = []
    for dirpath, dirnames, names in os.walk(root):
        dirnames.sort()
        files.extend(os.path.join(dirpath, n) for n in sorted(names) if n.endswith(".py"))

    # Fixtures pinned to an older grammar are scanned on their own.
    by_version = collections.defaultdict(list)
    for path in files:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
        m = re.match(r"#\s*aegis-fixture:\s*python=(3\.\d+)", first)
        by_version[m.group(1) if m else None].append(path)

    findings = collections.defaultdict(list)  # path -> [finding]
    diagnostics = []
    for version, paths in sorted(by_version.items(), key=lambda kv: kv[0] or ""):
        if version is None:
            doc = scan(aegis, root, [])
        else:
            doc = scan(aegis, root, ["--python-version", version])
        wanted = set(os.path.normpath(p) for p in paths)
        for f in doc["findings"]:
            if os.path.normpath(f["path"]) in wanted:
                findings[os.path.normpath(f["path"])].append(f)
        for d in doc["diagnostics"]:
            # Errors mean the file was not analysed; warnings and notes (about suppression
            # comments, say) do not.
            if os.path.normpath(d["path"]) in wanted and d["severity"] == "error":
                diagnostics.append(d)

    failures = []
    for d in diagnostics:
        failures.append("%s:%s: fixture does not parse: %s" % (d["path"], d["line"], d["message"]))
    expected_rules, ok_rules = collections.Counter(), collections.Counter()
    checked = 0
    for path in files:
        annotations, errors = parse_annotations(path)
        failures.extend(errors)
        got = collections.defaultdict(list)
        for f in findings.get(os.path.normpath(path), []):
            got[(f["line"], f["rule_id"])].append(f)
        claimed = set()
        for line, items in sorted(annotations.items()):
            for kind, rule, options, where in items:
                checked += 1
                if rule not in known:
                    failures.append("%s:%d: unknown rule %s" % (path, where, rule))
                    continue
                hits = got.get((line, rule), [])
                if kind == "ok":
                    ok_rules[rule] += 1
                    for h in hits:
                        failures.append("%s:%d: %s fired but must not (# ok at line %d): %s"
                                        % (path, line, rule, where, h["message"]))
                    claimed.add((line, rule))
                    continue
                expected_rules[rule] += 1
                if not hits:
                    failures.append("%s:%d: expected %s, got nothing (# expect at line %d)"
                                    % (path, line, rule, where))
                    continue
                claimed.add((line, rule))
                for key, value in options.items():
                    if not any(h.get(key) == value for h in hits):
                        failures.append("%s:%d: %s %s is %s, expected %s" % (
                            path, line, rule, key, ",".join(sorted({str(h.get(key)) for h in hits})), value))
        for (line, rule), hits in sorted(got.items()):
            if (line, rule) not in claimed:
                for h in hits:
                    failures.append("%s:%d: unexpected %s: %s" % (path, line, rule, h["message"]))

    # Project-level rules (dependencies) are checked on fixture projects by
    # test_dependencies.py with the same annotations; they count towards coverage here.
    projects = os.path.join(args.source_dir, "tests", "projects", "dependencies")
    for folder, _, names in os.walk(projects):
        for name in names:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                for text in f:
                    m = ANNOTATION.match(text)
                    if not m:
                        continue
                    for part in m.group(2).split(","):
                        words = part.split()
                        if words:
                            (expected_rules if m.group(1) == "expect" else ok_rules)[words[0]] += 1

    for rule in sorted(known):
        if expected_rules[rule] == 0:
            failures.append("rule %s has no '# expect' fixture" % rule)
        if ok_rules[rule] == 0:
            failures.append("rule %s has no '# ok' fixture (look-alikes that must stay silent)" % rule)

    print("%d fixture files, %d annotations, %d rules" % (len(files), checked, len(known)))
    if failures:
        for f in failures:
            print("FAIL", f)
        print("%d failures" % len(failures))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
