r"""The videos' cost: the sum of squared differences, without the 1/2.

Notes
-----
.. math:: C_0 = \sum_j \left(a^{(L)}_j - y_j\right)^2, \qquad
          \frac{\partial C_0}{\partial a^{(L)}_j} = 2\left(a^{(L)}_j - y_j\right)

Over a batch, the cost is the mean of the per-example :math:`C_0`.
"""
from __future__ import annotations

import numpy as np

from ._typing import Batch, Vector
from .validate import as_targets


def _pair(a: object, y: object) -> tuple[Batch, Batch]:
    a = np.asarray(a, dtype=np.float64)
    if a.ndim not in (1, 2):
        raise ValueError(f"a has shape {a.shape}; expected (n,) or (m, n)")
    return a, as_targets(y, a.shape[-1], a.shape[:-1])


def cost_terms(a: Vector | Batch, y: object) -> Batch:
    r"""The terms :math:`(a_j - y_j)^2`, shape of ``a``: ``(n,)`` or ``(m, n)``.

    ``y`` may be labels (an int, or ``(m,)`` ints) or one-hot rows.
    """
    a, t = _pair(a, y)
    out: Batch = (a - t) ** 2
    return out


def cost(a: Vector | Batch, y: object) -> float:
    r"""The cost :math:`C_0 = \sum_j (a_j - y_j)^2`, averaged over a batch.

    Parameters
    ----------
    a : (n,) or (m, n) ndarray
        Output activations.
    y : int, (m,) ints, (n,) or (m, n) ndarray
        Labels or one-hot targets.

    Examples
    --------
    >>> cost(np.array([0.1, 0.9]), 1)
    0.020000000000000004
    """
    terms = cost_terms(a, y)
    return float(np.mean(np.sum(terms, axis=-1)))


def cost_per_example(a: Batch, y: object) -> Vector:
    """:math:`C_0` of every example of a batch, shape ``(m,)``."""
    out: Vector = np.sum(cost_terms(a, y), axis=-1)
    return out


def cost_derivative(a: Vector | Batch, y: object) -> Batch:
    r""":math:`\partial C_0 / \partial a_j = 2 (a_j - y_j)`, shape of ``a``."""
    a, t = _pair(a, y)
    out: Batch = 2.0 * (a - t)
    return out


def cross_entropy(a: Vector | Batch, y: object, output: str = "softmax") -> float:
    r"""Cross-entropy cost, mean over a batch.

    Parameters
    ----------
    a : (n,) or (m, n) ndarray
        Output activations.
    y : labels or one-hot rows
        Targets.
    output : {"softmax", "sigmoid"}
        The output activation: softmax uses :math:`-\sum_j y_j \ln a_j`, sigmoid the
        binary form :math:`-\sum_j [y_j \ln a_j + (1 - y_j) \ln(1 - a_j)]`.
    """
    a, t = _pair(a, y)
    eps = 1e-12
    if output == "softmax":
        per = -np.sum(t * np.log(a + eps), axis=-1)
    elif output == "sigmoid":
        per = -np.sum(t * np.log(a + eps) + (1 - t) * np.log(1 - a + eps), axis=-1)
    else:
        raise ValueError(f"cross-entropy needs a 'softmax' or 'sigmoid' output, not {output!r}")
    return float(np.mean(per))
