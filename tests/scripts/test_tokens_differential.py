#!/usr/bin/env python3
"""Differential test of `aegis debug tokens` against CPython's tokenize module.

CPython 3.12's tokenize module runs the C tokenizer the parser uses, so its stream
is the reference. Normalisations (each is a documented difference, not a bug):
- tokenize adds NL, COMMENT and ENCODING tokens; the parser never sees them: dropped.
- tokenize reports columns in characters; aegis in UTF-8 bytes: converted. The end
  column of a multi-line token is unreliable in tokenize: only its line is compared.
- INDENT/DEDENT positions and the text/position of NEWLINE and ENDMARKER are
  presentation details of tokenize's extra-tokens mode: only the kind is compared.
- Files tokenize or ast.parse rejects are skipped here (tokenize's extra-tokens mode
  skips some errors, e.g. invalid characters; the AST differential covers rejection).

Usage: test_tokens_differential.py --aegis BIN --source-dir REPO [--limit N] [FILES...]
Runs under CPython 3.12 (it re-executes itself there, found as the AST differential
finds it); without 3.12 on the machine it fails, since there is no oracle.
"""
import argparse
import ast
import io
import os
import random
import subprocess
import sys
import sysconfig
import token
import tokenize
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "differential"))
import oracle as oracle_lib  # noqa: E402

SKIP_KINDS = {token.NL, token.COMMENT, token.ENCODING}
POSITIONLESS = {"INDENT", "DEDENT", "NEWLINE", "ENDMARKER"}


def expected_tokens(data):
    """CPython's tokens as (kind, text, start, end) with byte columns, or None."""
    try:
        toks = list(tokenize.tokenize(io.BytesIO(data).readline))
    except (SyntaxError, tokenize.TokenError, UnicodeDecodeError, LookupError):
        return None
    encoding = toks[0].string if toks and toks[0].type == token.ENCODING else "utf-8"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def byte_col(line, col):
        if 1 <= line <= len(lines):
            return len(lines[line - 1][:col].encode("utf-8", "surrogatepass"))
        return col

    out = []
    for t in toks:
        if t.type in SKIP_KINDS:
            continue
        kind = token.tok_name[t.type]
        if kind in POSITIONLESS:
            out.append((kind, None, None, None))
            continue
        start = (t.start[0], byte_col(t.start[0], t.start[1]))
        # tokenize's end column of a multi-line token is unreliable (neither bytes
        # nor characters of the last line when earlier lines are non-ASCII): only
        # the end line is compared for those.
        if t.start[0] == t.end[0]:
            end = (t.end[0], byte_col(t.end[0], t.end[1]))
        else:
            end = (t.end[0], None)
        out.append((kind, t.string.replace("\r\n", "\n").replace("\r", "\n"), start, end))
    return out


def actual_tokens(aegis, path):
    proc = subprocess.run([aegis, "debug", "tokens", "--python-version", "3.12", path],
                          capture_output=True)
    out = []
    for line in proc.stdout.decode("utf-8", "surrogateescape").splitlines():
        pos, kind, text = line.split("\t", 2)
        a, b = pos.rstrip(":").split("-")
        start = tuple(int(x) for x in a.split(","))
        end = tuple(int(x) for x in b.split(","))
        if kind in POSITIONLESS:
            out.append((kind, None, None, None))
        else:
            if start[0] != end[0]:
                end = (end[0], None)
            out.append((kind, eval(text), start, end))
    return proc.returncode, out, proc.stderr.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--reexecuted", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    if sys.version_info[:2] != (3, 12):
        python = oracle_lib.find_python(12)
        if args.reexecuted or python is None:
            print("FAIL: CPython 3.12 not found (its tokenize is the oracle); install it "
                  "(e.g. `pyenv install 3.12`) or set AEGIS_PYTHON312", flush=True)
            return 1
        argv = python + [os.path.abspath(__file__)] + sys.argv[1:] + ["--reexecuted"]
        sys.stdout.flush()
        os.execv(argv[0], argv)
    print("oracle: CPython %s tokenize (%s)" % (sys.version.split()[0], sys.executable))
    files = args.files
    if not files:
        stdlib = sysconfig.get_paths()["stdlib"]
        for root, _, names in os.walk(stdlib):
            files.extend(os.path.join(root, n) for n in names if n.endswith(".py"))
        files.sort()
        random.Random(12).shuffle(files)
        files = files[: args.limit]
    checked = failures = 0
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(data)
        except (SyntaxError, ValueError):
            continue
        want = expected_tokens(data)
        if want is None:
            continue
        checked += 1
        rc, got, err = actual_tokens(args.aegis, path)
        if rc != 0 or got != want:
            failures += 1
            print(f"FAIL {path}: rc={rc} {err.strip()}")
            for i, (g, w) in enumerate(zip(got, want)):
                if g != w:
                    print(f"  token {i}: got {g}\n            want {w}")
                    break
            else:
                print(f"  lengths differ: got {len(got)} want {len(want)}")
    print(f"{checked} files compared, {failures} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
