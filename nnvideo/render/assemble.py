"""Join a chapter's rendered scenes into its video, clips, captions, poster and manifest entry.

Inputs are the scene files :mod:`nnvideo.render` leaves under
``media/<quality>/scenes/chapter<N>/``; outputs follow
:mod:`nnvideo.render.layout`. Scenes from one manim configuration share
codec parameters, so ffmpeg's concat demuxer joins them with ``-c copy``
(no re-encoding) and ``-movflags +faststart`` puts the index first. Every
duration and offset is read back from the files. When the scenes speak, the
chapter gets one narration track built from their speech logs and encoded once
(:mod:`nnvideo.render.audio`); each segment clip gets its slice.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

import av
import numpy as np
from PIL import Image

from nnmath.files import atomic_write
from nnvideo.render.audio import AudioError, Narration, add_narration, narration
from nnvideo.render.captions import Cue, chapters_vtt, format_vtt, parse_srt, shift_cues
from nnvideo.render.chapters import Chapter
from nnvideo.render.layout import MANIFEST_NAME, chapter_files, scene_files, segment_stem
from nnvideo.render.probe import VideoInfo, mp4_top_level_boxes, probe_video
from nnvideo.render.settings import QualityPreset, RenderSettings

__all__ = [
    "AssembleError",
    "SceneClip",
    "join_videos",
    "verify_video",
    "clip_captions",
    "pick_poster_frame",
    "assemble_chapter",
    "read_manifest",
    "write_manifest",
]

POSTER_FRACTIONS = (0.5, 0.75, 0.25, 1.0)
"""Where in a scene to look for a poster frame, in order of preference."""
LIT_LEVEL = 24
"""A pixel darker than this (0-255 grey) counts as background."""
MIN_LIT_SHARE = 0.005
"""A poster frame needs at least this share of lit pixels."""


class AssembleError(RuntimeError):
    """A scene file is missing or a joined file fails its checks."""


@dataclass(frozen=True)
class SceneClip:
    """A rendered scene as the assembler sees it.

    Attributes
    ----------
    name : str
        Scene class name.
    mp4, srt : Path
        Its video and subcaptions.
    duration : float
        Seconds, read from ``mp4``.
    """

    name: str
    mp4: Path
    srt: Path
    duration: float


def _ffmpeg() -> str:
    found = shutil.which("ffmpeg")
    if found is None:
        raise AssembleError("ffmpeg not found on PATH; install it (scripts/bootstrap.sh does)")
    return found


def verify_video(path: Path, preset: QualityPreset, expected_duration: float) -> VideoInfo:
    """Check a joined file: H.264, yuv420p, the preset's size and rate, duration, fast start.

    Parameters
    ----------
    path : Path
        The MP4 to check.
    preset : QualityPreset
        Expected width, height and fps.
    expected_duration : float
        Sum of the joined scenes' durations, seconds; allowed off by half a frame.

    Returns
    -------
    VideoInfo
        What ffprobe read.

    Raises
    ------
    AssembleError
        Naming every check that failed.
    """
    info = probe_video(path)
    problems = []
    if info.codec != "h264":
        problems.append(f"codec {info.codec}, expected h264")
    if info.pix_fmt != "yuv420p":
        problems.append(f"pixel format {info.pix_fmt}, expected yuv420p")
    if (info.width, info.height) != preset.resolution:
        problems.append(f"size {info.width}x{info.height}, expected {preset.width}x{preset.height}")
    if abs(info.fps - preset.fps) > 1e-3:
        problems.append(f"{info.fps} fps, expected {preset.fps}")
    if abs(info.duration - expected_duration) > 0.5 / preset.fps:
        problems.append(f"duration {info.duration:.3f} s, expected {expected_duration:.3f} s")
    boxes = mp4_top_level_boxes(path)
    if "moov" not in boxes or "mdat" not in boxes or boxes.index("moov") > boxes.index("mdat"):
        problems.append(f"boxes {boxes}: moov is not before mdat (no fast start)")
    if problems:
        raise AssembleError(f"{path}: " + "; ".join(problems))
    return info


def join_videos(
    inputs: Sequence[Path], output: Path, work_dir: Path, preset: QualityPreset
) -> VideoInfo:
    """Concatenate MP4s without re-encoding into ``output`` (fast start), atomically.

    Parameters
    ----------
    inputs : sequence of Path
        Videos with identical codec parameters, joined in this order.
    output : Path
        The joined file; replaced only once it is complete and verified.
    work_dir : Path
        Scratch folder for the concat list.
    preset : QualityPreset
        What the output must be (see :func:`verify_video`).

    Returns
    -------
    VideoInfo
        The verified output.
    """
    if not inputs:
        raise AssembleError(f"nothing to join into {output}")
    expected = sum(probe_video(path).duration for path in inputs)
    work_dir.mkdir(parents=True, exist_ok=True)
    listing = work_dir / f"{output.stem}.concat.txt"
    listing.write_text(
        "ffconcat version 1.0\n"
        + "".join("file '{}'\n".format(str(p.resolve()).replace("'", "'\\''")) for p in inputs)
    )
    with atomic_write(output) as temp:
        command = [
            _ffmpeg(), "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0",
            "-i", str(listing), "-map", "0:v:0", "-c", "copy",
            "-movflags", "+faststart", "-f", "mp4", str(temp),
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise AssembleError(f"ffmpeg could not join into {output}: {result.stderr.strip()}")
        info = verify_video(temp, preset, expected)
    listing.unlink(missing_ok=True)
    return info


def clip_captions(clips: Sequence[SceneClip]) -> list[Cue]:
    """Subcaptions of ``clips`` as one track, each scene's cues shifted by its offset.

    A cue that would outlast its scene is cut at the scene's end.
    """
    cues: list[Cue] = []
    offset = 0.0
    for clip in clips:
        scene_end = offset + clip.duration
        for cue in shift_cues(parse_srt(clip.srt.read_text(encoding="utf-8")), offset):
            start = min(cue.start, scene_end)
            cues.append(Cue(start, min(cue.end, scene_end), cue.text))
        offset = scene_end
    return cues


def _frame_at(path: Path, seconds: float) -> np.ndarray:
    """RGB frame (height, width, 3) uint8 of ``path`` nearest after ``seconds``."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.time_base is None:
            raise AssembleError(f"{path}: its video stream has no time base to seek by")
        time_base = float(stream.time_base)
        container.seek(max(0, int(seconds / time_base) - 1), stream=stream, backward=True)
        last = None
        for frame in container.decode(stream):
            last = frame
            if frame.time is not None and frame.time + 1e-6 >= seconds:
                break
        if last is None:
            raise AssembleError(f"{path} has no frame to decode")
        rgb: np.ndarray = last.to_ndarray(format="rgb24")
        return rgb


