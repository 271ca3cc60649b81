"""Starting the real dependencies for e2e and conformance tests: redis-server, the BenchApp.MockLlm build,
and an executor (python -m benchapp_<name>). Each is a child process ended by its own handle."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional

import httpx

PYTHON_EXECUTORS = Path(__file__).resolve().parents[2]
REPO = PYTHON_EXECUTORS.parent
MOCK_LLM_DLL = REPO / "BenchApp.MockLlm" / "bin" / "Debug" / "net10.0" / "BenchApp.MockLlm.dll"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Child:
    """A child process whose output is collected (and shown when something fails)."""

    def __init__(self, name: str, args: List[str], env: Optional[Dict[str, str]] = None, cwd: Optional[Path] = None):
        self.name = name
        self.lines: List[str] = []
        self._cond = threading.Condition()
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env=env, cwd=cwd, text=True, encoding="utf-8", errors="replace")
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._cond:
                self.lines.append(line.rstrip("\n"))
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def wait_for_line(self, pattern: str, timeout: float) -> re.Match:
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        seen = 0
        with self._cond:
            while True:
                for line in self.lines[seen:]:
                    m = regex.search(line)
                    if m:
                        return m
                seen = len(self.lines)
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.name} exited ({self.proc.returncode}):\n{self.output()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{self.name}: no line matching {pattern!r} in {timeout} s:\n{self.output()}")
                self._cond.wait(min(left, 0.5))

    def output(self) -> str:
        return "\n".join(self.lines[-60:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def start_redis(port: Optional[int] = None) -> tuple:
    """(Child, url) for a throwaway redis-server on a free port (or the given one, to bring a stopped server
    back at its address), no persistence."""
    exe = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(exe):
        raise FileNotFoundError("redis-server is not installed (apt-get install redis-server)")
    for _ in range(1 if port else 5):
        port = port or free_port()
        workdir = tempfile.mkdtemp(prefix="bench-redis-")
        child = Child("redis-server", [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                       "--appendonly", "no", "--dir", workdir])
        try:
            child.wait_for_line(r"Ready to accept connections", 15)
            return child, f"redis://127.0.0.1:{port}/0"
        except RuntimeError:
            child.stop()  # port taken between free_port() and bind: try another
            port = None
    raise RuntimeError("redis-server did not start")


def mock_llm_missing_reason() -> Optional[str]:
    if os.environ.get("MOCK_LLM_URL"):
        return None
    if not MOCK_LLM_DLL.is_file():
        return (f"mock LLM build not found at {MOCK_LLM_DLL}: run `dotnet build BenchApp.sln` "
                "(or set MOCK_LLM_URL to a running mock-llm)")
    if not shutil.which("dotnet"):
        return "dotnet is not on PATH, needed to run BenchApp.MockLlm (or set MOCK_LLM_URL)"
    return None


def start_mock_llm() -> tuple:
    """(Child or None, base URL without /v1)."""
    url = os.environ.get("MOCK_LLM_URL")
    if url:
        return None, url.rstrip("/")
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", DOTNET_NOLOGO="1")
    env.pop("ASPNETCORE_URLS", None)
    child = Child("mock-llm", ["dotnet", str(MOCK_LLM_DLL), "--urls", "http://127.0.0.1:0"], env=env)
    m = child.wait_for_line(r"Now listening on: (http://\S+)", 60)
    return child, m.group(1).rstrip("/")


def executor_env(module: str, llm_url: str, redis_url: str, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "services__", "ConnectionStrings__"))}
    env.update({
        "services__mock-llm__http__0": llm_url,
        "ConnectionStrings__redis": redis_url.replace("redis://", "").rsplit("/", 1)[0],
        "PYTHONUNBUFFERED": "1",
    })
    env.pop("LLM_BASE_URL", None)
    env.update(extra or {})
    return env


def start_executor(module: str, env: Dict[str, str], python: str = sys.executable) -> tuple:
    """(Child, base URL) once /alive answers."""
    for _ in range(3):
        port = free_port()
        child = Child(module, [python, "-m", module], env=dict(env, PORT=str(port), HOST="127.0.0.1"),
                      cwd=PYTHON_EXECUTORS)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and child.proc.poll() is None:
            try:
                if httpx.get(url + "/alive", timeout=1).status_code == 200:
                    return child, url
            except httpx.HTTPError:
                time.sleep(0.1)
        child.stop()
        if "address already in use" not in child.output().lower():
            raise RuntimeError(f"{module} did not start:\n{child.output()}")
    raise RuntimeError(f"{module} did not start (ports in use)")
