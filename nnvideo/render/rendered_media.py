"""Read what ``nnvideo render`` left in ``media/<quality>/``: its manifest, checked.

The manifest (``manifest.json``) lists each chapter's video, poster, captions
and chapters track, and each segment's start, duration and clip, with paths
relative to the media folder. :func:`load_manifest` turns it into frozen
records and refuses, with a message saying what to do, a folder that is
missing, a manifest that does not parse or lacks a field, and a listed file
that is not there.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = ["MANIFEST_FILE", "MediaError", "SegmentMedia", "ChapterMedia", "Manifest", "load_manifest"]

MANIFEST_FILE = "manifest.json"


class MediaError(ValueError):
    """The rendered media are missing or inconsistent; the message says how to fix it."""


@dataclass(frozen=True)
class SegmentMedia:
    """One timeline segment inside a chapter's video.

    Attributes
    ----------
    title : str
        The post's timeline title for the segment.
    start, duration : float
        Seconds into the chapter video, and length, both >= 0.
    clip, captions : str
        The segment alone: its MP4 and VTT, relative to the media folder.
    """

    title: str
    start: float
    duration: float
    clip: str
    captions: str


@dataclass(frozen=True)
class ChapterMedia:
    """One rendered chapter. File fields are paths relative to the media folder."""

    number: int
    title: str
    youtube_id: str
    video: str
    poster: str
    captions: str
    chapters_track: str
    duration: float
    segments: tuple[SegmentMedia, ...]

    def files(self) -> Iterator[str]:
        """Every file of the chapter: video, poster, both tracks, then each clip and its captions."""
        yield from (self.video, self.poster, self.captions, self.chapters_track)
        for segment in self.segments:
            yield from (segment.clip, segment.captions)


@dataclass(frozen=True)
class Manifest:
    """A media folder's manifest.

    Attributes
    ----------
    root : Path
        The media folder (``media/<quality>``); file paths are relative to it.
    quality : str
    resolution : (2,) tuple of int
        Width and height in pixels.
    fps : float
    chapters : tuple of ChapterMedia
        In chapter order.
    """

    root: Path
    quality: str
    resolution: tuple[int, int]
    fps: float
    chapters: tuple[ChapterMedia, ...]

    def chapter_for(self, youtube_id: str) -> ChapterMedia | None:
        """The chapter rendered from the YouTube video ``youtube_id``, if any."""
        return next((chapter for chapter in self.chapters if chapter.youtube_id == youtube_id), None)

    def files(self) -> Iterator[str]:
        """Every file the manifest names, in chapter order."""
        for chapter in self.chapters:
            yield from chapter.files()


def _field(record: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str, path: Path) -> Any:
    if key not in record:
        raise MediaError(f"{path}: {where} has no {key!r}; re-run `nnvideo render` to rewrite the manifest")
    value = record[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise MediaError(f"{path}: {where} {key!r} is {value!r}; expected {_kind_name(kind)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise MediaError(f"{path}: {where} {key!r} is {value!r}; expected a finite number")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join({"str": "a string", "int": "an integer", "float": "a number", "list": "a list"}.get(k.__name__, k.__name__) for k in kinds)


def _relative_file(record: Mapping[str, Any], key: str, where: str, path: Path) -> str:
    """A file field: a relative POSIX path that stays inside the media folder."""
    value: str = _field(record, key, str, where, path)
    pure = PurePosixPath(value)
    if not value or pure.is_absolute() or ".." in pure.parts or "\\" in value:
        raise MediaError(f"{path}: {where} {key!r} is {value!r}; expected a path relative to {path.parent}")
    return value


def _segment(record: Any, where: str, path: Path) -> SegmentMedia:
    if not isinstance(record, dict):
        raise MediaError(f"{path}: {where} is {record!r}; expected an object")
    start = float(_field(record, "start", (int, float), where, path))
    duration = float(_field(record, "duration", (int, float), where, path))
    if start < 0 or duration < 0:
        raise MediaError(f"{path}: {where} has start {start} and duration {duration}; both must be >= 0")
    return SegmentMedia(
        title=_field(record, "title", str, where, path),
        start=start,
        duration=duration,
        clip=_relative_file(record, "clip", where, path),
        captions=_relative_file(record, "captions", where, path),
    )


def _chapter(record: Any, where: str, path: Path) -> ChapterMedia:
    if not isinstance(record, dict):
        raise MediaError(f"{path}: {where} is {record!r}; expected an object")
    segments = _field(record, "segments", list, where, path)
    return ChapterMedia(
        number=_field(record, "number", int, where, path),
        title=_field(record, "title", str, where, path),
        youtube_id=_field(record, "youtube_id", str, where, path),
        video=_relative_file(record, "video", where, path),
        poster=_relative_file(record, "poster", where, path),
        captions=_relative_file(record, "captions", where, path),
        chapters_track=_relative_file(record, "chapters_track", where, path),
        duration=float(_field(record, "duration", (int, float), where, path)),
        segments=tuple(_segment(s, f"{where} segment {i + 1}", path) for i, s in enumerate(segments)),
    )


def load_manifest(media_dir: Path) -> Manifest:
    """Read and check ``media_dir/manifest.json``.

    Parameters
    ----------
    media_dir : Path
        A folder written by ``nnvideo render`` (``media/<quality>``).

    Returns
    -------
    Manifest

    Raises
    ------
    MediaError
        If the folder or its manifest is missing (run ``nnvideo render``
        first), the manifest is not valid JSON or lacks a field, two chapters
        share a YouTube id, or a file it lists does not exist.
    """
    render_hint = "run `nnvideo render` first (or pass --media media/<quality> for the quality you rendered)"
    if not media_dir.is_dir():
        raise MediaError(f"media folder {media_dir} does not exist: {render_hint}")
    path = media_dir / MANIFEST_FILE
    if not path.is_file():
        raise MediaError(f"{path} does not exist, so no chapter has been rendered there: {render_hint}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise MediaError(f"{path} is not valid JSON ({error}); re-run `nnvideo render`") from error
    if not isinstance(data, dict):
        raise MediaError(f"{path} holds {type(data).__name__}; expected an object with 'chapters'")
    resolution = _field(data, "resolution", list, "the manifest", path)
    if len(resolution) != 2 or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in resolution):
        raise MediaError(f"{path}: 'resolution' is {resolution!r}; expected [width, height] in pixels")
    chapters = tuple(
        _chapter(record, f"chapter entry {i + 1}", path)
        for i, record in enumerate(_field(data, "chapters", list, "the manifest", path))
    )
    seen: dict[str, int] = {}
    for chapter in chapters:
        if chapter.youtube_id in seen:
            raise MediaError(
                f"{path}: chapters {seen[chapter.youtube_id]} and {chapter.number} both claim YouTube id "
                f"{chapter.youtube_id!r}; fix YOUTUBE_ID in the chapter modules and re-render"
            )
        seen[chapter.youtube_id] = chapter.number
    manifest = Manifest(
        root=media_dir,
        quality=_field(data, "quality", str, "the manifest", path),
        resolution=(resolution[0], resolution[1]),
        fps=float(_field(data, "fps", (int, float), "the manifest", path)),
        chapters=tuple(sorted(chapters, key=lambda chapter: chapter.number)),
    )
    missing = [name for name in manifest.files() if not (media_dir / name).is_file()]
    if missing:
        raise MediaError(
            f"{path} lists {len(missing)} file(s) that are not in {media_dir}, e.g. {missing[0]}; "
            "re-run `nnvideo render` for the chapters concerned"
        )
    return manifest
