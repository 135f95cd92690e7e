"""Beats whose pictures move while their words are spoken, and the stage they may use.

:func:`scenes.common.captions.beat` holds the picture once its animations end
until the words are over; a hold of 4 s or more counts as a still. :func:`paced`
spreads a beat's animations over most of its words, and :func:`split` gives
each of several animations played one after another its share, so the picture
changes every few seconds while the narrator talks about it.

With the voice on, a line lasts its synthesized speech (cached: asking first
costs nothing later) and a breath; silent, its caption's reading time.

The bottom 15 % of the frame is the caption band: a player draws the captions
there, so nothing of ours goes below :data:`BAND_TOP`; :data:`STAGE_Y` is the
middle of what is left.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from manim import Animation, Mobject, Scene

from scenes.common.captions import BREATH, beat, narrated, reading_time
from scenes.common.layout import FRAME_HEIGHT
from scenes.common.narration import Line
from scenes.common.voice import SILENT, synthesize, voice_setting

__all__ = ["SHARE", "LEAST", "BAND_TOP", "STAGE_Y", "STAGE_HEIGHT", "line_seconds", "share_of", "paced",
           "split", "below_band"]

#: Share of a line's length its animations take by default.
SHARE = 0.85
#: No paced animation runs shorter than this (seconds).
LEAST = 0.6
#: Top of the caption band (frame units): nothing is drawn below it.
BAND_TOP = -FRAME_HEIGHT / 2 + 0.15 * FRAME_HEIGHT
#: Centre and height of the stage above the caption band (a 0.2 margin at the top and above the band).
STAGE_HEIGHT = FRAME_HEIGHT / 2 - BAND_TOP - 0.4
STAGE_Y = (FRAME_HEIGHT / 2 + BAND_TOP) / 2


def line_seconds(line: Line) -> float:
    """Seconds ``line`` lasts as a beat: its speech and a breath, or (silent) its reading time."""
    voice = voice_setting()
    if voice == SILENT:
        return reading_time(line.caption)
    return synthesize(line.say, voice).duration + BREATH


def share_of(line: Line, share: float = SHARE, parts: int = 1) -> float:
    """Run time of one of ``parts`` animations that together take ``share`` of ``line``."""
    if parts < 1:
        raise ValueError(f"parts={parts}; split a line into at least one part")
    return max(LEAST, share * line_seconds(line) / parts)


def paced(scene: Scene, line: Line, *animations: Animation, share: float = SHARE, **kwargs: Any) -> float:
    """:func:`~scenes.common.captions.beat` with the animations spread over ``share`` of the words."""
    return beat(scene, line, *animations, run_time=share_of(line, share), **kwargs)


def split(scene: Scene, line: Line, steps: Iterable[Animation | tuple[Animation, ...]],
          share: float = SHARE, **kwargs: Any) -> None:
    """Speak ``line`` while ``steps`` play one after another, each an equal share of the words."""
    steps = [s if isinstance(s, tuple) else (s,) for s in steps]
    run_time = share_of(line, share, parts=max(len(steps), 1))
    with narrated(scene, line):
        for animations in steps:
            scene.play(*animations, run_time=run_time, **kwargs)


def below_band(mobjects: Iterable[Mobject]) -> list[Mobject]:
    """The visible mobjects (families included) that reach into the caption band."""
    found = []
    for top in mobjects:
        for mob in top.get_family():
            if len(getattr(mob, "points", ())) == 0:
                continue
            visible = max(_opacities(mob), default=1.0) > 0.01
            if visible and mob.get_bottom()[1] < BAND_TOP - 1e-6:
                found.append(mob)
    return found


def _opacities(mob: Mobject) -> list[float]:
    values = []
    for getter in ("get_fill_opacity", "get_stroke_opacity"):
        try:
            values.append(float(getattr(mob, getter)()))
        except (AttributeError, TypeError, IndexError, ValueError):
            pass
    return values
