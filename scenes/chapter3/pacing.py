"""Chapter 3's pacing, and the stage its pictures use above the caption band.

:func:`scenes.common.captions.beat` holds the picture once its animations end
until the words are over; a hold of 4 s or more counts as a still. :func:`paced`
(:func:`scenes.common.captions.paced` with the chapter's shortest run time,
:data:`LEAST`) spreads a beat's animations over most of its words, and
:func:`split` gives each of several animations played one after another its
share, so the picture changes every few seconds while the narrator talks about it.

Nothing of ours goes below :data:`scenes.common.layout.CAPTION_BAND_TOP`, where
players draw the captions; :data:`STAGE_Y` is the middle of what is left.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from manim import Animation, Mobject, Scene

from scenes.common import captions
from scenes.common.captions import SHARE, narrated
from scenes.common.layout import CAPTION_BAND_TOP, FRAME_HEIGHT
from scenes.common.narration import Line

__all__ = ["LEAST", "STAGE_Y", "STAGE_HEIGHT", "share_of", "paced", "split", "below_band"]

#: No paced animation of chapter 3 runs shorter than this (seconds).
LEAST = 0.6
#: Centre and height of the stage above the caption band (a 0.2 margin at the top and above the band).
STAGE_HEIGHT = FRAME_HEIGHT / 2 - CAPTION_BAND_TOP - 0.4
STAGE_Y = (FRAME_HEIGHT / 2 + CAPTION_BAND_TOP) / 2

share_of = partial(captions.share_of, least=LEAST)
paced = partial(captions.paced, least=LEAST)


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
            if visible and mob.get_bottom()[1] < CAPTION_BAND_TOP - 1e-6:
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
