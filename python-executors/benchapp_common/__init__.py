"""Shared server layer of the BenchApp Python executors: the HTTP contract of docs/executor-api.md,
configuration from the environment Aspire passes, the bench tools, run accounting and telemetry.

Importing this package imports nothing heavy; each module pulls in only what it needs, so
`tools/ensure_requirements.py` and the tool vectors run without FastAPI installed.
"""
