"""The baseline's loop against the in-process fake LLM and a memory store."""
import re

import pytest

from benchapp_baseline.executor import KEY_PREFIX, BaselineExecutor
from benchapp_common.accounting import RunAccounting
from benchapp_common.errors import LlmUnavailable, SessionNotFound
from benchapp_common.history import MemoryHistoryStore
from benchapp_common.llm import ChatClient
from benchapp_common.validation import RunRequest
from tests.support.fake_llm import FakeLlm


@pytest.fixture
def fake():
    return FakeLlm()


@pytest.fixture
def store():
    return MemoryHistoryStore()


@pytest.fixture
def executor(fake, store):
    llm = ChatClient("http://llm.test/v1", "k", "bench-model", transport=fake.transport(), backoff_seconds=0.001)
    return BaselineExecutor(llm, store)


async def run(executor, message, session_id=None, max_iterations=10):
    acct = RunAccounting()
    outcome = await executor.run(RunRequest(message, session_id, max_iterations), acct)
    return outcome, acct


@pytest.mark.parametrize("tool_calls,parallel", [(0, 1), (1, 1), (3, 1), (4, 2), (5, 2), (6, 3)])
async def test_counts_follow_the_directive(executor, store, tool_calls, parallel):
    outcome, acct = await run(executor, f"#bench tool_calls={tool_calls} reply_tokens=4 parallel={parallel}\nWeather?")
    expected_llm = -(-tool_calls // parallel) + 1
    assert (acct.iterations, acct.llm_calls, acct.tool_calls) == (expected_llm, expected_llm, tool_calls)
    assert outcome.output == "alpha alpha alpha alpha" and outcome.stop_reason == "completed"
    assert re.fullmatch(r"[0-9a-f]{32}", outcome.session_id)
    assert store.saves == 1  # one write per turn
    history = store.sessions[outcome.session_id]
    assert [m["role"] for m in history].count("tool") == tool_calls
    assert history[0] == {"role": "user", "content": f"#bench tool_calls={tool_calls} reply_tokens=4 parallel={parallel}\nWeather?"}
    assert acct.output_tokens == 5 * tool_calls + 4 and acct.input_tokens > 0


async def test_tool_results_are_the_real_tools_and_match_call_ids(executor, store):
    outcome, _ = await run(executor, "#bench tool_calls=2 parallel=2\nWeather?")
    history = store.sessions[outcome.session_id]
    ids = [c["id"] for c in history[1]["tool_calls"]]
    results = [m for m in history if m["role"] == "tool"]
    assert [r["tool_call_id"] for r in results] == ids
    assert results[0]["content"] == "Paris: -7°C, foggy, humidity 46%"


async def test_max_iterations_cuts_the_loop(executor):
    outcome, acct = await run(executor, "#bench tool_calls=5\nWeather?", max_iterations=2)
    assert outcome.stop_reason == "max_iterations"
    assert (acct.iterations, acct.llm_calls, acct.tool_calls) == (2, 2, 2)


async def test_session_continues_with_history(executor, store, fake):
    first, _ = await run(executor, "#bench tool_calls=1\nHello")
    second, acct = await run(executor, "#bench tool_calls=0 reply_tokens=2\nAgain", session_id=first.session_id)
    assert second.session_id == first.session_id
    assert len(fake.requests[-1]["messages"]) == 4 + 1  # user, assistant(tool call), tool, assistant, user
    assert store.saves == 2
    assert acct.iterations == 1


async def test_unknown_session(executor, store):
    with pytest.raises(SessionNotFound):
        await run(executor, "hi", session_id="nope")
    assert store.saves == 0


async def test_llm_failure_saves_nothing(executor, store, fake):
    fake.fail_next = [500, 500, 500]
    with pytest.raises(LlmUnavailable):
        await run(executor, "hi")
    assert store.saves == 0


async def test_retried_attempts_are_not_counted(executor, fake):
    fake.fail_next = [503]
    _, acct = await run(executor, "#bench tool_calls=1\nhi")
    assert acct.llm_calls == 2 and len(fake.requests) == 3


def test_describe():
    d = BaselineExecutor.describe(None)  # type: ignore[arg-type]
    assert (d.executor, d.framework, d.framework_version, d.state_store, d.durable) == \
        ("python-baseline", "none", "-", "redis", False)
    assert KEY_PREFIX == "bench:py-baseline:session:"
