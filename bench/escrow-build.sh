#!/usr/bin/env bash
# Escrow rebuild check: the source archive an escrow copy carries builds offline into a working cairn.
#
# Usage: bench/escrow-build.sh [COPY_DIR]
#   COPY_DIR   a decrypted escrow copy (holding software/SHA256SUMS and software/cairn-src.tar.gz); default: the
#              distribution's own cairn-dist/target/cairn.jar and cairn-src.tar.gz (built first if missing)
#
# Checks the checksums, unpacks the archive into an empty directory, builds it with its own Maven wrapper offline
# (-o: only the local Maven repository, no network) without tests, then runs the rebuilt jar's `--version` and
# `server --help`. Prints the time and size of each step as a Markdown table; exit 0 when the rebuild works.
# Too slow for CI (a full build), hence a bench script (issue 16).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/jdk.sh"
source "$ROOT/bench/lib.sh"

software_dir() {
  if [ $# -gt 0 ]; then echo "$1/software"; return; fi
  if [ ! -f "$ROOT/cairn-dist/target/cairn-src.tar.gz" ]; then
    (cd "$ROOT" && ./mvnw -q -B -o -DskipTests -Dmaven.test.skip=true -pl cairn-dist -am package >&2)
  fi
  local dir
  dir=$(mktemp -d)
  cp "$ROOT/cairn-dist/target/cairn.jar" "$ROOT/cairn-dist/target/cairn-src.tar.gz" "$dir/"
  (cd "$dir" && sha256sum cairn.jar cairn-src.tar.gz >SHA256SUMS)
  echo "$dir"
}

SOFTWARE=$(software_dir "$@")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
report="$WORK/report.md"
status=0

(cd "$SOFTWARE" && sha256sum --quiet -c SHA256SUMS) || { echo "checksums of $SOFTWARE do not match" >&2; exit 1; }
start=$(date +%s.%N)
tar xzf "$SOFTWARE/cairn-src.tar.gz" -C "$WORK"
src=$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name 'cairn-*' | head -n 1)
unpacked=$(date +%s.%N)
if (cd "$src" && ./mvnw -B -q -o -DskipTests -Dmaven.test.skip=true package >"$WORK/build.log" 2>&1); then
  built=PASS
else
  built=FAIL; status=1; tail -n 30 "$WORK/build.log" >&2
fi
done_build=$(date +%s.%N)
jar="$src/cairn-dist/target/cairn.jar"
runs=FAIL
if [ -f "$jar" ] && "$JAVA_HOME/bin/java" -jar "$jar" server --help 2>&1 | grep -q -- "--from-copy"; then
  runs=PASS
else
  status=1
fi
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
{
  echo "| step | figure | result |"
  echo "|---|---|---|"
  echo "| unpack cairn-src.tar.gz ($(du -h "$SOFTWARE/cairn-src.tar.gz" | cut -f1)) | $(secs "$start" "$unpacked") s | PASS |"
  echo "| offline build (./mvnw -o package, no tests) | $(secs "$unpacked" "$done_build") s | $built |"
  echo "| rebuilt jar starts (server --help names --from-copy) | $( [ -f "$jar" ] && du -h "$jar" | cut -f1 || echo none) | $runs |"
} >"$report"
cat "$report"
bench_result escrow-build "$report" || status=1
exit $status
