#!/usr/bin/env bash
# The test command (README, and CI through .ci/run): set up .venv, install the project with its dev tools, then lint, type-check and test.
# Runs from a clean clone with ../shared beside the repository (the tests fail on CI without it).
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

step "pytest"
status=0
.venv/bin/pytest -q || status=$?
if [ "$status" -eq 5 ]; then
    echo "ci: pytest collected no tests; that is a failure, not a pass" >&2
    exit 1
fi
exit "$status"
