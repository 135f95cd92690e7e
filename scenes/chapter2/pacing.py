"""Chapter 2's pacing, and a check that nothing sits in the caption band.

:func:`share_of` and :func:`paced` are :func:`scenes.common.captions.share_of`
and :func:`~scenes.common.captions.paced` with the chapter's shortest run time,
:data:`LEAST`. :func:`in_caption_band` tells whether a mobject reaches below
:data:`scenes.common.layout.CAPTION_BAND_TOP`.
"""
from __future__ import annotations

from functools import partial

from manim import ImageMobject, Mobject, VMobject

from scenes.common import captions
from scenes.common.layout import CAPTION_BAND_TOP

__all__ = ["LEAST", "share_of", "paced", "in_caption_band"]

#: No paced animation of chapter 2 runs shorter than this (seconds).
LEAST = 0.3

share_of = partial(captions.share_of, least=LEAST)
paced = partial(captions.paced, least=LEAST)


def in_caption_band(mob: Mobject) -> bool:
    """Whether any visible drawn part of ``mob`` reaches into the caption band (frame coordinates: in a
    ``ThreeDScene`` this holds for mobjects fixed in the frame only)."""
    for part in mob.get_family():
        if not isinstance(part, (VMobject, ImageMobject)) or not part.has_points():
            continue
        if isinstance(part, VMobject) and part.get_fill_opacity() == 0 and part.get_stroke_opacity() == 0:
            continue
        if part.get_bottom()[1] < CAPTION_BAND_TOP - 1e-6:
            return True
    return False
