"""WORKERS > 1: uvicorn (Debian's 0.17 here) runs several worker processes from an import string; each builds
its own executor, and /v1/info names their supervisor, the process the driver samples with its children."""
from __future__ import annotations

import os
import sys

import httpx
import pytest

from tests.support import processes

pytestmark = pytest.mark.e2e


def children_of(pid: int) -> set:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry))
    return found


def test_two_workers_serve_runs_and_report_their_supervisor(stack):
    env = processes.executor_env("benchapp_baseline", stack.mock_url, stack.redis_url, {"WORKERS": "2"})
    child, url = processes.start_executor("benchapp_baseline", env, python=sys.executable)
    try:
        with httpx.Client(base_url=url, timeout=30) as http:
            infos = [http.get("/v1/info").json() for _ in range(4)]
            assert {i["workers"] for i in infos} == {2}
            assert {i["pid"] for i in infos} == {child.proc.pid}
            assert len(children_of(child.proc.pid)) >= 2
            first = http.post("/v1/runs", json={"message": "#bench tool_calls=1\nHi"}).json()
            again = http.post("/v1/runs", json={"message": "Again", "session_id": first["session_id"]})
            assert again.status_code == 200  # the session is in Redis, whichever worker answers
    finally:
        child.stop()


def test_a_bad_workers_value_stops_the_process_with_the_variable_named(stack):
    env = processes.executor_env("benchapp_baseline", stack.mock_url, stack.redis_url, {"WORKERS": "0"})
    with pytest.raises(RuntimeError, match="WORKERS=0 is outside"):
        processes.start_executor("benchapp_baseline", env, python=sys.executable)
