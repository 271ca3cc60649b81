"""Google ADK executor.

Written against google-adk 2.13 (+ google-adk-community 0.5; see requirements/adk.txt and docs/frameworks.md):
- model, ADK_MODEL_PATH:
  - `gemini` (default): ADK's native Gemini model (google-genai underneath) against the mock's Gemini API,
    POST {mock}/v1beta/models/<model>:generateContent. google-genai takes the address from
    GOOGLE_GEMINI_BASE_URL and the key from GOOGLE_API_KEY (google/genai/_base_url.py, _api_client.py), which
    this executor sets from its own settings; retries are google-genai's (HttpRetryOptions), the timeout a
    per-request HttpOptions in the agent's generate_content_config;
  - `litellm`: LiteLlm("openai/<model>", api_base=<mock>/v1, api_key, num_retries, max_retries=0, timeout);
- LlmAgent(model, tools=[...], before/after_model_callback); the bench tools are BaseTool subclasses whose
  declaration carries the JSON schema of contracts/tools.json (FunctionDeclaration.parameters_json_schema);
- Runner(app_name, agent, session_service).run_async(user_id, session_id, new_message, run_config=
  RunConfig(max_llm_calls=max_iterations)) is read to its end (the 2.x runner persists events and cleans up
  its background task in the generator; leaving early would defer that to garbage collection); the output is
  the last final response; the limit shows as LlmCallsLimitExceededError: stop_reason max_iterations;
- sessions, ADK_SESSION_STORE: `redis` (default) google-adk-community's RedisSessionService (plain Redis), or
  `sqlite` DatabaseSessionService; asking for redis explicitly without google-adk-community is an error.
"""
from __future__ import annotations

import inspect
import logging
import os
import time
import uuid
from typing import Any, Dict, Optional

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # else litellm fetches a price map at import

from google.adk.agents import LlmAgent  # noqa: E402
from google.adk.agents.run_config import RunConfig  # noqa: E402
from google.adk.runners import Runner  # noqa: E402
from google.adk.tools.base_tool import BaseTool  # noqa: E402
from google.genai import types  # noqa: E402

from benchapp_common import tools  # noqa: E402
from benchapp_common.accounting import COMPLETED, MAX_ITERATIONS, RunAccounting, RunOutcome  # noqa: E402
from benchapp_common.app import ExecutorDescription  # noqa: E402
from benchapp_common.config import ConfigError, Settings  # noqa: E402
from benchapp_common.errors import SessionNotFound  # noqa: E402
from benchapp_common.framework import (CURRENT_RUN, CURRENT_TOOL_CLOCK, ToolClock, installed_version,  # noqa: E402
                                       time_methods_as_state)
from benchapp_common.health import llm_reachable, probe, redis_reachable  # noqa: E402
from benchapp_common.validation import RunRequest  # noqa: E402

from .options import AGENT_NAME, INSTRUCTION, AdkOptions  # noqa: E402
from .state_size import SessionWrites  # noqa: E402

NAME = "python-adk"
APP_NAME = "benchapp"
USER_ID = "bench"
log = logging.getLogger("benchapp.adk")


class BenchTool(BaseTool):
    """One bench tool, declared with the shared JSON schema and run by the shared code."""

    def __init__(self, definition: tools.ToolDefinition) -> None:
        super().__init__(name=definition.name, description=definition.description)
        self._definition = definition

    def _get_declaration(self) -> Optional[types.FunctionDeclaration]:
        return types.FunctionDeclaration(name=self._definition.name, description=self._definition.description,
                                         parameters_json_schema=self._definition.parameters)

    async def run_async(self, *, args: Dict[str, Any], tool_context: Any) -> Any:
        clock = CURRENT_TOOL_CLOCK.get()
        if clock:
            clock.started()
        try:
            return (await tools.execute_args(self.name, dict(args))).output
        finally:
            if clock:
                clock.finished()


def _before_model(callback_context: Any, llm_request: Any) -> None:
    acct = CURRENT_RUN.get()
    if acct is not None:
        acct.llm_call_started = time.perf_counter()
    return None


def _after_model(callback_context: Any, llm_response: Any) -> None:
    acct = CURRENT_RUN.get()
    if acct is None or getattr(llm_response, "partial", False):
        return None
    if acct.llm_call_started is not None:
        acct.llm_seconds += time.perf_counter() - acct.llm_call_started
        acct.llm_call_started = None
    usage = getattr(llm_response, "usage_metadata", None)
    acct.add_llm_reply(getattr(usage, "prompt_token_count", 0) or 0, getattr(usage, "candidates_token_count", 0) or 0)
    return None


