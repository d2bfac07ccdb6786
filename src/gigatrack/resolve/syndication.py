"""Near-duplicate articles: the same wire story on several sites counts as one source.

An article's cleaned text becomes a MinHash signature (datasketch) of its five-word shingles. Locality-
sensitive hashing splits the signature into ``BANDS`` bands; articles that share a band are candidates,
and a candidate whose estimated Jaccard similarity is at least ``SYNDICATION_THRESHOLD`` is a copy of
the same story. Signatures and band keys are plain data, so a database can index them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SHINGLE_WORDS = 5
SYNDICATION_THRESHOLD = 0.7
_SEED = 20221
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """The article's runs of ``SHINGLE_WORDS`` words, case-folded (all its words when it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> list[int]:
    """The MinHash signature of a text: ``PERMUTATIONS`` integers (none for a text without words)."""
    from datasketch import MinHash  # numpy and scipy come with it: imported on first use only

    found = shingles(text)
    if not found:
        return []
    minhash = MinHash(num_perm=PERMUTATIONS, seed=_SEED)
    minhash.update_batch([s.encode("utf-8") for s in sorted(found)])
    return [int(v) for v in minhash.hashvalues]


def band_keys(sig: Sequence[int]) -> list[str]:
    """One key per band of the signature; two articles sharing a key are candidates for a copy."""
    keys: list[str] = []
    for band in range(BANDS if len(sig) == PERMUTATIONS else 0):
        rows = ",".join(str(v) for v in sig[band * ROWS:(band + 1) * ROWS])
        keys.append(f"{band}:{hashlib.blake2b(rows.encode(), digest_size=8).hexdigest()}")
    return keys


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the shingles of two texts."""
    if len(a) != len(b) or not a:
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def is_copy(a: Sequence[int], b: Sequence[int]) -> bool:
    return similarity(a, b) >= SYNDICATION_THRESHOLD
