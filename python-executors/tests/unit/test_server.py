"""The entry point: how a worker process finds the executor when WORKERS > 1."""
import pytest

from benchapp_baseline.executor import BaselineExecutor
from benchapp_common import server
from benchapp_common.config import ConfigError


def test_executor_path_is_importable_by_a_fresh_process():
    assert server.executor_path(BaselineExecutor.from_settings) == \
        "benchapp_baseline.executor:BaselineExecutor.from_settings"


def test_a_local_factory_cannot_be_used_with_workers():
    def build(settings):  # pragma: no cover - never called
        raise AssertionError

    with pytest.raises(ConfigError, match="WORKERS"):
        server.executor_path(build)


def test_worker_factory_builds_the_named_executor(monkeypatch):
    monkeypatch.setenv(server.EXECUTOR_ENV, "benchapp_baseline.executor:BaselineExecutor.from_settings")
    monkeypatch.setenv("LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")
    app = server.app_from_env()
    assert {r.path for r in app.routes} >= {"/v1/info", "/v1/runs", "/health", "/alive"}


def test_worker_factory_rejects_a_malformed_executor_name(monkeypatch):
    monkeypatch.setenv(server.EXECUTOR_ENV, "no-colon")
    with pytest.raises(SystemExit):
        server.app_from_env()
