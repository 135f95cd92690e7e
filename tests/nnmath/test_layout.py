"""nnmath stays a small numpy-only core: short modules, no chapter modules, no manim."""
import subprocess
import sys
from pathlib import Path

import nnmath

PACKAGE = Path(nnmath.__file__).parent
CHAPTER_MODULES = {
    "analysis", "landscape", "gradient_reading", "learning_runs", "probes", "convolution", "experiments",
    "nudge_effects", "descent_paths", "partials", "chain_paths", "gradcheck",
}


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_module_is_over_500_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in _modules() if (n := len(p.read_text().splitlines())) > 500}
    assert long == {}


def test_the_chapters_computations_live_beside_the_chapters():
    assert {p.stem for p in _modules()} & CHAPTER_MODULES == set()


def test_every_module_imports_without_manim():
    names = [
        ".".join(("nnmath",) + p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for p in _modules()
        if p.name != "__main__.py"
    ]
    code = f"import importlib, sys\nfor n in {names!r}: importlib.import_module(n)\nprint('manim' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_public_names_are_exported():
    assert all(hasattr(nnmath, name) for name in nnmath.__all__)
    for name in ("forward_from", "layer_activation", "labelled_data", "atomic_write", "parameter_index", "IMAGE_SIDE"):
        assert name in nnmath.__all__
