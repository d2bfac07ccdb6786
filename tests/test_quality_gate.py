"""The quality gate: extraction on the shared corpus, scored by the shared referee, never below the floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from gigatrack.cli.main import cli

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())


def test_shared_corpus_scores_stay_above_the_floors(shared_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(shared_dir / "corpus"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    preds = tmp_path / "preds.jsonl"
    preds.write_text(result.stdout)
    scored = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), "--gold", str(shared_dir / "gold"),
         "--pred", str(preds), "--corpus", str(shared_dir / "corpus"), "--json"],
        capture_output=True, text=True, check=True,
    )
    figures = json.loads(scored.stdout)
    assert figures["articles_missing_in_pred"] == 0
    assert figures["evidence_verbatim"] >= FLOORS["evidence_verbatim"]
    assert figures["slot"]["f1"] >= FLOORS["slot_f1"], figures["slot"]
    assert figures["slot"]["precision"] >= FLOORS["slot_precision"], figures["slot"]
    assert figures["fact"]["f1"] >= FLOORS["fact_f1"], figures["fact"]
