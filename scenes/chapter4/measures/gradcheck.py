r"""Gradient checking: the chain rule, backprop and finite differences side by side.

Chapter 4 ends by checking its formulas on the real 784-16-16-10 network: for a
few weights of every layer, the chain-rule product (:func:`nnmath.chain_rule`),
backprop's entry (:func:`nnmath.backprop`) and a central difference
(:func:`nnmath.numeric_partial`), with the largest relative error.

Notes
-----
.. math:: \mathrm{rel}(u, v) = \frac{|u - v|}{\max(|u|, |v|)}, \qquad \mathrm{rel}(0, 0) = 0
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from nnmath import Network, backprop, chain_rule, feedforward, numeric_partial
from nnmath.validate import as_input

__all__ = ["relative_error", "PartialCheck", "GradientCheck", "pick_weights", "check_partials"]


def relative_error(u: float, v: float) -> float:
    r"""Relative difference :math:`|u - v| / \max(|u|, |v|)`; 0 when both are 0.

    Examples
    --------
    >>> relative_error(1.0, 1.01)
    0.00990099009900991
    """
    scale = max(abs(u), abs(v))
    return 0.0 if scale == 0.0 else abs(u - v) / scale


@dataclass(frozen=True)
class PartialCheck:
    r"""One weight's derivative computed three ways.

    Attributes
    ----------
    layer, j, k : int
        The weight ``weights[layer][j, k]`` (``layer`` never negative).
    chain : float
        :func:`nnmath.chain_rule`'s product :math:`a_k\,\sigma'(z_j)\,\partial C_0/\partial a_j`.
    backprop : float
        ``backprop(net, x, y).nabla_w[layer][j, k]``.
    numeric : float
        The central difference with step ``h``.
    relative_error : float
        The larger of ``rel(chain, numeric)`` and ``rel(backprop, numeric)``.
    """

    layer: int
    j: int
    k: int
    chain: float
    backprop: float
    numeric: float
    relative_error: float


@dataclass(frozen=True)
class GradientCheck:
    """Checked weights, in the order asked, and the worst agreement among them."""

    rows: tuple[PartialCheck, ...]

    @property
    def max_relative_error(self) -> float:
        """The largest ``relative_error`` of the rows."""
        return max(r.relative_error for r in self.rows)

    @property
    def worst(self) -> PartialCheck:
        """The row with the largest relative error."""
        return max(self.rows, key=lambda r: r.relative_error)


def pick_weights(net: Network, x: NDArray[np.float64], per_layer: int, seed: int) -> list[tuple[int, int, int]]:
    """Seeded choice of ``per_layer`` weights in every layer, each fed by an active neuron.

    A weight whose input activation is 0 (a blank MNIST pixel) has derivative
    exactly 0 by every method, which checks nothing; such columns are skipped.

    Parameters
    ----------
    net : Network
        The network.
    x : (n_0,) ndarray
        The example whose activations decide which columns are active.
    per_layer : int
        Weights per layer (distinct within a layer).
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    list of (layer, j, k)
        Layer by layer, input side first.
    """
    x = as_input(x, net.sizes[0])
    if x.ndim != 1:
        raise ValueError(f"x has shape {x.shape}; expected one example ({net.sizes[0]},)")
    if not isinstance(per_layer, (int, np.integer)) or per_layer < 1:
        raise ValueError(f"per_layer={per_layer!r}: pick at least one weight per layer")
    acts = feedforward(net, x).activations
    rng = np.random.default_rng(seed)
    picks: list[tuple[int, int, int]] = []
    for layer, w in enumerate(net.weights):
        active = np.flatnonzero(acts[layer] != 0)
        if active.size == 0:
            raise ValueError(f"layer {layer} has no active neuron for this x; every weight's derivative is 0")
        candidates = [(j, k) for j in range(w.shape[0]) for k in active]
        if per_layer > len(candidates):
            raise ValueError(f"layer {layer} has only {len(candidates)} weights fed by active neurons; ask for fewer")
        for i in rng.choice(len(candidates), size=per_layer, replace=False):
            j, k = candidates[int(i)]
            picks.append((layer, int(j), int(k)))
    return picks


def check_partials(
    net: Network, x: NDArray[np.float64], y: object, picks: list[tuple[int, int, int]], h: float = 1e-5
) -> GradientCheck:
    """The chain rule, backprop and a finite difference for each picked weight.

    Parameters
    ----------
    net : Network
        The network; not modified.
    x : (n_0,) ndarray
        One example.
    y : int or (n_L,) ndarray
        Its label or target.
    picks : list of (layer, j, k)
        Weights ``weights[layer][j, k]``, e.g. from :func:`pick_weights`.
    h : float
        Finite-difference step.

    Returns
    -------
    GradientCheck
        One row per pick, in order.
    """
    if not picks:
        raise ValueError("picks is empty; give at least one (layer, j, k)")
    g = backprop(net, x, y)
    rows = []
    for layer, j, k in picks:
        c = chain_rule(net, x, y, layer, j, k)
        bp = float(g.nabla_w[c.layer][c.j, c.k])
        num = numeric_partial(net, x, y, c.layer, c.j, c.k, h=h)
        err = max(relative_error(c.product, num), relative_error(bp, num))
        rows.append(PartialCheck(c.layer, c.j, c.k, c.product, bp, num, err))
    return GradientCheck(tuple(rows))
