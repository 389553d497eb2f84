#!/usr/bin/env python3
"""Tests of the data-flow benchmark tools (bench/dataflow): the generator is deterministic,
balanced and self-checked, and the scorer counts TP/FN/TN/FP by file and CWE. Run by
ctest as:

    python3 test_dataflow_bench.py --aegis PATH_TO_BINARY --source-dir REPO_ROOT
"""
import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest

AEGIS = None
SOURCE_DIR = None


def bench(script):
    return os.path.join(SOURCE_DIR, "bench", "dataflow", script)


def generate(out, count=72, seed=7, extra=()):
    return subprocess.run([sys.executable, bench("generate.py"), "--out", out, "--count",
                           str(count), "--seed", str(seed), "--quiet", *extra],
                          capture_output=True, text=True, timeout=600)


def tree_digest(root):
    h = hashlib.sha256()
    for dirpath, dirnames, names in os.walk(root):
        dirnames.sort()
        for name in sorted(names):
            path = os.path.join(dirpath, name)
            h.update(os.path.relpath(path, root).encode())
            with open(path, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def expected(out):
    with open(os.path.join(out, "expected.csv"), newline="") as f:
        return list(csv.DictReader(f))


def score(out, report, *flags):
    path = os.path.join(out, "report.json")
    with open(path, "w") as f:
        json.dump(report, f)
    p = subprocess.run([sys.executable, bench("score.py"), out, "--report", path, "--json",
                        *flags], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def finding(case, cwe, rule="TNT000"):
    return {"rule_id": rule, "path": "cases/%s.py" % case, "line": 5, "cwe": cwe}


class Generator(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="aegis-dfbench-")
        cls.out = os.path.join(cls.tmp.name, "a")
        p = generate(cls.out)
        assert p.returncode == 0, p.stderr
        cls.rows = expected(cls.out)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_every_category_balanced(self):
        per = {}
        for r in self.rows:
            per.setdefault(r["category"], []).append(r["vulnerable"] == "true")
        self.assertEqual(len(per), 18)
        for cat, flags in per.items():
            self.assertEqual(len(flags), 4, cat)
            self.assertEqual(sum(flags), 2, cat)

    def test_one_file_per_case_and_all_compile(self):
        for r in self.rows:
            path = os.path.join(self.out, "cases", r["case"] + ".py")
            with open(path) as f:
                compile(f.read(), path, "exec")
        cases = [n for n in os.listdir(os.path.join(self.out, "cases")) if n != "__init__.py"]
        self.assertEqual(len(cases), len(self.rows))

    def test_same_seed_same_tree_other_seed_other_tree(self):
        again = os.path.join(self.tmp.name, "b")
        self.assertEqual(generate(again).returncode, 0)
        self.assertEqual(tree_digest(self.out), tree_digest(again))
        other = os.path.join(self.tmp.name, "c")
        self.assertEqual(generate(other, seed=8).returncode, 0)
        self.assertNotEqual(tree_digest(self.out), tree_digest(other))

    def test_refuses_to_overwrite_a_foreign_directory(self):
        foreign = os.path.join(self.tmp.name, "foreign")
        os.makedirs(foreign)
        with open(os.path.join(foreign, "keep.txt"), "w") as f:
            f.write("mine")
        p = generate(foreign)
        self.assertNotEqual(p.returncode, 0)
        self.assertTrue(os.path.exists(os.path.join(foreign, "keep.txt")))

    def test_category_filter(self):
        out = os.path.join(self.tmp.name, "d")
        self.assertEqual(generate(out, count=10, extra=["--categories", "sqli,xss"]).returncode, 0)
        self.assertEqual({r["category"] for r in expected(out)}, {"sqli", "xss"})
        self.assertNotEqual(generate(out, extra=["--categories", "nosuch"]).returncode, 0)


def flask_available():
    try:
        import flask  # noqa: F401
        return True
    except ImportError:
        return False


@unittest.skipUnless(flask_available(), "Flask is not installed")
class Oracle(unittest.TestCase):
    """The labels of the cases whose effect shows from outside agree with what the cases
    do when Flask's test client feeds them attack inputs (bench/dataflow/oracle.py)."""

    def test_labels_agree_with_behaviour(self):
        with tempfile.TemporaryDirectory(prefix="aegis-dforacle-") as tmp:
            out = os.path.join(tmp, "p")
            self.assertEqual(generate(out, count=540, seed=11).returncode, 0)
            p = subprocess.run([sys.executable, bench("oracle.py"), out, "--verbose"],
                               capture_output=True, text=True, timeout=600)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
            self.assertIn("agree", p.stdout)
            self.assertNotIn("DISAGREE", p.stdout)
            # the oracle can fail: with every label flipped it must disagree
            path = os.path.join(out, "cases.csv")
            with open(path, newline="") as f:
                rows = list(csv.DictReader(f))
            for r in rows:
                r["vulnerable"] = "false" if r["vulnerable"] == "true" else "true"
            with open(path, "w", newline="") as f:
                w = csv.DictWriter(f, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows(rows)
            p = subprocess.run([sys.executable, bench("oracle.py"), out],
                               capture_output=True, text=True, timeout=600)
            self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
            self.assertNotIn(" agree", p.stdout)


class Scorer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="aegis-dfscore-")
        cls.out = os.path.join(cls.tmp.name, "p")
        p = generate(cls.out, count=36)
        assert p.returncode == 0, p.stderr
        cls.rows = expected(cls.out)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_perfect_report(self):
        report = {"findings": [finding(r["case"], int(r["cwe"])) for r in self.rows
                               if r["vulnerable"] == "true"]}
        result = score(self.out, report)
        self.assertAlmostEqual(result["average"], 1.0)

    def test_flag_everything_scores_zero(self):
        report = {"findings": [finding(r["case"], int(r["cwe"])) for r in self.rows]}
        result = score(self.out, report)
        self.assertAlmostEqual(result["average"], 0.0)
        for row in result["categories"].values():
            self.assertEqual((row["TPR"], row["FPR"]), (1.0, 1.0))

    def test_other_cwes_and_other_files_do_not_count(self):
        report = {"findings": [finding(r["case"], 1) for r in self.rows] +
                  [{"rule_id": "X", "path": "helpers/text.py", "line": 1, "cwe": 89}]}
        result = score(self.out, report, "--misses")
        self.assertAlmostEqual(result["average"], 0.0)
        self.assertEqual(result["unmapped_findings"], [{"rule_id": "X", "cwe": 89, "count": 1}])
        vulnerable = sum(r["vulnerable"] == "true" for r in self.rows)
        self.assertEqual(len(result["misses"]), vulnerable)
        self.assertTrue(all(m["kind"] == "FN" for m in result["misses"]))

    def test_one_false_positive(self):
        safe = next(r for r in self.rows if r["vulnerable"] == "false")
        report = {"findings": [finding(r["case"], int(r["cwe"])) for r in self.rows
                               if r["vulnerable"] == "true"] +
                  [finding(safe["case"], int(safe["cwe"]))]}
        result = score(self.out, report)
        row = result["categories"][safe["category"]]
        self.assertEqual((row["TP"], row["FN"], row["TN"], row["FP"]), (1, 0, 0, 1))
        self.assertAlmostEqual(row["score"], 0.0)
        self.assertEqual(result["worst"]["category"], safe["category"])

    def test_misses_by_part(self):
        report = {"findings": []}
        result = score(self.out, report, "--by", "sink")
        table = result["by_sink"]
        self.assertEqual(sum(r["cases"] for r in table.values()), len(self.rows))
        self.assertEqual(sum(r["FN"] for r in table.values()),
                         sum(r["vulnerable"] == "true" for r in self.rows))
        self.assertEqual(sum(r["FP"] for r in table.values()), 0)

    def test_real_scan_runs(self):
        p = subprocess.run([sys.executable, bench("score.py"), self.out, "--aegis", AEGIS],
                           capture_output=True, text=True, timeout=600)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("average", p.stdout)

    def test_missing_binary_is_an_error(self):
        p = subprocess.run([sys.executable, bench("score.py"), self.out, "--aegis",
                            os.path.join(self.tmp.name, "nope")],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 2)
        self.assertIn("no aegis binary", p.stderr)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    args, rest = ap.parse_known_args()
    AEGIS, SOURCE_DIR = os.path.abspath(args.aegis), os.path.abspath(args.source_dir)
    unittest.main(argv=[sys.argv[0]] + rest)
