import importlib.util
import logging

from benchapp_common import telemetry


def test_off_without_endpoint():
    assert telemetry.setup("x", env={}).startswith("off (OTEL_EXPORTER_OTLP_ENDPOINT")


def test_notice_when_packages_missing(caplog):
    if importlib.util.find_spec("opentelemetry") is not None:
        import pytest
        pytest.skip("opentelemetry is installed here; the notice path is for machines without it")
    with caplog.at_level(logging.WARNING, logger="benchapp.telemetry"):
        status = telemetry.setup("x", env={"OTEL_EXPORTER_OTLP_ENDPOINT": "http://localhost:4317"})
    assert "not importable" in status
    assert any("not importable" in r.getMessage() for r in caplog.records)


def test_span_is_a_no_op_when_off():
    with telemetry.span("invoke_agent x", attr=None) as s:
        assert s is None
    telemetry.record_llm_call(0.1, "m", 1, 2)
