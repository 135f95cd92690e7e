"""Render the chapters' scenes with manim, in parallel, cached, then assemble them.

Each scene renders in its own manim process (:mod:`nnvideo.render.runner`),
``settings.jobs`` at a time. A scene is skipped when its ``.key`` file holds
the key it would get (:mod:`nnvideo.render.keys`: core nnmath, scenes/common,
its own chapter package, the scene environment, the quality, the manim
version). Finished files are moved into place with :func:`os.replace`, so a
killed run never leaves a truncated output.
"""
from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from nnmath.files import atomic_write
from nnvideo.render.assemble import AssembleError, assemble_chapter, write_manifest
from nnvideo.render.chapters import Chapter, ChapterError, chapter_numbers, find_chapters
from nnvideo.render.keys import cache_key, environment_fingerprint, is_cached, shared_fingerprint
from nnvideo.render.layout import REPORT_NAME, WORK_DIR_NAME, scene_files
from nnvideo.render.probe import probe_video
from nnvideo.render.progress import Progress, ProgressClock
from nnvideo.render.runner import ProcessRegistry, run_manim
from nnvideo.render.settings import RenderSettings
from scenes.common.narration import speech_log_path

__all__ = [
    "SceneJob",
    "SceneResult",
    "RunSummary",
    "render_scene",
    "render_scenes",
    "render_chapters",
]

SceneStatus = Literal["rendered", "cached", "failed"]


@dataclass(frozen=True)
class SceneJob:
    """One scene to render: where its class lives and the key its output must carry."""

    chapter: Chapter
    scene: str
    key: str


@dataclass(frozen=True)
class SceneResult:
    """What happened to one scene.

    Attributes
    ----------
    chapter : int
        Chapter number.
    scene : str
        Scene class name.
    status : {"rendered", "cached", "failed"}
        ``cached``: its files already carried this key; nothing ran.
    key : str
        Its cache key.
    render_seconds : float or None
        Wall time of the manim process (for cached scenes, the time measured
        when it was rendered, if the previous report has it).
    video_seconds : float or None
        Duration of the rendered file; None if it failed.
    error : str or None
        For a failed scene, the last lines of manim's traceback.
    cpu_seconds : float or None
        User + system CPU time of the manim process and the processes it
        waited for (LaTeX); unlike ``render_seconds`` it does not grow when
        other work shares the machine. Carried over like ``render_seconds``.
    """

    chapter: int
    scene: str
    status: SceneStatus
    key: str
    render_seconds: float | None
    video_seconds: float | None
    error: str | None = None
    cpu_seconds: float | None = None


@dataclass(frozen=True)
class RunSummary:
    """The outcome of :func:`render_chapters`.

    Attributes
    ----------
    scenes : list of SceneResult
        In chapter and timeline order.
    assembled : list of int
        Chapters whose video, captions and clips were written.
    notes : list of str
        Skipped chapter modules and chapters left unassembled.
    failures : list of str
        One message per failed scene or chapter; empty if all went well.
    manifest : Path or None
        ``manifest.json`` if it was written.
    report : Path
        ``render-report.json``.
    wall_seconds : float
        Duration of the whole run.
    """

    scenes: list[SceneResult]
    assembled: list[int]
    notes: list[str]
    failures: list[str]
    manifest: Path | None
    report: Path
    wall_seconds: float

    @property
    def ok(self) -> bool:
        """True if no scene or chapter failed."""
        return not self.failures


# -- one scene ----------------------------------------------------------------


def render_scene(
    job: SceneJob,
    settings: RenderSettings,
    work_dir: Path,
    registry: ProcessRegistry | None = None,
) -> SceneResult:
    """Render one scene in a manim process and move its files into place.

    Parameters
    ----------
    job : SceneJob
        The scene and its cache key.
    settings : RenderSettings
        Quality and output folder.
    work_dir : Path
        Scratch folder on the output's file system; the scene gets its own
        ``--media_dir`` inside it, removed afterwards.
    registry : ProcessRegistry, optional
        Records the running process so that an interrupted run can stop it.

    Returns
    -------
    SceneResult
        ``rendered`` with its timing, or ``failed`` with the last lines of the
        traceback; a failure never raises.
    """
    number = job.chapter.number
    files = scene_files(settings.out_dir, number, job.scene)
    with tempfile.TemporaryDirectory(prefix=f"ch{number}-{job.scene}-", dir=work_dir) as scratch_name:
        run = run_manim(
            job.chapter.scene_source(job.scene), job.scene, settings.preset, Path(scratch_name),
            job.chapter.import_root, max_inflight_encoders=settings.max_inflight_encoders, registry=registry,
            environment=settings.scene_environment(),
        )  # fmt: skip
        seconds, cpu = run.seconds, run.cpu_seconds

        def failed(error: str) -> SceneResult:
            return SceneResult(number, job.scene, "failed", job.key, seconds, None, error, cpu)

        mp4 = run.video
        if mp4 is None:
            return failed(run.error(job.scene) or "manim wrote no video")
        try:
            video_seconds = probe_video(mp4).duration
        except Exception as error:  # a corrupt file is this scene's failure, not the run's
            return failed(f"{type(error).__name__}: {error}")
        srt = mp4.with_suffix(".srt")
        if not srt.exists():
            srt.write_text("", encoding="utf-8")  # no subcaptions: an empty track
        files.mp4.parent.mkdir(parents=True, exist_ok=True)
        files.key.unlink(missing_ok=True)  # the key goes last: old key never vouches for new files
        os.replace(srt, files.srt)
        os.replace(mp4, files.mp4)
        _move_speech_log(mp4, files.mp4)
        with atomic_write(files.key) as temp:
            temp.write_text(job.key + "\n", encoding="utf-8")
    return SceneResult(number, job.scene, "rendered", job.key, seconds, video_seconds, None, cpu)


