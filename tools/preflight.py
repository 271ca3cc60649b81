#!/usr/bin/env python3
"""Checks, in seconds, that this machine has everything the full matrix needs, before anything runs.

    python3 tools/preflight.py --scope tests                  # run-tests.sh --require-all
    python3 tools/preflight.py --scope benchmarks [--executors a,b]   # run-benchmarks.sh --require-all

The executors come from the catalogue, contracts/executors.json: each one's `needs` (temporal, redis), its start
kind (python: a virtualenv from its requirements file; node: node and npm) decide what is checked. One line per
prerequisite: `ok` or `MISSING` with how to get it. Exit code: 0 when nothing is missing, else --exit-code (1 for
tests; 3 for benchmarks, the driver's "an executor is unavailable").

Docker is checked by nothing: no test starts a container (only the AppHost planner's unit tests mention Docker),
and the AppHost prefers the temporal CLI and redis-server when they exist.
Only the standard library is used: it runs on any Python 3.8+.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parents[1]
PYTHON_EXECUTORS = REPO / "python-executors"
CATALOGUE = REPO / "contracts" / "executors.json"
ENSURE_REQUIREMENTS = PYTHON_EXECUTORS / "tools" / "ensure_requirements.py"
TEST_REQUIREMENTS = "requirements/test.txt"

TEMPORAL_CLI_MINIMUM = (1, 2, 0)  # `temporal server start-dev` flags the AppHost and the tests pass
# python-langgraph keeps checkpoints with AsyncRedisSaver only when Redis has RedisJSON and RediSearch (Redis 8 or
# Redis Stack); elsewhere it falls back to SQLite (python-executors/benchapp_langgraph/executor.py), so the
# idiomatic path would go unverified.
NEEDS_REDIS_MODULES = {"python-langgraph": "its AsyncRedisSaver checkpointer"}
REDIS_MODULE_COMMANDS = ("JSON.SET", "FT.SEARCH")
INDEX_PROBE_PACKAGE = "six"  # one small wheel: proves pip reaches a package index

GET_TEMPORAL = ("install the Temporal CLI >= 1.2.0 (https://docs.temporal.io/cli, e.g. `brew install temporal` or the "
                "release archive) onto PATH, or set TEMPORAL_ADDRESS=host:port of a running server")
GET_REDIS = "install redis-server (Debian/Ubuntu: apt-get install redis-server)"
GET_REDIS_MODULES = ("install Redis 8 (its JSON and Search modules; official apt repository or the redis:8 image) and "
                     "make `redis-server` on PATH load them (`tools/redis-with-modules.sh BIN_DIR` writes such a wrapper)")
GET_INDEX = ("connect to PyPI, or point pip at a mirror (PIP_INDEX_URL), then run ./run-benchmarks.sh once or "
             "`python3 tools/build-venvs.py` to build the framework virtualenvs")
GET_NODE = "install Node.js 20+ with npm (https://nodejs.org, or apt-get install nodejs npm)"


@dataclass
class Report:
    lines: List[Tuple[bool, str]] = field(default_factory=list)
    unavailable: Dict[str, List[str]] = field(default_factory=dict)  # executor -> why (benchmarks)

    def ok(self, text: str) -> None:
        self.lines.append((True, text))

    def missing(self, text: str, executors: Sequence[str] = ()) -> None:
        self.lines.append((False, text))
        for name in executors:
            self.unavailable.setdefault(name, []).append(text)

    @property
    def failed(self) -> bool:
        return any(not good for good, _ in self.lines)


def load_catalogue() -> List[dict]:
    with CATALOGUE.open(encoding="utf-8") as f:
        return json.load(f)["executors"]


def run(args: Sequence[str], timeout: float, **kwargs) -> Tuple[Optional[int], str]:
    """(exit code or None on timeout / not found, output)."""
    try:
        done = subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              text=True, timeout=timeout, **kwargs)
        return done.returncode, done.stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return None, out + f"\n(no answer within {timeout:.0f} s)"
    except OSError as e:
        return None, str(e)


def last_line(text: str) -> str:
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    return lines[-1] if lines else "no output"


def reachable(address: str, timeout: float = 2.0) -> Optional[str]:
    """None when host:port accepts a TCP connection, else why not."""
    address = address.split(",")[0].strip()
    address = re.sub(r"^[a-z]+://", "", address).split("/")[0]
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        return f"'{address}' is not host:port"
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            return None
    except OSError as e:
        return f"{address} does not answer ({e})"


def version_tuple(text: str) -> Optional[Tuple[int, int, int]]:
    m = re.search(r"(\d+)\.(\d+)\.(\d+)", text)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


# ---- Temporal -------------------------------------------------------------------------------------------------

def check_temporal(report: Report, executors: Sequence[str], scope: str) -> None:
    names = ["TEMPORAL_ADDRESS"] + (["ConnectionStrings__temporal"] if scope == "benchmarks" else [])
    for variable in names:
        address = os.environ.get(variable, "").strip()
        if address:
            why = reachable(address)
            if why is None:
                report.ok(f"Temporal server at {variable}={address}")
            else:
                report.missing(f"Temporal: {variable}={address} is set but {why}. Get: start that server, or unset "
                               f"{variable} and {GET_TEMPORAL}", executors)
            return
    cli = shutil.which("temporal")
    if cli is None:
        report.missing(f"Temporal: no `temporal` CLI on PATH and TEMPORAL_ADDRESS is not set. Get: {GET_TEMPORAL}", executors)
        return
    code, out = run([cli, "--version"], timeout=10)
    version = version_tuple(out) if code == 0 else None
    if version is None:
        report.missing(f"Temporal: `{cli} --version` failed ({last_line(out)}). Get: {GET_TEMPORAL}", executors)
    elif version < TEMPORAL_CLI_MINIMUM:
        report.missing(f"Temporal: the CLI at {cli} is {'.'.join(map(str, version))}, older than 1.2.0. Get: {GET_TEMPORAL}", executors)
    else:
        report.ok(f"Temporal CLI {'.'.join(map(str, version))} ({cli})")


# ---- Redis ----------------------------------------------------------------------------------------------------

def _resp_read(f) -> object:
    """One RESP2/RESP3 value (enough of the protocol for COMMAND INFO and PING)."""
    line = f.readline()
    if not line:
        raise ConnectionError("redis closed the connection")
    kind, rest = line[:1], line[1:].rstrip(b"\r\n")
    if kind in (b"+", b"-"):
        return rest.decode()
    if kind == b":":
        return int(rest)
    if kind == b"_":
        return None
    if kind == b"$":
        n = int(rest)
        if n < 0:
            return None
        data = f.read(n + 2)
        return data[:-2].decode(errors="replace")
    if kind in (b"*", b"~", b">"):
        n = int(rest)
        return None if n < 0 else [_resp_read(f) for _ in range(n)]
    if kind == b"%":
        return {str(_resp_read(f)): _resp_read(f) for _ in range(int(rest))}
    raise ValueError(f"unexpected RESP reply {line!r}")


def redis_commands_known(host: str, port: int, commands: Sequence[str], timeout: float = 3.0) -> Dict[str, bool]:
    with socket.create_connection((host, port), timeout=timeout) as s:
        parts = ["COMMAND", "INFO", *commands]
        s.sendall(f"*{len(parts)}\r\n".encode() + b"".join(f"${len(p)}\r\n{p}\r\n".encode() for p in parts))
        reply = _resp_read(s.makefile("rb"))
    if not isinstance(reply, list) or len(reply) != len(commands):
        raise ValueError(f"COMMAND INFO answered {reply!r}")
    return {c: entry is not None for c, entry in zip(commands, reply)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def modules_of_redis_server(exe: str) -> Dict[str, bool]:
    """Starts `redis-server` the way the tests do (no config file, a free port) and asks which commands it knows."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="benchapp-preflight-redis-") as workdir:
        child = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                  "--dir", workdir], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            while True:
                try:
                    return redis_commands_known("127.0.0.1", port, REDIS_MODULE_COMMANDS)
                except (OSError, ConnectionError, ValueError):
                    if child.poll() is not None or time.monotonic() > deadline:
                        out = child.stdout.read().decode(errors="replace") if child.stdout else ""
                        raise RuntimeError(f"{exe} did not start: {last_line(out)}")
                    time.sleep(0.05)
        finally:
            child.terminate()
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(timeout=5)


