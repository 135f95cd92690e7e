"""Checks on what users pass in, with messages that say how to fix it."""
from __future__ import annotations

import numpy as np

from ._typing import Batch


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
        hint = "; for a 28x28 image use x.ravel()" if a.shape == (28, 28) else ""
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
