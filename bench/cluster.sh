#!/usr/bin/env bash
# Cluster benchmark: two `mosaic serve` instances on one database behind nginx (the set-up of
# ci/cluster/run.sh, from ci/cluster/start.sh), loaded by wrk through nginx (2 threads, 16 connections,
# a mix of the home page, a search and a practice page: bench/cluster-mix.lua) while an editor publishes
# one practice a second through nginx (bench/cluster_publisher.py) and each instance is polled directly
# to measure when it shows each publication.
#
# Usage: bench/cluster.sh MOSAIC_BINARY DATABASE_URL [SECONDS]    (default 20 s of load)
# Reports wrk's requests/s, latency percentiles, non-2xx answers and socket errors; how nginx shared
# the load between the instances; publications made; publications lost (never seen on an instance
# within 5 s); median, p90 and max convergence delay per instance and until both show a publication
# (delays count from the arrival of the publish answer). The report goes to stdout and to
# bench/out/cluster.txt; logs and measurements to bench/out/cluster-run/.
# Environment: PORT_BASE (default 19120), READY_PATH (default /readyz).
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
MOSAIC=$(realpath "$1")
DATABASE_URL=$2
case "$DATABASE_URL" in *://*) ;; *) DATABASE_URL=$(realpath -m "$DATABASE_URL") ;; esac
DURATION=${3:-20}
cd "$(dirname "$0")/.."
[ -x "$MOSAIC" ] || { echo "not an executable: $MOSAIC" >&2; exit 2; }
[ "$DURATION" -ge 3 ] || { echo "SECONDS must be at least 3" >&2; exit 2; }
command -v wrk > /dev/null || { apt-get install -y -qq --no-install-recommends wrk > /dev/null; }
mkdir -p bench/out
WORKDIR="$PWD/bench/out/cluster-run"
rm -rf "$WORKDIR"
PORT_BASE=${PORT_BASE:-19120}

source ci/cluster/start.sh
WRK_PID=""
stop_all() {
  if [ -n "$WRK_PID" ]; then kill "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; fi
  cluster_stop
}
trap stop_all EXIT
cluster_start

# The practices to publish are submitted before the load, so that the load measures publishing only:
# one a second from 0.5 s into the load until 1 s before its end.
publications=$((DURATION - 1))
python3 bench/cluster_publisher.py prepare --nginx "$NGINX_URL" --count "$publications" --state "$WORKDIR/publisher-state.json"

cluster_log "load: wrk -t2 -c16 for ${DURATION} s through nginx, publishing $publications practices meanwhile"
wrk -t2 -c16 -d"${DURATION}s" --timeout 5s -s bench/cluster-mix.lua "$NGINX_URL/" > "$WORKDIR/wrk.txt" 2>&1 &
WRK_PID=$!
sleep 0.5
set +e
python3 bench/cluster_publisher.py publish --nginx "$NGINX_URL" --instance "$INSTANCE1_URL" --instance "$INSTANCE2_URL" \
  --state "$WORKDIR/publisher-state.json" --count "$publications" --report "$WORKDIR/publisher.json" > "$WORKDIR/publisher.txt" 2>&1
publisher_status=$?
wait "$WRK_PID"
wrk_status=$?
set -e
WRK_PID=""
sleep 1.2   # nginx flushes its access log every second

# How nginx shared the requests: the instance that gave each answer (the last address when it retried).
share() {
  awk -v one="127.0.0.1:$INSTANCE1_PORT" -v two="127.0.0.1:$INSTANCE2_PORT" '
    match($0, /upstream="[^"]*"/) {
      n = split(substr($0, RSTART + 10, RLENGTH - 11), a, ", "); last = a[n]
      if (last == one) c1++; else if (last == two) c2++; else other++
      if (n > 1) retried++
    }
    END { total = c1 + c2 + other; if (total == 0) total = 1
          printf "  nginx sent %d requests to instance 1 (%.0f%%), %d to instance 2 (%.0f%%); retried on the other: %d\n",
                 c1, 100 * c1 / total, c2, 100 * c2 / total, retried + 0 }' "$NGINX_DIR/access.log"
}

{
  echo "Mosaic cluster benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores"
  echo "  binary $MOSAIC; database $DATABASE_URL"
  echo "  nginx $NGINX_URL → instance 1 $INSTANCE1_URL, instance 2 $INSTANCE2_URL; wrk -t2 -c16 -d${DURATION}s, mix: /, /practices?q=welcome, /practices/anti-rumour-network"
  grep -A3 '^== wrk summary' "$WORKDIR/wrk.txt" || { echo "== wrk gave no summary (exit $wrk_status):"; tail -n 20 "$WORKDIR/wrk.txt"; }
  share
  cat "$WORKDIR/publisher.txt"
} | tee bench/out/cluster.txt

[ "$wrk_status" -eq 0 ] || { echo "wrk failed (exit $wrk_status)"; exit 1; }
[ "$publisher_status" -eq 0 ] || { echo "the publisher failed (exit $publisher_status)"; cluster_show_logs; exit 1; }
