"""``nnvideo render --scheduler``: scenes as tasks on a Dask cluster (a LocalCluster of two worker processes).

The cluster renders the tiny sample chapter; the client keeps the keys and the
assembly. Checked: the same chapter as a local render, the same cache, a worker
killed in the middle of a scene, an unreachable scheduler, a worker with another
project, and the files (speech log included) a worker sends back.
"""
from __future__ import annotations

import json
import logging
import textwrap
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from nnvideo.cli import main
from nnvideo.render import cluster
from nnvideo.render.captions import parse_srt
from nnvideo.render.chapters import load_chapter
from nnvideo.render.keys import cache_key, environment_fingerprint, shared_fingerprint
from nnvideo.render.probe import probe_video
from nnvideo.render.run import SceneJob
from nnvideo.render.settings import RenderSettings
from scenes.common.narration import speech_log_path

distributed = pytest.importorskip("distributed")

SAMPLE = Path(__file__).with_name("sample_chapter.py")
SCENES = ["RedCircle", "BlueSquare", "GreenTriangle"]
FRAME = 1 / 15  # low quality

KILLER_CHAPTER = '''
import os
import signal
from pathlib import Path

from manim import Circle, Create, Scene, Square

TITLE = "Killer chapter"
YOUTUBE_ID = "killer00000"
MARKS = Path({marks!r})


class Survivor(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.4)


class KillsItsWorker(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.4)
        attempt = len(list(MARKS.iterdir())) + 1
        (MARKS / f"attempt-{{attempt}}-worker-{{os.getppid()}}").touch()
        if attempt == 1:  # the first worker to try dies in the middle of the scene
            os.kill(os.getppid(), signal.SIGKILL)
            os._exit(1)
        self.play(Create(Square()), run_time=0.4)


SEGMENTS = [("Only", [Survivor, KillsItsWorker])]
'''


@dataclass
class Project:
    """A package of chapter modules importable here and on the workers, and two output roots."""

    root: Path
    package: str

    def write_chapter(self, number: int, source: str) -> None:
        (self.root / self.package / f"chapter{number}.py").write_text(source)

    def out(self, media: str) -> Path:
        return self.root / media / "low"

    def render(self, media: str, *args: str) -> Result:
        return CliRunner().invoke(
            main,
            ["render", "--quality", "low", "--jobs", "2", "--voice", "none",
             "--media-dir", str(self.root / media), "--module-pattern", f"{self.package}.chapter{{number}}",
             "--shared-package", f"{self.package}.common", *args],
        )  # fmt: skip


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    root = tmp_path_factory.mktemp("cluster")
    package = f"sample_{uuid.uuid4().hex[:8]}"
    (root / package / "common").mkdir(parents=True)
    (root / package / "__init__.py").write_text("")
    (root / package / "common" / "__init__.py").write_text("SIZE = 1\n")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.syspath_prepend(str(root))  # spawned workers get this sys.path too
        monkeypatch.setenv("PYTHONPATH", str(root))
        yield Project(root, package)


