#!/usr/bin/env python3
"""Dependency review, end to end: the fixture projects under tests/projects/dependencies/
carry their expectations inline (`# expect: DEP002 severity=high` / `# ok: DEP001` on the
line before the requirement, lock entry or import), in requirements files, TOML and Python
alike. Every finding of a DEP rule must be expected and every expectation found. Also:
malformed manifests are diagnostics with positions, and `aegis db import` builds an index
from a zip of OSV JSON and from a directory of OSV YAML that scans then use.

    python3 tests/scripts/test_dependencies.py --aegis build/aegis --source-dir .
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import osv_synthetic  # noqa: E402

ANNOTATION = re.compile(r"^\s*#\s*(expect|ok):\s*(.+?)\s*$")
OPTION = re.compile(r"^(severity|confidence)=(\S+)$")


def annotations(path):
    """(line of the annotated code, kind, rule, options) for each annotation in a file."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    out = []
    pending = []
    for number, text in enumerate(lines, 1):
        m = ANNOTATION.match(text)
        if m:
            for part in m.group(2).split(","):
                words = part.split()
                if words:
                    opts = dict(OPTION.match(w).groups() for w in words[1:] if OPTION.match(w))
                    pending.append((m.group(1), words[0], opts))
            continue
        if text.strip() == "" or text.strip().startswith("#"):
            continue
        for kind, rule, opts in pending:
            out.append((number, kind, rule, opts))
        pending = []
    return out


def scan(aegis, target, env, *extra):
    p = subprocess.run([aegis, "scan", target, "--select", "DEP", "--format", "json", "--fail-on", "never",
                        "--no-progress", "--no-config"] + list(extra), capture_output=True, text=True, env=env)
    if p.returncode not in (0, 3):
        raise RuntimeError("aegis scan %s exited %d: %s" % (target, p.returncode, p.stderr[-2000:]))
    return p.returncode, json.loads(p.stdout)


