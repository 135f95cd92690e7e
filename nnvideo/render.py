"""Render the chapters' scenes with manim, in parallel, cached, then assemble them.

Each scene renders in its own ``python -m manim render`` process with its own
``--media_dir`` (TeX files never collide, a crash takes down one scene).
A scene is skipped when its ``.key`` file holds the same cache key: a hash of
the chapter module and the modules beside it that it imports, ``scenes/common``,
``nnmath`` (source and weights), the quality and the manim version. Finished files are moved into place with
:func:`os.replace`, so a killed run never leaves a truncated output.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from nnvideo.assemble import AssembleError, assemble_chapter, write_manifest
from nnvideo.atomic import write_text_atomic
from nnvideo.chapters import Chapter, ChapterError, chapter_numbers, find_chapters
from nnvideo.layout import REPORT_NAME, WORK_DIR_NAME, scene_files
from nnvideo.probe import probe_video
from nnvideo.progress import Progress, ProgressClock
from nnvideo.settings import RenderSettings

__all__ = [
    "SceneJob",
    "SceneResult",
    "RunSummary",
    "shared_fingerprint",
    "cache_key",
    "manim_command",
    "render_scene",
    "render_scenes",
    "render_chapters",
]

SceneStatus = Literal["rendered", "cached", "failed"]
ERROR_TAIL_LINES = 15
"""How many last lines of manim's output a failed scene reports."""


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


# -- cache keys ---------------------------------------------------------------


def _package_dirs(name: str) -> list[Path]:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(
            f"package {name} (whose source enters every cache key) is not importable; "
            "is the project installed (make setup)?"
        )
    return [Path(location) for location in spec.submodule_search_locations]


def _hash_files(digest: Any, label: str, root: Path, files: Iterable[Path]) -> None:
    for path in sorted(files):
        if "__pycache__" in path.parts or path.suffix == ".pyc" or not path.is_file():
            continue
        digest.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def shared_fingerprint(packages: Sequence[str]) -> str:
    """Hash of everything every scene depends on besides its own chapter module.

    Parameters
    ----------
    packages : sequence of str
        Importable package names (``scenes.common``, ``nnmath``); their
        ``**/*.py`` files and every file under their ``weights/`` folder are
        hashed (not bytecode, not data caches elsewhere). The manim version
        is hashed too.
    """
    digest = hashlib.sha256()
    for package in packages:
        for root in _package_dirs(package):
            files = [*root.rglob("*.py"), *(root / "weights").rglob("*")]
            _hash_files(digest, package, root, files)
    digest.update(f"manim {importlib.metadata.version('manim')}".encode())
    return digest.hexdigest()


def cache_key(chapter: Chapter, scene: str, settings: RenderSettings, shared: str) -> str:
    """The key a scene's output must carry to be reused.

    Parameters
    ----------
    chapter : Chapter
        The scene's chapter; its module source and its local imports
        (``chapter.dependencies``) are hashed.
    scene : str
        Scene class name.
    settings : RenderSettings
        Its quality preset (size, fps) enters the key.
    shared : str
        :func:`shared_fingerprint`.
    """
    digest = hashlib.sha256()
    digest.update(shared.encode())
    digest.update(chapter.source.read_bytes())
    for dependency in chapter.dependencies:
        digest.update(f"{dependency.relative_to(chapter.import_root).as_posix()}\0".encode())
        digest.update(dependency.read_bytes())
    preset = settings.preset
    digest.update(f"{scene}|{preset.name}|{preset.width}x{preset.height}@{preset.fps}".encode())
    return digest.hexdigest()


def is_cached(job: SceneJob, settings: RenderSettings) -> bool:
    """True if the scene's MP4 and SRT exist and its ``.key`` holds ``job.key``."""
    files = scene_files(settings.out_dir, job.chapter.number, job.scene)
    if not (files.mp4.exists() and files.srt.exists() and files.key.exists()):
        return False
    return files.key.read_text(encoding="utf-8").strip() == job.key


# -- one scene ----------------------------------------------------------------


def manim_command(job: SceneJob, settings: RenderSettings, media_dir: Path) -> list[str]:
    """The ``python -m manim render`` command line for one scene."""
    command = [
        sys.executable, "-m", "manim", "render", str(job.chapter.scene_source(job.scene)), job.scene,
        "--media_dir", str(media_dir), f"-q{settings.preset.manim_flag}",
        "--disable_caching", "--progress_bar", "none", "-v", "WARNING", "--format", "mp4",
    ]  # fmt: skip
    if settings.max_inflight_encoders is not None:
        command += ["--max-inflight-encoders", str(settings.max_inflight_encoders)]
    return command


