#!/usr/bin/env python3
"""Install a requirements file into the running interpreter's environment, unless it is already satisfied.

Used by the AppHost's `<name>-install` step (and by hand). Why not just `pip install -r`: pip re-resolves the
dependencies of packages that are already installed, and Debian's python3-fastapi 0.92 declares
starlette<0.26 while Debian ships 0.26.1, so pip goes to the network for a requirement that is in fact
met, and fails offline. Checking the top-level requirements (and their extras) against the installed
distributions first keeps an up-to-date environment offline-safe; anything missing goes to pip as usual.

    python tools/ensure_requirements.py requirements/baseline.txt [--stamp FILE --hash HEX] [--check]

Only the standard library (plus `packaging`, or pip's vendored copy) is needed: it runs in a fresh venv.
Exit code: 0 satisfied or installed; pip's exit code when pip fails; 1 with --check when something is missing.
"""
from __future__ import annotations

import argparse
import importlib.metadata as md
import os
import subprocess
import sys
from pathlib import Path
from typing import List, Optional, Set, Tuple

try:
    from packaging.requirements import InvalidRequirement, Requirement
except ImportError:  # a bare venv has pip's vendored copy
    from pip._vendor.packaging.requirements import InvalidRequirement, Requirement  # type: ignore


def read_requirements(path: Path, seen: Optional[Set[Path]] = None) -> List[str]:
    """Requirement lines of a file, following -r/--requirement includes (options and -c are skipped)."""
    seen = seen if seen is not None else set()
    path = path.resolve()
    if path in seen:
        return []
    seen.add(path)
    lines: List[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        for flag in ("-r ", "--requirement ", "--requirement="):
            if line.startswith(flag):
                lines += read_requirements(path.parent / line[len(flag):].strip(), seen)
                break
        else:
            if not line.startswith("-"):
                lines.append(line)
    return lines


def unmet(requirements: List[str]) -> List[Tuple[str, str]]:
    """(requirement, why) for each requirement the installed distributions do not meet."""
    problems: List[Tuple[str, str]] = []
    for text in requirements:
        try:
            req = Requirement(text)
        except InvalidRequirement as e:
            problems.append((text, f"cannot parse: {e}"))
            continue
        problems += _check(req, extra=None, depth=0)
    return problems


def _check(req: "Requirement", extra: Optional[str], depth: int) -> List[Tuple[str, str]]:
    env = {"extra": extra or ""}
    if req.marker is not None and not req.marker.evaluate(env):
        return []
    try:
        installed = md.version(req.name)
    except md.PackageNotFoundError:
        return [(str(req), "not installed")]
    if req.specifier and not req.specifier.contains(installed, prereleases=True):
        return [(str(req), f"{installed} is installed")]
    problems: List[Tuple[str, str]] = []
    if req.extras and depth < 2:  # the extra's own requirements must be there too
        for dep in md.requires(req.name) or []:
            dep_req = Requirement(dep)
            for name in req.extras:
                if dep_req.marker is not None and dep_req.marker.evaluate({"extra": name}) and \
                        not dep_req.marker.evaluate({"extra": ""}):
                    problems += _check(Requirement(str(dep_req).split(";")[0]), None, depth + 1)
    return problems


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("requirements", type=Path)
    parser.add_argument("--stamp", type=Path, help="file that records the hash of the installed requirements")
    parser.add_argument("--hash", help="hash of the requirements (written to --stamp on success)")
    parser.add_argument("--check", action="store_true", help="only report; never run pip")
    args = parser.parse_args(argv)

    print(f"Python {sys.version.split()[0]} at {sys.executable}; requirements {args.requirements}", flush=True)
    missing = unmet(read_requirements(args.requirements))
    if not missing:
        print("All requirements are already satisfied by installed packages.", flush=True)
        _write_stamp(args)
        return 0
    for req, why in missing:
        print(f"  needs {req}: {why}", flush=True)
    if args.check:
        return 1
    command = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--retries", "2",
               "-r", str(args.requirements)]
    print("Running: " + " ".join(command), flush=True)
    code = subprocess.call(command, env=dict(os.environ, PIP_NO_INPUT="1"))
    if code == 0:
        _write_stamp(args)
    else:
        print(f"pip install failed with exit code {code} (no package index reachable?). "
              "The executor that needs these packages cannot start.", file=sys.stderr, flush=True)
    return code


def _write_stamp(args: argparse.Namespace) -> None:
    if args.stamp and args.hash:
        tmp = args.stamp.with_suffix(args.stamp.suffix + ".tmp")
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(args.hash + "\n", encoding="utf-8")
        os.replace(tmp, args.stamp)


if __name__ == "__main__":
    sys.exit(main())
