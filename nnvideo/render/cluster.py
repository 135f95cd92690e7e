"""Render scenes as tasks on a Dask cluster: ``nnvideo render --scheduler ADDRESS``.

The machine that runs ``nnvideo render`` (the client) decides what to render
exactly as a local run does (:mod:`nnvideo.render.keys`: a scene whose files
carry its key is skipped) and assembles the chapters itself; only the manim
renders move. Each scene to render is one ``dask.distributed`` task, run by
:func:`render_on_worker` on a worker that has the project installed
(``pip install '.[video]'`` of the same commit):

- the worker loads the chapter by name, recomputes the scene's key from its
  own copy of the project and refuses to render if it differs from the
  client's (another commit, another manim, another ``NNVIDEO_NETWORK``): the
  key the client writes always describes the files it got;
- it renders in a scratch folder of its own and sends back the MP4, the
  subcaptions and the speech log (narrated scenes) as bytes;
- the client writes them under ``media/<quality>/scenes/`` through
  :func:`nnmath.files.atomic_write`, the key last, as a local render does.

A worker that dies in the middle of a scene (killed, machine lost) sent
nothing, so no file of that scene was written; the scheduler gives its task to
another worker (Dask's ``distributed.scheduler.allowed-failures`` times, 3 by
default). Progress lines are the local ones (:func:`nnvideo.render.run.render_scenes`
runs the loop; here one client thread waits on each task). Start a cluster with
``dask scheduler`` and ``dask worker ADDRESS`` (see the README).
"""
from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nnmath.files import atomic_write
from nnvideo.render.chapters import load_chapter
from nnvideo.render.keys import SCENE_ENVIRONMENT, cache_key, environment_fingerprint, shared_fingerprint
from nnvideo.render.layout import scene_files
from nnvideo.render.probe import probe_video
from nnvideo.render.progress import Progress
from nnvideo.render.runner import ProcessRegistry, run_manim
from nnvideo.render.settings import RenderSettings
from scenes.common.narration import speech_log_path

if TYPE_CHECKING:
    from nnvideo.render.run import SceneJob, SceneResult

Client = Any  # distributed.Client: the package has no type hints

__all__ = [
    "CONNECT_TIMEOUT",
    "ClusterError",
    "SceneTask",
    "RenderedScene",
    "connect",
    "render_on_worker",
    "render_scenes_on_cluster",
]

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for the scheduler before giving up with a :class:`ClusterError`."""
_POLL_SECONDS = 0.5  # how often a waiting client thread looks whether the run is being stopped


class ClusterError(RuntimeError):
    """The Dask scheduler cannot be reached, or has no worker."""


@dataclass(frozen=True)
class SceneTask:
    """What a worker needs to render one scene (plain data: it travels to the worker).

    Attributes
    ----------
    chapter : int
        Chapter number.
    module : str
        Dotted name of the chapter package, imported on the worker.
    scene : str
        Scene class name.
    key : str
        The key the client computed; the worker renders only if its own is equal.
    settings : RenderSettings
        Quality, voice, shared packages (``media_root`` is the client's; unused there).
    environment : dict of str to str
        The client's values of :data:`~nnvideo.render.keys.SCENE_ENVIRONMENT` and the
        settings' scene environment, given to the worker's manim process.
    """

    chapter: int
    module: str
    scene: str
    key: str
    settings: RenderSettings
    environment: Mapping[str, str]


@dataclass(frozen=True)
class RenderedScene:
    """What a worker sends back for one scene.

    ``mp4``, ``srt`` and ``speech`` (the speech log of a narrated scene) are the
    files' bytes; ``mp4`` is None when the scene failed, and ``error`` says why.
    """

    worker: str
    seconds: float | None
    cpu_seconds: float | None
    video_seconds: float | None
    mp4: bytes | None
    srt: bytes
    speech: bytes | None
    error: str | None = None


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except ValueError:  # not inside a worker (called directly, e.g. by a test)
        return f"pid {os.getpid()}"


def _scratch_root() -> str | None:
    try:
        from distributed import get_worker

        return str(get_worker().local_directory)
    except ValueError:
        return None


def render_on_worker(task: SceneTask) -> RenderedScene:
    """Render one scene here (on a worker) and return its files as bytes; never raises for a failed scene."""
    worker = _worker_name()

    def failed(error: str, seconds: float | None = None, cpu: float | None = None) -> RenderedScene:
        return RenderedScene(worker, seconds, cpu, None, None, b"", None, error)

    chapter = load_chapter(task.chapter, task.module)
    shared = shared_fingerprint(task.settings.shared_packages)
    environment = environment_fingerprint({**os.environ, **task.environment})
    key = cache_key(chapter, task.scene, task.settings, shared, environment)
    if key != task.key:
        return failed(
            f"worker {worker} would render chapter{task.chapter} {task.scene} with key {key[:12]}, "
            f"the client asked for {task.key[:12]}: the worker's project (its nnmath, scenes, manim) "
            f"or its {', '.join(SCENE_ENVIRONMENT)} differ from the client's; install the same commit "
            "on the workers and start them with the same environment"
        )  # fmt: skip
    with tempfile.TemporaryDirectory(prefix=f"ch{task.chapter}-{task.scene}-", dir=_scratch_root()) as scratch:
        run = run_manim(
            chapter.scene_source(task.scene), task.scene, task.settings.preset, Path(scratch),
            chapter.import_root, max_inflight_encoders=task.settings.max_inflight_encoders,
            environment=dict(task.environment),
        )  # fmt: skip
        mp4 = run.video
        if mp4 is None:
            return failed(run.error(task.scene) or "manim wrote no video", run.seconds, run.cpu_seconds)
        try:
            video_seconds = probe_video(mp4).duration
        except Exception as error:  # a corrupt file is this scene's failure, not the run's
            return failed(f"{type(error).__name__}: {error}", run.seconds, run.cpu_seconds)
        srt, speech = mp4.with_suffix(".srt"), speech_log_path(mp4)
        return RenderedScene(
            worker, run.seconds, run.cpu_seconds, video_seconds, mp4.read_bytes(),
            srt.read_bytes() if srt.exists() else b"", speech.read_bytes() if speech.exists() else None,
        )  # fmt: skip


def _write(path: Path, data: bytes) -> None:
    with atomic_write(path) as temp:
        temp.write_bytes(data)


def place_scene(job: SceneJob, settings: RenderSettings, rendered: RenderedScene) -> SceneResult:
    """Write a worker's files of ``job`` into place (the key last) and say what happened."""
    from nnvideo.render.run import SceneResult

    number = job.chapter.number
    if rendered.mp4 is None:  # (a scene that never ran took 0 s, as the progress line says)
        error = f"{rendered.error} (on worker {rendered.worker})"
        return SceneResult(number, job.scene, "failed", job.key, rendered.seconds or 0.0, None, error,
                           rendered.cpu_seconds)  # fmt: skip
    files = scene_files(settings.out_dir, number, job.scene)
    files.key.unlink(missing_ok=True)  # the key goes last: an old key never vouches for new files
    _write(files.srt, rendered.srt)
    _write(files.mp4, rendered.mp4)
    speech = speech_log_path(files.mp4)
    if rendered.speech is None:
        speech.unlink(missing_ok=True)
    else:
        _write(speech, rendered.speech)
    _write(files.key, (job.key + "\n").encode())
    return SceneResult(
        number, job.scene, "rendered", job.key, rendered.seconds, rendered.video_seconds, None,
        rendered.cpu_seconds,
    )  # fmt: skip


def connect(address: str, timeout: float | None = None) -> Client:
    """A client of the scheduler at ``address`` that has at least one worker, or a :class:`ClusterError`.

    ``timeout`` defaults to :data:`CONNECT_TIMEOUT` seconds.
    """
    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    try:
        import distributed
    except ImportError as error:
        raise ClusterError("rendering on a cluster needs dask.distributed: pip install '.[video]'") from error

    try:
        client: Client = distributed.Client(  # type: ignore[no-untyped-call]
            address, timeout=timeout, set_as_default=False
        )
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address}: {error}. Start one with `dask scheduler` "
            "and workers with `dask worker ADDRESS`, and pass the address it prints (tcp://HOST:8786)"
        ) from error
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as error:
        client.close()
        raise ClusterError(
            f"the Dask scheduler at {address} has no worker after {timeout:g} s; "
            "start some with `dask worker ADDRESS` on machines that have the project installed"
        ) from error
    return client


