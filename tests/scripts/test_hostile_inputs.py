#!/usr/bin/env python3
"""Hostile inputs for the front end: each must give a clean result or a clean diagnostic.

    python3 test_hostile_inputs.py --aegis BIN --source-dir REPO [--filter NAME] [-j N]

For every generated file, `aegis debug ast FILE` must exit with 0 (printing a tree) or 1
(printing `path:LINE:COL: error: message` with LINE, COL >= 1): never a signal, never
another status, never a hang (the timeout is generous and only turns a hang into a
failure; nothing here asserts speed). Each case also states CPython 3.12's verdict
(established when the case was written) and Aegis must agree: accept what CPython
accepts, reject what it rejects — deep nesting included. Finally `aegis debug parse`
runs over all the files at once on every core.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

TIMEOUT = 600  # seconds per command: generous for a Debug build, only a hang guard
DIAGNOSTIC = re.compile(rb":(\d+):(\d+): error: \S")

MB = 1000 * 1000


def binary_junk():
    rng = random.Random(20261123)  # fixed seed: the same file every run
    return bytes(rng.randrange(256) for _ in range(256 * 1024))


def nested_blocks(depth):
    return b"".join(b" " * i + b"if x:\n" for i in range(depth)) + b" " * depth + b"pass\n"


# (name, CPython 3.12's verdict, bytes factory). Factories, so only the selected cases
# are built.
CASES = [
    ("empty", "accept", lambda: b""),
    ("only_comments", "accept", lambda: b"# one\n#two\n   # three\n\n# no newline at end"),
    ("only_whitespace", "accept", lambda: b"   \n\t\n\x0c\n   "),
    ("invalid_utf8", "reject", lambda: b"x = 1\ns = '\xff\xfe\xc3'\n"),
    # CPython 3.12 does not decode comments: invalid UTF-8 there is accepted.
    ("invalid_utf8_in_comment", "accept", lambda: b"# caf\xe9\nx = 1\n"),
    ("truncated_utf8_at_eof", "reject", lambda: b"x = '\xe2\x82"),
    ("nul_bytes", "reject", lambda: b"x = 1\x00\ny = 2\n"),
    ("nul_in_string", "reject", lambda: b"s = 'a\x00b'\n"),
    ("binary_file", "reject", binary_junk),
    ("bom_then_garbage", "reject", lambda: b"\xef\xbb\xbf\xff\xfe"),
    ("bom_with_latin1_cookie", "reject", lambda: b"\xef\xbb\xbf# coding: latin-1\nx = 1\n"),
    ("long_cookie_name", "reject", lambda: b"# coding: " + b"x" * 100000 + b"\nx = 1\n"),
    ("nested_parens_100k", "reject", lambda: b"x = " + b"(" * 100000 + b"1" + b")" * 100000 + b"\n"),
    ("nested_brackets_100k", "reject", lambda: b"x = " + b"[" * 100000 + b"]" * 100000 + b"\n"),
    ("nested_mixed_100k", "reject", lambda: b"x = " + b"([{" * 33334 + b"\n"),
    ("unclosed_parens_100k", "reject", lambda: b"x = " + b"(" * 100000 + b"\n"),
    ("nested_blocks_10k", "reject", lambda: nested_blocks(10000)),
    ("nested_blocks_99", "accept", lambda: nested_blocks(99)),
    ("nested_defs_deep", "reject", lambda: b"".join(
        b"    " * i + b"def f%d():\n" % i for i in range(2000)) + b"    " * 2000 + b"pass\n"),
    ("nested_unary_minus_100k", "reject", lambda: b"x = " + b"-" * 100000 + b"1\n"),
    ("nested_not_100k", "reject", lambda: b"x = " + b"not " * 100000 + b"1\n"),
    ("nested_invert_100k", "reject", lambda: b"x = " + b"~" * 100000 + b"1\n"),
    ("nested_await_100k", "reject", lambda: b"async def f():\n    x = " + b"await " * 100000 + b"1\n"),
    ("nested_lambda_100k", "reject", lambda: b"x = " + b"lambda: " * 100000 + b"1\n"),
    ("nested_ifexp_100k", "reject", lambda: b"x = " + b"a if b else " * 100000 + b"1\n"),
    ("nested_power_100k", "reject", lambda: b"x = 2" + b" ** 2" * 100000 + b"\n"),
    ("nested_fstrings_1k", "reject", lambda: b"x = " + b'f"{' * 1000 + b"1" + b'}"' * 1000 + b"\n"),
    ("starred_100k", "reject", lambda: b"x = " + b"*" * 100000 + b"a\n"),
    ("attribute_chain_100k", "reject", lambda: b"x = a" + b".b" * 100000 + b"\n"),
    ("call_chain_100k", "reject", lambda: b"x = f" + b"()" * 100000 + b"\n"),
    ("subscript_chain_100k", "reject", lambda: b"x = a" + b"[0]" * 100000 + b"\n"),
    ("binop_chain_100k", "reject", lambda: b"x = 1" + b" + 1" * 100000 + b"\n"),
    ("compare_chain_100k", "accept", lambda: b"x = 1" + b" < 1" * 100000 + b"\n"),
    ("boolop_chain_100k", "accept", lambda: b"x = 1" + b" and 1" * 100000 + b"\n"),
    ("string_concat_100k", "accept", lambda: b"x = " + b"'a' " * 100000 + b"\n"),
    ("continuations_100k", "accept", lambda: b"x = 1" + b"\\\n" * 100000 + b"\n"),
    ("single_line_50mb", "accept", lambda: b"; ".join(
        [b"s%d = '" % i + b"a" * 990 + b"'" for i in range(50 * MB // 1000)]) + b"\n"),
    ("list_line_5mb", "accept", lambda: b"x = [" + b"1, " * (5 * MB // 3) + b"]\n"),
    ("identifier_1mb", "accept", lambda: b"a" * MB + b" = 1\n"),
    ("string_20mb", "accept", lambda: b"s = '" + b"ab\\n" * (20 * MB // 4) + b"'\n"),
    ("triple_string_20mb", "accept", lambda: b's = """' + b"line\n" * (20 * MB // 5) + b'"""\n'),
    ("unterminated_triple_10mb", "reject", lambda: b"x = 1\ns = '''" + b"never closed\n" * (10 * MB // 13)),
    ("bytes_20mb", "accept", lambda: b"b = b'" + b"\\x00" * (20 * MB // 4) + b"'\n"),
    ("hex_int_100k_digits", "accept", lambda: b"x = 0x" + b"f" * 100000 + b"\n"),
    ("decimal_int_100k_digits", "reject", lambda: b"x = " + b"9" * 100000 + b"\n"),
    ("float_100k_digits", "accept", lambda: b"x = 1." + b"5" * 100000 + b"e-5\n"),
    ("many_short_lines", "accept", lambda: b"x = 1\n" * 200000),
    ("cr_only_lines", "accept", lambda: b"x = 1\r" * 100000),
    ("lone_surrogate_escape", "accept", lambda: b"s = '\\ud800\\udfff'\n"),
    ("dedent_storm", "accept", lambda: (b"if x:\n    if y:\n        pass\n" * 20000)),
    ("tokens_after_eof_backslash", "reject", lambda: b"x = 1\n\\"),
    ("fstring_unterminated_nested", "reject", lambda: b"f'{f\"{f'{" * 50 + b"\n"),
]


def check_case(aegis, directory, name, verdict, make):
    path = os.path.join(directory, name + ".py")
    with open(path, "wb") as f:
        f.write(make())
    started = time.monotonic()
    try:
        p = subprocess.run([aegis, "debug", "ast", path], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return name, "hung (no exit after %d s)" % TIMEOUT, 0.0
    elapsed = time.monotonic() - started
    rc = p.returncode
    if rc < 0:
        return name, "crashed with signal %d: %s" % (-rc, p.stderr[-400:].decode(
            "utf-8", "replace")), elapsed
    if rc == 0:
        if not p.stdout.startswith(b"Module("):
            return name, "exit 0 without a tree: %r" % p.stdout[:200], elapsed
        if verdict == "reject":
            return name, "accepted, but CPython 3.12 rejects it", elapsed
        return name, None, elapsed
    if rc == 1:
        last = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else b""
        m = DIAGNOSTIC.search(last)
        if not m or int(m.group(1)) < 1 or int(m.group(2)) < 1:
            return name, "exit 1 without a positioned diagnostic: %r" % last[:300], elapsed
        if verdict == "accept":
            return name, "rejected, but CPython 3.12 accepts it: %s" % last[-300:].decode(
                "utf-8", "replace"), elapsed
        return name, None, elapsed
    return name, "unexpected exit status %d: %s" % (rc, p.stderr[-400:].decode(
        "utf-8", "replace")), elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--filter", default="", help="only cases whose name contains this")
    ap.add_argument("-j", "--jobs", type=int, default=0, help="cases at once (0: all cores)")
    args = ap.parse_args()
    aegis = os.path.abspath(args.aegis)
    cases = [c for c in CASES if args.filter in c[0]]
    jobs = args.jobs or os.cpu_count() or 1
    failures = []
    with tempfile.TemporaryDirectory(prefix="aegis-hostile-") as directory:
        with ThreadPoolExecutor(jobs) as pool:
            futures = [pool.submit(check_case, aegis, directory, *c) for c in cases]
            for fut in futures:
                name, problem, elapsed = fut.result()
                print("%-32s %-5s %6.1f s  %s" % (name, "FAIL" if problem else "ok", elapsed,
                                                  problem or ""), flush=True)
                if problem:
                    failures.append(name)
        # The threaded batch path over the same files: must finish and exit 0 or 1.
        try:
            p = subprocess.run([aegis, "debug", "parse", directory], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=TIMEOUT)
            batch = None if p.returncode in (0, 1) else "exit status %d: %s" % (
                p.returncode, p.stderr[-400:].decode("utf-8", "replace"))
            counted = re.search(rb"^files: (\d+)$", p.stdout, re.M)
            if batch is None and (not counted or int(counted.group(1)) != len(cases)):
                batch = "counted %s files, not %d" % (
                    counted.group(1).decode() if counted else "no", len(cases))
        except subprocess.TimeoutExpired:
            batch = "hung"
        print("%-32s %-5s          %s" % ("debug parse (all files)", "FAIL" if batch else "ok",
                                          batch or ""))
        if batch:
            failures.append("debug parse")
    print("\n%d cases, %d failed%s" % (len(cases) + 1, len(failures),
                                       ": " + ", ".join(failures) if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
