"""Settings read once from the environment the AppHost (or a user) gives an executor."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping, Optional
from urllib.parse import quote

DEFAULT_MODEL = "bench-model"
DEFAULT_API_KEY = "mock-key"


class ConfigError(ValueError):
    """A setting is present but unusable; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    llm_base_url: Optional[str] = None
    llm_model: str = DEFAULT_MODEL
    llm_api_key: str = DEFAULT_API_KEY
    redis_url: Optional[str] = None
    run_timeout_seconds: float = 120.0
    llm_timeout_seconds: float = 60.0
    llm_max_attempts: int = 3
    llm_retry_after_cap_seconds: float = 5.0
    session_ttl_seconds: int = 86_400
    state_store_timeout_seconds: float = 2.0
    data_dir: str = ".data"
    workers: int = 1  # uvicorn worker processes (WORKERS); each runs its own executor instance

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "Settings":
        env = os.environ if env is None else env
        redis_cs = _get(env, "ConnectionStrings__redis")
        return cls(
            host=_get(env, "HOST") or "127.0.0.1",
            port=_int(env, "PORT", 8000, 0, 65535),
            llm_base_url=llm_base_url_from_env(env),
            llm_model=_get(env, "LLM_MODEL") or DEFAULT_MODEL,
            llm_api_key=_get(env, "LLM_API_KEY") or DEFAULT_API_KEY,
            redis_url=_get(env, "REDIS_URL") or (redis_url_from_connection_string(redis_cs) if redis_cs else None),
            run_timeout_seconds=_float(env, "RUN_TIMEOUT_SECONDS", 120.0),
            llm_timeout_seconds=_float(env, "LLM_TIMEOUT_SECONDS", 60.0),
            llm_max_attempts=_int(env, "LLM_MAX_ATTEMPTS", 3, 1, 10),
            llm_retry_after_cap_seconds=_float(env, "LLM_RETRY_AFTER_CAP_SECONDS", 5.0),
            session_ttl_seconds=_int(env, "SESSION_TTL_SECONDS", 86_400, 1, 365 * 86_400),
            state_store_timeout_seconds=_float(env, "STATE_STORE_TIMEOUT_SECONDS", 2.0),
            data_dir=_get(env, "BENCHAPP_DATA_DIR") or ".data",
            workers=_int(env, "WORKERS", 1, 1, 64),
        )

    def require_llm(self) -> str:
        if not self.llm_base_url:
            raise ConfigError(
                "No LLM address: set LLM_BASE_URL (e.g. http://localhost:5000/v1) or reference mock-llm "
                "so that services__mock-llm__http__0 is set."
            )
        return self.llm_base_url

    def require_redis(self) -> str:
        if not self.redis_url:
            raise ConfigError("No Redis: set ConnectionStrings__redis (e.g. localhost:6379) or REDIS_URL.")
        return self.redis_url


def choice(env: Mapping[str, str], key: str, allowed: tuple[str, ...], default: str) -> str:
    """A setting that must be one of `allowed` (case-insensitive); ConfigError naming the variable otherwise."""
    raw = _get(env, key)
    if raw is None:
        return default
    value = raw.lower()
    if value not in allowed:
        raise ConfigError(f"{key}='{raw}' must be one of: {', '.join(allowed)}.")
    return value


def llm_base_url_from_env(env: Mapping[str, str]) -> Optional[str]:
    """LLM_BASE_URL (full OpenAI base URL) wins; else the mock's service-discovery address + /v1."""
    explicit = _get(env, "LLM_BASE_URL")
    if explicit:
        return explicit.rstrip("/")
    for key in ("services__mock-llm__http__0", "services__mock-llm__https__0"):
        value = _get(env, key)
        if value:
            return value.rstrip("/") + "/v1"
    return None


def redis_url_from_connection_string(cs: str) -> str:
    """StackExchange.Redis format ("host:port,password=...,ssl=true,user=...,defaultDatabase=N") -> redis-py URL.

    The first comma-separated item without '=' is the endpoint; unknown options are ignored like
    StackExchange.Redis ignores options meant for it alone (abortConnect, connectTimeout, ...).
    """
    cs = cs.strip()
    if cs.startswith(("redis://", "rediss://", "unix://")):
        return cs
    host, port = "", 6379
    password = user = None
    ssl = False
    db = 0
    for part in (p.strip() for p in cs.split(",")):
        if not part:
            continue
        if "=" not in part:
            if not host:
                host, port = _split_endpoint(part)
            continue
        key, _, value = part.partition("=")
        key = key.strip().lower()
        value = value.strip()
        if key == "password":
            password = value
        elif key == "user":
            user = value
        elif key == "ssl":
            ssl = value.lower() == "true"
        elif key == "defaultdatabase":
            try:
                db = int(value)
            except ValueError:
                raise ConfigError(f"ConnectionStrings__redis: defaultDatabase '{value}' is not an integer.") from None
    if not host:
        raise ConfigError(f"ConnectionStrings__redis '{cs}' names no host.")
    auth = ""
    if password is not None or user is not None:
        auth = f"{quote(user or '', safe='')}:{quote(password or '', safe='')}@"
    scheme = "rediss" if ssl else "redis"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{scheme}://{auth}{host}:{port}/{db}"


def _split_endpoint(endpoint: str) -> tuple[str, int]:
    if endpoint.startswith("["):  # [::1]:6379
        close = endpoint.find("]")
        host, rest = endpoint[1:close], endpoint[close + 1:]
        return host, int(rest[1:]) if rest.startswith(":") else 6379
    if endpoint.count(":") == 1:
        host, _, port = endpoint.partition(":")
        try:
            return host, int(port)
        except ValueError:
            raise ConfigError(f"ConnectionStrings__redis: port '{port}' is not an integer.") from None
    return endpoint, 6379


def _get(env: Mapping[str, str], key: str) -> Optional[str]:
    value = env.get(key)
    return value.strip() if value and value.strip() else None


def _int(env: Mapping[str, str], key: str, default: int, lo: int, hi: int) -> int:
    raw = _get(env, key)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{key}='{raw}' is not an integer.") from None
    if not lo <= value <= hi:
        raise ConfigError(f"{key}={value} is outside [{lo}, {hi}].")
    return value


def _float(env: Mapping[str, str], key: str, default: float) -> float:
    raw = _get(env, key)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{key}='{raw}' is not a number.") from None
    if not value > 0:
        raise ConfigError(f"{key}={raw} must be positive.")
    return value
