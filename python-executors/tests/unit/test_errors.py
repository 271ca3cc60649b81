from benchapp_common.errors import LlmTimeout, LlmUnavailable, classify_llm_exception


def fake_exception(module: str, name: str, **attrs):
    cls = type(name, (Exception,), {"__module__": module})
    e = cls("boom")
    for k, v in attrs.items():
        setattr(e, k, v)
    return e


def test_openai_status_errors_are_unavailable():
    assert isinstance(classify_llm_exception(fake_exception("openai", "InternalServerError", status_code=500)),
                      LlmUnavailable)
    assert isinstance(classify_llm_exception(fake_exception("openai", "RateLimitError", status_code=429)),
                      LlmUnavailable)


def test_timeouts_from_clients():
    assert isinstance(classify_llm_exception(fake_exception("openai", "APITimeoutError")), LlmTimeout)
    assert isinstance(classify_llm_exception(fake_exception("litellm.exceptions", "Timeout")), LlmTimeout)


def test_wrapped_by_a_framework():
    inner = fake_exception("litellm.exceptions", "ServiceUnavailableError", status_code=503)
    outer = RuntimeError("agent failed")
    outer.__cause__ = inner
    assert "503" in str(classify_llm_exception(outer))


def test_bugs_are_not_llm_failures():
    assert classify_llm_exception(KeyError("x")) is None
    assert classify_llm_exception(fake_exception("mymodule", "Timeout")) is None
