"""`gigatrack extract`: formats, options, and bad input without stopping the batch."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from gigatrack import __version__
from gigatrack.cli.main import cli

ARTICLE = (
    "CATL signs cell deal with Volvo Cars\n\n"
    "Contemporary Amperex Technology (CATL) will supply Volvo Cars with LFP battery cells from next year, "
    "the two companies said on Monday.\n"
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_jsonl_with_text_and_a_fallback_publication_date(tmp_path: Path) -> None:
    path = _write(tmp_path, "catl-volvo.txt", ARTICLE)
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "jsonl", "--with-text",
                                      "--published", "2025-06-02"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["id"], record["published"]) == ("catl-volvo", "2025-06-02")
    [fact] = record["facts"]
    assert (fact["supplier"], fact["customer"], fact["start"], fact["chemistry"]) == (
        "Contemporary Amperex Technology", "Volvo Cars", "2026", "LFP")
    for quote, (start, end) in zip(fact["evidence"], fact["spans"], strict=True):
        assert record["text"][start:end] == quote


def test_table_is_the_default_format(tmp_path: Path) -> None:
    path = _write(tmp_path, "catl-volvo.txt", ARTICLE)
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert "Volvo Cars" in result.stdout
    assert result.stdout.rstrip().endswith("\n1 fact")


def test_bad_inputs_are_reported_and_the_rest_still_extracted(tmp_path: Path) -> None:
    _write(tmp_path, "good.txt", ARTICLE)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["good"]
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr and "missing.txt" in result.stderr
    assert "3 input(s) failed" in result.stderr


def test_version_and_unknown_backend() -> None:
    assert CliRunner().invoke(cli, ["--version"]).stdout.strip().endswith(__version__)
    result = CliRunner().invoke(cli, ["extract", "x.txt", "--backend", "nope"])
    assert result.exit_code == 2
    assert "nope" in result.output
