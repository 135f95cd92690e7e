"""What a rendered video file holds, read with ``ffprobe`` and the MP4 box layout.

Durations and offsets in the pipeline come from here, from the files
themselves, never typed in.
"""
from __future__ import annotations

import json
import shutil
import struct
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

__all__ = ["ProbeError", "VideoInfo", "probe_video", "mp4_top_level_boxes"]


class ProbeError(RuntimeError):
    """ffprobe is missing or could not read a file."""


@dataclass(frozen=True)
class VideoInfo:
    """The first video stream of a file, and the file's duration.

    Attributes
    ----------
    codec : str
        ffprobe's codec name (``h264``).
    pix_fmt : str
        Pixel format (``yuv420p``).
    width, height : int
        Frame size in pixels.
    fps : float
        The stream's frame rate (ffprobe's ``r_frame_rate``: what the encoder was
        set to, e.g. exactly 60). The average rate, frames over duration, can read
        59.9989 for a clip made of many short pieces and is not what joining needs.
    frames : int
        Number of frames (0 if the container does not say).
    duration : float
        Container duration, seconds.
    """

    codec: str
    pix_fmt: str
    width: int
    height: int
    fps: float
    frames: int
    duration: float


def _ffprobe() -> str:
    found = shutil.which("ffprobe")
    if found is None:
        raise ProbeError("ffprobe not found on PATH; install ffmpeg (scripts/bootstrap.sh does)")
    return found


def probe_video(path: Path) -> VideoInfo:
    """Read the first video stream of ``path`` with ffprobe.

    Raises
    ------
    ProbeError
        If ffprobe is missing, fails, or finds no video stream.
    """
    command = [
        _ffprobe(), "-v", "error", "-select_streams", "v:0",
        "-show_entries",
        "stream=codec_name,pix_fmt,width,height,r_frame_rate,nb_frames:format=duration",
        "-of", "json", str(path),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ProbeError(f"ffprobe could not read {path}: {result.stderr.strip()}")
    data = json.loads(result.stdout)
    streams = data.get("streams") or []
    if not streams:
        raise ProbeError(f"{path} has no video stream")
    stream = streams[0]
    rate_text = str(stream.get("r_frame_rate") or "0/1")
    rate = Fraction(0) if rate_text.endswith("/0") else Fraction(rate_text)
    return VideoInfo(
        codec=stream.get("codec_name", ""),
        pix_fmt=stream.get("pix_fmt", ""),
        width=int(stream.get("width", 0)),
        height=int(stream.get("height", 0)),
        fps=float(rate),
        frames=int(stream.get("nb_frames") or 0),
        duration=float(data.get("format", {}).get("duration") or 0.0),
    )


def mp4_top_level_boxes(path: Path) -> list[str]:
    """Types of the top-level boxes of an MP4 file, in file order.

    ``moov`` before ``mdat`` means the file is "fast start": a browser can
    play it before it has downloaded the whole file.

    Examples
    --------
    ``['ftyp', 'moov', 'free', 'mdat']`` for ``ffmpeg -movflags +faststart`` output.
    """
    boxes = []
    size_of_file = path.stat().st_size
    with open(path, "rb") as handle:
        position = 0
        while position + 8 <= size_of_file:
            handle.seek(position)
            size, kind = struct.unpack(">I4s", handle.read(8))
            if size == 1:  # 64-bit size follows the type
                (size,) = struct.unpack(">Q", handle.read(8))
            elif size == 0:  # box runs to the end of the file
                size = size_of_file - position
            if size < 8:
                raise ProbeError(f"{path}: malformed MP4 box at byte {position}")
            boxes.append(kind.decode("latin-1"))
            position += size
    return boxes
