#!/usr/bin/env bash
# The test command (README, and CI through .ci/run): set up .venv, install the project with its dev tools, then lint, type-check and test.
# Runs from a clean clone with ../shared beside the repository (the tests fail on CI without it).
# Installs a Java runtime (Debian's openjdk) for the Spark tests when there is none.
# Unless GIGATRACK_TEST_PG is set, starts a throwaway PostgreSQL server for the store tests (scripts/pg_server.sh, which
# apt-installs postgresql when it is missing) and stops it on exit; on CI (CI set) failing to start it fails the run,
# elsewhere it is a warning and the PostgreSQL variants of the tests skip.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n== %s\n' "$*"; }

if [ ! -x .venv/bin/python ]; then
    python=python3.11
    command -v "$python" >/dev/null 2>&1 || python=python3
    step "creating .venv with $("$python" --version)"
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || { echo "ci: gigatrack needs Python >= 3.11, found $("$python" --version)" >&2; exit 1; }
    "$python" -m venv .venv
fi

step "installing gigatrack with its dev extras"
.venv/bin/pip install --disable-pip-version-check -e '.[dev]'

step "ruff"
.venv/bin/ruff check src tests bench

step "mypy"
.venv/bin/mypy

if ! command -v java >/dev/null 2>&1; then
    step "installing a Java runtime for the Spark tests"
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >&2 \
            || { [ -z "${CI:-}" ] || { echo "ci: could not install Java; the Spark tests need it" >&2; exit 1; }; }
    elif [ -n "${CI:-}" ]; then
        echo "ci: no Java runtime and no way to install one (needs root and apt-get); the Spark tests need it" >&2
        exit 1
    else
        echo "warning: no Java runtime; the Spark tests will skip" >&2
    fi
fi

if [ -z "${GIGATRACK_TEST_PG:-}" ]; then
    step "starting a throwaway PostgreSQL server"
    pg_dir=$(mktemp -d /tmp/gigatrack-pg.XXXXXX)
    chmod 755 "$pg_dir"
    trap 'scripts/pg_server.sh stop "$pg_dir" || true; rm -rf "$pg_dir"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    # Not eval "$(...)" directly: eval of an empty string succeeds, which would hide a failed start.
    if pg_env=$(scripts/pg_server.sh start "$pg_dir"); then
        eval "$pg_env"
        echo "GIGATRACK_TEST_PG=$GIGATRACK_TEST_PG"
    elif [ -n "${CI:-}" ]; then
        echo "ci: PostgreSQL could not be started; the store tests need it" >&2
        exit 1
    else
        echo "warning: PostgreSQL could not be started; the PostgreSQL variants of the store tests will skip" >&2
    fi
fi

step "pytest"
status=0
.venv/bin/pytest -q || status=$?
if [ "$status" -eq 5 ]; then
    echo "ci: pytest collected no tests; that is a failure, not a pass" >&2
    exit 1
fi
exit "$status"
