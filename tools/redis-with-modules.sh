#!/usr/bin/env bash
# Makes the `redis-server` on PATH one that has the JSON and Search modules (python-langgraph's AsyncRedisSaver needs
# them), started the way the tests start it: no config file. Redis 8 packages ship the modules as .so files loaded by
# their config file, so a bare `redis-server --port N` may lack them; then this writes BIN_DIR/redis-server, a wrapper
# that adds --loadmodule for each, and checks again. Put BIN_DIR first on PATH (the workflow appends it to GITHUB_PATH).
#   tools/redis-with-modules.sh BIN_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir="${1:?usage: tools/redis-with-modules.sh BIN_DIR}"
python="${BENCHAPP_PYTHON:-python3}"

knows_modules() {
  "$python" -c 'import sys; sys.path.insert(0, "tools"); import preflight
known = preflight.modules_of_redis_server(sys.argv[1]); print(known); sys.exit(0 if all(known.values()) else 1)' "$1"
}

real=$(command -v redis-server) || { echo "redis-with-modules: no redis-server on PATH" >&2; exit 1; }
echo "redis-server: $real ($("$real" --version))"
if knows_modules "$real"; then echo "redis-server already has the JSON and Search modules"; exit 0; fi

modules=()
for dir in /usr/lib/redis/modules /usr/local/lib/redis/modules /opt/redis-stack/lib \
           $(dpkg -L redis redis-server 2>/dev/null | grep -E '\.so$' | xargs -r -n1 dirname | sort -u); do
  [ -d "$dir" ] || continue
  # JSON before Search: the Search module uses JSON documents when both are there.
  for so in "$dir"/*json*.so "$dir"/*search*.so; do [ -f "$so" ] && modules+=("$so"); done
  [ ${#modules[@]} -gt 0 ] && break
done
if [ ${#modules[@]} -eq 0 ]; then
  echo "redis-with-modules: no JSON/Search module files found next to $real (install Redis 8 from its official apt repository)" >&2
  exit 1
fi

mkdir -p "$bin_dir"
{
  echo '#!/bin/sh'
  echo "# Written by tools/redis-with-modules.sh: $real plus the JSON and Search modules."
  printf 'exec %q "$@"' "$real"
  for so in "${modules[@]}"; do printf ' --loadmodule %q' "$so"; done
  echo
} > "$bin_dir/redis-server"
chmod +x "$bin_dir/redis-server"
echo "wrote $bin_dir/redis-server: ${modules[*]}"
knows_modules "$bin_dir/redis-server" || { echo "redis-with-modules: the wrapper still lacks the modules" >&2; exit 1; }
