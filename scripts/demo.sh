#!/usr/bin/env bash
# `make demo`: scans the example Flask service with the freshly built binary and
# shows what Aegis reports. Usage: scripts/demo.sh PATH_TO_AEGIS
set -uo pipefail

# A binary given as argument is relative to where the script was called from;
# the default is relative to the repository root.
if [ $# -ge 1 ] && [ -e "$1" ]; then
  aegis="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
else
  aegis="${1:-build/release/aegis}"
fi
cd "$(dirname "$0")/.."
if [ ! -x "$aegis" ]; then
  echo "demo: no aegis binary at $aegis (run 'make build' first)" >&2
  exit 2
fi

target=examples/flask_app
echo "== aegis scan $target --strengths --stats"
echo
# Stats go to stderr; merged here so they print after the report.
"$aegis" scan --no-progress --strengths --stats "$target" 2>&1
status=$?
echo
case $status in
  0) echo "== exit code 0: every file was analysed" ;;
  1) echo "== exit code 1: findings at or above the failure threshold" ;;
  3) echo "== exit code 3: the scan finished, but some files could not be analysed (see the diagnostics above)" ;;
  *) echo "== exit code $status: the scan could not run" ; exit "$status" ;;
esac

# The audit report a reviewer would send on: Markdown for the pull request, HTML for
# everyone else (one file, opens offline, prints cleanly).
out="${AEGIS_DEMO_OUT:-build/demo}"
mkdir -p "$out"
echo
echo "== aegis report $target (Markdown and HTML)"
for format in md html; do
  "$aegis" report --no-progress --allow-incomplete --fail-on never --format "$format" \
    -o "$out/flask_app-report.$format" "$target"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "demo: aegis report --format $format failed (exit $rc)" >&2
    exit "$rc"
  fi
done
verdict=$(grep -m1 -o '\*\*Status\*\* | \*\*[A-Z ]*\*\*' "$out/flask_app-report.md" | sed 's/.*| \*\*\(.*\)\*\*/\1/')
echo "verdict: $verdict"
echo "Markdown report: $(pwd)/$out/flask_app-report.md"
echo "HTML report:     $(pwd)/$out/flask_app-report.html"
