#!/usr/bin/env bash
# Refreshes the benchmark baseline the CI gate compares pull requests with (.github/workflows/benchmark.yml):
# runs the quick suite (or takes an existing run with --from) and writes results.json plus machine.txt,
# a note of the machine it came from, into benchmarks/baseline/ (or --out DIR). Review and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
Usage: benchmarks/refresh-baseline.sh [--from RUN] [--out DIR] [--executors a,b]

  --from RUN       use an existing run (a results/<timestamp>/ folder or its results.json) instead of running
  --out DIR        where results.json and machine.txt go (default: benchmarks/baseline)
  --executors a,b  executors of the quick suite (default: dotnet-inproc,python-baseline, as the CI gate)
USAGE
}

from="" out="benchmarks/baseline" executors="dotnet-inproc,python-baseline"
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="${2:?--from needs a value}"; shift 2 ;;
    --out) out="${2:?--out needs a value}"; shift 2 ;;
    --executors) executors="${2:?--executors needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "refresh-baseline.sh: unknown option '$1'" >&2; usage >&2; exit 1 ;;
  esac
done

if [ -z "$from" ]; then
  runs=$(mktemp -d /tmp/benchapp-baseline.XXXXXX)
  echo "== quick suite ($executors) into $runs"
  # 99 = a threshold broke: the numbers are still a valid baseline; anything else is a failed run.
  ./run-benchmarks.sh --quick --executors "$executors" --results "$runs" || { code=$?; [ "$code" = 99 ] || exit "$code"; }
  from=$(ls -d "$runs"/*/ | sort | tail -n 1)
fi
results="$from"
[ -d "$results" ] && results="${results%/}/results.json"
[ -f "$results" ] || { echo "refresh-baseline.sh: no results.json at '$results'" >&2; exit 1; }

mkdir -p "$out"
# Atomic: a reader (or a concurrent gate run) never sees half a baseline.
cp "$results" "$out/results.json.tmp" && mv "$out/results.json.tmp" "$out/results.json"
{
  echo "source: $(realpath "$results")"
  echo "written: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  # The run records its commit (metadata.git): take it from there, not from the working tree now.
  sha=$(grep -o '"sha": *"[0-9a-f]*"' "$results" | head -n 1 | grep -o '[0-9a-f]\{7,\}' || true)
  dirty=$(grep -o '"dirty": *[a-z]*' "$results" | head -n 1 | grep -o '[a-z]*$' || true)
  echo "commit: ${sha:-unknown}${dirty:+ (dirty: $dirty)}"
  echo "host: $(uname -srm)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown), $(nproc) logical cores"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo 2>/dev/null || echo unknown)"
  echo "dotnet: $(dotnet --version 2>/dev/null || echo unknown)"
  echo "python: $(${BENCHAPP_PYTHON:-/usr/bin/python3} --version 2>&1 || echo unknown)"
  echo "runner: ${RUNNER_NAME:-local} ${RUNNER_OS:-} ${RUNNER_ARCH:-}"
} > "$out/machine.txt.tmp" && mv "$out/machine.txt.tmp" "$out/machine.txt"
echo "== baseline written to $out/results.json (machine: $out/machine.txt)"
