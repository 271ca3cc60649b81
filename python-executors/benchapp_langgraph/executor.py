"""LangGraph executor.

Written against langgraph 1.2 / langchain-core 1.8 / langchain-openai 1.7 / langgraph-checkpoint-redis 0.5 /
langgraph-checkpoint-sqlite 3.1 (see requirements/langgraph.txt):
- graph: StateGraph(AgentState) with a model node (ChatOpenAI.bind_tools), ToolNode and tools_condition; the
  turn ends at a reply without tool calls or, after the tools ran, when max_iterations LLM calls were made;
- ChatOpenAI(model, base_url, api_key, use_responses_api=False, max_retries=2, timeout) (3 attempts, like the
  baseline); LLM calls, usage and LLM time come from a LangChain callback handler (on_chat_model_start /
  on_llm_end with usage_metadata);
- persistence: AsyncRedisSaver when the Redis has RedisJSON and RediSearch (Redis 8 / Redis Stack), else
  AsyncSqliteSaver; thread_id = session id; ainvoke(..., durability=LANGGRAPH_DURABILITY): `exit` (default)
  writes one checkpoint per turn, as the contract asks ("persisted once per turn"); `async` is LangGraph's
  own default (a checkpoint per super-step), `sync` the same written before each next step;
- state_bytes: on SQLite, the thread's checkpoint rows before and after the turn (their growth is what the
  turn wrote); the same query answers "does the session exist" for a named one, instead of a second
  checkpoint load. On the Redis saver the sizes are not known (null).
"""
from __future__ import annotations

import logging
import os
import time
import uuid
from contextlib import AsyncExitStack
from typing import Any, Dict, List, Optional
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.outputs import LLMResult
from langchain_core.tools import StructuredTool
from langchain_openai import ChatOpenAI
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode, tools_condition

from benchapp_common import tools
from benchapp_common.accounting import COMPLETED, MAX_ITERATIONS, RunAccounting, RunOutcome, StateBytes
from benchapp_common.app import ExecutorDescription
from benchapp_common.config import Settings
from benchapp_common.errors import SessionNotFound
from benchapp_common.framework import CURRENT_RUN, CURRENT_TOOL_CLOCK, ToolClock, installed_version, time_methods_as_state
from benchapp_common.health import llm_reachable, probe, redis_reachable
from benchapp_common.validation import RunRequest

from . import options

NAME = "python-langgraph"
log = logging.getLogger("benchapp.langgraph")


class AgentState(MessagesState):
    turn_llm_calls: int
    max_iterations: int


