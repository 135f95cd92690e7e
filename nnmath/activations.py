r"""Activation functions and their derivatives.

Notes
-----
.. math:: \sigma(z) = \frac{1}{1 + e^{-z}}, \qquad \sigma'(z) = \sigma(z)(1 - \sigma(z))

.. math:: \mathrm{ReLU}(z) = \max(0, z), \qquad \mathrm{ReLU}'(z) = [z > 0]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def sigmoid(z: Array) -> Array:
    r"""Logistic function :math:`\sigma(z) = 1 / (1 + e^{-z})`, elementwise, any shape.

    Computed in a form that never overflows: for very negative ``z`` it returns
    values close to 0 without a warning.

    Examples
    --------
    >>> float(sigmoid(np.array(0.0)))
    0.5
    """
    z = np.asarray(z, dtype=np.float64)
    # exp(-|z|) never overflows; split by sign to keep full precision.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z: Array) -> Array:
    r"""Derivative :math:`\sigma'(z) = \sigma(z)\,(1 - \sigma(z))`, elementwise, any shape."""
    s = sigmoid(z)
    return s * (1.0 - s)


def relu(z: Array) -> Array:
    r"""Rectified linear unit :math:`\max(0, z)`, elementwise, any shape."""
    return np.maximum(np.asarray(z, dtype=np.float64), 0.0)


def relu_prime(z: Array) -> Array:
    r"""Derivative of ReLU: 1 where ``z > 0``, else 0 (0 at ``z = 0``), any shape."""
    return (np.asarray(z) > 0).astype(np.float64)


@dataclass(frozen=True)
class Activation:
    """An activation function with its derivative, by name."""

    name: str
    f: Callable[[Array], Array]
    prime: Callable[[Array], Array]


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime),
    "relu": Activation("relu", relu, relu_prime),
}


def get_activation(name: str) -> Activation:
    """The :class:`Activation` called ``name`` ("sigmoid" or "relu").

    Raises
    ------
    ValueError
        If the name is unknown; the message lists the known names.
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        known = ", ".join(repr(k) for k in ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r}; use one of {known}") from None