def check_redis(report: Report, executors: Sequence[str], module_users: Sequence[str], scope: str) -> None:
    external = os.environ.get("ConnectionStrings__redis", "").strip() if scope == "benchmarks" else ""
    if external:
        why = reachable(external)
        if why is not None:
            report.missing(f"Redis: ConnectionStrings__redis={external} is set but {why}. Get: start that server, or unset it "
                           f"and {GET_REDIS}", executors)
            return
        host, _, port = re.sub(r"^[a-z]+://", "", external.split(",")[0]).split("/")[0].rpartition(":")
        probe = lambda: redis_commands_known(host.strip("[]"), int(port), REDIS_MODULE_COMMANDS)  # noqa: E731
        where = f"ConnectionStrings__redis={external}"
    else:
        exe = shutil.which("redis-server")
        if exe is None:
            report.missing(f"Redis: no redis-server on PATH. Get: {GET_REDIS}", executors)
            return
        probe = lambda: modules_of_redis_server(exe)  # noqa: E731
        where = exe
    report.ok(f"Redis ({where})")
    if not module_users:
        return
    try:
        known = probe()
    except (OSError, RuntimeError, ValueError, ConnectionError) as e:
        report.missing(f"Redis modules: could not ask {where} ({e}). Get: {GET_REDIS_MODULES}", module_users)
        return
    absent = [c for c, ok in known.items() if not ok]
    users = ", ".join(f"{n} ({NEEDS_REDIS_MODULES[n]})" for n in module_users)
    if absent:
        report.missing(f"Redis modules: {where} does not know {', '.join(absent)} (RedisJSON/RediSearch), needed by {users}. "
                       f"Get: {GET_REDIS_MODULES}", module_users)
    else:
        report.ok(f"Redis JSON and Search modules ({', '.join(REDIS_MODULE_COMMANDS)} known), for {users}")


