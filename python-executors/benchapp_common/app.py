"""The FastAPI app every Python executor serves: docs/executor-api.md, with the executor plugged in."""
from __future__ import annotations

import asyncio
import inspect
import logging
import os
import platform
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Dict, Mapping, Optional, Protocol, Union

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import problems, validation
from .accounting import RunAccounting, RunOutcome, response_body
from .config import Settings
from .errors import (DependencyUnavailable, LlmTimeout, LlmUnavailable, SessionNotFound,
                     classify_dependency_exception, classify_llm_exception)
from .health import failing

log = logging.getLogger("benchapp.app")
_DRAIN_LIMIT = 16 * 1024 * 1024
SERVER_PID_ENV = "BENCHAPP_SERVER_PID"  # set by server.serve for worker processes


@dataclass(frozen=True)
class ExecutorDescription:
    executor: str  # resource name, e.g. python-langgraph
    framework: str  # none, langgraph, google-adk, crewai
    framework_version: str  # "-" for none
    durable: bool
    state_store: str  # redis, redis-json, sqlite, memory
    # Every framework default that changes the work, set explicitly (contract /v1/info `settings`).
    settings: Mapping[str, Union[str, int, float, bool]] = field(default_factory=dict)


class Executor(Protocol):
    def describe(self) -> ExecutorDescription: ...

    async def start(self) -> None:
        """Create clients; must not fail because a dependency is down (health reports that)."""

    async def stop(self) -> None: ...

    async def health(self) -> Dict[str, str]:
        """Component -> "ok" or what is wrong."""

    async def run(self, request: validation.RunRequest, acct: RunAccounting) -> RunOutcome:
        """One turn. Raises SessionNotFound, LlmUnavailable, LlmTimeout or Problem."""


def problem_response(problem: problems.Problem, headers: Optional[Dict[str, str]] = None) -> JSONResponse:
    return JSONResponse(problem.to_body(), status_code=problem.status, media_type=problems.CONTENT_TYPE,
                        headers=headers)


def create_app(executor: Executor, settings: Settings) -> FastAPI:
    async def startup() -> None:
        await executor.start()
        d = executor.describe()
        log.info("%s ready: framework %s %s, state store %s, LLM %s, Redis %s", d.executor, d.framework,
                 d.framework_version, d.state_store, settings.llm_base_url or "(unset)",
                 _redact(settings.redis_url) or "(unset)")

    async def shutdown() -> None:
        await executor.stop()

    # FastAPI >= 0.93 takes a lifespan; 0.92 (Debian) only has on_event, which newer releases deprecate.
    if "lifespan" in inspect.signature(FastAPI.__init__).parameters:
        @asynccontextmanager
        async def lifespan(_app: FastAPI):
            await startup()
            try:
                yield
            finally:
                await shutdown()

        app = FastAPI(title=executor.describe().executor, lifespan=lifespan, docs_url=None, redoc_url=None)
    else:
        app = FastAPI(title=executor.describe().executor, docs_url=None, redoc_url=None)
        app.add_event_handler("startup", startup)
        app.add_event_handler("shutdown", shutdown)

    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        try:
            title = HTTPStatus(exc.status_code).phrase + "."
        except ValueError:
            title = "Error."
        return problem_response(problems.http_status(exc.status_code, title), headers=getattr(exc, "headers", None))

    async def unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
        log.error("Unhandled error", exc_info=exc)
        return problem_response(problems.internal())

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)

    @app.get("/alive")
    async def alive() -> JSONResponse:
        return JSONResponse({"status": "alive"})

    @app.get("/health")
    async def health() -> JSONResponse:
        try:
            checks = await asyncio.wait_for(executor.health(), timeout=5.0)
        except asyncio.TimeoutError:
            checks = {"executor": "health check timed out after 5 s"}
        except Exception as e:  # a health check must answer, never raise
            checks = {"executor": f"{type(e).__name__}: {e}"}
        bad = failing(checks)
        return JSONResponse({"status": "unhealthy" if bad else "healthy", "failing": bad, "checks": checks},
                            status_code=503 if bad else 200)

    @app.get("/v1/info")
    async def info() -> JSONResponse:
        d = executor.describe()
        return JSONResponse({
            "executor": d.executor,
            "language": "python",
            "runtime_version": platform.python_version(),
            "framework": d.framework,
            "framework_version": d.framework_version,
            "durable": d.durable,
            "state_store": d.state_store,
            "pid": server_pid(),
            "build": None,  # Python has no release/debug build notion
            "settings": dict(d.settings),
            "workers": settings.workers,
        })

    @app.post("/v1/runs")
    async def run(request: Request) -> JSONResponse:
        acct = RunAccounting()
        try:
            content_type = request.headers.get("content-type")
            if not validation.is_json_content_type(content_type):
                raise problems.unsupported_media_type(content_type)
            body = await _read_body(request)
            run_request = validation.validate(validation.parse_body(body))
            outcome = await asyncio.wait_for(executor.run(run_request, acct), timeout=settings.run_timeout_seconds)
            return JSONResponse(response_body(outcome, acct))
        except problems.Problem as p:
            return problem_response(p)
        except asyncio.TimeoutError:
            return problem_response(problems.timeout(f"No final answer within {settings.run_timeout_seconds:g} s."))
        except SessionNotFound as e:
            return problem_response(problems.session_not_found(e.session_id))
        except LlmTimeout as e:
            return problem_response(problems.timeout(str(e)))
        except LlmUnavailable as e:
            return problem_response(problems.llm_unavailable(str(e)))
        except DependencyUnavailable as e:
            log.warning("Dependency unavailable (%s): %s", e.dependency, e)
            return problem_response(problems.dependency_unavailable(e.dependency, str(e)))
        except Exception as e:
            dependency = classify_dependency_exception(e, settings.state_store_timeout_seconds)
            if dependency is not None:  # a framework's own Redis client, wrapped or not
                log.warning("Dependency unavailable (%s): %r", dependency.dependency, e)
                return problem_response(problems.dependency_unavailable(dependency.dependency, str(dependency)))
            mapped = classify_llm_exception(e)
            if isinstance(mapped, LlmTimeout):
                log.warning("LLM timeout: %r", e)
                return problem_response(problems.timeout(str(mapped)))
            if isinstance(mapped, LlmUnavailable):
                log.warning("LLM failure: %r", e)
                return problem_response(problems.llm_unavailable(str(mapped)))
            log.exception("Run failed")
            return problem_response(problems.internal())

    return app


async def _read_body(request: Request) -> bytes:
    """The body, or a 400 naming `body` once it passes the limit (the rest is drained so the client
    reads the answer instead of a reset connection)."""
    limit = validation.MAX_BODY_BYTES
    declared = request.headers.get("content-length")
    too_big = declared is not None and declared.isdigit() and int(declared) > limit
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            too_big = True
        if too_big:
            if size > _DRAIN_LIMIT:
                break
            continue
        chunks.append(chunk)
    if too_big:
        raise problems.invalid_field("body", f"Must be at most {limit} bytes.")
    return b"".join(chunks)


def server_pid() -> int:
    """The process the driver samples: with several uvicorn workers, their supervisor (the workers are its
    children); else this process."""
    supervisor = os.environ.get(SERVER_PID_ENV, "")
    return int(supervisor) if supervisor.isdigit() else os.getpid()


def _redact(url: Optional[str]) -> Optional[str]:
    if not url or "@" not in url:
        return url
    scheme, _, rest = url.partition("://")
    return f"{scheme}://***@{rest.split('@', 1)[1]}"
