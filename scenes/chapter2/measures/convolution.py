r"""A convolution, the operation of convolutional networks: a small kernel slides over an image.

At each position the kernel's weights multiply the pixels under it and the
products are summed (strictly a cross-correlation, which is what convolutional
layers compute):

.. math:: (K \star I)_{r,c} = \sum_{u,v} K_{u,v}\, I_{r+u,\ c+v}

Only positions where the kernel fits inside the image are kept ("valid"), so a
28x28 image and a 4x4 kernel give a 25x25 map.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from nnmath import Matrix
from nnmath.mnist import IMAGE_SIDE, IMAGE_SIZE

__all__ = ["TOP_EDGE_KERNEL", "convolve_valid"]

#: A 4x4 kernel that answers strongly where ink starts below a blank area: the top edges of strokes.
TOP_EDGE_KERNEL: Matrix = np.array([
    [-1.0, -1.0, -1.0, -1.0],
    [-1.0, -1.0, -1.0, -1.0],
    [1.0, 1.0, 1.0, 1.0],
    [1.0, 1.0, 1.0, 1.0],
])


def convolve_valid(image: object, kernel: object) -> Matrix:
    """Slide ``kernel`` over ``image`` and sum the products at every position where it fits.

    Parameters
    ----------
    image : (h, w) ndarray, or (784,) for a 28x28 MNIST digit (``IMAGE_SIZE``, ``IMAGE_SIDE``)
        Pixel values.
    kernel : (kh, kw) ndarray
        Weights, ``kh <= h`` and ``kw <= w``.

    Returns
    -------
    (h - kh + 1, w - kw + 1) ndarray
        Entry ``(r, c)`` is ``sum(kernel * image[r:r+kh, c:c+kw])``.

    Examples
    --------
    >>> convolve_valid(np.arange(9.0).reshape(3, 3), np.ones((2, 2))).tolist()
    [[8.0, 12.0], [20.0, 24.0]]
    """
    img = np.asarray(image, dtype=np.float64)
    if img.shape == (IMAGE_SIZE,):
        img = img.reshape(IMAGE_SIDE, IMAGE_SIDE)
    k = np.asarray(kernel, dtype=np.float64)
    if img.ndim != 2 or k.ndim != 2:
        raise ValueError(f"image {img.shape} and kernel {k.shape} must both be 2-D "
                         f"(a ({IMAGE_SIZE},) vector is reshaped)")
    if k.shape[0] > img.shape[0] or k.shape[1] > img.shape[1] or k.size == 0:
        raise ValueError(f"kernel {k.shape} must be non-empty and fit inside the image {img.shape}")
    windows = sliding_window_view(img, k.shape)
    out: Matrix = np.einsum("rcuv,uv->rc", windows, k)
    return out
