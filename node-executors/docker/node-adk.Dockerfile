# node-adk. Build from the repository root (the executor reads contracts/):
#   docker build -f node-executors/docker/node-adk.Dockerfile -t benchapp/node-adk .
FROM node:20-bookworm-slim
# better-sqlite3 compiles when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000 BENCHAPP_DATA_DIR=/data HOME=/data
WORKDIR /app
COPY contracts/ contracts/
COPY node-executors/common/ node-executors/common/
COPY node-executors/adk/package.json node-executors/adk/package-lock.json node-executors/adk/.npmrc node-executors/adk/
COPY node-executors/tools/ node-executors/tools/
RUN cd node-executors/adk && node ../tools/ensure-modules.mjs
COPY node-executors/adk/src/ node-executors/adk/src/
RUN useradd --uid 10001 --create-home bench && mkdir -p /data && chown bench /data
USER bench
WORKDIR /app/node-executors/adk
EXPOSE 8000
CMD ["node", "src/main.js"]
