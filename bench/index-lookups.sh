#!/usr/bin/env bash
# The on-disk index at scale, in the agent's heap: builds an index of N random blob ids the way backups do (a run per
# 16,384 blobs, merged in the background) in a cache directory, reopens it from the cache, looks up every id and N absent
# ids, and checks every answer (bench/README.md). Prints a Markdown table; sizes as arguments (default 1M 5M).
# The JVM runs with the launcher's heap options (-XX:+UseSerialGC -Xmn4m -Xmx56m), so a run that needs more heap fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/mvn -q -pl cairn-bench -am package -DskipTests
source scripts/jdk.sh
work="${BENCH_WORK:-${TMPDIR:-/tmp}/cairn-index-lookups}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000000 5000000)
echo "| blobs | build s | reopen s | lookup present µs | lookup absent µs | index files | heap after MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  rm -rf "$work" && mkdir -p "$work"
  java -XX:+UseSerialGC -Xmn4m -Xmx56m -cp cairn-bench/target/benchmarks.jar dev.cairn.bench.IndexLookupBench "$n" "$work/cache"
done
rm -rf "$work"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine is not paused)"