# ---- Python ---------------------------------------------------------------------------------------------------

def venv_interpreter() -> str:
    """The Python the AppHost makes virtualenvs with (PythonInterpreter.Find): BENCHAPP_PYTHON, else /usr/bin/python3."""
    configured = os.environ.get("BENCHAPP_PYTHON", "").strip()
    if configured:
        return configured
    if os.path.exists("/usr/bin/python3"):
        return "/usr/bin/python3"
    return shutil.which("python3") or "python3"


def venvs_directory() -> Path:
    """python-executors/.venvs (the AppHost's layout); BENCHAPP_VENVS_DIR moves it (the preflight's own tests)."""
    configured = os.environ.get("BENCHAPP_VENVS_DIR", "").strip()
    return Path(configured) if configured else PYTHON_EXECUTORS / ".venvs"


def venv_python(name: str) -> Path:
    return venvs_directory() / name / "bin" / "python"


def requirements_met(python: str, requirements: str) -> Tuple[bool, str]:
    code, out = run([python, str(ENSURE_REQUIREMENTS), requirements, "--check"], timeout=60, cwd=PYTHON_EXECUTORS)
    return code == 0, out


class IndexProbe:
    """Whether pip reaches a package index: one `pip download --no-deps` of a small wheel, asked once."""

    def __init__(self, python: str) -> None:
        self.python = python
        self._answer: Optional[Optional[str]] = None
        self._asked = False

    def why_not(self) -> Optional[str]:
        if not self._asked:
            self._asked = True
            self._answer = self._ask()
        return self._answer

    def _ask(self) -> Optional[str]:
        with tempfile.TemporaryDirectory(prefix="benchapp-preflight-pip-") as dest:
            env = dict(os.environ, PIP_FIND_LINKS="", PIP_NO_INPUT="1")  # a local wheel folder proves nothing
            code, out = run([self.python, "-m", "pip", "download", "--no-deps", "--no-cache-dir", "--disable-pip-version-check",
                             "--timeout", "5", "--retries", "0", "--dest", dest, INDEX_PROBE_PACKAGE], timeout=30, env=env)
            if code == 0 and any(Path(dest).iterdir()):
                return None
            return f"`pip download {INDEX_PROBE_PACKAGE}` with {self.python} failed: {last_line(out)}"


def check_python(report: Report, entries: Sequence[dict], scope: str) -> None:
    interpreter = venv_interpreter()
    code, out = run([interpreter, "-c", "import sys, venv, ensurepip; print(sys.version.split()[0])"], timeout=15)
    if code != 0:
        report.missing(f"Python: {interpreter} cannot make virtualenvs ({last_line(out)}). Get: Python 3.11+ with venv "
                       f"(Debian/Ubuntu: apt-get install python3-venv), or set BENCHAPP_PYTHON to one",
                       [e["name"] for e in entries])
        return
    report.ok(f"Python {out.strip()} with venv ({interpreter}; BENCHAPP_PYTHON chooses another)")
    index = IndexProbe(interpreter)
    for entry in entries:
        name, start = entry["name"], entry["start"]
        requirements = [start["requirements"]] + ([TEST_REQUIREMENTS] if scope == "tests" else [])
        python = venv_python(name)
        if python.exists():
            unmet = [r for r in requirements if not requirements_met(str(python), r)[0]]
            if not unmet:
                report.ok(f"{name}: virtualenv {python.parent.parent} has {' and '.join(requirements)}")
                continue
            gap = f"its virtualenv {python.parent.parent} lacks parts of {' and '.join(unmet)}"
        elif start.get("system_site_packages") and all(requirements_met(interpreter, r)[0] for r in requirements):
            report.ok(f"{name}: buildable offline ({interpreter}'s own packages meet {' and '.join(requirements)})")
            continue
        else:
            gap = f"no virtualenv at {python.parent.parent}"
        why = index.why_not()
        if why is None:
            report.ok(f"{name} ({entry['framework']}): {gap}; a package index is reachable, so it will be built")
        else:
            report.missing(f"{name} ({entry['framework']}): {gap}, and no package index is reachable ({why}). Get: {GET_INDEX}",
                           [name])


