"""CrewAI executor.

Written against crewai 1.15 (requirements/crewai.txt pins 1.15.30; behaviour read in crewAIInc/crewAI at
1.15.17, see docs/frameworks.md):
- one LLM for the process: crewAI's native OpenAI provider (what `LLM("openai/<model>", base_url=...)` returns),
  subclassed only to meter each call for the turn that makes it (see MeteredOpenAICompletion); per turn an
  Agent(role, goal, backstory, llm, tools, max_iter) and Agent.kickoff(messages) (a standalone agent, no Crew),
  run in a worker thread: kickoff is synchronous and the tools run under it, so a tool's delay never blocks
  the server's event loop;
- tools: BaseTool subclasses whose args_schema is generated from contracts/tools.json (benchapp_crewai.args);
- max_iterations: crewAI makes max_iter calls and then one more without tools, its forced final answer
  (utilities/agent_utils.py handle_max_iterations_exceeded). The contract allows max_iterations calls, so the
  metered LLM refuses the call after the budget, in the calling thread, before any request is sent; the turn
  ends with stop_reason max_iterations and exactly max_iterations LLM calls;
- crewAI keeps no conversation per session: the history (user and assistant texts) lives in Redis under
  bench:py-crewai:session:<id>, one write per turn, passed in as messages (benchapp_crewai.transcript);
- crewAI's telemetry and tracing are off: CREWAI_DISABLE_TELEMETRY, CREWAI_TRACING_ENABLED, and the user data
  file crewAI reads for first-run trace collection is seeded with the opt-out (seed_tracing_opt_out).
"""
from __future__ import annotations

import asyncio
import contextvars
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from .environment import apply_defaults, seed_tracing_opt_out, threads_setting

apply_defaults()  # before crewai is imported: it reads these at import

from crewai import Agent  # noqa: E402
from crewai.llms.providers.openai.completion import OpenAICompletion  # noqa: E402
from crewai.tools import BaseTool  # noqa: E402

from benchapp_common import tools  # noqa: E402
from benchapp_common.accounting import COMPLETED, MAX_ITERATIONS, RunAccounting, RunOutcome, StateBytes  # noqa: E402
from benchapp_common.app import ExecutorDescription  # noqa: E402
from benchapp_common.config import Settings  # noqa: E402
from benchapp_common.errors import classify_llm_exception  # noqa: E402
from benchapp_common.framework import ToolClock, installed_version  # noqa: E402
from benchapp_common.health import llm_reachable, probe  # noqa: E402
from benchapp_common.history import RedisHistoryStore, open_session  # noqa: E402
from benchapp_common.validation import RunRequest  # noqa: E402

from .args import args_model  # noqa: E402
from .transcript import kickoff_messages  # noqa: E402

NAME = "python-crewai"
KEY_PREFIX = "bench:py-crewai:session:"
log = logging.getLogger("benchapp.crewai")


class TurnStopped(Exception):
    """Raised by the metered LLM instead of making a call the turn may not make."""


@dataclass
class TurnMeter:
    """One turn's LLM budget and accounting, reached from crewAI's threads through a context variable
    (crewAI copies the context into the threads it starts: flow methods via asyncio.to_thread(ctx.run, ...),
    parallel tool calls via copy_context().run)."""
    acct: RunAccounting
    budget: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    calls: int = 0
    budget_reached: bool = False
    abandoned: bool = False  # the run gave up (timeout); make no further calls
    last_text: str = ""

    def __post_init__(self) -> None:
        self.clock = ToolClock(self.acct)

    def admit_call(self) -> None:
        with self.lock:
            if self.abandoned:
                raise TurnStopped("the run was abandoned")
            if self.calls >= self.budget:
                self.budget_reached = True
                raise TurnStopped(f"max_iterations={self.budget} reached")
            self.calls += 1


CURRENT_TURN: contextvars.ContextVar[Optional[TurnMeter]] = contextvars.ContextVar("benchapp_crewai_turn",
                                                                                   default=None)


class MeteredOpenAICompletion(OpenAICompletion):
    """crewAI's native OpenAI provider; each call is admitted against the turn's budget and timed in the
    thread that makes it, and each reply's usage (crewAI's own parse of it) is credited to that turn."""

    def call(self, messages: Any, *args: Any, **kwargs: Any) -> Any:
        turn = CURRENT_TURN.get()
        if turn is None:
            return super().call(messages, *args, **kwargs)
        turn.admit_call()
        started = time.perf_counter()
        try:
            answer = super().call(messages, *args, **kwargs)
        finally:
            elapsed = time.perf_counter() - started
            with turn.lock:
                turn.acct.llm_seconds += elapsed
        if isinstance(answer, str) and answer:
            turn.last_text = answer
        return answer

    def _track_token_usage_internal(self, usage_data: Dict[str, Any]) -> None:
        super()._track_token_usage_internal(usage_data)
        turn = CURRENT_TURN.get()
        if turn is not None:
            prompt, completion = _usage_tokens(usage_data)
            with turn.lock:
                turn.acct.add_llm_reply(prompt, completion)


