# Sourced by the bench scripts. bench_result NAME REPORT [COMMAND]: writes bench/results/NAME.md (when, on what
# machine, at which commit, with which command, then the Markdown report), prints one PASS or FAIL line per target and
# returns 1 if a target was missed or the report names none. A target is a row of a Markdown table whose last cell
# starts with PASS or FAIL. bench/readme.sh then copies the result files into the README's performance section.
bench_machine() {
  local cpu
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  echo "$(nproc) cores (${cpu:-unknown CPU}), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
}

bench_result() {
  local name=$1 report=$2 command=${3:-bench/$1.sh} root results verdicts
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  results="$root/bench/results/$name.md"
  mkdir -p "$root/bench/results"
  {
    echo "<!-- written by bench/${BENCH_SCRIPT:-$name}.sh; bench/readme.sh copies it into README.md -->"
    echo "#### \`$command\`"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') at commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown) on $(bench_machine); load average $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    cat "$report"
  } >"$results"
  verdicts=$(grep -E '^\|.*\| *(PASS|FAIL)[^|]*\|[[:space:]]*$' "$report" \
    | awk -F'|' '{ v = $(NF - 1); gsub(/^ +| +$/, "", v); t = $2 " " $3; gsub(/ +/, " ", t); gsub(/^ | $/, "", t); print (v ~ /^PASS/ ? "PASS" : "FAIL") ": " t }')
  echo >&2
  echo "results: ${results#$root/}" >&2
  if [ -z "$verdicts" ]; then
    echo "FAIL: the report names no target"
    return 1
  fi
  echo "$verdicts"
  ! grep -q '^FAIL' <<<"$verdicts"
}
