"""Entry point shared by `python -m benchapp_<name>`: settings from the environment, logging, telemetry,
then uvicorn on HOST (default 127.0.0.1) and PORT."""
from __future__ import annotations

import logging
import os
import sys
from typing import Callable

from .app import Executor, create_app
from .config import ConfigError, Settings


def serve(build: Callable[[Settings], Executor]) -> None:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stdout)
    log = logging.getLogger("benchapp.server")
    try:
        settings = Settings.from_env()
        executor = build(settings)
    except ConfigError as e:
        log.error("Configuration error: %s", e)
        raise SystemExit(2) from None

    import uvicorn

    from . import telemetry

    app = create_app(executor, settings)
    telemetry.setup(executor.describe().executor, app)
    log.info("Python %s at %s; listening on http://%s:%d", sys.version.split()[0], sys.executable,
             settings.host, settings.port)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", access_log=False)
