r"""The chain rule read along the paths of a network, and as a tree of factors.

A nudge to :math:`w^{(l)}_{jk}` reaches the cost along every path
:math:`j = i_l \to i_{l+1} \to \dots \to i_L` through the later layers; each
path contributes the product of the local derivatives on it, and the
derivative is the sum over all paths (chapter 4's "long path" and its "sum
over :math:`j`").

Notes
-----
.. math:: \frac{\partial C_0}{\partial w^{(l)}_{jk}}
          = \sum_{\text{paths}} a^{(l-1)}_k\,\sigma'(z^{(l)}_{i_l})
            \prod_{m=l+1}^{L} w^{(m)}_{i_m i_{m-1}}\,\sigma'(z^{(m)}_{i_m})
            \cdot 2\left(a^{(L)}_{i_L} - y_{i_L}\right)

Summing the paths is exponential in depth: it is the check, and backprop is
the fast way to get the same number.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from numpy.typing import NDArray

from nnmath import ChainRule, Network, backprop, chain_rule
from nnmath.network import layer_activation
from nnmath.validate import as_input

__all__ = ["PathProduct", "path_product", "all_paths", "FactorTree", "factor_tree"]

#: One layer's values, shape ``(n,)``.
Vector = NDArray[np.float64]


@dataclass(frozen=True)
class PathProduct:
    r"""One path's share of :math:`\partial C_0/\partial w^{(l)}_{jk}` (or :math:`\partial b`).

    Attributes
    ----------
    layer : int
        Index into ``net.weights`` of the parameter (never negative).
    k : int or None
        Column of the weight; None for a bias (its first factor is 1).
    neurons : tuple of int
        ``(j, i_{l+1}, ..., i_L)``: one neuron per layer from ``layer + 1`` to the output.
    factors : tuple of float
        In the order of the chain: :math:`\partial z/\partial w` (``a_k`` or 1),
        :math:`\sigma'(z_j)`, then for each later layer its weight
        :math:`\partial z/\partial a` and its :math:`\sigma'(z)`, and last
        :math:`\partial C_0/\partial a^{(L)} = 2(a - y)`. That is ``3 + 2 * (L - 1 - layer)`` factors.
    product : float
        Their product.
    """

    layer: int
    k: int | None
    neurons: tuple[int, ...]
    factors: tuple[float, ...]
    product: float


def path_product(
    net: Network, x: Vector, y: object, layer: int, k: int | None, neurons: Sequence[int]
) -> PathProduct:
    r"""The product of the local derivatives along one path from a parameter to the cost.

    Parameters
    ----------
    net : Network
        Sizes ``(n_0, ..., n_L)``; elementwise activations.
    x : (n_0,) ndarray
        One example.
    y : int or (n_L,) ndarray
        Its label or target.
    layer : int
        Index into ``net.weights`` of the parameter (negative counts from the end).
    k : int or None
        Column of the weight ``weights[layer][j, k]``; None for the bias ``biases[layer][j]``.
    neurons : sequence of int
        ``(j, i_{l+1}, ..., i_L)``, one neuron per layer from ``layer + 1`` to the output.

    Returns
    -------
    PathProduct
        Summed over every possible ``neurons`` it equals backprop's entry.

    Examples
    --------
    >>> net = Network.random([1, 1, 1, 1], seed=28)
    >>> p = path_product(net, np.array([0.5]), np.array([1.0]), 1, 0, (0, 0))
    >>> len(p.factors)
    5
    """
    x = as_input(x, net.sizes[0])
    if x.ndim != 1:
        raise ValueError(f"path_product takes one example of shape ({net.sizes[0]},); got {x.shape}")
    n = len(net.weights)
    if not isinstance(layer, (int, np.integer)) or not -n <= layer < n:
        raise ValueError(f"layer={layer!r} is out of range; expected an int in [{-n}, {n})")
    layer = int(layer) % n
    neurons = tuple(int(i) for i in neurons)
    if len(neurons) != n - layer:
        raise ValueError(
            f"a path from weights[{layer}] to the output visits {n - layer} neurons "
            f"(layers {layer + 1}..{n}); got {len(neurons)}: {neurons}"
        )
    for step, i in enumerate(neurons):
        size = net.sizes[layer + 1 + step]
        if not 0 <= i < size:
            raise ValueError(f"neuron {i} is out of range for layer {layer + 1 + step} of {size} neurons")
    if k is not None and not 0 <= k < net.sizes[layer]:
        raise ValueError(f"k={k!r} is out of range for layer {layer} of {net.sizes[layer]} neurons")
    g = backprop(net, x, y)
    zs, acts = g.trace.zs, g.trace.activations
    factors: list[float] = [1.0 if k is None else float(acts[layer][k])]
    factors.append(float(layer_activation(net, layer).prime(zs[layer])[neurons[0]]))
    for step in range(1, len(neurons)):
        m = layer + step
        factors.append(float(net.weights[m][neurons[step], neurons[step - 1]]))
        factors.append(float(layer_activation(net, m).prime(zs[m])[neurons[step]]))
    factors.append(float(g.nabla_a[-1][neurons[-1]]))
    return PathProduct(layer, k, neurons, tuple(factors), float(np.prod(factors)))


def all_paths(net: Network, layer: int, j: int) -> list[tuple[int, ...]]:
    """Every path ``(j, i_{l+1}, ..., i_L)`` from neuron ``j`` fed by ``weights[layer]`` to the output."""
    n = len(net.weights)
    layer = int(layer) % n
    later = [range(size) for size in net.sizes[layer + 2 :]]
    return [(j,) + rest for rest in itertools.product(*later)]


@dataclass(frozen=True)
class FactorTree:
    r""":math:`\partial C_0/\partial w^{(l)}_{jk}` as a tree: three factors, the last one a sum.

    Attributes
    ----------
    weight : ChainRule
        The root: ``weight.factors`` are :math:`a^{(l-1)}_k`, :math:`\sigma'(z^{(l)}_j)`,
        :math:`\partial C_0/\partial a^{(l)}_j`, their product the derivative.
    output_error : float or None
        At the output layer, :math:`\partial C_0/\partial a^{(L)}_j = 2(a^{(L)}_j - y_j)`;
        None for a hidden layer.
    next_w : (n_{l+1},) ndarray or None
        For a hidden layer, :math:`w^{(l+1)}_{ij}` for every neuron ``i`` of the next layer.
    next_sigma_prime : (n_{l+1},) ndarray or None
        :math:`\sigma'(z^{(l+1)}_i)`.
    next_dc_da : (n_{l+1},) ndarray or None
        :math:`\partial C_0/\partial a^{(l+1)}_i`.
    next_terms : (n_{l+1},) ndarray or None
        The products of the three; they sum to ``weight.factors[2]``.
    """

    weight: ChainRule
    output_error: float | None
    next_w: Vector | None
    next_sigma_prime: Vector | None
    next_dc_da: Vector | None
    next_terms: Vector | None


def factor_tree(net: Network, x: Vector, y: object, layer: int, j: int, k: int) -> FactorTree:
    r"""Read :func:`nnmath.chain_rule` for one weight as a tree of factors, one level deep.

    Parameters
    ----------
    net : Network
        Elementwise activations.
    x : (n_0,) ndarray
        One example.
    y : int or (n_L,) ndarray
        Its label or target.
    layer, j, k : int
        The weight ``weights[layer][j, k]`` (negative ``layer`` counts from the end).

    Returns
    -------
    FactorTree
        For the output layer the third factor is the leaf ``2(a_j - y_j)``; for a
        hidden layer it is the sum over the next layer's neurons ``i`` of
        :math:`w^{(l+1)}_{ij}\,\sigma'(z^{(l+1)}_i)\,\partial C_0/\partial a^{(l+1)}_i`.

    Examples
    --------
    >>> net = Network.random([3, 3, 2], seed=9)
    >>> t = factor_tree(net, np.full(3, 0.5), 1, 0, 2, 1)
    >>> t.next_terms.shape
    (2,)
    """
    root = chain_rule(net, x, y, layer, j, k)
    last = len(net.weights) - 1
    if root.layer == last:
        return FactorTree(root, root.factors[2], None, None, None, None)
    nxt = chain_rule(net, x, y, root.layer + 1, 0, root.j)
    g = backprop(net, x, y)
    s_prime = layer_activation(net, root.layer + 1).prime(g.trace.zs[root.layer + 1])
    return FactorTree(
        weight=root,
        output_error=None,
        next_w=net.weights[root.layer + 1][:, root.j].copy(),
        next_sigma_prime=np.asarray(s_prime, dtype=np.float64),
        next_dc_da=g.nabla_a[root.layer + 2].copy(),
        next_terms=nxt.terms,
    )
