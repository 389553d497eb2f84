#!/usr/bin/env python3
"""Differential test of the Python front end against CPython 3.12.

For every .py file of CPython 3.12's standard library (test/ included), of Debian's
/usr/lib/python3.11, of tests/corpus/ and of the files tests/differential/generate.py
writes at run time (every code point, identifier character, many numbers), the text of `aegis debug ast --python-version
3.12 FILE` must equal CPython 3.12's ast.dump(ast.parse(bytes), include_attributes=True),
and a file CPython rejects must be rejected. Corpus files with an `X.py.expected` beside
them hold newer syntax (3.13, 3.14): Aegis parses them with its default grammar and must
print the stored tree (or reject the file when the expected file says `REJECT: reason`),
and must reject them in 3.12 mode.

    python3 test_ast_differential.py --aegis BIN --source-dir REPO [--filter S] [--limit N] [-j N]

Failures listed in tests/differential/exceptions.txt (one `PATTERN REASON` a line,
fnmatch patterns over the paths this script prints) do not fail the run. CPython 3.12 is
found as tests/differential/oracle.py:find_python says; without it the test fails.
"""
import argparse
import fnmatch
import multiprocessing
import os
import re
import subprocess
import sys
import sysconfig
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "differential"))
import generate as generated_lib  # noqa: E402
import oracle as oracle_lib  # noqa: E402

AEGIS_TIMEOUT = 120  # seconds for one file; generous, only there to turn a hang into a failure

FAILURE_KINDS = ("mismatch", "wrongly_rejected", "wrongly_accepted", "crash")


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--aegis", required=True, help="path to the aegis binary")
    ap.add_argument("--source-dir", required=True, help="repository root")
    ap.add_argument("--filter", default="", help="only files whose shown path contains this")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (after --filter)")
    ap.add_argument("-j", "--jobs", type=int, default=0, help="worker processes (0: all cores)")
    ap.add_argument("--show", type=int, default=50, help="print at most this many failures")
    ap.add_argument("--no-corpus", action="store_true", help="skip tests/corpus")
    ap.add_argument("--no-generated", action="store_true",
                    help="skip the files generated at run time (tests/differential/generate.py)")
    ap.add_argument("--reexecuted", action="store_true", help=argparse.SUPPRESS)
    return ap.parse_args()


def source_trees(source_dir):
    """(label, root, excluded directory names) of every tree to compare, and notes on
    the trees that are absent."""
    trees, notes = [], []
    stdlib = sysconfig.get_paths()["stdlib"]
    trees.append(("stdlib-3.12", stdlib, {"site-packages", "dist-packages"}))
    debian = "/usr/lib/python3.11"
    if os.path.isdir(debian):
        trees.append(("debian-3.11", debian, {"site-packages", "dist-packages"}))
    else:
        notes.append("%s is absent: Debian's Python 3.11 library not compared" % debian)
    return trees, notes


def collect(trees):
    files = []
    for label, root, excluded in trees:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in excluded)
            for f in sorted(filenames):
                if f.endswith(".py"):
                    full = os.path.join(dirpath, f)
                    files.append((label + "/" + os.path.relpath(full, root), full, None))
    return files


def collect_corpus(corpus_dir):
    files = []
    if not os.path.isdir(corpus_dir):
        return files
    for dirpath, dirnames, filenames in os.walk(corpus_dir):
        dirnames.sort()
        for f in sorted(filenames):
            if f.endswith(".py"):
                full = os.path.join(dirpath, f)
                expected = full + ".expected"
                shown = "corpus/" + os.path.relpath(full, corpus_dir)
                files.append((shown, full, expected if os.path.exists(expected) else None))
    return files


def run_aegis(aegis, path, version):
    cmd = [aegis, "debug", "ast", path]
    if version:
        cmd[3:3] = ["--python-version", version]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=AEGIS_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, b"", b"timed out after %d s" % AEGIS_TIMEOUT
    return p.returncode, p.stdout, p.stderr


