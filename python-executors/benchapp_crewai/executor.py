"""CrewAI executor.

Written against crewai 1.15 (see requirements/crewai.txt):
- per turn an Agent(role, goal, backstory, llm=LLM("openai/<model>", base_url=<mock>/v1, api_key), tools, max_iter)
  and Agent.kickoff(messages) (standalone agent, no Crew; run in a worker thread: crewai's kickoff is
  synchronous, and its tools run there too, so a tool's delay never blocks the server's event loop);
- with a base_url crewai uses its native OpenAI provider and native function calling (the model name must
  not contain "o1", which turns it off);
- tools are BaseTool subclasses (pydantic args_schema mirroring contracts/tools.json) calling the shared code;
- LLM calls and usage: the turn's own LLM instance's get_token_usage_summary() (successful_requests,
  prompt/completion tokens); LLM time from crewai's event bus (LLMCallStarted/Completed, keyed by agent id);
- crewai keeps no conversation per session: the history (user and assistant texts) lives in Redis under
  bench:py-crewai:session:<id>, one write per turn. kickoff() joins the messages it gets into one prompt, so
  earlier turns go in as a quoted transcript and the new message last and verbatim (its `#bench` line is
  then the only line that starts with `#bench`);
- crewai's own telemetry and tracing are off (CREWAI_DISABLE_TELEMETRY, CREWAI_TRACING_ENABLED).
"""
from __future__ import annotations

import asyncio
import contextvars
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, List, Optional, Type

os.environ.setdefault("CREWAI_DISABLE_TELEMETRY", "true")
os.environ.setdefault("CREWAI_TRACING_ENABLED", "false")

from crewai import LLM, Agent  # noqa: E402
from crewai.events.event_bus import crewai_event_bus  # noqa: E402
from crewai.events.types.llm_events import LLMCallCompletedEvent, LLMCallFailedEvent, LLMCallStartedEvent  # noqa: E402
from crewai.tools import BaseTool  # noqa: E402
from pydantic import BaseModel, Field, PrivateAttr  # noqa: E402

from benchapp_common import tools  # noqa: E402
from benchapp_common.accounting import COMPLETED, MAX_ITERATIONS, RunAccounting, RunOutcome  # noqa: E402
from benchapp_common.app import ExecutorDescription  # noqa: E402
from benchapp_common.config import Settings  # noqa: E402
from benchapp_common.errors import LlmTimeout, LlmUnavailable, classify_llm_exception  # noqa: E402
from benchapp_common.framework import ToolClock, installed_version  # noqa: E402
from benchapp_common.health import llm_reachable, probe  # noqa: E402
from benchapp_common.history import RedisHistoryStore, open_session  # noqa: E402
from benchapp_common.validation import RunRequest  # noqa: E402

from .transcript import kickoff_messages  # noqa: E402

NAME = "python-crewai"
KEY_PREFIX = "bench:py-crewai:session:"
log = logging.getLogger("benchapp.crewai")


class WeatherArgs(BaseModel):
    city: str = Field(description="City name, e.g. Paris")
    unit: Optional[str] = Field(default=None, description="Temperature unit: celsius or fahrenheit")
    delay_ms: Optional[int] = Field(default=None, description="Simulated I/O delay in milliseconds (benchmark control)")


class CalculatorArgs(BaseModel):
    expression: str = Field(description="Arithmetic expression, e.g. (2 + 3) * 4")
    delay_ms: Optional[int] = Field(default=None, description="Simulated I/O delay in milliseconds (benchmark control)")


_ARGS: Dict[str, Type[BaseModel]] = {tools.WEATHER: WeatherArgs, tools.CALCULATOR: CalculatorArgs}


class BenchTool(BaseTool):
    """A bench tool bound to one turn (its clock counts the turn's tool calls and tool time)."""

    _clock: Optional[ToolClock] = PrivateAttr(default=None)
    _lock: Any = PrivateAttr(default=None)

    def _run(self, **kwargs: Any) -> str:
        import time

        args = {k: v for k, v in kwargs.items() if v is not None}
        with self._lock:
            self._clock.started()
        try:
            call = tools.prepare_args(self.name, args)
            if call.delay_ms:
                time.sleep(call.delay_ms / 1000)  # this thread is crewai's, not the server's loop
            return call.result.output
        finally:
            with self._lock:
                self._clock.finished()


def _bench_tools(clock: ToolClock) -> List[BaseTool]:
    lock = threading.Lock()
    result = []
    for d in tools.definitions():
        t = BenchTool(name=d.name, description=d.description, args_schema=_ARGS[d.name])
        t._clock, t._lock = clock, lock
        result.append(t)
    return result


