"""What a film says: script lines, the speech log a scene leaves, and the script checker.

No manim here (the pipeline reads the log; chapter tests run the checker).

- :class:`Line` is one beat of a script: what the voice says and the caption
  shown (they may differ: the caption "dC/dw", the voice "the derivative of the
  cost with respect to this weight"). A chapter's script is a module of
  functions returning Lines formatted from computed values::

      def accuracy(evaluation: Evaluation) -> Line:
          share = evaluation.correct / evaluation.total
          return Line(f"It gets {spoken_percent(share)} of the test digits right.",
                      f"Test accuracy: {format_percent(share)}")

- :class:`SpokenLine` and :class:`SpeechLog` are what a rendered scene
  records: when each line starts in the scene and how long its words last.
  :func:`scenes.common.captions.beat` writes the log as JSON beside the
  scene's MP4 (``<Scene>.speech.json``); ``nnvideo`` reads it with
  :func:`read_speech_log` to build each chapter's one audio track.
- :func:`typed_figures` lists the digits typed into a script's string
  literals: every figure must come from a format field (``f"{spoken_count(n)}"``).
"""
from __future__ import annotations

import ast
import inspect
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType

from nnmath.files import atomic_write

__all__ = [
    "Line",
    "SpokenLine",
    "SpeechLog",
    "SPEECH_LOG_SUFFIX",
    "speech_log_path",
    "write_speech_log",
    "read_speech_log",
    "TypedFigure",
    "typed_figures",
]

SPEECH_LOG_SUFFIX = ".speech.json"
"""A scene's speech log is ``<Scene>.speech.json`` beside ``<Scene>.mp4``."""


@dataclass(frozen=True)
class Line:
    """One beat of a script: what is said and what is shown.

    Parameters
    ----------
    say : str
        The words the voice speaks (figures spelled for the ear:
        :func:`scenes.common.formatting.spoken_number` and friends).
    caption : str, optional
        The subcaption shown while they are spoken; defaults to ``say``.

    Examples
    --------
    >>> Line("the derivative of the cost with respect to this weight", "dC/dw").caption
    'dC/dw'
    >>> Line("Neurons hold numbers.").caption
    'Neurons hold numbers.'
    """

    say: str
    caption: str = ""

    def __post_init__(self) -> None:
        if not self.say.strip():
            raise ValueError("a Line needs words to say; got an empty string")
        if not self.caption.strip():
            object.__setattr__(self, "caption", self.say)


@dataclass(frozen=True)
class SpokenLine:
    """One line as a scene spoke it.

    Attributes
    ----------
    start : float
        Seconds from the start of the scene to the first word.
    duration : float
        Seconds of speech (0 in a silent render).
    say, caption : str
        The line.
    key : str
        The speech cache key (``""`` when silent); the WAV is
        ``scenes.common.voice.speech_dir() / f"{key}.wav"``.
    """

    start: float
    duration: float
    say: str
    caption: str
    key: str = ""


@dataclass(frozen=True)
class SpeechLog:
    """Everything a scene said: the voice and its lines in order."""

    voice: str
    lines: tuple[SpokenLine, ...] = field(default_factory=tuple)

    @property
    def end(self) -> float:
        """When the last words end, seconds into the scene (0 if nothing is said)."""
        return max((line.start + line.duration for line in self.lines), default=0.0)


def speech_log_path(mp4: Path) -> Path:
    """Where the speech log of the scene rendered to ``mp4`` lives."""
    return mp4.with_name(mp4.stem + SPEECH_LOG_SUFFIX)


def write_speech_log(path: Path, log: SpeechLog) -> None:
    """Write ``log`` to ``path`` as JSON, atomically."""
    payload = {"voice": log.voice, "lines": [asdict(line) for line in log.lines]}
    with atomic_write(path) as temp:
        temp.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")


def read_speech_log(path: Path) -> SpeechLog:
    """Read a log written by :func:`write_speech_log`.

    Raises
    ------
    ValueError
        If the file is not such a log.
    """
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        lines = tuple(SpokenLine(**line) for line in payload["lines"])
        return SpeechLog(str(payload["voice"]), lines)
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path} is not a speech log ({error}); render the scene again") from error


@dataclass(frozen=True)
class TypedFigure:
    """A figure typed into a string literal: where and what."""

    line: int
    figure: str
    literal: str


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def typed_figures(script: ModuleType | str, allow: tuple[str, ...] = ()) -> list[TypedFigure]:
    """Figures typed by hand into the string literals of a script.

    A script's figures must be formatted from computed values
    (``f"{spoken_count(n_train)} training images"``), never typed
    (``"50,000 training images"``). Docstrings and f-string format specs
    (``{x:.2f}``) are not looked at.

    Parameters
    ----------
    script : module or str
        A script module, or Python source.
    allow : tuple of str
        Figures allowed as typed (e.g. ``("1", "0")`` for "1 for the right
        digit, 0 for the rest", a fact of the encoding rather than a result).

    Returns
    -------
    list of TypedFigure
        Empty when the script is clean; a test asserts ``== []``, so a failure
        shows each figure and its line.

    Examples
    --------
    >>> typed_figures('x = f"{n} weights, 784 pixels"')
    [TypedFigure(line=1, figure='784', literal='784 pixels')]
    """
    source = script if isinstance(script, str) else inspect.getsource(script)
    tree = ast.parse(source)
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            skip.update(id(part) for part in ast.walk(node.format_spec))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            for match in _FIGURE.finditer(node.value):
                if match.group() not in allow:
                    found.append(TypedFigure(node.lineno, match.group(), node.value.strip()))
    return sorted(found, key=lambda figure: figure.line)
