r"""The videos' breakdowns of one example's gradient: the chain rule and the nudges.

Notes
-----
For one weight :math:`w^{(l)}_{jk}` (chapter 4):

.. math:: \frac{\partial C_0}{\partial w^{(l)}_{jk}}
          = \underbrace{a^{(l-1)}_k}_{\partial z/\partial w}
            \underbrace{\sigma'(z^{(l)}_j)}_{\partial a/\partial z}
            \underbrace{\frac{\partial C_0}{\partial a^{(l)}_j}}_{\text{from above}},
          \qquad
          \frac{\partial C_0}{\partial a^{(l-1)}_k}
          = \sum_j w^{(l)}_{jk}\, \sigma'(z^{(l)}_j)\, \frac{\partial C_0}{\partial a^{(l)}_j}

The nudges (chapter 3) are the same sums read as wishes:
:math:`-\partial C_0/\partial a` is how each neuron "wants" to change.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._typing import Matrix, Vector
from .backprop import backprop
from .network import Network, layer_activation


@dataclass(frozen=True)
class ChainRule:
    r"""The chain rule for :math:`\partial C_0 / \partial w^{(l)}_{jk}` of one example.

    Attributes
    ----------
    layer : int
        Index into ``net.weights`` (normalised: never negative).
    j, k : int
        Neuron ``j`` of the layer ``weights[layer]`` feeds, neuron ``k`` of the layer before.
    w, z, a, a_prev : float
        :math:`w^{(l)}_{jk}`, :math:`z^{(l)}_j`, :math:`a^{(l)}_j`, :math:`a^{(l-1)}_k`.
    factors : tuple of 3 floats
        :math:`(a^{(l-1)}_k,\ \sigma'(z^{(l)}_j),\ \partial C_0/\partial a^{(l)}_j)`:
        :math:`\partial z/\partial w`, :math:`\partial a/\partial z`, :math:`\partial C_0/\partial a`.
    product : float
        Their product, :math:`\partial C_0 / \partial w^{(l)}_{jk}`.
    dc_db : float
        :math:`\partial C_0 / \partial b^{(l)}_j = \sigma'(z^{(l)}_j)\,\partial C_0/\partial a^{(l)}_j`.
    terms : (n_l,) ndarray
        :math:`w^{(l)}_{jk}\sigma'(z^{(l)}_j)\,\partial C_0/\partial a^{(l)}_j` for every ``j``.
    dc_da_prev : float
        Their sum, :math:`\partial C_0/\partial a^{(l-1)}_k`.
    cost : float
        :math:`C_0` of the example.
    """

    layer: int
    j: int
    k: int
    w: float
    z: float
    a: float
    a_prev: float
    factors: tuple[float, float, float]
    product: float
    dc_db: float
    terms: Vector
    dc_da_prev: float
    cost: float


def _check_index(name: str, value: int, size: int) -> int:
    if not isinstance(value, (int, np.integer)) or not -size <= value < size:
        raise ValueError(f"{name}={value!r} is out of range; expected an int in [{-size}, {size})")
    return int(value) % size


def _elementwise_prime(net: Network, layer: int) -> Callable[[Vector], Vector]:
    act = layer_activation(net, layer)
    if act.name == "softmax":
        raise ValueError("the chain-rule breakdown needs an elementwise output activation, not softmax")
    return act.prime


def chain_rule(net: Network, x: Vector, y: object, layer: int, j: int, k: int) -> ChainRule:
    r"""Break :math:`\partial C_0/\partial w^{(l)}_{jk}` of one example into its factors.

    Parameters
    ----------
    net : Network
        Sizes ``(n_0, ..., n_L)``; an elementwise output activation.
    x : (n_0,) ndarray
        One example.
    y : int or (n_L,) ndarray
        Its label or one-hot target.
    layer : int
        Index into ``net.weights``: 0 is the first matrix, -1 the videos' layer L.
    j, k : int
        Row (neuron of layer ``l``) and column (neuron of layer ``l - 1``).

    Returns
    -------
    ChainRule
        Its ``product`` equals ``backprop(net, x, y).nabla_w[layer][j, k]`` and
        its ``dc_da_prev`` equals ``backprop(...).nabla_a[layer][k]``.

    Examples
    --------
    >>> net = Network.random([3, 3, 2], seed=9)
    >>> c = chain_rule(net, np.full(3, 0.5), 1, layer=-1, j=0, k=2)
    >>> bool(np.isclose(c.product, np.prod(c.factors)))
    True
    """
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"chain_rule takes one example of shape ({net.sizes[0]},); got {x.shape}")
    layer = _check_index("layer", layer, len(net.weights))
    w_matrix = net.weights[layer]
    j = _check_index("j", j, w_matrix.shape[0])
    k = _check_index("k", k, w_matrix.shape[1])
    prime = _elementwise_prime(net, layer)
    g = backprop(net, x, y)
    z = g.trace.zs[layer]
    s_prime = prime(z)
    dc_da = g.nabla_a[layer + 1]
    a_prev = float(g.trace.activations[layer][k])
    factors = (a_prev, float(s_prime[j]), float(dc_da[j]))
    terms = w_matrix[:, k] * s_prime * dc_da
    return ChainRule(
        layer=layer, j=j, k=k,
        w=float(w_matrix[j, k]), z=float(z[j]), a=float(g.trace.activations[layer + 1][j]), a_prev=a_prev,
        factors=factors, product=factors[0] * factors[1] * factors[2],
        dc_db=factors[1] * factors[2], terms=terms, dc_da_prev=float(np.sum(terms)), cost=g.cost,
    )


@dataclass(frozen=True)
class Nudges:
    r"""How one example wants every neuron and parameter to change (chapter 3).

    All lists are indexed like ``net.weights`` (``i`` for the matrix from layer
    ``i`` to layer ``i + 1``), except ``wanted`` which has one entry per layer.

    Attributes
    ----------
    wanted : list of (n_l,) ndarray
        :math:`-\partial C_0/\partial a^{(l)}` for ``l = 0..L``: the change each
        neuron wants. ``wanted[-1] = 2(y - a^{(L)})``.
    wishes : list of (n_{i+1}, n_i) ndarray
        ``wishes[i][j, k]`` is neuron ``j`` of layer ``i + 1``'s wish for neuron
        ``k`` of layer ``i``: :math:`w_{jk}\,\sigma'(z_j)\,\mathrm{wanted}_j`.
        Summed over ``j`` (axis 0) they give ``wanted[i]``.
    bias : list of (n_{i+1},) ndarray
        :math:`-\partial C_0/\partial b = \sigma'(z_j)\,\mathrm{wanted}_j`: "increase b".
    weight : list of (n_{i+1}, n_i) ndarray
        :math:`-\partial C_0/\partial w_{jk} = a_k\,\sigma'(z_j)\,\mathrm{wanted}_j`:
        "increase w in proportion to a".
    activations : list of (n_l,) ndarray
        The forward pass the nudges come from.
    cost : float
        :math:`C_0` of the example.
    """

    wanted: list[Vector]
    wishes: list[Matrix]
    bias: list[Vector]
    weight: list[Matrix]
    activations: list[Vector]
    cost: float


def nudges(net: Network, x: Vector, y: object) -> Nudges:
    r"""The nudges one example asks for, output layer first, then backwards.

    Parameters
    ----------
    net : Network
        Elementwise output activation.
    x : (n_0,) ndarray
        One example.
    y : int or (n_L,) ndarray
        Its label or one-hot target.

    Returns
    -------
    Nudges
        ``wishes[i].sum(axis=0) == wanted[i] == -backprop(net, x, y).nabla_a[i]``.

    Notes
    -----
    .. math:: \mathrm{wish}^{(l)}_{jk} = w^{(l)}_{jk}\,\sigma'(z^{(l)}_j)\,
              \left(-\frac{\partial C_0}{\partial a^{(l)}_j}\right), \qquad
              -\frac{\partial C_0}{\partial a^{(l-1)}_k} = \sum_j \mathrm{wish}^{(l)}_{jk}
    """
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"nudges takes one example of shape ({net.sizes[0]},); got {x.shape}")
    _elementwise_prime(net, len(net.weights) - 1)
    g = backprop(net, x, y)
    n = len(net.weights)
    wanted = [-d for d in g.nabla_a]
    wishes, bias, weight = [], [], []
    for i in range(n):
        prime = _elementwise_prime(net, i)
        pull = prime(g.trace.zs[i]) * wanted[i + 1]
        wishes.append(net.weights[i] * pull[:, None])
        bias.append(pull)
        weight.append(np.outer(pull, g.trace.activations[i]))
    return Nudges(wanted, wishes, bias, weight, list(g.trace.activations), g.cost)
