#!/usr/bin/env python3
"""Baselines (docs/baselines.md), each property of issue 7's "Baselines and status" list:

- `aegis baseline -o FILE` records today's findings by fingerprint; `--baseline FILE` marks
  them `baseline` and leaves them out of --fail-on, in every output format (text, json,
  sarif, junit, md, html);
- the match survives lines added above, a move within the file and whitespace changes;
- entries are counted: one entry absorbs one finding, a second copy is new;
- a secret is recorded only as part of a hash, and a different secret is a new finding;
- a bad baseline file is a usage error (exit 2) that names the position.

Run by ctest as: python3 test_baseline.py --aegis PATH_TO_BINARY --source-dir REPO_ROOT
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

AEGIS = None
SOURCE_DIR = None
RULES = "INJ002,SEC001"

SOURCE = '''import subprocess


def export(name):
    subprocess.run(f"tar czf {name}.tgz data", shell=True)


def other():
    return 1
'''

SECRET = "zq8-Hunter2-Pr0d-77x"
SETTINGS = 'DB_PASSWORD = "%s"\n' % SECRET


class Project:
    def __enter__(self):
        self.root = tempfile.mkdtemp(prefix="aegis-baseline-")
        os.makedirs(os.path.join(self.root, ".git"))  # its own root: no configuration above
        self.write("app.py", SOURCE)
        self.write("settings.py", SETTINGS)
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.root, ignore_errors=True)

    def write(self, rel, text):
        with open(os.path.join(self.root, rel), "w", encoding="utf-8") as f:
            f.write(text)

    def run(self, *args, cwd=None):
        return subprocess.run([AEGIS, *args], cwd=cwd or self.root, capture_output=True, text=True, timeout=300)

    def baseline(self, *extra, out=".aegis-baseline.json"):
        r = self.run("baseline", "--no-progress", "--select", RULES, *extra, "-o", out, ".")
        assert r.returncode == 0, r.stderr
        return os.path.join(self.root, out)

    def scan(self, *extra):
        return self.run("scan", "--no-progress", "--select", RULES, *extra, ".")

    def findings(self, *extra):
        r = self.scan("--format", "json", "--fail-on", "never", *extra)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)["findings"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)


def statuses(findings):
    return sorted((f["rule_id"], f["line"], f["status"]) for f in findings)


class BaselineTest(unittest.TestCase):
    def test_records_findings_by_fingerprint_without_code(self):
        with Project() as p:
            path = p.baseline()
            doc = load(path)
            self.assertEqual(doc["aegis_baseline"], 1)
            entries = doc["findings"]
            self.assertEqual(sorted(e["rule_id"] for e in entries), ["INJ002", "SEC001"])
            fingerprints = {f["fingerprint"] for f in p.findings()}
            self.assertEqual({e["fingerprint"] for e in entries}, fingerprints)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            self.assertNotIn(SECRET, text, "the secret itself must never be written to the baseline")
            self.assertNotIn("tar czf", text, "no code in the baseline")

    def test_baseline_marks_findings_and_they_do_not_fail_the_run(self):
        with Project() as p:
            self.assertEqual(p.scan("--fail-on", "low").returncode, 1)
            p.baseline()
            found = p.findings("--baseline", ".aegis-baseline.json")
            self.assertEqual([f["status"] for f in found], ["baseline", "baseline"])
            self.assertTrue(all(".aegis-baseline.json" in f["status_reason"] for f in found))
            self.assertEqual(p.scan("--fail-on", "low", "--baseline", ".aegis-baseline.json").returncode, 0)

    def test_survives_lines_added_above(self):
        with Project() as p:
            p.baseline()
            p.write("app.py", "# a comment\nimport os\n\n\n" + SOURCE)
            found = p.findings("--baseline", ".aegis-baseline.json")
            inj = [f for f in found if f["rule_id"] == "INJ002"]
            self.assertEqual((inj[0]["line"], inj[0]["status"]), (9, "baseline"))

    def test_survives_a_move_within_the_file(self):
        with Project() as p:
            p.baseline()
            head, tail = SOURCE.split("\n\ndef other")
            p.write("app.py", "import subprocess\n\n\ndef other" + tail + "\n" + head.split("\n", 1)[1])
            found = p.findings("--baseline", ".aegis-baseline.json")
            self.assertEqual(statuses(found)[0][2], "baseline")
            self.assertGreater(statuses(found)[0][1], 5)

    def test_survives_whitespace_changes(self):
        with Project() as p:
            p.baseline()
            p.write("app.py", SOURCE.replace("shell=True)", "shell = True )").replace("    subprocess", "        subprocess")
                    .replace("def export(name):", "def export(name):\n    if True:"))
            found = p.findings("--baseline", ".aegis-baseline.json")
            self.assertEqual([f["status"] for f in found if f["rule_id"] == "INJ002"], ["baseline"])

    def test_counted_a_second_copy_is_new(self):
        with Project() as p:
            p.baseline()
            p.write("app.py", SOURCE + "\n\ndef export_again(name):\n"
                    '    subprocess.run(f"tar czf {name}.tgz data", shell=True)\n')
            found = [f for f in p.findings("--baseline", ".aegis-baseline.json") if f["rule_id"] == "INJ002"]
            self.assertEqual([f["status"] for f in found], ["baseline", "open"])
            r = p.scan("--fail-on", "low", "--baseline", ".aegis-baseline.json")
            self.assertEqual(r.returncode, 1, "the new copy fails the run")

    def test_counted_one_entry_absorbs_one_finding(self):
        with Project() as p:
            p.write("app.py", SOURCE + "\n\ndef export_again(name):\n"
                    '    subprocess.run(f"tar czf {name}.tgz data", shell=True)\n')
            path = p.baseline()
            doc = load(path)
            inj = [e for e in doc["findings"] if e["rule_id"] == "INJ002"]
            self.assertEqual(len(inj), 2)
            # Keep only the entry of the first copy, twice over: the two entries are both
            # used up by one finding each, no more.
            first = inj[0]
            doc["findings"] = [first]
            save(path, doc)
            found = [f["status"] for f in p.findings("--baseline", ".aegis-baseline.json") if f["rule_id"] == "INJ002"]
            self.assertEqual(sorted(found), ["baseline", "open"])

    def test_a_different_secret_is_a_new_finding(self):
        with Project() as p:
            p.baseline()
            p.write("settings.py", SETTINGS.replace(SECRET, "another-Pr0d-s3cret-99"))
            found = {f["rule_id"]: f["status"] for f in p.findings("--baseline", ".aegis-baseline.json")}
            self.assertEqual(found, {"INJ002": "baseline", "SEC001": "open"})

    def test_paths_do_not_matter_scan_from_elsewhere(self):
        with Project() as p:
            p.baseline()
            parent = os.path.dirname(p.root)
            name = os.path.basename(p.root)
            r = p.run("scan", "--no-progress", "--select", RULES, "--format", "json", "--fail-on", "never",
                      "--baseline", os.path.join(name, ".aegis-baseline.json"), name, cwd=parent)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual({f["status"] for f in json.loads(r.stdout)["findings"]}, {"baseline"})

    def test_every_output_format_shows_the_status(self):
        with Project() as p:
            p.baseline()
            p.write("app.py", SOURCE + "\n\ndef export_again(name):\n"
                    '    subprocess.run(f"tar czf {name}.tgz data", shell=True)\n')
            b = ("--baseline", ".aegis-baseline.json", "--fail-on", "never")
            text = p.scan(*b).stdout
            self.assertIn("2 in the baseline", text)
            text_all = p.scan(*b, "--show-accepted").stdout
            self.assertIn("[baseline: in baseline .aegis-baseline.json]", text_all)
            sarif = json.loads(p.scan(*b, "--format", "sarif").stdout)
            import jsonschema  # python3-jsonschema, installed by scripts/bootstrap.sh
            schema = load(os.path.join(SOURCE_DIR, "tests", "data", "sarif-schema-2.1.0.json"))
            errors = list(jsonschema.Draft4Validator(schema).iter_errors(sarif))
            self.assertEqual(errors, [], "SARIF with baseline states validates against the 2.1.0 schema")
            results = sarif["runs"][0]["results"]
            states = sorted(r.get("baselineState") for r in results)
            self.assertEqual(states, ["new", "unchanged", "unchanged"])
            for r in results:
                if r["baselineState"] == "unchanged":
                    self.assertEqual(r["suppressions"][0]["kind"], "external")
                else:
                    self.assertNotIn("suppressions", r)
            junit = ET.fromstring(p.scan(*b, "--format", "junit").stdout)
            outs = " ".join(e.text or "" for e in junit.iter("system-out"))
            self.assertEqual(outs.count("baseline: "), 2)
            self.assertEqual(len(list(junit.iter("failure"))), 1)
            md = p.run("report", "--no-progress", "--select", RULES, *b, "--date", "2026-01-01", ".").stdout
            self.assertIn("Baseline: in baseline .aegis-baseline.json", md)
            self.assertIn(".aegis-baseline.json: 2 entries, 2 findings absorbed, 0 entries matched nothing", md)
            html = p.run("report", "--no-progress", "--select", RULES, *b, "--format", "html", "--date", "2026-01-01", ".").stdout
            self.assertEqual(html.count('data-status="baseline"'), 2)
            self.assertEqual(html.count('data-status="open"'), 1)

    def test_unmatched_entries_are_listed_in_the_report(self):
        with Project() as p:
            p.baseline()
            p.write("app.py", "def export(name):\n    return name\n")
            md = p.run("report", "--no-progress", "--select", RULES, "--baseline", ".aegis-baseline.json",
                       "--date", "2026-01-01", ".").stdout
            self.assertIn("1 entry matched nothing", md)
            self.assertRegex(md, r"- INJ002 `app.py:5` \(fingerprint `[0-9a-f]{16}`\)")

    def test_reasons_are_kept_and_a_refresh_keeps_them(self):
        with Project() as p:
            p.baseline("--reason", "legacy export, ticket SEC-7")
            found = p.findings("--baseline", ".aegis-baseline.json")
            self.assertEqual({f["status_reason"] for f in found}, {"legacy export, ticket SEC-7"})
            p.write("app.py", SOURCE + "\n\ndef export_again(name):\n"
                    '    subprocess.run(f"tar czf {name}.tgz data", shell=True)\n')
            p.baseline("--baseline", ".aegis-baseline.json", "--reason", "second copy, SEC-8", out="refreshed.json")
            doc = load(os.path.join(p.root, "refreshed.json"))
            reasons = sorted(e.get("reason") for e in doc["findings"])
            self.assertEqual(reasons, ["legacy export, ticket SEC-7", "legacy export, ticket SEC-7", "second copy, SEC-8"])

    def test_accepted_findings_are_not_recorded(self):
        with Project() as p:
            p.write("app.py", SOURCE.replace("shell=True)", "shell=True)  # aegis: ignore[INJ002] -- reviewed"))
            doc = load(p.baseline())
            self.assertEqual([e["rule_id"] for e in doc["findings"]], ["SEC001"])

    def test_bad_baseline_files_are_usage_errors_with_a_position(self):
        with Project() as p:
            p.write("bad.json", '{\n  "aegis_baseline": 1,\n  "findings": [\n    {"fingerprint": }\n  ]\n}\n')
            r = p.scan("--baseline", "bad.json")
            self.assertEqual(r.returncode, 2)
            self.assertIn("baseline 'bad.json': line 4, column", r.stderr)
            p.write("other.json", '{"findings": []}')
            r = p.scan("--baseline", "other.json")
            self.assertEqual(r.returncode, 2)
            self.assertIn("not an Aegis baseline", r.stderr)
            p.write("nofp.json", '{"aegis_baseline": 1, "findings": [{"rule_id": "INJ002"}]}')
            r = p.scan("--baseline", "nofp.json")
            self.assertEqual(r.returncode, 2)
            self.assertIn('findings[0] has no "fingerprint"', r.stderr)
            r = p.scan("--baseline", "missing.json")
            self.assertEqual(r.returncode, 2)
            self.assertIn("cannot read", r.stderr)


def main():
    global AEGIS, SOURCE_DIR
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    args, rest = ap.parse_known_args()
    AEGIS = os.path.abspath(args.aegis)
    SOURCE_DIR = os.path.abspath(args.source_dir)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
