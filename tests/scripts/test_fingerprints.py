#!/usr/bin/env python3
"""Finding fingerprints are stable across unrelated edits and distinct across copies.

Scans a small project, edits it the ways real commits do, scans again and compares the
fingerprints of the same findings: lines added above, the finding moved within its file,
whitespace changed, and the scan run from a different directory or with different
threads. A second copy of the same mistake must get a new fingerprint."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

SOURCE = '''import subprocess


def export(name):
    subprocess.run(f"tar czf {name}.tgz data", shell=True)


def other():
    return 1
'''


def scan(aegis, root, *extra):
    # The one rule the source exercises, so that rule packs added later (the import notes on
    # `import subprocess`, say) do not change the figures.
    out = subprocess.run([aegis, "scan", root, "--format", "json", "--fail-on", "never",
                          "--no-progress", "--select", "INJ002", *extra],
                         stdout=subprocess.PIPE, check=True).stdout
    return [(f["rule_id"], f["line"], f["fingerprint"]) for f in json.loads(out)["findings"]]


def write(root, text):
    with open(os.path.join(root, "app.py"), "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aegis", required=True)
    ap.add_argument("--source-dir", required=True)
    args = ap.parse_args()
    aegis = os.path.abspath(args.aegis)
    failures = []

    def check(name, condition):
        print(("ok   " if condition else "FAIL ") + name)
        if not condition:
            failures.append(name)

    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "proj")
        os.mkdir(root)
        write(root, SOURCE)
        base = scan(aegis, root)
        check("one finding to start from", len(base) == 1)
        fp = base[0][2]

        write(root, "# a comment\nimport os\n\n\n" + SOURCE)
        moved = scan(aegis, root)
        check("lines added above: same fingerprint, new line",
              moved[0][2] == fp and moved[0][1] == base[0][1] + 4)

        write(root, SOURCE.replace('shell=True)', 'shell = True )'))
        check("whitespace changed: same fingerprint", scan(aegis, root)[0][2] == fp)

        head, tail = SOURCE.split("\n\ndef other")
        write(root, "import subprocess\n\n\ndef other" + tail + "\n" + head.split("\n", 1)[1])
        check("moved within the file: same fingerprint", scan(aegis, root)[0][2] == fp)

        write(root, SOURCE + "\n\ndef export_again(name):\n"
              '    subprocess.run(f"tar czf {name}.tgz data", shell=True)\n')
        twice = scan(aegis, root)
        check("a second copy: two findings, the first keeps its fingerprint, the second is new",
              len(twice) == 2 and twice[0][2] == fp and twice[1][2] != fp)

        write(root, SOURCE)
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            check("scanned from the parent directory: same fingerprint", scan(aegis, "proj")[0][2] == fp)
        finally:
            os.chdir(cwd)
        check("one thread or four: same fingerprint", scan(aegis, root, "-j", "1") == scan(aegis, root, "-j", "4"))

        write(root, SOURCE.replace("tar czf", "zip -r"))
        check("the finding's own code changed: new fingerprint", scan(aegis, root)[0][2] != fp)

    if failures:
        print("%d failures" % len(failures))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
