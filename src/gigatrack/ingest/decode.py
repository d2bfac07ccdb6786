"""Bytes to text: byte-order marks, UTF-8, a declared HTML charset, then Windows-1252 or a detector."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from gigatrack.ingest.errors import BadInput

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# Mostly-ASCII text that is not UTF-8 is, in practice, Windows-1252 (a superset of printable latin-1);
# text in a non-Latin single-byte script is mostly non-ASCII bytes and goes to the detector instead.
_MAX_NON_ASCII_SHARE_FOR_CP1252 = 0.3
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode one article's bytes; raise BadInput for binary or undecodable data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError as err:
                problem = f"not valid {encoding.upper()} despite its byte-order mark ({err.reason})"
                raise BadInput(problem) from err
    if b"\x00" in data:
        raise BadInput("binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if html else None
    if declared is not None:
        return _checked(declared)
    non_ascii = sum(1 for byte in data if byte > 0x7F)
    if non_ascii <= _MAX_NON_ASCII_SHARE_FOR_CP1252 * len(data):
        try:
            return _checked(data.decode("cp1252"))
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None:
        raise BadInput("binary or undecodable file: no text encoding fits its bytes")
    return _checked(str(best))


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        return data.decode(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _checked(text: str) -> str:
    if len(_CONTROL_CHARS.findall(text)) > _MAX_CONTROL_SHARE * max(1, len(text)):
        raise BadInput("binary file (too many control characters), not text")
    return text
