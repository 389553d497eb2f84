#!/usr/bin/env python3
"""The benchmark behind `make bench`: Aegis's Python front end against CPython 3.12's
ast.parse on the same files, and the whole `aegis scan` when it exists.

    python3 bench/run.py --aegis build/release/aegis [--repeat 3] [--no-write]

Corpus: every .py file of CPython 3.12's standard library (test/ included, site-packages
left out), plus Debian's Django (/usr/lib/python3/dist-packages/django) when installed.
Measured, each the fastest of --repeat runs:
  - CPython 3.12 ast.parse, one process, single thread, files pre-read, parse timed
    (bench/cpython_parse.py);
  - `aegis debug parse -j1` and `-jN` (N = all cores): files pre-read, decode + tokenize +
    parse timed inside the binary;
  - `aegis scan` over the same trees (wall clock of the whole command, all cores);
  - `aegis scan` against Debian's `bandit -r` over the standard library: Bandit once (it
    takes minutes), Aegis --repeat times before it and --repeat times after, the fastest
    counting and the median shown beside it.
Prints a table and rewrites docs/PERFORMANCE.md with the figures, date, machine and
commands. Nothing here asserts a timing.

When the binary has data-flow rules (ids TNT...), the data-flow benchmark of
bench/dataflow/ is generated (1,400 cases), scanned and scored too: the per-category
TPR - FPR table, and the scan time with and without the TNT rules (--dataflow-only runs
just that part; --no-dataflow skips it). Without TNT rules the section is skipped with a
note and the last figures in docs/PERFORMANCE.md are kept.

Peers (bandit, ripgrep, ...) are added to PEERS below: a name, a command builder and
whether the tool is present.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "differential"))
import oracle  # noqa: E402  (find_python)

DJANGO = "/usr/lib/python3/dist-packages/django"


def stdlib_dir(python):
    out = subprocess.run(python + ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def py_files(root):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "dist-packages"))
        found += [os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py")]
    return found


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"^model name\s*:\s*(.+)$", f.read(), re.M)
            if m:
                cpu = m.group(1).strip()
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            m = re.search(r"^MemTotal:\s*(\d+) kB", f.read(), re.M)
            if m:
                mem = ", %.0f GB RAM" % (int(m.group(1)) / 1024 / 1024)
    except OSError:
        pass
    return "%s, %d cores%s, %s" % (cpu, os.cpu_count() or 1, mem, platform.platform())


def run_cpython(python, list_file, repeat):
    with open(list_file) as f:
        out = subprocess.run(python + [os.path.join(ROOT, "bench", "cpython_parse.py"),
                                       "--repeat", str(repeat)],
                             stdin=f, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def run_debug_parse(aegis, files, jobs, repeat):
    """Fastest of `repeat` runs of aegis debug parse; its key: value lines as a dict."""
    best = None
    for _ in range(max(1, repeat)):
        p = subprocess.run([aegis, "debug", "parse", "-j", str(jobs), "--python-version", "3.12"]
                           + files, capture_output=True, text=True)
        if p.returncode not in (0, 1):
            raise SystemExit("aegis debug parse failed (exit %d): %s" % (p.returncode,
                                                                      p.stderr[-2000:]))
        fields = dict(re.findall(r"^([a-z-]+): (.+)$", p.stdout, re.M))
        fields["seconds"] = float(fields["parse-seconds"])
        if best is None or fields["seconds"] < best["seconds"]:
            best = fields
    return best


def scan_available(aegis):
    p = subprocess.run([aegis, "scan", "--help"], capture_output=True, text=True)
    return p.returncode == 0


def run_scan(aegis, roots, repeat):
    best = None
    for _ in range(max(1, repeat)):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            p = subprocess.run([aegis, "scan", "--no-progress", "--format", "json", "-o",
                                os.path.join(tmp, "report.json")] + roots,
                               capture_output=True, text=True)
            elapsed = time.perf_counter() - start
        if p.returncode < 0 or p.returncode > 3:
            return {"error": "exit %d: %s" % (p.returncode, p.stderr[-500:])}
        if best is None or elapsed < best["seconds"]:
            best = {"seconds": elapsed, "exit": p.returncode}
    return best


# Tools measured next to Aegis over the same corpus. Each entry: name, a function giving
# the command for a list of roots (None when the tool is absent), and what it measures.
PEERS = [
    # e.g. ("bandit", lambda roots: ["bandit", "-q", "-r"] + roots
    #       if shutil.which("bandit")
    #       else None, "security linter, whole run"),
]


def run_peer(cmd, repeat):
    best = None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        if best is None or elapsed < best:
            best = elapsed
    return best


def timed_rss(cmd):
    """One run of cmd in a fresh child under /usr/bin/time -v (when installed): wall seconds
    by time.monotonic, peak RSS in MB of that child (None without /usr/bin/time), exit code."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        wrapped = (["/usr/bin/time", "-v", "-o", tf.name] + cmd) if os.path.exists(
            "/usr/bin/time") else cmd
        start = time.monotonic()
        p = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.monotonic() - start
        rss = None
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tf.read())
        if m:
            rss = int(m.group(1)) / 1024
    return {"seconds": elapsed, "rss_mb": rss, "exit": p.returncode, "stderr": p.stderr[-500:]}


