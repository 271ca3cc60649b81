"""Every module compiles on this interpreter, including the framework adapters that cannot be imported here."""
import py_compile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(p for pkg in ("benchapp_common", "benchapp_baseline", "benchapp_langgraph", "benchapp_adk",
                               "benchapp_crewai", "tools") for p in (ROOT / pkg).glob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_compiles(path, tmp_path):
    py_compile.compile(str(path), cfile=str(tmp_path / "out.pyc"), doraise=True)


def test_every_executor_package_has_a_main():
    for pkg in ("benchapp_baseline", "benchapp_langgraph", "benchapp_adk", "benchapp_crewai"):
        assert (ROOT / pkg / "__main__.py").is_file()
