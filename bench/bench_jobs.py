"""Throughput with several worker processes: the same extraction on 1 and on 2 (or more) jobs.

    python bench/bench_jobs.py [--corpus DIR] [--n 2000] [--kind text|html|warc] [--jobs 1 2] [--spark]

Builds the same replicated corpus as ``bench_extract.py`` (at least N articles), warms this process with one
article, then streams the corpus through ``gigatrack.workers.process_stream`` once per job count and prints
the wall time, articles/s, articles/s per job, the speed-up over one job, and the peak resident memory of this
process and of its largest worker. The speed-up target is 1.7x for 2 jobs; it needs 2 free cores (the
process that reads and collects shares them). ``--kind warc`` packs the HTML pages into WARC.gz files of
``WARC_RECORDS`` response records each (Common Crawl's layout). ``--spark`` also runs the Spark job in local
mode on 2 cores over the same files (Spark's start-up included) and reports its articles/s."""

from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from bench_extract import DEFAULT_CORPUS, build_folder, find_sources

from gigatrack.ingest import read_articles
from gigatrack.workers import Failed, default_jobs, process_stream

TARGET_SPEEDUP_2_JOBS = 1.7
WARC_RECORDS = 250


def pack_warcs(pages: Path, folder: Path) -> None:
    """The .html pages of ``pages`` as response records in WARC.gz files under ``folder``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    files = sorted(pages.glob("*.html"))
    for start in range(0, len(files), WARC_RECORDS):
        with open(folder / f"bench-{start // WARC_RECORDS:05d}.warc.gz", "wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            for page in files[start:start + WARC_RECORDS]:
                body = page.read_bytes()
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                      ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
                record = writer.create_warc_record(f"https://bench.example/{page.stem}", "response",
                                                   payload=io.BytesIO(body), http_headers=headers)
                writer.write_record(record)


def run_spark(folder: Path) -> tuple[int, float]:
    """(articles, seconds) of the Spark job in local mode on 2 cores, start-up included."""
    from gigatrack.spark.job import run as run_job
    from gigatrack.spark.job import session

    started = time.perf_counter()
    spark = session("local[2]", "gigatrack-bench")
    try:
        with tempfile.TemporaryDirectory(prefix="gigatrack-bench-spark-") as out:
            summary = run_job(spark, [str(folder)], out)
    finally:
        spark.stop()
    return summary.articles, time.perf_counter() - started


def run(folder: Path, jobs: int) -> tuple[int, int, float]:
    """(documents, failures, seconds) of one pass over the folder."""
    started = time.perf_counter()
    documents = failures = 0
    for outcome in process_stream(read_articles([folder]), jobs):
        if isinstance(outcome, Failed) or not hasattr(outcome, "facts"):
            failures += 1
        else:
            documents += 1
    return documents, failures, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--kind", choices=["text", "html", "warc"], default="text")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--spark", action="store_true", help="also time the Spark job in local mode (2 cores)")
    args = parser.parse_args(argv)
    sources = find_sources(args.corpus, "html" if args.kind == "warc" else args.kind)
    if not sources:
        print(f"no {args.kind} articles in {args.corpus}", file=sys.stderr)
        return 2
    print(f"{args.kind} articles, replicated to at least {args.n}; this machine has {default_jobs()} usable cores")
    with tempfile.TemporaryDirectory(prefix="gigatrack-bench-jobs-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        build_folder(sources, args.n, folder)
        if args.kind == "warc":
            warcs = Path(tmp) / "warcs"
            warcs.mkdir()
            pack_warcs(folder, warcs)
            folder = warcs
        for _ in process_stream(islice(read_articles([folder]), 1)):  # warm this process's caches, untimed
            pass
        baseline = None
        for jobs in args.jobs:
            documents, failures, seconds = run(folder, jobs)
            rate = documents / seconds
            baseline = baseline or rate
            print(f"jobs={jobs}: {documents} articles ({failures} failed) in {seconds:.2f} s = {rate:.0f} articles/s, "
                  f"{rate / jobs:.0f} per job, {rate / baseline:.2f}x one job")
        if args.spark:
            articles, seconds = run_spark(folder)
            print(f"spark local[2]: {articles} articles in {seconds:.2f} s = {articles / seconds:.0f} articles/s "
                  f"(start-up included)")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak resident memory: {own:.1f} MiB this process, {workers:.1f} MiB the largest worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
