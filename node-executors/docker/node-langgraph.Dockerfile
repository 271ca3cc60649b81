# node-langgraph. Build from the repository root (the executor reads contracts/):
#   docker build -f node-executors/docker/node-langgraph.Dockerfile -t benchapp/node-langgraph .
FROM node:20-bookworm-slim
# better-sqlite3 compiles when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000 BENCHAPP_DATA_DIR=/data HOME=/data
WORKDIR /app
COPY contracts/ contracts/
COPY node-executors/common/ node-executors/common/
COPY node-executors/langgraph/package.json node-executors/langgraph/package-lock.json node-executors/langgraph/.npmrc node-executors/langgraph/
COPY node-executors/tools/ node-executors/tools/
RUN cd node-executors/langgraph && node ../tools/ensure-modules.mjs
COPY node-executors/langgraph/src/ node-executors/langgraph/src/
RUN useradd --uid 10001 --create-home bench && mkdir -p /data && chown bench /data
USER bench
WORKDIR /app/node-executors/langgraph
EXPOSE 8000
CMD ["node", "src/main.js"]
