"""Stage boundaries are package boundaries: a lower stage never imports a higher one."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "gigatrack"
ORDER = ["model", "ingest", "clean", "annotate", "extract", "pipeline", "workers", "resolve", "store", "spark", "cli"]


def _stage(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "gigatrack" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in ORDER else None


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def test_no_stage_imports_a_higher_stage() -> None:
    violations = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        own = rel.parts[0].removesuffix(".py")
        if own not in ORDER:
            continue
        for module in _imports(path):
            other = _stage(module)
            if other is not None and ORDER.index(other) > ORDER.index(own):
                violations.append(f"{rel} imports {module}")
    assert violations == []


def test_the_check_sees_every_stage() -> None:
    stages = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in PACKAGE.rglob("*.py")}
    assert set(ORDER) <= stages


def test_the_command_line_starts_without_the_heavy_optional_libraries() -> None:
    """Start-up time counts against every command (HTML cleaning is held to 1.2x trafilatura's time): the
    libraries only some commands need are imported when those commands run."""
    import subprocess
    import sys

    code = ("import sys, gigatrack.cli.main; "
            "print(' '.join(m for m in ('datasketch', 'scipy', 'httpx', 'pyspark', 'psycopg') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""
