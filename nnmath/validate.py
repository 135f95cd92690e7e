"""Checks on what users pass in, with messages that say how to fix it."""
from __future__ import annotations

from typing import Any

import numpy as np

from ._typing import Batch, Labels
from .mnist import IMAGE_SIDE


def as_input(x: object, n_in: int) -> Batch:
    """``x`` as float64 ``(n_in,)`` or ``(m, n_in)``, finite, or a ``ValueError``.

    Examples
    --------
    >>> as_input(np.zeros((28, 28)), 784)
    Traceback (most recent call last):
    ...
    ValueError: x has shape (28, 28); expected (784,) or (m, 784); for a 28x28 image use x.ravel()
    """
    a = np.asarray(x, dtype=np.float64)
    if a.ndim not in (1, 2) or a.shape[-1] != n_in:
        square = (IMAGE_SIDE, IMAGE_SIDE)
        hint = f"; for a {IMAGE_SIDE}x{IMAGE_SIDE} image use x.ravel()" if a.shape == square else ""
        raise ValueError(f"x has shape {a.shape}; expected ({n_in},) or (m, {n_in}){hint}")
    if not np.all(np.isfinite(a)):
        bad = int(np.count_nonzero(~np.isfinite(a)))
        raise ValueError(f"x holds {bad} NaN or infinite value(s); clean the input first")
    return a


def as_targets(y: object, n_out: int, batch_shape: tuple[int, ...]) -> Batch:
    """Targets as one-hot float64 rows shaped like the output, from labels or one-hot.

    Parameters
    ----------
    y : int, (m,) ints, (n_out,) or (m, n_out) floats
        Labels in ``0 .. n_out - 1``, or target activations.
    n_out : int
        Output neurons.
    batch_shape : tuple
        ``()`` for one example, ``(m,)`` for a batch.

    Raises
    ------
    ValueError
        For labels out of range, non-integer labels, a wrong shape or NaN.
    """
    a = np.asarray(y)
    target_shape = batch_shape + (n_out,)
    if a.shape == target_shape and a.dtype.kind == "f":
        if not np.all(np.isfinite(a)):
            raise ValueError("y holds NaN or infinite values")
        return a.astype(np.float64)
    if a.shape == batch_shape:
        if a.dtype.kind == "f":
            if not np.all(np.isfinite(a)) or not np.all(a == np.round(a)):
                raise ValueError(f"labels must be whole numbers 0..{n_out - 1}; got {a.ravel()[:5]}...")
            a = a.astype(np.int64)
        if a.dtype.kind not in "iu":
            raise ValueError(f"labels must be integers 0..{n_out - 1}; got dtype {a.dtype}")
        if a.size and (a.min() < 0 or a.max() >= n_out):
            bad = a[(a < 0) | (a >= n_out)]
            raise ValueError(f"labels must be in 0..{n_out - 1}; got {bad.ravel()[:5].tolist()}")
        one_hot: Batch = np.eye(n_out)[a]
        return one_hot
    raise ValueError(
        f"y has shape {a.shape}; expected labels of shape {batch_shape} "
        f"or one-hot rows of shape {target_shape}"
    )


def labelled_data(data: Any, n_in: int, n_out: int, name: str = "data") -> tuple[Batch, Labels]:
    """Split a labelled data set into checked images and labels.

    Parameters
    ----------
    data : (images, labels) or object with ``.images`` and ``.labels``
        E.g. an :class:`nnmath.MnistSplit`; images ``(m, n_in)``, labels ``(m,)``.
    n_in : int
        Input size of the network, ``n_0``.
    n_out : int
        Output size ``n_L``; labels must lie in ``0 .. n_out - 1``.
    name : str
        What the caller calls ``data``, for the error messages.

    Returns
    -------
    x : (m, n_in) ndarray of float64
        The images, finite.
    y : (m,) ndarray of int64
        The labels.

    Raises
    ------
    ValueError
        If ``data`` is neither a pair nor has ``.images``/``.labels``, the images
        are not a finite ``(m, n_in)`` batch, or the labels are not ``m``
        integers in ``0 .. n_out - 1``; the message starts with ``name``.

    Examples
    --------
    >>> x, y = labelled_data((np.zeros((2, 4)), [0, 2]), n_in=4, n_out=3)
    >>> x.shape, y.dtype
    ((2, 4), dtype('int64'))
    """
    if hasattr(data, "images") and hasattr(data, "labels"):
        images, labels = data.images, data.labels
    else:
        try:
            images, labels = data
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be (images, labels) or have .images and .labels") from None
    x = as_input(images, n_in)
    if x.ndim != 2:
        raise ValueError(f"{name} images must be a batch (m, {n_in}); got {x.shape}; for one image use x[None]")
    y = np.asarray(labels)
    as_targets(y, n_out, (x.shape[0],))  # validates range and shape
    if y.ndim != 1:
        raise ValueError(f"{name} labels must be integer labels (m,); got shape {y.shape}")
    return x, y.astype(np.int64)
