"""Beats whose animations fill their words: how long a line lasts, and a beat paced to it.

A beat (:func:`scenes.common.captions.beat`) lasts as long as its words and a
breath; its animations play from the first word. If they end early, the picture
holds while the voice goes on, which the house rule counts as a still when it
lasts 4 s or more. :func:`paced` gives the animations a share of the line's
length, so the picture moves while the words are spoken.

With the voice on, a line's length is its synthesized speech (cached, so asking
first costs nothing later); silent, it is the caption's reading time.
"""
from __future__ import annotations

from typing import Any

from manim import Animation, Scene

from scenes.common.captions import BREATH, beat, reading_time
from scenes.common.narration import Line
from scenes.common.voice import SILENT, synthesize, voice_setting

__all__ = ["line_seconds", "share_of", "paced"]

#: Share of a line's length its animations take by default.
SHARE = 0.85
#: No paced animation runs shorter than this (seconds).
LEAST = 0.8


def line_seconds(line: Line) -> float:
    """Seconds ``line`` lasts as a beat: its speech and a breath, or (silent) its reading time."""
    voice = voice_setting()
    if voice == SILENT:
        return reading_time(line.caption)
    return synthesize(line.say, voice).duration + BREATH


def share_of(line: Line, share: float = SHARE, parts: int = 1) -> float:
    """Run time of one of ``parts`` equal animations that together take ``share`` of ``line``."""
    if parts < 1:
        raise ValueError(f"parts={parts}; split a line into at least one part")
    return max(LEAST, share * line_seconds(line) / parts)


def paced(scene: Scene, line: Line, *animations: Animation, share: float = SHARE, **kwargs: Any) -> float:
    """:func:`~scenes.common.captions.beat` with the animations spread over ``share`` of the words."""
    return beat(scene, line, *animations, run_time=share_of(line, share), **kwargs)
