"""Throughput with several worker processes: the same extraction on 1 and on 2 (or more) jobs.

    python bench/bench_jobs.py [--corpus DIR] [--n 2000] [--kind text|html] [--jobs 1 2]

Builds the same replicated corpus as ``bench_extract.py`` (at least N articles), warms this process with one
article, then streams the corpus through ``gigatrack.workers.process_stream`` once per job count and prints
the wall time, articles/s, articles/s per job, the speed-up over one job, and the peak resident memory of this
process and of its largest worker. The speed-up target is 1.7x for 2 jobs; it needs 2 free cores (the
process that reads and collects shares them)."""

from __future__ import annotations

import argparse
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
    parser.add_argument("--kind", choices=["text", "html"], default="text")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    sources = find_sources(args.corpus, args.kind)
    if not sources:
        print(f"no {args.kind} articles in {args.corpus}", file=sys.stderr)
        return 2
    print(f"{args.kind} articles, replicated to at least {args.n}; this machine has {default_jobs()} usable cores")
    with tempfile.TemporaryDirectory(prefix="gigatrack-bench-jobs-") as tmp:
        folder = Path(tmp)
        build_folder(sources, args.n, folder)
        for _ in process_stream(islice(read_articles([folder]), 1)):  # warm this process's caches, untimed
            pass
        baseline = None
        for jobs in args.jobs:
            documents, failures, seconds = run(folder, jobs)
            rate = documents / seconds
            baseline = baseline or rate
            print(f"jobs={jobs}: {documents} articles ({failures} failed) in {seconds:.2f} s = {rate:.0f} articles/s, "
                  f"{rate / jobs:.0f} per job, {rate / baseline:.2f}x one job")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak resident memory: {own:.1f} MiB this process, {workers:.1f} MiB the largest worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
