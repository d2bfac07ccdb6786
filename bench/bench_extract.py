"""Throughput and memory of the whole extraction path (read -> clean -> annotate -> extract) on one core.

    python bench/bench_extract.py [--corpus DIR] [--n 2000] [--kind text|html] [--check]

The corpus articles are replicated into a temporary folder until there are at least N of them (copies get
distinct ids and their own .meta.json), then streamed through ``gigatrack.ingest.read_articles`` and
``gigatrack.pipeline.process`` in this process, pinned to one CPU. One untimed article warms the caches
first. Memory is measured over N/4 and then N articles (tracemalloc peak of each run, and the process's
maximum resident set size after each) to show that it does not grow with N; the throughput is timed in a
separate run without tracemalloc, whose tracing would slow it down.

--kind text uses the corpus's .txt articles; --kind html uses its .html / .htm / .html.gz pages, or, where it
has none, wraps each .txt article in an HTML page with navigation, sidebar and footer.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path

from gigatrack.ingest import ReadError, read_articles
from gigatrack.model import Article
from gigatrack.pipeline import process

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
TARGET_ARTICLES_PER_S = 200.0
# Memory counts as flat when N articles peak at most 25% plus 4 MiB (bounded caches filling up) above N/4.
FLAT_RATIO = 1.25
FLAT_SLACK_BYTES = 4 * 2**20
HTML_SUFFIXES = (".html.gz", ".htm.gz", ".html", ".htm")
PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Bench News</title>
<meta property="og:title" content="{title}">
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><nav><a href="/">Home</a> <a href="/cells">Cells</a> <a href="/materials">Materials</a>
<a href="/policy">Policy</a></nav></header>
<main><article><h1>{title}</h1>
{paragraphs}
</article>
<aside><h3>Most read</h3><ul><li><a href="/1">Lithium prices slide again</a></li>
<li><a href="/2">Charging network adds motorway sites</a></li>
<li><a href="/3">Recycler opens new plant</a></li>
</ul></aside></main>
<footer><p>Copyright Bench News</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>
"""


@dataclass(frozen=True, slots=True)
class Source:
    """One corpus article to replicate: its file, id, sidecar (if any) and the suffix its copies get."""

    path: Path
    stem: str
    meta: Path | None
    suffix: str


@dataclass(frozen=True, slots=True)
class RunResult:
    """What one pass over a folder of articles gave."""

    articles: int
    read_errors: int
    process_errors: int
    facts: int
    seconds: float
    tracemalloc_peak: int | None
    maxrss_after: int
    first_read_error: str | None


def article_suffix(path: Path) -> str | None:
    """The article suffix of ``path`` (".txt", ".html.gz", ...), or None for sidecars and other files."""
    name = path.name.lower()
    if name.endswith(".meta.json"):
        return None
    for suffix in (*HTML_SUFFIXES, ".txt"):
        if name.endswith(suffix):
            return suffix
    return None


def find_sources(corpus: Path, kind: str) -> list[Source]:
    """The corpus articles of ``kind``, sorted; for html, the .txt articles when the corpus holds no pages."""
    found: dict[str, list[Source]] = {"text": [], "html": []}
    for path in sorted(corpus.iterdir()):
        suffix = article_suffix(path)
        if suffix is None or not path.is_file():
            continue
        stem = path.name[: -len(suffix)]
        meta = path.with_name(stem + ".meta.json")
        found["text" if suffix == ".txt" else "html"].append(
            Source(path, stem, meta if meta.is_file() else None, suffix)
        )
    if kind == "html" and not found["html"]:
        return [Source(s.path, s.stem, s.meta, ".html") for s in found["text"]]
    return found[kind]


def as_html_page(text: str, title: str) -> str:
    """A plain-text article wrapped in a page with the boilerplate a real site has."""
    paragraphs = "\n".join(
        f"<p>{html.escape(block.strip())}</p>" for block in text.split("\n\n") if block.strip()
    )
    return PAGE_TEMPLATE.format(title=html.escape(title), paragraphs=paragraphs)


