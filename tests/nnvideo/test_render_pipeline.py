"""``nnvideo render`` end to end on the tiny sample chapter at low quality.

Renders ``sample_chapter.py`` (3 scenes, 3.4 s of 480p15 video) through the
real path: manim processes, cache, ffmpeg join, captions, poster, manifest.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result
from PIL import Image

from nnvideo.render.captions import parse_srt, shift_cues
from nnvideo.cli import main
from nnvideo.render.probe import mp4_top_level_boxes, probe_video

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).with_name("sample_chapter.py")
SCENES = ["RedCircle", "BlueSquare", "GreenTriangle"]

FAILING_CHAPTER = '''
import os
import signal

from manim import Circle, Create, Scene

TITLE = "Failing chapter"
YOUTUBE_ID = "fail0000000"


class StillFine(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.4)


class Broken(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.4)
        raise ValueError("this scene is broken on purpose")


class KilledHalfway(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.4)
        os.kill(os.getpid(), signal.SIGKILL)  # as if the machine stopped mid-render
        self.play(Create(Circle()), run_time=0.4)


SEGMENTS = [("Fine", [StillFine]), ("Not fine", [Broken, KilledHalfway])]
'''


SLEEPY_CHAPTER = '''
import time

from manim import Circle, Create, Scene

TITLE = "Sleepy chapter"
YOUTUBE_ID = "sleep000000"


class Quick(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.4)


class Sleepy(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.4)
        time.sleep(120)  # still rendering when the run is terminated


SEGMENTS = [("Only", [Quick, Sleepy])]
'''


@dataclass
class SampleProject:
    """A package of chapter modules on sys.path and an output root."""

    root: Path
    package: str
    media: Path

    @property
    def out(self) -> Path:
        return self.media / "low"

    def write_chapter(self, number: int, source: str) -> Path:
        path = self.root / self.package / f"chapter{number}.py"
        path.write_text(source)
        return path

    def render(self, *args: str) -> Result:
        # The shared package is the sample's own, so edits elsewhere in the checkout
        # (scenes/common, nnmath) do not change the keys between two runs of a test.
        return CliRunner().invoke(
            main,
            ["render", "--quality", "low", "--jobs", "2", "--media-dir", str(self.media),
             "--module-pattern", f"{self.package}.chapter{{number}}",
             "--shared-package", f"{self.package}.common", *args],
        )  # fmt: skip


def _project(root: Path, monkeypatch: pytest.MonkeyPatch) -> SampleProject:
    package = f"sample_{uuid.uuid4().hex[:8]}"
    (root / package).mkdir(parents=True)
    (root / package / "__init__.py").write_text("")
    (root / package / "common").mkdir()
    (root / package / "common" / "__init__.py").write_text("SIZE = 1\n")
    monkeypatch.syspath_prepend(str(root))
    return SampleProject(root, package, root / "media")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SampleProject, Result]]:
    """The sample chapter as chapter 1, rendered once for this module's tests."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        project = _project(tmp_path_factory.mktemp("render"), monkeypatch)
        project.write_chapter(1, SAMPLE.read_text())
        yield project, project.render("--chapter", "1")


def test_render_succeeds_and_writes_the_layout(sample):
    project, result = sample
    assert result.exit_code == 0, result.output
    assert "3 scenes rendered, 0 cached, 0 failures" in result.output
    for scene in SCENES:
        for suffix in (".mp4", ".srt", ".key"):
            assert (project.out / "scenes" / "chapter1" / f"{scene}{suffix}").is_file()
    manifest = json.loads((project.out / "manifest.json").read_text())
    assert (manifest["quality"], manifest["resolution"], manifest["fps"]) == ("low", [854, 480], 15)
    [chapter] = manifest["chapters"]
    assert {k: v for k, v in chapter.items() if k not in ("duration", "segments")} == {
        "number": 1, "title": "Sample chapter", "youtube_id": "sample00000",
        "video": "chapter1.mp4", "poster": "chapter1.jpg", "captions": "chapter1.vtt",
        "chapters_track": "chapter1.chapters.vtt",
    }  # fmt: skip
    assert [(s["title"], s["clip"], s["captions"]) for s in chapter["segments"]] == [
        ("Introduction example", "chapter1/segment-01-introduction-example.mp4",
         "chapter1/segment-01-introduction-example.vtt"),
        ("Why layers?", "chapter1/segment-02-why-layers.mp4", "chapter1/segment-02-why-layers.vtt"),
    ]  # fmt: skip
    for relative in [chapter["video"], chapter["poster"], chapter["captions"], chapter["chapters_track"]]:
        assert (project.out / relative).is_file()
    assert not list(project.out.rglob(".*.tmp*")), "temporary files left behind"


def _scene_durations(project: SampleProject) -> list[float]:
    return [probe_video(project.out / "scenes/chapter1" / f"{s}.mp4").duration for s in SCENES]


