#!/usr/bin/env python3
"""Framework-aware review, end to end: each seed project under tests/projects/seed_*/ (a small
app reproducing a seed review's situations) carries `expected.txt`, the findings and strengths
`aegis scan` must report for it -- no more, no fewer:

    finding SES001 config.py:9        a finding of SES001 starting on line 9 of config.py
    strength csrf-protection app.py:48

The `<seed>_fixed/` twin is the same app after the review's fixes: the findings of the seed's
rules must be gone there and its strengths still present. `aegis debug app` must describe the
apps as the reviews do (environments, the class each value comes from, routes).
`traps_*/` projects hold look-alikes of findings and strengths; their expected.txt is checked
the same way, so a strength credited to a look-alike fails.

    python3 tests/scripts/test_framework_projects.py --aegis build/aegis --source-dir .
"""
import argparse
import json
import os
import subprocess
import sys

# The framework families, plus the per-file rules the seed reviews name (DEP001: flask-wtf
# missing from requirements.txt; CFG001: app.run(debug=True); SEC004: a secret's fallback).
SELECT = "SES,CFG,SEC004,SEC005,SEC006,CSRF,CORS,AUTH,LOG,RATE,UPL,OPS,TST,DEP001"


def read_expected(path):
    findings, strengths = set(), set()
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            words = line.split()
            if not words or words[0].startswith("#"):
                continue
            if len(words) != 3 or words[0] not in ("finding", "strength"):
                raise ValueError("%s:%d: expected 'finding RULE path:line' or 'strength ID path:line'" % (path, number))
            (findings if words[0] == "finding" else strengths).add((words[1], words[2]))
    return findings, strengths


def scan(aegis, project):
    p = subprocess.run([aegis, "scan", ".", "--select", SELECT, "--format", "json", "--fail-on", "never",
                        "--no-progress", "--no-config"], capture_output=True, text=True, cwd=project)
    if p.returncode != 0:
        raise RuntimeError("aegis scan %s exited %d: %s" % (project, p.returncode, p.stderr[-2000:]))
    doc = json.loads(p.stdout)
    findings = {(f["rule_id"], "%s:%d" % (f["path"], f["line"])) for f in doc["findings"] if f["status"] == "open"}
    strengths = {(s["id"], "%s:%d" % (s["path"], s["line"] or 0)) for s in doc["strengths"]}
    return findings, strengths, doc


def debug_app(aegis, project):
    p = subprocess.run([aegis, "debug", "app", "."], capture_output=True, text=True, cwd=project)
    if p.returncode != 0:
        raise RuntimeError("aegis debug app %s exited %d: %s" % (project, p.returncode, p.stderr))
    return json.loads(p.stdout)


def describe(items):
    return "\n".join("    %s %s" % item for item in sorted(items)) or "    (none)"


