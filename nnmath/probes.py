r"""Looking inside a trained network: its score as digits stream by, its first-layer
weights as pictures, its answer to noise, and the digits each hidden neuron likes most.

These are the numbers of chapter 2's "Analyzing the network". Each hidden neuron
of layer 1 computes :math:`\sigma(w_j \cdot a^{(0)} + b_j)`, so its weight row
:math:`w_j` (784 numbers) can be drawn as a 28x28 picture of what it looks for.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._typing import Batch, Labels, Matrix, Vector
from .network import Network, feedforward

__all__ = ["running_correct", "weight_images", "noise_image", "TopExciting", "top_exciting_per_neuron"]

IMAGE_SIDE = 28


def running_correct(predictions: Labels, labels: Labels) -> Labels:
    """How many answers are right so far, after each image: the live counter.

    Parameters
    ----------
    predictions, labels : (m,) ndarray of int
        The network's answers and the true labels.

    Returns
    -------
    (m,) ndarray of int
        Entry ``i`` counts the right answers among images ``0 .. i``.

    Examples
    --------
    >>> running_correct(np.array([1, 2, 3]), np.array([1, 0, 3])).tolist()
    [1, 1, 2]
    """
    p, y = np.asarray(predictions), np.asarray(labels)
    if p.ndim != 1 or p.shape != y.shape:
        raise ValueError(f"predictions {p.shape} and labels {y.shape} must both be (m,)")
    out: Labels = np.cumsum(p == y).astype(np.int64)
    return out


def weight_images(net: Network) -> Batch:
    """The first layer's weight rows as 28x28 pictures, each scaled by its own largest ``|w|``.

    Returns
    -------
    (n_1, 28, 28) ndarray
        Values in ``[-1, 1]``: positive weights (the neuron wants ink there)
        and negative ones (it wants no ink there); each picture reaches 1 in
        magnitude at its strongest weight.

    Raises
    ------
    ValueError
        If the input layer is not 784 = 28 x 28 pixels.
    """
    w = net.weights[0]
    if w.shape[1] != IMAGE_SIDE * IMAGE_SIDE:
        raise ValueError(f"the input layer has {w.shape[1]} neurons; weight images need 784 (28x28)")
    peak = np.max(np.abs(w), axis=1, keepdims=True)
    scaled = np.divide(w, peak, out=np.zeros_like(w), where=peak > 0)
    out: Batch = scaled.reshape(-1, IMAGE_SIDE, IMAGE_SIDE)
    return out


def noise_image(seed: int, size: int = IMAGE_SIDE * IMAGE_SIDE) -> Vector:
    """An input of pure noise: ``size`` pixels uniform in [0, 1), fixed by ``seed``.

    Examples
    --------
    >>> noise_image(0).shape
    (784,)
    """
    out: Vector = np.random.default_rng(seed).random(size)
    return out


@dataclass(frozen=True)
class TopExciting:
    """For every neuron of a layer, the images that excite it most.

    Attributes
    ----------
    indices : (n_layer, k) ndarray of int
        Row ``j``: indexes of the images, most exciting first (ties: lower index first).
    activations : (n_layer, k) ndarray
        Neuron ``j``'s activation on each of them.
    """

    indices: Labels
    activations: Matrix


def top_exciting_per_neuron(net: Network, images: Batch, layer: int, k: int) -> TopExciting:
    """The ``k`` images that most excite each neuron of ``layer``, from one forward pass.

    Parameters
    ----------
    net : Network
        Sizes ``(n_0, ..., n_L)``.
    images : (m, n_0) ndarray
        Candidate images, one per row.
    layer : int
        Layer of ``feedforward(...).activations``: 1 is the first hidden layer.
    k : int
        Images per neuron, ``1 <= k <= m``.

    Returns
    -------
    TopExciting
        ``(n_layer, k)`` indexes and activations; row ``j`` equals
        :func:`nnmath.analysis.top_exciting` for neuron ``j``.
    """
    if not 1 <= layer < len(net.sizes):
        raise ValueError(f"layer={layer} must be 1..{len(net.sizes) - 1} (0 is the input)")
    acts = feedforward(net, np.atleast_2d(images)).activations[layer]
    if not 1 <= k <= acts.shape[0]:
        raise ValueError(f"k={k} must be in 1..{acts.shape[0]} (the number of images)")
    order = np.argsort(-acts.T, axis=1, kind="stable")[:, :k]
    return TopExciting(order.astype(np.int64), np.take_along_axis(acts.T, order, axis=1))