def _usage_tokens(usage_data: Dict[str, Any]) -> tuple[int, int]:
    from crewai.types.usage_metrics import UsageMetrics

    metrics = UsageMetrics.from_provider_dict(usage_data) if usage_data else None
    return (metrics.prompt_tokens, metrics.completion_tokens) if metrics is not None else (0, 0)


class BenchTool(BaseTool):
    """A bench tool; its calls count for the turn that runs it (CURRENT_TURN)."""

    def _run(self, **kwargs: Any) -> str:
        turn = CURRENT_TURN.get()
        args = {k: v for k, v in kwargs.items() if v is not None}  # nullable = left out (see args.py)
        if turn is not None:
            with turn.lock:
                turn.clock.started()
        try:
            call = tools.prepare_args(self.name, args)
            if call.delay_ms:
                time.sleep(call.delay_ms / 1000)  # this thread is crewAI's, not the server's loop
            return call.result.output
        finally:
            if turn is not None:
                with turn.lock:
                    turn.clock.finished()


def bench_tools() -> List[BaseTool]:
    return [BenchTool(name=d.name, description=d.description, args_schema=args_model(d.name, d.parameters))
            for d in tools.definitions()]


class CrewAiExecutor:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._llm_url = settings.require_llm()
        self._store = RedisHistoryStore(settings.require_redis(), KEY_PREFIX, settings.session_ttl_seconds)
        self._threads = threads_setting(os.environ)
        self._pool: Optional[Any] = None
        self._llm: Optional[MeteredOpenAICompletion] = None
        self._tools: List[BaseTool] = []

    def describe(self) -> ExecutorDescription:
        return ExecutorDescription(NAME, "crewai", installed_version("crewai"), durable=False, state_store="redis",
                                   settings=self.settings())

    def settings(self) -> Dict[str, Any]:
        return {
            "max_iter": "max_iterations of the request",
            "forced_final_answer": False,  # stopped before crewAI's extra call (module docstring)
            "llm_max_retries": self._settings.llm_max_attempts - 1,  # openai SDK retries (crewAI passes max_retries)
            "llm_timeout_seconds": self._settings.llm_timeout_seconds,
            "native_tool_calling": True,
            "parallel_tool_calls": "crewAI runs every call of a reply, up to 8 threads",
            "stream": False,
            "memory": False,
            "tool_cache": False,  # Agent(cache=False): every tool call runs
            "threads": self._threads,
            "tracing": False,
            "telemetry": False,
        }

    async def start(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        try:
            seed_tracing_opt_out()
        except OSError as e:  # crewAI then runs with its first-run trace collection; say so
            log.warning("Could not record crewAI's tracing opt-out (%s): first-run traces may be collected", e)
        self._pool = ThreadPoolExecutor(max_workers=self._threads, thread_name_prefix="crewai")
        self._llm = MeteredOpenAICompletion(
            model=self._settings.llm_model, provider="openai", custom_openai=True, base_url=self._llm_url,
            api_key=self._settings.llm_api_key, timeout=self._settings.llm_timeout_seconds,
            max_retries=self._settings.llm_max_attempts - 1)
        self._tools = bench_tools()

    async def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        for name in ("_client", "_async_client"):  # the openai clients crewAI's provider made (httpx inside)
            client = getattr(self._llm, name, None)
            close = getattr(client, "close", None)
            if close is not None:
                try:
                    result = close()
                    if asyncio.iscoroutine(result):
                        await result
                except Exception as e:  # closing is best effort at shutdown
                    log.debug("Closing %s failed: %s", name, e)
        await self._store.aclose()

    async def health(self) -> Dict[str, str]:
        return {"llm": await probe(llm_reachable(self._llm_url, self._settings.llm_api_key)),
                "redis": await probe(self._store.ping())}

    async def run(self, request: RunRequest, acct: RunAccounting) -> RunOutcome:
        assert self._pool is not None and self._llm is not None
        session_id, history = await open_session(self._store, request.session_id, acct)
        agent = Agent(role="Assistant", goal="Answer the user's latest message, using the tools when they help.",
                      backstory="A concise assistant in a benchmark.", llm=self._llm, tools=list(self._tools),
                      max_iter=request.max_iterations, allow_delegation=False, cache=False, verbose=False)
        turn = TurnMeter(acct, request.max_iterations)
        context = contextvars.copy_context()
        context.run(CURRENT_TURN.set, turn)
        try:
            result = await asyncio.get_running_loop().run_in_executor(
                self._pool, context.run, agent.kickoff, kickoff_messages(history, request.message))
            output, stop_reason = result.raw or "", COMPLETED
        except asyncio.CancelledError:
            turn.abandoned = True  # the run timed out: the worker thread makes no further LLM call
            raise
        except Exception as e:
            if not turn.budget_reached:
                mapped = classify_llm_exception(e)
                if mapped is not None:
                    raise mapped from e
                raise
            output, stop_reason = turn.last_text, MAX_ITERATIONS

        history += [{"role": "user", "content": request.message}, {"role": "assistant", "content": output}]
        with acct.state():
            written = await self._store.save(session_id, history)
        # One SET of the whole history: the turn wrote the session's full stored size.
        return RunOutcome(session_id, output, stop_reason, StateBytes(turn=written, session=written))
