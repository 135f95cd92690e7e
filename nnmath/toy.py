r"""Toy cost functions with exact gradients, for chapter 2's intuition beats.

Each function maps parameters to a cost and knows its exact gradient, so a
gradient-descent path can be drawn on its graph:

.. math:: x_{t+1} = x_t - \eta \nabla C(x_t)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._typing import Batch, Vector


@dataclass(frozen=True)
class ToyCost:
    """A cost of ``dim`` variables with its exact gradient.

    Attributes
    ----------
    name : str
        Its formula, readable (e.g. ``"3/2 x^2 + 1/2 y^2"``).
    tex : str
        The same in LaTeX.
    dim : int
        1 or 2.
    f : callable
        ``(..., dim) -> (...)``: the cost at each point.
    grad : callable
        ``(..., dim) -> (..., dim)``: the exact gradient.
    """

    name: str
    tex: str
    dim: int
    f: Callable[[Batch], Batch]
    grad: Callable[[Batch], Batch]

    def __call__(self, p: Batch) -> Batch:
        return self.f(self._points(p))

    def gradient(self, p: Batch) -> Batch:
        """Exact gradient at ``p`` ``(..., dim)``, same shape."""
        return self.grad(self._points(p))

    def _points(self, p: object) -> Batch:
        arr = np.asarray(p, dtype=np.float64)
        if self.dim == 1 and (arr.ndim == 0 or arr.shape[-1] != 1):
            arr = arr[..., None]
        if arr.shape[-1] != self.dim:
            raise ValueError(f"points have shape {arr.shape}; expected (..., {self.dim})")
        return arr

    def descent(self, start: object, eta: float, steps: int) -> Batch:
        r"""Gradient-descent path from ``start``: ``(steps + 1, dim)`` points.

        Parameters
        ----------
        start : (dim,) array_like or float
            First point.
        eta : float
            Step size :math:`\eta > 0`.
        steps : int
            Number of steps.
        """
        if not eta > 0 or steps < 0:
            raise ValueError(f"need eta > 0 and steps >= 0; got eta={eta}, steps={steps}")
        p = self._points(start).reshape(self.dim)
        path = [p]
        for _ in range(steps):
            p = p - eta * self.gradient(p)
            path.append(p)
        return np.array(path)


def _bumpy_f(p: Batch) -> Batch:
    x = p[..., 0]
    return 0.05 * x**4 - 0.4 * x**2 + 0.3 * np.sin(3 * x) + 0.2 * x + 1.5


def _bumpy_grad(p: Batch) -> Batch:
    x = p[..., 0]
    return (0.2 * x**3 - 0.8 * x + 0.9 * np.cos(3 * x) + 0.2)[..., None]


#: A bumpy 1-D cost with several local minima (the balls rolling into different valleys).
BUMPY_1D = ToyCost(
    "0.05x^4 - 0.4x^2 + 0.3 sin 3x + 0.2x + 1.5",
    r"0.05x^4 - 0.4x^2 + 0.3\sin 3x + 0.2x + 1.5",
    1, _bumpy_f, _bumpy_grad,
)

#: The chapter's bowl :math:`C(x, y) = \tfrac32 x^2 + \tfrac12 y^2`, with :math:`\nabla C(1, 1) = (3, 1)`.
BOWL_2D = ToyCost(
    "3/2 x^2 + 1/2 y^2",
    r"\tfrac{3}{2}x^2 + \tfrac{1}{2}y^2",
    2,
    lambda p: 1.5 * p[..., 0] ** 2 + 0.5 * p[..., 1] ** 2,
    lambda p: np.stack([3.0 * p[..., 0], p[..., 1]], axis=-1),
)


def _hills_f(p: Batch) -> Batch:
    x, y = p[..., 0], p[..., 1]
    out: Batch = 0.1 * (x**2 + y**2) + np.sin(x) * np.cos(y) + 2.0
    return out


def _hills_grad(p: Batch) -> Batch:
    x, y = p[..., 0], p[..., 1]
    return np.stack([0.2 * x + np.cos(x) * np.cos(y), 0.2 * y - np.sin(x) * np.sin(y)], axis=-1)


#: Rolling hills with several valleys, for the 2-D surface beat.
HILLS_2D = ToyCost(
    "0.1 (x^2 + y^2) + sin x cos y + 2",
    r"0.1(x^2 + y^2) + \sin x \cos y + 2",
    2, _hills_f, _hills_grad,
)


def local_minima_1d(cost: ToyCost, lo: float, hi: float, samples: int = 2001) -> Vector:
    """The local minima of a 1-D toy cost in ``[lo, hi]``, found on a grid and refined by descent."""
    if cost.dim != 1:
        raise ValueError("local_minima_1d needs a 1-D cost")
    xs = np.linspace(lo, hi, samples)
    ys = cost(xs)
    idx = np.flatnonzero((ys[1:-1] < ys[:-2]) & (ys[1:-1] < ys[2:])) + 1
    return np.array([cost.descent(xs[i], 0.01, 500)[-1, 0] for i in idx])
