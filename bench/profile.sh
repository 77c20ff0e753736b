#!/usr/bin/env bash
# Where a page's time goes: perf samples the release server while wrk requests PATH, then prints the
# functions with the largest inclusive share. Usage: bench/profile.sh PATH [COUNT]   (after bench/web.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
path=${1:-/practices}
count=${2:-10000}
command -v perf >/dev/null || apt-get install -y -qq --no-install-recommends linux-perf >/dev/null
source bench/lib.sh
release_mosaic
db=bench/out/web-$count.sqlite
[ -s "$db" ] || { echo "run bench/web.sh $count first (it makes $db)"; exit 1; }
port=18091
LOG_LEVEL=error "$bin" serve --database "$db" --port "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break; sleep 0.2; done
wrk -t1 -c8 -d10s "http://127.0.0.1:$port$path" >/dev/null &
load=$!
sleep 1
perf record -F 2000 -g -p "$pid" -o bench/out/perf.data -- sleep 7 >/dev/null 2>&1
wait "$load"
perf report -i bench/out/perf.data --children --percent-limit 2 --stdio -g none 2>/dev/null | grep -E "^ +[0-9]" \
  | grep -v "\[k\]\|start_thread\|dispatch\|swift_job_run\|runJobInEstablished\|NIO-SGLTN\|thunk for" | swift demangle --simplified | cut -c1-160 | head -45
