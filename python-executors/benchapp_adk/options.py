"""The ADK executor's own settings, read and checked without importing ADK (so the unit tests can)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Mapping

from benchapp_common.config import ConfigError, Settings, choice

AGENT_NAME = "bench_agent"
INSTRUCTION = "You are a helpful assistant. Use the tools."
MODEL_PATHS = ("gemini", "litellm")
SESSION_STORES = ("redis", "sqlite")


@dataclass(frozen=True)
class AdkOptions:
    model_path: str  # gemini: ADK's native Gemini model (google-genai); litellm: LiteLlm over the OpenAI API
    gemini_base_url: str  # the Gemini API root (google-genai appends /v1beta/models/...)
    openai_base_url: str  # the OpenAI API base (.../v1), for LiteLlm
    session_store: str
    session_store_explicit: bool
    llm_max_attempts: int
    llm_retry_after_cap_seconds: float
    llm_timeout_seconds: float

    @classmethod
    def from_env(cls, env: Mapping[str, str], settings: Settings) -> "AdkOptions":
        openai_url = settings.require_llm()
        return cls(
            model_path=choice(env, "ADK_MODEL_PATH", MODEL_PATHS, "gemini"),
            gemini_base_url=gemini_base_url(env, openai_url),
            openai_base_url=openai_url,
            session_store=choice(env, "ADK_SESSION_STORE", SESSION_STORES, "redis"),
            session_store_explicit=bool((env.get("ADK_SESSION_STORE") or "").strip()),
            llm_max_attempts=settings.llm_max_attempts,
            llm_retry_after_cap_seconds=settings.llm_retry_after_cap_seconds,
            llm_timeout_seconds=settings.llm_timeout_seconds,
        )

    def info(self, state_store: str) -> Dict[str, Any]:
        """/v1/info `settings`: the framework defaults this executor sets explicitly."""
        common = {"model_path": self.model_path, "session_store": state_store, "max_llm_calls": "max_iterations",
                  "streaming_mode": "none", "llm_timeout_seconds": self.llm_timeout_seconds}
        if self.model_path == "gemini":
            return {**common, "llm_retries": "google-genai HttpRetryOptions",
                    "llm_attempts": self.llm_max_attempts, "llm_retry_max_delay_seconds": self.llm_retry_after_cap_seconds}
        return {**common, "llm_retries": "litellm num_retries (openai SDK max_retries=0)",
                "llm_attempts": self.llm_max_attempts}


def gemini_base_url(env: Mapping[str, str], openai_base_url: str) -> str:
    """GOOGLE_GEMINI_BASE_URL when set (google-genai's own variable); else the mock's root: its
    service-discovery address, or the OpenAI base URL without its trailing /v1."""
    for key in ("GOOGLE_GEMINI_BASE_URL", "services__mock-llm__http__0", "services__mock-llm__https__0"):
        value = (env.get(key) or "").strip()
        if value:
            return value.rstrip("/")
    root = openai_base_url.rstrip("/")
    if root.endswith("/v1"):
        return root[: -len("/v1")]
    raise ConfigError("ADK_MODEL_PATH=gemini needs the Gemini API root: set GOOGLE_GEMINI_BASE_URL, or an "
                      f"LLM_BASE_URL ending in /v1 (got '{openai_base_url}').")
