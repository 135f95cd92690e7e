r"""Backpropagation: the gradient of the cost, vectorised over a batch.

Notes
-----
With :math:`\delta^{(l)} = \partial C / \partial z^{(l)}`:

.. math:: \delta^{(L)} = \frac{\partial C_0}{\partial a^{(L)}} \odot \sigma'(z^{(L)}), \qquad
          \frac{\partial C_0}{\partial a^{(l-1)}} = W^{(l)\top} \delta^{(l)}, \qquad
          \delta^{(l-1)} = \frac{\partial C_0}{\partial a^{(l-1)}} \odot \sigma'(z^{(l-1)})

.. math:: \frac{\partial C_0}{\partial W^{(l)}} = \delta^{(l)} a^{(l-1)\top}, \qquad
          \frac{\partial C_0}{\partial b^{(l)}} = \delta^{(l)}
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._typing import Batch, Matrix, Vector
from .activations import get_activation
from .cost import cost_derivative, cost_per_example, cross_entropy
from .network import Network, Trace, feedforward
from .validate import as_targets

COSTS = ("quadratic", "cross_entropy")


@dataclass(frozen=True)
class Gradients:
    r"""The gradient of the cost, averaged over the examples given.

    Attributes
    ----------
    nabla_w : list of (n_{i+1}, n_i) ndarray
        :math:`\partial C / \partial W`, shaped like ``net.weights``.
    nabla_b : list of (n_{i+1},) ndarray
        :math:`\partial C / \partial b`, shaped like ``net.biases``.
    nabla_a : list of (n_l,) ndarray
        :math:`\partial C / \partial a^{(l)}` for every layer ``l = 0..L``
        (``nabla_a[0]`` is the input layer), averaged over the batch.
    cost : float
        The cost itself, averaged over the batch.
    trace : Trace
        The forward pass the gradient was computed from.
    """

    nabla_w: list[Matrix]
    nabla_b: list[Vector]
    nabla_a: list[Vector]
    cost: float
    trace: Trace

    def flat(self) -> Vector:
        """All entries as one vector, in the layout of :meth:`Network.flat` (13,002 for 784-16-16-10)."""
        return np.concatenate([p.ravel() for w, b in zip(self.nabla_w, self.nabla_b) for p in (w, b)])


def output_delta(net: Network, trace: Trace, t: Batch, cost: str) -> tuple[Batch, Batch]:
    r""":math:`\partial C_0/\partial a^{(L)}` and :math:`\delta^{(L)}` per example, ``(m, n_L)`` each."""
    a, z = trace.activations[-1], trace.zs[-1]
    out = net.output_activation
    if cost == "cross_entropy":
        if out not in ("sigmoid", "softmax"):
            raise ValueError(f"cross-entropy needs a sigmoid or softmax output, not {out!r}")
        eps = 1e-300
        dc_da = -t / (a + eps) if out == "softmax" else (a - t) / (a * (1 - a) + eps)
        return dc_da, a - t
    if cost != "quadratic":
        raise ValueError(f"unknown cost {cost!r}; use one of {COSTS}")
    dc_da = cost_derivative(a, t)
    if out == "softmax":
        delta = a * (dc_da - np.sum(dc_da * a, axis=-1, keepdims=True))
    else:
        delta = dc_da * get_activation(out).prime(z)
    return dc_da, delta


def backprop(net: Network, x: Vector | Batch, y: object, cost: str = "quadratic") -> Gradients:
    r"""Gradient of the cost for one example or the mean over a batch.

    Parameters
    ----------
    net : Network
        Sizes ``(n_0, ..., n_L)``, e.g. 784-16-16-10.
    x : (n_0,) or (m, n_0) ndarray
        One example or a batch, one row per example.
    y : int, (m,) ints, (n_L,) or (m, n_L) ndarray
        Labels or one-hot targets.
    cost : {"quadratic", "cross_entropy"}
        "quadratic" is the videos' :math:`C_0 = \sum_j (a_j - y_j)^2`.

    Returns
    -------
    Gradients
        Averaged over the batch; no Python loop over examples.

    Notes
    -----
    For a batch :math:`\Delta` with one row :math:`\delta` per example,
    :math:`\partial C/\partial W^{(l)} = \Delta^{(l)\top} A^{(l-1)} / m`.

    Examples
    --------
    >>> g = backprop(Network.random([2, 3, 1], seed=0), np.zeros(2), np.ones(1))
    >>> g.nabla_w[0].shape
    (3, 2)
    """
    trace = feedforward(net, x)
    single = trace.activations[0].ndim == 1
    acts = [np.atleast_2d(a) for a in trace.activations]
    zs = [np.atleast_2d(z) for z in trace.zs]
    m = acts[0].shape[0]
    t = as_targets(y, net.sizes[-1], () if single else (m,))
    t = np.atleast_2d(t)
    batch_trace = Trace(zs, acts)
    dc_da, delta = output_delta(net, batch_trace, t, cost)
    prime = get_activation(net.activation).prime
    n = len(net.weights)
    nabla_w: list[Matrix] = [np.empty(0)] * n
    nabla_b: list[Vector] = [np.empty(0)] * n
    nabla_a: list[Vector] = [np.empty(0)] * (n + 1)
    nabla_a[n] = dc_da.mean(axis=0)
    for i in range(n - 1, -1, -1):
        nabla_w[i] = delta.T @ acts[i] / m
        nabla_b[i] = delta.mean(axis=0)
        dc_da_prev = delta @ net.weights[i]
        nabla_a[i] = dc_da_prev.mean(axis=0)
        if i > 0:
            delta = dc_da_prev * prime(zs[i - 1])
    if cost == "quadratic":
        c = float(np.mean(cost_per_example(acts[-1], t)))
    else:
        c = cross_entropy(acts[-1], t, net.output_activation)
    return Gradients(nabla_w, nabla_b, nabla_a, c, trace)