# ---- Node -----------------------------------------------------------------------------------------------------

def check_node(report: Report, entries: Sequence[dict]) -> None:
    names = [e["name"] for e in entries]
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        absent = " and ".join(n for n, p in (("node", node), ("npm", npm)) if p is None)
        report.missing(f"Node: no {absent} on PATH, needed by {', '.join(names)}. Get: {GET_NODE}", names)
        return
    code, out = run([node, "--version"], timeout=10)
    version = version_tuple(out) if code == 0 else None
    if version is None or version[0] < 20:
        report.missing(f"Node: {node} is {out.strip() or 'unknown'}, needed 20+ by {', '.join(names)}. Get: {GET_NODE}", names)
        return
    report.ok(f"Node {out.strip()} and npm ({node}), for {', '.join(names)}")
    for entry in entries:
        package = REPO / entry["start"]["package"]
        if not (package / "package.json").is_file():
            report.missing(f"{entry['name']}: {package.relative_to(REPO)}/package.json is missing. Get: a checkout that "
                           "includes the Node executor", [entry["name"]])


# ---- .NET -----------------------------------------------------------------------------------------------------

def check_dotnet(report: Report) -> None:
    dotnet = shutil.which("dotnet")
    if dotnet is None:
        report.missing("dotnet: no .NET SDK on PATH. Get: the .NET 10 SDK (https://dot.net)")
        return
    code, out = run([dotnet, "--version"], timeout=30, cwd=REPO)
    version = version_tuple(out) if code == 0 else None
    if version is None or version[0] < 10:
        report.missing(f"dotnet: `dotnet --version` says {last_line(out)}; needed 10+. Get: the .NET 10 SDK (https://dot.net)")
    else:
        report.ok(f".NET SDK {'.'.join(map(str, version))} ({dotnet})")


def preflight(scope: str, only: Sequence[str]) -> Report:
    catalogue = load_catalogue()
    known = [e["name"] for e in catalogue]
    unknown = [n for n in only if n not in known]
    if unknown:
        raise SystemExit(f"preflight: unknown executor(s) {', '.join(unknown)}; known: {', '.join(known)}")
    entries = [e for e in catalogue if not only or e["name"] in only]

    report = Report()
    check_dotnet(report)
    temporal_users = [e["name"] for e in entries if "temporal" in e["needs"]]
    if temporal_users or scope == "tests":  # the .NET Temporal integration tests need a server whatever is selected
        check_temporal(report, temporal_users, scope)
    redis_users = [e["name"] for e in entries if "redis" in e["needs"]]
    if redis_users or scope == "tests":
        check_redis(report, redis_users, [n for n in redis_users if n in NEEDS_REDIS_MODULES], scope)
    python_entries = [e for e in entries if e["start"]["kind"] == "python"]
    if python_entries:
        check_python(report, python_entries, scope)
    node_entries = [e for e in entries if e["start"]["kind"] == "node"]
    if node_entries:
        check_node(report, node_entries)
    return report


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Check every prerequisite of the full matrix (see the module's doc).")
    parser.add_argument("--scope", choices=("tests", "benchmarks"), default="tests")
    parser.add_argument("--executors", default="", help="comma-separated: only these executors (benchmarks)")
    parser.add_argument("--exit-code", type=int, default=None, help="exit code when something is missing (default: 1 for tests, 3 for benchmarks)")
    args = parser.parse_args(argv)
    only = [n.strip() for n in args.executors.split(",") if n.strip()]
    exit_code = args.exit_code if args.exit_code is not None else (3 if args.scope == "benchmarks" else 1)

    started = time.monotonic()
    print(f"== preflight ({args.scope}, require-all): every prerequisite of the full matrix", flush=True)
    report = preflight(args.scope, only)
    for good, text in report.lines:
        print(f"  {'ok     ' if good else 'MISSING'}  {text}")
    took = time.monotonic() - started
    if not report.failed:
        print(f"== preflight: nothing missing ({took:.1f} s)")
        return 0
    missing = sum(1 for good, _ in report.lines if not good)
    if report.unavailable:
        print("== unavailable executors (require-all):")
        for name, reasons in report.unavailable.items():
            short = [r.split(". Get:")[0] for r in reasons]
            own = re.compile(rf"^{re.escape(name)}( \([^)]*\))?: ")  # the line already names this executor
            print(f"  {name}: {'; '.join(own.sub('', r) for r in short)}")
    otherwise = ("the tests that need them are skipped, with the reason" if args.scope == "tests"
                 else "the run measures the other executors and lists these unavailable")
    print(f"== preflight: {missing} prerequisite(s) missing ({took:.1f} s); nothing was run. Without --require-all {otherwise}.")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
