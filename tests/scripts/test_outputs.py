#!/usr/bin/env python3
"""End-to-end tests of the outputs, suppressions and configuration over
tests/projects/outputs_demo: SARIF validates against the official 2.1.0 schema, JSON
against docs/json-output.schema.json, JUnit parses with the right counts, suppression
comments of every style accept their findings with their reasons, unused ones are
reported, outputs do not depend on the thread count, and exit codes are 0/1/2/3.
Run by ctest as:

    python3 test_outputs.py --aegis PATH_TO_BINARY --source-dir REPO_ROOT
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
RULES = "INJ002,HYG001"  # what the demo project exercises


def run(*args, cwd):
    return subprocess.run([AEGIS, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


class Demo:
    """A copy of tests/projects/outputs_demo in a temporary directory that is its own
    repository root (so no configuration above it is picked up)."""

    def __enter__(self):
        self.root = tempfile.mkdtemp(prefix="aegis-outputs-")
        shutil.copytree(os.path.join(SOURCE_DIR, "tests", "projects", "outputs_demo"), self.root, dirs_exist_ok=True)
        os.makedirs(os.path.join(self.root, ".git"))
        return self

    def write(self, rel, text):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def scan(self, *args):
        # The two model rules only, so that rule packs added later do not change the figures.
        select = [] if "--select" in args else ["--select", RULES]
        return run("scan", "--no-progress", *select, *args, ".", cwd=self.root)

    def json(self, *args):
        r = self.scan("--format", "json", *args)
        self.last = r
        return json.loads(r.stdout)

    def __exit__(self, *exc):
        shutil.rmtree(self.root, ignore_errors=True)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def rule_count():
    r = subprocess.run([AEGIS, "rules", "--format", "json"], capture_output=True, text=True, check=True)
    # Opt-in rules run only when selected: a default scan lists the others.
    return len([rule for rule in json.loads(r.stdout) if not rule.get("opt_in")])


class Schemas(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import jsonschema  # python3-jsonschema, installed by scripts/bootstrap.sh
        sarif = load_json(os.path.join(SOURCE_DIR, "tests", "data", "sarif-schema-2.1.0.json"))
        jsonschema.Draft4Validator.check_schema(sarif)
        cls.sarif = jsonschema.Draft4Validator(sarif)
        ours = load_json(os.path.join(SOURCE_DIR, "docs", "json-output.schema.json"))
        jsonschema.Draft202012Validator.check_schema(ours)
        cls.ours = jsonschema.Draft202012Validator(ours)

    def errors(self, validator, doc):
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]

    def test_sarif_validates_and_carries_what_github_reads(self):
        with Demo() as d:
            r = d.scan("--format", "sarif")
            self.assertEqual(r.returncode, 3, r.stderr)
            doc = json.loads(r.stdout)
            self.assertEqual(self.errors(self.sarif, doc), [])
            findings = d.json()["findings"]
        self.assertEqual(doc["version"], "2.1.0")
        (run_,) = doc["runs"]
        rules = run_["tool"]["driver"]["rules"]
        self.assertEqual([r["id"] for r in rules], ["HYG001", "INJ002"])  # every rule that ran
        by_id = {r["id"]: r for r in rules}
        inj = by_id["INJ002"]
        self.assertTrue(inj["help"]["text"])
        self.assertIn("**Fix.**", inj["help"]["markdown"])
        self.assertIn("external/cwe/cwe-78", inj["properties"]["tags"])
        self.assertIn("security", inj["properties"]["tags"])
        self.assertEqual(inj["properties"]["cwe"], "CWE-78")
        self.assertEqual(inj["properties"]["security-severity"], "8.0")
        self.assertEqual(by_id["HYG001"]["properties"]["security-severity"], "3.0")
        self.assertEqual(run_["columnKind"], "unicodeCodePoints")
        results = run_["results"]
        self.assertEqual(len(results), len(findings))
        for result, finding in zip(results, findings):
            self.assertEqual(result["ruleId"], finding["rule_id"])
            self.assertEqual(rules[result["ruleIndex"]]["id"], result["ruleId"])
            location = result["locations"][0]["physicalLocation"]
            self.assertEqual(location["artifactLocation"]["uriBaseId"], "%SRCROOT%")
            self.assertEqual(location["artifactLocation"]["uri"], finding["path"])
            self.assertFalse(location["artifactLocation"]["uri"].startswith(("/", "./")))
            self.assertEqual(location["region"]["startLine"], finding["line"])
            self.assertEqual(result["partialFingerprints"]["aegisFingerprint/v1"], finding["fingerprint"])
            if finding["status"] == "accepted":
                (s,) = result["suppressions"]
                self.assertEqual(s["kind"], "inSource")
                self.assertEqual(s["justification"], finding["status_reason"])
            else:
                self.assertNotIn("suppressions", result)
        notes = run_["invocations"][0]["toolExecutionNotifications"]
        syntax = [n for n in notes if n["descriptor"]["id"] == "syntax"]
        self.assertEqual(len(syntax), 1)
        self.assertEqual(syntax[0]["level"], "error")
        self.assertEqual(syntax[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "legacy/report.py")
        self.assertFalse(run_["properties"]["coverage"]["complete"])

    def test_sarif_uris_from_a_subdirectory_scan(self):
        with Demo() as d:
            r = run("scan", "--no-progress", "--select", RULES, "--format", "sarif", "app", cwd=d.root)
            doc = json.loads(r.stdout)
            self.assertEqual(self.errors(self.sarif, doc), [])
            uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in doc["runs"][0]["results"]}
            self.assertEqual(uris, {"app/views.py", "app/checks.py"})

    def test_json_validates(self):
        with Demo() as d:
            doc = d.json()
            self.assertEqual(self.errors(self.ours, doc), [])
            self.assertEqual(doc["schema_version"], "1.1")
            self.assertEqual(doc["strengths"], [])
            self.assertTrue(doc["inline_suppressions"])
            kinds = sorted({s["kind"] for s in doc["suppressions"]})
            self.assertEqual(kinds, ["aegis", "noqa", "nosec", "nosemgrep"])
            # The schema is not vacuous: a finding without a fingerprint is rejected.
            del doc["findings"][0]["fingerprint"]
            self.assertNotEqual(self.errors(self.ours, doc), [])

    def test_empty_project_outputs_are_complete_and_valid(self):
        root = tempfile.mkdtemp(prefix="aegis-empty-")
        try:
            os.makedirs(os.path.join(root, ".git"))
            for fmt in ("sarif", "json", "junit"):
                r = run("scan", "--no-progress", "--format", fmt, ".", cwd=root)
                self.assertEqual(r.returncode, 0, r.stderr)
                if fmt == "sarif":
                    doc = json.loads(r.stdout)
                    self.assertEqual(self.errors(self.sarif, doc), [])
                    self.assertEqual(doc["runs"][0]["results"], [])
                    self.assertEqual(len(doc["runs"][0]["tool"]["driver"]["rules"]), rule_count())
                elif fmt == "json":
                    doc = json.loads(r.stdout)
                    self.assertEqual(self.errors(self.ours, doc), [])
                    self.assertEqual(doc["suppressions"], [])
                else:
                    suite = ET.fromstring(r.stdout).find("testsuite")
                    self.assertEqual(suite.get("failures"), "0")
        finally:
            shutil.rmtree(root, ignore_errors=True)


class Junit(unittest.TestCase):
    def test_counts(self):
        with Demo() as d:
            r = d.scan("--format", "junit")
            self.assertEqual(r.returncode, 3, r.stderr)
            findings = d.json()["findings"]
        root = ET.fromstring(r.stdout)
        self.assertEqual(root.tag, "testsuites")
        rules_suite, coverage_suite = root.findall("testsuite")
        self.assertEqual(rules_suite.get("name"), "aegis.rules")
        cases = rules_suite.findall("testcase")
        self.assertEqual([c.get("name") for c in cases], ["HYG001 assert-used", "INJ002 subprocess-shell-true"])
        self.assertEqual(int(rules_suite.get("tests")), len(cases))
        open_findings = [f for f in findings if f["status"] == "open"]
        failing_rules = {f["rule_id"] for f in open_findings}
        self.assertEqual(int(rules_suite.get("failures")), len(failing_rules))
        failures = [fl for case in cases for fl in case.findall("failure")]
        self.assertEqual(len(failures), len(open_findings))
        for case in cases:
            rule_id = case.get("name").split()[0]
            self.assertEqual(len(case.findall("failure")), sum(f["rule_id"] == rule_id for f in open_findings))
        props = {p.get("name"): p.get("value") for p in rules_suite.find("properties")}
        self.assertEqual(int(props["open_findings"]), len(open_findings))
        self.assertEqual(int(props["accepted_findings"]), len(findings) - len(open_findings))
        self.assertEqual(coverage_suite.get("errors"), "1")
        (error,) = coverage_suite.findall("testcase/error")
        self.assertEqual(error.get("type"), "syntax-error")
        self.assertEqual(int(root.get("failures")), len(failing_rules))
        self.assertEqual(int(root.get("errors")), 1)


class Suppressions(unittest.TestCase):
    def findings_by_line(self, doc, path):
        return {f["line"]: f for f in doc["findings"] if f["path"] == path}

    def test_every_style_is_accepted_with_its_reason(self):
        with Demo() as d:
            doc = d.json()
        views = self.findings_by_line(doc, "app/views.py")
        expected = {
            9: ("open", None, None),
            13: ("accepted", "constant command, no user input",
                 "# aegis: ignore[INJ002] -- constant command, no user input"),
            17: ("accepted", "suppressed by # nosec B602", "# nosec B602"),
            21: ("accepted", "reviewed in SEC-12", "# noqa: S602, E501 -- reviewed in SEC-12"),
            25: ("accepted", "suppressed by # nosemgrep: python.lang.security.audit.subprocess-shell-true",
                 "# nosemgrep: python.lang.security.audit.subprocess-shell-true"),
            29: ("accepted", "command comes from the admin CLI only",
                 "# aegis: ignore[subprocess-shell-true] -- command comes from the admin CLI only"),
            36: ("open", None, None),  # a bare `# noqa` is not a security suppression
            40: ("open", None, None),  # "# nosec B602" inside a string literal is not a comment
        }
        self.assertEqual(set(views), set(expected))
        for line, (status, reason, by) in expected.items():
            f = views[line]
            self.assertEqual((f["status"], f["status_reason"], f["suppressed_by"]), (status, reason, by), line)
        checks = self.findings_by_line(doc, "app/checks.py")
        self.assertEqual({line: f["status"] for line, f in checks.items()},
                         {2: "open", 6: "accepted", 10: "accepted", 18: "open", 22: "open"})
        # Warnings for the malformed comment and the unknown id; a note for the broad one.
        diags = {(d["path"], d["line"]): d for d in doc["diagnostics"] if d["kind"] == "config"}
        self.assertEqual(diags[("app/checks.py", 6)]["severity"], "note")
        self.assertIn("broad suppression", diags[("app/checks.py", 6)]["message"])
        self.assertEqual(diags[("app/checks.py", 18)]["severity"], "warning")
        self.assertIn("malformed", diags[("app/checks.py", 18)]["message"])
        self.assertIn("'B999'", diags[("app/checks.py", 22)]["message"])
        self.assertNotIn(("app/checks.py", 14), diags)  # unused ones only when asked
        # The suppressions list says what each comment accepted.
        sup = {(s["path"], s["line"]): s for s in doc["suppressions"]}
        self.assertEqual(sup[("app/checks.py", 14)]["accepted"], 0)
        self.assertEqual(sup[("app/views.py", 17)]["rules"], [{"rule_id": "INJ002", "written": "B602", "accepted": 1}])
        self.assertTrue(sup[("app/checks.py", 6)]["broad"])

    def test_unused_suppressions_are_reported_on_request(self):
        with Demo() as d:
            doc = d.json("--report-unused-suppressions")
            text = d.scan("--report-unused-suppressions").stdout
        unused = [x for x in doc["diagnostics"] if "unused suppression" in x["message"]]
        self.assertEqual([(x["path"], x["line"], x["severity"]) for x in unused], [("app/checks.py", 14, "warning")])
        self.assertIn("app/checks.py:14:23: warning: unused suppression: '# nosec B602' accepted no finding", text)

    def test_auditor_override(self):
        with Demo() as d:
            doc = d.json("--no-inline-suppressions")
        self.assertFalse(doc["inline_suppressions"])
        self.assertEqual(doc["suppressions"], [])
        self.assertTrue(all(f["status"] == "open" for f in doc["findings"]))
        self.assertFalse([x for x in doc["diagnostics"] if x["kind"] == "config"])

    def test_text_hides_accepted_findings_unless_asked(self):
        with Demo() as d:
            plain = d.scan().stdout
            shown = d.scan("--show-accepted").stdout
        self.assertNotIn("app/views.py:13:", plain)
        self.assertIn("app/views.py:13:12  INJ002", shown)
        self.assertIn("[accepted: constant command, no user input]", shown)
        self.assertIn("7 accepted", plain)


class Determinism(unittest.TestCase):
    def test_byte_identical_across_runs_and_threads(self):
        with Demo() as d:
            for i in range(30):
                d.write(f"pkg{i % 5}/mod{i}.py",
                        f"import subprocess\nsubprocess.run(c{i}, shell=True)  # nosec B602\nassert x{i}\n"
                        if i % 3 else "def broken(:\n")
            for fmt in ("text", "json", "sarif", "junit"):
                outputs = {d.scan("--format", fmt, f"-j{jobs}", "--report-unused-suppressions").stdout
                           for jobs in (1, 4, 2, 1, 4)}
                self.assertEqual(len(outputs), 1, fmt)


class MultipleOutputs(unittest.TestCase):
    def test_several_reports_from_one_run(self):
        with Demo() as d:
            expected = {fmt: d.scan("--format", fmt).stdout for fmt in ("sarif", "json", "junit")}
            out = tempfile.mkdtemp(prefix="aegis-reports-")
            try:
                r = d.scan("--output", f"sarif:{out}/a.sarif", "--output", f"json:{out}/a.json",
                           "--output", f"junit:{out}/a.xml")
                self.assertEqual(r.returncode, 3, r.stderr)
                self.assertIn("Findings: 7", r.stdout)  # the --format report (text) still goes to stdout
                for fmt, name in (("sarif", "a.sarif"), ("json", "a.json"), ("junit", "a.xml")):
                    with open(os.path.join(out, name), encoding="utf-8") as f:
                        self.assertEqual(f.read(), expected[fmt], fmt)
            finally:
                shutil.rmtree(out, ignore_errors=True)
            r = d.scan("--format", "json", "-o", "main.json", "--output", "sarif:-")
            self.assertEqual(r.returncode, 3, r.stderr)
            self.assertEqual(json.loads(r.stdout)["version"], "2.1.0")
            self.assertEqual(load_json(os.path.join(d.root, "main.json"))["schema_version"], "1.1")

    def test_contradictory_outputs_are_usage_errors(self):
        with Demo() as d:
            self.assertEqual(d.scan("-o", "a.json", "-o", "b.json").returncode, 2)
            self.assertEqual(d.scan("--output", "json:x", "--output", "sarif:x").returncode, 2)
            self.assertEqual(d.scan("--output", "json:-", "--output", "sarif:-").returncode, 2)
            self.assertEqual(d.scan("--output", "sarif:").returncode, 2)
            self.assertEqual(d.scan("--format", "xml").returncode, 2)

    def test_quiet_does_not_change_machine_formats(self):
        with Demo() as d:
            for fmt in ("json", "sarif", "junit"):
                self.assertEqual(d.scan("--format", fmt, "-q").stdout, d.scan("--format", fmt).stdout, fmt)
            quiet = d.scan("-q").stdout
        self.assertIn("Findings: 7", quiet)
        self.assertNotIn("Coverage:", quiet)
        self.assertNotIn("warning:", quiet)


class ExitCodes(unittest.TestCase):
    def test_exit_codes(self):
        with Demo() as d:
            self.assertEqual(d.scan().returncode, 3)  # legacy/report.py cannot be parsed
            self.assertEqual(d.scan("--allow-incomplete").returncode, 1)  # open findings remain
            self.assertEqual(d.scan("--allow-incomplete", "--fail-on", "never").returncode, 0)
            self.assertEqual(d.scan("--exclude", "legacy/").returncode, 1)
            self.assertEqual(d.scan("--exclude", "legacy/", "--fail-on", "critical").returncode, 0)
            # The open high finding has high confidence; nothing reaches medium/high otherwise.
            self.assertEqual(d.scan("--exclude", "legacy/", "--fail-on", "high", "--fail-on-confidence", "high").returncode, 1)
            self.assertEqual(d.scan("--exclude", "legacy/", "--select", "HYG001", "--fail-on", "medium").returncode, 0)
            # Accepted findings never fail a run.
            self.assertEqual(d.scan("--exclude", "legacy/", "--select", "INJ002", "--exclude", "app/checks.py",
                                    "--ignore", "B602").returncode, 0)
            self.assertEqual(d.scan("--select", "NOPE999").returncode, 2)
            d.write("pyproject.toml", "[tool.aegis]\nfail_on = \"high\"\n")
            r = d.scan()
            self.assertEqual(r.returncode, 2)
            self.assertIn("pyproject.toml:2:1: error: unknown key 'fail_on' in [tool.aegis] (did you mean 'fail-on'?)",
                          r.stderr)
            self.assertEqual(d.scan("--no-config").returncode, 3)


class Configuration(unittest.TestCase):
    CONFIG = """[project]
