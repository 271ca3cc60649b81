"""Which executor the conformance suite checks.

EXECUTOR_URL=http://host:port  -> that executor (any language). Set MOCK_LLM_URL to the mock LLM it uses to
                                  enable the fault tests (502/504); CONFORMANCE_HANG=1 when its LLM timeout
                                  is short enough to test a hanging LLM (else that test is skipped).
unset                          -> python-baseline, started here on redis-server and the BenchApp.MockLlm build.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

import httpx
import pytest

from tests.conftest import MockAdmin, env_flag


@dataclass
class Target:
    url: str
    http: httpx.Client
    admin: Optional[MockAdmin]
    can_test_hang: bool


@pytest.fixture(scope="session")
def target(request: pytest.FixtureRequest) -> Target:
    url = os.environ.get("EXECUTOR_URL")
    if url:
        mock = os.environ.get("MOCK_LLM_URL")
        return Target(url.rstrip("/"), httpx.Client(base_url=url, timeout=60), MockAdmin(mock) if mock else None,
                      env_flag("CONFORMANCE_HANG"))
    baseline = request.getfixturevalue("baseline_url")
    stack = request.getfixturevalue("stack")
    return Target(baseline, httpx.Client(base_url=baseline, timeout=60), MockAdmin(stack.mock_url), True)


@pytest.fixture
def admin(target: Target) -> MockAdmin:
    if target.admin is None:
        pytest.skip("fault tests need the mock LLM's admin API: set MOCK_LLM_URL to the mock this executor uses")
    return target.admin
