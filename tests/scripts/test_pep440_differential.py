#!/usr/bin/env python3
"""Differential test of Aegis's PEP 440 / PEP 508 code against Python's `packaging`.

Generates (seeded, so every run asks the same questions) thousands of version strings,
specifier sets, requirements and markers, valid and not, asks both `packaging` (the
version Debian 12 ships, 23.0, which Aegis follows) and `aegis debug pep440`, and fails on
any disagreement, printing the first ones.

One difference is accepted and counted: a version number above 2**64-1, which Python's
integers take and Aegis rejects on purpose. Questions packaging itself cannot answer
(it raises for SpecifierSet("===foo").contains(v) without an explicit prereleases) are
counted and skipped.

Usage: test_pep440_differential.py --aegis BINARY [--source-dir REPO] [--seed N] [--scale N]
"""

import argparse
import json
import os
import random
import subprocess
import sys


def ensure_packaging():
    """Run under a Python that has packaging: this one, or another python3 on PATH.

    String hashing is fixed too: whether packaging raises for some "===" questions depends
    on the iteration order of its frozenset of clauses, and the counts should not move."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)
    try:
        import packaging  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("AEGIS_PEP440_REEXEC"):
        sys.exit("error: no python3 with the packaging module (Debian: python3-packaging)")
    here = os.path.realpath(sys.executable)
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(directory, "python3")
        if not os.access(candidate, os.X_OK) or os.path.realpath(candidate) == here:
            continue
        probe = subprocess.run([candidate, "-c", "import packaging"], capture_output=True)
        if probe.returncode == 0:
            os.environ["AEGIS_PEP440_REEXEC"] = "1"
            os.execv(candidate, [candidate] + sys.argv)
    sys.exit("error: no python3 with the packaging module (Debian: python3-packaging)")


ensure_packaging()

import packaging  # noqa: E402
from packaging._tokenizer import ParserSyntaxError  # noqa: E402
from packaging.markers import Marker  # noqa: E402
from packaging.requirements import Requirement  # noqa: E402
from packaging.specifiers import SpecifierSet  # noqa: E402
from packaging.version import Version  # noqa: E402

EXPECTED_PACKAGING = "23.0"

# ---------------------------------------------------------------------------------------
# Generators
# ---------------------------------------------------------------------------------------

SEPARATORS = ["", "", "", ".", "-", "_"]
PRE_LABELS = ["a", "b", "c", "rc", "alpha", "beta", "pre", "preview", "A", "RC", "Alpha", "PREVIEW"]
POST_LABELS = ["post", "rev", "r", "POST", "Rev", "R"]
DEV_LABELS = ["dev", "DEV", "Dev"]
# Code points Python's re.IGNORECASE folds onto ASCII letters, and a few that it does not.
ODD_CHARS = ["\u017f", "\u0131", "\u0130", "\u212a", "\u00e9", "\u00a0", "\u2003", "\x85", "\u00df", "\u0660"]
NOISE = list("-_.+!*~=<>,;()[]@ \t\n#/:'\"\\") + ["", "1", "a", "dev", "post", "x"] + ODD_CHARS


def number(rng):
    r = rng.random()
    if r < 0.5:
        return str(rng.randint(0, 9))
    if r < 0.8:
        return str(rng.randint(10, 2021))
    if r < 0.9:
        return "0" * rng.randint(1, 3) + str(rng.randint(0, 99))
    if r < 0.995:
        return str(rng.randint(0, 2**63))
    return str(rng.randint(2**64 - 3, 2**70))  # beyond 64 bits now and then


def local_label(rng):
    parts = []
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        if r < 0.4:
            parts.append(number(rng))
        elif r < 0.9:
            parts.append(rng.choice(["ubuntu", "abc", "Deb", "cpu", "cu118", "git", "g1234abc", "x", "K"]))
        else:
            parts.append(rng.choice(["s\u017f", "\u212a", "\u0131x", "\u0130"]))
    out = parts[0]
    for p in parts[1:]:
        out += rng.choice([".", "-", "_"]) + p
    return out


def version_text(rng, allow_local=True):
    out = ""
    if rng.random() < 0.1:
        out += rng.choice([" ", "\t", "  ", "\n", "\u00a0"])
    if rng.random() < 0.1:
        out += rng.choice(["v", "V"])
    if rng.random() < 0.12:
        out += number(rng) + "!"
    out += ".".join(number(rng) for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 3, 4, 5])))
    if rng.random() < 0.3:
        label = rng.choice(PRE_LABELS)
        if rng.random() < 0.05:
            label = rng.choice(["prev\u0131ew", "pr\u0130"])
        out += rng.choice(SEPARATORS) + label + rng.choice(SEPARATORS) + (number(rng) if rng.random() < 0.8 else "")
    if rng.random() < 0.25:
        if rng.random() < 0.3:
            out += "-" + number(rng)
        else:
            label = rng.choice(POST_LABELS) if rng.random() < 0.95 else "po\u017ft"
            out += rng.choice(SEPARATORS) + label + rng.choice(SEPARATORS) + (number(rng) if rng.random() < 0.8 else "")
    if rng.random() < 0.2:
        out += rng.choice(SEPARATORS) + rng.choice(DEV_LABELS) + rng.choice(SEPARATORS) + (
            number(rng) if rng.random() < 0.8 else "")
    if allow_local and rng.random() < 0.15:
        out += "+" + local_label(rng)
    if rng.random() < 0.08:
        out += rng.choice([" ", "\t", "\n", "\r\n", "\u3000"])
    return out


def mutate(rng, text):
    """Small edits that make many strings invalid and some differently valid."""
    for _ in range(rng.randint(1, 2)):
        i = rng.randint(0, len(text))
        r = rng.random()
        if r < 0.4:
            text = text[:i] + rng.choice(NOISE) + text[i:]
        elif r < 0.7 and text:
            text = text[:i] + text[i + 1:]
        elif text:
            j = rng.randint(0, len(text))
            text = text[:i] + text[j:j + 3] + text[i:]
    return text


def clean_version(rng):
    """A valid version of modest size, for comparisons and specifier matching."""
    while True:
        text = version_text(rng)
        try:
            v = Version(text)
        except Exception:
            continue
        if max([v.epoch] + list(v.release) + [v.pre[1] if v.pre else 0, v.post or 0, v.dev or 0]) < 2**63:
            return text


def nearby_versions(rng, base, count):
    """Versions around `base`: the kind of neighbours specifier edge cases are about."""
    try:
        v = Version(base)
    except Exception:  # str() of a few case-folded local labels does not parse again
        v = Version("1.0")
    release = list(v.release)
    out = []
    for _ in range(count):
        r = list(release)
        k = rng.randrange(len(r) + 1)
        if k < len(r):
            r[k] = max(0, r[k] + rng.choice([-1, 0, 0, 1]))
        else:
            r.append(rng.choice([0, 0, 1]))
        text = (f"{v.epoch}!" if v.epoch and rng.random() < 0.9 else "") + ".".join(map(str, r))
        text += rng.choice(["", "", "", "a1", "b2", "rc1", ".dev0", "a1.dev2"])
        text += rng.choice(["", "", "", ".post1", ".post0.dev1"])
        text += rng.choice(["", "", "", "", "+local", "+1.abc"])
        out.append(text)
    return out


OPERATORS = ["==", "!=", "<=", ">=", "<", ">", "~=", "==="]


def clause(rng):
    op = rng.choice(OPERATORS)
    spaces = lambda: rng.choice(["", "", "", " ", "  ", "\t"])  # noqa: E731
    if op == "===":
        body = rng.choice([clean_version(rng), "foobar", "1.0.0", "1.0", "1.0A1", "V1.0", "\u212a", ""])
    else:
        body = version_text(rng, allow_local=op in ("==", "!="))
        if op in ("==", "!=") and rng.random() < 0.25:
            body = body.strip().split("+")[0]
            for cut in (".dev", ".post", "a", "b", "rc", "-"):
                body = body.split(cut)[0] if rng.random() < 0.7 else body
            body += ".*"
    return spaces() + op + spaces() + body + spaces()


def specifier_text(rng):
    clauses = [clause(rng) for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3]))]
    text = ",".join(clauses)
    if rng.random() < 0.05:
        text += ","
    if rng.random() < 0.1:
        text = mutate(rng, text)
    return text


NAMES = ["requests", "Django", "zope.interface", "typing_extensions", "A", "a-b", "x1", "pkg9", "Foo__Bar", "ruamel.yaml"]
EXTRAS = ["security", "socks", "Test", "dev_tools", "a.b", "x-y", "9"]
URLS = [
    "https://example.com/pkg.tar.gz", "http://x.com", "git+https://github.com/o/r.git@v1#egg=r",
    "file:///tmp/pkg.whl", "file:/tmp/pkg.whl", "file://localhost/tmp/x", "FILE:///x", "file:///x?",
    "file:///x#frag", "file:pkg", "http://[::1]:8000/x", "http://[::ffff:1.2.3.4]/", "http://[1.2.3.4]/",
    "http://[::1/x", "http://]x[/", "https://user@[v1.fe]/x", "http://[fe80::1%eth0]/", "./local/path",
    "pkg.tar.gz", "https:///nohost", "ssh://git@host:repo", "//host/path", "git+ssh://git@h.com/o/r",
]
VARIABLES = ["python_version", "python_full_version", "os_name", "os.name", "sys_platform", "sys.platform",
             "platform_release", "platform_system", "platform_version", "platform.version", "platform_machine",
             "platform.machine", "platform_python_implementation", "platform.python_implementation",
             "python_implementation", "implementation_name", "implementation_version", "extra"]
VALUES = ["3.8", "3.10", "3.12", "3.12.1", "2.7", "3", "3.*", "3.1*", "1.0a1", "5.0", "6.1.0-18-amd64", "linux",
          "win32", "darwin", "posix", "nt", "Linux", "Windows", "x86_64", "AMD64", "arm64", "CPython", "cpython",
          "PyPy", "security", "Foo_Bar", "test", "", "a b", "lin", "~=3.8", "3.8.0", "3.12.0rc1", "#1 SMP"]
MARKER_OPS = ["==", "!=", "<", "<=", ">", ">=", "~=", "===", "in", "not in"]


def quoted(rng, value):
    if rng.random() < 0.08:
        value = rng.choice(["\\x33.8", "lin\\u0075x", "\\\\", "a\\tb", "\\101", "\\q", "p\\\nosix"]) 
    if "'" in value or rng.random() < 0.5:
        return '"' + value.replace('"', "") + '"'
    return "'" + value + "'"


def marker_term(rng):
    ws = lambda: rng.choice(["", " ", " ", " ", "  ", "\t"])  # noqa: E731
    lhs = rng.choice(VARIABLES) if rng.random() < 0.93 else quoted(rng, rng.choice(VALUES + ["os_name", "extra"]))
    rhs = quoted(rng, rng.choice(VALUES)) if rng.random() < 0.92 else rng.choice(VARIABLES)
    if rng.random() < 0.15:
        lhs, rhs = rhs, lhs
    op = rng.choice(MARKER_OPS)
    if op == "not in" and rng.random() < 0.2:
        op = rng.choice(["not  in", "not\tin"])
    sep = " " if op[0].isalpha() else ws()
    return lhs + sep + op + (" " if op[0].isalpha() else ws()) + rhs


def marker_text(rng, depth=0):
    parts = []
    for i in range(rng.choice([1, 1, 2, 2, 3])):
        if i:
            parts.append(rng.choice([" and ", " or ", " and ", ") and (", " or (", "\tand\t", " and", "and "]))
        if depth < 3 and rng.random() < 0.2:
            parts.append("(" + rng.choice(["", " "]) + marker_text(rng, depth + 1) + rng.choice(["", " "]) + ")")
        else:
            parts.append(marker_term(rng))
    text = "".join(parts)
    if rng.random() < 0.1:
        text = "(" + text + ")"
    return text


def requirement_text(rng):
    ws = lambda: rng.choice(["", "", " ", " ", "  ", "\t"])  # noqa: E731
    out = ws() + rng.choice(NAMES)
    if rng.random() < 0.3:
        extras = [rng.choice(EXTRAS) for _ in range(rng.randint(0, 3))]
        out += ws() + "[" + ws() + (ws() + "," + ws()).join(extras) + ws() + "]"
    out += ws()
    if rng.random() < 0.2:
        out += "@" + ws() + rng.choice(URLS)
        if rng.random() < 0.4:
            out += rng.choice([" ", "  ", ""]) + ";" + ws() + marker_text(rng)
    else:
        spec = specifier_text(rng)
        if rng.random() < 0.3 and spec:
            spec = "(" + ws() + spec + ws() + ")"
        out += spec
        if rng.random() < 0.4:
            out += ws() + ";" + ws() + marker_text(rng)
    out += ws()
    if rng.random() < 0.03:
        out += "\n"
    return out


def environment(rng):
    env = {
        "implementation_name": "cpython", "implementation_version": "3.12.1", "os_name": "posix",
        "platform_machine": "x86_64", "platform_python_implementation": "CPython",
        "platform_release": "6.1.0-18-amd64", "platform_system": "Linux",
        "platform_version": "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1", "python_full_version": "3.12.1",
        "python_version": "3.12", "sys_platform": "linux",
    }
    choice = rng.random()
    if choice < 0.3:
        env.update({"os_name": "nt", "platform_system": "Windows", "sys_platform": "win32", "platform_machine": "AMD64",
                    "platform_release": "10", "platform_version": "10.0.19045"})
    elif choice < 0.5:
        env.update({"python_version": "3.8", "python_full_version": "3.8.18", "implementation_version": "3.8.18"})
    elif choice < 0.6:
        env.update({"python_version": "3.13", "python_full_version": "3.13.0rc1", "implementation_version": "3.13.0rc1"})
    elif choice < 0.7:
        env.update({"implementation_name": "pypy", "platform_python_implementation": "PyPy"})
    return env


# Cases worth asking every time: packaging's odd corners.
FIXED_VERSIONS = ["1.0a-", "1.0dev-", "1.0-post-", "1.0a-1", "1.0-1", "1.0-r-1", "1.0.", "1!", "1.0+", "v", "1.0++1",
                  " \t1.0\n", "1.0\n\n", "1.0\x85", "1.0po\u017ft1", "1.0prev\u0131ew1", "1.0+\u212a", "1.0+\u0130",
                  "1.0_a", "1.0.POST", "1.0pre", "1.0-DEV", "01.002.0003", "1.0+abc.007", "1.0+ubuntu-1_2.3"]
FIXED_SPECIFIERS = ["==1.0,==1.0.0", "~=1.0,~=1.0.0", "===1.0,===1.0.0", "===foo,>=1", ",,>=1,", "== 1.0", "> =1",
                    "====1.0", "~=1", "==1.0.*+local", ">=1.0+local", "==1!1.0.*", "~=1.4.5.DEV1", "~=1.0.0.c1.r1",
                    "<=1.0.*", "===", "==v1.0.*", "!=1.0.*"]
FIXED_CONTAINS = [("~=1.4.5.DEV1", "1.4.5.1"), ("==1!1.0.*", "1!1"), ("==1.0.*", "1"), ("~=1.0.0.c1.r1", "1.0.0rc1.post2"),
                  ("===1.0", "1.0"), ("===1.0.0", "1.0"), ("===\u212a", "1.0"), (">1.0", "1.0+local"),
                  (">1.0", "1.0.post1"), ("<1.0", "1.0a1"), ("<1.0", "0.9a1"), ("!=1.0.*", "1.0.1"),
                  ("==1.1.*", "1.10"), ("~=1!1.2", "1.9"), ("==1.0+local", "1.0+LOCAL")]
FIXED_REQUIREMENTS = [
    "name\n", "name===a,b", "name===a,>=1", "name (>=1.0", "name [a b]", "name[a,]", "name[]", "name @ file:///x",
    "name@file:/x", "name @ http://[::1]/ ; os_name=='a'", "name @ http://x.com;os_name=='a'", "f\u00e9e", "foo-",
    "-foo", "foo.", "name>=1.0;", "name; os_name=='a' and", "name ; extra == 'Foo_Bar'", "name;(os_name=='a')",
    "name;os_name=='a' or (python_version<'3' and extra=='x')", "name ; python_version == '3.8' junk",
    "name==1.0a1b", "name>=1,<2,", "name (>=1 , <2)", "name ( >=1 )", "name>= 1.0", "name[ a , b ] >= 1",
    "name ; 'os_name' == \"a\"", "name @ ", "name @ x", "name@ https://h/x ;", "name @ https://h/x ; ",
    "name @ https://h/x  ;  os_name == 'a'  ", "name ==1.0 ; os_name == 'a' ; x", "name[x]@ file://localhost/y",
    "name @ http://[v1.x]/", "name @ http://[1.2.3.4]/", "name @ http://u@[::1]:80/", "name @ http://[::1]x/",
    "name @ \x01http://h/", "name @ file:///x\r", "name (===1.0)", "name (==1.0))", "name;", "name ; (",
]
FIXED_MARKERS = [
    'os_name == "a" garbage', '((os_name == "a"))', 'os_name == "a" and ((python_version > "3" or extra == "X_y"))',
    '"posix" == os_name', 'python_version ~= "3.8"', 'os_name ~= "posix"', 'platform_release >= "5"',
    'extra == os_name', 'python_version in "3.8 3.9"', 'python_version not in "3.8"', 'os_name=="a"and os_name=="b"',
    'os_name=="a"andos_name=="b"', 'os.name == "posix"', 'python_implementation == "CPython"', "os_name == '\\x41'",
    "os_name == 'a\\'", 'python_full_version === "3.12.1"', 'implementation_version > "3.12.1rc1"',
    '(os_name == "a"', 'os_name == "a")', 'os_name', '', 'not in', 'os_name not  in "posix"', 'os_name notin "posix"',
    'extra == "Foo_Bar" and extra == "A.B"', 'python_version >= "3.8" and (extra == "x" or (os_name == "nt"))',
    '"3.8" < python_version', 'python_version > "3.12.*"', 'python_version == "3.*"', 'python_version_x == "1"',
    "os_name == 'a\nb'", "os_name == '\\u00e9'", 'sys.platform == "linux" or sys_platform == "win32"',
]


# ---------------------------------------------------------------------------------------
# The oracle
# ---------------------------------------------------------------------------------------

def byte_offset(text, char_offset):
    return len(text[:char_offset].encode("utf-8"))


def has_huge_number(*texts):
    for text in texts:
        digits = ""
        for ch in str(text) + " ":
            if "0" <= ch <= "9":
                digits += ch
            else:
                if digits and int(digits) >= 2**64:
                    return True
                digits = ""
    return False


class Skip(Exception):
    """packaging itself cannot answer this question."""


def oracle(q):
    op = q["op"]
    try:
        if op == "version":
            v = Version(q["text"])
            return {"ok": True, "str": str(v), "epoch": v.epoch, "release": list(v.release),
                    "is_prerelease": v.is_prerelease, "is_postrelease": v.is_postrelease,
                    "is_devrelease": v.is_devrelease, "local": v.local, "public": v.public,
                    "base_version": v.base_version}
        if op == "compare":
            a, b = Version(q["a"]), Version(q["b"])
            return {"ok": True, "cmp": (a > b) - (a < b)}
        if op == "specifier":
            s = SpecifierSet(q["text"])
            out = {"ok": True, "str": str(s), "specifiers": sorted(str(x) for x in s)}
            try:
                out["prereleases"] = s.prereleases
            except Exception:
                out["prereleases"] = "raises"
            return out
        if op == "contains":
            s = SpecifierSet(q["spec"])
            v = Version(q["version"])
            try:
                return {"ok": True, "result": s.contains(v, prereleases=q["prereleases"])}
            except Exception as e:
                if q["prereleases"] is None and "===" in q["spec"]:
                    raise Skip() from e
                raise
        if op == "filter":
            s = SpecifierSet(q["spec"])
            try:
                result = list(s.filter(q["versions"], prereleases=q["prereleases"]))
            except Exception as e:
                if q["prereleases"] is None and "===" in q["spec"]:
                    raise Skip() from e
                raise
            return {"ok": True, "result": [str(Version(x)) for x in result]}
        if op == "requirement":
            r = Requirement(q["text"])
            return {"ok": True, "name": r.name, "extras": sorted(r.extras), "specifier": str(r.specifier),
                    "url": r.url, "marker": str(r.marker) if r.marker is not None else None, "str": str(r)}
        if op == "marker":
            m = Marker(q["text"])
            out = {"ok": True, "str": str(m)}
            env = dict(q["env"])
            env["extra"] = q["extra"]
            try:
                out["result"] = m.evaluate(env)
            except Exception:
                out["result"] = None
            return out
    except Skip:
        raise
    except Exception as e:
        out = {"ok": False}
        cause = e.__cause__ if isinstance(e.__cause__, ParserSyntaxError) else None
        if cause is not None:
            out["offset"] = byte_offset(cause.source, cause.span[0])
        return out
    raise ValueError(op)


def agree(q, want, got):
    """Compare packaging's answer with ours on the fields packaging defines."""
    if want["ok"] != got.get("ok"):
        return False
    if not want["ok"]:
        return "offset" not in want or want["offset"] == got.get("offset")
    for key, value in want.items():
        if key == "prereleases" and value == "raises":
            continue
        if key == "specifiers":
            if sorted(got.get(key, [])) != value:
                return False
            continue
        if got.get(key) != value:
            return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", default=".")
    ap.add_argument("--seed", type=int, default=440508)
    ap.add_argument("--scale", type=int, default=1, help="multiply the number of cases")
    args = ap.parse_args()

    print("oracle: packaging %s (%s, Python %s)" % (packaging.__version__, os.path.dirname(packaging.__file__),
                                                     sys.version.split()[0]))
    if packaging.__version__ != EXPECTED_PACKAGING:
        print("error: Aegis follows packaging %s; this is %s" % (EXPECTED_PACKAGING, packaging.__version__))
        return 1

    rng = random.Random(args.seed)
    n = args.scale
    queries = [{"op": "version", "text": t} for t in FIXED_VERSIONS]
    queries += [{"op": "specifier", "text": t} for t in FIXED_SPECIFIERS]
    queries += [{"op": "contains", "spec": s, "version": v, "prereleases": p} for s, v in FIXED_CONTAINS
                for p in (None, True, False)]
    queries += [{"op": "requirement", "text": t} for t in FIXED_REQUIREMENTS]
    queries += [{"op": "marker", "text": t, "env": environment(rng), "extra": e} for t in FIXED_MARKERS
                for e in ("", "x", "Foo-bar")]
    for _ in range(3000 * n):
        text = version_text(rng)
        queries.append({"op": "version", "text": mutate(rng, text) if rng.random() < 0.35 else text})
    for _ in range(2000 * n):
        a = clean_version(rng)
        b = rng.choice(nearby_versions(rng, a, 1) + [clean_version(rng)])
        queries.append({"op": "compare", "a": a, "b": b})
    for _ in range(1500 * n):
        queries.append({"op": "specifier", "text": specifier_text(rng)})
    for _ in range(4000 * n):
        spec = specifier_text(rng)
        anchor = clean_version(rng)
        try:
            anchor = rng.choice([str(Version(c.split("===")[-1].strip(" =<>!~").rstrip(".*"))) for c in spec.split(",")
                                 if c.strip()])
        except Exception:
            pass
        candidate = rng.choice(nearby_versions(rng, anchor, 1) + [clean_version(rng)])
        queries.append({"op": "contains", "spec": spec, "version": candidate,
                        "prereleases": rng.choice([None, None, True, False])})
    for _ in range(600 * n):
        spec = specifier_text(rng)
        base = clean_version(rng)
        versions = nearby_versions(rng, base, rng.randint(0, 6)) + [clean_version(rng) for _ in range(rng.randint(0, 2))]
        queries.append({"op": "filter", "spec": spec, "versions": versions,
                        "prereleases": rng.choice([None, None, True, False])})
    for _ in range(2500 * n):
        text = requirement_text(rng)
        queries.append({"op": "requirement", "text": mutate(rng, text) if rng.random() < 0.25 else text})
    for _ in range(2500 * n):
        text = marker_text(rng)
        queries.append({"op": "marker", "text": mutate(rng, text) if rng.random() < 0.2 else text,
                        "env": environment(rng), "extra": rng.choice(["", "security", "Foo.Bar", "test"])})

    payload = "".join(json.dumps(q) + "\n" for q in queries)
    proc = subprocess.run([args.aegis, "debug", "pep440"], input=payload.encode("utf-8"), capture_output=True)
    if proc.returncode != 0:
        print("error: aegis debug pep440 exited with %d:\n%s" % (proc.returncode, proc.stderr.decode(errors="replace")))
        return 1
    answers = proc.stdout.decode("utf-8").split("\n")[:-1]
    if len(answers) != len(queries):
        print("error: %d queries, %d answers" % (len(queries), len(answers)))
        return 1

    counts, skipped, accepted, mismatches = {}, {}, {}, []
    for q, line in zip(queries, answers):
        got = json.loads(line)
        try:
            want = oracle(q)
        except Skip:
            skipped[q["op"]] = skipped.get(q["op"], 0) + 1
            continue
        counts[q["op"]] = counts.get(q["op"], 0) + 1
        if agree(q, want, got):
            continue
        if (want["ok"] and not got.get("ok") and "too large" in got.get("error", "")
                and has_huge_number(*[v for k, v in q.items() if k != "op"])):
            accepted[q["op"]] = accepted.get(q["op"], 0) + 1
            continue
        mismatches.append((q, want, got))

    total = sum(counts.values())
    print("compared %d queries: %s" % (total, ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    if accepted:
        print("accepted differences (numbers beyond 64 bits, rejected on purpose): %s"
              % ", ".join("%s %d" % kv for kv in sorted(accepted.items())))
    if skipped:
        print("skipped (packaging raises): %s" % ", ".join("%s %d" % kv for kv in sorted(skipped.items())))
    by_op = {}
    for q, _, _ in mismatches:
        by_op[q["op"]] = by_op.get(q["op"], 0) + 1
    if by_op:
        print("disagreements: %s" % ", ".join("%s %d" % kv for kv in sorted(by_op.items())))
    for q, want, got in mismatches[:25]:
        print("MISMATCH %s\n  packaging: %s\n  aegis:     %s" % (json.dumps(q), json.dumps(want), json.dumps(got)))
    if mismatches:
        print("%d passed, %d failed" % (total - len(mismatches), len(mismatches)))
        return 1
    print("%d passed, 0 failed" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
