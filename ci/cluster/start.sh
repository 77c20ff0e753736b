# Set-up shared by ci/cluster/run.sh and bench/cluster.sh (sourced, not run): two `mosaic serve`
# instances on one database, behind nginx. Written once so that the check and the benchmark measure the
# same thing.
#
# Before sourcing, set:
#   MOSAIC        the mosaic binary (absolute path)
#   DATABASE_URL  the database both instances share (a PostgreSQL URL, or a SQLite path)
#   WORKDIR       a folder for logs and nginx's files (absolute path; created)
# and optionally:
#   PORT_BASE     nginx listens on PORT_BASE, the instances on PORT_BASE+1 and PORT_BASE+2 (default 19100)
#   READY_PATH    what answers 200 when an instance is ready to serve (default /readyz)
#
# Then call `cluster_start` (and `cluster_stop` from an EXIT trap). It sets:
#   NGINX_URL INSTANCE1_URL INSTANCE2_URL INSTANCE1_PID INSTANCE2_PID NGINX_PID NGINX_DIR
#   and exports the accounts' addresses and passwords (CONTRIBUTOR_EMAIL, CONTRIBUTOR_PASSWORD,
#   EDITOR_EMAIL, EDITOR_PASSWORD, ADMIN_EMAIL, ADMIN_PASSWORD) for the Python scripts.
# The current folder must be the repository's root (the sample file is read from there).

PORT_BASE=${PORT_BASE:-19100}
READY_PATH=${READY_PATH:-/readyz}
NGINX_PORT=$PORT_BASE
INSTANCE1_PORT=$((PORT_BASE + 1))
INSTANCE2_PORT=$((PORT_BASE + 2))
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
INSTANCE1_URL="http://127.0.0.1:$INSTANCE1_PORT"
INSTANCE2_URL="http://127.0.0.1:$INSTANCE2_PORT"
NGINX_DIR="$WORKDIR/nginx"
INSTANCE1_PID="" INSTANCE2_PID="" NGINX_PID=""

# Accounts made for this run. The addresses carry a run number, so that a database that is used again
# (a PostgreSQL database kept between runs) takes new accounts instead of refusing known addresses.
CLUSTER_RUN=${CLUSTER_RUN:-$(date +%s)$$}
export CONTRIBUTOR_EMAIL="ana.$CLUSTER_RUN@lisboa.example" CONTRIBUTOR_PASSWORD="contributor pass 1"
export EDITOR_EMAIL="ed.$CLUSTER_RUN@example.org" EDITOR_PASSWORD="editor pass 12"
export ADMIN_EMAIL="root.$CLUSTER_RUN@example.org" ADMIN_PASSWORD="admin pass 123"
# Both instances sign the anti-forgery token of visitors not signed in with this secret: a sign-in
# form fetched from one instance is then accepted when nginx sends the form to the other.
export MOSAIC_SECRET="${MOSAIC_SECRET:-$(head -c 32 /dev/urandom | base64)}"

