r"""Numbers the chapter-1 scenes show that are not part of training: edges of a digit,
loops of a digit and their arcs, a hand-made edge detector and one neuron's response,
the parameter tally, the first mistake, the most selective neurons, a network halfway
to another.

Everything here is plain numpy on :class:`~nnmath.network.Network` objects and
MNIST arrays (no manim); the scenes only draw the results. Which input pixels a
diagram shows and which digits excite a neuron are shared by the chapters:
:mod:`scenes.common.measures`.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from numpy.typing import NDArray

from nnmath import Network, evaluate, feedforward, sigmoid
from nnmath import Batch, Labels, Matrix, Vector
from nnmath.mnist import IMAGE_SIDE

__all__ = [
    "Tally",
    "SobelEdges",
    "NeuronResponse",
    "sobel_edges",
    "digit_loops",
    "first_mistake",
    "parameter_tally",
    "edge_detector",
    "neuron_response",
    "interpolate_networks",
    "split_by_angle",
    "INK_THRESHOLD",
    "ink_mask",
    "masked",
    "most_selective_neurons",
]

#: A pixel brighter than this counts as ink.
INK_THRESHOLD = 0.3


def _as_image(image: object) -> NDArray[np.float64]:
    a = np.asarray(image, dtype=np.float64)
    if a.shape == (IMAGE_SIDE * IMAGE_SIDE,):
        a = a.reshape(IMAGE_SIDE, IMAGE_SIDE)
    if a.shape != (IMAGE_SIDE, IMAGE_SIDE):
        raise ValueError(f"image has shape {a.shape}; expected ({IMAGE_SIDE * IMAGE_SIDE},) or "
                         f"({IMAGE_SIDE}, {IMAGE_SIDE})")
    if not np.all(np.isfinite(a)):
        raise ValueError("image holds NaN or infinite values")
    return a


@dataclass(frozen=True)
class SobelEdges:
    """Sobel gradients of a 28x28 image.

    Attributes
    ----------
    gx, gy : (28, 28) ndarray
        Horizontal and vertical derivatives (zero padding outside the image).
    magnitude : (28, 28) ndarray
        :math:`\\sqrt{g_x^2 + g_y^2}`.
    """

    gx: Matrix
    gy: Matrix
    magnitude: Matrix


_SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


def _correlate3(image: Matrix, kernel: Matrix) -> Matrix:
    padded = np.pad(image, 1)
    out = np.zeros_like(image)
    for di in range(3):
        for dj in range(3):
            out += kernel[di, dj] * padded[di : di + image.shape[0], dj : dj + image.shape[1]]
    return out


def sobel_edges(image: object) -> SobelEdges:
    r"""Edges of a digit by the Sobel operator (what "a little edge layer" could compute).

    Parameters
    ----------
    image : (784,) or (28, 28) ndarray
        Pixel values.

    Returns
    -------
    SobelEdges
        ``gx`` responds to left-to-right changes, ``gy`` to top-to-bottom ones.

    Notes
    -----
    .. math:: G_x = \begin{bmatrix}-1&0&1\\-2&0&2\\-1&0&1\end{bmatrix} \star I,
              \quad G_y = G_x^\top \star I
    """
    a = _as_image(image)
    gx = _correlate3(a, _SOBEL_X)
    gy = _correlate3(a, _SOBEL_X.T)
    return SobelEdges(gx=gx, gy=gy, magnitude=np.hypot(gx, gy))


def _components(mask: NDArray[np.bool_]) -> list[NDArray[np.bool_]]:
    """4-connected components of ``mask``, each as a boolean mask, in scan order."""
    seen = np.zeros_like(mask)
    parts = []
    rows, cols = mask.shape
    for r0, c0 in zip(*np.nonzero(mask)):
        if seen[r0, c0]:
            continue
        part = np.zeros_like(mask)
        queue = deque([(r0, c0)])
        seen[r0, c0] = True
        while queue:
            r, c = queue.popleft()
            part[r, c] = True
            for rr, cc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                if 0 <= rr < rows and 0 <= cc < cols and mask[rr, cc] and not seen[rr, cc]:
                    seen[rr, cc] = True
                    queue.append((rr, cc))
        parts.append(part)
    return parts


def _dilate(mask: NDArray[np.bool_], radius: int) -> NDArray[np.bool_]:
    out = mask.copy()
    for _ in range(radius):
        grown = out.copy()
        grown[1:, :] |= out[:-1, :]
        grown[:-1, :] |= out[1:, :]
        grown[:, 1:] |= out[:, :-1]
        grown[:, :-1] |= out[:, 1:]
        out = grown
    return out


def ink_mask(image: object, threshold: float = INK_THRESHOLD) -> NDArray[np.bool_]:
    """(28, 28) mask of the pixels brighter than ``threshold`` (the digit's ink)."""
    return _as_image(image) > threshold


def masked(pixels: object, mask: object) -> Vector:
    """``pixels`` with everything outside ``mask`` (28x28 bool) blacked out, shape (784,)."""
    m = np.asarray(mask, dtype=bool)
    if m.shape != (IMAGE_SIDE, IMAGE_SIDE):
        raise ValueError(f"mask has shape {m.shape}; expected ({IMAGE_SIDE}, {IMAGE_SIDE})")
    return np.where(m.ravel(), _as_image(pixels).ravel(), 0.0)


def digit_loops(image: object, threshold: float = INK_THRESHOLD, radius: int = 3, min_hole: int = 4
                ) -> list[NDArray[np.bool_]]:
    """The loops of a handwritten digit: ink around each enclosed hole, top loop first.

    A hole is a 4-connected region of background (pixel <= ``threshold``) that
    does not touch the border and has at least ``min_hole`` pixels; its loop is
    the ink within ``radius`` pixels of it. A 9 usually has one loop, an 8 two,
    a 1 none.

    Parameters
    ----------
    image : (784,) or (28, 28) ndarray
    threshold : float
        Ink is ``pixel > threshold``.
    radius : int
        How far from the hole ink still counts as its loop.
    min_hole : int
        Smaller holes (gaps in the stroke) are ignored.

    Returns
    -------
    list of (28, 28) bool ndarray
        One mask per loop, ordered by the hole's top row.
    """
    a = _as_image(image)
    ink = a > threshold
    holes = []
    for part in _components(~ink):
        rows, cols = np.nonzero(part)
        touches = rows.min() == 0 or cols.min() == 0 or rows.max() == IMAGE_SIDE - 1 \
            or cols.max() == IMAGE_SIDE - 1
        if not touches and part.sum() >= min_hole:
            holes.append(part)
    holes.sort(key=lambda h: int(np.nonzero(h)[0].min()))
    return [_dilate(h, radius) & ink for h in holes]


def first_mistake(net: Network, images: Batch, labels: Labels, start: int = 0) -> int:
    """Index of the first image at or after ``start`` that ``net`` gets wrong.

    Raises
    ------
    ValueError
        If it gets every image from ``start`` on right.
    """
    if not 0 <= start < len(labels):
        raise ValueError(f"start={start} must be in 0..{len(labels) - 1}")
    wrong = evaluate(net, images[start:], labels[start:]).mistakes
    if wrong.size == 0:
        raise ValueError(f"the network gets all {len(labels) - start} images from index {start} right")
    return int(wrong[0]) + start


@dataclass(frozen=True)
class Tally:
    """How many weights and biases a network has, layer by layer.

    Attributes
    ----------
    weights : tuple of int
        ``n_{i+1} * n_i`` for each weight matrix (784x16 = 12,544 first).
    biases : tuple of int
        ``n_{i+1}`` for each layer after the input.
    total_weights, total_biases, total : int
        Their sums (12,960 + 42 = 13,002 for 784-16-16-10).
    """

    weights: tuple[int, ...]
    biases: tuple[int, ...]

    @property
    def total_weights(self) -> int:
        return sum(self.weights)

    @property
    def total_biases(self) -> int:
        return sum(self.biases)

    @property
    def total(self) -> int:
        return self.total_weights + self.total_biases


def parameter_tally(sizes: Sequence[int]) -> Tally:
    """Weights and biases per layer for layer sizes ``(n_0, ..., n_L)``.

    Examples
    --------
    >>> parameter_tally((784, 16, 16, 10)).total
    13002
    """
    sizes = [int(s) for s in sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"sizes {sizes} must list at least two positive layer sizes")
    return Tally(
        weights=tuple(a * b for a, b in zip(sizes[:-1], sizes[1:])),
        biases=tuple(sizes[1:]),
    )


def edge_detector(rows: tuple[int, int] = (7, 9), cols: tuple[int, int] = (10, 17),
                  surround: float = -1.0) -> Matrix:
    """A hand-made 28x28 weight template that detects a horizontal bar.

    Weight 1 on the bar (``rows[0]..rows[1]`` x ``cols[0]..cols[1]``, inclusive),
    ``surround`` on the row just above and just below it (same columns), 0
    elsewhere: bright inside and dark around means a large weighted sum.

    Returns
    -------
    (28, 28) ndarray
    """
    r0, r1 = rows
    c0, c1 = cols
    if not (1 <= r0 <= r1 <= IMAGE_SIDE - 2 and 0 <= c0 <= c1 <= IMAGE_SIDE - 1):
        raise ValueError(f"rows {rows} must lie in 1..{IMAGE_SIDE - 2} and cols {cols} in 0..{IMAGE_SIDE - 1}, "
                         "each (first, last)")
    w = np.zeros((IMAGE_SIDE, IMAGE_SIDE))
    w[r0 : r1 + 1, c0 : c1 + 1] = 1.0
    w[r0 - 1, c0 : c1 + 1] = surround
    w[r1 + 1, c0 : c1 + 1] = surround
    return w


@dataclass(frozen=True)
class NeuronResponse:
    r"""One sigmoid neuron's response to an image.

    Attributes
    ----------
    products : (784,) ndarray
        :math:`w_k a_k`, the terms of the weighted sum.
    weighted_sum : float
        :math:`\sum_k w_k a_k`.
    bias : float
    z : float
        ``weighted_sum + bias``.
    activation : float
        :math:`\sigma(z)`.
    """

    products: Vector
    weighted_sum: float
    bias: float
    z: float
    activation: float


def neuron_response(weights: object, image: object, bias: float = 0.0) -> NeuronResponse:
    r""":math:`\sigma(w \cdot a + b)` for one neuron with ``weights`` (784,) or (28, 28)."""
    w = _as_image(weights).ravel()
    a = _as_image(image).ravel()
    products = w * a
    s = float(np.sum(products))
    z = s + float(bias)
    return NeuronResponse(products=products, weighted_sum=s, bias=float(bias), z=z,
                          activation=float(sigmoid(np.array(z))))


def interpolate_networks(start: Network, end: Network, t: float) -> Network:
    """The network whose parameters are ``(1 - t) * start + t * end`` (same sizes)."""
    if start.sizes != end.sizes:
        raise ValueError(f"networks differ in sizes: {start.sizes} vs {end.sizes}")
    if not 0.0 <= t <= 1.0:
        raise ValueError(f"t={t} must be in [0, 1]")
    return start.with_flat((1.0 - t) * start.flat() + t * end.flat())


def split_by_angle(mask: object, pieces: int = 5) -> list[NDArray[np.bool_]]:
    """Cut a loop (a boolean 28x28 mask) into ``pieces`` arcs by angle around its centroid.

    The first arc starts at 12 o'clock and they go clockwise; empty arcs are kept
    (as all-False masks) so the count is always ``pieces``.
    """
    m = np.asarray(mask, dtype=bool)
    if m.shape != (IMAGE_SIDE, IMAGE_SIDE):
        raise ValueError(f"mask has shape {m.shape}; expected ({IMAGE_SIDE}, {IMAGE_SIDE})")
    if pieces < 1:
        raise ValueError(f"pieces={pieces} must be at least 1")
    rows, cols = np.nonzero(m)
    out = [np.zeros_like(m) for _ in range(pieces)]
    if rows.size == 0:
        return out
    dy, dx = rows - rows.mean(), cols - cols.mean()
    angle = np.mod(np.arctan2(dx, -dy), 2 * np.pi)  # 0 at the top, clockwise
    which = np.minimum((angle / (2 * np.pi) * pieces).astype(int), pieces - 1)
    for r, c, w in zip(rows, cols, which):
        out[w][r, c] = True
    return out


def most_selective_neurons(net: Network, images: Batch, labels: Labels, layer: int = 1,
                           k: int = 6, count: int = 3) -> NDArray[np.int64]:
    """Neurons of ``layer`` whose ``k`` most exciting images agree most on one label.

    For each neuron, take its top ``k`` images (as
    :func:`scenes.common.measures.top_exciting` ranks them) and count
    how many share their most common label; return the ``count`` neurons with
    the highest counts (ties: the larger mean top-``k`` activation, then the
    lower index).

    Returns
    -------
    (count,) ndarray of int
        Neuron indices, most selective first.
    """
    if not 1 <= layer < len(net.sizes):
        raise ValueError(f"layer={layer} must be 1..{len(net.sizes) - 1} (0 is the input)")
    n = net.sizes[layer]
    if not 1 <= count <= n:
        raise ValueError(f"count={count} must be in 1..{n}")
    acts = feedforward(net, np.atleast_2d(images)).activations[layer]
    labels = np.asarray(labels)
    scores = []
    for j in range(n):
        top = np.argsort(-acts[:, j], kind="stable")[:k]
        agree = int(np.bincount(labels[top]).max())
        scores.append((-agree, -float(acts[top, j].mean()), j))
    return np.array([j for _, _, j in sorted(scores)[:count]], dtype=np.int64)
