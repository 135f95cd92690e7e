"""Beats: a line spoken (or read), its caption, and the animations that play meanwhile.

Every caption of the series passes through here. A beat is one
:class:`~scenes.common.narration.Line`: the voice speaks ``line.say`` while the
beat's animations play, and ``line.caption`` is a subcaption from the first
word on. The beat lasts as long as the words plus :data:`BREATH` (the
animations, if longer, set its length instead). The voice is chosen once per
scene by :func:`scenes.common.voice.voice_setting` (``$NNVIDEO_VOICE``):

- ``joe``: the line is synthesized (cached on disk) and recorded in the
  scene's speech log (``<Scene>.speech.json`` beside its MP4), from which
  ``nnvideo`` builds the chapter's audio track. Lines never overlap: a beat
  waits until the previous words and their breath are over, and the scene
  does not end before its last words have.
- ``none`` (silent): a beat lasts the reading pace, ``2 s + 0.3 s per word``
  of its caption (SCENES.md), as before narration.

If a beat's animations end before its words, the picture holds while the voice
goes on (a still, when it lasts 4 s or more). :func:`paced` spreads a beat's
animations over a share of its words instead, and :func:`share_of` gives the
run time of one of several plays made under one line (``with narrated(scene,
line): ...``); both ask :func:`line_seconds` how long the line lasts. Each
chapter passes its own shortest run time (``least``).

Example, a narrated beat in a chapter scene::

    from scenes.common.captions import beat, narrated
    from scenes.chapter1 import script

    class ForwardPassOfATwo(Scene):
        def construct(self) -> None:
            ...
            beat(self, script.lights_up(trace), diagram.animate_forward(trace))
            with narrated(self, script.brightest(trace)):
                self.play(diagram.highlight_output(trace.prediction))
                self.play(Indicate(diagram.outputs[trace.prediction]))

:func:`caption` and :func:`captioned` are the same with a plain text, spoken
as written.

Times come from ``scene.time`` (manim's ``renderer.time``). In a real render it
moves by whole frames as they are written, so the logged starts are where the
words fall in the MP4; with ``skip_animations`` (dry runs, tests) it moves by
each play's exact run time and no frame is drawn, and no log is written without
a video file.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from manim import Animation, Scene

from scenes.common.narration import Line, SpeechLog, SpokenLine, speech_log_path, write_speech_log
from scenes.common.voice import SILENT, synthesize, voice_setting

__all__ = [
    "MIN_SECONDS",
    "SECONDS_PER_WORD",
    "BREATH",
    "SHARE",
    "reading_time",
    "line_seconds",
    "share_of",
    "beat",
    "paced",
    "narrated",
    "caption",
    "captioned",
    "speech_log",
]

MIN_SECONDS = 2.0
SECONDS_PER_WORD = 0.3
BREATH = 0.4
"""Seconds of quiet after a line's words before the next line may start."""
SHARE = 0.85
"""Share of a line's length a paced beat's animations take by default."""


def reading_time(text: str) -> float:
    """Seconds a caption needs on screen when nothing is spoken: ``2 + 0.3 * words``.

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


def line_seconds(line: Line, breath: bool = True) -> float:
    """Seconds ``line`` lasts: its speech (and a breath), or in a silent render its caption's reading time.

    The voice is :func:`~scenes.common.voice.voice_setting`'s; speech is
    cached, so asking before the beat costs nothing later.

    Parameters
    ----------
    line : Line
        The line to time.
    breath : bool
        With the voice on, add :data:`BREATH` (the length of a beat of that
        line). Silent, the reading time is returned either way.

    Returns
    -------
    float
        Seconds.
    """
    voice = voice_setting()
    if voice == SILENT:
        return reading_time(line.caption)
    duration = synthesize(line.say, voice).duration
    return duration + BREATH if breath else duration


def share_of(line: Line, share: float = SHARE, parts: int = 1, *, least: float = 0.0,
             most: float | None = None, breath: bool = True) -> float:
    """Run time of one of ``parts`` equal plays that together take ``share`` of ``line``.

    Parameters
    ----------
    line : Line
        The line the plays are made under.
    share : float
        Share of :func:`line_seconds` the ``parts`` plays take together.
    parts : int
        How many equal plays share it (at least 1).
    least, most : float, optional
        Shortest and longest run time returned (``most=None``: no longest).
    breath : bool
        Whether the line's length counts its breath (:func:`line_seconds`).

    Returns
    -------
    float
        ``share * line_seconds(line, breath) / parts``, at least ``least`` and at most ``most``.

    Raises
    ------
    ValueError
        If ``parts`` is less than 1.
    """
    if parts < 1:
        raise ValueError(f"parts={parts}; split a line into at least one part")
    run_time = max(least, share * line_seconds(line, breath) / parts)
    return run_time if most is None else min(run_time, most)


@dataclass
class _Narrator:
    """A scene's voice and what it has said so far (one per scene, made on its first beat)."""

    voice: str
    lines: list[SpokenLine] = field(default_factory=list)
    quiet_from: float = 0.0  # scene time when the last words and their breath are over

    def log(self) -> SpeechLog:
        return SpeechLog(self.voice, tuple(self.lines))


_ATTRIBUTE = "_nnvideo_narrator"


def _narrator(scene: Scene) -> _Narrator:
    narrator: _Narrator | None = getattr(scene, _ATTRIBUTE, None)
    if narrator is None:
        narrator = _Narrator(voice_setting())
        setattr(scene, _ATTRIBUTE, narrator)
        _finish_with_last_words(scene, narrator)
    return narrator


