"""Extraction on all cores: ``process`` over a stream of articles in worker processes, in input order.

Memory stays bounded however long the stream: at most ``jobs * WINDOW_PER_JOB`` tasks of ``CHUNK`` articles
are in flight (read but not yet handed back), and the input is pulled only as results are taken. With one job
everything runs in the calling process, and so does a stream of fewer than ``MIN_PARALLEL_ARTICLES``
articles. Workers only run ``process``: they never touch a database the caller has open.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice

from gigatrack.extract import DEFAULT_BACKEND, get_extractor
from gigatrack.ingest import ReadError
from gigatrack.model import Article, Document
from gigatrack.pipeline import process

WINDOW_PER_JOB = 4
CHUNK = 16  # articles per task sent to a worker: fewer, larger messages
# A stream shorter than this is processed in the calling process: starting workers would cost more.
MIN_PARALLEL_ARTICLES = 32


@dataclass(frozen=True, slots=True)
class Failed:
    """An article whose extraction raised: the article and the error, as one line."""

    article: Article
    problem: str

    def __str__(self) -> str:
        return f"{self.article.source or self.article.id}: extraction failed: {self.problem}"


Outcome = Document | Failed | ReadError


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start_method() -> str:
    """Fork on Linux while this process runs one thread (workers then start at once and warm); else a fork
    server, which is safe beside threads such as a progress bar's; spawn where there is no fork."""
    if sys.platform != "linux":
        return "spawn"
    return "fork" if threading.active_count() == 1 else "forkserver"


def _process_chunk(articles: list[Article], backend: str) -> list[Document | Failed]:
    return [_process_one(article, backend) for article in articles]


def _process_one(article: Article, backend: str) -> Document | Failed:
    try:
        return process(article, get_extractor(backend))
    except Exception as exc:  # one article's failure never stops the batch
        return Failed(article, f"{type(exc).__name__}: {exc}")


def process_stream(items: Iterable[Article | ReadError], jobs: int = 1,
                   backend: str = DEFAULT_BACKEND) -> Iterator[Outcome]:
    """Each item's outcome, in input order: its Document, a Failed extraction, or the ReadError itself."""
    stream = iter(items)
    head = list(islice(stream, MIN_PARALLEL_ARTICLES)) if jobs > 1 else []
    if jobs <= 1 or len(head) < MIN_PARALLEL_ARTICLES:
        for item in chain(head, stream):
            yield item if isinstance(item, ReadError) else _process_one(item, backend)
        return
    context = multiprocessing.get_context(_start_method())
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque[Future[list[Document | Failed]] | ReadError] = deque()
        chunk: list[Article] = []
        for item in chain(head, stream):
            if isinstance(item, Article):
                chunk.append(item)
                if len(chunk) < CHUNK:
                    continue
            if chunk:
                pending.append(pool.submit(_process_chunk, chunk, backend))
                chunk = []
            if isinstance(item, ReadError):
                pending.append(item)
            while len(pending) >= jobs * WINDOW_PER_JOB:
                yield from _results(pending.popleft())
        if chunk:
            pending.append(pool.submit(_process_chunk, chunk, backend))
        while pending:
            yield from _results(pending.popleft())


def _results(entry: Future[list[Document | Failed]] | ReadError) -> list[Outcome]:
    return [entry] if isinstance(entry, ReadError) else list(entry.result())
