"""Subcaptions at reading pace: the story is told in captions, not narration.

Rule (SCENES.md): a caption stays on screen at least ``2 s + 0.3 s per word``
and the video holds still while a caption that matters is read. Manim writes
the captions as an ``.srt`` beside the scene's MP4; the pipeline turns them
into WebVTT for the post.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from manim import Animation, Scene

__all__ = ["MIN_SECONDS", "SECONDS_PER_WORD", "reading_time", "caption", "captioned"]

MIN_SECONDS = 2.0
SECONDS_PER_WORD = 0.3


def reading_time(text: str) -> float:
    """Seconds a caption needs on screen: ``2 + 0.3 * words``.

    Raises
    ------
    ValueError
        If ``text`` is empty (a caption must say something).

    Examples
    --------
    >>> reading_time("Neurons hold numbers")
    2.9
    """
    words = len(text.split())
    if words == 0:
        raise ValueError("a caption needs text; got an empty string")
    return round(MIN_SECONDS + SECONDS_PER_WORD * words, 3)


def caption(
    scene: Scene,
    text: str,
    *animations: Animation,
    run_time: float | None = None,
    hold: bool = True,
    **play_kwargs: object,
) -> float:
    """Show ``text`` as a subcaption while ``animations`` play, then hold until it is read.

    Parameters
    ----------
    scene : Scene
        The scene being built.
    text : str
        One or two sentences in our own words.
    *animations : Animation
        Played while the caption is up (none: the scene just waits).
    run_time : float, optional
        Run time of the animations (default: manim's, usually 1 s).
    hold : bool
        If True (default) the scene waits after the animations until the
        caption has been up for :func:`reading_time`; if False the caption
        keeps that duration but the scene moves on (the next beats play
        under it).
    **play_kwargs
        Passed to ``scene.play`` (e.g. ``rate_func``).

    Returns
    -------
    float
        How long the caption is shown, in seconds.
    """
    needed = reading_time(text)
    played = 0.0
    if animations:
        kwargs = dict(play_kwargs)
        if run_time is not None:
            kwargs["run_time"] = run_time
        start = scene.time
        scene.play(*animations, **kwargs)  # type: ignore[arg-type]
        played = scene.time - start
    duration = max(needed, played)
    # The cue starts when the animations did (offset back from "now").
    scene.add_subcaption(text, duration=duration, offset=-played)
    if hold and duration > played:
        scene.wait(duration - played)
    return duration


@contextmanager
def captioned(scene: Scene, text: str, hold: bool = True) -> Iterator[None]:
    """Show ``text`` while the ``with`` block plays several animations, then hold until it is read.

    Use it when one caption covers a sequence of ``scene.play`` calls::

        with captioned(self, "Five more threes, all different pixels"):
            for new in threes:
                self.play(FadeTransform(old, new))
                old = new

    The cue starts when the block starts and lasts ``max(reading_time(text),
    time spent in the block)``.
    """
    needed = reading_time(text)
    start = scene.time
    yield
    played = scene.time - start
    duration = max(needed, played)
    scene.add_subcaption(text, duration=duration, offset=-played)
    if hold and duration > played:
        scene.wait(duration - played)
