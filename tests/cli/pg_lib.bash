# pg_lib.bash — a throwaway PostgreSQL 15 cluster for the national-tier tests (sourced).
#   pg_start DIR   initdb into DIR/pg (as the postgres user when run as root), start it
#                  listening on a unix socket in DIR/sock only, set PGHOST, PGPORT, PGUSER
#                  and pg_url DB (postgresql URL of database DB); exit 77 (skipped) when
#                  PostgreSQL is not installed.
#   pg_stop        stop it (call from the EXIT trap).
#   pg_test_begin  the national tests' set-up: ZJ (required), T a temporary directory with
#                  a cluster in it (pg_start), both gone on exit, fail MSG, and PSQL (the
#                  psql command line of the tests).
# Settings for speed, not durability: fsync off, no WAL archiving (PG_SHARED_BUFFERS,
# PG_WORK_MEM: the benchmark's sizes).
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PG_DIR=""
pg_start() {
    PG_DIR=$1
    if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
        echo "skip: PostgreSQL 15 is not installed ($PGBIN)"; exit 77
    fi
    AS_PG=()
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || { echo "skip: running as root without a postgres user"; exit 77; }
        AS_PG=(runuser -u postgres --)
        chown postgres: "$PG_DIR"
        chmod 755 "$PG_DIR"
    fi
    mkdir -p "$PG_DIR/sock"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR/sock"
    "${AS_PG[@]}" "$PGBIN/initdb" -D "$PG_DIR/pg" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C --no-sync >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
    cat >>"$PG_DIR/pg/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$PG_DIR/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
shared_buffers = ${PG_SHARED_BUFFERS:-64MB}
work_mem = ${PG_WORK_MEM:-16MB}
max_wal_size = 4GB
CONF
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PG_DIR/pg" -l "$PG_DIR/server.log" -w -t 60 start >/dev/null \
        || { cat "$PG_DIR/server.log"; return 1; }
    export PGHOST="$PG_DIR/sock" PGPORT=5432 PGUSER=postgres
}
pg_url() { echo "postgresql:///$1?host=$PG_DIR/sock&port=5432&user=postgres"; }
pg_stop() {
    [ -n "$PG_DIR" ] && [ -f "$PG_DIR/pg/postmaster.pid" ] &&
        "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PG_DIR/pg" -m immediate -w stop >/dev/null 2>&1
    return 0
}
pg_test_begin() {
    ZJ=${ZJ:?path to zhijian}
    T=$(mktemp -d)
    trap 'pg_stop; rm -rf "$T"' EXIT
    fail() { echo "FAIL: $*"; exit 1; }
    pg_start "$T" || fail "cannot start PostgreSQL"
    PSQL=(psql -X -q -v ON_ERROR_STOP=1 -At)
}
