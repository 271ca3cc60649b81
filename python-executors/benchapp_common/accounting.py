"""What a turn cost: counts, token usage and where the time went (timings_ms of the contract)."""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Optional

COMPLETED = "completed"
MAX_ITERATIONS = "max_iterations"


@dataclass
class RunAccounting:
    started: float = field(default_factory=time.perf_counter)
    iterations: int = 0
    llm_calls: int = 0
    tool_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    llm_seconds: float = 0.0
    tool_seconds: float = 0.0
    state_seconds: float = 0.0
    llm_call_started: Optional[float] = None  # set by framework callbacks between "call starts" and "reply"

    def add_llm_reply(self, input_tokens: Optional[int], output_tokens: Optional[int]) -> None:
        """One LLM request that returned a reply (an iteration of the loop)."""
        self.iterations += 1
        self.llm_calls += 1
        self.add_usage(input_tokens, output_tokens)

    def add_usage(self, input_tokens: Optional[int], output_tokens: Optional[int]) -> None:
        self.input_tokens += int(input_tokens or 0)
        self.output_tokens += int(output_tokens or 0)

    @contextmanager
    def llm(self) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.llm_seconds += time.perf_counter() - start

    @contextmanager
    def tool(self) -> Iterator[None]:
        """Wrap one tool step (concurrent calls of one reply overlap inside it)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.tool_seconds += time.perf_counter() - start

    @contextmanager
    def state(self) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.state_seconds += time.perf_counter() - start


@dataclass(frozen=True)
class StateBytes:
    """What the turn wrote to the state store and the session's stored size after it (contract `state_bytes`);
    None where the executor cannot know a figure (never a made-up number)."""
    turn: Optional[int] = None
    session: Optional[int] = None

    def to_body(self) -> dict:
        return {"turn": self.turn, "session": self.session}


@dataclass(frozen=True)
class RunOutcome:
    session_id: str
    output: str
    stop_reason: str
    state_bytes: StateBytes = field(default_factory=StateBytes)


def response_body(outcome: RunOutcome, acct: RunAccounting) -> dict:
    total_ms = (time.perf_counter() - acct.started) * 1000
    return {
        "session_id": outcome.session_id,
        "output": outcome.output,
        "stop_reason": outcome.stop_reason,
        "iterations": acct.iterations,
        "llm_calls": acct.llm_calls,
        "tool_calls": acct.tool_calls,
        "usage": {"input_tokens": acct.input_tokens, "output_tokens": acct.output_tokens},
        "timings_ms": {
            "total": round(total_ms, 3),
            "llm": round(acct.llm_seconds * 1000, 3),
            "tool": round(acct.tool_seconds * 1000, 3),
            "state": round(acct.state_seconds * 1000, 3),
        },
        "state_bytes": outcome.state_bytes.to_body(),
    }
