"""How long a beat's words last, so its animations can play for as long as they are spoken.

:func:`scenes.common.captions.beat` holds the picture after its animations until the words are
over; a chapter 4 beat instead stretches its animations over most of the words (:func:`spoken`),
so the picture keeps moving while the narrator talks about it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from manim import Animation, Scene

from scenes.common.captions import beat, reading_time
from scenes.common.narration import Line
from scenes.common.voice import SILENT, synthesize, voice_setting

__all__ = ["SHARE", "AFTER_BEAT", "seconds", "spoken"]

#: Share of a line's words its animations last (the rest is the settling pause).
SHARE = 0.85
#: Called with the scene after every :func:`spoken` beat (tests hook checks of the frame here).
AFTER_BEAT: list[Callable[[Scene], None]] = []


def seconds(line: Line) -> float:
    """Seconds the line is spoken (silent renders: the caption's reading time); cached speech."""
    voice = voice_setting()
    if voice == SILENT:
        return reading_time(line.caption)
    return synthesize(line.say, voice).duration


def spoken(scene: Scene, line: Line, *animations: Animation, share: float = SHARE, least: float = 1.0,
           most: float | None = None, **play_kwargs: Any) -> float:
    """:func:`beat` with the animations lasting ``share`` of the words (at least ``least`` seconds,
    at most ``most``); returns the caption's duration."""
    run_time = max(least, share * seconds(line))
    if most is not None:
        run_time = min(run_time, most)
    duration = beat(scene, line, *animations, run_time=run_time, **play_kwargs)
    for check in AFTER_BEAT:
        check(scene)
    return duration
