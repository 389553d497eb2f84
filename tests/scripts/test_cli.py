#!/usr/bin/env python3
"""End-to-end tests of the aegis command line: help, version, usage errors,
exit codes, the JSON document's shape, and output that does not depend on the
number of threads. Run by ctest as:

    python3 test_cli.py --aegis PATH_TO_BINARY --source-dir REPO_ROOT
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

AEGIS = None
SOURCE_DIR = None


def run(*args, cwd=None):
    return subprocess.run([AEGIS, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


class TempProject:
    """A directory with one valid and one invalid Python file, and some others."""

    def __enter__(self):
        self.root = tempfile.mkdtemp(prefix="aegis-cli-")
        self.write("app.py", "import flask\n\n\ndef handler(request):\n    return {'ok': True}\n")
        self.write("legacy/old.py", "# Python 2\nprint 'hello'\n")
        self.write("requirements.txt", "flask==3.0.3\n")
        self.write("notes.md", "# notes\n")
        return self

    def write(self, rel, text):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def __exit__(self, *exc):
        shutil.rmtree(self.root, ignore_errors=True)


class HelpAndVersion(unittest.TestCase):
    def test_help(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("scan", r.stdout)
        self.assertIn("debug", r.stdout)

    def test_every_subcommand_has_help(self):
        for args in (["scan"], ["debug"], ["debug", "ast"], ["debug", "tokens"], ["debug", "parse"],
                     ["debug", "semantic"]):
            r = run(*args, "--help")
            self.assertEqual(r.returncode, 0, args)
            self.assertIn("Usage", r.stdout, args)

    def test_scan_help_documents_exit_codes(self):
        r = run("scan", "--help")
        for option in ("--format", "--output", "--jobs", "--exclude", "--no-progress", "--stats",
                       "--python-version", "--allow-incomplete"):
            self.assertIn(option, r.stdout)
        self.assertIn("Exit codes", r.stdout)

    def test_version(self):
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout.strip(), r"^aegis \d+\.\d+\.\d+$")


class UsageErrors(unittest.TestCase):
    def assert_usage_error(self, *args):
        r = run(*args)
        self.assertEqual(r.returncode, 2, (args, r.stdout, r.stderr))
        self.assertTrue(r.stderr.strip(), "a usage error explains itself on stderr")
        return r

    def test_no_subcommand(self):
        self.assert_usage_error()

    def test_unknown_subcommand(self):
        self.assert_usage_error("frobnicate")

    def test_unknown_option(self):
        self.assert_usage_error("scan", "--no-such-option")

    def test_bad_format(self):
        r = self.assert_usage_error("scan", "--format", "xml", ".")
        self.assertIn("xml", r.stderr)

    def test_bad_jobs(self):
        self.assert_usage_error("scan", "-j", "lots", ".")

    def test_bad_python_version(self):
        r = self.assert_usage_error("scan", "--python-version", "2.7", ".")
        self.assertIn("2.7", r.stderr)

    def test_missing_path_is_fatal(self):
        with tempfile.TemporaryDirectory() as d:
            r = self.assert_usage_error("scan", os.path.join(d, "nope"))
            self.assertIn("nope", r.stderr)
            self.assertEqual(r.stdout, "")


class Scan(unittest.TestCase):
    def test_empty_directory_is_complete(self):
        with tempfile.TemporaryDirectory() as d:
            r = run("scan", "--no-progress", d)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("Coverage: 0 files found", r.stdout)

    def test_default_path_is_the_current_directory(self):
        with TempProject() as p:
            r = run("scan", "--no-progress", "--format", "json", cwd=p.root)
            doc = json.loads(r.stdout)
            paths = {f["path"] for f in doc["coverage"]["skipped_files"]}
            self.assertIn("notes.md", paths)  # relative, no "./"

    def test_a_bad_file_is_a_diagnostic_and_the_scan_goes_on(self):
        with TempProject() as p:
            r = run("scan", "--no-progress", p.root)
            self.assertEqual(r.returncode, 3, r.stdout + r.stderr)
            bad = os.path.join(p.root, "legacy", "old.py")
            first = r.stdout.splitlines()[0]
            self.assertTrue(first.startswith(bad + ":2:"), first)
            self.assertIn(": error: ", first)
            self.assertIn("4 files found: 2 analysed, 1 skipped, 1 failed", r.stdout)

    def test_allow_incomplete(self):
        with TempProject() as p:
            r = run("scan", "--no-progress", "--allow-incomplete", p.root)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_json_shape(self):
        with TempProject() as p:
            r = run("scan", "--no-progress", "--format", "json", p.root)
            self.assertEqual(r.returncode, 3)
            doc = json.loads(r.stdout)
            self.assertEqual(list(doc), ["schema_version", "version", "findings", "strengths", "inline_suppressions",
                                         "suppressions", "diagnostics", "coverage"])
            self.assertEqual(doc["findings"], [])
            (diag,) = doc["diagnostics"]
            self.assertEqual(set(diag), {"path", "line", "column", "end_line", "end_column", "severity",
                                         "kind", "message"})
            self.assertEqual(diag["kind"], "syntax")
            self.assertEqual(diag["line"], 2)
            c = doc["coverage"]
            self.assertEqual((c["files_found"], c["analysed"], c["skipped"], c["failed"]), (4, 2, 1, 1))
            self.assertFalse(c["complete"])
            self.assertEqual(c["lines_analysed"], 5 + 1)  # app.py and requirements.txt
            self.assertEqual(set(c["by_kind"]), {"python", "manifest", "terraform", "config", "other"})
            self.assertEqual(c["by_kind"]["python"], {"found": 2, "analysed": 1, "skipped": 0, "failed": 1})
            (failed,) = c["failed_files"]
            self.assertEqual(failed["reason"], "syntax-error")
            reasons = sorted(s["reason"] for s in c["skipped_files"])
            self.assertEqual(reasons, ["other-file"])  # notes.md; requirements.txt is read

    def test_output_file(self):
        with TempProject() as p, tempfile.TemporaryDirectory() as out_dir:
            out = os.path.join(out_dir, "report.json")
            r = run("scan", "--no-progress", "--format", "json", "-o", out, p.root)
            self.assertEqual(r.returncode, 3)
            self.assertEqual(r.stdout, "")
            with open(out, encoding="utf-8") as f:
                self.assertEqual(json.load(f)["coverage"]["files_found"], 4)

    def test_unwritable_output_is_fatal(self):
        with TempProject() as p:
            r = run("scan", "--no-progress", "-o", os.path.join(p.root, "no", "such", "dir", "x"), p.root)
            self.assertEqual(r.returncode, 2)

    def test_exclude(self):
        with TempProject() as p:
            r = run("scan", "--no-progress", "--format", "json", "--exclude", "legacy/", p.root)
            self.assertEqual(r.returncode, 0, r.stdout)
            doc = json.loads(r.stdout)
            (d,) = doc["coverage"]["directories"]["skipped"]
            self.assertEqual(d["reason"], "excluded")
            self.assertEqual(doc["diagnostics"], [])

    def test_gitignore_is_honoured(self):
        with TempProject() as p:
            p.write(".gitignore", "legacy/\n")
            r = run("scan", "--no-progress", p.root)
            self.assertEqual(r.returncode, 0, r.stdout)
            r = run("scan", "--no-progress", "--no-gitignore", p.root)
            self.assertEqual(r.returncode, 3, r.stdout)

    def test_python_version_selects_the_grammar(self):
        with TempProject() as p:
            p.write("legacy/old.py", "type Point = tuple[float, float]\n")  # 3.12 syntax
            self.assertEqual(run("scan", "--no-progress", "--python-version", "3.12", p.root).returncode, 0)
            self.assertEqual(run("scan", "--no-progress", "--python-version", "3.11", p.root).returncode, 3)

    def test_stats_go_to_stderr(self):
        with TempProject() as p:
            plain = run("scan", "--no-progress", p.root)
            stats = run("scan", "--no-progress", "--stats", p.root)
            self.assertEqual(plain.stdout, stats.stdout)
            self.assertIn("files/s", stats.stderr)
            self.assertIn("MiB/s", stats.stderr)

    def test_same_output_whatever_the_thread_count(self):
        with TempProject() as p:
            for i in range(40):
                p.write(f"pkg{i % 6}/mod{i}.py", "x = (\n" if i % 9 == 0 else f"value_{i} = {i}\n")
                p.write(f"pkg{i % 6}/conf{i}.yaml", "a: 1\n")
            for fmt in ("text", "json"):
                outputs = {run("scan", "--no-progress", "--format", fmt, f"-j{jobs}", p.root).stdout
                           for jobs in (1, 2, 4, 1, 2)}
                self.assertEqual(len(outputs), 1, fmt)


class JsonSchema(unittest.TestCase):
    """Outputs validate against docs/json-output.schema.json, and the schema is not vacuous."""

    @classmethod
    def setUpClass(cls):
        import jsonschema  # installed by scripts/bootstrap.sh (python3-jsonschema)
        with open(os.path.join(SOURCE_DIR, "docs", "json-output.schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        cls.validator = jsonschema.Draft202012Validator(schema)

    def scan_json(self, *args):
        r = run("scan", "--no-progress", "--format", "json", *args)
        self.assertIn(r.returncode, (0, 3), r.stderr)
        return json.loads(r.stdout)

    def test_outputs_validate(self):
        with TempProject() as p:
            p.write(".gitignore", "ignored/\n*.log\n")
            p.write("ignored/x.py", "x = 1\n")
            p.write("debug.log", "")
            p.write("node_modules/a.js", "")
            p.write("infra/main.tf", "")
            p.write("bad_encoding.py", "# -*- coding: nope -*-\n")
            os.symlink("missing.py", os.path.join(p.root, "dangling.py"))
            os.symlink(".", os.path.join(p.root, "loop"))
            for args in ([p.root], [p.root, "--exclude", "legacy/"], [os.path.join(p.root, "app.py")]):
                doc = self.scan_json(*args)
                errors = [e.message for e in self.validator.iter_errors(doc)]
                self.assertEqual(errors, [], args)
            reasons = {d["reason"] for d in doc_reasons(self.scan_json(p.root))}
            self.assertTrue({"gitignored", "default-excluded", "symlink-loop", "broken-symlink",
                             "encoding-error", "no-analyser"} <= reasons, reasons)

    def test_schema_rejects_a_broken_document(self):
        with TempProject() as p:
            doc = self.scan_json(p.root)
            self.assertTrue(self.validator.is_valid(doc))
            broken = dict(doc)
            del broken["coverage"]
            self.assertFalse(self.validator.is_valid(broken))
            doc["diagnostics"][0]["column"] = 0  # positions are 1-based or null
            self.assertFalse(self.validator.is_valid(doc))


def doc_reasons(doc):
    c = doc["coverage"]
    return c["skipped_files"] + c["failed_files"] + c["directories"]["skipped"] + c["directories"]["failed"]


class ExampleApp(unittest.TestCase):
    """What `make demo` shows: one broken legacy file, everything else analysed."""

    def test_demo_app(self):
        root = os.path.join(SOURCE_DIR, "examples", "flask_app")
        r = run("scan", "--no-progress", "--format", "json", root)
        self.assertEqual(r.returncode, 3, r.stderr)
        doc = json.loads(r.stdout)
        failed = [os.path.relpath(f["path"], root) for f in doc["coverage"]["failed_files"]]
        self.assertEqual(failed, [os.path.join("legacy", "py2_script.py")])
        (diag,) = doc["diagnostics"]
        self.assertEqual((diag["line"], diag["column"]), (11, 5))
        self.assertIn("Missing parentheses in call to 'print'", diag["message"])
        python = doc["coverage"]["by_kind"]["python"]
        self.assertGreaterEqual(python["analysed"], 5)
        self.assertEqual(python["analysed"] + 1, python["found"])
        self.assertEqual(doc["coverage"]["by_kind"]["manifest"]["found"], 1)  # requirements.txt


class DebugCommandsStayRegistered(unittest.TestCase):
    def test_debug_ast_reads_a_file(self):
        with TempProject() as p:
            r = run("debug", "ast", os.path.join(p.root, "app.py"))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(r.stdout.startswith("Module("), r.stdout[:80])


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