cluster_log() { printf '[cluster %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# True when something already listens on 127.0.0.1:PORT.
cluster_port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the end of each log of the run, to see why something failed.
cluster_show_logs() {
  local file
  for file in "$WORKDIR/instance1.log" "$WORKDIR/instance2.log" "$NGINX_DIR/error.log"; do
    [ -s "$file" ] || continue
    echo "--- last lines of $file"
    tail -n 15 "$file"
  done
}

cluster_fail() { echo "cluster set-up failed: $*" >&2; cluster_show_logs >&2; exit 1; }

# The accounts, made as an administrator would (password on standard input), and the sample practices.
# The sample is imported once, before any instance starts: two `serve --sample` on an empty database
# would both load it at the same time.
cluster_prepare_database() {
  "$MOSAIC" import --database "$DATABASE_URL" Sources/MosaicStore/Resources/sample/practices.jsonl \
    > "$WORKDIR/import.log" 2>&1 || { cat "$WORKDIR/import.log" >&2; cluster_fail "importing the sample practices"; }
  cluster_log "sample practices: $(tail -n 1 "$WORKDIR/import.log")"
  printf '%s\n' "$CONTRIBUTOR_PASSWORD" | "$MOSAIC" users add --database "$DATABASE_URL" \
    --email "$CONTRIBUTOR_EMAIL" --name "Ana Costa" --role contributor --city Lisbon > /dev/null
  printf '%s\n' "$EDITOR_PASSWORD" | "$MOSAIC" users add --database "$DATABASE_URL" \
    --email "$EDITOR_EMAIL" --name "Edith Editor" --role editor > /dev/null
  printf '%s\n' "$ADMIN_PASSWORD" | "$MOSAIC" users add --database "$DATABASE_URL" \
    --email "$ADMIN_EMAIL" --name "Ada Admin" --role admin > /dev/null
  cluster_log "accounts: $CONTRIBUTOR_EMAIL (contributor, Lisbon), $EDITOR_EMAIL (editor), $ADMIN_EMAIL (admin)"
}

# cluster_start_instance NUMBER PORT: one `mosaic serve`, as it would run behind the proxy in production
# (the same --base-url on both, so that both write the same pages; nginx is the trusted proxy).
# Sets INSTANCE<NUMBER>_PID to the server's own process id (no subshell), so it can be SIGKILLed.
cluster_start_instance() {
  local number=$1 port=$2
  cluster_port_taken "$port" && cluster_fail "port $port is already in use"
  "$MOSAIC" serve --database "$DATABASE_URL" --port "$port" --base-url "$NGINX_URL" --trusted-proxy 127.0.0.1 \
    > "$WORKDIR/instance$number.log" 2>&1 &
  printf -v "INSTANCE${number}_PID" '%s' "$!"
}

# cluster_wait_ready NUMBER URL PID: waits (up to 90 s) for URL$READY_PATH to answer 200.
cluster_wait_ready() {
  local number=$1 url=$2 pid=$3 code=000
  for _ in $(seq 1 450); do
    kill -0 "$pid" 2>/dev/null || cluster_fail "instance $number (pid $pid) exited before it was ready"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url$READY_PATH" 2>/dev/null) || true
    [ "$code" = 200 ] && { cluster_log "instance $number ready: $url (pid $pid, $READY_PATH 200)"; return 0; }
    # 404: this binary has no such address (one from before /readyz: READY_PATH=/healthz runs it).
    [ "$code" = 404 ] && cluster_fail "instance $number answers 404 for $READY_PATH: no readiness address in this binary? (try READY_PATH=/healthz)"
    sleep 0.2
  done
  cluster_fail "instance $number never answered 200 on $url$READY_PATH (last answer: $code)"
}

# nginx as a plain process of this user: the configuration is written from the template into
# $NGINX_DIR, and every file nginx writes (temp folders, logs, pid) is there too.
cluster_start_nginx() {
  command -v nginx > /dev/null || { cluster_log "installing nginx"; apt-get install -y -qq nginx > /dev/null; }
  cluster_port_taken "$NGINX_PORT" && cluster_fail "port $NGINX_PORT is already in use"
  mkdir -p "$NGINX_DIR"
  local user_directive=""
  [ "$(id -u)" = 0 ] && user_directive="user $(id -un) $(id -gn);"
  sed -e "s|@USER_DIRECTIVE@|$user_directive|" -e "s|@DIR@|$NGINX_DIR|g" -e "s|@LISTEN_PORT@|$NGINX_PORT|g" \
      -e "s|@PORT1@|$INSTANCE1_PORT|g" -e "s|@PORT2@|$INSTANCE2_PORT|g" \
      ci/cluster/nginx.conf.template > "$NGINX_DIR/nginx.conf"
  # -e: the log of start-up itself, before the configuration is read (else /var/log/nginx/error.log).
  nginx -t -q -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" \
    || cluster_fail "nginx refuses its configuration ($NGINX_DIR/nginx.conf)"
  nginx -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" -g 'daemon off;' \
    > "$NGINX_DIR/stdout.log" 2>&1 &
  NGINX_PID=$!
  local code=000
  for _ in $(seq 1 50); do
    kill -0 "$NGINX_PID" 2>/dev/null || cluster_fail "nginx exited at start"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$NGINX_URL$READY_PATH" 2>/dev/null) || true
    [ "$code" = 200 ] && { cluster_log "nginx ready: $NGINX_URL (pid $NGINX_PID) → $INSTANCE1_URL, $INSTANCE2_URL"; return 0; }
    sleep 0.1
  done
  cluster_fail "nginx never answered 200 on $NGINX_URL$READY_PATH (last answer: $code)"
}

# The whole set-up, in order.
cluster_start() {
  mkdir -p "$WORKDIR"
  cluster_log "mosaic: $MOSAIC; database: $DATABASE_URL; logs in $WORKDIR"
  cluster_prepare_database
  # Both start at once (their catalogue loads overlap), then each is waited for.
  cluster_start_instance 1 "$INSTANCE1_PORT"
  cluster_start_instance 2 "$INSTANCE2_PORT"
  cluster_wait_ready 1 "$INSTANCE1_URL" "$INSTANCE1_PID"
  cluster_wait_ready 2 "$INSTANCE2_URL" "$INSTANCE2_PID"
  cluster_start_nginx
}

# cluster_stop_process PID NAME: SIGTERM (graceful), then SIGKILL after 15 s. Only processes this
# script started, by their id; one that is already gone (instance 1 after the kill test) is fine.
cluster_stop_process() {
  local pid=$1 name=$2
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "[cluster] $name (pid $pid) did not stop on SIGTERM within 15 s: SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

cluster_stop() {
  cluster_stop_process "$NGINX_PID" nginx
  cluster_stop_process "$INSTANCE1_PID" "instance 1"
  cluster_stop_process "$INSTANCE2_PID" "instance 2"
  NGINX_PID="" INSTANCE1_PID="" INSTANCE2_PID=""
}
