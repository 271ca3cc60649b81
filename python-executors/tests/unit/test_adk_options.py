"""python-adk's own settings (the parts that need no ADK)."""
import types as pytypes

import pytest

from benchapp_adk.options import AdkOptions, gemini_base_url
from benchapp_adk.state_size import SessionWrites
from benchapp_common.config import ConfigError, Settings

LLM = "http://localhost:5000/v1"


def options(env):
    return AdkOptions.from_env(env, Settings(llm_base_url=LLM, redis_url="redis://x:1/0"))


def test_gemini_is_the_default_model_path_and_is_recorded():
    o = options({})
    assert o.model_path == "gemini" and o.gemini_base_url == "http://localhost:5000"
    assert o.info("redis")["model_path"] == "gemini" and o.info("redis")["llm_attempts"] == 3
    assert options({"ADK_MODEL_PATH": "LiteLLM"}).info("sqlite")["model_path"] == "litellm"


def test_a_bad_model_path_or_store_names_the_variable():
    with pytest.raises(ConfigError, match="ADK_MODEL_PATH='openai' must be one of: gemini, litellm"):
        options({"ADK_MODEL_PATH": "openai"})
    with pytest.raises(ConfigError, match="ADK_SESSION_STORE"):
        options({"ADK_SESSION_STORE": "postgres"})


def test_explicit_session_store_is_remembered():
    assert options({}).session_store_explicit is False
    assert options({"ADK_SESSION_STORE": "redis"}).session_store_explicit is True


def test_gemini_root_from_service_discovery_or_the_openai_url():
    assert gemini_base_url({"services__mock-llm__http__0": "http://mock:8080/"}, LLM) == "http://mock:8080"
    assert gemini_base_url({"GOOGLE_GEMINI_BASE_URL": "http://g:1"}, LLM) == "http://g:1"
    assert gemini_base_url({}, "http://h:2/v1/") == "http://h:2"
    with pytest.raises(ConfigError, match="GOOGLE_GEMINI_BASE_URL"):
        gemini_base_url({}, "http://h:2/openai")


def test_session_writes_count_each_serialised_session_of_the_turn():
    module = pytypes.SimpleNamespace(serialize=lambda obj: b"x" * obj)
    writes = SessionWrites(module, "serialize")
    assert module.serialize(5) == b"xxxxx"  # outside a turn: nothing counted, output unchanged
    token = writes.begin()
    module.serialize(10)
    module.serialize(30)
    assert writes.result().to_body() == {"turn": 40, "session": 30}
    writes.end(token)
    token = writes.begin()
    assert writes.result().to_body() == {"turn": None, "session": None}  # nothing written: unknown, not 0
    writes.end(token)


def test_watching_twice_counts_once():
    module = pytypes.SimpleNamespace(serialize=lambda obj: b"x" * obj)
    SessionWrites(module, "serialize")
    writes = SessionWrites(module, "serialize")
    token = writes.begin()
    module.serialize(7)
    assert writes.result().to_body() == {"turn": 7, "session": 7}
    writes.end(token)
