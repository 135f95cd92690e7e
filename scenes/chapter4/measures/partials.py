r"""One parameter or one activation at a time: set it, differentiate by it, per example.

Chapter 4 nudges a single weight and watches :math:`z`, :math:`a` and :math:`C_0`
move; then averages :math:`\partial C_k/\partial w` over the training examples.
These functions make both exact: the per-example derivatives of one parameter,
the network after a given layer, and a finite difference with respect to a
neuron's activation (which :func:`nnmath.numeric_partial` does not cover). A
network with one parameter replaced is :func:`nnmath.parameters.with_parameter`.

Notes
-----
.. math:: \frac{\partial C}{\partial w} = \frac{1}{n}\sum_{k=0}^{n-1}
          \frac{\partial C_k}{\partial w}
"""
from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from nnmath import Network, backprop, cost, feedforward
from nnmath.network import forward_from
from nnmath.parameters import parameter_value
from nnmath.validate import as_input

__all__ = ["per_example_partials", "sub_network", "cost_from_activation", "numeric_activation_partial",
           "threshold_examples", "copy_examples"]


def per_example_partials(
    net: Network, xs: NDArray[np.float64], ys: object, layer: int, j: int, k: int | None = None
) -> NDArray[np.float64]:
    r""":math:`\partial C_k / \partial w` (or :math:`\partial b`) for every example ``k``.

    Parameters
    ----------
    net : Network
        The network.
    xs : (m, n_0) ndarray
        One example per row.
    ys : (m,) ints or (m, n_L) ndarray
        Labels or targets, one per row. For a one-neuron output give targets of
        shape ``(m, 1)``: a label 0 would mean the one-hot ``[1.0]``.
    layer, j, k : int
        The weight ``weights[layer][j, k]``, or the bias ``biases[layer][j]`` when ``k`` is None.

    Returns
    -------
    (m,) ndarray
        One derivative per example (one backprop each); their mean is the entry
        of ``backprop(net, xs, ys)``, which averages over the batch.
    """
    parameter_value(net, layer, j, k)  # range check: ValueError naming the bad index
    xs = as_input(xs, net.sizes[0])
    if xs.ndim != 2:
        raise ValueError(f"xs has shape {xs.shape}; expected (m, {net.sizes[0]}), one example per row")
    targets = np.asarray(ys)
    if targets.shape[:1] != (xs.shape[0],):
        raise ValueError(
            f"ys has shape {targets.shape}; expected one label or target row per example ({xs.shape[0]})"
        )
    out = np.empty(xs.shape[0])
    for i, (x, y) in enumerate(zip(xs, targets)):
        g = backprop(net, x, y)
        out[i] = g.nabla_b[layer][j] if k is None else g.nabla_w[layer][j, k]
    return out


def sub_network(net: Network, layer: int) -> Network:
    r"""The part of ``net`` after layer ``layer``: its input is layer ``layer``'s activations.

    Lets a scene ask "what if :math:`a^{(L-1)}` were dimmer?" of the real last
    layer: ``feedforward(sub_network(net, l), a)`` runs the weights and biases
    of ``net`` from layer ``l`` on, starting from any activations ``a``.

    Parameters
    ----------
    net : Network
        The network (copied, not shared).
    layer : int
        ``0 .. L - 1``; 0 gives a copy of ``net``.

    Examples
    --------
    >>> net = Network.random([1, 1, 1, 1], seed=28)
    >>> sub_network(net, 2).sizes
    (1, 1)
    """
    n = len(net.weights)
    if not isinstance(layer, (int, np.integer)) or not 0 <= layer < n:
        raise ValueError(f"layer={layer!r} is out of range; a sub-network starts at a layer in 0..{n - 1}")
    return Network(net.weights[layer:], net.biases[layer:], net.activation, net.output_activation)


def cost_from_activation(net: Network, a: NDArray[np.float64], y: object, layer: int) -> float:
    r""":math:`C_0` when layer ``layer``'s activations are ``a``: the rest of the network run forward.

    Parameters
    ----------
    net : Network
        The network.
    a : (n_layer,) ndarray
        Activations of layer ``layer`` (0 is the input, ``len(net.weights)`` the output).
    y : int or (n_L,) ndarray
        Label or target.
    layer : int
        Which layer ``a`` belongs to, ``0 .. L``.
    """
    return cost(forward_from(net, a, layer), y)


def numeric_activation_partial(
    net: Network, x: NDArray[np.float64], y: object, layer: int, k: int, h: float = 1e-5
) -> float:
    r"""Central difference of :math:`C_0` with respect to the activation :math:`a^{(l)}_k`.

    Parameters
    ----------
    net : Network
        The network; not modified.
    x : (n_0,) ndarray
        One example.
    y : int or (n_L,) ndarray
        Its label or target.
    layer : int
        The activation's layer, ``0 .. L`` (0 is the input).
    k : int
        Neuron of that layer.
    h : float
        Step.

    Returns
    -------
    float
        Close to ``backprop(net, x, y).nabla_a[layer][k]``.
    """
    x = as_input(x, net.sizes[0])
    if x.ndim != 1:
        raise ValueError(f"x has shape {x.shape}; expected one example ({net.sizes[0]},)")
    n = len(net.weights)
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not 0 <= layer <= n:
        raise ValueError(f"layer={layer!r} is out of range; activations live in layers 0..{n}")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < net.sizes[layer]:
        raise ValueError(f"k={k!r} is out of range; layer {layer} has {net.sizes[layer]} neurons")
    a = feedforward(net, x).activations[layer].copy()
    a[k] += h
    up = cost_from_activation(net, a, y, layer)
    a[k] -= 2 * h
    down = cost_from_activation(net, a, y, layer)
    return (up - down) / (2 * h)


def threshold_examples(m: int, seed: int, threshold: float = 0.5) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Training examples for a one-input, one-output network: is :math:`x` above ``threshold``?

    Parameters
    ----------
    m : int
        Number of examples.
    seed : int
        Seed of ``numpy.random.default_rng``.
    threshold : float
        Targets are 1 where ``x > threshold``, else 0.

    Returns
    -------
    xs : (m, 1) ndarray
        Inputs drawn uniformly from [0, 1).
    ys : (m, 1) ndarray
        Targets 0.0 or 1.0.

    Examples
    --------
    >>> xs, ys = threshold_examples(4, seed=0)
    >>> xs.shape, ys.shape
    ((4, 1), (4, 1))
    """
    if not isinstance(m, (int, np.integer)) or m < 1:
        raise ValueError(f"m={m!r}: ask for at least one example")
    xs = np.random.default_rng(seed).random((int(m), 1))
    ys = (xs > threshold).astype(np.float64)
    return xs, ys


def copy_examples(m: int, seed: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Training examples for a one-input, one-output network that should copy its input: :math:`y = x`.

    The targets spread over [0, 1), so the examples ask different things of a network whose output
    hardly depends on its input (each :math:`\partial C_k/\partial w` is different).

    Parameters
    ----------
    m : int
        Number of examples.
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    xs : (m, 1) ndarray
        Inputs drawn uniformly from [0, 1).
    ys : (m, 1) ndarray
        Targets, equal to ``xs`` (a copy).

    Examples
    --------
    >>> xs, ys = copy_examples(3, seed=0)
    >>> bool((xs == ys).all()), xs.shape
    (True, (3, 1))
    """
    if not isinstance(m, (int, np.integer)) or m < 1:
        raise ValueError(f"m={m!r}: ask for at least one example")
    xs = np.random.default_rng(seed).random((int(m), 1))
    return xs, xs.copy()
