"""The three framework executors, each started as `python -m benchapp_<name>` on redis-server and the mock LLM.

They run where the framework is importable by this interpreter, i.e. from the framework's own venv, which also
selects that framework alone (tests/support/frameworks.py; run-tests.sh does this for every venv that exists):
    .venvs/python-langgraph/bin/python -m pytest tests/adapters
and are skipped with the reason elsewhere (Debian's Python has none of them; no package index here).
The full contract check for one of them: start it, then EXECUTOR_URL=http://... pytest tests/conformance."""
from __future__ import annotations

import importlib.util
import sys
import uuid

import httpx
import pytest

from tests.support import frameworks, processes

FRAMEWORKS = {
    # module, import that proves the framework is installed, distribution, requirements file
    "langgraph": ("benchapp_langgraph", "langgraph.graph", "langgraph", "requirements/langgraph.txt"),
    "google-adk": ("benchapp_adk", "google.adk.runners", "google-adk", "requirements/adk.txt"),
    "crewai": ("benchapp_crewai", "crewai", "crewai", "requirements/crewai.txt"),
}


def importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


@pytest.fixture(scope="module", params=frameworks.selected(list(FRAMEWORKS)))
def executor(request):
    module, probe, dist, requirements = FRAMEWORKS[request.param]
    if not importable(probe):
        pytest.skip(f"{dist} is not importable by {sys.executable}: run these tests from a venv made with "
                    f"`pip install -r {requirements} -r requirements/test.txt` (the AppHost makes .venvs/python-*)")
    stack = request.getfixturevalue("stack")
    env = processes.executor_env(module, stack.mock_url, stack.redis_url,
                                 {"LLM_TIMEOUT_SECONDS": "5", "BENCHAPP_DATA_DIR": str(request.config.cache.mkdir("data"))})
    child, url = processes.start_executor(module, env, python=sys.executable)
    yield request.param, httpx.Client(base_url=url, timeout=60)
    child.stop()


def test_info_names_the_framework_and_its_version(executor):
    framework, http = executor
    info = http.get("/v1/info").json()
    assert info["framework"] == framework and info["language"] == "python"
    assert info["framework_version"] not in ("-", "not installed")
    assert info["state_store"] in ("redis", "redis-json", "sqlite")
    assert http.get("/health").status_code == 200


@pytest.mark.parametrize("tool_calls,parallel", [(0, 1), (2, 1), (2, 2)])
def test_directive_counts(executor, tool_calls, parallel):
    framework, http = executor
    body = http.post("/v1/runs", json={"message": f"#bench tool_calls={tool_calls} reply_tokens=6 parallel={parallel}\nWeather?"}).json()
    expected = -(-tool_calls // parallel) + 1
    # Every framework runs all tool calls of one reply (crewAI 1.15: agent_executor.py execute_native_tool).
    assert (body["llm_calls"], body["tool_calls"], body["stop_reason"]) == (expected, tool_calls, "completed"), body
    assert body["iterations"] == body["llm_calls"]
    assert body["usage"]["input_tokens"] > 0 and body["usage"]["output_tokens"] > 0
    assert body["output"].strip()
    assert body["timings_ms"]["llm"] > 0
    state = body["state_bytes"]
    assert set(state) == {"turn", "session"}
    assert all(v is None or (isinstance(v, int) and v > 0) for v in state.values()), state


def test_session_persists_in_the_framework_store(executor):
    _, http = executor
    first = http.post("/v1/runs", json={"message": "#bench tool_calls=1\nHello"}).json()
    second = http.post("/v1/runs", json={"message": "#bench tool_calls=0\nAgain", "session_id": first["session_id"]})
    assert second.status_code == 200 and second.json()["session_id"] == first["session_id"]
    assert second.json()["llm_calls"] == 1
    missing = http.post("/v1/runs", json={"message": "hi", "session_id": "nope-" + uuid.uuid4().hex})
    assert missing.status_code == 404


def test_max_iterations(executor):
    _, http = executor
    r = http.post("/v1/runs", json={"message": "#bench tool_calls=5\nWeather?", "max_iterations": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    # crewAI's own forced final-answer call (a third one) is refused before it is sent
    assert (body["stop_reason"], body["llm_calls"], body["tool_calls"]) == ("max_iterations", 2, 2), body


def test_info_records_the_settings_that_change_the_work(executor):
    framework, http = executor
    info = http.get("/v1/info").json()
    assert info["workers"] == 1 and info["build"] is None and info["settings"], info
    expected = {"langgraph": {"durability", "recursion_limit"}, "google-adk": {"model_path", "llm_retries"},
                "crewai": {"max_iter", "forced_final_answer", "threads"}}[framework]
    assert expected <= set(info["settings"]), info["settings"]
