"""Output layout, atomic writes, MP4 boxes and the manifest merge, without rendering."""
from __future__ import annotations

import json
import struct
import subprocess
from pathlib import Path

import pytest

from nnvideo.render.assemble import AssembleError, join_videos, read_manifest, write_manifest
from nnmath.files import atomic_write
from nnvideo.render.layout import chapter_files, scene_files, segment_stem, slugify
from nnvideo.render.probe import ProbeError, mp4_top_level_boxes
from nnvideo.render.settings import QUALITIES, RenderSettings


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Introduction example", "introduction-example"), ("Why layers?", "why-layers"),
     ("ReLU vs Sigmoid", "relu-vs-sigmoid"), ("Lisha Li interview", "lisha-li-interview"),
     ("Sensitivity to weights/biases", "sensitivity-to-weights-biases"),
     ("Café — déjà vu", "cafe-deja-vu")],
)  # fmt: skip
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_slugify_rejects_a_title_without_letters():
    with pytest.raises(ValueError, match="no letters or digits"):
        slugify("?!")


def test_layout_paths(tmp_path):
    files = scene_files(tmp_path, 2, "CostFunction")
    assert files.mp4 == tmp_path / "scenes/chapter2/CostFunction.mp4"
    assert (files.srt.name, files.key.name) == ("CostFunction.srt", "CostFunction.key")
    chapter = chapter_files(tmp_path, 2)
    assert [p.name for p in (chapter.video, chapter.captions, chapter.chapters_track, chapter.poster)] == [
        "chapter2.mp4", "chapter2.vtt", "chapter2.chapters.vtt", "chapter2.jpg"
    ]
    assert chapter.segment_dir == tmp_path / "chapter2"
    assert segment_stem(1, "Introduction example") == "segment-01-introduction-example"
    with pytest.raises(ValueError, match="numbered from 1"):
        segment_stem(0, "x")


def test_atomic_write_leaves_the_old_file_when_the_writer_fails(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as temp:
            temp.write_text("half")
            raise RuntimeError("killed half-way")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_atomic_write_refuses_to_replace_with_nothing(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(FileNotFoundError, match="nothing was written"):
        with atomic_write(target):
            pass
    assert not target.exists()


def test_atomic_write_replaces_whole_file_and_keeps_suffix_of_temp(tmp_path):
    target = tmp_path / "sub" / "manifest.json"
    for text in ("first", "second"):
        with atomic_write(target) as temp:
            temp.write_text(text)
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["manifest.json"]
    with atomic_write(target) as temp:
        assert temp.suffix == ".json" and temp.name.startswith(".manifest.json.")
        temp.write_text("third")


def _box(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def test_mp4_top_level_boxes_reads_sizes_including_64_bit(tmp_path):
    large = struct.pack(">I4sQ", 1, b"mdat", 16 + 4) + b"abcd"
    path = tmp_path / "boxes.mp4"
    path.write_bytes(_box(b"ftyp", b"isom") + _box(b"moov", b"x" * 10) + large + _box(b"free"))
    assert mp4_top_level_boxes(path) == ["ftyp", "moov", "mdat", "free"]


def test_mp4_top_level_boxes_rejects_a_broken_size(tmp_path):
    path = tmp_path / "bad.mp4"
    path.write_bytes(_box(b"ftyp") + struct.pack(">I4s", 4, b"moov"))
    with pytest.raises(ProbeError, match="malformed MP4 box"):
        mp4_top_level_boxes(path)


def test_join_videos_failure_leaves_no_output(tmp_path):
    bogus = tmp_path / "not-a-video.mp4"
    bogus.write_bytes(b"this is not an mp4")
    output = tmp_path / "joined.mp4"
    with pytest.raises((AssembleError, ProbeError)):
        join_videos([bogus], output, tmp_path / "work", QUALITIES["low"])
    assert not output.exists()
    assert not list(tmp_path.glob(".joined*"))


def _entry(number: int, title: str) -> dict[str, object]:
    return {"number": number, "title": title, "segments": []}


def test_write_manifest_keeps_chapters_already_there(tmp_path):
    settings = RenderSettings(quality="low", media_root=tmp_path)
    write_manifest(settings, [_entry(2, "two"), _entry(1, "one")])
    path = write_manifest(settings, [_entry(1, "one, again")])
    manifest = json.loads(path.read_text())
    assert manifest["quality"] == "low"
    assert (manifest["resolution"], manifest["fps"]) == ([854, 480], 15)
    assert [(c["number"], c["title"]) for c in manifest["chapters"]] == [(1, "one, again"), (2, "two")]


def test_read_manifest_says_what_to_do_with_a_broken_one(tmp_path):
    assert read_manifest(tmp_path) is None
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(AssembleError, match="delete it and render again"):
        read_manifest(tmp_path)
    (tmp_path / "manifest.json").write_text("[]")
    with pytest.raises(AssembleError, match="no 'chapters' list"):
        read_manifest(tmp_path)


def test_assemble_refuses_scenes_that_cannot_be_joined_without_reencoding(tmp_path):
    from nnvideo.render.assemble import assemble_chapter
    from nnvideo.render.chapters import Chapter, Segment

    settings = RenderSettings(quality="medium", media_root=tmp_path)
    scene = scene_files(settings.out_dir, 1, "Small")
    scene.mp4.parent.mkdir(parents=True)
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=320x240:r=30:d=0.5",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", str(scene.mp4)],
        check=True,
    )  # fmt: skip
    scene.srt.write_text("")
    chapter = Chapter(1, "x.chapter1", tmp_path / "x.py", tmp_path, "T", "id", (Segment("S", ("Small",)),))
    with pytest.raises(AssembleError, match=r"Small.mp4 is h264 yuv420p 320x240@30; .* 1280x720@30"):
        assemble_chapter(chapter, settings, tmp_path / "work")
    assert not (settings.out_dir / "chapter1.mp4").exists()
