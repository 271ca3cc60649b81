import pytest

from benchapp_common.errors import LlmTimeout, LlmUnavailable
from benchapp_common.llm import ChatClient
from tests.support.fake_llm import FakeLlm

MESSAGES = [{"role": "user", "content": "#bench tool_calls=1 reply_tokens=3\nWeather?"}]


def client(fake: FakeLlm, **kw) -> ChatClient:
    kw.setdefault("backoff_seconds", 0.001)
    return ChatClient("http://llm.test/v1", "k", "bench-model", transport=fake.transport(), **kw)


async def test_reply_usage_and_tool_calls():
    fake = FakeLlm()
    reply = await client(fake).complete(MESSAGES, [{"type": "function", "function": {"name": "get_weather"}}])
    assert reply.tool_calls[0]["function"]["name"] == "get_weather"
    assert reply.input_tokens == 10 and reply.output_tokens == 5
    assert fake.requests[0]["model"] == "bench-model" and fake.requests[0]["tools"]


@pytest.mark.parametrize("failures", [[500], [503, 502], [429, 429], [0], [0, 500]])
async def test_retries_then_succeeds(failures):
    fake = FakeLlm(fail_next=list(failures))
    reply = await client(fake).complete(MESSAGES)
    assert reply.tool_calls
    assert len(fake.requests) == len(failures) + 1


async def test_gives_up_after_three_attempts_with_502_kind():
    fake = FakeLlm(fail_next=[500, 500, 500, 500])
    with pytest.raises(LlmUnavailable, match="HTTP 500 from the LLM after 3 attempts"):
        await client(fake).complete(MESSAGES)
    assert len(fake.requests) == 3


async def test_timeouts_become_llm_timeout():
    fake = FakeLlm(fail_next=[0, 0, 0])
    with pytest.raises(LlmTimeout):
        await client(fake).complete(MESSAGES)
    assert len(fake.requests) == 3


async def test_400_is_not_retried():
    fake = FakeLlm(fail_next=[400])
    with pytest.raises(LlmUnavailable, match="HTTP 400"):
        await client(fake).complete(MESSAGES)
    assert len(fake.requests) == 1


async def test_malformed_reply_is_unavailable():
    fake = FakeLlm(malformed_next=1)
    with pytest.raises(LlmUnavailable, match="Malformed"):
        await client(fake).complete(MESSAGES)


async def test_retry_after_is_honoured_up_to_the_cap():
    import time
    fake = FakeLlm(fail_next=[429], retry_after="30")
    start = time.perf_counter()
    await client(fake, retry_after_cap_seconds=0.05).complete(MESSAGES)
    elapsed = time.perf_counter() - start
    assert 0.04 <= elapsed < 5  # waited the cap, not 30 s