def scene_environment(settings: RenderSettings, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables a worker's manim must see: the client's scene environment and the settings'."""
    environ = os.environ if environ is None else environ
    found = {name: environ[name] for name in SCENE_ENVIRONMENT if name in environ}
    return {**found, **settings.scene_environment()}


class _ClusterRenderer:
    """``render_one`` for :func:`~nnvideo.render.run.render_scenes`: one task per scene, awaited in a client thread."""

    def __init__(self, client: Client, environment: Mapping[str, str]) -> None:
        self.client = client
        self.environment = dict(environment)

    def __call__(self, job: SceneJob, settings: RenderSettings, work_dir: Path,
                 registry: ProcessRegistry | None = None) -> SceneResult:
        task = SceneTask(job.chapter.number, job.chapter.module, job.scene, job.key, settings, self.environment)
        name = f"render-chapter{task.chapter}-{task.scene}-{uuid.uuid4().hex[:8]}"
        future = self.client.submit(render_on_worker, task, key=name)
        try:
            while True:
                if registry is not None and registry.stopping:
                    raise RuntimeError("render stopped")
                try:
                    rendered: RenderedScene = future.result(timeout=_POLL_SECONDS)
                    break
                except TimeoutError:
                    continue
                except Exception as error:  # the task raised, or killed too many workers (KilledWorker)
                    rendered = RenderedScene(
                        "?", None, None, None, None, b"", None,
                        f"the cluster could not render it: {type(error).__name__}: {error}",
                    )  # fmt: skip
                    break
        finally:
            future.cancel()  # releases the bytes held on the cluster, or stops a task no one waits for
        return place_scene(job, settings, rendered)

    def slots(self) -> int:
        """How many scenes the cluster renders at once: its worker threads."""
        threads: dict[str, int] = self.client.nthreads()
        return max(1, sum(threads.values()))


def render_scenes_on_cluster(
    jobs: Sequence[SceneJob],
    settings: RenderSettings,
    work_dir: Path,
    address: str,
    on_progress: Callable[[Progress], None] | None = None,
    *,
    connect_timeout: float | None = None,
) -> list[SceneResult]:
    """Like :func:`~nnvideo.render.run.render_scenes`, with each manim render a task on the cluster at ``address``.

    Raises
    ------
    ClusterError
        If the scheduler cannot be reached or has no worker.
    """
    from nnvideo.render.run import render_scenes

    client = connect(address, connect_timeout)
    try:
        renderer = _ClusterRenderer(client, scene_environment(settings))
        return render_scenes(jobs, settings, work_dir, on_progress, render_one=renderer, slots=renderer.slots())
    finally:
        client.close()
