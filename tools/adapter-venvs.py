#!/usr/bin/env python3
"""Prints one line per Python framework executor of contracts/executors.json: `name framework venv-python`.

run-tests.sh reads it to run each framework's adapter tests (python-executors/tests/adapters) inside that executor's
own virtualenv, python-executors/.venvs/<name>/ (the AppHost's, or tools/build-venvs.py's), when the venv exists.
The venv column is the path whether or not it exists. python-baseline (framework "none") has no adapter tests."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from preflight import load_catalogue, venv_python  # noqa: E402

for entry in load_catalogue():
    if entry["start"]["kind"] == "python" and entry["framework"] != "none":
        print(entry["name"], entry["framework"], venv_python(entry["name"]))
