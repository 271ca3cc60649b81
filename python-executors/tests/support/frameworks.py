"""Which framework adapters this pytest run covers (tests/adapters), chosen by the interpreter it runs in.

Each framework lives in its own executor's virtualenv, python-executors/.venvs/<executor>/ (their pins conflict), so:
- BENCHAPP_FRAMEWORKS=langgraph,crewai (run-tests.sh sets it): exactly those;
- else, run from an executor's venv: that executor's framework (contracts/executors.json maps venv -> framework);
- else every framework, each skipped with the reason when this interpreter cannot import it."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

from tests.support.processes import PYTHON_EXECUTORS, REPO

VENVS = PYTHON_EXECUTORS / ".venvs"
CATALOGUE = REPO / "contracts" / "executors.json"


def venv_executor(prefix: Optional[str] = None) -> Optional[str]:
    """The executor whose venv this interpreter is (python-executors/.venvs/<name>), else None."""
    path = Path(prefix or sys.prefix).resolve()
    return path.name if path.parent == VENVS.resolve() else None


def framework_of(executor: str) -> Optional[str]:
    entries = json.loads(CATALOGUE.read_text(encoding="utf-8"))["executors"]
    return next((e["framework"] for e in entries if e["name"] == executor), None)


def selected(known: List[str], environ: Optional[dict] = None, prefix: Optional[str] = None) -> List[str]:
    environ = os.environ if environ is None else environ
    asked = [f.strip() for f in environ.get("BENCHAPP_FRAMEWORKS", "").split(",") if f.strip()]
    if asked:
        unknown = [f for f in asked if f not in known]
        if unknown:
            raise ValueError(f"BENCHAPP_FRAMEWORKS names {', '.join(unknown)}; known frameworks: {', '.join(known)}")
        return asked
    executor = venv_executor(prefix)
    own = framework_of(executor) if executor else None
    return [own] if own in known else list(known)
