r"""One parameter or one activation at a time: set it, differentiate by it, per example.

Chapter 4 nudges a single weight and watches :math:`z`, :math:`a` and :math:`C_0`
move; then averages :math:`\partial C_k/\partial w` over the training examples.
These functions make both exact: a network with one parameter replaced, the
per-example derivatives of one parameter, and a finite difference with respect
to a neuron's activation (which :func:`nnmath.numeric_partial` does not cover).

Notes
-----
.. math:: \frac{\partial C}{\partial w} = \frac{1}{n}\sum_{k=0}^{n-1}
          \frac{\partial C_k}{\partial w}
"""
from __future__ import annotations

import numpy as np

from ._typing import Batch, Vector
from .activations import get_activation
from .backprop import backprop
from .cost import cost
from .network import Network, activate_output, feedforward
from .validate import as_input


def _check_parameter(net: Network, layer: int, j: int, k: int | None) -> tuple[int, int, int | None]:
    n = len(net.weights)
    if not isinstance(layer, (int, np.integer)) or not -n <= layer < n:
        raise ValueError(f"layer={layer!r} is out of range; expected an int in [{-n}, {n})")
    layer = int(layer) % n
    rows, cols = net.weights[layer].shape
    if not isinstance(j, (int, np.integer)) or not 0 <= j < rows:
        raise ValueError(f"j={j!r} is out of range for weights[{layer}] of shape {(rows, cols)}")
    if k is not None and (not isinstance(k, (int, np.integer)) or not 0 <= k < cols):
        raise ValueError(f"k={k!r} is out of range for weights[{layer}] of shape {(rows, cols)}")
    return layer, int(j), None if k is None else int(k)


def _check_activation(net: Network, layer: int, k: int | None = None) -> int:
    n = len(net.weights)
    if not isinstance(layer, (int, np.integer)) or not 0 <= layer <= n:
        raise ValueError(f"layer={layer!r} is out of range; activations live in layers 0..{n}")
    if k is not None and (not isinstance(k, (int, np.integer)) or not 0 <= k < net.sizes[layer]):
        raise ValueError(f"k={k!r} is out of range; layer {layer} has {net.sizes[layer]} neurons")
    return int(layer)


def with_parameter(net: Network, layer: int, j: int, k: int | None, value: float) -> Network:
    """A copy of ``net`` with one weight (or bias, when ``k`` is None) set to ``value``.

    Parameters
    ----------
    net : Network
        Not modified.
    layer : int
        Index into ``net.weights`` (negative counts from the end).
    j, k : int
        ``weights[layer][j, k]``, or ``biases[layer][j]`` when ``k`` is None.
    value : float
        The new value.

    Examples
    --------
    >>> net = Network.random([1, 1, 1, 1], seed=28)
    >>> float(with_parameter(net, -1, 0, 0, 2.0).weights[-1][0, 0])
    2.0
    """
    layer, j, k = _check_parameter(net, layer, j, k)
    if not np.isfinite(value):
        raise ValueError(f"value={value!r} is not finite; give a real number")
    out = net.copy()
    if k is None:
        out.biases[layer][j] = value
    else:
        out.weights[layer][j, k] = value
    return out


def parameter_value(net: Network, layer: int, j: int, k: int | None) -> float:
    """The weight ``weights[layer][j, k]``, or the bias ``biases[layer][j]`` when ``k`` is None."""
    layer, j, k = _check_parameter(net, layer, j, k)
    return float(net.biases[layer][j] if k is None else net.weights[layer][j, k])


def per_example_partials(
    net: Network, xs: Batch, ys: object, layer: int, j: int, k: int | None = None
) -> Vector:
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
    layer, j, k = _check_parameter(net, layer, j, k)
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


def cost_from_activation(net: Network, a: Vector, y: object, layer: int) -> float:
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
    layer = _check_activation(net, layer)
    a = as_input(a, net.sizes[layer])
    hidden = get_activation(net.activation).f
    n = len(net.weights)
    for i in range(layer, n):
        z = a @ net.weights[i].T + net.biases[i]
        a = activate_output(net, z) if i == n - 1 else hidden(z)
    return cost(a, y)


def numeric_activation_partial(
    net: Network, x: Vector, y: object, layer: int, k: int, h: float = 1e-5
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
    layer = _check_activation(net, layer, k)
    a = feedforward(net, x).activations[layer].copy()
    a[k] += h
    up = cost_from_activation(net, a, y, layer)
    a[k] -= 2 * h
    down = cost_from_activation(net, a, y, layer)
    return (up - down) / (2 * h)


def threshold_examples(m: int, seed: int, threshold: float = 0.5) -> tuple[Batch, Batch]:
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