def pick_poster_frame(clips: Sequence[SceneClip]) -> tuple[np.ndarray, str, float]:
    """A frame with something on it, to stand for the chapter.

    Tries the middle of the first scene, then other points of it, then the
    later scenes, and takes the first frame whose share of lit pixels
    reaches :data:`MIN_LIT_SHARE`; if none does, the most lit one.

    Returns
    -------
    frame : (height, width, 3) uint8 ndarray
        RGB pixels.
    scene : str
        The scene it comes from.
    seconds : float
        Its time within that scene.
    """
    best: tuple[float, np.ndarray, str, float] | None = None
    for clip in clips:
        for fraction in POSTER_FRACTIONS:
            seconds = min(fraction * clip.duration, max(0.0, clip.duration - 1e-3))
            frame = _frame_at(clip.mp4, seconds)
            lit_share = float((frame.max(axis=2) > LIT_LEVEL).mean())
            if lit_share >= MIN_LIT_SHARE:
                return frame, clip.name, seconds
            if best is None or lit_share > best[0]:
                best = (lit_share, frame, clip.name, seconds)
    if best is None:
        raise AssembleError("no scenes to take a poster frame from")
    return best[1], best[2], best[3]


def _write_jpeg(frame: np.ndarray, path: Path) -> None:
    with atomic_write(path) as temp:
        Image.fromarray(frame).save(temp, format="JPEG", quality=88, optimize=True)


