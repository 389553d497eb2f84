#!/usr/bin/env python3
"""The project stage keeps in memory only the modules where the data flow starts (or every
module when the project uses a web framework) and loads the others again when an analysis
reaches them. That must change nothing: each scan here is compared, byte for byte, with the
same scan keeping every module (AEGIS_KEEP_MODULES=all)."""
import argparse
import json
import os
import re
import subprocess
import sys
import unittest

AEGIS = None
SOURCE = None


def run_scan(root, keep_all, *extra):
    env = dict(os.environ)
    env.pop("AEGIS_KEEP_MODULES", None)
    env["AEGIS_PROJECT_PROFILE"] = "1"
    if keep_all:
        env["AEGIS_KEEP_MODULES"] = "all"
    p = subprocess.run([AEGIS, "scan", root, "--format", "json", "--no-progress", "--fail-on", "never",
                        "--select", "ALL", *extra], capture_output=True, text=True, env=env)
    if p.returncode not in (0, 3):
        raise AssertionError("aegis scan exited %d: %s" % (p.returncode, p.stderr[-2000:]))
    return p


def scan(root, keep_all, *extra):
    return run_scan(root, keep_all, *extra).stdout


def kept_and_loaded(stderr):
    m = re.search(r"project stage: (\d+) modules kept, (\d+) loaded on demand", stderr)
    assert m, stderr[-2000:]
    return int(m.group(1)), int(m.group(2))


class ProjectStage(unittest.TestCase):
    def same_both_ways(self, relative):
        root = os.path.join(SOURCE, relative)
        freed = scan(root, False)
        kept = scan(root, True)
        self.assertEqual(freed, kept, "%s: output differs when every module is kept" % relative)
        return json.loads(freed)

    def test_a_cli_project_loads_the_helpers_its_input_reaches(self):
        doc = self.same_both_ways("tests/projects/cli_tool")
        tnt = [f for f in doc["findings"] if f["rule_id"] == "TNT002"]
        self.assertEqual(len(tnt), 1, doc["findings"])
        # The sink is in tools/runner.py, which reads no input: it was freed and loaded again.
        self.assertTrue(tnt[0]["trace"][-1]["path"].endswith("tools/runner.py"), tnt[0]["trace"])
        by_line = {(f["path"].rsplit("/", 1)[-1], f["line"], f["rule_id"]): f["status"] for f in doc["findings"]}
        self.assertEqual(by_line[("runner.py", 10, "INJ002")], "accepted")  # nosec in a loaded module
        self.assertEqual(by_line[("unused.py", 5, "DSR002")], "open")
        self.assertEqual(by_line[("unused.py", 9, "DSR002")], "accepted")  # in a module never loaded again
        self.assertEqual(doc["strengths"], [])

    def test_the_two_ways_differ_in_what_they_keep(self):
        # Otherwise the comparisons above would compare a scan with itself.
        root = os.path.join(SOURCE, "tests/projects/cli_tool")
        self.assertEqual(kept_and_loaded(run_scan(root, False).stderr), (1, 1))  # tool.py; tools/runner.py
        self.assertEqual(kept_and_loaded(run_scan(root, True).stderr), (4, 0))

    def test_a_module_two_kept_modules_import_is_kept_not_loaded_again(self):
        # a_tool.py and b_tool.py read argv and import shell.py, which comes after them in path
        # order: the per-file stage keeps its tree instead of freeing it, with the same findings.
        import tempfile
        with tempfile.TemporaryDirectory() as root:
            for tool in ("a_tool", "b_tool"):
                with open(os.path.join(root, tool + ".py"), "w") as f:
                    f.write("import sys\n\nimport shell\n\n\ndef main():\n    shell.archive(sys.argv[1])\n")
            with open(os.path.join(root, "shell.py"), "w") as f:
                f.write("import subprocess\n\n\ndef archive(name):\n"
                        "    subprocess.run('tar czf backup.tgz ' + name, shell=True)\n")
            p = run_scan(root, False, "-j1")
            self.assertEqual(kept_and_loaded(p.stderr), (2, 0))
            self.assertEqual(p.stdout, scan(root, True, "-j1"))
            tnt = [f for f in json.loads(p.stdout)["findings"] if f["rule_id"] == "TNT002"]
            self.assertEqual(len(tnt), 2, tnt)
            self.assertTrue(all(f["trace"][-1]["path"].endswith("shell.py") for f in tnt), tnt)

    def test_projects_and_fixtures_are_unchanged(self):
        for relative in ["examples/flask_app", "tests/fixtures/rules/taint", "tests/fixtures/rules/taint_cases",
                         "tests/projects/dataflow_models", "tests/projects/seed_000", "tests/projects/seed_003"]:
            with self.subTest(relative):
                self.same_both_ways(relative)


def main():
    global AEGIS, SOURCE
    parser = argparse.ArgumentParser()
    parser.add_argument("--aegis", required=True)
    parser.add_argument("--source-dir", required=True)
    args, rest = parser.parse_known_args()
    AEGIS = os.path.abspath(args.aegis)
    SOURCE = os.path.abspath(args.source_dir)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
