#!/usr/bin/env bash
# Headless benchmark run: starts everything through the AppHost (no dashboard), runs the suite, writes
# results/<timestamp>/, stops every process it started and exits with the load driver's code
# (0 ok, 1 failed or bad input, 2 no executor available, 3 --require-all and an executor is unavailable,
# 99 a threshold or regression failed, 130 interrupted by SIGINT/Ctrl+C, 143 by SIGTERM: the run is then
# written as "interrupted").
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  cat <<'USAGE'
Usage: ./run-benchmarks.sh [--all | --scenario NAME ...] [--iterations N] [--quick]
                           [--executors a,b] [--config FILE] [--results DIR] [--require-all]

  --all               every scenario of the config (the default)
  --scenario NAME     one scenario (repeatable): simple-chat, tool-execution, multi-turn, agent-loop, concurrent
  --iterations N      measured iterations per scenario
  --quick             the short suite (a few minutes)
  --executors a,b     only these executors (e.g. dotnet-inproc,python-baseline)
  --config FILE       suite file (default: benchmark-config.yaml)
  --results DIR       where results/<timestamp>/ go (default: results)
  --require-all       every executor must run: exit 3 naming each one that cannot, before measuring
                      (also BENCHAPP_REQUIRE_ALL=1; the AppHost setting BenchApp:RequireAll)
USAGE
}

fail() { echo "run-benchmarks.sh: $*" >&2; echo "Try --help." >&2; exit 1; }
value() { [ $# -ge 2 ] && [ -n "$2" ] && [ "${2#--}" = "$2" ] || fail "$1 needs a value"; }

args=(--BenchApp:Headless=true)
scenarios=()
executors=""
require_all=0
case "${BENCHAPP_REQUIRE_ALL:-}" in 1|true|yes) require_all=1 ;; esac
while [ $# -gt 0 ]; do
  case "$1" in
    --all) scenarios=(); shift ;;
    --scenario) value "$@"; scenarios+=("$2"); shift 2 ;;
    --scenario=*) scenarios+=("${1#*=}"); shift ;;
    --iterations) value "$@"; [[ "$2" =~ ^[1-9][0-9]*$ ]] || fail "--iterations must be a positive integer, got '$2'"
                  args+=("--BenchApp:Iterations=$2"); shift 2 ;;
    --quick) args+=(--BenchApp:Quick=true); shift ;;
    --executors) value "$@"; executors="$2"; args+=("--BenchApp:Executors=$2"); shift 2 ;;
    --config) value "$@"; [ -f "$2" ] || fail "--config: no file '$2'"; args+=("--BenchApp:Config=$(realpath "$2")"); shift 2 ;;
    --results) value "$@"; args+=("--BenchApp:Results=$(realpath -m "$2")"); shift 2 ;;
    --require-all) require_all=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option '$1'" ;;
  esac
done
if [ ${#scenarios[@]} -gt 0 ]; then
  args+=("--BenchApp:Scenarios=$(IFS=,; echo "${scenarios[*]}")")
fi

if [ "$require_all" = 1 ]; then
  args+=(--BenchApp:RequireAll=true)
  # Seconds, not minutes: what the AppHost only learns later (a pip install without a package index) is named now.
  preflight_python=python3; [ -x /usr/bin/python3 ] && preflight_python=/usr/bin/python3
  "$preflight_python" tools/preflight.py --scope benchmarks --executors "$executors" || exit $?
fi

# Release always: the AppHost passes its own configuration to every .NET project it starts (dotnet run -c), so the
# mock, the executors and the driver are measured as Release builds. CONFIGURATION=Debug is for the script's own
# tests only; the report then says DEBUG BUILD in its first lines.
configuration="${CONFIGURATION:-Release}"
if [ "$configuration" != "Release" ]; then
  echo "run-benchmarks.sh: WARNING: CONFIGURATION=$configuration: the numbers will not be those of a Release build" >&2
fi
if [ "${BENCHAPP_SKIP_BUILD:-0}" != "1" ]; then
  echo "== building ($configuration)"
  dotnet build BenchApp.AppHost -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
fi
apphost="BenchApp.AppHost/bin/$configuration/net10.0/BenchApp.AppHost.dll"
[ -f "$apphost" ] || fail "$apphost is missing: build it (unset BENCHAPP_SKIP_BUILD) or set CONFIGURATION"
echo "== running the suite headless: ${args[*]}"
# exec the built AppHost itself (as `dotnet run --no-launch-profile` would, without a process in between):
# SIGINT/SIGTERM of this script reach it, it has the driver write the run as interrupted, stops every
# resource it started and exits 130/143.
# Its content root is the project folder, as under `dotnet run`: appsettings.json (log filters) is read from there.
export DOTNET_CONTENTROOT="$PWD/BenchApp.AppHost"
exec dotnet "$apphost" "${args[@]}"