@pytest.fixture(scope="module")
def scheduler(project: Project) -> Iterator[str]:
    """A LocalCluster of two single-threaded worker processes, started after the project is importable."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as local:  # fmt: skip
        yield local.scheduler_address


def _captions(out: Path, chapter: int) -> str:
    return (out / f"chapter{chapter}.vtt").read_text()


@pytest.mark.slow
def test_a_cluster_render_equals_a_local_render_and_shares_its_cache(project, scheduler):
    project.write_chapter(1, SAMPLE.read_text())
    remote = project.render("cluster-media", "--chapter", "1", "--scheduler", scheduler)
    assert remote.exit_code == 0, remote.output
    assert "3 scenes rendered, 0 cached, 0 failures" in remote.output
    assert "[3/3]" in remote.output and "chapter1 RedCircle: rendered in" in remote.output  # progress as today
    local = project.render("local-media", "--chapter", "1")
    assert local.exit_code == 0, local.output

    there, here = project.out("cluster-media"), project.out("local-media")
    manifests = [json.loads((out / "manifest.json").read_text()) for out in (there, here)]
    for manifest in manifests:
        for chapter in manifest["chapters"]:
            chapter.pop("duration")
            for segment in chapter["segments"]:
                segment.pop("duration", None)
                segment.pop("start", None)
    assert manifests[0] == manifests[1]  # same scenes, segments, titles, files
    for scene in SCENES:
        assert probe_video(there / "scenes/chapter1" / f"{scene}.mp4").duration == pytest.approx(
            probe_video(here / "scenes/chapter1" / f"{scene}.mp4").duration, abs=FRAME)
        assert parse_srt((there / "scenes/chapter1" / f"{scene}.srt").read_text()) == parse_srt(
            (here / "scenes/chapter1" / f"{scene}.srt").read_text())
        assert (there / "scenes/chapter1" / f"{scene}.key").read_text() == (
            here / "scenes/chapter1" / f"{scene}.key").read_text()  # the same cache keys
    assert probe_video(there / "chapter1.mp4").duration == pytest.approx(
        probe_video(here / "chapter1.mp4").duration, abs=FRAME)
    assert _captions(there, 1) == _captions(here, 1)
    assert not [p for p in there.rglob("*") if p.is_file() and ".tmp" in p.name]

    again = project.render("cluster-media", "--chapter", "1", "--scheduler", scheduler)
    assert again.exit_code == 0, again.output
    assert "0 scenes rendered, 3 cached" in again.output  # the cache decides, not the cluster


@pytest.mark.slow
def test_a_worker_killed_mid_scene_has_its_task_retried_elsewhere_and_leaves_no_partial_file(project, scheduler):
    marks = project.root / "marks"
    marks.mkdir()
    project.write_chapter(2, textwrap.dedent(KILLER_CHAPTER.format(marks=str(marks))))
    result = project.render("killer-media", "--chapter", "2", "--scheduler", scheduler)
    assert result.exit_code == 0, result.output
    assert "2 scenes rendered, 0 cached, 0 failures" in result.output
    attempts = sorted(p.name for p in marks.iterdir())
    assert len(attempts) == 2 and attempts[0].startswith("attempt-1-") and attempts[1].startswith("attempt-2-")
    assert attempts[0].split("-worker-")[1] != attempts[1].split("-worker-")[1]  # another worker process
    out = project.out("killer-media")
    scenes = out / "scenes/chapter2"
    assert sorted(p.name for p in scenes.iterdir()) == [
        "KillsItsWorker.key", "KillsItsWorker.mp4", "KillsItsWorker.srt",
        "Survivor.key", "Survivor.mp4", "Survivor.srt",
    ]  # fmt: skip
    assert probe_video(scenes / "KillsItsWorker.mp4").duration == pytest.approx(0.8, abs=FRAME)  # the whole scene
    assert not [p for p in out.rglob("*") if p.is_file() and ".tmp" in p.name]
    assert (out / "chapter2.mp4").is_file()


def test_an_unreachable_scheduler_is_a_clear_error(project, monkeypatch):
    project.write_chapter(3, SAMPLE.read_text())
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    result = project.render("nowhere-media", "--chapter", "3", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "dask scheduler" in result.output and "Traceback" not in result.output
    assert not (project.out("nowhere-media") / "scenes").exists()


def _task(project: Project, number: int, scene: str, key: str | None = None) -> tuple[cluster.SceneTask, str]:
    settings = RenderSettings(quality="low", voice="none", shared_packages=(f"{project.package}.common",))
    chapter = load_chapter(number, f"{project.package}.chapter{number}")
    environment = cluster.scene_environment(settings)
    right = cache_key(chapter, scene, settings, shared_fingerprint(settings.shared_packages),
                      environment_fingerprint(environment))  # fmt: skip
    return cluster.SceneTask(number, chapter.module, scene, key or right, settings, environment), right


def test_a_worker_whose_project_differs_refuses_to_render(project):
    project.write_chapter(4, SAMPLE.read_text())
    task, right = _task(project, 4, "RedCircle", key="0" * 64)
    rendered = cluster.render_on_worker(task)
    assert rendered.mp4 is None
    assert f"with key {right[:12]}" in rendered.error and "install the same commit" in rendered.error


def test_the_workers_files_are_placed_with_the_speech_log_and_the_key_last(project, tmp_path):
    project.write_chapter(4, SAMPLE.read_text())
    task, key = _task(project, 4, "RedCircle")
    settings = RenderSettings(quality="low", voice="none", media_root=tmp_path)
    job = SceneJob(load_chapter(4, task.module), "RedCircle", key)
    rendered = cluster.RenderedScene("w1", 2.0, 1.5, 1.4, b"video", b"1\n00:00:00,000 --> 00:00:01,000\nHi\n",
                                     b'{"voice": "joe", "lines": []}\n')  # fmt: skip
    result = cluster.place_scene(job, settings, rendered)
    scenes = tmp_path / "low/scenes/chapter4"
    assert (result.status, result.render_seconds, result.video_seconds) == ("rendered", 2.0, 1.4)
    assert (scenes / "RedCircle.mp4").read_bytes() == b"video"
    assert speech_log_path(scenes / "RedCircle.mp4").read_bytes() == rendered.speech
    assert (scenes / "RedCircle.key").read_text() == key + "\n"

    silent = cluster.RenderedScene("w2", 2.0, 1.5, 1.4, b"video 2", b"", None)
    cluster.place_scene(job, settings, silent)
    assert not speech_log_path(scenes / "RedCircle.mp4").exists()  # a stale speech log goes

    failed = cluster.place_scene(job, settings, cluster.RenderedScene("w3", None, None, None, None, b"", None, "boom"))
    assert failed.status == "failed" and "boom" in failed.error and "w3" in failed.error
    assert failed.render_seconds == 0.0  # never ran: the progress line still has a number to print
    assert (scenes / "RedCircle.mp4").read_bytes() == b"video 2"  # a failure leaves the placed files alone
