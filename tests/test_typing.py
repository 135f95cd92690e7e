"""mypy --strict holds on nnmath and nnvideo (configured in pyproject.toml)."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mypy_strict_is_clean_on_nnmath_and_the_pipeline():
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.slow
def test_mypy_strict_is_clean_on_nnmath_alone():
    """nnmath installs on its own (numpy only), so it must type-check without the rest of the project."""
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--strict", "-p", "nnmath"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