def check_file(task):
    """Compares one file; returns (shown path, outcome, detail)."""
    aegis, shown, path, expected_path = task
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as e:
        return shown, "skipped", "cannot read: %s" % e
    if expected_path:
        return check_newer_syntax(aegis, shown, path, expected_path, source)
    kind, text = oracle_lib.oracle(source)
    rc, out, err = run_aegis(aegis, path, "3.12")
    err_text = err.decode("utf-8", "replace").strip()
    if rc is None or rc not in (0, 1):
        return shown, "crash", "aegis exit status %s: %s" % (rc, err_text[-500:])
    if kind == "skipped":
        # CPython accepts the file but cannot print the tree: Aegis must still accept it.
        if rc == 1:
            return shown, "wrongly_rejected", "aegis: %s (CPython accepts it; %s)" % (
                err_text[-500:], text)
        return shown, "skipped", text + "; Aegis accepts it, as it should"
    if kind == "rejected":
        if rc == 1:
            return shown, "rejected_both", error_line_note(text, err_text)
        return shown, "wrongly_accepted", "CPython: %s" % text
    if rc == 1:
        return shown, "wrongly_rejected", "aegis: %s" % err_text[-500:]
    return compare_dumps(shown, source, text, out)


def error_line_note(cpython_text, aegis_err):
    """For files both reject: a note when the error lines differ (informational)."""
    m_cpy = re.search(r" line (\d+):", cpython_text)
    m_aeg = re.search(r":(\d+):(\d+): error: (.*)$", aegis_err)
    if not m_cpy or not m_aeg or m_cpy.group(1) == m_aeg.group(1):
        return ""
    return "error line %s, CPython's %s (aegis: %s | CPython: %s)" % (
        m_aeg.group(1), m_cpy.group(1), m_aeg.group(3)[:120], cpython_text[:160])


def compare_dumps(shown, source, expected, out):
    actual = out.decode("utf-8", "surrogateescape")
    if actual.endswith("\n"):
        actual = actual[:-1]
    if actual == expected:
        return shown, "identical", ""
    try:
        lines = source.decode("utf-8", "replace").splitlines()
    except Exception:  # a source in another encoding: no source line in the report
        lines = None
    return shown, "mismatch", oracle_lib.first_difference(expected, actual, lines)


def check_newer_syntax(aegis, shown, path, expected_path, source):
    """A corpus file of syntax newer than 3.12: the stored tree with the default grammar,
    a rejection in 3.12 mode (and CPython 3.12 must reject it too, or it belongs in the
    plain corpus)."""
    with open(expected_path, encoding="utf-8") as f:
        expected = f.read().rstrip("\n")
    kind, text = oracle_lib.oracle(source)
    if kind != "rejected":
        return shown, "crash", "corpus error: CPython 3.12 accepts this file, so it needs no " \
                               ".expected file (remove %s)" % os.path.basename(expected_path)
    rc, out, err = run_aegis(aegis, path, "3.12")
    if rc is None or rc not in (0, 1):
        return shown, "crash", "3.12 mode: aegis exit status %s: %s" % (
            rc, err.decode("utf-8", "replace")[-500:])
    if rc == 0:
        return shown, "wrongly_accepted", "3.12 mode accepts syntax newer than 3.12 " \
                                          "(CPython 3.12: %s)" % text
    rc, out, err = run_aegis(aegis, path, None)
    if rc is None or rc not in (0, 1):
        return shown, "crash", "aegis exit status %s: %s" % (
            rc, err.decode("utf-8", "replace")[-500:])
    if expected.startswith("REJECT"):
        # Invalid in the newest grammar too: the file states the rule it breaks.
        if rc == 1:
            return shown, "rejected_both", ""
        return shown, "wrongly_accepted", "default grammar accepts it; expected: %s" % expected
    if rc == 1:
        return shown, "wrongly_rejected", "default grammar: %s" % (
            err.decode("utf-8", "replace").strip()[-500:])
    return compare_dumps(shown, source, expected, out)


def load_exceptions(path):
    """[(pattern, reason)] from the exceptions file; a line without a reason is an error."""
    rules = []
    if not os.path.exists(path):
        return rules
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 1)
            if len(parts) < 2:
                sys.exit("%s:%d: an exception needs a reason after the pattern" % (path, n))
            rules.append((parts[0], parts[1]))
    return rules


def reexec_under_312(args):
    python = oracle_lib.find_python(12)
    if python is None:
        print("FAIL: CPython 3.12 not found, so there is no oracle to compare with.\n"
              "  Looked at $AEGIS_PYTHON312, the running interpreter (%s), pyenv's versions "
              "(~/.pyenv/versions/3.12.*), python3.12 on PATH and /usr/bin, /usr/local/bin.\n"
              "  Install CPython 3.12 (e.g. `pyenv install 3.12`) or set AEGIS_PYTHON312."
              % sys.version.split()[0], flush=True)
        sys.exit(1)
    argv = python + [os.path.abspath(__file__)] + sys.argv[1:] + ["--reexecuted"]
    sys.stdout.flush()
    os.execv(argv[0], argv)


