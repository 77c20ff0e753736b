#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1, without a service manager, for the tests, the two-instance
# check and the benchmarks:
#
#   ci/postgres.sh start DIR PORT   # prints the server's URL: postgres://mosaic:mosaic@127.0.0.1:PORT/postgres
#   ci/postgres.sh stop DIR
#
# Durability is off (fsync, synchronous_commit): the cluster lives for one run. TLS is on, with a
# self-signed certificate, as on a server set up by Debian's package: clients that prefer TLS (Mosaic's
# default) use it. PostgreSQL refuses to run as root; as root the cluster belongs to the `postgres` user
# that Debian's package creates.
set -euo pipefail

command=${1:?start or stop}
dir=${2:?a folder for the cluster}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
start)
    port=${3:?a port}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner sh -c "echo mosaic > '$dir/password' && '$bin/initdb' -D '$dir/data' -U mosaic --pwfile='$dir/password' \
            --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >'$dir/initdb.log'"
        as_owner openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=mosaic-ci-postgres \
            -keyout "$dir/data/server.key" -out "$dir/data/server.crt" 2>/dev/null
        as_owner chmod 600 "$dir/data/server.key"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c max_connections=300 -c ssl=on -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
    echo "postgres://mosaic:mosaic@127.0.0.1:$port/postgres"
    ;;
stop)
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
*)
    echo "usage: ci/postgres.sh start DIR PORT | stop DIR" >&2; exit 2
    ;;
esac
