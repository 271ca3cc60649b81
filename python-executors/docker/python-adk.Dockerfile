# python-adk. Build from the repository root (the tools need contracts/):
#   docker build -f python-executors/docker/python-adk.Dockerfile -t benchapp/python-adk .
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 PORT=8000 BENCHAPP_DATA_DIR=/data
WORKDIR /app
COPY python-executors/requirements/ requirements/
RUN pip install --no-cache-dir -r requirements/adk.txt
COPY contracts/ contracts/
COPY python-executors/benchapp_common/ benchapp_common/
COPY python-executors/benchapp_adk/ benchapp_adk/
RUN useradd --uid 10001 --no-create-home bench && mkdir -p /data && chown bench /data
USER bench
EXPOSE 8000
# The server reads PORT (default 8000) and HOST from the environment: a platform-set $PORT is honoured.
CMD exec python -m benchapp_adk
