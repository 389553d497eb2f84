#!/usr/bin/env bash
# Installs the Debian packages Aegis needs to build, test and benchmark, when they
# are missing. Safe to run again: does nothing (and needs no network) when all is there.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libyaml-cpp-dev zlib1g-dev libgit2-dev
  # tests
  libgtest-dev libgmock-dev python3 python3-packaging python3-jsonschema
  # the HTML report is checked in a headless browser, the Markdown one with GitHub's renderer
  chromium cmark-gfm
  # fuzzing (libFuzzer ships with clang)
  clang libclang-rt-dev
  # benchmarks: the peers we measure against, and a real corpus
  libbenchmark-dev bandit ripgrep python3-django
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "bootstrap: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
