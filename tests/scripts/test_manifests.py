#!/usr/bin/env python3
"""End-to-end tests of `aegis debug manifests` over tests/projects/manifests/<case>/: each case
is a small project whose expected.json lists every manifest found and everything read from it
(requirements, locked packages, index settings, diagnostics) with positions. When pip is
installed, requirements files are also read with pip's own parser and compared (pip is never
required). Run by ctest as:

    python3 test_manifests.py --aegis PATH_TO_BINARY --source-dir REPO_ROOT

expected.json is written compactly: a position is "path:line:column-end_line:end_column", and a
field at its default ("" / false / [] / the manifest's kind) is left out. A field the output
sets but the expectation leaves out fails the comparison, as does a missing or extra entry.
"""
import argparse
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import warnings

AEGIS = None
SOURCE_DIR = None

ALL_KINDS = {"requirements", "pyproject-pep621", "pyproject-poetry", "setup-cfg", "setup-py", "pipfile",
             "pipfile-lock", "poetry-lock", "uv-lock", "pip-conf"}
LISTS = ("requirements", "locked", "index_settings", "diagnostics")


def cases_dir():
    return os.path.join(SOURCE_DIR, "tests", "projects", "manifests")


def case_names():
    return sorted(name for name in os.listdir(cases_dir())
                  if os.path.isfile(os.path.join(cases_dir(), name, "expected.json")))


def run_manifests(path):
    result = subprocess.run([AEGIS, "debug", "manifests", path], capture_output=True, text=True, timeout=120)
    return result


def position(where):
    return f"{where['path']}:{where['line']}:{where['column']}-{where['end_line']}:{where['end_column']}"


def compact(item, manifest_kind):
    """An output entry in expected.json's form: positions as strings, defaults left out."""
    out = {}
    for key, value in item.items():
        if key == "where":
            out[key] = position(value)
        elif key == "kind" and value == manifest_kind:
            continue
        elif value in ("", False, [], None):
            continue
        else:
            out[key] = value
    return out


def without_defaults(item, manifest_kind):
    return {k: v for k, v in item.items() if v not in ("", False, [], None) and not (k == "kind" and v == manifest_kind)}


class Project:
    """A copy of one case in a temporary directory, with a .git directory holding a
    requirements file that must never be read."""

    def __init__(self, case):
        self.case = case

    def __enter__(self):
        self.root = tempfile.mkdtemp(prefix="aegis-manifests-")
        shutil.copytree(os.path.join(cases_dir(), self.case), self.root, dirs_exist_ok=True)
        os.remove(os.path.join(self.root, "expected.json"))
        os.makedirs(os.path.join(self.root, ".git"))
        with open(os.path.join(self.root, ".git", "requirements.txt"), "w") as f:
            f.write("from-dot-git\n")
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.root, ignore_errors=True)


