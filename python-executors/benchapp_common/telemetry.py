"""OpenTelemetry from the OTEL_* variables Aspire passes (WithOtlpExporter), when the packages are importable.

Without them (Debian's Python here) every helper is a no-op and one notice is logged. Spans follow the
GenAI semantic conventions: `invoke_agent {executor}`, `chat {model}`, `execute_tool {tool}`.
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from typing import Any, Iterator, Optional

log = logging.getLogger("benchapp.telemetry")

_tracer: Any = None
_duration: Any = None
_tokens: Any = None
status = "not configured"


def setup(service_name: str, app: Any = None, env: Optional[dict] = None) -> str:
    """Configure traces and metrics (and FastAPI/httpx instrumentation when installed). Returns a status line."""
    global _tracer, _duration, _tokens, status
    env = dict(os.environ) if env is None else env
    endpoint = env.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    if not endpoint:
        status = "off (OTEL_EXPORTER_OTLP_ENDPOINT is not set)"
        log.info("OpenTelemetry %s", status)
        return status
    try:
        from opentelemetry import metrics, trace
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError as e:
        status = f"off (OpenTelemetry packages are not importable: {e.name}; install requirements/otel.txt)"
        log.warning("OpenTelemetry %s; OTEL_EXPORTER_OTLP_ENDPOINT=%s is ignored", status, endpoint)
        return status

    protocol = (env.get("OTEL_EXPORTER_OTLP_PROTOCOL") or "grpc").lower()
    try:
        if protocol == "grpc":
            from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
        else:
            from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError as e:
        status = f"off (no OTLP exporter for protocol '{protocol}': {e.name})"
        log.warning("OpenTelemetry %s", status)
        return status

    # Resource.create reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES; the exporters read the
    # endpoint, headers (x-otlp-api-key) and certificate variables themselves.
    resource = Resource.create({} if env.get("OTEL_SERVICE_NAME") else {"service.name": service_name})
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(tracer_provider)
    meter_provider = MeterProvider(resource=resource, metric_readers=[PeriodicExportingMetricReader(OTLPMetricExporter())])
    metrics.set_meter_provider(meter_provider)

    _tracer = trace.get_tracer("benchapp.executor")
    meter = metrics.get_meter("benchapp.executor")
    _duration = meter.create_histogram("gen_ai.client.operation.duration", unit="s",
                                       description="GenAI operation duration")
    _tokens = meter.create_histogram("gen_ai.client.token.usage", unit="{token}",
                                     description="Tokens used per LLM call")
    instrumented = _instrument(app)
    status = f"on (OTLP {protocol} to {endpoint}; instrumented: {', '.join(instrumented) or 'none'})"
    log.info("OpenTelemetry %s", status)
    return status


def _instrument(app: Any) -> list:
    done = []
    try:
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
        if app is not None:
            FastAPIInstrumentor.instrument_app(app, excluded_urls="health,alive")
            done.append("fastapi")
    except ImportError:
        pass
    try:
        from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
        HTTPXClientInstrumentor().instrument()
        done.append("httpx")
    except ImportError:
        pass
    try:
        from opentelemetry.instrumentation.system_metrics import SystemMetricsInstrumentor
        SystemMetricsInstrumentor().instrument()
        done.append("process-metrics")
    except ImportError:
        pass
    return done


@contextmanager
def span(name: str, **attributes: Any) -> Iterator[Any]:
    if _tracer is None:
        yield None
        return
    with _tracer.start_as_current_span(name, attributes={k: v for k, v in attributes.items() if v is not None}) as s:
        yield s


def record_llm_call(seconds: float, model: str, input_tokens: int, output_tokens: int) -> None:
    if _duration is None:
        return
    attrs = {"gen_ai.operation.name": "chat", "gen_ai.request.model": model}
    _duration.record(seconds, attrs)
    _tokens.record(input_tokens, {**attrs, "gen_ai.token.type": "input"})
    _tokens.record(output_tokens, {**attrs, "gen_ai.token.type": "output"})
