#!/usr/bin/env python3
"""Differential test of the semantic index's scoping against CPython's symtable module.

For every file of the standard library of the Python running this script (and the
repository's own test corpus), `aegis debug semantic FILE` prints each scope's symbols
with the scope they live in. For each module, class, function and lambda scope that both
sides identify by (kind, name, line), every name both sides know is classified as local,
global or free, and the classifications must agree.

Comprehension scopes are compared when the Python running the script has them (up to
3.11); CPython 3.12 inlines comprehensions (PEP 709) into the enclosing table, where only
the names both sides list are compared.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import symtable
import sysconfig

SCOPE_RE = re.compile(r"^scope (\d+) (\w+) name=(\S*) qualname=\S* parent=\S+(?: at (\d+):(\d+))?$")
SYMBOL_RE = re.compile(r"^  symbol (\S+) home=(\S+)")


def parse_ours(text):
    """{scope_id: (kind, name, line, {symbol: home})} from `aegis debug semantic` output."""
    scopes = {}
    current = None
    for line in text.splitlines():
        m = SCOPE_RE.match(line)
        if m:
            sid = int(m.group(1))
            current = (m.group(2), m.group(3), int(m.group(4) or 0), {})
            scopes[sid] = current
            continue
        if line in ("imports", "resolutions"):
            break
        m = SYMBOL_RE.match(line)
        if m and current is not None:
            current[3][m.group(1)] = None if m.group(2) == "-" else int(m.group(2))
    return scopes


def our_class(sid, kind, home):
    if kind == "module":
        return "global"
    if home is None or home == 0:
        return "global"
    return "local" if home == sid else "free"


def their_class(table, sym):
    if table.get_type() == "module":
        return "global"
    if sym.is_free():
        return "free"
    if sym.is_parameter():
        return "local"
    if sym.is_global() or sym.is_declared_global():
        return "global"
    if sym.is_local():
        return "local"
    return None


def their_scopes(source, path):
    out = {}

    def walk(t):
        kind = {"module": "module", "class": "class", "function": "function"}.get(str(t.get_type()).lower().split(".")[-1])
        name = t.get_name()
        if kind == "module":
            key = ("module", "", 0)
        elif kind == "function" and name == "lambda":
            key = ("lambda", "", t.get_lineno())
        elif kind == "function" and name in ("listcomp", "setcomp", "dictcomp", "genexpr"):
            key = ("comprehension", "", t.get_lineno())  # Python <= 3.11 only
        elif kind is not None:
            key = (kind, name, t.get_lineno())
        else:
            key = None
        if key is not None:
            out.setdefault(key, []).append(t)
        for c in t.get_children():
            walk(c)

    walk(symtable.symtable(source, path, "exec"))
    return out


def check_file(command, path):
    try:
        with open(path, "rb") as f:
            source = f.read()
        theirs = their_scopes(source, path)
    except (SyntaxError, UnicodeDecodeError, ValueError, RecursionError, MemoryError):
        return path, None, [], 0
    proc = subprocess.run(command + [path], capture_output=True, timeout=120)
    if proc.returncode != 0:
        return path, f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[:300]}", [], 0
    ours = parse_ours(proc.stdout.decode("utf-8", errors="replace"))
    keyed = {}
    for sid, (kind, name, line, symbols) in ours.items():
        if kind not in ("module", "class", "function", "lambda", "comprehension"):
            continue
        key = (kind, name, 0 if kind == "module" else line)
        keyed.setdefault(key, []).append((sid, symbols))
    mismatches = []
    compared = 0
    for key, tables in theirs.items():
        mine = keyed.get(key)
        if mine is None or len(mine) != 1 or len(tables) != 1:
            continue  # unmatched or ambiguous (two lambdas on one line)
        sid, symbols = mine[0]
        table = tables[0]
        for sym in table.get_symbols():
            name = sym.get_name()
            if name not in symbols:
                continue
            expected = their_class(table, sym)
            if expected is None:
                continue
            got = our_class(sid, key[0], symbols[name])
            compared += 1
            if got != expected:
                mismatches.append(f"{path}: {key[0]} {key[1] or '<module>'} line {key[2]}: "
                                  f"{name} is {expected} in CPython, {got} in aegis")
    return path, None, mismatches, compared


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--driver", help="command that prints the semantic dump (default: AEGIS debug semantic)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    command = args.driver.split() if args.driver else [args.aegis, "debug", "semantic"]

    roots = args.paths or [sysconfig.get_paths()["stdlib"], os.path.join(args.source_dir, "tests")]
    files = []
    for root in roots:
        if os.path.isfile(root):
            files.append(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "__pycache__"))
            files.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    if args.limit:
        files = files[: args.limit]

    failures, mismatches, compared, checked = [], [], 0, 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for path, error, bad, count in pool.map(lambda p: check_file(command, p), files):
            if error:
                failures.append(f"{path}: {error}")
            mismatches.extend(bad)
            compared += count
            checked += 1 if count else 0
    for line in failures[:20] + mismatches[:50]:
        print(line)
    print(f"{len(files)} files, {checked} compared, {compared} symbols compared, "
          f"{len(mismatches)} mismatches, {len(failures)} failures")
    return 1 if failures or mismatches or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