def bandit_section(aegis, root, repeat):
    """Aegis scan (fastest of `repeat` runs before Bandit's and `repeat` after) against Debian's
    bandit -r (one run) over one tree. Runs on both sides of Bandit's minute and a half see the
    machine as it was around it, not only before."""
    bandit = shutil.which("bandit")
    load = "%.1f / %.1f / %.1f" % os.getloadavg()
    nfiles = len(py_files(root))
    scan_cmd = [aegis, "scan", "--no-progress", "--format", "json", "-o", "/dev/null",
                "--fail-on", "never", "--allow-incomplete", root]
    scans = [timed_rss(scan_cmd) for _ in range(max(1, repeat))]
    scan = min(scans, key=lambda r: r["seconds"])
    print("aegis scan: %.2f s, %s MB (exit %d)" % (scan["seconds"], scan["rss_mb"], scan["exit"]),
          flush=True)
    if bandit is None:
        return "Bandit is not installed; no comparison.\n"
    ver = subprocess.run([bandit, "--version"], capture_output=True, text=True).stdout
    ver = (re.search(r"bandit ([\d.]+)", ver) or [None, "?"])[1]
    # bandit exits 1 when it finds issues; that is a normal run
    band = timed_rss([bandit, "-r", root, "-f", "json", "-q", "-o", "/dev/null"])
    print("bandit: %.2f s, %s MB (exit %d)" % (band["seconds"], band["rss_mb"], band["exit"]),
          flush=True)
    scans += [timed_rss(scan_cmd) for _ in range(max(1, repeat))]
    scan = min(scans, key=lambda r: r["seconds"])
    median = statistics.median(r["seconds"] for r in scans)
    print("aegis scan after bandit: fastest %.2f s, median %.2f s" % (scan["seconds"], median), flush=True)
    mb = lambda r: "%.0f" % r["rss_mb"] if r["rss_mb"] is not None else "-"
    ratio = band["seconds"] / scan["seconds"] if scan["seconds"] else float("inf")
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return """Measured {now}, load average at start (1/5/15 min): {load}.
Corpus: `{root}` ({nfiles} .py files), the same tree for both tools.

| tool | runs | wall seconds | peak RSS MB | exit |
|---|---:|---:|---:|---:|
| aegis scan (all cores, fastest of {repeat}: half before Bandit's run, half after) | {repeat} | {a:.3f} | {arss} | {aexit} |
| bandit {ver} -r (one run) | 1 | {b:.3f} | {brss} | {bexit} |

**Aegis / Bandit wall-time ratio: {ratio:.0f}x** (target: at least 200x); peak memory
{memcmp}. Against the median of the Aegis runs ({median:.3f} s): {median_ratio:.0f}x.

Commands: `aegis scan --no-progress --format json -o /dev/null --fail-on never
--allow-incomplete ROOT` and `bandit -r ROOT -f json -q -o /dev/null` (Debian's bandit,
system python; it exits 1 when it finds issues). Wall time is `time.monotonic()` around
each subprocess; peak RSS is `/usr/bin/time -v`'s maximum resident set size of that
child, each measurement in a fresh child.
""".format(now=now, load=load, root=root.replace(os.path.expanduser("~"), "~"), nfiles=nfiles,
           repeat=len(scans), a=scan["seconds"], arss=mb(scan), aexit=scan["exit"], ver=ver,
           b=band["seconds"], brss=mb(band), bexit=band["exit"], ratio=ratio, median=median,
           median_ratio=band["seconds"] / median if median else float("inf"),
           memcmp=("lower for Aegis (target met)" if scan["rss_mb"] and band["rss_mb"] and
                   scan["rss_mb"] < band["rss_mb"] else
                   "higher for Aegis (target: lower than Bandit's)" if scan["rss_mb"] and band["rss_mb"]
                   else "not measured"))


