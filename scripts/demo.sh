#!/usr/bin/env bash
# Run gigatrack on the bundled example articles and show the facts it finds.
# Works from any directory; installs the project into .venv on first use.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
db="$root/examples.db"

if [ ! -x .venv/bin/python ]; then
    python=python3.11
    command -v "$python" >/dev/null 2>&1 || python=python3
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || { echo "demo: gigatrack needs Python >= 3.11, found $("$python" --version)" >&2; exit 1; }
    echo "creating .venv with $("$python" --version)"
    "$python" -m venv .venv
fi
echo "installing gigatrack into .venv ..."
.venv/bin/pip install --quiet --disable-pip-version-check -e .

ingest_status=0
.venv/bin/gigatrack ingest examples --db "$db" || ingest_status=$?
if [ "$ingest_status" -ne 0 ]; then
    echo "demo: some examples could not be ingested (see above); showing the facts of the others" >&2
fi
.venv/bin/gigatrack facts --db "$db" --format table

echo
echo "database: $db"
echo "explore it with: .venv/bin/gigatrack show ARTICLE_ID --db $db"
exit "$ingest_status"
