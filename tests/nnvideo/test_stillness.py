"""nnvideo.render.stillness: freezedetect read back on films made by ffmpeg with known stills."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from nnvideo.cli import main
from nnvideo.render.stillness import Still, parse_freezedetect, stillness


def _film(path: Path, still_seconds: float, moving_seconds: float) -> Path:
    """A black still of ``still_seconds`` followed by ffmpeg's moving test pattern."""
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y",
         "-f", "lavfi", "-i", f"color=black:s=160x120:d={still_seconds}:r=25",
         "-f", "lavfi", "-i", f"testsrc=s=160x120:d={moving_seconds}:r=25",
         "-filter_complex", "[0][1]concat=n=2:v=1,format=yuv420p", str(path)],
        check=True,
    )  # fmt: skip
    return path


def test_parse_closes_a_still_left_open_at_the_end():
    log = "[freezedetect] lavfi.freezedetect.freeze_start: 2\n lavfi.freezedetect.freeze_end: 7.5\nfreeze_start: 9.25"
    assert parse_freezedetect(log, 12.0) == (Still(2.0, 7.5), Still(9.25, 12.0))


def test_a_black_opening_is_one_still_of_its_length(tmp_path):
    s = stillness(_film(tmp_path / "f.mp4", 6, 3))
    assert s.duration == pytest.approx(9.0, abs=0.05)
    assert len(s.stills) == 1
    assert s.stills[0].start == pytest.approx(0.0, abs=0.05)
    assert s.longest == pytest.approx(6.0, abs=0.1)
    assert s.share == pytest.approx(6 / 9, abs=0.02)
    assert not s.passes


def test_a_moving_film_has_no_still(tmp_path):
    s = stillness(_film(tmp_path / "f.mp4", 1, 8))
    assert s.stills == () and s.share == 0.0 and s.passes


def test_cli_reports_each_film_and_fails_on_a_still_one(tmp_path):
    still = _film(tmp_path / "chapter1.mp4", 6, 3)
    moving = _film(tmp_path / "chapter2.mp4", 1, 8)
    result = CliRunner().invoke(main, ["stillness", "--media", str(tmp_path)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("chapter1.mp4") and "TOO STILL" in lines[0] and "66." in lines[0]
    assert lines[1].startswith("chapter2.mp4") and "[ok]" in lines[1]
    assert CliRunner().invoke(main, ["stillness", str(moving)]).exit_code == 0
    assert still.exists()


def test_cli_says_what_to_do_without_films(tmp_path):
    result = CliRunner().invoke(main, ["stillness", "--media", str(tmp_path)])
    assert result.exit_code != 0 and "render first" in result.output
