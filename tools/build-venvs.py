#!/usr/bin/env python3
"""Builds the Python executors' virtualenvs as the AppHost does, ahead of time (CI, or a machine that is offline later).

    python3 tools/build-venvs.py [--tests] [--executors python-langgraph,python-adk]

For each Python executor of contracts/executors.json: `python -m venv [--system-site-packages] .venvs/<name>`
(python-executors/.venvs/, the AppHost's PythonEnvironmentLayout), then python-executors/tools/ensure_requirements.py
with its requirements file, which installs only what is missing. --tests adds requirements/test.txt, so
run-tests.sh can run the framework adapter tests inside each venv. The interpreter is BENCHAPP_PYTHON, else
/usr/bin/python3, else python3 (the AppHost's choice). The AppHost's own install step then finds everything met.
Exit code: 0 when every venv is ready, 1 naming the ones that failed.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import List, Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from preflight import ENSURE_REQUIREMENTS, PYTHON_EXECUTORS, TEST_REQUIREMENTS, load_catalogue, venv_interpreter, venv_python  # noqa: E402


def build(entry: dict, interpreter: str, with_tests: bool) -> Optional[str]:
    """None when the venv is ready, else what failed."""
    name, start = entry["name"], entry["start"]
    python = venv_python(name)
    if not python.exists():
        args = [interpreter, "-m", "venv"] + (["--system-site-packages"] if start.get("system_site_packages") else [])
        print(f"== {name}: {' '.join(args)} .venvs/{name}", flush=True)
        if subprocess.call(args + [str(python.parent.parent)], cwd=PYTHON_EXECUTORS) != 0:
            return f"{interpreter} -m venv failed"
    for requirements in [start["requirements"]] + ([TEST_REQUIREMENTS] if with_tests else []):
        print(f"== {name}: ensure {requirements}", flush=True)
        code = subprocess.call([str(python), str(ENSURE_REQUIREMENTS), requirements], cwd=PYTHON_EXECUTORS)
        if code != 0:
            return f"installing {requirements} failed (exit {code})"
    return None


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Python executors' virtualenvs (see the module's doc).")
    parser.add_argument("--tests", action="store_true", help="also install requirements/test.txt into each venv")
    parser.add_argument("--executors", default="", help="comma-separated: only these Python executors")
    args = parser.parse_args(argv)
    only = [n.strip() for n in args.executors.split(",") if n.strip()]
    entries = [e for e in load_catalogue() if e["start"]["kind"] == "python" and (not only or e["name"] in only)]
    if only and len(entries) != len(only):
        print(f"build-venvs: not Python executors of the catalogue: {', '.join(set(only) - {e['name'] for e in entries})}", file=sys.stderr)
        return 1

    interpreter = venv_interpreter()
    failed: List[str] = []
    for entry in entries:
        why = build(entry, interpreter, args.tests)
        if why:
            failed.append(f"{entry['name']}: {why}")
    for line in failed:
        print(f"build-venvs: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
