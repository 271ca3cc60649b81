"""docs/executor-api.md, endpoint by endpoint and error case by error case, against any executor by URL."""
from __future__ import annotations

import json
import math
import re
import uuid
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

CONTRACTS = Path(__file__).resolve().parents[3] / "contracts"

PROBLEM = "application/problem+json"


def run(target, body) -> httpx.Response:
    # UTF-8 as is (httpx's json= would escape non-ASCII, and "é" * 32_769 would pass the body limit)
    content = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return target.http.post("/v1/runs", content=content, headers={"content-type": "application/json"})


def ok(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def problem(response: httpx.Response, status: int, field: str = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers.get("content-type", "").startswith(PROBLEM), response.headers.get("content-type")
    body = response.json()
    assert body["status"] == status and isinstance(body["title"], str) and body["title"]
    assert "type" in body
    assert "Traceback" not in response.text and "   at " not in response.text  # no Python or .NET stack trace
    if field is not None:
        assert field in body.get("errors", {}), body
        assert body["type"] == "https://benchapp.dev/problems/validation"
        assert f"{field}: " in body["detail"]
    return body


def directive(tool_calls=0, reply_tokens=8, parallel=1, run_id=None) -> str:
    run_part = f" run={run_id}" if run_id else ""
    return f"#bench tool_calls={tool_calls} reply_tokens={reply_tokens} parallel={parallel}{run_part}\nWhat's the weather?"


def new_run_id() -> str:
    return "conf-" + uuid.uuid4().hex[:12]


# ---- endpoints ---------------------------------------------------------------------------------

def test_alive(target):
    assert target.http.get("/alive").status_code == 200


def test_health(target):
    r = target.http.get("/health")
    assert r.status_code == 200, r.text


def test_info(target):
    r = target.http.get("/v1/info")
    assert r.status_code == 200
    info = r.json()
    assert set(info) >= {"executor", "language", "runtime_version", "framework", "framework_version", "durable",
                         "state_store", "pid"}
    # The executor catalogue (contracts/executors.json) is the one list of names, languages and frameworks.
    catalogue = {e["name"]: e for e in json.loads((CONTRACTS / "executors.json").read_text(encoding="utf-8"))["executors"]}
    assert info["executor"] in catalogue
    assert info["language"] == catalogue[info["executor"]]["language"]
    assert info["framework"] == catalogue[info["executor"]]["framework"]
    assert (info["framework_version"] == "-") == (info["framework"] == "none")
    assert isinstance(info["durable"], bool)
    assert info["state_store"] in ("temporal", "redis", "redis-json", "sqlite", "memory")
    assert isinstance(info["pid"], int) and info["pid"] > 0
    assert re.match(r"\d+\.\d+", info["runtime_version"])


# ---- runs --------------------------------------------------------------------------------------

@pytest.mark.parametrize("tool_calls,parallel", [(0, 1), (1, 1), (3, 1), (4, 2), (5, 2)])
def test_run_follows_the_directive(target, tool_calls, parallel):
    body = ok(run(target, {"message": directive(tool_calls, 8, parallel)}))
    expected = math.ceil(tool_calls / parallel) + 1
    assert (body["iterations"], body["llm_calls"], body["tool_calls"]) == (expected, expected, tool_calls)
    assert body["stop_reason"] == "completed"
    assert re.fullmatch(r"[0-9a-f]{32}", body["session_id"])
    assert isinstance(body["output"], str) and body["output"].strip()
    assert body["usage"]["input_tokens"] > 0 and body["usage"]["output_tokens"] >= 8
    t = body["timings_ms"]
    assert all(isinstance(t[k], (int, float)) and t[k] >= 0 for k in ("total", "llm", "tool", "state"))
    assert t["total"] >= t["llm"]


def test_usage_matches_what_the_mock_counted(target, admin):
    run_id = new_run_id()
    body = ok(run(target, {"message": directive(2, 5, 1, run_id)}))
    seen = admin.run(run_id)
    assert seen is not None, f"the mock saw no request for run {run_id}"
    assert seen["llm_calls"] == body["llm_calls"] == 3
    assert (seen["input_tokens"], seen["output_tokens"]) == (body["usage"]["input_tokens"], body["usage"]["output_tokens"])


def test_max_iterations_cuts_the_turn(target):
    body = ok(run(target, {"message": directive(5), "max_iterations": 2}))
    assert body["stop_reason"] == "max_iterations"
    assert (body["iterations"], body["llm_calls"]) == (2, 2)
    # the tool calls of each reply are run before the loop stops, so the history stays well formed
    assert body["tool_calls"] == 2


def test_max_iterations_bounds_are_inclusive(target):
    assert ok(run(target, {"message": directive(0), "max_iterations": 1}))["stop_reason"] == "completed"
    assert ok(run(target, {"message": directive(1), "max_iterations": 50}))["llm_calls"] == 2


def test_session_continues_across_turns(target, admin):
    first_run, second_run = new_run_id(), new_run_id()
    first = ok(run(target, {"message": directive(1, 4, 1, first_run)}))
    second = ok(run(target, {"message": directive(1, 4, 1, second_run), "session_id": first["session_id"]}))
    assert second["session_id"] == first["session_id"]
    assert (second["llm_calls"], second["tool_calls"]) == (2, 1)
    # the second turn's LLM requests carry the first turn's history
    assert admin.run(second_run)["input_tokens"] > admin.run(first_run)["input_tokens"]


def test_session_continues_without_the_mock_admin(target):
    first = ok(run(target, {"message": directive(0)}))
    for _ in range(2):
        again = ok(run(target, {"message": directive(1), "session_id": first["session_id"]}))
        assert again["session_id"] == first["session_id"] and again["tool_calls"] == 1


def test_unknown_session_is_404(target):
    sid = "unknown-" + uuid.uuid4().hex
    body = problem(run(target, {"message": directive(0), "session_id": sid}), 404)
    assert body["type"] == "https://benchapp.dev/problems/session-not-found"
    assert sid in body["detail"]


def test_unicode_and_nulls(target):
    body = ok(run(target, {"message": directive(1) + " in 東京 😀\ttab", "session_id": None, "max_iterations": None,
                           "unknown_field": {"x": [1]}}))
    assert body["tool_calls"] == 1


def test_concurrent_new_sessions(target):
    with ThreadPoolExecutor(8) as pool:
        bodies = list(pool.map(lambda _: ok(run(target, {"message": directive(1, 4)})), range(8)))
    assert len({b["session_id"] for b in bodies}) == 8
    assert all(b["llm_calls"] == 2 for b in bodies)


# ---- bad requests ------------------------------------------------------------------------------

JSON = {"content-type": "application/json"}


@pytest.mark.parametrize("content,field", [
    (b"{", "body"),
    (b"", "body"),
    (b"[1,2]", "body"),
    (b'"text"', "body"),
    (b"null", "body"),
    (b'{"message":"hi"', "body"),
    (b'{"message":"\xff\xfe"}', "body"),
    ("{\"message\":\"hi\"}".encode("utf-16"), "body"),
])
def test_malformed_bodies(target, content, field):
    problem(target.http.post("/v1/runs", content=content, headers=JSON), 400, field)


def test_body_over_the_limit(target):
    content = json.dumps({"message": "hi", "pad": "x" * 131_072}).encode()
    problem(target.http.post("/v1/runs", content=content, headers=JSON), 400, "body")


@pytest.mark.parametrize("body,field", [
    ({}, "message"),
    ({"message": None}, "message"),
    ({"message": 42}, "message"),
    ({"message": ["hi"]}, "message"),
    ({"message": ""}, "message"),
    ({"message": "   \n\t "}, "message"),
    ({"message": "a\u0000b"}, "message"),
    ({"message": "a\u001bb"}, "message"),
    ({"message": "a\u007fb"}, "message"),
    ({"message": "x" * 65_537}, "message"),
    ({"message": "é" * 32_769}, "message"),
    ({"message": "hi", "session_id": ""}, "session_id"),
    ({"message": "hi", "session_id": "a" * 65}, "session_id"),
    ({"message": "hi", "session_id": "no spaces"}, "session_id"),
    ({"message": "hi", "session_id": "dot.dot"}, "session_id"),
    ({"message": "hi", "session_id": 12}, "session_id"),
    ({"message": "hi", "max_iterations": 0}, "max_iterations"),
    ({"message": "hi", "max_iterations": 51}, "max_iterations"),
    ({"message": "hi", "max_iterations": -1}, "max_iterations"),
    ({"message": "hi", "max_iterations": "5"}, "max_iterations"),
    ({"message": "hi", "max_iterations": 2.5}, "max_iterations"),
])
def test_invalid_fields(target, body, field):
    problem(run(target, body), 400, field)


def test_message_at_the_limits_is_accepted(target):
    body = ok(run(target, {"message": directive(0) + "\n" + "x" * (65_536 - len(directive(0)) - 1)}))
    assert body["stop_reason"] == "completed"


def test_several_invalid_fields_are_reported_together(target):
    body = problem(run(target, {"message": "", "max_iterations": 0}), 400)
    assert {"message", "max_iterations"} <= set(body["errors"])


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_non_json_content_type_is_415(target, content_type):
    r = target.http.post("/v1/runs", content=b'{"message":"hi"}', headers={"content-type": content_type})
    assert r.status_code == 415, r.text


def test_wrong_method_is_405(target):
    assert target.http.get("/v1/runs").status_code == 405
    assert target.http.delete("/v1/runs").status_code == 405


# ---- LLM failures (need the mock's admin API) ----------------------------------------------------

def test_one_llm_error_is_retried(target, admin):
    run_id = new_run_id()
    admin.fail_next(1, "error")
    body = ok(run(target, {"message": directive(0, 4, 1, run_id)}))
    assert body["llm_calls"] == 1  # the failed attempt is not counted
    assert admin.run(run_id)["requests"] >= 2


@pytest.mark.parametrize("kind", ["error", "rate_limit"])
def test_llm_failing_after_retries_is_502(target, admin, kind):
    admin.fail_next(50, kind)
    try:
        body = problem(run(target, {"message": directive(0)}), 502)
        assert body["type"] == "https://benchapp.dev/problems/llm-unavailable"
    finally:
        admin.fail_next(0, kind)


def test_hanging_llm_is_504(target, admin):
    if not target.can_test_hang:
        pytest.skip("the executor's LLM timeout may be long: set CONFORMANCE_HANG=1 when it is a few seconds")
    admin.fail_next(50, "hang")
    try:
        body = problem(run(target, {"message": directive(0)}), 504)
        assert body["type"] == "https://benchapp.dev/problems/timeout"
    finally:
        admin.fail_next(0, "hang")


def test_failed_turn_creates_no_session_and_later_turns_work(target, admin):
    admin.fail_next(50, "error")
    try:
        problem(run(target, {"message": directive(0)}), 502)
    finally:
        admin.fail_next(0, "error")
    assert ok(run(target, {"message": directive(1)}))["tool_calls"] == 1