class AdkExecutor:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._options = AdkOptions.from_env(os.environ, settings)
        self._redis_url = settings.require_redis() if self._options.session_store == "redis" else settings.redis_url
        self.state_store = "unknown"
        self._sessions: Any = None
        self._writes: Optional[SessionWrites] = None
        self._runner: Optional[Runner] = None
        self._model: Any = None

    def describe(self) -> ExecutorDescription:
        return ExecutorDescription(NAME, "google-adk", installed_version("google-adk"), durable=False,
                                   state_store=self.state_store, settings=self._options.info(self.state_store))

    async def start(self) -> None:
        self._sessions = self._open_sessions()
        time_methods_as_state(self._sessions, ("get_session", "create_session", "append_event"))
        self._model = self._build_model()
        config = None
        if self._options.model_path == "gemini":
            # google-genai takes a per-request timeout from the request config's http_options (milliseconds)
            config = types.GenerateContentConfig(
                http_options=types.HttpOptions(timeout=int(self._settings.llm_timeout_seconds * 1000)))
        agent = LlmAgent(name=AGENT_NAME, model=self._model, instruction=INSTRUCTION,
                         tools=[BenchTool(d) for d in tools.definitions()], generate_content_config=config,
                         before_model_callback=_before_model, after_model_callback=_after_model)
        self._runner = Runner(app_name=APP_NAME, agent=agent, session_service=self._sessions)

    def _build_model(self) -> Any:
        o = self._options
        if o.model_path == "litellm":
            from google.adk.models.lite_llm import LiteLlm

            # num_retries: litellm's own retry layer (1 + num_retries attempts); max_retries=0 turns off the
            # openai SDK's retries underneath, which litellm would otherwise leave at the SDK default of 2.
            return LiteLlm(model=f"openai/{self._settings.llm_model}", api_base=o.openai_base_url,
                           api_key=self._settings.llm_api_key, num_retries=self._settings.llm_max_attempts - 1,
                           max_retries=0, timeout=self._settings.llm_timeout_seconds)
        from google.adk.models.google_llm import Gemini

        # google-genai reads these when ADK's Gemini builds its Client (first call): Gemini API (not Vertex),
        # at the mock's root, with the bench key.
        os.environ["GOOGLE_GENAI_USE_VERTEXAI"] = "false"
        os.environ["GOOGLE_GEMINI_BASE_URL"] = o.gemini_base_url
        os.environ["GOOGLE_API_KEY"] = self._settings.llm_api_key
        os.environ.pop("GEMINI_API_KEY", None)  # google-genai warns when both are set
        retry = types.HttpRetryOptions(attempts=self._settings.llm_max_attempts,
                                       max_delay=self._settings.llm_retry_after_cap_seconds)
        log.info("Gemini API at %s (ADK_MODEL_PATH=litellm for an OpenAI-compatible provider)", o.gemini_base_url)
        kwargs: Dict[str, Any] = {"model": self._settings.llm_model, "retry_options": retry}
        if "base_url" in getattr(Gemini, "model_fields", {}):  # newer ADK releases take it directly
            kwargs["base_url"] = o.gemini_base_url
        return Gemini(**kwargs)

    def _open_sessions(self) -> Any:
        if self._options.session_store == "redis":
            try:
                from google.adk_community.sessions import RedisSessionService
            except ImportError as e:
                if self._options.session_store_explicit:
                    raise ConfigError(f"ADK_SESSION_STORE=redis needs google-adk-community ({e}).") from e
                log.warning("google-adk-community is not importable (%s): sessions go to SQLite "
                            "(set ADK_SESSION_STORE=redis to make this an error)", e)
            else:
                self.state_store = "redis"
                service = RedisSessionService(uri=self._redis_url, expire=self._settings.session_ttl_seconds)
                self._writes = SessionWrites.watch_redis_service()
                return service
        from google.adk.sessions import DatabaseSessionService

        os.makedirs(self._settings.data_dir, exist_ok=True)
        path = os.path.abspath(os.path.join(self._settings.data_dir, "adk-sessions.sqlite"))
        self.state_store = "sqlite"
        return DatabaseSessionService(db_url=f"sqlite+aiosqlite:///{path}")

    async def stop(self) -> None:
        await _maybe_await(getattr(self._runner, "close", None))
        cache = getattr(self._sessions, "cache", None)  # RedisSessionService's redis.asyncio client
        if cache is not None:
            await _maybe_await(getattr(cache, "aclose", None) or getattr(cache, "close", None))
        engine = getattr(self._sessions, "db_engine", None)  # DatabaseSessionService's SQLAlchemy AsyncEngine
        if engine is not None:
            await _maybe_await(getattr(engine, "dispose", None))
        # Gemini.api_client is a cached_property: read the cache, never build a client just to close it.
        client = vars(self._model).get("api_client") if self._model is not None and \
            self._options.model_path == "gemini" else None
        if client is not None:  # google-genai Client: its httpx clients
            await _maybe_await(getattr(getattr(client, "aio", None), "aclose", None))
            await _maybe_await(getattr(client, "close", None))
        if self._options.model_path == "litellm":
            import litellm

            await _maybe_await(getattr(litellm, "close_litellm_async_clients", None))

    async def health(self) -> Dict[str, str]:
        o, key = self._options, self._settings.llm_api_key
        llm = llm_reachable(o.openai_base_url, key) if o.model_path == "litellm" else \
            _gemini_reachable(o.gemini_base_url, self._settings.llm_model, key)
        checks = {"llm": await probe(llm)}
        if self.state_store == "redis" and self._redis_url:
            checks["redis"] = await probe(redis_reachable(self._redis_url))
        checks["runner"] = "ok" if self._runner is not None else "not started"
        return checks

    async def run(self, request: RunRequest, acct: RunAccounting) -> RunOutcome:
        assert self._runner is not None
        session_id = request.session_id or uuid.uuid4().hex
        token = CURRENT_RUN.set(acct)
        clock_token = CURRENT_TOOL_CLOCK.set(ToolClock(acct))
        writes_token = self._writes.begin() if self._writes else None
        try:
            if request.session_id is None:
                await self._sessions.create_session(app_name=APP_NAME, user_id=USER_ID, session_id=session_id)
            # A named session is looked up by the Runner itself (one read); a missing one raises there.
            output, stop_reason = await self._turn(session_id, request)
            state_bytes = self._writes.result() if self._writes else None
        finally:
            if self._writes and writes_token is not None:
                self._writes.end(writes_token)
            CURRENT_TOOL_CLOCK.reset(clock_token)
            CURRENT_RUN.reset(token)
        if state_bytes is None:
            return RunOutcome(session_id, output, stop_reason)
        return RunOutcome(session_id, output, stop_reason, state_bytes)

    async def _turn(self, session_id: str, request: RunRequest) -> tuple[str, str]:
        message = types.Content(role="user", parts=[types.Part(text=request.message)])
        last_text, final_text = "", None
        events = self._runner.run_async(user_id=USER_ID, session_id=session_id, new_message=message,
                                        run_config=RunConfig(max_llm_calls=request.max_iterations))
        try:
            async for event in events:  # to the end: the runner persists and cleans up inside the generator
                text = _event_text(event)
                if text:
                    last_text = text
                if event.is_final_response():
                    final_text = text
        except Exception as e:
            if _is_session_not_found(e):
                raise SessionNotFound(session_id) from None
            if type(e).__name__ != "LlmCallsLimitExceededError":
                raise
            return last_text, MAX_ITERATIONS
        finally:
            await _maybe_await(getattr(events, "aclose", None))
        if final_text is None:
            return last_text, MAX_ITERATIONS
        return final_text, COMPLETED


