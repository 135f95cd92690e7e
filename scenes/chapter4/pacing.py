"""Chapter 4's beats: animations that last as long as their words are spoken, and a hook after each.

:func:`scenes.common.captions.beat` holds the picture after its animations until the words are
over; a chapter 4 beat instead stretches its animations over most of the words (:func:`spoken`),
so the picture keeps moving while the narrator talks about it. Chapter 4 times the speech
without its breath and runs nothing shorter than 1 s.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from manim import Animation, Scene

from scenes.common.captions import SHARE, paced
from scenes.common.narration import Line

__all__ = ["AFTER_BEAT", "spoken"]

#: Called with the scene after every :func:`spoken` beat (tests hook checks of the frame here).
AFTER_BEAT: list[Callable[[Scene], None]] = []


def spoken(scene: Scene, line: Line, *animations: Animation, share: float = SHARE, least: float = 1.0,
           most: float | None = None, **play_kwargs: Any) -> float:
    """:func:`~scenes.common.captions.paced` with the animations lasting ``share`` of the spoken words
    (no breath; at least ``least`` seconds, at most ``most``), then every :data:`AFTER_BEAT` check;
    returns the caption's duration."""
    duration = paced(scene, line, *animations, share=share, least=least, most=most, breath=False, **play_kwargs)
    for check in AFTER_BEAT:
        check(scene)
    return duration
