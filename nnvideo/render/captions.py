"""Subtitles: read manim's SRT, shift cues, write WebVTT captions and chapter tracks.

manim writes each scene's subcaptions as an ``.srt`` beside its MP4, timed
from the scene's start. A joined video needs them shifted by the scene's
offset and written as WebVTT, the format ``<track>`` elements read.

Examples
--------
>>> cues = parse_srt("1\\n00:00:00,000 --> 00:00:01,500\\nHello\\n")
>>> print(format_vtt(shift_cues(cues, 2.0)), end="")
WEBVTT
<BLANKLINE>
1
00:00:02.000 --> 00:00:03.500
Hello
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "Cue",
    "parse_srt",
    "shift_cues",
    "format_vtt",
    "format_timestamp",
    "chapters_vtt",
]

_SRT_TIME = r"(\d+):(\d{2}):(\d{2})[,.](\d{3})"
_SRT_TIMING = re.compile(rf"^\s*{_SRT_TIME}\s*-->\s*{_SRT_TIME}")


@dataclass(frozen=True)
class Cue:
    """One caption: shown from ``start`` to ``end`` seconds.

    Attributes
    ----------
    start, end : float
        Seconds from the start of the video, ``0 <= start <= end``.
    text : str
        The caption, possibly several lines joined by ``\\n``.
    """

    start: float
    end: float
    text: str

    def __post_init__(self) -> None:
        if not 0.0 <= self.start <= self.end:
            raise ValueError(
                f"cue {self.text!r} runs from {self.start} s to {self.end} s; "
                "a cue needs 0 <= start <= end"
            )


def _seconds(hours: str, minutes: str, seconds: str, millis: str) -> float:
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def parse_srt(text: str) -> list[Cue]:
    """Parse SubRip text into cues.

    Parameters
    ----------
    text : str
        SRT content: blocks separated by blank lines, each an optional
        index line, a ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` line and text lines.
        An empty string gives no cues.

    Returns
    -------
    list of Cue
        In file order.

    Raises
    ------
    ValueError
        If a block has no timing line.
    """
    cues: list[Cue] = []
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    for number, block in enumerate(re.split(r"\n\s*\n", normalised.strip()), start=1):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        matches = [(i, _SRT_TIMING.match(line)) for i, line in enumerate(lines[:2])]
        found = [(i, match) for i, match in matches if match is not None]
        if not found:
            raise ValueError(
                f"SRT block {number} has no 'HH:MM:SS,mmm --> HH:MM:SS,mmm' line: {block!r}"
            )
        timing_at, match = found[0]
        start = _seconds(*match.groups()[:4])
        end = _seconds(*match.groups()[4:])
        cues.append(Cue(start, end, "\n".join(lines[timing_at + 1 :])))
    return cues


def shift_cues(cues: Iterable[Cue], offset: float) -> list[Cue]:
    """Move every cue ``offset`` seconds later (a scene's start in the joined video)."""
    return [Cue(cue.start + offset, cue.end + offset, cue.text) for cue in cues]


def format_timestamp(seconds: float) -> str:
    """WebVTT timestamp ``HH:MM:SS.mmm``, rounded to the millisecond.

    >>> format_timestamp(3723.0456)
    '01:02:03.046'
    """
    if seconds < 0:
        raise ValueError(f"timestamp {seconds} s is negative")
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    whole, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{whole:02d}.{millis:03d}"


def _cue_text(text: str) -> str:
    # A cue's text may not contain "-->" or a blank line, and '&' '<' start markup.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "\n".join(line for line in escaped.split("\n") if line.strip())


def format_vtt(cues: Sequence[Cue]) -> str:
    """WebVTT file content for ``cues``, numbered from 1.

    Parameters
    ----------
    cues : sequence of Cue
        Captions in display order.

    Returns
    -------
    str
        ``WEBVTT`` header, then one block per cue; ends with a newline.
    """
    blocks = ["WEBVTT"]
    for number, cue in enumerate(cues, start=1):
        blocks.append(
            f"{number}\n{format_timestamp(cue.start)} --> {format_timestamp(cue.end)}\n"
            f"{_cue_text(cue.text)}"
        )
    return "\n\n".join(blocks) + "\n"


def chapters_vtt(segments: Sequence[tuple[str, float, float]]) -> str:
    """WebVTT chapters track: one cue per timeline segment.

    Parameters
    ----------
    segments : sequence of (title, start, duration)
        Each segment's title and where it sits in the joined video, seconds.

    Returns
    -------
    str
        WebVTT content whose cues run from each segment's start to its end.
    """
    return format_vtt([Cue(start, start + duration, title) for title, start, duration in segments])
