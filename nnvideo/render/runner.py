"""The one way nnvideo starts manim: one scene, one ``python -m manim render`` process.

``nnvideo render`` (each chapter scene, many at once) and ``nnvideo digit`` (the
own-digit clip) both call :func:`run_manim`. The process gets its own
``--media_dir`` (TeX files never collide, a crash takes down one scene), runs
in a scratch folder with every path absolute, and reports its wall and CPU
time; a :class:`ProcessRegistry` lets an interrupted run stop the processes
it started.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from nnvideo.render.settings import QualityPreset

__all__ = ["ERROR_TAIL_LINES", "ManimRun", "ProcessRegistry", "manim_command", "run_manim", "tail"]

ERROR_TAIL_LINES = 15
"""How many last lines of manim's output a failed scene reports."""


@dataclass(frozen=True)
class ManimRun:
    """What one manim process did.

    Attributes
    ----------
    returncode : int
        Its exit status (negative: killed by that signal).
    stdout, stderr : str
        Its output.
    seconds : float
        Wall time.
    cpu_seconds : float
        User + system CPU time of the process and the processes it waited
        for (LaTeX); unlike ``seconds`` it does not grow when other work
        shares the machine.
    videos : tuple of Path
        Every ``<scene>.mp4`` it wrote under its media folder (not the
        partial movie files); exactly one when all went well.
    """

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    cpu_seconds: float
    videos: tuple[Path, ...]

    @property
    def video(self) -> Path | None:
        """The scene's MP4 if manim succeeded and wrote exactly one, else None."""
        return self.videos[0] if self.returncode == 0 and len(self.videos) == 1 else None

    def error(self, scene: str) -> str | None:
        """Why the run gave no video (the end of manim's output), or None if it did."""
        if self.returncode != 0:
            return tail(self.stderr) or tail(self.stdout) or f"manim exited with {self.returncode}"
        if len(self.videos) != 1:
            return f"manim exited 0 but wrote {len(self.videos)} files named {scene}.mp4"
        return None


def tail(text: str, lines: int = ERROR_TAIL_LINES) -> str:
    """The last ``lines`` non-blank lines of ``text``."""
    kept = [line.rstrip() for line in text.strip().splitlines() if line.strip()]
    return "\n".join(kept[-lines:])


class ProcessRegistry:
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


def manim_command(
    source: Path,
    scene: str,
    preset: QualityPreset,
    media_dir: Path,
    max_inflight_encoders: int | None = None,
) -> list[str]:
    """The ``python -m manim render`` command line for ``scene`` defined in ``source``."""
    command = [
        sys.executable, "-m", "manim", "render", str(source), scene,
        "--media_dir", str(media_dir), f"-q{preset.manim_flag}",
        "--disable_caching", "--progress_bar", "none", "-v", "WARNING", "--format", "mp4",
    ]  # fmt: skip
    if max_inflight_encoders is not None:
        command += ["--max-inflight-encoders", str(max_inflight_encoders)]
    return command


def run_manim(
    source: Path,
    scene: str,
    preset: QualityPreset,
    scratch: Path,
    import_root: Path,
    *,
    environment: Mapping[str, str] | None = None,
    max_inflight_encoders: int | None = None,
    registry: ProcessRegistry | None = None,
) -> ManimRun:
    """Render one scene in its own manim process; never raises for a failed render.

    Parameters
    ----------
    source : Path
        The file that defines the scene class (manim finds scenes by name there).
    scene : str
        The scene class name.
    preset : QualityPreset
        Frame size and rate.
    scratch : Path
        An empty folder the process runs in; its media goes to ``scratch/media``
        and its output to ``scratch/manim.out`` and ``manim.err``.
    import_root : Path
        The folder the scene's imports resolve from (the project root); it is
        put first on the process's ``PYTHONPATH``.
    environment : mapping of str to str, optional
        Extra environment variables for the process (the digit clip's inputs file).
    max_inflight_encoders : int, optional
        Passed to manim's ``--max-inflight-encoders``.
    registry : ProcessRegistry, optional
        Records the running process so that an interrupted run can stop it.

    Returns
    -------
    ManimRun
        Exit status, output, wall and CPU time and the videos written.
    """
    scratch = scratch.resolve()  # manim runs with cwd=scratch: every path it gets must be absolute
    media_dir = scratch / "media"
    env = dict(os.environ)
    env.update(environment or {})
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(import_root.resolve()), env.get("PYTHONPATH", "")) if p)
    env["COLUMNS"] = "100"
    command = manim_command(source.resolve(), scene, preset, media_dir, max_inflight_encoders)
    out_path, err_path = scratch / "manim.out", scratch / "manim.err"
    started = time.monotonic()
    with open(out_path, "w") as out, open(err_path, "w") as err:
        process = subprocess.Popen(
            command, cwd=scratch, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        if registry is not None:
            registry.add(process)
        try:  # wait4, not communicate: it also returns the CPU time the process used
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if registry is not None:
                registry.discard(process)
    seconds = time.monotonic() - started
    videos = tuple(
        path for path in sorted((media_dir / "videos").rglob(f"{scene}.mp4"))
        if "partial_movie_files" not in path.parts
    )  # fmt: skip
    return ManimRun(
        returncode=process.returncode,
        stdout=out_path.read_text(encoding="utf-8", errors="replace"),
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        videos=videos,
    )
