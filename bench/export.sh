#!/usr/bin/env bash
# Export benchmark (release build): the server streams /practices.jsonl and /practices.csv of a
# generated catalogue to a client on loopback; reported are practices per second and how much the
# server's resident memory grew during the export (VmHWM, the peak, against VmRSS before it).
# Usage: bench/export.sh [COUNT]   (default 100000; the database is made once, in bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
source bench/lib.sh
release_mosaic
db=$(generated_catalogue "$count")
port=18093
LOG_LEVEL=error "$bin" serve --database "$db" --port "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break; sleep 0.2; done
kb() { awk -v key="$1:" '$1 == key {print $2}' "/proc/$pid/status"; }
# A warm-up request, then reset the peak (writing 5 to clear_refs resets VmHWM to the current RSS).
curl -fsS -o /dev/null "http://127.0.0.1:$port/practices.jsonl?q=youth"
for format in jsonl csv; do
  echo 5 > "/proc/$pid/clear_refs" 2>/dev/null || true
  before=$(kb VmRSS)
  start=$(date +%s.%N)
  result=$(curl -fsS -o /dev/null -D bench/out/export-headers.txt -w '%{size_download}' "http://127.0.0.1:$port/practices.$format")
  end=$(date +%s.%N)
  peak=$(kb VmHWM)
  # The published practices written (the generated catalogue also holds drafts).
  written=$(tr -d '\r' < bench/out/export-headers.txt | awk -F': ' 'tolower($1) == "x-total-count" {print $2}')
  awk -v f="$format" -v n="$written" -v s="$start" -v e="$end" -v b="$result" -v r0="$before" -v r1="$peak" 'BEGIN {
    printf "{\"format\":\"%s\",\"practices\":%d,\"seconds\":%.2f,\"practices_per_second\":%d,\"megabytes\":%.1f,\"rss_before_mb\":%.1f,\"rss_peak_mb\":%.1f,\"rss_growth_mb\":%.1f}\n",
      f, n, e - s, n / (e - s), b / 1e6, r0 / 1024, r1 / 1024, (r1 - r0) / 1024 }'
done
