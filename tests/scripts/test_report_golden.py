#!/usr/bin/env python3
"""Golden files of the audit report: for every project under tests/projects/ that has an
`expected-report.md`, the Markdown report of a copy of it (outside any git repository, dated
2026-01-01, no advisory index but the built-in one) must equal that file byte for byte.

When a change to the report or to the rules changes a report on purpose, regenerate the
files and review the diff in the commit:

    AEGIS_UPDATE_GOLDEN=1 ctest --test-dir build/release -R report_golden

Run by ctest as: python3 test_report_golden.py --aegis PATH_TO_BINARY --source-dir REPO_ROOT
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

GOLDEN = "expected-report.md"
# Projects that must have a golden report (more are picked up as they get one).
REQUIRED = ["outputs_demo", os.path.join("dependencies", "seed000_missing_dependency"),
            os.path.join("dependencies", "vulnerable_pins")]


def render(aegis, project, tmp):
    name = os.path.basename(project)
    root = os.path.join(tmp, name)
    shutil.copytree(project, root, ignore=shutil.ignore_patterns(GOLDEN))
    os.makedirs(os.path.join(root, ".git"))  # its own root: no configuration or repository above
    env = dict(os.environ, AEGIS_ADVISORY_DB=os.path.join(tmp, "none.idx"), XDG_CACHE_HOME=tmp)
    env.pop("SOURCE_DATE_EPOCH", None)
    r = subprocess.run([aegis, "report", "--no-progress", "--date", "2026-01-01", "--fail-on", "never",
                        "--allow-incomplete", "."], cwd=root, capture_output=True, text=True, env=env, timeout=300)
    shutil.rmtree(root)
    if r.returncode != 0:
        raise RuntimeError("aegis report %s exited %d: %s" % (project, r.returncode, r.stderr[-2000:]))
    return r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    args = ap.parse_args()
    aegis = os.path.abspath(args.aegis)
    projects_dir = os.path.join(os.path.abspath(args.source_dir), "tests", "projects")
    update = os.environ.get("AEGIS_UPDATE_GOLDEN") == "1"
    failures = []
    projects = sorted({os.path.relpath(folder, projects_dir) for folder, _, names in os.walk(projects_dir)
                       if GOLDEN in names} | set(REQUIRED))
    with tempfile.TemporaryDirectory(prefix="aegis-golden-") as tmp:
        for rel in projects:
            project = os.path.join(projects_dir, rel)
            golden = os.path.join(project, GOLDEN)
            actual = render(aegis, project, tmp)
            if update:
                with open(golden, "w", encoding="utf-8") as f:
                    f.write(actual)
                print("updated " + os.path.relpath(golden, args.source_dir))
                continue
            if not os.path.exists(golden):
                print("FAIL %s: no %s (run with AEGIS_UPDATE_GOLDEN=1 and review it)" % (rel, GOLDEN))
                failures.append(rel)
                continue
            with open(golden, encoding="utf-8") as f:
                expected = f.read()
            if actual == expected:
                print("ok   " + rel)
                continue
            failures.append(rel)
            print("FAIL %s: the report differs from %s:" % (rel, GOLDEN))
            diff = difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "expected", "actual")
            sys.stdout.writelines(list(diff)[:200])
    if failures:
        print("\n%d project(s) differ; if the change is intended: AEGIS_UPDATE_GOLDEN=1 ctest --test-dir "
              "build/release -R report_golden, then review the diff" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
