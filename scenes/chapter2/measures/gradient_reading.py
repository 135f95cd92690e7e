r"""Reading a gradient as a list of importances: sorted entries and what each one says.

The gradient of the 784-16-16-10 network has 13,002 entries, one per weight or
bias, in the layout of :meth:`Network.flat`. Each entry of :math:`-\nabla C`
says which way to nudge its parameter (the sign) and how much that nudge buys
(the magnitude). Chapter 2 sorts them by magnitude, reads them in words
("should increase a lot") and finds the weight that matters most and least.
Naming a flat index is :func:`nnmath.parameters.parameter_name`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from nnmath import Network
from nnmath import Labels, Vector
from nnmath.parameters import weight_indices

__all__ = ["RankedGradient", "rank_by_magnitude", "Thresholds", "magnitude_thresholds", "nudge_words",
           "extreme_weights"]


@dataclass(frozen=True)
class RankedGradient:
    """Gradient entries sorted by magnitude, largest first.

    Attributes
    ----------
    order : (n,) ndarray of int
        Flat indexes, most important first (ties keep the flat order).
    values : (n,) ndarray
        The entries in that order, signed.
    """

    order: Labels
    values: Vector

    @property
    def magnitudes(self) -> Vector:
        """``|values|``, shape ``(n,)``, non-increasing."""
        out: Vector = np.abs(self.values)
        return out


def _flat(gradient: object) -> Vector:
    g = np.asarray(gradient, dtype=np.float64)
    if g.ndim != 1:
        raise ValueError(f"gradient has shape {g.shape}; expected a flat (n,) vector, e.g. Gradients.flat()")
    if not np.all(np.isfinite(g)):
        raise ValueError("gradient holds NaN or infinite entries")
    return g


def rank_by_magnitude(gradient: Vector, among: Sequence[int] | Labels | None = None) -> RankedGradient:
    """Sort gradient entries by ``|entry|``, largest first.

    Parameters
    ----------
    gradient : (n,) ndarray
        A flat gradient, e.g. ``backprop(...).flat()`` (13,002 entries).
    among : sequence of int, optional
        Rank only these flat indexes (default: all ``n``).

    Returns
    -------
    RankedGradient
        ``order`` and ``values`` of length ``len(among)`` (or ``n``).

    Examples
    --------
    >>> rank_by_magnitude(np.array([0.1, -3.0, 2.0])).order.tolist()
    [1, 2, 0]
    """
    g = _flat(gradient)
    idx = np.arange(g.size) if among is None else np.asarray(among, dtype=np.int64).ravel()
    if idx.size and (idx.min() < 0 or idx.max() >= g.size):
        raise ValueError(f"'among' holds indexes outside 0..{g.size - 1}")
    order = idx[np.argsort(-np.abs(g[idx]), kind="stable")]
    return RankedGradient(order=order, values=g[order])


@dataclass(frozen=True)
class Thresholds:
    """Two magnitudes that split gradient entries into "a little", "somewhat" and "a lot".

    Attributes
    ----------
    low : float
        Below it, "a little".
    high : float
        At or above it, "a lot"; ``low <= high``.
    """

    low: float
    high: float


def magnitude_thresholds(
    gradient: Vector, quantiles: tuple[float, float] = (1 / 3, 2 / 3)
) -> Thresholds:
    """Two magnitudes that split ``|gradient|`` into "a little", "somewhat" and "a lot".

    The thresholds are quantiles of the entries' magnitudes, so each word covers
    a fixed share of the entries whatever the gradient's scale.

    Parameters
    ----------
    gradient : (n,) ndarray
        Flat gradient.
    quantiles : (float, float)
        ``0 < low <= high < 1``.

    Returns
    -------
    Thresholds
        ``low`` and ``high`` magnitudes, ``low <= high``.
    """
    lo, hi = quantiles
    if not 0 < lo <= hi < 1:
        raise ValueError(f"quantiles {quantiles} must satisfy 0 < low <= high < 1")
    low, high = np.quantile(np.abs(_flat(gradient)), [lo, hi])
    return Thresholds(float(low), float(high))


def nudge_words(entry: float, thresholds: Thresholds) -> str:
    """What one entry of :math:`-\\nabla C` asks of its parameter, in words.

    Parameters
    ----------
    entry : float
        An entry of the *negative* gradient.
    thresholds : Thresholds
        From :func:`magnitude_thresholds`.

    Examples
    --------
    >>> nudge_words(-0.9, Thresholds(0.1, 0.5))
    'should decrease a lot'
    >>> nudge_words(0.05, Thresholds(0.1, 0.5))
    'should increase a little'
    """
    low, high = thresholds.low, thresholds.high
    size = abs(float(entry))
    amount = "a little" if size < low else "somewhat" if size < high else "a lot"
    way = "increase" if entry > 0 else "decrease"
    return f"should {way} {amount}"


def extreme_weights(net: Network, gradient: Vector, layer: int) -> tuple[int, int]:
    """Flat indexes of the weights of ``layer`` the cost is most and least sensitive to.

    Parameters
    ----------
    net : Network
        Gives the layout of the flat vector.
    gradient : (n_parameters,) ndarray
        Flat gradient.
    layer : int
        Index into ``net.weights`` (negative counts from the end).

    Returns
    -------
    (int, int)
        ``(most, least)``: the largest and the smallest ``|dC/dw|`` among the weights
        of that layer (the first in flat order on a tie).
    """
    g = _flat(gradient)
    if g.shape != (net.n_parameters,):
        raise ValueError(f"gradient has shape {g.shape}; expected ({net.n_parameters},) for {net}")
    ranked = rank_by_magnitude(g, weight_indices(net, layer))
    least = ranked.order[ranked.magnitudes == ranked.magnitudes[-1]].min()
    return int(ranked.order[0]), int(least)
