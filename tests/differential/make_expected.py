#!/usr/bin/env python3
"""Writes X.py.expected for corpus files of Python 3.13 syntax: CPython 3.13 parses the
file and the tree is printed in CPython 3.12's ast.dump format (oracle.dump_312).

    python3 tests/differential/make_expected.py tests/corpus/newer/X.py ...   # write
    python3 tests/differential/make_expected.py --check tests/corpus/newer/X.py ...
    python3 tests/differential/make_expected.py --selftest FILE_OR_DIR ...

--selftest runs under CPython 3.12 and checks dump_312 equals 3.12's own ast.dump on the
given files, the evidence that the replica prints exactly the 3.12 format.
"""
import argparse
import ast
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402


def py_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for d, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(".py"):
                        yield os.path.join(d, f)
        else:
            yield p


def ensure(minor, argv):
    if sys.version_info[:2] == (3, minor):
        return
    python = oracle.find_python(minor)
    if python is None:
        sys.exit("error: CPython 3.%d not found (set AEGIS_PYTHON3%d)" % (minor, minor))
    os.execv(python[0], python + [os.path.abspath(__file__)] + argv)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--selftest", action="store_true")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    ensure(12 if args.selftest else 13, sys.argv[1:])
    failures = 0
    for path in py_files(args.paths):
        with open(path, "rb") as f:
            source = f.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                tree = ast.parse(source)
            except oracle.REJECTING_EXCEPTIONS as e:
                if args.selftest:
                    continue
                print("%s: CPython 3.13 rejects it: %s" % (path, e))
                failures += 1
                continue
        try:
            text = oracle.dump_312(tree)
        except (ValueError, RecursionError) as e:
            print("%s: skipped: %s" % (path, e))
            continue
        if args.selftest:
            if text != ast.dump(tree, include_attributes=True):
                print("%s: dump_312 differs from ast.dump" % path)
                failures += 1
            continue
        if args.check:
            with open(path + ".expected", encoding="utf-8") as f:
                if f.read().rstrip("\n") != text:
                    print("%s: .expected is stale" % path)
                    failures += 1
            continue
        with open(path + ".expected", "w", encoding="utf-8") as f:
            f.write(text + "\n")
        print("wrote %s.expected" % path)
    print("%s: %d failures" % ("selftest" if args.selftest else "check" if args.check
                               else "write", failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
