#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests of the PostgreSQL store
# (issue 16), in one directory that holds everything: data, unix socket,
# a throwaway CA and server certificate, the test role's password, the log.
#
#   postgres.sh start DIR   initdb into DIR (first time), then start the
#                           server; again after `stop`, the same cluster on
#                           the same port (the restart test relies on it)
#   postgres.sh stop DIR    stop the server (fast shutdown), keep DIR
#   postgres.sh kill DIR    stop it abruptly (immediate shutdown: no
#                           checkpoint, clients cut off), keep DIR
#   postgres.sh env DIR     print `export NAME=value` lines for the tests:
#                           LKMS_TEST_POSTGRES (the test role, password in
#                           the URL, to the `postgres` database; the role may
#                           CREATE DATABASE) and LKMS_TEST_POSTGRES_TLS (the
#                           same over TLS, sslmode=verify-full with DIR/ca.pem)
#   postgres.sh status DIR  exit 0 when the server answers
#
# The server listens on 127.0.0.1 only, on a free port chosen at the first
# start, and on a unix socket in DIR. fsync stays on (PostgreSQL's default),
# so what the tests see committed is what a real deployment would keep.
# initdb and postgres refuse to run as root: as root, they run as the
# `postgres` user (Debian's package makes it) and DIR is handed to it.
set -euo pipefail

die() {
    echo "postgres.sh: $*" >&2
    exit 1
}

usage() {
    die "usage: postgres.sh start|stop|kill|env|status DIR"
}

[ $# -eq 2 ] || usage
cmd=$1
dir=$(cd "$2" 2>/dev/null && pwd) || die "no directory $2"

# The newest installed PostgreSQL's programs (Debian keeps them off PATH).
bindir=
for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && bindir=$d
done
if [ -z "$bindir" ]; then
    initdb_path=$(command -v initdb || true)
    [ -n "$initdb_path" ] || die "PostgreSQL is not installed (no initdb): apt-get install postgresql"
    bindir=$(dirname "$initdb_path")
fi

data=$dir/data
# Every command that touches the cluster's files runs as their owner.
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to run the server as"
    as_owner() { runuser -u postgres -- "$@"; }
else
    as_owner() { "$@"; }
fi

pg_ctl() { as_owner "$bindir/pg_ctl" -D "$data" "$@"; }

running() {
    [ -f "$dir/port" ] && "$bindir/pg_isready" -q -h "$dir" -p "$(cat "$dir/port")" -d postgres
}

# The throwaway CA and a server certificate for 127.0.0.1 and localhost,
# valid for ten years so that tests under faketime still trust it.
make_certs() {
    (
        cd "$dir"
        openssl req -x509 -new -nodes -days 3650 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
            -keyout ca.key -out ca.pem -subj "/CN=lkms test CA" \
            -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
            2>/dev/null
        openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
            -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
        printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            "basicConstraints=critical,CA:FALSE" \
            "keyUsage=critical,digitalSignature" \
            "extendedKeyUsage=serverAuth" >server.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
            -extfile server.ext -out server.crt 2>/dev/null
        rm -f server.csr server.ext ca.srl
        chmod 600 server.key ca.key
        chmod 644 ca.pem server.crt
    )
}

init_cluster() {
    [ -z "$(ls -A "$dir")" ] || die "$dir is not empty and holds no cluster"
    # The test role's password: random, URL-safe, kept beside the cluster.
    openssl rand -hex 16 >"$dir/password"
    make_certs
    if [ "$(id -u)" -eq 0 ]; then
        chown -R postgres: "$dir"
        runuser -u postgres -- test -w "$dir" ||
            die "user postgres cannot write $dir (a parent directory closed to it?)"
    fi
    chmod 700 "$dir"
    # --no-sync: only initdb's own writes skip fsync (a throwaway cluster);
    # the server itself runs with fsync on.
    as_owner "$bindir/initdb" -D "$data" -U postgres --no-sync --no-instructions \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    cat >>"$data/postgresql.conf" <<CONF
# lkms tests (tests/support/postgres.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
ssl = on
ssl_cert_file = '$dir/server.crt'
ssl_key_file = '$dir/server.key'
fsync = on
max_connections = 300
shared_buffers = 32MB
log_min_messages = warning
CONF
}

start() {
    [ -f "$data/PG_VERSION" ] || init_cluster
    running && return 0
    local port tries=0
    # The port found at the first start is kept, so a restarted cluster is
    # where its clients left it.
    if [ -f "$dir/port" ]; then
        port=$(cat "$dir/port")
        pg_ctl -w -t 60 -l "$dir/server.log" -o "-p $port" start >/dev/null ||
            { tail -20 "$dir/server.log" >&2; die "the server did not start again on port $port"; }
    else
        # Another process may take a port between any check and the bind,
        # so try ports until the server itself binds one.
        while :; do
            port=$((20000 + RANDOM % 40000))
            if pg_ctl -w -t 60 -l "$dir/server.log" -o "-p $port" start >/dev/null; then
                break
            fi
            tries=$((tries + 1))
            [ $tries -lt 20 ] || { tail -20 "$dir/server.log" >&2; die "the server did not start"; }
        done
        echo "$port" >"$dir/port"
        "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
            -c "CREATE ROLE lkms_test LOGIN CREATEDB PASSWORD '$(cat "$dir/password")'" >/dev/null
    fi
}

case $cmd in
start) start ;;
stop)
    if running; then pg_ctl -w -t 60 -m fast stop >/dev/null; fi
    ;;
kill)
    if running; then pg_ctl -w -t 60 -m immediate stop >/dev/null; fi
    ;;
env)
    [ -f "$dir/port" ] || die "no cluster started in $dir"
    url="postgres://lkms_test:$(cat "$dir/password")@127.0.0.1:$(cat "$dir/port")/postgres"
    echo "export LKMS_TEST_POSTGRES='$url'"
    echo "export LKMS_TEST_POSTGRES_TLS='$url?sslmode=verify-full&sslrootcert=$dir/ca.pem'"
    ;;
status) running ;;
*) usage ;;
esac
