#!/usr/bin/env bash
# Builds the libFuzzer target over the Python front end (decode + tokenize + parse +
# dump) with clang, ASan and UBSan in build/fuzz, and runs it.
#
#   FUZZ_SECONDS  how long to fuzz (default 1800)
#   FUZZ_JOBS     parallel fuzzing processes (default 1)
#   FUZZ_DIR      working directory (default build/fuzz): seeds/, corpus/ (inputs found,
#                 kept between runs), artifacts/ (crash-*, timeout-*, oom-* reproducers)
#
# A reproducer replays with: build/fuzz/fuzz/parse_fuzzer ARTIFACT
# Exit status: 0 when no crash, timeout or out-of-memory was found, 1 otherwise.
set -euo pipefail

cd "$(dirname "$0")/.."
FUZZ_SECONDS="${FUZZ_SECONDS:-1800}"
FUZZ_JOBS="${FUZZ_JOBS:-1}"
FUZZ_DIR="${FUZZ_DIR:-build/fuzz}"

CC=clang CXX=clang++ cmake -S . -B "$FUZZ_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DAEGIS_FUZZ=ON -DAEGIS_TESTS=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" \
  >/dev/null
ninja -C "$FUZZ_DIR" parse_fuzzer
fuzzer="$FUZZ_DIR/fuzz/parse_fuzzer"

# Seeds, copied at run time: our corpus and a sample of small stdlib files.
seeds="$FUZZ_DIR/seeds"
rm -rf "$seeds"
mkdir -p "$seeds" "$FUZZ_DIR/corpus" "$FUZZ_DIR/artifacts"
n=0
while IFS= read -r -d '' f; do
  if [ "$(stat -c %s "$f")" -le 4096 ]; then
    cp "$f" "$seeds/corpus-$n.py"
    n=$((n + 1))
  fi
done < <(find tests/corpus -name '*.py' -print0 | sort -z)
stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])' 2>/dev/null || true)"
if [ -n "$stdlib" ] && [ -d "$stdlib" ]; then
  m=0
  while IFS= read -r -d '' f; do
    size="$(stat -c %s "$f")"
    if [ "$size" -ge 200 ] && [ "$size" -le 4096 ]; then
      cp "$f" "$seeds/stdlib-$m.py"
      m=$((m + 1))
      [ "$m" -ge 40 ] && break
    fi
  done < <(find "$stdlib" -name '*.py' -not -path '*/site-packages/*' -print0 | sort -z)
  n=$((n + m))
fi
echo "fuzz: $n seed files, running $FUZZ_JOBS job(s) for $FUZZ_SECONDS s"

set +e
"$fuzzer" -fork="$FUZZ_JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_len=4096 -timeout=10 -rss_limit_mb=4096 -max_total_time="$FUZZ_SECONDS" \
  -dict=fuzz/python.dict -artifact_prefix="$FUZZ_DIR/artifacts/" \
  "$FUZZ_DIR/corpus" "$seeds" 2>&1 | tee "$FUZZ_DIR/fuzz.log" | grep -E '^(#[0-9]+|==|INFO: fuzzed|.*(crash|timeout|oom|deadly))' | tail -n 40
set -e

found=$(find "$FUZZ_DIR/artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)
if [ -n "$found" ]; then
  # Triage: replay each finding and group by what failed and where (first frame in src/).
  echo "fuzz: $(echo "$found" | wc -l) findings, grouped (replay with $fuzzer FILE):"
  for f in $found; do
    out="$(timeout 60 "$fuzzer" "$f" 2>&1 || true)"
    what="$(echo "$out" | grep -m1 -oE '(ERROR: [A-Za-z]+: [a-z-]+|runtime error: .{0,60}|deadly signal|Timeout|out-of-memory)' || echo unknown)"
    where="$(echo "$out" | grep -m1 -oE '/src/[a-z_/]+\.(cpp|h|inc):[0-9]+' || echo '?')"
    echo "$what at ${where#/} | $f"
  done | sort | awk -F' [|] ' '{ n[$1]++; if (!($1 in ex)) ex[$1] = $2 }
       END { for (k in n) printf "  %4d x %s\n         e.g. %s\n", n[k], k, ex[k] }'
  exit 1
fi
echo "fuzz: no crash, timeout or out-of-memory found (log: $FUZZ_DIR/fuzz.log)"
