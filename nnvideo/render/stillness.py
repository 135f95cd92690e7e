"""How much of a film stands still: ffmpeg's ``freezedetect`` over each chapter.

A *still* is a stretch of at least :data:`MIN_STILL` seconds in which no frame
differs visibly from the one before (``freezedetect=n=0.0003:d=4``; a looser
noise level such as 0.003 misses a formula being written on black). The
house rule for the series: stills cover at most :data:`MAX_STILL_SHARE` of a
chapter's running time and none lasts longer than :data:`MAX_STILL_SECONDS`.

:func:`stillness` measures one file; ``nnvideo stillness`` reports every
chapter of a render folder.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from nnvideo.render.probe import probe_video

__all__ = [
    "NOISE",
    "MIN_STILL",
    "MAX_STILL_SHARE",
    "MAX_STILL_SECONDS",
    "Still",
    "Stillness",
    "parse_freezedetect",
    "stillness",
]

NOISE = 0.0003
"""freezedetect's noise tolerance (fraction of the pixel range)."""
MIN_STILL = 4.0
"""Shortest stretch, in seconds, that counts as a still."""
MAX_STILL_SHARE = 0.25
MAX_STILL_SECONDS = 8.0

_START = re.compile(r"freeze_start:\s*([0-9.]+)")
_END = re.compile(r"freeze_end:\s*([0-9.]+)")


@dataclass(frozen=True)
class Still:
    """One still stretch, in seconds from the start of the film."""

    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Stillness:
    """The stills of one film.

    Attributes
    ----------
    path : Path
        The film.
    duration : float
        Its running time in seconds.
    stills : tuple of Still
        In order; a still running to the end of the film ends at ``duration``.
    """

    path: Path
    duration: float
    stills: tuple[Still, ...]

    @property
    def still_seconds(self) -> float:
        return sum(s.seconds for s in self.stills)

    @property
    def share(self) -> float:
        """Fraction of the running time that stands still, in [0, 1]."""
        return self.still_seconds / self.duration if self.duration > 0 else 0.0

    @property
    def longest(self) -> float:
        return max((s.seconds for s in self.stills), default=0.0)

    @property
    def passes(self) -> bool:
        """Whether the film keeps the house rule (share and longest still)."""
        return self.share <= MAX_STILL_SHARE and self.longest <= MAX_STILL_SECONDS


def parse_freezedetect(log: str, duration: float) -> tuple[Still, ...]:
    """Stills from ffmpeg's ``freezedetect`` log lines.

    Parameters
    ----------
    log : str
        ffmpeg's standard error with ``lavfi.freezedetect.freeze_start: T`` /
        ``freeze_end: T`` lines.
    duration : float
        The film's running time; closes a still that the log leaves open.

    Examples
    --------
    >>> parse_freezedetect("freeze_start: 1.5\\nfreeze_end: 6.0\\nfreeze_start: 9", 12.0)
    (Still(start=1.5, end=6.0), Still(start=9.0, end=12.0))
    """
    events = sorted(
        [(float(m.group(1)), "start", m.start()) for m in _START.finditer(log)]
        + [(float(m.group(1)), "end", m.start()) for m in _END.finditer(log)],
        key=lambda e: e[2],
    )
    stills: list[Still] = []
    open_at: float | None = None
    for t, kind, _ in events:
        if kind == "start":
            open_at = t
        elif open_at is not None:
            stills.append(Still(open_at, t))
            open_at = None
    if open_at is not None:
        stills.append(Still(open_at, max(open_at, duration)))
    return tuple(stills)


def stillness(path: Path, noise: float = NOISE, min_still: float = MIN_STILL) -> Stillness:
    """Measure the stills of one video file with ffmpeg's ``freezedetect``.

    Parameters
    ----------
    path : Path
        A video file ffmpeg can read.
    noise, min_still : float
        ``freezedetect``'s ``n`` and ``d``.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    RuntimeError
        If ffmpeg fails on it (the message carries ffmpeg's last lines).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such video; render it first (nnvideo render)")
    duration = probe_video(path).duration
    cmd = [
        "ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-map", "0:v:0",
        "-vf", f"freezedetect=n={noise}:d={min_still}", "-f", "null", "-",
    ]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"ffmpeg freezedetect failed on {path}:\n{tail}")
    return Stillness(path, duration, parse_freezedetect(done.stderr, duration))
