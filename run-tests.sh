#!/usr/bin/env bash
# Runs every test of BenchApp: the .NET solution, then the Python executors' pytest suite.
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

exit $status