class Fixtures(unittest.TestCase):
    seen_kinds = set()

    def test_there_are_cases(self):
        self.assertGreaterEqual(len(case_names()), 14)

    def test_every_case_reads_as_expected(self):
        for case in case_names():
            with self.subTest(case=case):
                self.check_case(case)

    def test_cases_cover_every_manifest_kind(self):
        kinds = set()
        for case in case_names():
            with open(os.path.join(cases_dir(), case, "expected.json"), encoding="utf-8") as f:
                for manifest in json.load(f)["manifests"]:
                    kinds.add(manifest["kind"])
                    kinds.update(r["kind"] for r in manifest.get("requirements", []) if "kind" in r)
        self.assertEqual(kinds, ALL_KINDS)

    def check_case(self, case):
        with open(os.path.join(cases_dir(), case, "expected.json"), encoding="utf-8") as f:
            expected = json.load(f)["manifests"]
        with Project(case) as project:
            result = run_manifests(project.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        actual = json.loads(result.stdout)["manifests"]
        self.assertEqual([m["path"] for m in actual], [m["path"] for m in expected], f"{case}: manifests found")
        for got, want in zip(actual, expected):
            where = f"{case}/{got['path']}"
            self.assertEqual(got["kind"], want["kind"], where)
            for field in LISTS:
                got_items = [compact(item, got["kind"]) for item in got[field]]
                want_items = [without_defaults(item, want["kind"]) for item in want.get(field, [])]
                self.assertEqual(got_items, want_items, f"{where}: {field}")
                for item in got[field]:
                    w = item["where"]
                    self.assertTrue(all(isinstance(w[k], int) for k in ("line", "column", "end_line", "end_column")))
                    if field != "diagnostics":
                        self.assertGreater(w["line"], 0, f"{where}: {field} without a position")
                        self.assertGreater(w["column"], 0, f"{where}: {field} without a position")


class Command(unittest.TestCase):
    def test_one_file(self):
        path = os.path.join(cases_dir(), "requirements_basic", "dev.in")
        result = run_manifests(path)
        self.assertEqual(result.returncode, 0, result.stderr)
        manifests = json.loads(result.stdout)["manifests"]
        self.assertEqual([(m["path"], m["kind"]) for m in manifests], [("dev.in", "requirements")])
        self.assertEqual([r["text"] for r in manifests[0]["requirements"]], ["pytest>=7", "coverage[toml]"])

    def test_missing_path_is_a_usage_error(self):
        result = run_manifests(os.path.join(cases_dir(), "no-such-case"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("no such file or directory", result.stderr)

    def test_output_is_deterministic(self):
        first = run_manifests(os.path.join(cases_dir(), "requirements_includes")).stdout
        second = run_manifests(os.path.join(cases_dir(), "requirements_includes")).stdout
        self.assertEqual(first, second)

    @unittest.skipUnless(hasattr(os, "symlink"), "needs symbolic links")
    def test_links_and_includes_never_leave_the_project(self):
        outside = tempfile.mkdtemp(prefix="aegis-outside-")
        root = tempfile.mkdtemp(prefix="aegis-project-")
        try:
            with open(os.path.join(outside, "secret.txt"), "w") as f:
                f.write("root:x:0:0:secret\n")
            os.symlink(os.path.join(outside, "secret.txt"), os.path.join(root, "requirements-link.txt"))
            os.symlink(os.path.join(outside, "secret.txt"), os.path.join(root, "inside-link.txt"))
            with open(os.path.join(root, "requirements.txt"), "w") as f:
                f.write(f"-r inside-link.txt\n-r {os.path.join(outside, 'secret.txt')}\nflask\n")
            result = run_manifests(root)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertNotIn("root:x:0:0", result.stdout)
            manifests = json.loads(result.stdout)["manifests"]
            self.assertEqual([m["path"] for m in manifests], ["requirements.txt"])
            self.assertEqual([r["text"] for r in manifests[0]["requirements"]], ["flask"])
            messages = [d["message"] for d in manifests[0]["diagnostics"]]
            self.assertEqual(len(messages), 2, messages)
            self.assertTrue(all(m.startswith("cannot read -r file") for m in messages), messages)
        finally:
            shutil.rmtree(outside, ignore_errors=True)
            shutil.rmtree(root, ignore_errors=True)


class PipCrossCheck(unittest.TestCase):
    """The requirements files of the fixtures, read by pip's own parser: every requirement
    pip yields is one Aegis read at the same line (or one Aegis diagnoses), with the same
    editable and constraint flags and hashes; every file pip rejects has a diagnostic."""

    CASES = ("requirements_basic", "requirements_includes", "requirements_windows", "requirements_malformed")

    @classmethod
    def setUpClass(cls):
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            from pip._internal.network.session import PipSession
            from pip._internal.req.req_file import parse_requirements
        except Exception as e:  # pip is optional
            raise unittest.SkipTest(f"pip's parser is not available: {e}")
        cls.session = PipSession()
        cls.parse = staticmethod(parse_requirements)

    def pip_read(self, case, filename):
        cwd = os.getcwd()
        os.chdir(os.path.join(cases_dir(), case))
        try:
            items = []
            # optparse prints its usage on stderr before pip turns the error into an exception
            with contextlib.redirect_stderr(io.StringIO()):
                parsed = list(self.parse(filename, session=self.session))
            for r in parsed:
                source = r.comes_from.split(" ", 1)[1]
                path, line = source.rsplit(" (line ", 1)
                hashes = sorted(f"{name}:{value}" for name, values in ((r.options or {}).get("hashes") or {}).items()
                                for value in values)
                items.append({"path": os.path.normpath(path), "line": int(line.rstrip(")")),
                              "requirement": r.requirement.strip(), "editable": r.is_editable,
                              "constraint": r.constraint, "hashes": hashes})
            return items
        finally:
            os.chdir(cwd)

    def test_requirements_files_read_as_pip_reads_them(self):
        checked = rejected = 0
        for case in self.CASES:
            manifests = json.loads(run_manifests(os.path.join(cases_dir(), case)).stdout)["manifests"]
            for manifest in manifests:
                if manifest["kind"] != "requirements":
                    continue
                with self.subTest(case=case, file=manifest["path"]):
                    try:
                        pip_items = self.pip_read(case, manifest["path"])
                    except Exception as e:
                        rejected += 1
                        self.assertTrue(manifest["diagnostics"], f"pip rejects the file ({e}); Aegis says nothing")
                        continue
                    checked += 1
                    self.compare(manifest, pip_items)
        self.assertGreaterEqual(checked, 5)
        self.assertGreaterEqual(rejected, 1)

    def compare(self, manifest, pip_items):
        ours = {(r["where"]["path"], r["where"]["line"]): r for r in manifest["requirements"]}
        diagnosed = {(d["where"]["path"], d["where"]["line"]) for d in manifest["diagnostics"]}
        matched = set()
        for item in pip_items:
            key = (item["path"], item["line"])
            if key in matched:
                continue  # pip reads a file included twice twice; Aegis once
            if key not in ours:
                self.assertIn(key, diagnosed, f"pip reads {item['requirement']!r} at {key}; Aegis neither reads nor diagnoses it")
                continue
            matched.add(key)
            r = ours[key]
            if r["url"]:
                self.assertIn(r["url"], item["requirement"], key)
            else:
                self.assertEqual(r["text"], item["requirement"], key)
            self.assertEqual(r["editable"], item["editable"], key)
            self.assertEqual(r["constraint_only"], item["constraint"], key)
            self.assertEqual(sorted(r["hashes"]), item["hashes"], key)
        self.assertEqual(set(ours) - matched, set(), "read by Aegis, not by pip")


def main():
    global AEGIS, SOURCE_DIR
    parser = argparse.ArgumentParser()
    parser.add_argument("--aegis", required=True)
    parser.add_argument("--source-dir", required=True)
    args, rest = parser.parse_known_args()
    AEGIS = os.path.abspath(args.aegis)
    SOURCE_DIR = os.path.abspath(args.source_dir)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