def _move_speech_log(rendered: Path, placed: Path) -> None:
    """Move the scene's speech log (what it said, when) beside its placed MP4, or drop a stale one."""
    log, target = speech_log_path(rendered), speech_log_path(placed)
    if log.exists():
        os.replace(log, target)
    else:
        target.unlink(missing_ok=True)


# -- many scenes --------------------------------------------------------------


def _previous_timings(settings: RenderSettings) -> dict[tuple[int, str, str], tuple[float, float | None]]:
    """(render seconds, CPU seconds) of each scene of the last report, by (chapter, scene, key)."""
    path = settings.out_dir / REPORT_NAME
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        return {
            (int(row["chapter"]), str(row["scene"]), str(row["key"])): (
                float(row["render_seconds"]),
                None if row.get("cpu_seconds") is None else float(row["cpu_seconds"]),
            )
            for row in report.get("scenes", [])
            if row.get("render_seconds") is not None and row.get("status") != "failed"
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def render_scenes(
    jobs: Sequence[SceneJob],
    settings: RenderSettings,
    work_dir: Path,
    on_progress: Callable[[Progress], None] | None = None,
    render_one: Callable[[SceneJob, RenderSettings, Path, ProcessRegistry], SceneResult] | None = None,
    slots: int | None = None,
) -> list[SceneResult]:
    """Render every job not already cached, ``settings.jobs`` (or ``slots``) at a time.

    Parameters
    ----------
    jobs : sequence of SceneJob
        Scenes to bring up to date.
    settings : RenderSettings
        Quality, parallelism, output folder.
    work_dir : Path
        Scratch folder on the output's file system.
    on_progress : callable, optional
        Called with a :class:`~nnvideo.render.progress.Progress` after each scene.
    render_one : callable, optional
        Renders one job and places its files (default :func:`render_scene`, here;
        :mod:`nnvideo.render.cluster` passes one that runs it on a Dask worker).
    slots : int, optional
        Scenes rendered at once instead of ``settings.jobs`` (a cluster's threads).

    Returns
    -------
    list of SceneResult
        In the order of ``jobs``. If the run is interrupted, the manim
        processes are stopped and the exception propagates.
    """
    previous = _previous_timings(settings)
    results: dict[int, SceneResult] = {}
    pending = []
    for index, job in enumerate(jobs):
        if is_cached(job.chapter.number, job.scene, job.key, settings):
            files = scene_files(settings.out_dir, job.chapter.number, job.scene)
            render_seconds, cpu_seconds = previous.get(
                (job.chapter.number, job.scene, job.key), (None, None)
            )
            results[index] = SceneResult(
                job.chapter.number, job.scene, "cached", job.key, render_seconds,
                probe_video(files.mp4).duration, None, cpu_seconds,
            )  # fmt: skip
        else:
            pending.append(index)
    slots = slots or settings.jobs
    clock = ProgressClock(total=len(jobs), to_render=len(pending), jobs=slots)

    def report(result: SceneResult) -> None:
        if on_progress is None:
            return
        name = f"chapter{result.chapter} {result.scene}"
        if result.status == "cached":
            on_progress(clock.finish(f"{name}: cached", None))
        elif result.status == "rendered":
            on_progress(clock.finish(f"{name}: rendered in {result.render_seconds:.1f} s", result.render_seconds))
        else:
            on_progress(clock.finish(f"{name}: FAILED after {result.render_seconds:.1f} s", result.render_seconds))

    for index in sorted(results):
        report(results[index])
    registry = ProcessRegistry()
    executor = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="manim")
    try:
        futures = {
            executor.submit(render_one or render_scene, jobs[index], settings, work_dir, registry): index
            for index in pending
        }
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            report(results[futures[future]])
    except BaseException:
        registry.stop_all()
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    return [results[index] for index in range(len(jobs))]


# -- the whole run ------------------------------------------------------------


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sweep_stale_work_dirs(root: Path) -> None:
    """Remove scratch folders of earlier runs whose process is gone (killed runs)."""
    if not root.is_dir():
        return
    for entry in root.iterdir():
        owner = entry.name.split("-")[1] if entry.name.startswith("run-") else ""
        if owner.isdigit() and not _pid_alive(int(owner)):
            shutil.rmtree(entry, ignore_errors=True)