def taint_rule_ids(aegis):
    """Ids of the binary's data-flow rules (TNT...); empty when it has none."""
    p = subprocess.run([aegis, "rules", "--format", "json"], capture_output=True, text=True)
    if p.returncode != 0:
        return []
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        return []
    rules = doc if isinstance(doc, list) else doc.get("rules", [])
    return sorted(r.get("id", "") for r in rules if str(r.get("id", "")).startswith("TNT"))


def dataflow_section(aegis, repeat, count=1400, seed=1):
    """Markdown for the data-flow benchmark, or None when the binary has no TNT rules."""
    rules = taint_rule_ids(aegis)
    if not rules:
        print("data-flow benchmark: skipped (this binary has no TNT rules)", flush=True)
        return None
    sys.path.insert(0, os.path.join(ROOT, "bench", "dataflow"))
    import score as dataflow_score  # noqa: E402  (bench/dataflow/score.py)
    with tempfile.TemporaryDirectory(prefix="aegis-dataflow-") as tmp:
        project = os.path.join(tmp, "project")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "dataflow", "generate.py"),
                        "--out", project, "--count", str(count), "--seed", str(seed),
                        "--quiet"], check=True)
        base = [aegis, "scan", "--no-progress", "--no-config", "--no-gitignore", "--format",
                "json", "--fail-on", "never", "--allow-incomplete"]
        report_path = os.path.join(tmp, "report.json")
        with_tnt = min((timed_rss(base + ["-o", report_path, project])
                        for _ in range(max(1, repeat))), key=lambda r: r["seconds"])
        without = min((timed_rss(base + ["-o", os.devnull, "--ignore", "TNT", project])
                       for _ in range(max(1, repeat))), key=lambda r: r["seconds"])
        with open(report_path) as f:
            report = json.load(f)
        cases = dataflow_score.read_expected(os.path.join(project, "expected.csv"))
    per, average, _misses, _unmapped = dataflow_score.score(cases, report)
    print("data-flow benchmark: average %.1f%%; scan %.2f s, %.2f s without TNT rules" % (
        100 * average, with_tnt["seconds"], without["seconds"]), flush=True)
    lines = ["| category | CWE | TP | FN | TN | FP | TPR | FPR | score |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for cat, r in per.items():
        lines.append("| %s | %d | %d | %d | %d | %d | %.1f%% | %.1f%% | %.1f%% |" % (
            cat, r["cwe"], r["TP"], r["FN"], r["TN"], r["FP"], 100 * r["TPR"], 100 * r["FPR"],
            100 * r["score"]))
    lines.append("| **average** | | | | | | | | **%.1f%%** |" % (100 * average))
    extra = (with_tnt["seconds"] / without["seconds"] - 1) * 100 if without["seconds"] else 0
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return """Measured {now}: `bench/dataflow/generate.py --count {count} --seed {seed}`
({n} cases), scanned and scored by `bench/dataflow/score.py` (a finding counts for a case
when it is in the case's file and carries the category's CWE; score = TPR - FPR). Rules:
{rules}.

{table}

Scan of the benchmark project (best of {repeat}): {a:.2f} s with every rule, {b:.2f} s
with `--ignore TNT`: the data-flow rules add {extra:.0f}% (target: at most 50%).
""".format(now=now, count=count, seed=seed, n=len(cases), rules=", ".join(rules),
           table="\n".join(lines), repeat=max(1, repeat), a=with_tnt["seconds"],
           b=without["seconds"], extra=extra)


DATAFLOW_BEGIN = "<!-- bench:dataflow:begin -->"
DATAFLOW_END = "<!-- bench:dataflow:end -->"


def write_dataflow_section(text):
    """Replace the marked data-flow section of docs/PERFORMANCE.md (append it if absent)."""
    path = os.path.join(ROOT, "docs", "PERFORMANCE.md")
    doc = open(path).read() if os.path.exists(path) else "# Performance\n"
    block = "%s\n%s%s" % (DATAFLOW_BEGIN, text, DATAFLOW_END)
    if DATAFLOW_BEGIN in doc and DATAFLOW_END in doc:
        doc = (doc[:doc.index(DATAFLOW_BEGIN)] + block +
               doc[doc.index(DATAFLOW_END) + len(DATAFLOW_END):])
    else:
        doc = doc.rstrip("\n") + "\n\n## Data-flow benchmark\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(doc)
    print("wrote the data-flow section of %s" % os.path.relpath(path, ROOT))


BANDIT_BEGIN = "<!-- bench:bandit:begin -->"
BANDIT_END = "<!-- bench:bandit:end -->"


def write_bandit_section(text):
    """Replace the marked Bandit section of docs/PERFORMANCE.md (append it if absent)."""
    path = os.path.join(ROOT, "docs", "PERFORMANCE.md")
    doc = open(path).read() if os.path.exists(path) else "# Performance\n"
    block = "%s\n%s%s" % (BANDIT_BEGIN, text, BANDIT_END)
    if BANDIT_BEGIN in doc and BANDIT_END in doc:
        doc = doc[:doc.index(BANDIT_BEGIN)] + block + doc[doc.index(BANDIT_END) + len(BANDIT_END):]
    else:
        doc = doc.rstrip("\n") + "\n\n## Aegis against Bandit\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(doc)
    print("wrote the Bandit section of %s" % os.path.relpath(path, ROOT))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; fastest counts")
    ap.add_argument("--no-write", action="store_true", help="do not rewrite docs/PERFORMANCE.md")
    ap.add_argument("--no-django", action="store_true")
    ap.add_argument("--bandit-only", action="store_true",
                    help="only the Aegis-vs-Bandit comparison (rewrites only its doc section)")
    ap.add_argument("--no-bandit", action="store_true", help="skip the Bandit comparison")
    ap.add_argument("--bandit-root", help="tree for the Bandit comparison (default: stdlib)")
    ap.add_argument("--no-dataflow", action="store_true", help="skip the data-flow benchmark")
    ap.add_argument("--dataflow-only", action="store_true",
                    help="only the data-flow benchmark (rewrites only its doc section)")
    args = ap.parse_args()
    aegis = os.path.abspath(args.aegis)
    if args.dataflow_only:
        text = dataflow_section(aegis, args.repeat)
        if text is not None:
            print(text)
            if not args.no_write:
                write_dataflow_section(text)
        return 0
    python = oracle.find_python(12)
    if python is None and not (args.bandit_root and args.bandit_only):
        raise SystemExit("bench: CPython 3.12 not found (set AEGIS_PYTHON312)")
    bandit_root = args.bandit_root or stdlib_dir(python)
    if args.bandit_only:
        text = bandit_section(aegis, bandit_root, args.repeat)
        print(text)
        if not args.no_write:
            write_bandit_section(text)
        return 0

    roots = [stdlib_dir(python)]
    if not args.no_django and os.path.isdir(DJANGO):
        roots.append(DJANGO)
    files = [f for r in roots for f in py_files(r)]
    total = sum(os.path.getsize(f) for f in files)
    cores = os.cpu_count() or 1
    load = "%.1f / %.1f / %.1f" % os.getloadavg()
    print("corpus: %d files, %.1f MB (%s)" % (len(files), total / 1e6, ", ".join(roots)),
          flush=True)

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as lf:
        lf.write("\n".join(files) + "\n")
        list_file = lf.name
    try:
        cpy = run_cpython(python, list_file, args.repeat)
    finally:
        os.unlink(list_file)
    print("CPython ast.parse: %.2f s" % cpy["seconds"], flush=True)
    one = run_debug_parse(aegis, files, 1, args.repeat)
    print("aegis -j1: %.2f s" % one["seconds"], flush=True)
    alln = run_debug_parse(aegis, files, cores, args.repeat)
    print("aegis -j%d: %.2f s" % (cores, alln["seconds"]), flush=True)
    scan = run_scan(aegis, roots, args.repeat) if scan_available(aegis) else None

    mb = total / 1e6
    rows = [("CPython %s ast.parse (1 thread)" % cpy["python"], cpy["seconds"],
             "%d rejected" % cpy["rejected"]),
            ("aegis debug parse -j1", one["seconds"], "%s rejected" % one["rejected"]),
            ("aegis debug parse -j%d" % cores, alln["seconds"], "%s rejected" % alln["rejected"])]
    if scan is None:
        rows.append(("aegis scan", None, "command not available"))
    elif "error" in scan:
        rows.append(("aegis scan", None, "failed: " + scan["error"]))
    else:
        rows.append(("aegis scan (all cores, whole run)", scan["seconds"],
                     "exit %d" % scan["exit"]))
    for name, cmd_for, what in PEERS:
        cmd = cmd_for(roots)
        rows.append((name, run_peer(cmd, args.repeat) if cmd else None,
                     what if cmd else "not installed"))

    header = "| what | seconds | MB/s | files/s | vs CPython | notes |"
    lines = [header, "|---|---:|---:|---:|---:|---|"]
    for name, secs, note in rows:
        if secs:
            lines.append("| %s | %.3f | %.1f | %.0f | %.1fx | %s |" % (
                name, secs, mb / secs, len(files) / secs, cpy["seconds"] / secs, note))
        else:
            lines.append("| %s | - | - | - | - | %s |" % (name, note))
    table = "\n".join(lines)
    print()
    print(table)

    if args.no_write:
        return 0
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    build_type = "see the binary's build directory"
    cache = os.path.join(os.path.dirname(aegis), "CMakeCache.txt")
    if os.path.exists(cache):
        with open(cache) as f:
            m = re.search(r"^CMAKE_BUILD_TYPE:STRING=(.*)$", f.read(), re.M)
            if m:
                build_type = m.group(1) or "(none)"
    rel_roots = [r.replace(os.path.expanduser("~"), "~") for r in roots]
    doc = """# Performance

Generated by `make bench` (`python3 bench/run.py --aegis BUILD/aegis`); rerun it to
refresh. The target: the front end at 10x CPython's `ast.parse`, single-threaded.

- Date: {now}
- Machine: {machine}
- Aegis build: {build_type} (`{aegis_name}`)
- Load average when the run started (1/5/15 min): {load} — other work on the machine
  slows every row; compare rows of one run rather than runs on a busy machine
- Corpus: {files} files, {mb:.1f} MB: {roots}
- Each figure is the fastest of {repeat} runs. Throughput counts source bytes.

## Results

{table}

## What is measured

- **CPython**: `bench/cpython_parse.py` under CPython 3.12: every file read first, then
  `ast.parse(bytes)` over all of them in one process and one thread; only the parse
  loop is timed (no dump, no compile).
- **aegis debug parse -jN**: `aegis debug parse -j N --python-version 3.12 FILES...`
  reads every file first, then times decode (PEP 263) + tokenize + parse to the arena
  AST on a pool of N threads; its own `parse-seconds` line is the figure.
- **aegis scan**: the whole command (`aegis scan --no-progress --format json -o FILE
  ROOTS...`) timed from outside: discovery, reading, parsing, analysis and the report.
- "vs CPython" is CPython's time divided by the row's time (higher is faster).
""".format(now=now, machine=machine(), build_type=build_type,
           aegis_name=os.path.relpath(aegis, ROOT) if aegis.startswith(ROOT) else "aegis",
           files=len(files), mb=mb, roots=", ".join(rel_roots), repeat=args.repeat,
           table=table, load=load)
    path = os.path.join(ROOT, "docs", "PERFORMANCE.md")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    old = open(path).read() if os.path.exists(path) else ""
    # The sections after "What is measured" (hand-written figures and the marked sections
    # the writers below replace) are kept as they are.
    tail = ""
    start = old.find("## What is measured")
    if start >= 0:
        nxt = old.find("\n## ", start + 1)
        if nxt >= 0:
            tail = old[nxt:]
    with open(path, "w") as f:
        f.write(doc + tail)
    print("\nwrote %s" % os.path.relpath(path, ROOT))
    if not args.no_bandit:
        write_bandit_section(bandit_section(aegis, bandit_root, args.repeat))
    elif BANDIT_BEGIN in old and BANDIT_END in old:  # keep the last Bandit figures
        write_bandit_section(old[old.index(BANDIT_BEGIN) + len(BANDIT_BEGIN) + 1:
                                 old.index(BANDIT_END)])
    dataflow = None if args.no_dataflow else dataflow_section(aegis, args.repeat)
    if dataflow is not None:
        write_dataflow_section(dataflow)
    elif DATAFLOW_BEGIN in old and DATAFLOW_END in old:  # keep the last data-flow figures
        write_dataflow_section(old[old.index(DATAFLOW_BEGIN) + len(DATAFLOW_BEGIN) + 1:
                                   old.index(DATAFLOW_END)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
