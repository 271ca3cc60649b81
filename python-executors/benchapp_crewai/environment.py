"""What the crewAI executor sets up before and around crewAI: environment defaults read at import, the
worker-thread count, and the tracing opt-out crewAI reads from its user data file. Imports no crewAI, so the
unit tests run it without the framework."""
from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Mapping, MutableMapping, Optional

from benchapp_common.config import ConfigError

DEFAULT_THREADS = 256  # above the largest concurrency the suite drives (200)
USER_DATA_FILE = ".crewai_user.json"  # crewai-core user_data.py _user_data_file()


def apply_defaults(env: Optional[MutableMapping[str, str]] = None) -> None:
    env = os.environ if env is None else env
    env.setdefault("CREWAI_DISABLE_TELEMETRY", "true")
    env.setdefault("CREWAI_TRACING_ENABLED", "false")
    # crewAI's data dir is appdirs.user_data_dir(CREWAI_STORAGE_DIR or the cwd's name, "CrewAI"), created at
    # import (crewai-core paths.py db_storage_path): give the bench its own, away from a user's crewAI data.
    env.setdefault("CREWAI_STORAGE_DIR", "benchapp-crewai")


def threads_setting(env: Mapping[str, str]) -> int:
    """CREWAI_THREADS: worker threads for kickoff (each turn holds one for its whole run)."""
    raw = (env.get("CREWAI_THREADS") or "").strip()
    if not raw:
        return DEFAULT_THREADS
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"CREWAI_THREADS='{raw}' is not an integer.") from None
    if not 1 <= value <= 4096:
        raise ConfigError(f"CREWAI_THREADS={value} is outside [1, 4096].")
    return value


def seed_tracing_opt_out(data_dir: Optional[Path] = None) -> Path:
    """Record, in the user data file crewAI reads (`<db_storage_path()>/.crewai_user.json`, crewai-core
    user_data.py), that the first execution is done and trace consent was not given. With it,
    has_user_declined_tracing() holds, so crewAI neither auto-collects first-run traces nor adds its trace
    listener (CREWAI_TRACING_ENABLED=false alone does not opt out: events/listeners/tracing/utils.py only
    looks for "true"/"1"). The keys are the ones mark_first_execution_done() writes. A choice already
    recorded in the file is kept; the file is replaced atomically."""
    if data_dir is None:
        from crewai_core.paths import db_storage_path

        data_dir = Path(db_storage_path())
    path = data_dir / USER_DATA_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    if data.get("first_execution_done") and "trace_consent" in data:
        return path
    data.update({"first_execution_done": True, "first_execution_at": time.time(), "trace_consent": False})
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=data_dir, delete=False, suffix=".tmp") as f:
        json.dump(data, f, indent=2)
    os.replace(f.name, path)
    return path
