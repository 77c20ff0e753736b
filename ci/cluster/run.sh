#!/usr/bin/env bash
# Two `mosaic serve` instances on one database behind nginx, checked end to end by ci/cluster/check.py:
# a contributor's submission and an editor's publication through nginx, sessions valid on both
# instances, both instances showing a publication within 1 s, the same ETag on both, and no failed
# request through nginx while one instance is SIGKILLed.
#
# Usage: ci/cluster/run.sh MOSAIC_BINARY DATABASE_URL WORKDIR [CHECK_OPTION...]
#   MOSAIC_BINARY  the mosaic to run (for example .build/debug/mosaic)
#   DATABASE_URL   the database both instances share: a PostgreSQL URL, or a SQLite path
#   WORKDIR        where the logs go (instance1.log, instance2.log, nginx/, check.log); kept afterwards
#   CHECK_OPTION   passed on to check.py: --max-delay SECONDS (default 1) for the convergence limit;
#                  --sync-not-required for a binary from before multi-instance sync (the convergence
#                  checks are then measured but do not fail)
# Environment: PORT_BASE (default 19100: nginx, the instances on +1 and +2), READY_PATH (default /readyz).
# Exits with check.py's status; everything it started is stopped on exit.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
# Paths given relative to the caller's folder are made absolute before moving to the repository root.
MOSAIC=$(realpath "$1")
DATABASE_URL=$2
case "$DATABASE_URL" in *://*) ;; *) DATABASE_URL=$(realpath -m "$DATABASE_URL") ;; esac
WORKDIR=$(realpath -m "$3")
shift 3
cd "$(dirname "$0")/../.."
[ -x "$MOSAIC" ] || { echo "not an executable: $MOSAIC" >&2; exit 2; }

source ci/cluster/start.sh
trap cluster_stop EXIT
cluster_start

# The check itself. Instance 1's process id is given so that the check can SIGKILL it mid-load.
# (The block's stderr goes to /dev/null only to hide bash's "Killed" notice about instance 1, which the
# kill test causes on purpose; check.py's own errors go through the pipe to the log.)
set +e
{
  python3 ci/cluster/check.py --nginx "$NGINX_URL" --instance "$INSTANCE1_URL" --instance "$INSTANCE2_URL" \
    --kill-pid "$INSTANCE1_PID" --access-log "$NGINX_DIR/access.log" "$@" 2>&1 | tee "$WORKDIR/check.log"
  status=${PIPESTATUS[0]}
} 2> /dev/null
set -e
if [ "$status" -ne 0 ]; then
  cluster_show_logs
  echo "cluster check failed (exit $status); logs in $WORKDIR"
else
  echo "cluster check passed; logs in $WORKDIR"
fi
exit "$status"
