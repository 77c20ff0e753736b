#!/usr/bin/env bash
# Start-up benchmark (release build): how long `mosaic serve` takes to build its snapshot of COUNT
# generated practices, read from SQLite and from PostgreSQL, and the server's memory once ready.
# Usage: bench/startup.sh [COUNT] [RUNS]     (defaults: 100000 practices, 3 runs each)
# PostgreSQL: a throwaway cluster is started on port 15488 (ci/postgres.sh) and stopped at the end;
# MOSAIC_BIN=path runs that binary instead of building this tree's.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
runs=${2:-3}
source bench/lib.sh
release_mosaic
sqlite=$(generated_catalogue "$count")
pgdir=$(mktemp -d /tmp/mosaic-bench-pg.XXXXXX)
chmod 755 "$pgdir"
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; ci/postgres.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
pg=$(ci/postgres.sh start "$pgdir" 15488)
psql "$pg" -qc "CREATE DATABASE startup"
pg_db=${pg%/postgres}/startup
copy_start=$(date +%s.%N)
"$bin" copy --from "$sqlite" --to "$pg_db" | tail -n 1
echo "copied $count practices into PostgreSQL in $(awk -v a="$copy_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

# serve until "catalogue ready", then its own figure (seconds=) and the resident memory.
measure() { # label database
  local label=$1 database=$2 log seconds rss
  log=$(mktemp)
  "$bin" serve --database "$database" --port 18181 > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q "catalogue ready" "$log" && break; sleep 0.1; done
  seconds=$(grep -o 'seconds=[0-9.]*' "$log" | head -1 | cut -d= -f2)
  sleep 1
  rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  rm -f "$log"
  echo "{\"database\":\"$label\",\"practices\":$count,\"snapshot_seconds\":$seconds,\"rss_mb\":$rss}"
}
results=bench/out/startup-results.jsonl
: > "$results"
# One start of each first, not reported: the operating system's cache and the fresh cluster's own
# start-up work (autovacuum after the copy) would otherwise weigh on the first runs only.
measure sqlite "$sqlite" > /dev/null
measure postgres "$pg_db" > /dev/null
for run in $(seq 1 "$runs"); do
  measure sqlite "$sqlite" | tee -a "$results"
  measure postgres "$pg_db" | tee -a "$results"
done
