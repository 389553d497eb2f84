"""Synthetic OSV exports for tests and benchmarks: `count` advisories over `packages`
packages, with introduced/fixed/last_affected ranges, explicit version lists, aliases and
some withdrawn entries, written as a zip of JSON files (the form of an OSV PyPI export)."""
import json
import random
import zipfile


def advisory(i, packages, rng):
    package = "synthpkg-%d" % rng.randrange(packages)
    major = rng.randrange(1, 6)
    events = [{"introduced": "0" if rng.random() < 0.4 else "%d.0.0" % major}]
    if rng.random() < 0.8:
        events.append({"fixed": "%d.%d.%d" % (major, rng.randrange(10), rng.randrange(10))})
    else:
        events.append({"last_affected": "%d.%d.0" % (major, rng.randrange(10))})
    doc = {
        "schema_version": "1.6.0",
        "id": "SYNTH-%06d" % i,
        "aliases": ["CVE-2099-%05d" % i],
        "summary": "synthetic advisory %d for %s" % (i, package),
        "modified": "2026-01-01T00:00:00Z",
        "published": "2025-01-01T00:00:00Z",
        "affected": [{"package": {"ecosystem": "PyPI", "name": package},
                      "ranges": [{"type": "ECOSYSTEM", "events": events}],
                      "versions": ["%d.0.0" % major]}],
    }
    if i % 97 == 0:
        doc["withdrawn"] = "2026-02-01T00:00:00Z"
    return doc


def write_zip(path, count, packages=3000, seed=20000):
    rng = random.Random(seed)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(count):
            z.writestr("SYNTH-%06d.json" % i, json.dumps(advisory(i, packages, rng)))
    return path