def write_copy(source: Source, folder: Path, copy_id: str) -> None:
    """Write one copy of ``source`` under ``copy_id``, with a sidecar naming that id."""
    meta: dict[str, object] = {}
    if source.meta is not None:
        meta = json.loads(source.meta.read_text(encoding="utf-8"))
        meta["id"] = copy_id
        (folder / f"{copy_id}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    target = folder / f"{copy_id}{source.suffix}"
    if source.path.name.lower().endswith(source.suffix):
        shutil.copyfile(source.path, target)
    else:
        text = source.path.read_text(encoding="utf-8", errors="replace")
        title = str(meta.get("title") or text.strip().splitlines()[0])
        target.write_text(as_html_page(text, title), encoding="utf-8")


def build_folder(sources: list[Source], n: int, folder: Path) -> None:
    """Replicate ``sources`` into ``folder`` until it holds ``n`` articles, each with a distinct id.

    Ids start with the copy number, so that the sorted stream, and any prefix of it, cycles through the
    whole corpus.
    """
    for number, source in enumerate(islice(cycle(sources), n)):
        write_copy(source, folder, f"r{number:06d}--{source.stem}")


def pin_to_one_core() -> str:
    """Restrict this process to one CPU where the OS allows it; say which."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this OS)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def maxrss_bytes() -> int:
    """The process's maximum resident set size so far, in bytes (Linux reports KiB, macOS bytes)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def stream(folder: Path, limit: int | None) -> Iterator[Article | ReadError]:
    """The first ``limit`` items read from ``folder`` (all when None), one at a time."""
    return islice(read_articles([folder]), limit)


def run(folder: Path, limit: int | None, *, trace: bool) -> RunResult:
    """Stream up to ``limit`` articles of ``folder`` through the pipeline, keeping only counts."""
    articles = read_errors = process_errors = facts = 0
    first_read_error = None
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    for item in stream(folder, limit):
        if isinstance(item, ReadError):
            read_errors += 1
            first_read_error = first_read_error or str(item)
            continue
        articles += 1
        try:
            facts += len(process(item).facts)
        except Exception as error:  # a benchmark counts failures and goes on
            process_errors += 1
            print(f"  process failed on {item.id}: {error}", file=sys.stderr)
    seconds = time.perf_counter() - started
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return RunResult(
        articles, read_errors, process_errors, facts, seconds, peak, maxrss_bytes(), first_read_error
    )


def is_flat(quarter: int, whole: int) -> bool:
    """Whether the memory of N articles stays within the flatness limit of N/4 articles'."""
    return whole <= quarter * FLAT_RATIO + FLAT_SLACK_BYTES


def mib(size: int | None) -> str:
    return "n/a" if size is None else f"{size / 2**20:.1f} MiB"


def report(label: str, result: RunResult) -> None:
    rate = result.articles / result.seconds if result.seconds else float("inf")
    print(
        f"{label}: {result.articles} articles in {result.seconds:.2f} s = {rate:.0f} articles/s; "
        f"{result.facts} facts; {result.read_errors} read errors, {result.process_errors} process errors; "
        f"tracemalloc peak {mib(result.tracemalloc_peak)}; maxrss after {mib(result.maxrss_after)}"
    )
    if result.first_read_error:
        print(f"  first read error: {result.first_read_error}", file=sys.stderr)


def run_and_report(label: str, action: Callable[[], RunResult]) -> RunResult:
    result = action()
    report(label, result)
    return result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"default: {DEFAULT_CORPUS}")
    parser.add_argument("--n", type=int, default=2000, help="articles in the timed run (default 2000)")
    parser.add_argument("--kind", choices=("text", "html"), default="text")
    parser.add_argument(
        "--check", action="store_true",
        help=f"exit 1 unless >= {TARGET_ARTICLES_PER_S:.0f} articles/s and memory is flat in N",
    )
    args = parser.parse_args(argv)
    if args.n < 4:
        parser.error("--n must be at least 4")
    if not args.corpus.is_dir():
        parser.error(f"no corpus folder at {args.corpus}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sources = find_sources(args.corpus, args.kind)
    if not sources:
        print(f"no {args.kind} articles in {args.corpus}", file=sys.stderr)
        return 2
    print(f"gigatrack bench: kind={args.kind}, corpus={args.corpus} ({len(sources)} articles), "
          f"n={args.n}, {pin_to_one_core()}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="gigatrack-bench-") as tmp:
        folder = Path(tmp)
        build_folder(sources, args.n, folder)
        size = sum(p.stat().st_size for p in folder.iterdir() if article_suffix(p))
        print(f"built {args.n} articles ({size / 2**20:.1f} MiB) in {folder}")
        warm = run_and_report("warm-up", lambda: run(folder, 1, trace=False))
        quarter = run_and_report(f"memory N/4={args.n // 4}", lambda: run(folder, args.n // 4, trace=True))
        whole = run_and_report(f"memory N={args.n}", lambda: run(folder, args.n, trace=True))
        speed = run_and_report(f"timed N={args.n}", lambda: run(folder, None, trace=False))
    rate = speed.articles / speed.seconds if speed.seconds else float("inf")
    trace_ratio = (whole.tracemalloc_peak or 0) / max(quarter.tracemalloc_peak or 1, 1)
    rss_ratio = whole.maxrss_after / max(quarter.maxrss_after, 1)
    flat = is_flat(quarter.tracemalloc_peak or 0, whole.tracemalloc_peak or 0) and is_flat(
        quarter.maxrss_after, whole.maxrss_after
    )
    print()
    print(f"articles:        {speed.articles}")
    print(f"seconds:         {speed.seconds:.2f} (warm-up article: {warm.seconds * 1000:.0f} ms)")
    print(f"articles/s:      {rate:.0f} (target >= {TARGET_ARTICLES_PER_S:.0f})")
    print(f"ms per article:  {1000 * speed.seconds / max(speed.articles, 1):.2f}")
    print(f"facts found:     {speed.facts}")
    print(f"tracemalloc peak: N/4 {mib(quarter.tracemalloc_peak)}, N {mib(whole.tracemalloc_peak)} "
          f"(x{trace_ratio:.2f})")
    print(f"maxrss:          N/4 {mib(quarter.maxrss_after)}, N {mib(whole.maxrss_after)} (x{rss_ratio:.2f})")
    print(f"memory flat in N: {'yes' if flat else 'NO'} (limit x{FLAT_RATIO} + {mib(FLAT_SLACK_BYTES)})")
    failed = speed.read_errors + speed.process_errors
    if args.check and (rate < TARGET_ARTICLES_PER_S or not flat or failed):
        print("bench check FAILED", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
