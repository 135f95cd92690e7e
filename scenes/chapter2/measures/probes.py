r"""Looking inside a trained network: its score as digits stream by, its first-layer
weights as pictures, and its answer to noise.

These are the numbers of chapter 2's "Analyzing the network" (the digits each hidden
neuron likes most are :func:`scenes.common.measures.top_exciting`). Each hidden neuron
of layer 1 computes :math:`\sigma(w_j \cdot a^{(0)} + b_j)`, so its weight row
:math:`w_j` (784 numbers) can be drawn as a 28x28 picture of what it looks for.
"""
from __future__ import annotations

import numpy as np

from nnmath import Network
from nnmath import Batch, Labels, Vector
from nnmath.mnist import IMAGE_SIDE, IMAGE_SIZE

__all__ = ["running_correct", "weight_images", "noise_image"]


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
    if w.shape[1] != IMAGE_SIZE:
        raise ValueError(f"the input layer has {w.shape[1]} neurons; weight images need "
                         f"{IMAGE_SIZE} ({IMAGE_SIDE}x{IMAGE_SIDE})")
    peak = np.max(np.abs(w), axis=1, keepdims=True)
    scaled = np.divide(w, peak, out=np.zeros_like(w), where=peak > 0)
    out: Batch = scaled.reshape(-1, IMAGE_SIDE, IMAGE_SIDE)
    return out


def noise_image(seed: int, size: int = IMAGE_SIZE) -> Vector:
    """An input of pure noise: ``size`` pixels uniform in [0, 1), fixed by ``seed``.

    Examples
    --------
    >>> noise_image(0).shape
    (784,)
    """
    out: Vector = np.random.default_rng(seed).random(size)
    return out
