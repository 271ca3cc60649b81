"""Entry point shared by `python -m benchapp_<name>`: settings from the environment, logging, telemetry,
then uvicorn on HOST (default 127.0.0.1) and PORT, with WORKERS processes (default 1).

With one worker the app object is handed to uvicorn. With more, uvicorn (0.17 as in Debian, and current
releases alike) needs an import string: each worker process imports `benchapp_common.server:app_from_env`,
which builds its own executor from BENCHAPP_EXECUTOR (`module:callable`, set here from `build`)."""
from __future__ import annotations

import importlib
import logging
import os
import sys
from typing import Callable

from .app import SERVER_PID_ENV, Executor, create_app
from .config import ConfigError, Settings

EXECUTOR_ENV = "BENCHAPP_EXECUTOR"
log = logging.getLogger("benchapp.server")


def serve(build: Callable[[Settings], Executor]) -> None:
    _configure_logging()
    settings = _settings_or_exit()

    import uvicorn

    options = dict(host=settings.host, port=settings.port, log_level="warning", access_log=False)
    if settings.workers == 1:
        app = _build_app(build, settings)
        log.info("Python %s at %s; listening on http://%s:%d", sys.version.split()[0], sys.executable,
                 settings.host, settings.port)
        uvicorn.run(app, **options)
        return
    try:
        os.environ[EXECUTOR_ENV] = executor_path(build)
    except ConfigError as e:
        log.error("Configuration error: %s", e)
        raise SystemExit(2) from None
    os.environ[SERVER_PID_ENV] = str(os.getpid())
    log.info("Python %s at %s; listening on http://%s:%d with %d workers", sys.version.split()[0], sys.executable,
             settings.host, settings.port, settings.workers)
    uvicorn.run(f"{__name__}:app_from_env", factory=True, workers=settings.workers, **options)


def app_from_env():
    """The app of one uvicorn worker process (WORKERS > 1)."""
    _configure_logging()
    settings = _settings_or_exit()
    path = os.environ.get(EXECUTOR_ENV, "")
    module, _, name = path.partition(":")
    if not module or not name:
        log.error("%s must name the executor as module:callable (got '%s').", EXECUTOR_ENV, path)
        raise SystemExit(2)
    target = importlib.import_module(module)
    for part in name.split("."):  # a class, or a classmethod such as BaselineExecutor.from_settings
        target = getattr(target, part)
    return _build_app(target, settings)


def executor_path(build: Callable[[Settings], Executor]) -> str:
    """`module:qualname` of the executor factory, importable by a fresh worker process."""
    if build.__module__ == "__main__" or "<locals>" in build.__qualname__:
        raise ConfigError("WORKERS > 1 needs an executor importable by module path (not one defined in __main__).")
    return f"{build.__module__}:{build.__qualname__}"


def _build_app(build: Callable[[Settings], Executor], settings: Settings):
    from . import telemetry

    try:
        executor = build(settings)
    except ConfigError as e:
        log.error("Configuration error: %s", e)
        raise SystemExit(2) from None
    app = create_app(executor, settings)
    telemetry.setup(executor.describe().executor, app)
    return app


def _settings_or_exit() -> Settings:
    try:
        return Settings.from_env()
    except ConfigError as e:
        log.error("Configuration error: %s", e)
        raise SystemExit(2) from None


def _configure_logging() -> None:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stdout)
