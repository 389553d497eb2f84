#!/usr/bin/env python3
"""User data-flow models: `dataflow-models` in [tool.aegis] adds sinks and sanitizers the
built-in models do not know (tests/projects/dataflow_models), and a bad model line is a
diagnostic with its position, not a failed scan."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

AEGIS = None
PROJECT = None


def scan(root, *extra):
    p = subprocess.run([AEGIS, "scan", root, "--format", "json", "--no-progress", "--fail-on", "never", *extra],
                       capture_output=True, text=True)
    if p.returncode not in (0, 3):
        raise AssertionError("aegis scan exited %d: %s" % (p.returncode, p.stderr[-2000:]))
    return json.loads(p.stdout)


def rules_at(doc, line):
    return sorted(f["rule_id"] for f in doc["findings"] if f["path"].endswith("app.py") and f["line"] == line)


class DataflowModels(unittest.TestCase):
    def test_the_configured_sink_and_sanitizer_apply(self):
        doc = scan(PROJECT)
        self.assertIn("TNT001", rules_at(doc, 11))      # input reaches mylib.run_query
        self.assertNotIn("TNT001", rules_at(doc, 12))   # a constant query
        self.assertNotIn("TNT006", rules_at(doc, 13))   # mylib.clean_html escapes for HTML

    def test_without_the_configuration_the_wrapper_is_unknown(self):
        doc = scan(PROJECT, "--no-config")
        self.assertNotIn("TNT001", rules_at(doc, 11))
        self.assertIn("TNT006", rules_at(doc, 13))      # clean_html is not known to escape

    def test_a_bad_model_line_is_a_diagnostic_with_its_position(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, "p")
            shutil.copytree(PROJECT, root)
            with open(os.path.join(root, "models", "mylib.models"), "a", encoding="utf-8") as f:
                f.write("sink mylib.other nosuchclass 0\n")
            doc = scan(root)
            problems = [d for d in doc["diagnostics"] if d["path"].endswith("mylib.models")]
            self.assertEqual(len(problems), 1, doc["diagnostics"])
            self.assertEqual(problems[0]["line"], 4)
            self.assertIn("nosuchclass", problems[0]["message"])
            self.assertIn("TNT001", rules_at(doc, 11))  # the good lines still apply


def main():
    global AEGIS, PROJECT
    parser = argparse.ArgumentParser()
    parser.add_argument("--aegis", required=True)
    parser.add_argument("--source-dir", required=True)
    args, rest = parser.parse_known_args()
    AEGIS = os.path.abspath(args.aegis)
    PROJECT = os.path.join(os.path.abspath(args.source_dir), "tests", "projects", "dataflow_models")
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
