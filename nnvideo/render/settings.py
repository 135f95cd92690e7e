"""Render settings: the quality presets and the one frozen ``RenderSettings``.

``cli.py`` turns the ``nnvideo render`` flags into a :class:`RenderSettings`
and passes it down to :mod:`nnvideo.render` and
:mod:`nnvideo.render.assemble`; nothing reads a global that can change.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from scenes.common.voice import VOICE_ENV, VOICES

__all__ = [
    "QUALITIES",
    "DEFAULT_MODULE_PATTERN",
    "DEFAULT_SHARED_PACKAGES",
    "QualityPreset",
    "RenderSettings",
    "default_jobs",
]

DEFAULT_MODULE_PATTERN = "scenes.chapter{number}"
"""Dotted module name of chapter ``number``; ``{number}`` is filled in."""
DEFAULT_SHARED_PACKAGES = ("scenes.common", "nnmath")
"""Packages whose source (and weights) every scene's cache key covers."""


@dataclass(frozen=True)
class QualityPreset:
    """One output quality: a manim quality flag and what it produces.

    Attributes
    ----------
    name : str
        The name used on the command line and as the folder under ``media/``.
    manim_flag : str
        manim's ``--quality`` letter (``l``, ``m``, ``h``, ``p``).
    width, height : int
        Frame size in pixels.
    fps : int
        Frames per second.
    """

    name: str
    manim_flag: str
    width: int
    height: int
    fps: int

    @property
    def resolution(self) -> tuple[int, int]:
        """``(width, height)`` in pixels."""
        return (self.width, self.height)


QUALITIES: dict[str, QualityPreset] = {
    preset.name: preset
    for preset in (
        QualityPreset("low", "l", 854, 480, 15),
        QualityPreset("medium", "m", 1280, 720, 30),
        QualityPreset("high", "h", 1920, 1080, 60),
        QualityPreset("production", "p", 2560, 1440, 60),
    )
}


@dataclass(frozen=True)
class RenderSettings:
    """Everything a render run needs, decided once by the caller.

    Attributes
    ----------
    quality : str
        A key of :data:`QUALITIES`: ``low``, ``medium``, ``high`` or ``production``.
    jobs : int
        How many manim processes run at once (>= 1).
    media_root : Path
        Output root; this quality's files go to ``media_root / quality``.
    module_pattern : str
        Dotted name of chapter N's module, with ``{number}`` for N
        (``scenes.chapter{number}``). Tests point it at their own modules.
    max_inflight_encoders : int or None
        Passed to manim's ``--max-inflight-encoders`` when set; ``None``
        keeps manim's default (encode each animation before the next).
    shared_packages : tuple of str
        Packages every scene depends on; their ``*.py`` files and everything
        under their ``weights/`` folder enter each scene's cache key.
        Tests point it at packages of their own.
    voice : str
        Who narrates: ``joe`` (Piper's voice) or ``none`` (silent films, captions
        at reading pace). Reaches the scenes as ``$NNVIDEO_VOICE``
        (:meth:`scene_environment`).
    """

    quality: str = "medium"
    jobs: int = 2
    media_root: Path = Path("media")
    module_pattern: str = DEFAULT_MODULE_PATTERN
    max_inflight_encoders: int | None = None
    shared_packages: tuple[str, ...] = DEFAULT_SHARED_PACKAGES
    voice: str = "joe"

    def __post_init__(self) -> None:
        if self.voice not in VOICES:
            raise ValueError(f"unknown voice {self.voice!r}; choose one of {', '.join(VOICES)}")
        if self.quality not in QUALITIES:
            raise ValueError(
                f"unknown quality {self.quality!r}; choose one of {', '.join(QUALITIES)}"
            )
        if self.jobs < 1:
            raise ValueError(f"jobs is {self.jobs}; it must be at least 1")
        if self.max_inflight_encoders is not None and self.max_inflight_encoders < 1:
            raise ValueError(
                f"max_inflight_encoders is {self.max_inflight_encoders}; "
                "it must be at least 1 (or None for manim's default)"
            )
        if "{number}" not in self.module_pattern:
            raise ValueError(
                f"module_pattern {self.module_pattern!r} has no '{{number}}'; "
                f"write it like {DEFAULT_MODULE_PATTERN!r}"
            )

    @property
    def preset(self) -> QualityPreset:
        """The :class:`QualityPreset` named by :attr:`quality`."""
        return QUALITIES[self.quality]

    @property
    def out_dir(self) -> Path:
        """``media_root / quality``: where every output of this quality goes."""
        return self.media_root / self.quality

    def scene_environment(self) -> dict[str, str]:
        """Environment variables the manim processes get from these settings (the voice)."""
        return {VOICE_ENV: self.voice}

    def module_name(self, number: int) -> str:
        """Dotted module name of chapter ``number``."""
        return self.module_pattern.format(number=number)



def default_jobs() -> int:
    """The number of CPUs this process may run on (at least 1)."""
    return max(1, len(os.sched_getaffinity(0)))
