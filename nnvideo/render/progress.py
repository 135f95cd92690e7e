"""Progress of a render run: scenes done out of total, elapsed time, ETA.

The render code reports one :class:`Progress` per finished scene to a
callback; the CLI formats it with :func:`format_progress` on stderr.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Progress", "ProgressClock", "format_progress", "format_duration"]


@dataclass(frozen=True)
class Progress:
    """State after one more scene finished.

    Attributes
    ----------
    done, total : int
        Scenes finished (rendered, cached or failed) and scenes in the run.
    elapsed : float
        Seconds since the run started.
    eta : float or None
        Estimated seconds left; ``None`` until a scene has been rendered.
    message : str
        What just finished, e.g. ``chapter1 RedCircle: rendered in 3.1 s``.
    """

    done: int
    total: int
    elapsed: float
    eta: float | None
    message: str


@dataclass
class ProgressClock:
    """Counts finished scenes and estimates the time left.

    The estimate is the mean render time of the scenes rendered so far, times
    the scenes still to render, divided by the parallel jobs (at most as many
    as scenes left). Cached scenes count as done but not in the mean.

    Parameters
    ----------
    total : int
        Scenes in the run.
    to_render : int
        Of those, how many need rendering (the rest are cached).
    jobs : int
        Scenes rendered at once.
    clock : callable
        Returns seconds; ``time.monotonic`` unless a test passes its own.
    """

    total: int
    to_render: int
    jobs: int
    clock: Callable[[], float] = time.monotonic
    _start: float = field(init=False)
    _done: int = field(init=False, default=0)
    _render_seconds: list[float] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self._start = self.clock()

    def finish(self, message: str, render_seconds: float | None) -> Progress:
        """Record one finished scene (``render_seconds`` is None if nothing was rendered)."""
        self._done += 1
        if render_seconds is not None:
            self._render_seconds.append(render_seconds)
        left = self.to_render - len(self._render_seconds)
        eta: float | None
        if left <= 0:
            eta = 0.0
        elif self._render_seconds:
            mean = sum(self._render_seconds) / len(self._render_seconds)
            eta = mean * left / min(self.jobs, left)
        else:
            eta = None
        return Progress(self._done, self.total, self.clock() - self._start, eta, message)


def format_duration(seconds: float) -> str:
    """``M:SS`` (or ``H:MM:SS`` from an hour).

    >>> format_duration(75.4), format_duration(3725)
    ('1:15', '1:02:05')
    """
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_progress(progress: Progress) -> str:
    """One status line: ``[ 3/10] 0:42 elapsed, ETA 1:30  chapter1 RedCircle: rendered in 3.1 s``."""
    width = len(str(progress.total))
    eta = "ETA ?" if progress.eta is None else f"ETA {format_duration(progress.eta)}"
    return (
        f"[{progress.done:>{width}}/{progress.total}] "
        f"{format_duration(progress.elapsed)} elapsed, {eta}  {progress.message}"
    )
