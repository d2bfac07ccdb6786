"""Shared fixtures: where the shared evaluation data lives, and example articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GIGATRACK_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (corpus, gold, referee); required on CI, skipped without it elsewhere."""
    if not (SHARED / "corpus").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared evaluation data at {SHARED}")
        pytest.skip(f"no shared evaluation data at {SHARED}")
    return SHARED
