"""nnvideo is layered on top: no scene module imports it, and nnvideo/ has no file over 500 lines."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_no_scene_imports_the_pipeline():
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in _imported(path) if n.split(".")[0] == "nnvideo")
        for path in sorted((ROOT / "scenes").rglob("*.py"))
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_no_nnvideo_file_is_over_500_lines():
    lengths = {str(p.relative_to(ROOT)): len(p.read_text().splitlines()) for p in (ROOT / "nnvideo").rglob("*.py")}
    assert {path: n for path, n in lengths.items() if n > 500} == {}
