r"""Parameters by name: flat indices, the book's names, one parameter set or read.

The flat order is :meth:`Network.flat`'s: ``W1, b1, W2, b2, ...``, each weight
matrix row-major, so a 784-16-16-10 network's 13,002 parameters are
``w0 .. w13,001`` as the videos count them. ``layer`` is an index into
``net.weights`` (the book's layer ``layer + 1``); ``j`` is the row (the neuron
of layer ``layer + 1``) and ``k`` the column (the neuron of layer ``layer``),
``k = None`` meaning the bias ``biases[layer][j]``.

Notes
-----
.. math:: \mathrm{index}(w^{(l+1)}_{jk}) = \sum_{i<l} (n_{i+1} n_i + n_{i+1}) + j\,n_l + k,
          \qquad \mathrm{index}(b^{(l+1)}_j) = \sum_{i<l} (n_{i+1} n_i + n_{i+1}) + n_{l+1} n_l + j
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .network import Network

__all__ = [
    "ParameterName", "parameter_index", "parameter_name", "parameter_value", "weight_indices", "with_parameter",
]


@dataclass(frozen=True)
class ParameterName:
    r"""Where flat parameter ``index`` lives in the network.

    Attributes
    ----------
    index : int
        Position in :meth:`Network.flat` (``0 .. n_parameters - 1``).
    kind : {"w", "b"}
        A weight or a bias.
    layer : int
        Index into ``net.weights`` / ``net.biases`` (the book's layer ``layer + 1``).
    j : int
        Row: the neuron of layer ``layer + 1``.
    k : int or None
        Column: the neuron of layer ``layer`` (None for a bias).
    """

    index: int
    kind: str
    layer: int
    j: int
    k: int | None

    @property
    def tex(self) -> str:
        r"""LaTeX in the book's notation, e.g. ``w^{(1)}_{0,0}`` or ``b^{(3)}_{9}``."""
        sub = f"{self.j},{self.k}" if self.k is not None else f"{self.j}"
        return f"{self.kind}^{{({self.layer + 1})}}_{{{sub}}}"


def _is_int(value: object) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _check_parameter(net: Network, layer: int, j: int, k: int | None) -> tuple[int, int, int | None]:
    """``(layer, j, k)`` as plain ints with ``layer`` in ``0 .. L - 1``, or a ``ValueError``."""
    n = len(net.weights)
    if not _is_int(layer) or not -n <= layer < n:
        raise ValueError(f"layer={layer!r} is out of range; expected an int in [{-n}, {n})")
    layer = int(layer) % n
    rows, cols = net.weights[layer].shape
    if not _is_int(j) or not 0 <= j < rows:
        raise ValueError(f"j={j!r} is out of range for weights[{layer}] of shape {(rows, cols)}")
    if k is not None and (not _is_int(k) or not 0 <= k < cols):
        raise ValueError(f"k={k!r} is out of range for weights[{layer}] of shape {(rows, cols)}")
    return layer, int(j), None if k is None else int(k)


def _layer_start(net: Network, layer: int) -> int:
    """Flat index of ``weights[layer][0, 0]``: the sizes of every earlier matrix and bias."""
    return sum(w.size + b.size for w, b in zip(net.weights[:layer], net.biases[:layer]))


def parameter_name(net: Network, index: int) -> ParameterName:
    """Name flat parameter ``index`` (layout of :meth:`Network.flat`: W1, b1, W2, b2, ...).

    Parameters
    ----------
    net : Network
        Gives the shapes.
    index : int
        ``0 .. n_parameters - 1``.

    Returns
    -------
    ParameterName
        Its kind, layer, row and column; :func:`parameter_index` maps it back.

    Raises
    ------
    ValueError
        If ``index`` is not in ``0 .. n_parameters - 1``.

    Examples
    --------
    >>> net = Network.random([784, 16, 16, 10], seed=0)
    >>> parameter_name(net, 13001).tex
    'b^{(3)}_{9}'
    """
    n = net.n_parameters
    if not _is_int(index) or not 0 <= index < n:
        raise ValueError(f"index={index!r} is out of range; expected an int in 0..{n - 1}")
    at = int(index)
    for layer, (w, b) in enumerate(zip(net.weights, net.biases)):
        if at < w.size:
            j, k = divmod(at, w.shape[1])
            return ParameterName(int(index), "w", layer, j, k)
        at -= w.size
        if at < b.size:
            return ParameterName(int(index), "b", layer, at, None)
        at -= b.size
    raise AssertionError("unreachable: index was checked against n_parameters")  # pragma: no cover


def parameter_index(net: Network, layer: int, j: int, k: int | None = None) -> int:
    """Flat index of ``weights[layer][j, k]``, or of ``biases[layer][j]`` when ``k`` is None.

    Parameters
    ----------
    net : Network
        Gives the shapes.
    layer : int
        Index into ``net.weights`` (negative counts from the end).
    j, k : int
        Row and column; ``k = None`` names the bias of neuron ``j``.

    Returns
    -------
    int
        Position in :meth:`Network.flat`; the inverse of :func:`parameter_name`.

    Raises
    ------
    ValueError
        If ``layer``, ``j`` or ``k`` is out of range.

    Examples
    --------
    >>> net = Network.random([784, 16, 16, 10], seed=0)
    >>> parameter_index(net, -1, 9)
    13001
    """
    layer, j, k = _check_parameter(net, layer, j, k)
    w = net.weights[layer]
    start = _layer_start(net, layer)
    return start + w.size + j if k is None else start + j * w.shape[1] + k


def weight_indices(net: Network, layer: int) -> NDArray[np.int64]:
    """Flat indexes ``(n_{layer+1} * n_layer,)`` of every weight of ``net.weights[layer]``, row-major.

    Raises
    ------
    ValueError
        If ``layer`` is not in ``-L .. L - 1``.

    Examples
    --------
    >>> net = Network.random([2, 3, 1], seed=0)
    >>> weight_indices(net, 1).tolist()
    [9, 10, 11]
    """
    if not -len(net.weights) <= layer < len(net.weights):
        raise ValueError(f"layer={layer} is out of range for {len(net.weights)} weight matrices")
    layer %= len(net.weights)
    start = _layer_start(net, layer)
    return np.arange(start, start + net.weights[layer].size)


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

    Raises
    ------
    ValueError
        If an index is out of range or ``value`` is not finite.

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
    """The weight ``weights[layer][j, k]``, or the bias ``biases[layer][j]`` when ``k`` is None.

    Raises
    ------
    ValueError
        If an index is out of range.

    Examples
    --------
    >>> net = Network.random([1, 1, 1, 1], seed=28)
    >>> parameter_value(net, 0, 0, None) == float(net.biases[0][0])
    True
    """
    layer, j, k = _check_parameter(net, layer, j, k)
    return float(net.biases[layer][j] if k is None else net.weights[layer][j, k])
