r"""How sensitive the cost is to each parameter, measured and read off the gradient.

Chapter 3 reads the gradient entry by entry: an entry 32 times larger than
another means the cost is 32 times more sensitive to that parameter. Here
that is measured: nudge each parameter by the same small amount and see how
much the cost changes. It also builds the table of per-example "change by"
values that average into :math:`-\nabla C`. Parameters are named by
:mod:`nnmath.parameters` (``w0 .. w13,001`` in the videos).

Notes
-----
.. math:: C(\theta + h\,e_i) - C(\theta) = h\,\frac{\partial C}{\partial \theta_i} + O(h^2)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from nnmath import Network, backprop, cost, feedforward
from nnmath import Batch, Labels, Matrix, Vector
from nnmath.parameters import ParameterName, parameter_name
from nnmath.validate import labelled_data

__all__ = ["Nudge", "nudge", "contrasting_pair", "ChangeTable", "change_table"]


@dataclass(frozen=True)
class Nudge:
    r"""The cost before and after nudging one parameter by ``h``.

    Attributes
    ----------
    name : ParameterName
        The parameter.
    h : float
        The nudge.
    gradient : float
        :math:`\partial C/\partial\theta_i` from backprop.
    cost_before, cost_after : float
        :math:`C(\theta)` and :math:`C(\theta + h e_i)`, measured by forward passes.
    """

    name: ParameterName
    h: float
    gradient: float
    cost_before: float
    cost_after: float

    @property
    def change(self) -> float:
        """Measured change of the cost, ``cost_after - cost_before``."""
        return self.cost_after - self.cost_before

    @property
    def predicted(self) -> float:
        """What the gradient predicts for it, ``h * gradient``."""
        return self.h * self.gradient


def nudge(net: Network, images: Batch, labels: Labels, index: int, h: float) -> Nudge:
    """Nudge flat parameter ``index`` by ``h`` and measure the change of the mean cost.

    Parameters
    ----------
    net : Network
        Not modified.
    images : (m, n_0) ndarray
        The cost is their mean cost.
    labels : (m,) ndarray of int
        Their labels.
    index : int
        Flat parameter (layout of :meth:`Network.flat`).
    h : float
        The nudge, non-zero.
    """
    x, y = labelled_data((images, labels), net.sizes[0], net.sizes[-1], name="images and labels")
    name = parameter_name(net, index)
    if h == 0 or not np.isfinite(h):
        raise ValueError(f"h={h!r}; a nudge must be a non-zero finite number")
    theta = net.flat()
    g = float(backprop(net, x, y).flat()[index])
    before = cost(feedforward(net, x).output, y)
    theta[index] += h
    after = cost(feedforward(net.with_flat(theta), x).output, y)
    return Nudge(name, float(h), g, before, after)


def contrasting_pair(gradient: Vector, candidates: NDArray[np.int64], ratio: float) -> tuple[int, int]:
    """Two parameters whose gradient entries differ by about ``ratio``.

    Parameters
    ----------
    gradient : (n_parameters,) ndarray
        A flat gradient.
    candidates : (k,) ndarray of int
        Flat indexes to choose from (e.g. :func:`weight_indices`), at least 2.
    ratio : float
        Wanted ``|g_big| / |g_small|`` (> 1).

    Returns
    -------
    (int, int)
        ``big``: the candidate with the largest ``|g|``; ``small``: the other
        candidate whose ``|g|`` is closest to ``|g_big| / ratio`` (in log scale).
    """
    gradient = np.asarray(gradient, dtype=np.float64)
    candidates = np.asarray(candidates, dtype=np.int64)
    if candidates.ndim != 1 or candidates.size < 2:
        raise ValueError("contrasting_pair needs at least 2 candidate indexes")
    if not ratio > 1:
        raise ValueError(f"ratio={ratio!r} must be > 1")
    mags = np.abs(gradient[candidates])
    big = int(np.argmax(mags))
    if mags[big] == 0:
        raise ValueError("every candidate's gradient entry is 0; nothing to contrast")
    with np.errstate(divide="ignore"):
        distance = np.abs(np.log(mags) - np.log(mags[big] / ratio))
    distance[big] = np.inf
    small = int(np.argmin(distance))
    return int(candidates[big]), int(candidates[small])


@dataclass(frozen=True)
class ChangeTable:
    r"""Chapter 3's table: how each example wants some parameters to change, and the average.

    Attributes
    ----------
    indices : (k,) ndarray of int
        The flat parameters (rows of the table).
    per_example : (m, k) ndarray
        ``per_example[e, r]`` = :math:`-\partial C_0(x_e)/\partial\theta_{indices[r]}`.
    mean : (k,) ndarray
        Their average over the ``m`` examples: the entries of :math:`-\nabla C` over those examples.
    """

    indices: NDArray[np.int64]
    per_example: Matrix
    mean: Vector


def change_table(net: Network, images: Batch, labels: Labels, indices: NDArray[np.int64]) -> ChangeTable:
    """Per-example "change by" values (``-gradient``) for some parameters and their average.

    Parameters
    ----------
    net : Network
        The network.
    images : (m, n_0) ndarray
        The examples, one per column of the video's table.
    labels : (m,) ndarray of int
        Their labels.
    indices : (k,) array of int
        Flat parameter indexes (the rows).

    Returns
    -------
    ChangeTable
        ``mean`` equals ``-backprop(net, images, labels).flat()[indices]``.
    """
    x, y = labelled_data((images, labels), net.sizes[0], net.sizes[-1], name="images and labels")
    idx = np.asarray(indices, dtype=np.int64)
    for i in idx:
        parameter_name(net, int(i))
    per_example = np.array([-backprop(net, xe, int(ye)).flat()[idx] for xe, ye in zip(x, y)])
    return ChangeTable(idx, per_example, per_example.mean(axis=0))
