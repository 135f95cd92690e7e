r"""Numbers more than one chapter shows that are not part of training (numpy only, no manim).

- :func:`shown_input_pixels`: which 16 of the 784 input pixels a network diagram draws.
- :func:`top_exciting`: the images that excite each neuron of a layer most (:class:`TopExciting`).
- :func:`first_per_label`: the first training images of each digit (the videos' ``image_map``).

Like :mod:`nnmath`, this module computes and never draws; it is tested like
nnmath, and importing it leaves ``manim`` out of ``sys.modules``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath import Network, feedforward

__all__ = ["TopExciting", "shown_input_pixels", "top_exciting", "first_per_label"]


def shown_input_pixels(net: Network, n: int = 16) -> NDArray[np.int64]:
    r"""The ``n`` input pixels a diagram draws for a 784-wide input layer.

    The rule: the pixels whose first-layer weight columns have the largest
    norm :math:`\lVert W^{(1)}_{:,k} \rVert_2` (the pixels the network listens
    to most), in ascending pixel order (row-major, top-left first).

    Parameters
    ----------
    net : Network
        Sizes ``(n_0, ...)`` with ``n_0 >= n``.
    n : int
        How many to show (16 for "8 + dots + 8").

    Returns
    -------
    (n,) ndarray of int
        Pixel indices in ``0 .. n_0 - 1``, ascending.
    """
    n_in = net.sizes[0]
    if not 0 < n <= n_in:
        raise ValueError(f"n={n} must be in 1..{n_in} (the input layer's size)")
    norms = np.linalg.norm(net.weights[0], axis=0)
    top = np.argsort(-norms, kind="stable")[:n]
    return np.sort(top).astype(np.int64)


@dataclass(frozen=True)
class TopExciting:
    """For some neurons of a layer, the images that excite each most.

    Attributes
    ----------
    layer : int
        Layer of ``feedforward(...).activations`` (1 is the first hidden layer).
    neurons : (n,) ndarray of int
        The neurons asked about, in the order asked.
    indices : (n, k) ndarray of int
        Row ``r``: rows of the candidate images exciting ``neurons[r]`` most, most
        exciting first (ties: lower index first).
    activations : (n, k) ndarray
        ``neurons[r]``'s activation on each of them (descending along a row).
    """

    layer: int
    neurons: NDArray[np.int64]
    indices: NDArray[np.int64]
    activations: NDArray[np.float64]

    def row(self, neuron: int) -> int:
        """Row of ``indices`` / ``activations`` that belongs to neuron ``neuron``."""
        where = np.flatnonzero(self.neurons == neuron)
        if where.size == 0:
            raise KeyError(f"neuron {neuron} was not asked about; asked: {self.neurons.tolist()}")
        return int(where[0])

    def indices_of(self, neuron: int) -> NDArray[np.int64]:
        """``(k,)``: the images exciting ``neuron`` most, most exciting first."""
        row: NDArray[np.int64] = self.indices[self.row(neuron)]
        return row

    def activations_of(self, neuron: int) -> NDArray[np.float64]:
        """``(k,)``: ``neuron``'s activation on :meth:`indices_of` ``(neuron)``."""
        row: NDArray[np.float64] = self.activations[self.row(neuron)]
        return row


def top_exciting(net: Network, images: ArrayLike, layer: int,
                 neurons: int | Sequence[int] | NDArray[np.integer] | None = None,
                 k: int = 5) -> TopExciting:
    """The ``k`` images that most excite each of some neurons, from one forward pass.

    Parameters
    ----------
    net : Network
        Sizes ``(n_0, ..., n_L)``.
    images : (m, n_0) ndarray
        Candidate images, one per row (one ``(n_0,)`` image is a batch of one).
    layer : int
        Layer of ``feedforward(...).activations``: 1 is the first hidden layer,
        ``L`` the output layer.
    neurons : int, sequence of int or None
        The neurons of ``layer`` to rank images for; ``None`` means all of them,
        ``0 .. n_layer - 1``; one int means that one neuron.
    k : int
        Images per neuron, ``1 <= k <= m``.

    Returns
    -------
    TopExciting
        ``(n, k)`` image indices and activations, one row per neuron asked
        (``top.indices_of(j)`` for neuron ``j``).

    Examples
    --------
    >>> net = Network.random([4, 3, 2], seed=0)
    >>> top = top_exciting(net, np.eye(4), layer=1, k=2)
    >>> top.indices.shape, top.neurons.tolist()
    ((3, 2), [0, 1, 2])
    """
    if not 1 <= layer < len(net.sizes):
        raise ValueError(f"layer={layer} must be 1..{len(net.sizes) - 1} (0 is the input)")
    size = net.sizes[layer]
    if neurons is None:
        chosen = np.arange(size, dtype=np.int64)
    else:
        asked = np.atleast_1d(np.asarray(neurons))
        if asked.ndim != 1 or asked.size == 0 or not np.issubdtype(asked.dtype, np.integer):
            raise ValueError(f"neurons={neurons!r}; give one neuron, a list of them, or None for all")
        chosen = asked.astype(np.int64)
        if chosen.min() < 0 or chosen.max() >= size:
            raise ValueError(f"neurons {chosen.tolist()} must be in 0..{size - 1} (layer {layer}'s size)")
    acts = feedforward(net, np.atleast_2d(np.asarray(images, dtype=np.float64))).activations[layer]
    if not 1 <= k <= acts.shape[0]:
        raise ValueError(f"k={k} must be in 1..{acts.shape[0]} (the number of images)")
    per_neuron = acts[:, chosen].T
    order = np.argsort(-per_neuron, axis=1, kind="stable")[:, :k].astype(np.int64)
    return TopExciting(layer=layer, neurons=chosen, indices=order,
                       activations=np.take_along_axis(per_neuron, order, axis=1))


def first_per_label(labels: ArrayLike, per_label: int = 10, n_labels: int = 10) -> NDArray[np.int64]:
    """Indices of the first ``per_label`` examples of each label (the videos' ``image_map``).

    Returns
    -------
    (n_labels, per_label) ndarray of int
        Row ``d`` lists the first indices whose label is ``d``, ascending.

    Raises
    ------
    ValueError
        If some label occurs fewer than ``per_label`` times.
    """
    labels = np.asarray(labels)
    out = np.empty((n_labels, per_label), dtype=np.int64)
    for d in range(n_labels):
        found = np.flatnonzero(labels == d)[:per_label]
        if found.size < per_label:
            raise ValueError(f"label {d} occurs {found.size} times; need {per_label}")
        out[d] = found
    return out