def test_joined_video_is_the_scenes_end_to_end_h264_yuv420p_faststart(sample):
    project, _ = sample
    durations = _scene_durations(project)
    assert durations == pytest.approx([1.4, 1.2, 0.8], abs=1 / 15)  # the sample's run times
    joined = probe_video(project.out / "chapter1.mp4")
    assert joined.duration == pytest.approx(sum(durations), abs=1e-3)
    assert (joined.codec, joined.pix_fmt, joined.width, joined.height, joined.fps) == (
        "h264", "yuv420p", 854, 480, 15.0
    )
    boxes = mp4_top_level_boxes(project.out / "chapter1.mp4")
    assert boxes.index("moov") < boxes.index("mdat")
    manifest = json.loads((project.out / "manifest.json").read_text())
    assert manifest["chapters"][0]["duration"] == pytest.approx(sum(durations), abs=1e-3)


def test_segments_start_where_their_scenes_do_and_have_their_own_clips(sample):
    project, _ = sample
    durations = _scene_durations(project)
    segments = json.loads((project.out / "manifest.json").read_text())["chapters"][0]["segments"]
    assert [s["start"] for s in segments] == pytest.approx([0.0, durations[0] + durations[1]], abs=1e-3)
    assert [s["duration"] for s in segments] == pytest.approx(
        [durations[0] + durations[1], durations[2]], abs=1e-3
    )
    for segment in segments:
        clip = probe_video(project.out / segment["clip"])
        assert clip.duration == pytest.approx(segment["duration"], abs=1e-3)
        assert mp4_top_level_boxes(project.out / segment["clip"]).index("moov") == 1
    track = (project.out / "chapter1.chapters.vtt").read_text()
    assert track.startswith("WEBVTT\n")
    cues = parse_srt(track.removeprefix("WEBVTT"))
    assert [(c.text, c.start) for c in cues] == [
        (s["title"], pytest.approx(s["start"], abs=1e-3)) for s in segments
    ]


def test_captions_are_each_scenes_srt_shifted_by_its_offset(sample):
    project, _ = sample
    durations = _scene_durations(project)
    offsets = np.concatenate([[0.0], np.cumsum(durations)[:-1]])
    expected = []
    for scene, offset in zip(SCENES, offsets):
        srt = (project.out / "scenes/chapter1" / f"{scene}.srt").read_text()
        expected += shift_cues(parse_srt(srt), float(offset))
    assert [c.text for c in expected] == ["A red circle", "A blue square", "It stays still", "A green triangle"]
    vtt = (project.out / "chapter1.vtt").read_text()
    assert vtt.startswith("WEBVTT\n")
    got = parse_srt(vtt.removeprefix("WEBVTT"))
    assert [(c.text, round(c.start, 3), round(c.end, 3)) for c in got] == [
        (c.text, round(c.start, 3), round(c.end, 3)) for c in expected
    ]
    second = parse_srt((project.out / "chapter1/segment-02-why-layers.vtt").read_text().removeprefix("WEBVTT"))
    assert [(c.text, c.start) for c in second] == [("A green triangle", 0.0)]


def test_poster_is_a_lit_frame_of_the_first_scene(sample):
    project, _ = sample
    with Image.open(project.out / "chapter1.jpg") as image:
        assert (image.format, image.size) == ("JPEG", (854, 480))
        pixels = np.asarray(image.convert("RGB"))
    lit = pixels.max(axis=2) > 24
    assert lit.mean() > 0.01
    red, green, blue = pixels[lit].mean(axis=0)
    assert red > green + 50 and red > blue + 50  # the red circle, middle of the first scene


def test_render_report_has_seconds_per_scene(sample):
    project, _ = sample
    report = json.loads((project.out / "render-report.json").read_text())
    assert (report["quality"], report["scenes_rendered"], report["scenes_failed"]) == ("low", 3, 0)
    rows = {row["scene"]: row for row in report["scenes"]}
    assert set(rows) == set(SCENES)
    for scene, duration in zip(SCENES, _scene_durations(project)):
        row = rows[scene]
        assert row["status"] == "rendered"
        assert row["video_seconds"] == pytest.approx(duration, abs=1e-3)
        assert row["render_seconds"] > 0
        assert row["render_seconds_per_video_second"] == pytest.approx(
            row["render_seconds"] / row["video_seconds"], rel=1e-2
        )
        assert 0 < row["cpu_seconds"] < 2 * row["render_seconds"] + 1  # at most ~2 cores busy


