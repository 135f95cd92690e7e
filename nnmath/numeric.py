r"""Central finite differences: the independent check of every derivative.

.. math:: \frac{\partial C}{\partial \theta_i} \approx
          \frac{C(\theta + h e_i) - C(\theta - h e_i)}{2h}
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

from ._typing import Vector
from .cost import cost
from .network import Network, feedforward


def _cost_of(net: Network, x: Vector, y: object) -> float:
    return cost(feedforward(net, x).output, y)


def numeric_partial(
    net: Network, x: Vector, y: object, layer: int, j: int, k: int | None = None, h: float = 1e-5
) -> float:
    r"""Central difference of the cost with respect to one weight (or bias when ``k`` is None).

    Parameters
    ----------
    net : Network
        The network; not modified.
    x : (n_0,) or (m, n_0) ndarray
        Example(s); the cost is averaged over a batch.
    y : labels or one-hot targets
        As for :func:`nnmath.cost`.
    layer : int
        Index into ``net.weights`` (negative counts from the end).
    j, k : int
        ``weights[layer][j, k]``, or ``biases[layer][j]`` when ``k`` is None.
    h : float
        Step.
    """
    plus, minus = net.copy(), net.copy()
    if k is None:
        plus.biases[layer][j] += h
        minus.biases[layer][j] -= h
    else:
        plus.weights[layer][j, k] += h
        minus.weights[layer][j, k] -= h
    return (_cost_of(plus, x, y) - _cost_of(minus, x, y)) / (2 * h)


def numeric_gradient(
    net: Network, x: Vector, y: object, indices: Iterable[int] | None = None, h: float = 1e-5
) -> Vector:
    """Central differences for the flat parameters (layout of :meth:`Network.flat`).

    Parameters
    ----------
    indices : iterable of int, optional
        Which flat entries to estimate (all 13,002 for 784-16-16-10 by default).

    Returns
    -------
    (len(indices),) ndarray
        The estimates, in the order asked.
    """
    theta = net.flat()
    idx = np.arange(theta.size) if indices is None else np.asarray(list(indices), dtype=np.int64)
    out = np.empty(len(idx))
    for n, i in enumerate(idx):
        t = theta.copy()
        t[i] += h
        up = _cost_of(net.with_flat(t), x, y)
        t[i] -= 2 * h
        down = _cost_of(net.with_flat(t), x, y)
        out[n] = (up - down) / (2 * h)
    return out