@dataclass
class _Probe:
    """What crewai's event bus tells about one turn's LLM calls."""
    acct: RunAccounting
    started: Dict[str, datetime] = field(default_factory=dict)
    failures: List[str] = field(default_factory=list)


class _LlmEvents:
    """One set of handlers on crewai's (process-wide) event bus, routing events to turns by agent id."""

    def __init__(self) -> None:
        self._probes: Dict[str, _Probe] = {}
        self._lock = threading.Lock()

        @crewai_event_bus.on(LLMCallStartedEvent)
        def _started(source: Any, event: Any) -> None:
            probe = self._probe(event)
            if probe is not None:
                probe.started[event.call_id] = event.timestamp

        @crewai_event_bus.on(LLMCallCompletedEvent)
        def _completed(source: Any, event: Any) -> None:
            probe = self._probe(event)
            if probe is not None and event.call_id in probe.started:
                elapsed = (event.timestamp - probe.started.pop(event.call_id)).total_seconds()
                with self._lock:
                    probe.acct.llm_seconds += max(elapsed, 0.0)

        @crewai_event_bus.on(LLMCallFailedEvent)
        def _failed(source: Any, event: Any) -> None:
            probe = self._probe(event)
            if probe is not None:
                probe.failures.append(event.error)

    def _probe(self, event: Any) -> Optional[_Probe]:
        agent_id = getattr(event, "agent_id", None)
        return self._probes.get(str(agent_id)) if agent_id else None

    def watch(self, agent_id: str, acct: RunAccounting) -> _Probe:
        probe = _Probe(acct)
        self._probes[agent_id] = probe
        return probe

    def forget(self, agent_id: str) -> None:
        self._probes.pop(agent_id, None)


class CrewAiExecutor:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._llm_url = settings.require_llm()
        self._store = RedisHistoryStore(settings.require_redis(), KEY_PREFIX, settings.session_ttl_seconds)
        self._pool = ThreadPoolExecutor(max_workers=int(os.environ.get("CREWAI_THREADS", "64")),
                                        thread_name_prefix="crewai")
        self._events: Optional[_LlmEvents] = None

    def describe(self) -> ExecutorDescription:
        return ExecutorDescription(NAME, "crewai", installed_version("crewai"), durable=False, state_store="redis")

    async def start(self) -> None:
        self._events = _LlmEvents()

    async def stop(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        await self._store.aclose()

    async def health(self) -> Dict[str, str]:
        return {"llm": await probe(llm_reachable(self._llm_url, self._settings.llm_api_key)),
                "redis": await probe(self._store.ping())}

    async def run(self, request: RunRequest, acct: RunAccounting) -> RunOutcome:
        assert self._events is not None
        session_id, history = await open_session(self._store, request.session_id, acct)

        llm = LLM(model=f"openai/{self._settings.llm_model}", base_url=self._llm_url,
                  api_key=self._settings.llm_api_key, timeout=self._settings.llm_timeout_seconds,
                  max_retries=self._settings.llm_max_attempts - 1)
        agent = Agent(role="Assistant", goal="Answer the user's latest message, using the tools when they help.",
                      backstory="A concise assistant in a benchmark.", llm=llm, tools=_bench_tools(ToolClock(acct)),
                      max_iter=request.max_iterations, allow_delegation=False, verbose=False)
        probe_ = self._events.watch(str(agent.id), acct)
        try:
            context = contextvars.copy_context()
            result = await asyncio.get_running_loop().run_in_executor(
                self._pool, context.run, agent.kickoff, kickoff_messages(history, request.message))
        except Exception as e:
            raise _llm_failure(e, probe_.failures) from e
        finally:
            self._events.forget(str(agent.id))

        summary = llm.get_token_usage_summary()
        acct.add_usage(summary.prompt_tokens, summary.completion_tokens)
        acct.iterations = acct.llm_calls = summary.successful_requests
        output = result.raw or ""
        # crewai answers once more, without tools, when max_iter is reached: that call is past the budget.
        stop_reason = MAX_ITERATIONS if acct.llm_calls > request.max_iterations else COMPLETED

        history += [{"role": "user", "content": request.message}, {"role": "assistant", "content": output}]
        with acct.state():
            await self._store.save(session_id, history)
        return RunOutcome(session_id, output, stop_reason)


def _llm_failure(error: Exception, failures: List[str]) -> Exception:
    mapped = classify_llm_exception(error)
    if mapped is not None:
        return mapped
    if failures:  # crewai sometimes re-raises LLM errors as plain exceptions; its event said what failed
        last = failures[-1]
        if "timeout" in last.lower() or "timed out" in last.lower():
            return LlmTimeout(f"The LLM timed out: {last[:200]}")
        return LlmUnavailable(f"The LLM call failed: {last[:200]}")
    return error
