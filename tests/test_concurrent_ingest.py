"""Two ingest processes on one database, and a process killed mid-ingest, on both backends (real processes)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from gigatrack.store import Store

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "stories")]
TOTAL_ARTICLES = 26


def ingest_command(db: str, *paths: str) -> list[str]:
    return [sys.executable, "-m", "gigatrack.cli.main", "ingest", *paths, "--db", db]


def snapshot(db: str) -> tuple[object, ...]:
    """What must come out the same however the articles were written: facts, evidence, records."""
    with Store.open(db, create=False) as store:
        facts = sorted((f.id, f.article_id, f.type, tuple(e.quote for e in f.evidence)) for f in store.facts())
        records = sorted((r.id, r.label, r.sources, tuple(sorted(r.data["facts"])), repr(r.data["current"]))
                         for r in store.records())
        return store.stats().articles, facts, records


def reference(tmp_path: Path) -> tuple[object, ...]:
    db = str(tmp_path / "reference.db")
    subprocess.run(ingest_command(db, *INPUTS), check=True, capture_output=True)
    return snapshot(db)


def test_two_ingest_processes_at_once_lose_and_duplicate_nothing(db_url: str, tmp_path: Path) -> None:
    Store.open(db_url).close()  # migrate once, so both writers start on the same schema
    # Both processes ingest everything, in opposite orders, so they race for the same articles.
    first = subprocess.Popen(ingest_command(db_url, *INPUTS), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(ingest_command(db_url, *reversed(INPUTS)), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    got = snapshot(db_url)
    assert got[0] == TOTAL_ARTICLES
    assert got == reference(tmp_path)


def test_a_process_killed_mid_ingest_leaves_a_consistent_database_and_a_rerun_completes_it(
        db_url: str, tmp_path: Path) -> None:
    Store.open(db_url).close()
    process = subprocess.Popen(ingest_command(db_url, *INPUTS), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while stored < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
        with Store.open(db_url, create=False) as store:
            stored = store.stats().articles
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    with Store.open(db_url, create=False) as store:
        partial = store.stats().articles
        for fact in store.facts():  # every stored fact is whole: its article, evidence and record are there
            assert fact.evidence and store.article(fact.article_id) is not None
            assert store.records_of_fact(fact.id)
    assert 0 < partial < TOTAL_ARTICLES, partial  # killed with articles still to go
    rerun = subprocess.run(ingest_command(db_url, *INPUTS), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(db_url) == reference(tmp_path)
