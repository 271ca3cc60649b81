#!/usr/bin/env bash
# Runs every test of BenchApp: the .NET solution, the Python executors' pytest suite, then each Node executor package.
# Tests that need what this machine lacks (a Temporal server, PyPI-only frameworks) are skipped with the reason printed.
set -uo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Debug}"
status=0

echo "== dotnet build ($configuration)"
dotnet build BenchApp.sln -c "$configuration" -nologo -v minimal || exit 1

echo "== dotnet test"
dotnet test BenchApp.sln -c "$configuration" --no-build --nologo --logger "console;verbosity=normal" || status=1

if [ -d python-executors/tests ]; then
  python="${BENCHAPP_PYTHON:-}"
  if [ -z "$python" ]; then
    if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; else python=python3; fi
  fi
  echo "== pytest (python-executors, interpreter: $python)"
  (cd python-executors && CONFIGURATION="$configuration" "$python" -m pytest -rs)
  code=$?
  # 5 = no tests collected: that is a failure of the suite, not a pass.
  if [ $code -ne 0 ]; then status=1; fi
fi

if [ -d node-executors ]; then
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "== node-executors: SKIPPED (node and npm are not on PATH; Node 20+ is needed)"
  else
    # common first: the executors link to it (file:../common) and it has its own dependencies.
    for dir in node-executors/common node-executors/*/; do
      dir="${dir%/}"
      [ -f "$dir/package.json" ] || continue
      case " ${done_node_packages:-} " in *" $dir "*) continue ;; esac
      done_node_packages="${done_node_packages:-} $dir"
      echo "== node --test ($dir, node $(node --version))"
      # npm ci only when node_modules is missing or older than the lockfile (npm ci replaces node_modules whole).
      stamp="$dir/node_modules/.package-lock.json"
      if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
        (cd "$dir" && npm ci --no-audit --no-fund) || { status=1; continue; }
      fi
      (cd "$dir" && CONFIGURATION="$configuration" node --test test/*.test.js) || status=1
    done
  fi
fi

exit $status
