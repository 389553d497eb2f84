#!/usr/bin/env python3
"""`aegis scan --format cyclonedx`: the SBOM validates against the CycloneDX 1.5 JSON schema
(tests/data/cyclonedx/), lists the declared and locked dependencies with purls, scopes and
where they are declared, names the advisories that cover the installed versions with the
upgrade, and is byte-identical across runs and thread counts.

    python3 tests/scripts/test_cyclonedx.py --aegis build/aegis --source-dir .
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:  # pragma: no cover
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("FAIL: python3-jsonschema is not installed (scripts/bootstrap.sh installs it)")
    sys.exit(1)


def sbom(aegis, project, env, jobs):
    p = subprocess.run([aegis, "scan", project, "--format", "cyclonedx", "--no-progress", "--no-config",
                        "--fail-on", "never", "-j", str(jobs)], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise RuntimeError("exit %d: %s" % (p.returncode, p.stderr[-1000:]))
    return p.stdout


def validator(source_dir):
    folder = os.path.join(source_dir, "tests", "data", "cyclonedx")
    store = {}
    for name in os.listdir(folder):
        if name.endswith(".schema.json"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                schema = json.load(f)
            store[schema["$id"]] = schema
            store[name] = schema  # the relative $refs of the bom schema
    bom = store["bom-1.5.SNAPSHOT.schema.json"]
    resolver = jsonschema.RefResolver(base_uri="", referrer=bom, store=store)
    return jsonschema.Draft7Validator(bom, resolver=resolver)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", default=".")
    args = ap.parse_args()
    aegis = os.path.abspath(args.aegis)
    root = os.path.abspath(args.source_dir)
    problems = []
    check = validator(root)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, AEGIS_ADVISORY_DB=os.path.join(tmp, "none.idx"))
        projects = os.path.join(root, "tests", "projects", "dependencies")
        for name in ["poetry_project", "vulnerable_pins", "pipfile_project", "seed000_fixed"]:
            project = os.path.join(projects, name)
            text = sbom(aegis, project, env, 1)
            if sbom(aegis, project, env, 2) != text:
                problems.append("%s: output differs between -j1 and -j2" % name)
            doc = json.loads(text)
            for error in sorted(check.iter_errors(doc), key=str)[:5]:
                problems.append("%s: schema: %s at %s" % (name, error.message, list(error.absolute_path)))
            refs = {c["bom-ref"] for c in doc["components"]}
            for v in doc["vulnerabilities"]:
                for a in v["affects"]:
                    if a["ref"] not in refs:
                        problems.append("%s: %s affects %s, not a component" % (name, v["id"], a["ref"]))
            by_name = {c["name"]: c for c in doc["components"]}
            if name == "poetry_project":
                jwt = by_name.get("pyjwt")
                if not jwt or jwt.get("version") != "2.10.0" or jwt["purl"] != "pkg:pypi/pyjwt@2.10.0":
                    problems.append("poetry_project: pyjwt should be locked at 2.10.0: %s" % jwt)
                if by_name.get("httpx", {}).get("scope") != "optional":
                    problems.append("poetry_project: httpx (dev group) should be optional")
                werkzeug = by_name.get("werkzeug", {})
                if {"name": "aegis:dependency", "value": "transitive"} not in werkzeug.get("properties", []):
                    problems.append("poetry_project: werkzeug is only locked: transitive")
                vulns = {(v["id"], v["affects"][0]["ref"]) for v in doc["vulnerabilities"]}
                if ("GHSA-75c5-xw7c-p5pm", "pkg:pypi/pyjwt@2.10.0") not in vulns:
                    problems.append("poetry_project: GHSA-75c5-xw7c-p5pm on pyjwt missing: %s" % sorted(vulns))
                rec = [v["recommendation"] for v in doc["vulnerabilities"] if v["id"] == "GHSA-75c5-xw7c-p5pm"]
                if rec != ["Upgrade pyjwt to 2.10.1 or later"]:
                    problems.append("poetry_project: recommendation %s" % rec)
            if name == "vulnerable_pins":
                ids = {v["id"] for v in doc["vulnerabilities"] if v["affects"][0]["ref"] == "pkg:pypi/jinja2@3.1.4"}
                if ids != {"GHSA-q2x7-8rv6-6q7h", "GHSA-gmj6-6f8f-6699", "GHSA-cpwx-vrp4-4pq7"}:
                    problems.append("vulnerable_pins: jinja2 3.1.4 advisories %s" % sorted(ids))
                if "version" in by_name.get("urllib3", {}):
                    problems.append("vulnerable_pins: urllib3 is a range, it has no version")
            if name == "seed000_fixed" and doc["vulnerabilities"]:
                problems.append("seed000_fixed: no advisory expected, got %s" % [v["id"] for v in doc["vulnerabilities"]])
        # An empty project is still a complete, valid document.
        doc = json.loads(sbom(aegis, tmp, env, 1))
        for error in check.iter_errors(doc):
            problems.append("empty project: schema: %s" % error.message)
        if doc["components"] != [] or doc["vulnerabilities"] != []:
            problems.append("empty project: components/vulnerabilities should be empty")
    for line in problems:
        print("FAIL " + line)
    print("FAIL" if problems else "OK: 4 fixture SBOMs and an empty one validate against CycloneDX 1.5")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