def _scene_clips(chapter: Chapter, scenes: Sequence[str], settings: RenderSettings) -> list[SceneClip]:
    clips = []
    for name in scenes:
        files = scene_files(settings.out_dir, chapter.number, name)
        if not files.mp4.exists() or not files.srt.exists():
            raise AssembleError(
                f"chapter {chapter.number}: {files.mp4} or its .srt is missing; render the chapter first"
            )
        info = probe_video(files.mp4)
        expected = ("h264", "yuv420p", settings.preset.width, settings.preset.height)
        if (info.codec, info.pix_fmt, info.width, info.height) != expected or (
            abs(info.fps - settings.preset.fps) > 1e-3
        ):
            raise AssembleError(
                f"{files.mp4} is {info.codec} {info.pix_fmt} {info.width}x{info.height}@{info.fps:g}; "
                f"joining without re-encoding needs h264 yuv420p "
                f"{settings.preset.width}x{settings.preset.height}@{settings.preset.fps} "
                "(does the scene change manim's config?)"
            )
        clips.append(SceneClip(name, files.mp4, files.srt, info.duration))
    return clips


def _relative(path: Path, settings: RenderSettings) -> str:
    return path.relative_to(settings.out_dir).as_posix()


def assemble_chapter(chapter: Chapter, settings: RenderSettings, work_dir: Path) -> dict[str, Any]:
    """Write chapter ``chapter``'s joined video, captions, chapters track, poster and clips.

    Parameters
    ----------
    chapter : Chapter
        Its declarations; every scene must have been rendered.
    settings : RenderSettings
        Quality and output folder.
    work_dir : Path
        Scratch folder.

    Returns
    -------
    dict
        The chapter's ``manifest.json`` entry (paths relative to ``media/<quality>/``).
    """
    preset = settings.preset
    files = chapter_files(settings.out_dir, chapter.number)
    record = files.video.with_suffix(".assembled.json")
    key = _assembly_key(chapter, settings)
    previous = _read_record(record, key, settings)
    if previous is not None:
        return previous  # same scenes, same declarations: the joined files are up to date
    record.unlink(missing_ok=True)  # the record goes last: an old one never vouches for new files
    clips = _scene_clips(chapter, chapter.scenes, settings)

    info = join_videos([clip.mp4 for clip in clips], files.video, work_dir, preset)
    sound = _sound(files.video, clips, work_dir)
    with atomic_write(files.captions) as temp:
        temp.write_text(format_vtt(clip_captions(clips)), encoding="utf-8")

    by_name = {clip.name: clip for clip in clips}
    segment_clips = [[by_name[name] for name in segment.scenes] for segment in chapter.segments]
    durations = [sum(clip.duration for clip in group) for group in segment_clips]
    starts = [0.0, *accumulate(durations)][:-1]
    with atomic_write(files.chapters_track) as temp:
        track = chapters_vtt([(s.title, start, d) for s, start, d in zip(chapter.segments, starts, durations)])
        temp.write_text(track, encoding="utf-8")

    frame, _, _ = pick_poster_frame(clips)
    _write_jpeg(frame, files.poster)

    segments = []
    for index, (segment, group, start) in enumerate(
        zip(chapter.segments, segment_clips, starts), start=1
    ):
        stem = segment_stem(index, segment.title)
        clip_path = files.segment_dir / f"{stem}.mp4"
        captions_path = files.segment_dir / f"{stem}.vtt"
        clip_info = join_videos([clip.mp4 for clip in group], clip_path, work_dir, preset)
        if sound is not None:
            _sound(clip_path, group, work_dir, sound, start)
        with atomic_write(captions_path) as temp:
            temp.write_text(format_vtt(clip_captions(group)), encoding="utf-8")
        segments.append(
            {
                "title": segment.title,
                "start": round(start, 3),
                "duration": round(clip_info.duration, 3),
                "clip": _relative(clip_path, settings),
                "captions": _relative(captions_path, settings),
            }
        )
    entry = {
        "number": chapter.number,
        "title": chapter.title,
        "youtube_id": chapter.youtube_id,
        "video": _relative(files.video, settings),
        "poster": _relative(files.poster, settings),
        "captions": _relative(files.captions, settings),
        "chapters_track": _relative(files.chapters_track, settings),
        "duration": round(info.duration, 3),
        "segments": segments,
    }
    with atomic_write(record) as temp:
        temp.write_text(json.dumps({"key": key, "entry": entry}, indent=2) + "\n", encoding="utf-8")
    return entry


