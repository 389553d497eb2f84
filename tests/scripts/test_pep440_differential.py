#!/usr/bin/env python3
"""PEP 440 / PEP 508 differential test: Aegis against the `packaging` library.

Generates (seeded, deterministic) thousands of version strings, specifier sets,
requirements and markers, valid and invalid, asks `aegis debug pep440` and `packaging`
the same questions, and fails on any disagreement, printing the first ones.

    python3 tests/scripts/test_pep440_differential.py --aegis build/aegis [--source-dir .]
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys

try:
    from packaging.markers import InvalidMarker, Marker
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version
except ImportError:  # pragma: no cover
    # The oracle is Debian's python3-packaging: run under Debian's Python when the one
    # on PATH (a pyenv build, say) lacks it.
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and \
            os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("FAIL: the oracle, python3-packaging, is not installed (scripts/bootstrap.sh installs it)")
    sys.exit(1)

RNG = random.Random(440508)
LETTERS = ["a", "b", "c", "rc", "alpha", "beta", "pre", "preview", "A", "RC", "Alpha"]
POSTS = ["post", "rev", "r", "POST"]
SEPS = ["", ".", "-", "_"]


def number():
    return RNG.choice(["0", "1", "2", "9", "10", "01", "007", "123", "99999999999999999999999"])


def random_version(valid_bias=0.85):
    parts = []
    if RNG.random() < 0.1:
        parts.append(RNG.choice(["v", "V", " ", "  v"]))
    if RNG.random() < 0.1:
        parts.append(number() + "!")
    parts.append(".".join(number() for _ in range(RNG.choice([1, 1, 2, 2, 3, 3, 4]))))
    if RNG.random() < 0.35:
        parts.append(RNG.choice(SEPS) + RNG.choice(LETTERS) + RNG.choice(SEPS[:2]) +
                     (number() if RNG.random() < 0.8 else ""))
    if RNG.random() < 0.25:
        if RNG.random() < 0.3:
            parts.append("-" + number())
        else:
            parts.append(RNG.choice(SEPS) + RNG.choice(POSTS) + RNG.choice(SEPS[:2]) +
                         (number() if RNG.random() < 0.8 else ""))
    if RNG.random() < 0.25:
        parts.append(RNG.choice(SEPS) + RNG.choice(["dev", "DEV"]) + (number() if RNG.random() < 0.8 else ""))
    if RNG.random() < 0.15:
        parts.append("+" + RNG.choice(["ubuntu", "abc", "1", "007", "local"]) +
                     (RNG.choice([".", "-", "_"]) + RNG.choice(["2", "x1", "9"]) if RNG.random() < 0.5 else ""))
    text = "".join(parts)
    if RNG.random() > valid_bias:
        mutation = RNG.choice(["drop", "dup", "junk", "trail"])
        i = RNG.randrange(len(text) + 1)
        if mutation == "drop" and text:
            text = text[:max(0, i - 1)] + text[i:]
        elif mutation == "dup" and text:
            text = text[:i] + text[i - 1:i] + text[i:]
        elif mutation == "junk":
            text = text[:i] + RNG.choice(["..", "+", "!", "*", "x", "-", " ", "~"]) + text[i:]
        else:
            text += RNG.choice([".", "-", "+", "_", " ", ".0"])
    return text


def random_specifier():
    clauses = []
    for _ in range(RNG.choice([0, 1, 1, 2, 2, 3])):
        op = RNG.choice(["==", "!=", "<=", ">=", "<", ">", "~=", "===", "=", "~"])
        v = random_version(0.95)
        if op in ("==", "!=") and RNG.random() < 0.25:
            v = ".".join(number() for _ in range(RNG.choice([1, 2, 3]))) + ".*"
        clauses.append(op + RNG.choice(["", " "]) + v.strip())
    return RNG.choice([",", ", ", " ,"]).join(clauses)


def packaging_version(text):
    try:
        v = Version(text)
    except InvalidVersion:
        return {"valid": False}
    return {"valid": True, "str": str(v), "public": v.public, "base": v.base_version,
            "is_prerelease": v.is_prerelease, "is_postrelease": v.is_postrelease,
            "is_devrelease": v.is_devrelease, "local": v.local is not None}


MARKER_VARS = ["python_version", "python_full_version", "os_name", "sys_platform", "platform_system",
               "platform_machine", "implementation_name", "platform_python_implementation", "extra",
               "os.name", "sys.platform", "python_implementation"]
ENV = {"python_version": "3.12", "python_full_version": "3.12.1", "os_name": "posix",
       "sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64",
       "implementation_name": "cpython", "implementation_version": "3.12.1",
       "platform_python_implementation": "CPython", "platform_release": "6.1.0",
       "platform_version": "#1 SMP"}


def random_marker_atom(depth=0):
    if depth < 2 and RNG.random() < 0.2:
        return "(" + random_marker(depth + 1) + ")"
    var = RNG.choice(MARKER_VARS)
    op = RNG.choice(["==", "!=", "<", "<=", ">", ">=", "~=", "in", "not in", "===", "=", "is"])
    values = {"python_version": ["3.8", "3.12", "3.13", "3"], "python_full_version": ["3.12.1", "3.12.0rc1"],
              "os_name": ["posix", "nt"], "sys_platform": ["linux", "win32", "lin"],
              "platform_system": ["Linux", "Windows"], "extra": ["test", "Dev_Tools", "security"]}
    value = RNG.choice(values.get(var.replace(".", "_"), ["x86_64", "cpython", "CPython", "2.7"]))
    quote = RNG.choice(['"', "'"])
    left, right = var, quote + value + quote
    if RNG.random() < 0.15:
        left, right = right, left
    return left + RNG.choice(["", " "]) + op + RNG.choice(["", " "]) + right


def random_marker(depth=0):
    atoms = [random_marker_atom(depth) for _ in range(RNG.choice([1, 1, 2, 3]))]
    return RNG.choice([" and ", " or ", " and", "and "]).join(atoms) if len(atoms) > 1 else atoms[0]


def random_requirement():
    name = RNG.choice(["flask", "Flask-WTF", "zope.interface", "a", "pkg_x", "-bad", "x-", "9lives"])
    text = name
    if RNG.random() < 0.3:
        text += RNG.choice(["[security]", "[a,b]", "[ a , b ]", "[]", "[a b]", "[a,]"])
    if RNG.random() < 0.15:
        text += RNG.choice([" @ https://example.com/x.whl", "@ file:///tmp/x", " @ git+https://h/r.git@v1",
                            " @ notaurl", "@"])
    else:
        spec = random_specifier()
        if spec and RNG.random() < 0.3:
            spec = "(" + spec + ")"
        text += RNG.choice(["", " "]) + spec
    if RNG.random() < 0.4:
        text += RNG.choice([";", " ;", "; "]) + random_marker()
    return text


def oracle(q):
    try:
        return ask_packaging(q)
    except (InvalidVersion, InvalidSpecifier, TypeError):
        return None  # packaging raises on inputs it half-accepts (e.g. "===1.0+"): no claim


def ask_packaging(q):
    op = q["op"]
    if op == "version":
        return packaging_version(q["text"])
    if op == "compare":
        try:
            a, b = Version(q["a"]), Version(q["b"])
        except InvalidVersion:
            return {"valid": False}
        return {"valid": True, "cmp": -1 if a < b else (0 if a == b else 1)}
    if op in ("contains", "filter"):
        try:
            s = SpecifierSet(q["spec"])
        except InvalidSpecifier:
            return {"valid": False}
        if op == "contains":
            try:
                v = Version(q["version"])
            except InvalidVersion:
                return {"valid": False}
            return {"valid": True, "result": s.contains(v, prereleases=q["prereleases"]), "str": str(s)}
        versions = [v for v in q["versions"] if packaging_version(v)["valid"]]
        return {"valid": True,
                "result": [str(Version(v)) for v in s.filter(versions, prereleases=q["prereleases"])]}
    if op == "requirement":
        try:
            r = Requirement(q["text"])
        except InvalidRequirement:
            return {"valid": False}
        return {"valid": True, "name": r.name, "extras": sorted(r.extras), "specifier": str(r.specifier),
                "url": r.url or "", "marker": str(r.marker) if r.marker else None, "str": str(r)}
    if op == "marker":
        try:
            m = Marker(q["text"])
            # packaging 23.0's Marker() ignores trailing text ("a == 'b' andc"); a
            # requirement checks the whole marker, so validity is asked that way.
            Requirement("x; " + q["text"])
        except (InvalidMarker, InvalidRequirement):
            return {"valid": False}
        env = dict(q["env"])
        env["extra"] = q["extra"]
        try:
            result = m.evaluate(env)
        except Exception:  # packaging raises on comparisons it cannot make
            return None
        return {"valid": True, "str": str(m), "result": result}
    raise ValueError(op)


EXTRA_VALUE = re.compile(r'(extra\s*(?:===|==|!=|<=|>=|~=|<|>|not in|in)\s*)"([^"]*)"|'
                         r'"([^"]*)"(\s*(?:===|==|!=|<=|>=|~=|<|>|not in|in)\s*extra)')


def normalise_extras(text):
    """packaging 23.0 normalises the extra name of the first marker item only (PEP 685 says
    every one); Aegis normalises all, so marker texts are compared with all normalised."""
    if not isinstance(text, str):
        return text

    def canon(name):
        return re.sub(r"[-_.]+", "-", name).lower()

    return EXTRA_VALUE.sub(lambda m: (m.group(1) + '"%s"' % canon(m.group(2))) if m.group(1) is not None
                           else ('"%s"' % canon(m.group(3)) + m.group(4)), text)


def same(ours, theirs):
    if theirs is None:
        return True  # the oracle cannot answer (raises); no claim either way
    if not theirs.get("valid"):
        return not ours.get("valid")
    for key, value in theirs.items():
        mine = ours.get(key)
        if key in ("marker", "str"):
            mine, value = normalise_extras(mine), normalise_extras(value)
        if mine != value:
            return False
    return True


def queries():
    out = []
    versions = [random_version() for _ in range(3000)]
    out += [{"op": "version", "text": v} for v in versions]
    valid = [v for v in versions if packaging_version(v)["valid"]]
    for _ in range(3000):
        out.append({"op": "compare", "a": RNG.choice(valid), "b": RNG.choice(valid)})
    for _ in range(4000):
        out.append({"op": "contains", "spec": random_specifier(), "version": RNG.choice(valid),
                    "prereleases": RNG.choice([None, None, True, False])})
    for _ in range(400):
        out.append({"op": "filter", "spec": random_specifier(), "versions": RNG.sample(valid, 8),
                    "prereleases": RNG.choice([None, True, False])})
    for _ in range(2000):
        out.append({"op": "requirement", "text": random_requirement()})
    for _ in range(2000):
        out.append({"op": "marker", "text": random_marker(), "env": ENV,
                    "extra": RNG.choice(["", "test", "dev-tools", "Security"])})
    # Fixed cases from PEP 440 and PEP 508 text.
    ordered = ["1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
               "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456",
               "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456",
               "1.0.15", "1.1.dev1"]
    for a in ordered:
        for b in ordered:
            out.append({"op": "compare", "a": a, "b": b})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", default=".")
    args = ap.parse_args()
    qs = queries()
    p = subprocess.run([args.aegis, "debug", "pep440"], input="\n".join(json.dumps(q) for q in qs) + "\n",
                       capture_output=True, text=True)
    if p.returncode != 0:
        print("FAIL: aegis debug pep440 exited %d: %s" % (p.returncode, p.stderr[-2000:]))
        return 1
    answers = p.stdout.splitlines()
    if len(answers) != len(qs):
        print("FAIL: %d queries, %d answers" % (len(qs), len(answers)))
        return 1
    counts, failures, skipped = {}, [], 0
    for q, line in zip(qs, answers):
        ours = json.loads(line)
        theirs = oracle(q)
        if theirs is None:
            skipped += 1
        counts[q["op"]] = counts.get(q["op"], 0) + 1
        if not same(ours, theirs):
            failures.append((q, ours, theirs))
    print("compared with packaging %s: %s; %d marker cases packaging cannot evaluate" % (
        __import__("packaging").__version__,
        ", ".join("%d %s" % (n, op) for op, n in sorted(counts.items())), skipped))
    for q, ours, theirs in failures[:25]:
        print("DIFF %s\n  aegis:     %s\n  packaging: %s" % (json.dumps(q), json.dumps(ours), json.dumps(theirs)))
    if failures:
        print("FAIL: %d disagreements" % len(failures))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
