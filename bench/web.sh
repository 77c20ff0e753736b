#!/usr/bin/env bash
# Web benchmark (release build): wrk on 127.0.0.1 against a 10,000-practice generated catalogue.
# For each URL: requests per second, latency, and the server's CPU time per request (from
# /proc/PID/stat), all in the same run, so that pages can be compared with the 404 floor.
# Usage: bench/web.sh [COUNT] [SECONDS]    (defaults: 10000 practices, 8 seconds per URL)
# MOSAIC_BIN=path runs that binary instead of building this tree's (to compare with an earlier commit
# in the same session: build it from a worktree, then run both one after the other).
# MOSAIC_BENCH_DATABASE=postgres://... serves the same catalogue from PostgreSQL (copied there from
# the SQLite file when that database is empty), to compare the two engines in one session.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
seconds=${2:-8}
command -v wrk >/dev/null || { apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
source bench/lib.sh
release_mosaic
db=$(generated_catalogue "$count")
if [ -n "${MOSAIC_BENCH_DATABASE:-}" ]; then
  if ! copied=$("$bin" copy --from "$db" --to "$MOSAIC_BENCH_DATABASE" 2>&1); then
    echo "$copied" | grep -q "is not empty" || { echo "$copied" >&2; exit 1; }
  fi
  db=$MOSAIC_BENCH_DATABASE
fi
port=18080
LOG_LEVEL=error "$bin" serve --database "$db" --port "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
slug=$(curl -fsS "$base/practices?sort=title" | grep -o 'href="/practices/[a-z0-9-]*' | sed 's|href="/practices/||' | awk 'NR==1')
etag=$(curl -fsSI "$base/practices" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

measure() { # name url [header]
  local name=$1 url=$2 header=${3:-}
  curl -fsS -o /dev/null "$url" ${header:+-H "$header"} 2>/dev/null || true
  local before after result requests
  before=$(cpu)
  if [ -n "$header" ]; then
    result=$(wrk -t1 -c8 -d"${seconds}s" --timeout 2s -s bench/wrk-json.lua -H "$header" "$url" | tail -1)
  else
    result=$(wrk -t1 -c8 -d"${seconds}s" --timeout 2s -s bench/wrk-json.lua "$url" | tail -1)
  fi
  after=$(cpu)
  requests=$(echo "$result" | sed 's/.*"requests":\([0-9]*\).*/\1/')
  cpu_us=$(awk -v t=$((after - before)) -v n="$requests" -v hz="$ticks" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
  echo "{\"name\":\"$name\",\"cpu_us_per_request\":$cpu_us,${result#\{}"
}
# Every page is compared with the bare /healthz of the same run (the framework's floor).
results=bench/out/web-results.jsonl
: > "$results"
run() { measure "$@" | tee -a "$results"; }
run "healthz (bare floor)" "$base/healthz"
run "404 page" "$base/no-such-page-$RANDOM"
run "catalogue" "$base/practices"
run "filtered catalogue" "$base/practices?topic=education&country=ES"
run "two-word search, a tenth of the catalogue, all facets" "$base/practices?q=youth+community"
run "search + topic + country" "$base/practices?q=training&topic=education&country=ES"
run "practice page" "$base/practices/$slug"
run "API: catalogue (JSON, 20 whole records, all facets)" "$base/api/v1/practices"
run "API: two-word search (JSON, all facets)" "$base/api/v1/practices?q=youth+community"
run "natural-phrase search (partial matches after full ones)" "$base/practices?q=how+can+young+volunteers+help+newcomers+find+work"
run "API: suggestions while typing" "$base/api/v1/suggest?q=you"
run "304 revalidation" "$base/practices" "If-None-Match: $etag"
run "healthz (again)" "$base/healthz"

# One request at a time, with the request log on (written to /dev/null): what a bare request costs.
kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
LOG_LEVEL=info "$bin" serve --database "$db" --port "$port" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 150); do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break; sleep 0.2; done
single() { # name url
  local before after result requests
  before=$(cpu)
  result=$(wrk -t1 -c1 -d"${seconds}s" --timeout 2s -s bench/wrk-json.lua "$2" | tail -1)
  after=$(cpu)
  requests=$(echo "$result" | sed 's/.*"requests":\([0-9]*\).*/\1/')
  cpu_us=$(awk -v t=$((after - before)) -v n="$requests" -v hz="$ticks" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
  echo "{\"name\":\"$1\",\"cpu_us_per_request\":$cpu_us,${result#\{}"
}
single "healthz, one at a time, request log on" "$base/healthz"

# Each page against the floor: the mean of the two bare /healthz runs (the machine drifts within a run).
python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
floors = [r["cpu_us_per_request"] for r in rows if r["name"].startswith("healthz (")]
floor = sum(floors) / len(floors)
print(f"floor (mean of the healthz runs): {floor:.1f} µs")
for r in rows:
    if not r["name"].startswith("healthz ("):
        print(f'{r["cpu_us_per_request"] / floor:5.1f}×  {r["name"]}')
PY
