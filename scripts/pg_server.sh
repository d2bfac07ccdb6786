#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (scripts/test.sh uses it when GIGATRACK_TEST_PG is unset).
#   eval "$(scripts/pg_server.sh start DIR)"   start a cluster in DIR (an empty temp dir, e.g. from mktemp -d under /tmp)
#                                              and print one line: export GIGATRACK_TEST_PG=postgresql://postgres@127.0.0.1:PORT/gigatrack_test
#   scripts/pg_server.sh stop DIR              stop that cluster; no error if it is not running
# Installs Debian's postgresql package with apt-get when no server binaries are found (needs root or password-less sudo).
# Runs the server as the postgres system user when called as root (PostgreSQL refuses to run as root), else as the caller.
# Listens on 127.0.0.1 only, at a free port, with trust auth, fsync off, the unix socket in DIR and the log in DIR/server.log.
# Everything but the export line goes to stderr.
set -euo pipefail

prog=scripts/pg_server.sh

die() {
    echo "$prog: $*" >&2
    exit 1
}

usage() {
    die "usage: eval \"\$($prog start DIR)\" | $prog stop DIR"
}

# The newest /usr/lib/postgresql/VERSION/bin that has both initdb and pg_ctl, or nothing.
find_bindir() {
    local dir
    while IFS= read -r dir; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            printf '%s\n' "$dir"
            return 0
        fi
    done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r)
    return 0
}

install_postgresql() {
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            die "PostgreSQL server binaries are not installed and installing them needs root (or password-less sudo): apt-get install postgresql"
        fi
    fi
    command -v apt-get >/dev/null 2>&1 \
        || die "PostgreSQL server binaries are not installed and there is no apt-get to install them with"
    echo "$prog: installing PostgreSQL with apt-get" >&2
    "${sudo[@]}" apt-get update -qq \
        || die "apt-get update failed"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql \
        || die "apt-get install postgresql failed"
}

# Run a command as the server's owner: postgres when we are root, else ourselves. Runs from DIR, which that user can enter.
# fd 3 (start's real stdout, the caller's $(...) pipe) is closed for it: a server holding it open would hang the caller.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$dir" && runuser -u postgres -- "$@") 3>&-
    else
        (cd "$dir" && "$@") 3>&-
    fi
}

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

show_log() {
    if [ -s "$dir/server.log" ]; then
        echo "$prog: last lines of $dir/server.log:" >&2
        tail -n 30 "$dir/server.log" >&2
    fi
}

start() {
    # Only the export line goes to the real stdout (fd 3); all other output, the tools' included, goes to stderr.
    exec 3>&1 1>&2

    local bindir
    bindir=$(find_bindir)
    if [ -z "$bindir" ]; then
        install_postgresql
        bindir=$(find_bindir)
        [ -n "$bindir" ] || die "installed postgresql but found no initdb and pg_ctl under /usr/lib/postgresql/*/bin"
    fi
    echo "$prog: using $bindir" >&2

    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "running as root, but there is no postgres system user to run the server as"
        command -v runuser >/dev/null 2>&1 || die "running as root, but there is no runuser to run the server as postgres"
        chown postgres: "$dir"
    fi

    local data="$dir/data" log="$dir/server.log"
    [ ! -e "$data" ] || die "$data already exists; give a fresh directory"

    if ! as_owner "$bindir/initdb" -D "$data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
        echo "$prog: initdb with --locale=C.UTF-8 failed; retrying with --no-locale" >&2
        rm -rf "$data"
        as_owner "$bindir/initdb" -D "$data" --auth=trust --username=postgres --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi

    # The port is free when picked but could be taken before the server binds it; try a few.
    local port attempt started=0
    for attempt in 1 2 3; do
        port=$(free_port)
        echo "$prog: starting PostgreSQL on 127.0.0.1:$port (attempt $attempt)" >&2
        if as_owner "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c fsync=off -c max_connections=50" \
            start; then
            started=1
            break
        fi
    done
    if [ "$started" -ne 1 ]; then
        show_log
        die "PostgreSQL did not start"
    fi

    if ! as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres gigatrack_test; then
        show_log
        as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop || true
        die "could not create the database gigatrack_test"
    fi

    echo "$prog: PostgreSQL is up on 127.0.0.1:$port (data and log in $dir)" >&2
    echo "export GIGATRACK_TEST_PG=postgresql://postgres@127.0.0.1:$port/gigatrack_test" >&3
}

stop() {
    local bindir
    bindir=$(find_bindir)
    [ -n "$bindir" ] || return 0
    [ -f "$dir/data/postmaster.pid" ] || return 0
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
}

[ "$#" -eq 2 ] || usage
dir=$2
[ -d "$dir" ] || die "no such directory: $dir"
dir=$(cd "$dir" && pwd -P)
case $dir in
    *[[:space:]\'\"\\]*) die "the directory path must not contain spaces, quotes or backslashes: $dir" ;;
esac

case $1 in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
