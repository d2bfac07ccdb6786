"""A progress bar for long runs: articles done, articles/s, errors and time left, on a terminal only."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} articles/s" if speed else "- articles/s")


class Tracker:
    """Counts articles and errors and moves the bar (when there is one)."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self._task = progress.add_task("articles", total=None, errors=0) if progress else None
        self.done = 0
        self.errors = 0

    def set_total(self, total: int | None) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=total)

    def advance(self, *, failed: bool = False) -> None:
        self.done += 1
        self.errors += int(failed)
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, errors=self.errors)


@contextmanager
def tracking(label: str, *, show: bool | None = None) -> Iterator[Tracker]:
    """A Tracker whose bar is drawn on stderr when ``show`` (default: when stderr is a terminal)."""
    if not (sys.stderr.isatty() if show is None else show):
        yield Tracker(None)
        return
    columns = (TextColumn(f"{label}"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
               TextColumn("{task.fields[errors]} errors"), TimeElapsedColumn(), TextColumn("left"),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        yield Tracker(progress)
