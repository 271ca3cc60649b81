"""The loop with nothing but the language: call the LLM, run the tool calls of its reply concurrently,
repeat until a reply without tool calls or max_iterations; load history once, save it once."""
from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Dict

from benchapp_common import telemetry, tools
from benchapp_common.accounting import COMPLETED, MAX_ITERATIONS, RunAccounting, RunOutcome, StateBytes
from benchapp_common.app import ExecutorDescription
from benchapp_common.config import Settings
from benchapp_common.health import probe
from benchapp_common.history import HistoryStore, Message, RedisHistoryStore, open_session
from benchapp_common.llm import ChatClient
from benchapp_common.validation import RunRequest

NAME = "python-baseline"
KEY_PREFIX = "bench:py-baseline:session:"


class BaselineExecutor:
    def __init__(self, llm: ChatClient, store: HistoryStore) -> None:
        self._llm = llm
        self._store = store
        self._tools = tools.openai_tools()

    @classmethod
    def from_settings(cls, settings: Settings) -> "BaselineExecutor":
        llm = ChatClient(settings.require_llm(), settings.llm_api_key, settings.llm_model,
                         timeout_seconds=settings.llm_timeout_seconds, max_attempts=settings.llm_max_attempts,
                         retry_after_cap_seconds=settings.llm_retry_after_cap_seconds)
        store = RedisHistoryStore(settings.require_redis(), KEY_PREFIX, settings.session_ttl_seconds,
                                  timeout_seconds=settings.state_store_timeout_seconds)
        return cls(llm, store)

    def describe(self) -> ExecutorDescription:
        return ExecutorDescription(NAME, "none", "-", durable=False, state_store="redis")

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        await self._llm.aclose()
        await self._store.aclose()

    async def health(self) -> Dict[str, str]:
        timeout = getattr(self._store, "timeout_seconds", 2.0)
        return {"llm": await probe(self._llm.ping()), "redis": await probe(self._store.ping(), timeout + 0.5)}

    async def run(self, request: RunRequest, acct: RunAccounting) -> RunOutcome:
        with telemetry.span(f"invoke_agent {NAME}", **{"gen_ai.operation.name": "invoke_agent",
                                                      "gen_ai.agent.name": NAME}):
            return await self._run(request, acct)

    async def _run(self, request: RunRequest, acct: RunAccounting) -> RunOutcome:
        session_id, history = await open_session(self._store, request.session_id, acct)
        history.append({"role": "user", "content": request.message})

        output = ""
        stop_reason = MAX_ITERATIONS
        for _ in range(request.max_iterations):
            with telemetry.span(f"chat {self._llm.model}", **{"gen_ai.operation.name": "chat",
                                                             "gen_ai.request.model": self._llm.model}):
                started = time.perf_counter()
                with acct.llm():
                    reply = await self._llm.complete(history, self._tools)
                telemetry.record_llm_call(time.perf_counter() - started, self._llm.model,
                                          reply.input_tokens, reply.output_tokens)
            acct.add_llm_reply(reply.input_tokens, reply.output_tokens)
            history.append(reply.message)
            calls = reply.tool_calls
            if not calls:
                output, stop_reason = reply.text, COMPLETED
                break
            if reply.text:
                output = reply.text
            with acct.tool():
                results = await asyncio.gather(*(_run_tool(call) for call in calls))
            acct.tool_calls += len(calls)
            history.extend(results)

        with acct.state():
            written = await self._store.save(session_id, history)
        # One SET of the whole history per turn: the turn writes the session's full stored size.
        return RunOutcome(session_id, output, stop_reason, StateBytes(turn=written, session=written))


async def _run_tool(call: Dict[str, Any]) -> Message:
    function = call.get("function") or {}
    name = str(function.get("name") or "")
    arguments = function.get("arguments")
    if not isinstance(arguments, str):  # some servers send an object instead of a JSON string
        arguments = json.dumps(arguments) if arguments is not None else None
    with telemetry.span(f"execute_tool {name}", **{"gen_ai.operation.name": "execute_tool",
                                                  "gen_ai.tool.name": name,
                                                  "gen_ai.tool.call.id": call.get("id")}):
        result = await tools.execute(name, arguments)
    return {"role": "tool", "tool_call_id": call.get("id"), "content": result.output}