def check_project(aegis, project, env):
    problems = []
    _, report = scan(aegis, project, env)
    found = {}
    for f in report["findings"]:
        # Paths are shown as the scan was asked for them: relative to the working directory.
        found.setdefault((os.path.abspath(f["path"]), f["line"], f["rule_id"]), []).append(f)
    expected = set()
    for folder, _, names in os.walk(project):
        for name in names:
            path = os.path.abspath(os.path.join(folder, name))
            for line, kind, rule, opts in annotations(path):
                key = (path, line, rule)
                if kind == "ok":
                    if key in found:
                        problems.append("%s:%d: %s reported, but marked ok: %s" % (
                            path, line, rule, found[key][0]["message"]))
                    continue
                expected.add(key)
                if key not in found:
                    problems.append("%s:%d: expected %s, not reported" % (path, line, rule))
                    continue
                f = found[key][0]
                for option, value in opts.items():
                    if f[option] != value:
                        problems.append("%s:%d: %s has %s=%s, expected %s (%s)" % (
                            path, line, rule, option, f[option], value, f["message"]))
    for key, fs in sorted(found.items()):
        if key not in expected:
            problems.append("%s:%d: unexpected %s: %s" % (key[0], key[1], key[2], fs[0]["message"]))
    return problems, len(report["findings"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", default=".")
    args = ap.parse_args()
    aegis = os.path.abspath(args.aegis)
    root = os.path.join(os.path.abspath(args.source_dir), "tests", "projects", "dependencies")
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, AEGIS_ADVISORY_DB=os.path.join(tmp, "none.idx"))
        total = 0
        for name in sorted(os.listdir(root)):
            project = os.path.join(root, name)
            got, n = check_project(aegis, os.path.relpath(project), env)
            problems += got
            total += n
        print("%d fixture projects, %d findings checked" % (len(os.listdir(root)), total))

        # Malformed manifests: positions, and the scan says it is incomplete (exit 3).
        code, report = scan(aegis, os.path.relpath(os.path.join(root, "malformed")), env)
        diags = {(os.path.basename(d["path"]), d["line"]) for d in report["diagnostics"]}
        if code != 3:
            problems.append("malformed: exit %d, expected 3 (pyproject.toml cannot be read)" % code)
        for where in [("pyproject.toml", 1), ("requirements.txt", 2)]:
            if where not in diags:
                problems.append("malformed: no diagnostic at %s:%d (got %s)" % (where + (sorted(diags),)))

        # aegis db import: a zip of OSV JSON, then a scan that matches through the index.
        # 20,000 advisories, as an OSV PyPI export is shipped (the import figure in
        # docs/PERFORMANCE.md comes from this size).
        count = 20000
        export = osv_synthetic.write_zip(os.path.join(tmp, "osv.zip"), count, packages=2500)
        index = os.path.join(tmp, "advisories.idx")
        p = subprocess.run([aegis, "db", "import", export, "--db", index], capture_output=True, text=True)
        withdrawn = len(range(0, count, 97))
        if p.returncode != 0 or "imported %d advisories" % (count - withdrawn) not in p.stdout:
            problems.append("db import of the zip: exit %d: %s %s" % (p.returncode, p.stdout, p.stderr))
        project = os.path.join(tmp, "svc")
        os.makedirs(project)
        with open(os.path.join(project, "requirements.txt"), "w") as f:
            f.write("synthpkg-7==1.0.0\n")
        with open(os.path.join(project, "app.py"), "w") as f:
            f.write("import synthpkg_7\n")
        _, report = scan(aegis, project, env, "--advisory-db", index)
        hits = [f for f in report["findings"] if f["rule_id"] == "DEP002"]
        # Recompute the expectation from the generator: which advisories cover synthpkg-7 1.0.0?
        import random
        rng = random.Random(20000)
        want = set()
        for i in range(count):
            doc = osv_synthetic.advisory(i, 2500, rng)
            a = doc["affected"][0]
            if a["package"]["name"] != "synthpkg-7" or doc.get("withdrawn"):
                continue
            ev = a["ranges"][0]["events"]
            lo = ev[0]["introduced"]
            start_ok = lo == "0" or tuple(map(int, lo.split("."))) <= (1, 0, 0)
            end = ev[1]
            v = (1, 0, 0)
            if "fixed" in end:
                inside = v < tuple(map(int, end["fixed"].split(".")))
            else:
                inside = v <= tuple(map(int, end["last_affected"].split(".")))
            if (start_ok and inside) or "1.0.0" in a["versions"]:
                want.add(doc["id"])
        got = set(re.findall(r"SYNTH-\d{6}", hits[0]["message"])) if hits else set()
        if not want:
            problems.append("generator produced no advisory for synthpkg-7 1.0.0; change the seed")
        elif not hits or not (got <= want) or ("and %d more" % (len(want) - 4) not in hits[0]["message"]
                                                 and got != want):
            problems.append("index match: want %s, got %s" % (sorted(want), hits and hits[0]["message"]))

        # A directory of OSV YAML (the PyPA advisory database layout), when ../shared has it.
        shared = os.path.join(os.path.abspath(args.source_dir), "..", "shared", "data", "pypa-advisory-db")
        if os.path.isdir(shared):
            p = subprocess.run([aegis, "db", "import", shared, "--db", os.path.join(tmp, "pypa.idx")],
                               capture_output=True, text=True)
            m = re.search(r"imported (\d+) advisories", p.stdout)
            if p.returncode != 0 or not m or int(m.group(1)) < 2600:
                problems.append("db import of the PyPA YAML: exit %d: %s %s" % (p.returncode, p.stdout, p.stderr))
            else:
                print("PyPA advisory database snapshot: " + p.stdout.splitlines()[0])
        else:
            print("SKIP: ../shared/data/pypa-advisory-db is absent; YAML import not checked")

    for line in problems:
        print("FAIL " + line)
    print("FAIL" if problems else "OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
