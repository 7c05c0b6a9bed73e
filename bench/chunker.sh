#!/usr/bin/env bash
# Builds cairn-bench, runs the chunker JMH benchmark on JDK 25 and prints | benchmark | MB/s | target | result |, the
# result PASS or FAIL; writes the report to bench/results/chunker.md (bench/lib.sh) and exits 1 if a target is missed.
# MB = 10^6 bytes. "wall" rows are JMH's throughput score; "CPU" rows divide the bytes chunked by the CPU time of the
# benchmark thread, which stays meaningful when other processes share the cores (the load average is printed too).
# Extra arguments go to JMH (e.g. -p input=random). Raw JMH output lands in bench/work/ (git-ignored).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_mbs=1000
cd "$root"
scripts/mvn -q -pl cairn-bench -am package -DskipTests
source scripts/jdk.sh
source bench/lib.sh
mkdir -p bench/work
report=bench/work/chunker.md
csv=bench/work/chunker.csv
load_before=$(cut -d' ' -f1 /proc/loadavg)
java -jar cairn-bench/target/benchmarks.jar 'ChunkerBenchmark' -rf csv -rff "$csv" "$@" >bench/work/chunker.log 2>&1 \
  || { tail -40 bench/work/chunker.log >&2; exit 1; }
load_after=$(cut -d' ' -f1 /proc/loadavg)
{
echo "| benchmark | MB/s | target | result |"
echo "|---|---|---|---|"
# CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: input". The primary score is
# bytes/s (one op = one byte); the :bytes and :cpuNanos secondary rows are per-iteration totals.
awk -F, -v target="$target_mbs" '
  function row(name, mbs, err) {
    printf "| %s | %s | %d | %s |\n", name, (err == "" ? sprintf("%.0f", mbs) : sprintf("%.0f ± %.0f", mbs, err)),
      target, (mbs >= target ? "PASS" : "FAIL")
  }
  NR > 1 {
    gsub(/"/, ""); name = $1; sub(/.*\./, "", name); param = $8
    if (name ~ /:bytes$/) { bytes[param] = $5; next }
    if (name ~ /:cpuNanos$/) { cpu[param] = $5; next }
    order[++n] = param; label[param] = name " (" param ")"; score[param] = $5; err[param] = $6
  }
  END {
    for (i = 1; i <= n; i++) {
      p = order[i]
      row(label[p] ", wall", score[p] / 1e6, (err[p] == "NaN" ? "" : err[p] / 1e6))
      if (cpu[p] > 0) row(label[p] ", CPU", bytes[p] / cpu[p] * 1e3, "")
    }
  }' "$csv"
echo
echo "load average (1 min) before/after: $load_before / $load_after on $(nproc) cores"
} | tee "$report"
bench_result chunker "$report" "bench/chunker.sh${*:+ $*}"
