"""BENCHAPP_REQUIRE_ALL=1 turns every skip into a failure (tests/conftest.py); without it a skip stays a skip.
Run as a separate pytest on a throwaway test folder whose conftest uses our hooks, so the outcome is pytest's own."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import frameworks
from tests.support.processes import PYTHON_EXECUTORS

SAMPLE = '''
import pytest

@pytest.fixture
def needs_something():
    pytest.skip("no such dependency here")

def test_skips_in_its_body():
    pytest.skip("framework not importable")

def test_skips_in_a_fixture(needs_something):
    pass

def test_passes():
    assert True

@pytest.mark.xfail(reason="known", strict=True)
def test_expected_failure():
    assert False
'''


def run_sample(tmp_path: Path, require_all: bool, module_skip: bool = False) -> subprocess.CompletedProcess:
    (tmp_path / "conftest.py").write_text("from tests.conftest import pytest_make_collect_report, pytest_runtest_makereport\n")
    (tmp_path / "test_sample.py").write_text(SAMPLE)
    if module_skip:
        (tmp_path / "test_module_skip.py").write_text("import pytest\npytest.skip('whole module', allow_module_level=True)\n")
    env = {k: v for k, v in os.environ.items() if k != "BENCHAPP_REQUIRE_ALL"}
    env["PYTHONPATH"] = str(PYTHON_EXECUTORS) + os.pathsep + env.get("PYTHONPATH", "")
    if require_all:
        env["BENCHAPP_REQUIRE_ALL"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-c", os.devnull,
                           "--rootdir", str(tmp_path), str(tmp_path)],
                          capture_output=True, text=True, timeout=120, env=env)


def test_without_the_flag_skips_stay_skips(tmp_path):
    done = run_sample(tmp_path, require_all=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 2 skipped, 1 xfailed" in done.stdout


def test_with_the_flag_every_skip_fails_and_names_its_reason(tmp_path):
    done = run_sample(tmp_path, require_all=True)
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    assert "1 failed, 1 passed, 1 xfailed, 1 error" in out, out  # a skip in the body fails, one in a fixture errors
    assert "skipped" not in out.splitlines()[-1], out
    for reason in ("framework not importable", "no such dependency here"):
        assert reason in out
    assert "failed because BENCHAPP_REQUIRE_ALL=1" in out


def test_with_the_flag_a_module_level_skip_stops_the_run(tmp_path):
    done = run_sample(tmp_path, require_all=True, module_skip=True)
    assert done.returncode == 2, done.stdout + done.stderr  # pytest: interrupted by a collection error
    assert "whole module" in done.stdout and "failed because BENCHAPP_REQUIRE_ALL=1" in done.stdout


def test_framework_selection_follows_the_variable_then_the_venv():
    known = ["langgraph", "google-adk", "crewai"]
    venvs = PYTHON_EXECUTORS / ".venvs"
    assert frameworks.selected(known, {"BENCHAPP_FRAMEWORKS": "crewai"}, "/usr") == ["crewai"]
    assert frameworks.selected(known, {}, str(venvs / "python-adk")) == ["google-adk"]
    assert frameworks.selected(known, {}, str(venvs / "python-langgraph")) == ["langgraph"]
    assert frameworks.selected(known, {}, "/usr") == known  # Debian's Python: all, each skipped when not importable
    assert frameworks.selected(known, {}, str(venvs / "python-baseline")) == known  # no adapter of its own
    with pytest.raises(ValueError, match="BENCHAPP_FRAMEWORKS names nope"):
        frameworks.selected(known, {"BENCHAPP_FRAMEWORKS": "nope"}, "/usr")
