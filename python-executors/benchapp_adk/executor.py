"""Google ADK executor.

Written against google-adk 2.13 (+ google-adk-community 0.5, litellm via the `extensions` extra):
- LlmAgent(model=LiteLlm("openai/<model>", api_base=<mock>/v1, api_key, num_retries=2, timeout), tools=[...],
  before/after_model_callback); the bench tools are BaseTool subclasses whose declaration carries the JSON
  schema of contracts/tools.json (FunctionDeclaration.parameters_json_schema);
- Runner(app_name, agent, session_service).run_async(user_id, session_id, new_message, run_config=
  RunConfig(max_llm_calls=max_iterations)); the output is the event for which is_final_response() holds; the
  limit shows as LlmCallsLimitExceededError, reported as stop_reason max_iterations;
- sessions: google-adk-community's RedisSessionService (plain Redis), or DatabaseSessionService on SQLite
  (ADK_SESSION_STORE=sqlite, or when google-adk-community is not installed).
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
from google.adk.models.lite_llm import LiteLlm  # noqa: E402
from google.adk.runners import Runner  # noqa: E402
from google.adk.tools.base_tool import BaseTool  # noqa: E402
from google.genai import types  # noqa: E402

from benchapp_common import tools  # noqa: E402
from benchapp_common.accounting import COMPLETED, MAX_ITERATIONS, RunAccounting, RunOutcome  # noqa: E402
from benchapp_common.app import ExecutorDescription  # noqa: E402
from benchapp_common.config import Settings  # noqa: E402
from benchapp_common.errors import SessionNotFound  # noqa: E402
from benchapp_common.framework import (CURRENT_RUN, CURRENT_TOOL_CLOCK, ToolClock, installed_version,  # noqa: E402
                                       time_methods_as_state)
from benchapp_common.health import llm_reachable, probe, redis_reachable  # noqa: E402
from benchapp_common.validation import RunRequest  # noqa: E402

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
        self._llm_url = settings.require_llm()
        self._redis_url = settings.require_redis()
        self.state_store = "unknown"
        self._sessions: Any = None
        self._runner: Optional[Runner] = None

    def describe(self) -> ExecutorDescription:
        return ExecutorDescription(NAME, "google-adk", installed_version("google-adk"), durable=False,
                                   state_store=self.state_store)

    async def start(self) -> None:
        self._sessions = self._open_sessions()
        time_methods_as_state(self._sessions, ("get_session", "create_session", "append_event"))
        model = LiteLlm(model=f"openai/{self._settings.llm_model}", api_base=self._llm_url,
                        api_key=self._settings.llm_api_key, num_retries=self._settings.llm_max_attempts - 1,
                        timeout=self._settings.llm_timeout_seconds)
        agent = LlmAgent(name="bench_agent", model=model, instruction="You are a helpful assistant. Use the tools.",
                         tools=[BenchTool(d) for d in tools.definitions()],
                         before_model_callback=_before_model, after_model_callback=_after_model)
        self._runner = Runner(app_name=APP_NAME, agent=agent, session_service=self._sessions)

    def _open_sessions(self) -> Any:
        choice = os.environ.get("ADK_SESSION_STORE", "redis").lower()
        if choice == "redis":
            try:
                from google.adk_community.sessions import RedisSessionService

                self.state_store = "redis"
                return RedisSessionService(uri=self._redis_url, expire=self._settings.session_ttl_seconds)
            except ImportError as e:
                log.warning("google-adk-community is not importable (%s): sessions go to SQLite", e)
        from google.adk.sessions import DatabaseSessionService

        os.makedirs(self._settings.data_dir, exist_ok=True)
        path = os.path.abspath(os.path.join(self._settings.data_dir, "adk-sessions.sqlite"))
        self.state_store = "sqlite"
        return DatabaseSessionService(db_url=f"sqlite+aiosqlite:///{path}")

    async def stop(self) -> None:
        close = getattr(self._runner, "close", None)
        if close is not None:
            result = close()
            if inspect.isawaitable(result):
                await result

    async def health(self) -> Dict[str, str]:
        checks = {"llm": await probe(llm_reachable(self._llm_url, self._settings.llm_api_key))}
        if self.state_store == "redis":
            checks["redis"] = await probe(redis_reachable(self._redis_url))
        checks["runner"] = "ok" if self._runner is not None else "not started"
        return checks

    async def run(self, request: RunRequest, acct: RunAccounting) -> RunOutcome:
        assert self._runner is not None
        session_id = request.session_id or uuid.uuid4().hex
        token = CURRENT_RUN.set(acct)
        clock_token = CURRENT_TOOL_CLOCK.set(ToolClock(acct))
        try:
            if request.session_id is not None:
                existing = await self._sessions.get_session(app_name=APP_NAME, user_id=USER_ID, session_id=session_id)
                if existing is None:
                    raise SessionNotFound(session_id)
            else:
                await self._sessions.create_session(app_name=APP_NAME, user_id=USER_ID, session_id=session_id)
            return await self._turn(session_id, request, acct)
        finally:
            CURRENT_TOOL_CLOCK.reset(clock_token)
            CURRENT_RUN.reset(token)

    async def _turn(self, session_id: str, request: RunRequest, acct: RunAccounting) -> RunOutcome:
        message = types.Content(role="user", parts=[types.Part(text=request.message)])
        last_text = ""
        try:
            async for event in self._runner.run_async(user_id=USER_ID, session_id=session_id, new_message=message,
                                                      run_config=RunConfig(max_llm_calls=request.max_iterations)):
                text = _event_text(event)
                if text:
                    last_text = text
                if event.is_final_response():
                    return RunOutcome(session_id, text, COMPLETED)
        except Exception as e:
            if type(e).__name__ != "LlmCallsLimitExceededError":
                raise
            return RunOutcome(session_id, last_text, MAX_ITERATIONS)
        return RunOutcome(session_id, last_text, MAX_ITERATIONS)


def _event_text(event: Any) -> str:
    content = getattr(event, "content", None)
    parts = getattr(content, "parts", None) or []
    return "".join(p.text for p in parts if getattr(p, "text", None) and not getattr(p, "thought", False))
