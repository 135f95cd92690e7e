"""Where every render output lives under ``media/<quality>/``.

The publish step reads these paths (through ``manifest.json``); keep them
exactly as they are::

    media/<quality>/
        scenes/chapter<N>/<SceneName>.mp4, .srt, .key
        chapter<N>.mp4  chapter<N>.vtt  chapter<N>.chapters.vtt  chapter<N>.jpg
        chapter<N>/segment-<NN>-<slug>.mp4, .vtt
        manifest.json  render-report.json
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "MANIFEST_NAME",
    "REPORT_NAME",
    "WORK_DIR_NAME",
    "SceneFiles",
    "ChapterFiles",
    "slugify",
    "scene_files",
    "chapter_files",
    "segment_stem",
]

MANIFEST_NAME = "manifest.json"
REPORT_NAME = "render-report.json"
WORK_DIR_NAME = ".work"
"""Hidden folder of per-run scratch space (manim media dirs, concat lists)."""


@dataclass(frozen=True)
class SceneFiles:
    """One rendered scene: its video, its subcaptions and its cache key."""

    mp4: Path
    srt: Path
    key: Path


@dataclass(frozen=True)
class ChapterFiles:
    """The joined outputs of one chapter (absolute paths)."""

    video: Path
    captions: Path
    chapters_track: Path
    poster: Path
    segment_dir: Path


def slugify(title: str) -> str:
    """Lower-case ASCII words joined by ``-``.

    >>> slugify("Why layers?")
    'why-layers'
    >>> slugify("ReLU vs Sigmoid")
    'relu-vs-sigmoid'
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if not slug:
        raise ValueError(f"title {title!r} has no letters or digits to name a file after")
    return slug


def scene_files(out_dir: Path, chapter: int, scene: str) -> SceneFiles:
    """Paths of scene ``scene`` of chapter ``chapter`` under ``out_dir`` (``media/<quality>``)."""
    stem = out_dir / "scenes" / f"chapter{chapter}" / scene
    return SceneFiles(
        mp4=stem.with_suffix(".mp4"), srt=stem.with_suffix(".srt"), key=stem.with_suffix(".key")
    )


def chapter_files(out_dir: Path, chapter: int) -> ChapterFiles:
    """Paths of chapter ``chapter``'s joined outputs under ``out_dir``."""
    name = f"chapter{chapter}"
    return ChapterFiles(
        video=out_dir / f"{name}.mp4",
        captions=out_dir / f"{name}.vtt",
        chapters_track=out_dir / f"{name}.chapters.vtt",
        poster=out_dir / f"{name}.jpg",
        segment_dir=out_dir / name,
    )


def segment_stem(index: int, title: str) -> str:
    """File stem of the ``index``-th (from 1) segment: ``segment-01-introduction-example``."""
    if index < 1:
        raise ValueError(f"segment index {index}; segments are numbered from 1")
    return f"segment-{index:02d}-{slugify(title)}"
