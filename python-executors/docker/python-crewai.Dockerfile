# python-crewai. Build from the repository root (the tools need contracts/):
#   docker build -f python-executors/docker/python-crewai.Dockerfile -t benchapp/python-crewai .
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 PORT=8000 BENCHAPP_DATA_DIR=/data \
    HOME=/data/home XDG_DATA_HOME=/data/share XDG_CACHE_HOME=/data/cache XDG_CONFIG_HOME=/data/config \
    CREWAI_STORAGE_DIR=benchapp-crewai CREWAI_DISABLE_TELEMETRY=true CREWAI_TRACING_ENABLED=false
WORKDIR /app
COPY python-executors/requirements/ requirements/
RUN pip install --no-cache-dir -r requirements/crewai.txt
COPY contracts/ contracts/
COPY python-executors/benchapp_common/ benchapp_common/
COPY python-executors/benchapp_crewai/ benchapp_crewai/
# Every library's home, data and cache dirs are under /data, owned by the unprivileged user (see ENV above and
# docs/frameworks.md: crewAI creates its data dir at import, litellm and the HF tokenizers cache under HOME).
RUN mkdir -p /data && useradd --uid 10001 --create-home --home-dir /data/home bench \
    && mkdir -p /data/share /data/cache /data/config && chown -R bench:bench /data
USER bench
EXPOSE 8000
# The server reads PORT (default 8000) and HOST from the environment: a platform-set $PORT is honoured.
CMD exec python -m benchapp_crewai