def test_second_run_renders_nothing_and_an_edit_renders_again(sample):
    project, _ = sample
    scene_mp4s = [project.out / "scenes/chapter1" / f"{s}.mp4" for s in SCENES]
    joined = project.out / "chapter1.mp4"
    before = [p.stat().st_mtime_ns for p in scene_mp4s]
    joined_before = joined.stat().st_mtime_ns
    manifest_before = json.loads((project.out / "manifest.json").read_text())
    again = project.render("--chapter", "1")
    assert again.exit_code == 0, again.output
    assert "0 scenes rendered, 3 cached" in again.output
    assert [p.stat().st_mtime_ns for p in scene_mp4s] == before
    assert joined.stat().st_mtime_ns == joined_before  # nothing changed: not joined again
    assert json.loads((project.out / "manifest.json").read_text()) == manifest_before
    report = json.loads((project.out / "render-report.json").read_text())
    assert {row["status"] for row in report["scenes"]} == {"cached"}
    assert all(row["render_seconds"] > 0 and row["cpu_seconds"] > 0 for row in report["scenes"])  # kept

    shared = project.root / project.package / "common" / "__init__.py"
    shared.write_text("SIZE = 2  # an edit to shared code changes every key\n")
    edited = project.render("--chapter", "1")
    assert edited.exit_code == 0, edited.output
    assert "3 scenes rendered, 0 cached" in edited.output
    assert all(p.stat().st_mtime_ns > t for p, t in zip(scene_mp4s, before))
    assert joined.stat().st_mtime_ns > joined_before  # new scenes: joined again


def test_failed_scenes_are_reported_and_the_others_finish(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    project.write_chapter(1, textwrap.dedent(FAILING_CHAPTER))
    # An earlier complete chapter must survive a failing run untouched.
    project.out.mkdir(parents=True)
    old_manifest = {"quality": "low", "resolution": [854, 480], "fps": 15,
                    "chapters": [{"number": 1, "title": "old"}, {"number": 3, "title": "kept"}]}  # fmt: skip
    (project.out / "manifest.json").write_text(json.dumps(old_manifest))

    result = project.render()
    assert result.exit_code == 1
    assert "this scene is broken on purpose" in result.output  # the traceback's last lines
    assert "chapter1 KilledHalfway failed" in result.output
    assert "chapter 1 not assembled: Broken, KilledHalfway failed" in result.output
    assert "chapter 2: no module" in result.output  # default run skips missing chapters

    scenes = project.out / "scenes/chapter1"
    assert sorted(p.name for p in scenes.iterdir()) == ["StillFine.key", "StillFine.mp4", "StillFine.srt"]
    assert probe_video(scenes / "StillFine.mp4").duration == pytest.approx(0.4, abs=1 / 15)
    assert not (project.out / "chapter1.mp4").exists()
    assert json.loads((project.out / "manifest.json").read_text()) == old_manifest
    report = json.loads((project.out / "render-report.json").read_text())
    status = {row["scene"]: (row["status"], row["error"]) for row in report["scenes"]}
    assert status["StillFine"] == ("rendered", None)
    assert "broken on purpose" in status["Broken"][1]
    assert status["KilledHalfway"][0] == "failed"
    assert not list((project.out / ".work").iterdir())  # scratch space cleaned up


def _children(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    return children


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state == "Z"


def test_a_terminated_run_stops_manim_and_leaves_no_partial_files(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    project.write_chapter(1, textwrap.dedent(SLEEPY_CHAPTER))
    environment = dict(os.environ, PYTHONPATH=str(tmp_path))
    command = [
        sys.executable, "-c", "from nnvideo.cli import main; main()", "render",
        "--quality", "low", "--jobs", "2", "--media-dir", str(project.media),
        "--module-pattern", f"{project.package}.chapter{{number}}",
        "--shared-package", f"{project.package}.common",
    ]  # fmt: skip
    run = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    scenes = project.out / "scenes/chapter1"
    deadline = time.monotonic() + 60
    while not (scenes / "Quick.key").exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    try:
        assert (scenes / "Quick.key").exists(), run.stderr.read() if run.poll() is not None else "timeout"
        manim = _children(run.pid)
        assert manim, "the Sleepy scene's manim process should still be running"
        run.send_signal(signal.SIGTERM)
        assert run.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
        run.stdout.close()
        run.stderr.close()
    deadline = time.monotonic() + 10
    while not all(_gone(pid) for pid in manim) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_gone(pid) for pid in manim), "manim processes outlived the terminated run"
    assert sorted(p.name for p in scenes.iterdir()) == ["Quick.key", "Quick.mp4", "Quick.srt"]
    assert probe_video(scenes / "Quick.mp4").duration == pytest.approx(0.4, abs=1 / 15)
    assert not (project.out / "chapter1.mp4").exists()
    assert not [p for p in project.out.rglob("*") if p.is_file() and ".tmp" in p.name]
    assert not list((project.out / ".work").iterdir())


def test_a_relative_media_dir_works_as_make_video_uses_it(tmp_path, monkeypatch):
    # make video runs `nnvideo render` with the default, relative media root; manim runs in
    # its own scratch folder, so every path handed to it must be absolute.
    project = _project(tmp_path, monkeypatch)
    project.write_chapter(1, SAMPLE.read_text())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main,
        ["render", "--quality", "low", "--jobs", "2", "--media-dir", "media", "--chapter", "1",
         "--module-pattern", f"{project.package}.chapter{{number}}",
         "--shared-package", f"{project.package}.common"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert probe_video(tmp_path / "media/low/chapter1.mp4").duration > 0
