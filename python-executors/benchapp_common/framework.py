"""Helpers the framework adapters share: per-run accounting reachable from framework callbacks, timing of a
framework's own persistence, and the tool-activity clock (wall time while any tool runs)."""
from __future__ import annotations

import contextvars
import functools
import importlib.metadata
import time
from typing import Any, Iterable, Optional

from .accounting import RunAccounting

# The run being served; framework callbacks run inside the run's task (or a copy of its context).
CURRENT_RUN: contextvars.ContextVar[Optional[RunAccounting]] = contextvars.ContextVar("benchapp_run", default=None)
CURRENT_TOOL_CLOCK: contextvars.ContextVar[Optional["ToolClock"]] = contextvars.ContextVar("benchapp_tools", default=None)


def installed_version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def time_methods_as_state(obj: Any, names: Iterable[str]) -> None:
    """Wrap the async methods `names` of a framework's store so their time counts as timings_ms.state of
    the current run. Instance attributes shadow the class methods; nothing else changes."""
    for name in names:
        original = getattr(obj, name, None)
        if original is None:
            continue

        @functools.wraps(original)
        async def timed(*args: Any, __original: Any = original, **kwargs: Any) -> Any:
            acct = CURRENT_RUN.get()
            if acct is None:
                return await __original(*args, **kwargs)
            with acct.state():
                return await __original(*args, **kwargs)

        object.__setattr__(obj, name, timed)


class ToolClock:  # noqa: D101
    """Wall-clock time during which at least one tool runs (concurrent calls of a step overlap)."""

    def __init__(self, acct: RunAccounting) -> None:
        self._acct = acct
        self._active = 0
        self._since = 0.0

    def started(self) -> None:
        if self._active == 0:
            self._since = time.perf_counter()
        self._active += 1
        self._acct.tool_calls += 1

    def finished(self) -> None:
        self._active -= 1
        if self._active == 0:
            self._acct.tool_seconds += time.perf_counter() - self._since