def _tail(text: str, lines: int = ERROR_TAIL_LINES) -> str:
    kept = [line.rstrip() for line in text.strip().splitlines() if line.strip()]
    return "\n".join(kept[-lines:])


class _ProcessRegistry:
    """The manim processes running now, so an interrupted run can stop them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processes: set[subprocess.Popen[bytes]] = set()
        self.stopping = False

    def add(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._processes.add(process)
            if self.stopping:
                process.terminate()

    def discard(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._processes.discard(process)

    def stop_all(self) -> None:
        with self._lock:
            self.stopping = True
            for process in self._processes:  # registered = not reaped yet
                try:
                    os.kill(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass


def render_scene(
    job: SceneJob,
    settings: RenderSettings,
    work_dir: Path,
    registry: _ProcessRegistry | None = None,
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
    registry : _ProcessRegistry, optional
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
        scratch = Path(scratch_name).resolve()  # manim runs with cwd=scratch: every path it gets must be absolute
        media_dir = scratch / "media"
        environment = dict(os.environ)
        python_path = [str(job.chapter.import_root), environment.get("PYTHONPATH", "")]
        environment["PYTHONPATH"] = os.pathsep.join(part for part in python_path if part)
        environment["COLUMNS"] = "100"
        out_path, err_path = scratch / "manim.out", scratch / "manim.err"
        started = time.monotonic()
        with open(out_path, "w") as out, open(err_path, "w") as err:
            process = subprocess.Popen(
                manim_command(job, settings, media_dir), cwd=scratch, env=environment,
                stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            )  # fmt: skip
            if registry is not None:
                registry.add(process)
            try:  # wait4, not communicate: it also returns the CPU time the process used
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = os.waitstatus_to_exitcode(status)
            finally:
                if registry is not None:
                    registry.discard(process)
        seconds = time.monotonic() - started
        cpu = usage.ru_utime + usage.ru_stime
        stdout = out_path.read_text(encoding="utf-8", errors="replace")
        stderr = err_path.read_text(encoding="utf-8", errors="replace")

        def failed(error: str) -> SceneResult:
            return SceneResult(number, job.scene, "failed", job.key, seconds, None, error, cpu)

        if process.returncode != 0:
            return failed(_tail(stderr) or _tail(stdout) or f"manim exited with {process.returncode}")
        outputs = [
            path for path in (media_dir / "videos").rglob(f"{job.scene}.mp4")
            if "partial_movie_files" not in path.parts
        ]  # fmt: skip
        if len(outputs) != 1:
            return failed(f"manim exited 0 but wrote {len(outputs)} files named {job.scene}.mp4")
        mp4 = outputs[0]
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
        write_text_atomic(files.key, job.key + "\n")
    return SceneResult(number, job.scene, "rendered", job.key, seconds, video_seconds, None, cpu)


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
) -> list[SceneResult]:
    """Render every job not already cached, ``settings.jobs`` at a time.

    Parameters
    ----------
    jobs : sequence of SceneJob
        Scenes to bring up to date.
    settings : RenderSettings
        Quality, parallelism, output folder.
    work_dir : Path
        Scratch folder on the output's file system.
    on_progress : callable, optional
        Called with a :class:`~nnvideo.progress.Progress` after each scene.

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
        if is_cached(job, settings):
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
    clock = ProgressClock(total=len(jobs), to_render=len(pending), jobs=settings.jobs)

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
    registry = _ProcessRegistry()
    executor = ThreadPoolExecutor(max_workers=settings.jobs, thread_name_prefix="manim")
    try:
        futures = {
            executor.submit(render_scene, jobs[index], settings, work_dir, registry): index
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
    write_text_atomic(path, json.dumps(report, indent=2) + "\n")
    return path


def render_chapters(
    settings: RenderSettings,
    chapters: Sequence[int] = (),
    on_progress: Callable[[Progress], None] | None = None,
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
        Receives a :class:`~nnvideo.progress.Progress` per scene.

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
    jobs = [
        SceneJob(chapter, scene, cache_key(chapter, scene, settings, shared))
        for chapter in loaded
        for scene in chapter.scenes
    ]
    work_root = settings.out_dir / WORK_DIR_NAME
    _sweep_stale_work_dirs(work_root)
    work_dir = work_root / f"run-{os.getpid()}-{int(time.time())}"
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        results = render_scenes(jobs, settings, work_dir, on_progress)
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
