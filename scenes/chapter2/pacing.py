"""Beats whose animations fill their words, and a check that nothing sits in the caption band.

A beat (:func:`scenes.common.captions.beat`) lasts as long as its words and a
breath; its animations play from the first word. If they end early, the picture
holds while the voice goes on (a still, when it lasts 4 s or more).
:func:`paced` spreads the animations over a share of the line, and
:func:`share_of` gives the run time of one of several plays made under one line
(``with narrated(scene, line): ...``), so the picture moves while the words are spoken.

With the voice on, a line's length is its synthesized speech (cached, so asking
first costs nothing later); silent, it is the caption's reading time.
"""
from __future__ import annotations

from typing import Any

from manim import Animation, ImageMobject, Mobject, Scene, VMobject, config

from scenes.common.captions import BREATH, beat, reading_time
from scenes.common.narration import Line
from scenes.common.voice import SILENT, synthesize, voice_setting

__all__ = ["SHARE", "line_seconds", "share_of", "paced", "caption_band_top", "in_caption_band"]

#: Share of a line's length its animations take by default.
SHARE = 0.85
#: No paced animation runs shorter than this (seconds).
LEAST = 0.3
#: The bottom share of the frame where players draw captions.
CAPTION_BAND = 0.15


def line_seconds(line: Line) -> float:
    """Seconds ``line`` lasts as a beat: its speech and a breath, or (silent) its reading time."""
    voice = voice_setting()
    if voice == SILENT:
        return reading_time(line.caption)
    return synthesize(line.say, voice).duration + BREATH


def share_of(line: Line, share: float = SHARE, parts: int = 1) -> float:
    """Run time of one of ``parts`` equal plays that together take ``share`` of ``line``."""
    if parts < 1:
        raise ValueError(f"parts={parts}; split a line into at least one part")
    return max(LEAST, share * line_seconds(line) / parts)


def paced(scene: Scene, line: Line, *animations: Animation, share: float = SHARE, **kwargs: Any) -> float:
    """:func:`~scenes.common.captions.beat` with the animations spread over ``share`` of the words."""
    return beat(scene, line, *animations, run_time=share_of(line, share), **kwargs)


def caption_band_top() -> float:
    """Frame y below which captions are drawn: the bottom :data:`CAPTION_BAND` of the frame."""
    return -config.frame_height / 2 + CAPTION_BAND * config.frame_height


def in_caption_band(mob: Mobject) -> bool:
    """Whether any visible drawn part of ``mob`` reaches into the caption band (frame coordinates: in a
    ``ThreeDScene`` this holds for mobjects fixed in the frame only)."""
    top = caption_band_top()
    for part in mob.get_family():
        if not isinstance(part, (VMobject, ImageMobject)) or not part.has_points():
            continue
        if isinstance(part, VMobject) and part.get_fill_opacity() == 0 and part.get_stroke_opacity() == 0:
            continue
        if part.get_bottom()[1] < top - 1e-6:
            return True
    return False
