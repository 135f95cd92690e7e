"""``nnvideo digit`` through click: bad input gives a clear message, a non-zero exit and no files;
an MNIST test digit saved as PNG comes back with nnmath's prediction for the original array."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw

import nnvideo.digit as digit_pipeline
from nnmath import feedforward
from scenes.common import data
from nnvideo.render.captions import parse_srt
from nnvideo.cli import main
from nnvideo.render.probe import probe_video
from nnvideo.render.settings import QUALITIES


def run(*args: str):
    return CliRunner().invoke(main, ["digit", *args])


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def drawn_seven(path: Path) -> Path:
    image = Image.new("L", (300, 400), 255)
    ImageDraw.Draw(image).line([(70, 80), (230, 80), (120, 330)], fill=0, width=24, joint="curve")
    image.save(path)
    return path


def huge_png_header(path: Path) -> Path:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", 12_000, 12_000, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    return path


def text_file(path: Path) -> Path:
    path.write_text("not a picture")
    return path


def blank_page(path: Path) -> Path:
    Image.new("L", (400, 300), 255).save(path)
    return path


def noise(path: Path) -> Path:
    Image.fromarray(np.random.default_rng(0).integers(0, 256, (200, 200), dtype=np.uint8)).save(path)
    return path


BAD_PICTURES = {
    "text file": (text_file, "not a picture Pillow can read"),
    "blank page": (blank_page, "looks blank"),
    "noise": (noise, "no clear digit"),
    "12000 x 12000": (huge_png_header, "144 megapixels"),
}


@pytest.mark.parametrize("kind", sorted(BAD_PICTURES))
def test_bad_pictures_exit_non_zero_with_a_message_and_write_nothing(tmp_path, kind):
    make, message = BAD_PICTURES[kind]
    picture = make(tmp_path / "picture.png")
    out = tmp_path / "clips" / "clip.mp4"
    result = run(str(picture), "--out", str(out), "--quality", "low")
    assert result.exit_code == 1
    assert message in result.output and "Error:" in result.output
    assert files_in(out.parent) == []


@pytest.mark.parametrize("label", ["12", "-1", "seven"])
def test_a_label_outside_0_to_9_is_refused(tmp_path, label):
    result = run(str(drawn_seven(tmp_path / "seven.png")), "--label", label, "--out", str(tmp_path / "c.mp4"))
    assert result.exit_code == 2
    assert "--label" in result.output and ("0<=x<=9" in result.output or "is not a valid integer" in result.output)
    assert not (tmp_path / "c.mp4").exists()


def test_a_missing_picture(tmp_path):
    result = run(str(tmp_path / "nowhere.png"), "--out", str(tmp_path / "c.mp4"))
    assert result.exit_code == 1 and "no such file" in result.output


def test_out_must_be_an_mp4(tmp_path):
    result = run(str(drawn_seven(tmp_path / "seven.png")), "--out", str(tmp_path / "clip.gif"))
    assert result.exit_code == 1 and "ending in .mp4" in result.output


def test_quality_presets_are_nnvideo_renders(tmp_path):
    result = run(str(drawn_seven(tmp_path / "seven.png")), "--quality", "ultra")
    assert result.exit_code == 2
    for name in QUALITIES:
        assert name in result.output


def test_a_failed_render_leaves_no_partial_clip(tmp_path, monkeypatch):
    def manim_crashes(inputs_path, quality, scratch, voice="joe"):
        assert inputs_path.is_file()
        (scratch / "DigitClip.mp4").write_bytes(b"half a video")
        raise digit_pipeline.DigitRenderError("manim failed to render the clip (exit 1):\nboom")

    monkeypatch.setattr(digit_pipeline, "_run_manim", manim_crashes)
    out = tmp_path / "clips" / "seven.mp4"
    result = run(str(drawn_seven(tmp_path / "seven.png")), "--out", str(out), "--quality", "low")
    assert result.exit_code == 1 and "boom" in result.output
    assert files_in(out.parent) == []


@pytest.mark.slow
@pytest.mark.mnist
def test_an_mnist_digit_saved_as_png_gets_nnmaths_prediction(tmp_path):
    """End to end at low quality, quick preview: the clip, its poster and captions, and the answer."""
    index = 0
    original = data.digit("test", index)
    label = data.label("test", index)
    expected = int(feedforward(data.network(), original).prediction)
    png = tmp_path / f"mnist-test-{index}.png"
    Image.fromarray(np.round(original.reshape(28, 28) * 255).astype(np.uint8)).save(png)
    out = tmp_path / "clips" / "mnist.mp4"

    result = run(str(png), "--label", str(label), "--out", str(out), "--quality", "low", "--quick")

    assert result.exit_code == 0, result.output
    assert f"the network reads {expected} " in result.output
    assert result.stdout.strip().splitlines()[-1] == str(out)
    assert files_in(out.parent) == ["mnist.jpg", "mnist.mp4", "mnist.vtt"]
    video = probe_video(out)
    low = QUALITIES["low"]
    assert (video.codec, video.width, video.height, video.fps) == ("h264", low.width, low.height, low.fps)
    assert 2.0 < video.duration < 20.0
    captions = (out.with_suffix(".vtt")).read_text(encoding="utf-8")
    assert captions.startswith("WEBVTT")
    cues = parse_srt(captions.replace("WEBVTT", "", 1))
    texts = " ".join(cue.text for cue in cues)
    assert f"It reads {expected}." in texts and "chain rule" in texts
    with Image.open(out.with_suffix(".jpg")) as poster:
        assert poster.size == (low.width, low.height)
