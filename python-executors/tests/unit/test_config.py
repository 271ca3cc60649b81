import pytest

from benchapp_common.config import ConfigError, Settings, llm_base_url_from_env, redis_url_from_connection_string


def test_llm_url_from_service_discovery_gets_v1():
    assert llm_base_url_from_env({"services__mock-llm__http__0": "http://localhost:5123/"}) == "http://localhost:5123/v1"
    assert llm_base_url_from_env({"services__mock-llm__https__0": "https://localhost:7001"}) == "https://localhost:7001/v1"


def test_llm_base_url_wins():
    env = {"LLM_BASE_URL": "http://other:1/v1/", "services__mock-llm__http__0": "http://localhost:5123"}
    assert llm_base_url_from_env(env) == "http://other:1/v1"


@pytest.mark.parametrize("cs,url", [
    ("localhost:6379", "redis://localhost:6379/0"),
    ("localhost", "redis://localhost:6379/0"),
    ("127.0.0.1:7000,password=p@ss:w/rd", "redis://:p%40ss%3Aw%2Frd@127.0.0.1:7000/0"),
    ("cache.example:6380,password=x,ssl=True,abortConnect=False", "rediss://:x@cache.example:6380/0"),
    ("h:1,user=u,password=p,defaultDatabase=3", "redis://u:p@h:1/3"),
    ("[::1]:6390", "redis://[::1]:6390/0"),
    ("redis://already:1/2", "redis://already:1/2"),
])
def test_stackexchange_connection_strings(cs, url):
    assert redis_url_from_connection_string(cs) == url


def test_connection_string_without_host_is_an_error():
    with pytest.raises(ConfigError):
        redis_url_from_connection_string("password=x")


def test_settings_from_aspire_environment():
    s = Settings.from_env({"PORT": "5055", "services__mock-llm__http__0": "http://localhost:9",
                           "ConnectionStrings__redis": "localhost:6380", "RUN_TIMEOUT_SECONDS": "7.5"})
    assert (s.host, s.port, s.llm_base_url, s.redis_url) == ("127.0.0.1", 5055, "http://localhost:9/v1",
                                                             "redis://localhost:6380/0")
    assert (s.llm_model, s.llm_api_key, s.run_timeout_seconds, s.llm_max_attempts) == ("bench-model", "mock-key", 7.5, 3)


def test_host_override_and_defaults():
    s = Settings.from_env({"HOST": "0.0.0.0"})
    assert s.host == "0.0.0.0" and s.port == 8000 and s.llm_base_url is None


@pytest.mark.parametrize("env", [{"PORT": "x"}, {"PORT": "70000"}, {"RUN_TIMEOUT_SECONDS": "0"},
                                 {"LLM_MAX_ATTEMPTS": "0"}])
def test_bad_values_name_the_variable(env):
    with pytest.raises(ConfigError) as info:
        Settings.from_env(env)
    assert list(env)[0] in str(info.value)


def test_missing_dependencies_are_explained():
    s = Settings.from_env({})
    with pytest.raises(ConfigError, match="LLM_BASE_URL"):
        s.require_llm()
    with pytest.raises(ConfigError, match="ConnectionStrings__redis"):
        s.require_redis()


def test_workers_default_and_bounds():
    assert Settings.from_env({}).workers == 1
    assert Settings.from_env({"WORKERS": "4"}).workers == 4
    for bad in ("0", "65", "two"):
        with pytest.raises(ConfigError, match="WORKERS"):
            Settings.from_env({"WORKERS": bad})


def test_choice_names_the_variable_and_the_allowed_values():
    from benchapp_common.config import choice

    assert choice({}, "X_MODE", ("a", "b"), "a") == "a"
    assert choice({"X_MODE": " B "}, "X_MODE", ("a", "b"), "a") == "b"
    with pytest.raises(ConfigError, match=r"X_MODE='c' must be one of: a, b"):
        choice({"X_MODE": "c"}, "X_MODE", ("a", "b"), "a")
