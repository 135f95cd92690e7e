"""Chapter 1's pacing: :func:`scenes.common.captions.share_of` and :func:`~scenes.common.captions.paced`
with the chapter's shortest run time, :data:`LEAST`."""
from __future__ import annotations

from functools import partial

from scenes.common import captions

__all__ = ["LEAST", "share_of", "paced"]

#: No paced animation of chapter 1 runs shorter than this (seconds).
LEAST = 0.8

share_of = partial(captions.share_of, least=LEAST)
paced = partial(captions.paced, least=LEAST)
