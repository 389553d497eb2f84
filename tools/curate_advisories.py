#!/usr/bin/env python3
"""Regenerates data/advisories/web-stack.json, the advisory set built into Aegis, from a
checkout of the PyPA advisory database (OSV YAML files under vulns/<package>/):

    python3 tools/curate_advisories.py ../shared/data/pypa-advisory-db > data/advisories/web-stack.json

Keeps the packages of the usual web stack and, per advisory, only what matching and the
report need: id, aliases, a one-sentence summary, dates, withdrawal, and the PyPI
ECOSYSTEM ranges (the explicit version list only when an advisory has no range).
Advisories published after the snapshot are kept by hand in data/advisories/recent.json.
"""
import json
import os
import re
import sys

import yaml

PACKAGES = ["flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous", "requests", "urllib3",
            "django", "djangorestframework", "fastapi", "starlette", "python-multipart", "pyjwt",
            "pillow", "pyyaml", "sqlalchemy", "cryptography", "gunicorn", "waitress", "uvicorn",
            "httpx", "aiohttp", "flask-cors", "paramiko", "lxml", "certifi", "idna"]


def summary_of(adv):
    text = (adv.get("summary") or adv.get("details") or "").strip()
    text = re.sub(r"\s+", " ", text)
    match = re.match(r"(.{20,220}?[.!?])(\s|$)", text)
    text = match.group(1) if match else text[:220]
    return text


def main():
    root = os.path.join(sys.argv[1], "vulns")
    out = []
    for package in PACKAGES:
        folder = os.path.join(root, package)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                adv = yaml.safe_load(f)
            affected = []
            for a in adv.get("affected", []):
                if a.get("package", {}).get("ecosystem") != "PyPI":
                    continue
                ranges = [{"type": "ECOSYSTEM", "events": r["events"]}
                          for r in a.get("ranges", []) if r.get("type") == "ECOSYSTEM"]
                entry = {"package": {"ecosystem": "PyPI", "name": a["package"]["name"]}}
                if ranges:
                    entry["ranges"] = ranges
                else:
                    entry["versions"] = [str(v) for v in a.get("versions", [])]
                affected.append(entry)
            if not affected:
                continue
            item = {"id": adv["id"], "aliases": sorted(adv.get("aliases", []) or []),
                    "summary": summary_of(adv), "published": str(adv.get("published", "")),
                    "modified": str(adv.get("modified", "")), "affected": affected}
            if adv.get("withdrawn"):
                item["withdrawn"] = str(adv["withdrawn"])
            out.append(item)
    json.dump(out, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