def _finish_with_last_words(scene: Scene, narrator: _Narrator) -> None:
    """Make the scene's ``tear_down`` wait for the last words, then write the speech log."""
    original = scene.tear_down

    def tear_down() -> None:
        _wait(scene, narrator.quiet_from - scene.time)
        _write_log(scene, narrator)
        original()

    scene.tear_down = tear_down  # type: ignore[method-assign]


def _write_log(scene: Scene, narrator: _Narrator) -> None:
    try:
        mp4 = scene.renderer.file_writer.movie_file_path
    except AttributeError:
        return  # no video written (a dry run, an image): nothing to sound
    write_speech_log(speech_log_path(mp4), narrator.log())


def speech_log(scene: Scene) -> SpeechLog:
    """What ``scene`` has said so far (an empty silent log if it has had no beat)."""
    narrator: _Narrator | None = getattr(scene, _ATTRIBUTE, None)
    return narrator.log() if narrator is not None else SpeechLog(SILENT)


def _wait(scene: Scene, seconds: float) -> None:
    if seconds > 0:
        scene.wait(seconds)


@dataclass(frozen=True)
class _Beat:
    line: Line
    start: float
    needed: float  # how long the beat lasts at least
    spoken: float  # seconds of speech (0 when silent)
    key: str


def _begin(scene: Scene, line: Line | str) -> _Beat:
    if isinstance(line, str):
        line = Line(line)
    narrator = _narrator(scene)
    if narrator.voice == SILENT:
        return _Beat(line, scene.time, reading_time(line.caption), 0.0, "")
    _wait(scene, narrator.quiet_from - scene.time)  # never over the previous words
    speech = synthesize(line.say, narrator.voice)
    return _Beat(line, scene.time, speech.duration + BREATH, speech.duration, speech.key)


def _end(scene: Scene, beat: _Beat, hold: bool) -> float:
    played = scene.time - beat.start
    duration = max(beat.needed, played)
    # The cue starts when the words (and the animations) did: offset back from "now".
    scene.add_subcaption(beat.line.caption, duration=duration, offset=-played)
    narrator = _narrator(scene)
    narrator.lines.append(
        SpokenLine(round(beat.start, 6), round(beat.spoken, 6), beat.line.say, beat.line.caption, beat.key)
    )
    if narrator.voice != SILENT:
        narrator.quiet_from = beat.start + beat.needed
    if hold:
        _wait(scene, duration - played)
    return duration


def beat(
    scene: Scene,
    line: Line | str,
    *animations: Animation,
    run_time: float | None = None,
    hold: bool = True,
    **play_kwargs: Any,
) -> float:
    """Speak ``line`` (or give it its reading time) while ``animations`` play.

    Parameters
    ----------
    scene : Scene
        The scene being built.
    line : Line or str
        What is said and shown; a plain string is both.
    *animations : Animation
        Played from the first word on (none: the scene holds still).
    run_time : float, optional
        Run time of the animations (default: manim's, usually 1 s).
    hold : bool
        If True (default) the scene waits after the animations until the
        words and a breath are over (silent: until the caption is read). If
        False the caption keeps that duration but the scene moves on: the
        next animations play under the words (the next *line* still waits
        for them).
    **play_kwargs
        Passed to ``scene.play`` (e.g. ``rate_func``).

    Returns
    -------
    float
        How long the caption is shown, seconds.
    """
    started = _begin(scene, line)
    if animations:
        kwargs = dict(play_kwargs)
        if run_time is not None:
            kwargs["run_time"] = run_time
        scene.play(*animations, **kwargs)
    return _end(scene, started, hold)


def paced(scene: Scene, line: Line, *animations: Animation, share: float = SHARE, least: float = 0.0,
          most: float | None = None, breath: bool = True, **kwargs: Any) -> float:
    """:func:`beat` with the animations spread over ``share`` of the words.

    The run time is :func:`share_of` ``(line, share, least=least, most=most,
    breath=breath)``; ``kwargs`` go to :func:`beat` (``hold``, ``rate_func``, ...).

    Returns
    -------
    float
        How long the caption is shown, seconds.
    """
    run_time = share_of(line, share, least=least, most=most, breath=breath)
    return beat(scene, line, *animations, run_time=run_time, **kwargs)


@contextmanager
def narrated(scene: Scene, line: Line | str, hold: bool = True) -> Iterator[None]:
    """Speak ``line`` while the ``with`` block plays several animations.

    ::

        with narrated(self, script.five_threes()):
            for new in threes:
                self.play(FadeTransform(old, new))
                old = new

    The words start with the block; after it the scene holds until they and
    a breath are over (``hold=False``: see :func:`beat`).
    """
    started = _begin(scene, line)
    yield
    _end(scene, started, hold)


def caption(
    scene: Scene,
    text: str,
    *animations: Animation,
    run_time: float | None = None,
    hold: bool = True,
    **play_kwargs: Any,
) -> float:
    """A beat whose words are its caption: :func:`beat` with ``Line(text)``."""
    return beat(scene, Line(text), *animations, run_time=run_time, hold=hold, **play_kwargs)


@contextmanager
def captioned(scene: Scene, text: str, hold: bool = True) -> Iterator[None]:
    """A block whose words are its caption: :func:`narrated` with ``Line(text)``."""
    with narrated(scene, Line(text), hold=hold):
        yield
