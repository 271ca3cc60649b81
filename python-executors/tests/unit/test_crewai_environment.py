"""What python-crewai sets up around crewAI (no crewAI needed)."""
import json

import pytest

from benchapp_common.config import ConfigError
from benchapp_crewai.environment import DEFAULT_THREADS, apply_defaults, seed_tracing_opt_out, threads_setting


def test_defaults_turn_telemetry_and_tracing_off_and_isolate_the_data_dir():
    env = {"CREWAI_TRACING_ENABLED": "true"}
    apply_defaults(env)
    assert env == {"CREWAI_TRACING_ENABLED": "true",  # a user's explicit choice is kept
                   "CREWAI_DISABLE_TELEMETRY": "true", "CREWAI_STORAGE_DIR": "benchapp-crewai"}


def test_threads_default_is_above_the_largest_concurrency_and_validated():
    assert threads_setting({}) == DEFAULT_THREADS >= 200
    assert threads_setting({"CREWAI_THREADS": "300"}) == 300
    for bad in ("0", "many", "5000"):
        with pytest.raises(ConfigError, match="CREWAI_THREADS"):
            threads_setting({"CREWAI_THREADS": bad})


def test_tracing_opt_out_is_written_with_crewais_keys(tmp_path):
    path = seed_tracing_opt_out(tmp_path / "data")
    data = json.loads(path.read_text())
    assert path.name == ".crewai_user.json"
    assert data["first_execution_done"] is True and data["trace_consent"] is False


def test_a_recorded_choice_is_kept_and_other_keys_survive(tmp_path):
    (tmp_path / ".crewai_user.json").write_text(json.dumps({"first_execution_done": True, "trace_consent": True,
                                                           "user_id": "u1"}))
    seed_tracing_opt_out(tmp_path)
    assert json.loads((tmp_path / ".crewai_user.json").read_text())["trace_consent"] is True
    (tmp_path / ".crewai_user.json").write_text(json.dumps({"user_id": "u2"}))
    seed_tracing_opt_out(tmp_path)
    data = json.loads((tmp_path / ".crewai_user.json").read_text())
    assert data["user_id"] == "u2" and data["trace_consent"] is False
    assert not list(tmp_path.glob("*.tmp"))  # written atomically, no leftovers


def test_a_corrupt_file_is_replaced(tmp_path):
    (tmp_path / ".crewai_user.json").write_text("{not json")
    seed_tracing_opt_out(tmp_path)
    assert json.loads((tmp_path / ".crewai_user.json").read_text())["first_execution_done"] is True