name = "outputs-demo"

[tool.aegis]
exclude = ["legacy/"]
fail-on = "high"
test-paths = ["app/checks.py"]

[tool.aegis.severity]
INJ002 = "medium"

[tool.aegis.per-file-ignores]
"tests/**" = ["INJ002"]
"""

    def test_configuration_applies_and_flags_win(self):
        with Demo() as d:
            d.write("pyproject.toml", self.CONFIG)
            r = d.scan("--format", "json")
            self.assertEqual(r.returncode, 0, r.stderr)  # legacy excluded; INJ002 lowered below fail-on
            doc = json.loads(r.stdout)
            self.assertTrue(doc["coverage"]["complete"])
            (excluded,) = [f for f in doc["coverage"]["skipped_files"] + doc["coverage"]["directories"]["skipped"]
                           if f["path"] == "legacy"]
            self.assertEqual(excluded["reason"], "excluded")
            self.assertIn("pyproject.toml:5: exclude 'legacy/'", excluded["detail"])
            self.assertFalse([f for f in doc["findings"] if f["path"].startswith("tests/")])
            inj = [f for f in doc["findings"] if f["rule_id"] == "INJ002"]
            self.assertTrue(inj and all(f["severity"] in ("medium", "low") for f in inj))
            # app/checks.py is test code by configuration: asserts there are not findings.
            self.assertFalse([f for f in doc["findings"] if f["path"] == "app/checks.py"])
            # Command-line flags win.
            self.assertEqual(d.scan("--fail-on", "medium").returncode, 1)
            self.assertEqual(d.scan("--no-config").returncode, 3)

            show = run("config", "--show", cwd=d.root)
            self.assertEqual(show.returncode, 0, show.stderr)
            self.assertIn("fail-on = \"high\"", show.stdout)
            self.assertIn("pyproject.toml:6", show.stdout)
            self.assertIn("fail-on-confidence = \"low\"", show.stdout)
            self.assertIn("# default", show.stdout)

            why = run("config", "--why", "legacy/report.py", cwd=d.root)
            self.assertIn("not scanned", why.stdout)
            self.assertIn("exclude 'legacy/'", why.stdout)
            why = run("config", "--why", "tests/test_views.py", cwd=d.root)
            self.assertIn("scanned as Python", why.stdout)
            self.assertIn("test code (built-in pattern 'tests/')", why.stdout)
            self.assertIn("per-file-ignores", why.stdout)
            why = run("config", "--why", "app/checks.py", cwd=d.root)
            self.assertIn("test-paths 'app/checks.py'", why.stdout)

    def test_nested_project_extends_its_parent(self):
        with Demo() as d:
            d.write("pyproject.toml", self.CONFIG)
            d.write("app/aegis.toml", "extend = \"../pyproject.toml\"\nfail-on = \"medium\"\n")
            r = run("scan", "--no-progress", "--select", RULES, ".", cwd=os.path.join(d.root, "app"))
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)  # fail-on medium, INJ002 medium
            show = run("config", "--show", cwd=os.path.join(d.root, "app")).stdout
            self.assertIn("aegis.toml extends ../pyproject.toml", show)
            self.assertIn("fail-on = \"medium\"", show)
            self.assertIn("INJ002 = \"medium\"", show)


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
