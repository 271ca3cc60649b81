#!/usr/bin/env bash
# Runs every test of BenchApp: the .NET solution, the Python executors' pytest suite, then each Node executor package.
# Tests that need what this machine lacks (a Temporal server, PyPI-only frameworks) are skipped with the reason printed.
# --require-all (or BENCHAPP_REQUIRE_ALL=1): first check every prerequisite (tools/preflight.py) and stop before any
# test when one is missing; then run everything with every skip counted as a failure.
set -uo pipefail
cd "$(dirname "$0")"

require_all=0
case "${BENCHAPP_REQUIRE_ALL:-}" in 1|true|yes) require_all=1 ;; esac
for arg in "$@"; do
  case "$arg" in
    --require-all) require_all=1 ;;
    -h|--help) echo "Usage: ./run-tests.sh [--require-all]   (README: Run the tests, Verify everything)"; exit 0 ;;
    *) echo "run-tests.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

configuration="${CONFIGURATION:-Debug}"
status=0
python="${BENCHAPP_PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; else python=python3; fi
fi

dotnet_extra=()
if [ "$require_all" = 1 ]; then
  export BENCHAPP_REQUIRE_ALL=1
  command -v "$python" >/dev/null 2>&1 || { echo "run-tests.sh --require-all: MISSING  Python 3 ($python) for the preflight and the Python suite" >&2; exit 1; }
  "$python" tools/preflight.py --scope tests || exit 1
  # Every skip fails (xunit's FailSkips, through RunSettings); measurements are not tests: they run with BENCH_MEASURE=1.
  dotnet_extra=(--filter "Category!=Measurement" -- xUnit.FailSkips=true)
fi

# Node packages install before the .NET tests: the mock's test of the real @google/genai client
# (tests/BenchApp.MockLlm.Tests/GenAiClient) and the robustness sweep of the Node executors start them.
node_packages=()
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  echo "== npm ci (tests/BenchApp.MockLlm.Tests/GenAiClient, for the Gemini SDK test)"
  (cd tests/BenchApp.MockLlm.Tests/GenAiClient && node ../../../node-executors/tools/ensure-modules.mjs) || status=1
  # common first: the executors link to it (file:../common) and it has its own dependencies.
  for dir in node-executors/common node-executors/*/; do
    dir="${dir%/}"
    [ -f "$dir/package.json" ] || continue
    case " ${node_packages[*]:-} " in *" $dir "*) continue ;; esac
    echo "== npm ci ($dir)"
    # ensure-modules: npm ci only when node_modules is missing or older than the lockfile.
    if (cd "$dir" && node "$PWD/../tools/ensure-modules.mjs"); then node_packages+=("$dir"); else status=1; fi
  done
fi

echo "== dotnet build ($configuration)"
dotnet build BenchApp.sln -c "$configuration" -nologo -v minimal || exit 1

echo "== dotnet test${dotnet_extra:+ (require-all: skips fail)}"
dotnet test BenchApp.sln -c "$configuration" --no-build --nologo --logger "console;verbosity=normal" "${dotnet_extra[@]}" || status=1

if [ -d python-executors/tests ]; then
  # Each framework's adapter tests run in its own executor's venv when it exists (the frameworks' pins conflict);
  # the frameworks without one stay in the main run, where they skip with the reason.
  here=() venvs=()
  while read -r name framework venv; do
    if [ -x "$venv" ]; then venvs+=("$name:$framework:$venv"); else here+=("$framework"); fi
  done < <("$python" tools/adapter-venvs.py)
  adapters=(--ignore=tests/adapters)
  if [ ${#here[@]} -gt 0 ]; then adapters=(); export BENCHAPP_FRAMEWORKS="$(IFS=,; echo "${here[*]}")"; fi

  echo "== pytest (python-executors, interpreter: $python; framework adapters in this run: ${here[*]:-none})"
  (cd python-executors && CONFIGURATION="$configuration" "$python" -m pytest -rs "${adapters[@]}")
  code=$?
  # 5 = no tests collected: that is a failure of the suite, not a pass.
  if [ $code -ne 0 ]; then status=1; fi

  for run in "${venvs[@]}"; do
    IFS=: read -r name framework venv <<<"$run"
    echo "== pytest tests/adapters for $name ($framework), interpreter: $venv"
    if ! (cd python-executors && "$venv" tools/ensure_requirements.py requirements/test.txt >/dev/null); then
      echo "SKIPPED tests/adapters for $name: pytest (requirements/test.txt) cannot be installed into $venv"
      if [ "$require_all" = 1 ]; then status=1; fi
      continue
    fi
    (cd python-executors && CONFIGURATION="$configuration" BENCHAPP_FRAMEWORKS="$framework" "$venv" -m pytest -rs tests/adapters)
    code=$?
    if [ $code -ne 0 ]; then status=1; fi
  done
fi

if [ -d node-executors ]; then
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "== node-executors: SKIPPED (node and npm are not on PATH; Node 20+ is needed)"
    if [ "$require_all" = 1 ]; then status=1; fi
  else
    for dir in "${node_packages[@]}"; do
      echo "== node --test ($dir, node $(node --version))"
      (cd "$dir" && CONFIGURATION="$configuration" node --test test/*.test.js) || status=1
    done
  fi
fi

exit $status