def check_model(aegis, root, problems):
    """What the model must believe about the seed apps (the facts the findings rest on)."""
    model = debug_app(aegis, os.path.join(root, "seed_000"))
    app = model["apps"][0]
    prod = [e for e in app["environments"] if e["production"]]
    if len(prod) != 1 or prod[0]["config_class"] != "config.ProductionConfig":
        problems.append("seed_000: production should be config.ProductionConfig, got %r" % prod)
    else:
        secure = prod[0]["config"].get("SESSION_COOKIE_SECURE", {})
        if secure.get("from") != "Config" or secure.get("text") != "False":
            problems.append("seed_000: SESSION_COOKIE_SECURE in production should come from Config (False): %r" % secure)
    names = sorted(e["name"] for e in app["environments"])
    if names != ["development", "production", "testing"]:
        problems.append("seed_000: environments %r" % names)
    kinds = sorted({c["kind"] for c in app["controls"]})
    for kind in ("csrf", "login", "sqlalchemy"):
        if kind not in kinds:
            problems.append("seed_000: control %s missing from %r" % (kind, kinds))
    login = [r for r in app["routes"] if r["path"] == "/api/login"]
    if not login or login[0]["methods"] != ["POST"] or not login[0]["rate_limited"]:
        problems.append("seed_000: /api/login should be a rate-limited POST route: %r" % login)
    model = debug_app(aegis, os.path.join(root, "seed_003"))
    app = model["apps"][0]
    if app["framework"] != "fastapi":
        problems.append("seed_003: expected a FastAPI app, got %r" % app["framework"])
    paths = sorted(r["path"] for r in app["routes"])
    if "/artifact/{model_id}/upload" not in paths:
        problems.append("seed_003: the router's prefix should be applied: %r" % paths)
    upload = [r for r in app["routes"] if r["path"] == "/artifact/{model_id}/upload"]
    if upload and not upload[0]["authenticated"]:
        problems.append("seed_003: upload depends on get_current_user and should count as authenticated")
    cors = [c for c in app["controls"] if c["kind"] == "cors"]
    if not cors or "allow_credentials=True" not in cors[0]["arguments"]:
        problems.append("seed_003: CORSMiddleware arguments missing: %r" % cors)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--aegis", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    aegis = os.path.abspath(args.aegis)
    root = os.path.join(args.source_dir, "tests", "projects")
    # seed_*: the seed reviews' apps and their fixed twins; traps_*: look-alikes that must not count.
    seeds = sorted(d for d in os.listdir(root) if d.startswith(("seed_", "traps_")) and os.path.isfile(os.path.join(root, d, "expected.txt")))
    problems = []
    results = {}
    for seed in seeds:
        project = os.path.join(root, seed)
        want_findings, want_strengths = read_expected(os.path.join(project, "expected.txt"))
        got_findings, got_strengths, _ = scan(aegis, project)
        results[seed] = (got_findings, got_strengths)
        for label, want, got in (("findings", want_findings, got_findings), ("strengths", want_strengths, got_strengths)):
            if want - got:
                problems.append("%s: expected %s not reported:\n%s" % (seed, label, describe(want - got)))
            if got - want:
                problems.append("%s: unexpected %s:\n%s" % (seed, label, describe(got - want)))
    checked = 0
    for seed in seeds:
        if seed.endswith("_fixed") or seed + "_fixed" not in results:
            continue
        checked += 1
        findings, strengths = results[seed]
        fixed_findings, fixed_strengths = results[seed + "_fixed"]
        if not findings:
            problems.append("%s: the seed project reports nothing: the fixed twin proves nothing" % seed)
        still = {f for f in fixed_findings if f[0] in {r for r, _ in findings}}
        if still:
            problems.append("%s_fixed: findings of the seed's rules remain after the fix:\n%s" % (seed, describe(still)))
        lost = {s for s, _ in strengths} - {s for s, _ in fixed_strengths}
        if lost:
            problems.append("%s_fixed: strengths lost by the fix: %s" % (seed, ", ".join(sorted(lost))))
    check_model(aegis, root, problems)
    # The JSON document with strengths validates against the published schema.
    try:
        import jsonschema  # python3-jsonschema, installed by scripts/bootstrap.sh
    except ImportError:
        jsonschema = None
    if jsonschema is not None:
        with open(os.path.join(args.source_dir, "docs", "json-output.schema.json"), encoding="utf-8") as f:
            validator = jsonschema.Draft202012Validator(json.load(f))
        _, _, doc = scan(aegis, os.path.join(root, "seed_000_fixed"))
        errors = [e.message for e in validator.iter_errors(doc)]
        if errors or not doc["strengths"]:
            problems.append("seed_000_fixed: the JSON report with strengths does not validate: %r" % errors[:5])
        broken = dict(doc)
        broken["strengths"] = [dict(doc["strengths"][0], id="Not An Id")] if doc["strengths"] else []
        if broken["strengths"] and not list(validator.iter_errors(broken)):
            problems.append("the schema accepts a strength id that is not kebab-case")
    # Text output lists the strengths with --strengths, and only then.
    project = os.path.join(root, "seed_000_fixed")
    with_flag = subprocess.run([aegis, "scan", ".", "--strengths", "--no-progress", "--no-config", "--fail-on", "never"],
                               capture_output=True, text=True, cwd=project).stdout
    without = subprocess.run([aegis, "scan", ".", "--no-progress", "--no-config", "--fail-on", "never"],
                             capture_output=True, text=True, cwd=project).stdout
    if "Strengths: " not in with_flag or "CSRF protection initialised for the Flask app: CSRFProtect (app.py:" not in with_flag:
        problems.append("--strengths: the text report does not list the strengths:\n" + with_flag[-1500:])
    if "Strengths: " in without:
        problems.append("the text report lists strengths without --strengths")
    if len(seeds) < 8 or checked < 4:
        problems.append("expected the four seed projects with fixed twins, found %r" % seeds)
    for p in problems:
        print("FAIL: " + p)
    print("%d projects, %d seed/fixed pairs, %d problems" % (len(seeds), checked, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
