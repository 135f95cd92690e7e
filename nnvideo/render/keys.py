"""Render keys: a scene is rendered again exactly when something it shows may have changed.

A scene's key is a hash of

- the shared packages (core ``nnmath``: its source and its shipped weights;
  ``scenes.common``) and the manim version: :func:`shared_fingerprint`;
- its own chapter package (every ``.py`` file of ``scenes/chapterN/``), not the
  other chapters: :func:`chapter_fingerprint`;
- every environment variable in :data:`SCENE_ENVIRONMENT` (set or not, and
  its value): :func:`environment_fingerprint`;
- the scene's name and the quality preset (size, frame rate).

Its rendered files carry the key in ``<Scene>.key``; a run skips a scene
whose files carry the key it would write.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from nnvideo.render.chapters import Chapter
from nnvideo.render.layout import scene_files
from nnvideo.render.settings import RenderSettings

__all__ = [
    "SCENE_ENVIRONMENT",
    "shared_fingerprint",
    "chapter_fingerprint",
    "environment_fingerprint",
    "cache_key",
    "is_cached",
]

SCENE_ENVIRONMENT: tuple[str, ...] = ("NNVIDEO_NETWORK", "NNVIDEO_VOICE")
"""Environment variables that change what a scene shows; each one enters every key.

``NNVIDEO_NETWORK`` picks the network the scenes draw (``scenes.common.data``);
``NNVIDEO_VOICE`` the narrator (``scenes.common.voice``; a beat lasts as long as
its words), set from ``RenderSettings.voice``.
A variable added here reaches the manim processes as it is (they inherit the
environment) and re-renders every scene when its value changes.
"""


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
    """Hash of what every scene depends on besides its own chapter.

    Parameters
    ----------
    packages : sequence of str
        Importable package names (``nnmath``, ``scenes.common``); their
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


def chapter_fingerprint(chapter: Chapter) -> str:
    """Hash of the chapter's own source (:attr:`Chapter.files`), named relative to its import root."""
    digest = hashlib.sha256()
    _hash_files(digest, chapter.module, chapter.import_root, chapter.files)
    return digest.hexdigest()


def environment_fingerprint(environ: Mapping[str, str] | None = None) -> str:
    """Hash of the :data:`SCENE_ENVIRONMENT` variables in ``environ`` (default: this process's)."""
    environ = os.environ if environ is None else environ
    digest = hashlib.sha256()
    for name in SCENE_ENVIRONMENT:
        value = environ.get(name)
        digest.update(f"{name} unset\0".encode() if value is None else f"{name}={value}\0".encode())
    return digest.hexdigest()


def cache_key(
    chapter: Chapter,
    scene: str,
    settings: RenderSettings,
    shared: str,
    environment: str | None = None,
) -> str:
    """The key a scene's output must carry to be reused.

    Parameters
    ----------
    chapter : Chapter
        The scene's chapter; its own source is hashed (:func:`chapter_fingerprint`).
    scene : str
        Scene class name.
    settings : RenderSettings
        Its quality preset (size, fps) enters the key.
    shared : str
        :func:`shared_fingerprint`.
    environment : str, optional
        :func:`environment_fingerprint`; computed from this process's
        environment when omitted.
    """
    digest = hashlib.sha256()
    digest.update(shared.encode())
    digest.update(chapter_fingerprint(chapter).encode())
    digest.update((environment_fingerprint() if environment is None else environment).encode())
    preset = settings.preset
    digest.update(f"{scene}|{preset.name}|{preset.width}x{preset.height}@{preset.fps}".encode())
    return digest.hexdigest()


def is_cached(chapter: int, scene: str, key: str, settings: RenderSettings) -> bool:
    """True if the scene's MP4 and SRT exist and its ``.key`` holds ``key``."""
    files = scene_files(settings.out_dir, chapter, scene)
    if not (files.mp4.exists() and files.srt.exists() and files.key.exists()):
        return False
    return files.key.read_text(encoding="utf-8").strip() == key
