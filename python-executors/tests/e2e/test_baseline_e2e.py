"""python-baseline end to end on Debian's packages: a real redis-server, the real mock LLM, the real process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import httpx
import pytest
import redis

from tests.support import processes

pytestmark = pytest.mark.e2e
ROOT = processes.PYTHON_EXECUTORS


@pytest.fixture
def http(baseline_url):
    with httpx.Client(base_url=baseline_url, timeout=30) as client:
        yield client


@pytest.fixture
def store(redis_url):
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


def commands(store, name: str) -> int:
    return int(store.info("commandstats").get(f"cmdstat_{name}", {}).get("calls", 0))


def test_history_is_one_key_per_session_written_once_per_turn(http, store):
    store.config_resetstat()
    first = http.post("/v1/runs", json={"message": "#bench tool_calls=2 parallel=2\nWeather?"}).json()
    assert (commands(store, "get"), commands(store, "set")) == (0, 1)  # new session: nothing to load
    key = f"bench:py-baseline:session:{first['session_id']}"
    history = json.loads(store.get(key))
    assert [m["role"] for m in history] == ["user", "assistant", "tool", "tool", "assistant"]
    assert history[0]["content"] == "#bench tool_calls=2 parallel=2\nWeather?"
    assert {m["tool_call_id"] for m in history[2:4]} == {c["id"] for c in history[1]["tool_calls"]}
    assert 0 < store.ttl(key) <= 86_400
    size = store.strlen(key)
    assert first["state_bytes"] == {"turn": size, "session": size}

    store.config_resetstat()
    second = http.post("/v1/runs", json={"message": "#bench tool_calls=0\nAgain", "session_id": first["session_id"]}).json()
    assert (commands(store, "get"), commands(store, "set")) == (1, 1)
    assert len(json.loads(store.get(key))) == 7
    assert second["timings_ms"]["state"] > 0
    assert second["state_bytes"] == {"turn": store.strlen(key), "session": store.strlen(key)}
    assert second["state_bytes"]["session"] > first["state_bytes"]["session"]


def test_tool_results_are_the_shared_tools(http, store):
    body = http.post("/v1/runs", json={"message": "#bench tool_calls=2 tool=calculator\nSum?"}).json()
    history = json.loads(store.get(f"bench:py-baseline:session:{body['session_id']}"))
    calls = [c for m in history if m["role"] == "assistant" for c in (m.get("tool_calls") or [])]
    results = [m["content"] for m in history if m["role"] == "tool"]
    from benchapp_common import tools
    expected = [tools.prepare(c["function"]["name"], c["function"]["arguments"]).result.output for c in calls]
    assert results == expected and len(results) == 2


def test_tool_delay_counts_as_tool_time(http):
    body = http.post("/v1/runs", json={"message": "#bench tool_calls=1 tool_delay_ms=50\nSlow tool"}).json()
    assert body["timings_ms"]["tool"] >= 45
    assert body["timings_ms"]["total"] >= body["timings_ms"]["tool"]


def test_health_is_503_when_redis_is_unreachable(stack):
    env = processes.executor_env("benchapp_baseline", stack.mock_url, f"redis://127.0.0.1:{processes.free_port()}/0")
    child, url = processes.start_executor("benchapp_baseline", env, python=sys.executable)
    try:
        r = httpx.get(url + "/health", timeout=10)
        assert r.status_code == 503
        assert r.json()["checks"]["llm"] == "ok" and r.json()["checks"]["redis"] != "ok"
        assert httpx.get(url + "/alive", timeout=5).status_code == 200
    finally:
        child.stop()


def test_missing_configuration_is_a_clear_exit():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("services__", "ConnectionStrings__", "LLM_"))}
    result = subprocess.run([sys.executable, "-m", "benchapp_baseline"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 2
    assert "LLM_BASE_URL" in result.stdout + result.stderr


def test_requirements_install_offline_in_a_system_site_packages_venv(tmp_path: Path):
    """What the AppHost's install step does here: Debian's packages satisfy requirements/baseline.txt."""
    venv.create(tmp_path / "venv", system_site_packages=True, with_pip=False)
    python = tmp_path / "venv" / "bin" / "python"
    stamp = tmp_path / "stamp"
    ok = subprocess.run([str(python), "tools/ensure_requirements.py", "requirements/baseline.txt", "--check",
                         "--stamp", str(stamp), "--hash", "h1"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert stamp.read_text().strip() == "h1"
    missing = subprocess.run([str(python), "tools/ensure_requirements.py", "requirements/langgraph.txt", "--check"],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and "langgraph==" in missing.stdout