def _is_session_not_found(e: Exception) -> bool:
    """ADK 2.x raises SessionNotFoundError from Runner._get_or_create_session; 1.x a ValueError."""
    return type(e).__name__ == "SessionNotFoundError" or (
        isinstance(e, ValueError) and str(e).startswith("Session not found"))


def _event_text(event: Any) -> str:
    content = getattr(event, "content", None)
    parts = getattr(content, "parts", None) or []
    return "".join(p.text for p in parts if getattr(p, "text", None) and not getattr(p, "thought", False))


async def _maybe_await(fn: Any) -> None:
    if fn is None:
        return
    try:
        result = fn()
        if inspect.isawaitable(result):
            await result
    except Exception as e:  # closing is best effort at shutdown
        log.debug("Closing failed: %s", e)


async def _gemini_reachable(base_url: str, model: str, api_key: str) -> None:
    """The Gemini API's host answers GET {base}/v1beta/models/<model> (the model lookup) without a server
    error; a 404/405 from a server that serves only generateContent still shows it is there."""
    import httpx

    async with httpx.AsyncClient(timeout=2.0) as client:
        r = await client.get(f"{base_url.rstrip('/')}/v1beta/models/{model}", headers={"x-goog-api-key": api_key})
        if r.status_code >= 500:
            r.raise_for_status()