class UsageHandler(AsyncCallbackHandler):
    """Counts the turn's chat-model calls, their usage and the time spent waiting on them."""

    def __init__(self, acct: RunAccounting) -> None:
        self._acct = acct
        self._started: Dict[UUID, float] = {}

    async def on_chat_model_start(self, serialized: Any, messages: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._started[run_id] = time.perf_counter()

    async def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        self._stop_clock(run_id)
        input_tokens = output_tokens = 0
        for generations in response.generations:
            for g in generations:
                usage = getattr(getattr(g, "message", None), "usage_metadata", None) or {}
                input_tokens += usage.get("input_tokens", 0)
                output_tokens += usage.get("output_tokens", 0)
        self._acct.add_llm_reply(input_tokens, output_tokens)

    async def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._stop_clock(run_id)

    def _stop_clock(self, run_id: UUID) -> None:
        started = self._started.pop(run_id, None)
        if started is not None:
            self._acct.llm_seconds += time.perf_counter() - started


def _langchain_tool(definition: tools.ToolDefinition) -> StructuredTool:
    async def run(**kwargs: Any) -> str:
        clock = CURRENT_TOOL_CLOCK.get()
        if clock:
            clock.started()
        try:
            return (await tools.execute_args(definition.name, kwargs)).output
        finally:
            if clock:
                clock.finished()

    # args_schema as the JSON schema of contracts/tools.json: the LLM sees exactly what the other
    # executors offer, and the arguments reach the shared tool code unchanged.
    return StructuredTool.from_function(coroutine=run, name=definition.name, description=definition.description,
                                        args_schema=definition.parameters)


class LangGraphExecutor:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._llm_url = settings.require_llm()
        self._redis_url = settings.require_redis()
        self._stack = AsyncExitStack()
        self._graph: Any = None
        self._checkpointer: Any = None
        self._sqlite: Any = None  # the SQLite saver's connection, for state_bytes
        self._durability = options.durability(os.environ)
        self.state_store = "unknown"

    def describe(self) -> ExecutorDescription:
        # durable=False: with durability="exit" a turn cut by a crash is not resumed (only finished turns persist).
        return ExecutorDescription(NAME, "langgraph", installed_version("langgraph"), durable=False,
                                   state_store=self.state_store,
                                   settings=options.info(self._durability, self._settings.llm_max_attempts,
                                                         self.state_store))

    async def start(self) -> None:
        self._checkpointer = await self._open_checkpointer()
        time_methods_as_state(self._checkpointer, ("aget_tuple", "aput", "aput_writes"))
        model = ChatOpenAI(model=self._settings.llm_model, base_url=self._llm_url, api_key=self._settings.llm_api_key,
                           use_responses_api=False, max_retries=self._settings.llm_max_attempts - 1,
                           timeout=self._settings.llm_timeout_seconds, temperature=0)
        lc_tools = [_langchain_tool(d) for d in tools.definitions()]
        self._graph = build_graph(model.bind_tools(lc_tools), ToolNode(lc_tools)).compile(checkpointer=self._checkpointer)

    async def _open_checkpointer(self) -> Any:
        if await options.redis_has_json_and_search(self._redis_url):
            from langgraph.checkpoint.redis.aio import AsyncRedisSaver

            saver = AsyncRedisSaver(redis_url=self._redis_url,
                                    ttl={"default_ttl": self._settings.session_ttl_seconds / 60})
            saver = await self._stack.enter_async_context(saver)
            self.state_store = "redis-json"
        else:
            import aiosqlite
            from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

            os.makedirs(self._settings.data_dir, exist_ok=True)
            path = os.path.join(self._settings.data_dir, "langgraph-checkpoints.sqlite")
            conn = await aiosqlite.connect(path)
            self._stack.push_async_callback(conn.close)
            saver = AsyncSqliteSaver(conn)
            await saver.setup()
            self._sqlite = conn
            self.state_store = "sqlite"
            log.warning("Redis lacks RedisJSON/RediSearch (needs Redis 8 or Redis Stack): checkpoints go to SQLite at %s",
                        path)
        return saver

    async def stop(self) -> None:
        await self._stack.aclose()

    async def health(self) -> Dict[str, str]:
        checks = {"llm": await probe(llm_reachable(self._llm_url, self._settings.llm_api_key))}
        if self.state_store == "redis-json":
            checks["redis"] = await probe(redis_reachable(self._redis_url))
        checks["graph"] = "ok" if self._graph is not None else "not started"
        return checks

    async def run(self, request: RunRequest, acct: RunAccounting) -> RunOutcome:
        session_id = request.session_id or uuid.uuid4().hex
        config: Dict[str, Any] = {"configurable": {"thread_id": session_id}, "callbacks": [UsageHandler(acct)],
                                  "recursion_limit": options.recursion_limit(request.max_iterations)}
        token = CURRENT_RUN.set(acct)
        clock_token = CURRENT_TOOL_CLOCK.set(ToolClock(acct))
        try:
            if request.session_id is not None:
                before = await self._existing_session_bytes(session_id, acct)
            else:
                before = 0 if self._sqlite is not None else None
            turn = {"messages": [HumanMessage(content=request.message)], "turn_llm_calls": 0,
                    "max_iterations": request.max_iterations}
            result = await self._graph.ainvoke(turn, config, durability=self._durability)
            # measurement only (not state time): one indexed SUM over the thread's rows
            after = (await options.sqlite_thread_bytes(self._sqlite, session_id))[0] if self._sqlite is not None else None
        finally:
            CURRENT_TOOL_CLOCK.reset(clock_token)
            CURRENT_RUN.reset(token)
        written, stored = options.state_bytes_from_sizes(before, after)
        return _outcome(session_id, result["messages"], StateBytes(turn=written, session=stored))

    async def _existing_session_bytes(self, session_id: str, acct: RunAccounting) -> Optional[int]:
        """The contract's existence check (404), timed as state like every executor's session load. On SQLite
        one indexed query that also gives the thread's stored bytes; on the Redis saver LangGraph's own
        aget_tuple (already timed by time_methods_as_state), sizes unknown."""
        if self._sqlite is not None:
            with acct.state():
                size, checkpoints = await options.sqlite_thread_bytes(self._sqlite, session_id)
            if checkpoints == 0:
                raise SessionNotFound(session_id)
            return size
        if await self._checkpointer.aget_tuple({"configurable": {"thread_id": session_id}}) is None:
            raise SessionNotFound(session_id)
        return None


def build_graph(model: Any, tool_node: ToolNode) -> StateGraph:
    async def call_model(state: AgentState) -> Dict[str, Any]:
        reply = await model.ainvoke(state["messages"])
        return {"messages": [reply], "turn_llm_calls": state.get("turn_llm_calls", 0) + 1}

    def after_tools(state: AgentState) -> str:
        return END if state["turn_llm_calls"] >= state["max_iterations"] else "model"

    graph = StateGraph(AgentState)
    graph.add_node("model", call_model)
    graph.add_node("tools", tool_node)
    graph.add_edge(START, "model")
    graph.add_conditional_edges("model", tools_condition, {"tools": "tools", END: END})
    graph.add_conditional_edges("tools", after_tools, {"model": "model", END: END})
    return graph


def _outcome(session_id: str, messages: List[Any], state_bytes: StateBytes) -> RunOutcome:
    last_human = max(i for i, m in enumerate(messages) if isinstance(m, HumanMessage))
    replies = [m for m in messages[last_human + 1:] if isinstance(m, AIMessage)]
    final = replies[-1] if replies else None
    if final is not None and not final.tool_calls:
        return RunOutcome(session_id, _text(final), COMPLETED, state_bytes)
    texts = [_text(m) for m in replies if _text(m)]
    return RunOutcome(session_id, texts[-1] if texts else "", MAX_ITERATIONS, state_bytes)


def _text(message: AIMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))