def _write_report(
    settings: RenderSettings, results: Sequence[SceneResult], wall_seconds: float
) -> Path:
    preset = settings.preset
    rows = []
    for result in results:
        row: dict[str, Any] = asdict(result)
        row["render_seconds"] = None if result.render_seconds is None else round(result.render_seconds, 3)
        row["video_seconds"] = None if result.video_seconds is None else round(result.video_seconds, 3)
        row["cpu_seconds"] = None if result.cpu_seconds is None else round(result.cpu_seconds, 3)
        for measure in ("render", "cpu"):
            spent = getattr(result, f"{measure}_seconds")
            ratio = round(spent / result.video_seconds, 3) if spent and result.video_seconds else None
            row[f"{measure}_seconds_per_video_second"] = ratio
        rows.append(row)
    rendered = [r for r in results if r.status == "rendered"]
    timed = [r for r in results if r.render_seconds is not None and r.video_seconds]
    report = {
        "quality": settings.quality,
        "resolution": list(preset.resolution),
        "fps": preset.fps,
        "jobs": settings.jobs,
        "max_inflight_encoders": settings.max_inflight_encoders,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "manim": importlib.metadata.version("manim"),
        },
        "command": sys.argv,
        "wall_seconds": round(wall_seconds, 3),
        "scenes_rendered": len(rendered),
        "scenes_cached": sum(r.status == "cached" for r in results),
        "scenes_failed": sum(r.status == "failed" for r in results),
        "render_seconds_total": round(sum(r.render_seconds or 0.0 for r in timed), 3),
        "cpu_seconds_total": round(sum(r.cpu_seconds or 0.0 for r in timed), 3),
        "video_seconds_total": round(sum(r.video_seconds or 0.0 for r in results), 3),
        "scenes": rows,
    }
    path = settings.out_dir / REPORT_NAME
    with atomic_write(path) as temp:
        temp.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return path


def render_chapters(
    settings: RenderSettings,
    chapters: Sequence[int] = (),
    on_progress: Callable[[Progress], None] | None = None,
    scheduler: str | None = None,
) -> RunSummary:
    """Render and assemble chapters: the whole of ``nnvideo render``.

    Parameters
    ----------
    settings : RenderSettings
        Quality, parallelism, output folder, chapter module pattern.
    chapters : sequence of int
        Chapter numbers; empty means every chapter module that exists
        (missing ones are skipped with a note, while a requested one that
        is missing is an error).
    on_progress : callable, optional
        Receives a :class:`~nnvideo.render.progress.Progress` per scene.
    scheduler : str, optional
        Address of a Dask scheduler: each scene to render becomes a task on its
        workers (:mod:`nnvideo.render.cluster`); keys and assembly stay here.

    Returns
    -------
    RunSummary
        Per-scene results, the chapters assembled, notes and failures. A
        failed scene does not stop the others; its chapter is not assembled.

    Raises
    ------
    ChapterError
        If a requested chapter module is missing or any module is malformed,
        or no chapter module exists at all.
    ClusterError
        If ``scheduler`` is given and cannot be reached or has no worker.
    """
    started = time.monotonic()
    numbers, required = chapter_numbers(chapters)
    loaded, notes = find_chapters({n: settings.module_name(n) for n in numbers}, required)
    if not loaded:
        raise ChapterError(
            "no chapter module to render: " + "; ".join(notes)
            + f" (modules are named by {settings.module_pattern!r})"
        )  # fmt: skip
    shared = shared_fingerprint(settings.shared_packages)
    environment = environment_fingerprint({**os.environ, **settings.scene_environment()})
    jobs = [
        SceneJob(chapter, scene, cache_key(chapter, scene, settings, shared, environment))
        for chapter in loaded
        for scene in chapter.scenes
    ]
    work_root = settings.out_dir / WORK_DIR_NAME
    _sweep_stale_work_dirs(work_root)
    work_dir = work_root / f"run-{os.getpid()}-{int(time.time())}"
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        if scheduler is None:
            results = render_scenes(jobs, settings, work_dir, on_progress)
        else:
            from nnvideo.render.cluster import render_scenes_on_cluster

            results = render_scenes_on_cluster(jobs, settings, work_dir, scheduler, on_progress)
        failures = [
            f"chapter{r.chapter} {r.scene} failed:\n{r.error}" for r in results if r.status == "failed"
        ]
        entries, assembled = [], []
        for chapter in loaded:
            failed = [r.scene for r in results if r.chapter == chapter.number and r.status == "failed"]
            if failed:
                notes.append(f"chapter {chapter.number} not assembled: {', '.join(failed)} failed")
                continue
            try:
                entries.append(assemble_chapter(chapter, settings, work_dir))
                assembled.append(chapter.number)
            except AssembleError as error:
                failures.append(f"chapter {chapter.number} could not be assembled: {error}")
        manifest = write_manifest(settings, entries) if entries else None
        report = _write_report(settings, results, time.monotonic() - started)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    return RunSummary(
        results, assembled, notes, failures, manifest, report, time.monotonic() - started
    )