def _sound(
    video: Path, clips: Sequence[SceneClip], work_dir: Path, track: Narration | None = None, start: float = 0.0
) -> Narration | None:
    """Give ``video`` its narration: the track of ``clips`` (built if not given), from ``start``.

    A whole chapter (no ``track`` given) must measure -16 LUFS, true peak at most -1 dBTP.
    Returns the track, or None when the scenes say nothing.
    """
    try:
        whole = track is None
        if track is None:
            track = narration([(clip.mp4, clip.duration) for clip in clips], work_dir, video.stem)
        if track is not None:
            add_narration(video, track, start, check_loudness=whole)
        return track
    except AudioError as error:
        raise AssembleError(str(error)) from error


def _assembly_key(chapter: Chapter, settings: RenderSettings) -> str:
    """What a chapter's joined files are made of: its declarations and its scenes' cache keys."""
    digest = hashlib.sha256()
    declared = [chapter.number, chapter.title, chapter.youtube_id, settings.quality,
                [[segment.title, list(segment.scenes)] for segment in chapter.segments]]  # fmt: skip
    digest.update(json.dumps(declared).encode())
    for name in chapter.scenes:
        key_file = scene_files(settings.out_dir, chapter.number, name).key
        digest.update(key_file.read_bytes() if key_file.exists() else b"missing")
    return digest.hexdigest()


def _read_record(record: Path, key: str, settings: RenderSettings) -> dict[str, Any] | None:
    """The manifest entry of the last assembly if it had ``key`` and its files are all there."""
    try:
        stored = json.loads(record.read_text(encoding="utf-8"))
        entry: dict[str, Any] = stored["entry"]
        if stored["key"] != key:
            return None
        paths = [entry[name] for name in ("video", "poster", "captions", "chapters_track")]
        paths += [segment[name] for segment in entry["segments"] for name in ("clip", "captions")]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return entry if all((settings.out_dir / path).is_file() for path in paths) else None


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    """``out_dir/manifest.json`` as a dict, or None if there is none yet.

    Raises
    ------
    AssembleError
        If the file is not valid JSON with a ``chapters`` list.
    """
    path = out_dir / MANIFEST_NAME
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise AssembleError(f"{path} is not valid JSON ({error}); delete it and render again") from error
    if not isinstance(manifest, dict) or not isinstance(manifest.get("chapters"), list):
        raise AssembleError(f"{path} has no 'chapters' list; delete it and render again")
    return manifest


def write_manifest(settings: RenderSettings, entries: Sequence[dict[str, Any]]) -> Path:
    """Write ``manifest.json`` with ``entries``, keeping the chapters already there.

    Parameters
    ----------
    settings : RenderSettings
        Quality and output folder.
    entries : sequence of dict
        Chapter entries from :func:`assemble_chapter`; they replace entries
        with the same ``number``.

    Returns
    -------
    Path
        The manifest file, written atomically.
    """
    preset = settings.preset
    existing = read_manifest(settings.out_dir)
    chapters = {int(entry["number"]): entry for entry in (existing or {}).get("chapters", [])}
    chapters.update({int(entry["number"]): entry for entry in entries})
    manifest = {
        "quality": settings.quality,
        "resolution": list(preset.resolution),
        "fps": preset.fps,
        "chapters": [chapters[number] for number in sorted(chapters)],
    }
    path = settings.out_dir / MANIFEST_NAME
    with atomic_write(path) as temp:
        temp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path
