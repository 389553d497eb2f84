#!/usr/bin/env python3
"""CPython's side of the benchmark: ast.parse over a list of files in this one process,
single-threaded. Files are read first; only the parse is timed. Prints one JSON object.

    python3.12 bench/cpython_parse.py --repeat N < file-list (one path a line)
"""
import argparse
import ast
import json
import sys
import time
import warnings


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1, help="runs; the fastest counts")
    args = ap.parse_args()
    paths = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    sources = []
    for p in paths:
        with open(p, "rb") as f:
            sources.append(f.read())
    best = None
    rejected = 0
    warnings.simplefilter("ignore")
    for _ in range(max(1, args.repeat)):
        rejected = 0
        start = time.perf_counter()
        for src in sources:
            try:
                ast.parse(src)
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                rejected += 1
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(json.dumps({
        "python": sys.version.split()[0],
        "files": len(sources),
        "bytes": sum(len(s) for s in sources),
        "rejected": rejected,
        "seconds": best,
    }))


if __name__ == "__main__":
    main()