def main():
    args = parse_args()
    if sys.version_info[:2] != (3, 12):
        if args.reexecuted:
            sys.exit("FAIL: re-executed but still not running CPython 3.12")
        reexec_under_312(args)
    started = time.monotonic()
    aegis = os.path.abspath(args.aegis)
    if not os.access(aegis, os.X_OK):
        sys.exit("FAIL: aegis binary %s is not executable" % aegis)
    print("oracle: CPython %s (%s)" % (sys.version.split()[0], sys.executable))
    trees, notes = source_trees(args.source_dir)
    for note in notes:
        print("note:", note)
    files = collect(trees)
    if not args.no_corpus:
        files += collect_corpus(os.path.join(args.source_dir, "tests", "corpus"))
    generated_dir = tempfile.TemporaryDirectory(prefix="aegis-differential-")
    if not args.no_generated:
        for name in generated_lib.generate(generated_dir.name):
            files.append(("generated/" + name, os.path.join(generated_dir.name, name), None))
    if args.filter:
        files = [f for f in files if args.filter in f[0]]
    if args.limit > 0:
        files = files[:args.limit]
    if not files:
        print("FAIL: no files to compare")
        return 1
    jobs = args.jobs or os.cpu_count() or 1
    for label, root, _ in trees:
        print("tree %s: %s" % (label, root))
    print("comparing %d files with %d worker processes" % (len(files), jobs), flush=True)

    tasks = [(aegis, shown, path, expected) for shown, path, expected in files]
    results = []
    with multiprocessing.Pool(jobs) as pool:
        for r in pool.imap_unordered(check_file, tasks, chunksize=4):
            results.append(r)
    results.sort()

    exceptions = load_exceptions(os.path.join(args.source_dir, "tests", "differential",
                                              "exceptions.txt"))
    used = set()
    counts = {}
    failures, excused, skipped = [], [], []
    for shown, outcome, detail in results:
        counts[outcome] = counts.get(outcome, 0) + 1
        if outcome == "skipped":
            skipped.append((shown, detail))
        elif outcome in FAILURE_KINDS:
            rule = next((r for r in exceptions if fnmatch.fnmatchcase(shown, r[0])), None)
            if rule:
                used.add(rule)
                excused.append((shown, outcome, rule[1]))
            else:
                failures.append((shown, outcome, detail))

    for shown, outcome, detail in failures[:args.show]:
        print("\n%s: %s" % (outcome.upper().replace("_", " "), shown))
        if detail:
            print(detail if detail.startswith("  ") else "  " + detail)
    if len(failures) > args.show:
        print("\n... and %d more failures (use --show N or --filter)" % (len(failures) - args.show))
    line_notes = [(shown, detail) for shown, outcome, detail in results
                  if outcome == "rejected_both" and detail]
    if line_notes:
        print("\nnote: %d files both reject, at a different line (not a failure):"
              % len(line_notes))
        for shown, detail in line_notes[:10]:
            print("  %s: %s" % (shown, detail))
    for shown, reason in skipped:
        print("skipped %s: %s" % (shown, reason))
    for shown, outcome, reason in excused:
        print("excused %s (%s): %s" % (shown, outcome, reason))
    for rule in exceptions:
        if rule not in used and not args.filter and not args.limit:
            print("note: exception no longer needed: %s" % rule[0])

    groups = {}
    for shown, outcome, detail in failures:
        key = oracle_lib.difference_key(detail) if outcome == "mismatch" else outcome
        groups.setdefault(key, []).append(shown)
    if groups:
        print("\nfailures grouped by first difference (node.field), most common first:")
        for key, members in sorted(groups.items(), key=lambda kv: -len(kv[1]))[:25]:
            print("  %5d  %-40s e.g. %s" % (len(members), key, members[0]))

    elapsed = time.monotonic() - started
    by_kind = {}
    for _, outcome, _ in failures:
        by_kind[outcome] = by_kind.get(outcome, 0) + 1
    print("\nsummary: %d files: %d identical, %d rejected by both, %d mismatched, "
          "%d wrongly rejected, %d wrongly accepted, %d crashed or hung, %d skipped, "
          "%d excused" % (
              len(results), counts.get("identical", 0), counts.get("rejected_both", 0),
              by_kind.get("mismatch", 0), by_kind.get("wrongly_rejected", 0),
              by_kind.get("wrongly_accepted", 0), by_kind.get("crash", 0), len(skipped),
              len(excused)))
    print("time: %.1f s with %d workers" % (elapsed, jobs))
    if failures:
        print("FAIL: %d files differ from CPython 3.12" % len(failures))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
