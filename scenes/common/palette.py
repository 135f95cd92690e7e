"""The series' colours and the value-to-look mappings every chapter shares.

Colours are the original series' (SCENES.md "Palette"); the mappings turn a
number from :mod:`nnmath` into how it looks, so a scene never decides a colour
or a width from a literal:

* activation -> fill opacity (:func:`activation_opacity`),
* weight -> edge colour and width (:func:`weight_color`, :func:`weight_width`),
* gradient entry -> sweep colour and width (:func:`gradient_color`,
  :func:`gradient_width`),
* vector entry -> BLUE if positive else RED (:func:`sign_color`).
"""
from __future__ import annotations

import numpy as np
from manim import ManimColor, interpolate_color
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "BACKGROUND", "BLUE", "RED", "GREEN", "YELLOW", "MAROON_B", "TEAL", "GREY_B", "WHITE",
    "BLACK", "BLUE_C", "ORANGE", "RAISE_COLOR", "LOWER_COLOR", "EDGE_COLOR", "MAX_EDGE_WIDTH",
    "activation_opacity", "weight_color", "weight_width", "gradient_color", "gradient_width",
    "sign_color", "text_color_on",
]

BACKGROUND = ManimColor("#000000")
BLUE = ManimColor("#58C4DD")
RED = ManimColor("#FC6255")
GREEN = ManimColor("#83C167")
YELLOW = ManimColor("#FFFF00")
MAROON_B = ManimColor("#EC92AB")
TEAL = ManimColor("#5CD0B3")
GREY_B = ManimColor("#BBBBBB")
WHITE = ManimColor("#FFFFFF")
BLACK = ManimColor("#000000")
#: The gradient sweep's "raise this weight" colour (3b1b's BLUE_C).
BLUE_C = ManimColor("#58C4DD")
ORANGE = ManimColor("#FF862F")
#: Gradient sweep: a weight the example wants raised / lowered.
RAISE_COLOR = BLUE_C
#: 3b1b's ``average_color(RED, RED, YELLOW)``: orange-red.
LOWER_COLOR = ManimColor(
    (2 * np.array(RED.to_rgb()) + np.array(YELLOW.to_rgb())) / 3
)
#: Plain (uncoloured) edges.
EDGE_COLOR = GREY_B
#: Widest edge stroke; ``weight_width`` never exceeds it.
MAX_EDGE_WIDTH = 3.0


def activation_opacity(a: ArrayLike) -> NDArray[np.float64]:
    """Fill opacity of a neuron holding activation ``a``: the activation itself, clipped to [0, 1].

    Parameters
    ----------
    a : float or (n,) array
        Activations (sigmoid outputs are already in [0, 1]; ReLU ones are clipped).

    Returns
    -------
    ndarray
        Same shape as ``a``.
    """
    return np.clip(np.asarray(a, dtype=np.float64), 0.0, 1.0)


def weight_color(w: float, positive: ManimColor = BLUE, negative: ManimColor = RED) -> ManimColor:
    """Edge colour of weight ``w``: ``positive`` if ``w > 0`` else ``negative``.

    Chapter 1's weight close-ups pass ``positive=GREEN``.
    """
    return positive if w > 0 else negative


def weight_width(w: ArrayLike, max_abs: float, exponent: float = 3.0) -> NDArray[np.float64]:
    r"""Edge width :math:`3 (|w| / \max|w|)^k`, capped at :data:`MAX_EDGE_WIDTH`.

    Parameters
    ----------
    w : float or array
        Weights.
    max_abs : float
        The largest ``|w|`` of the group being drawn (> 0).
    exponent : float
        ``k``: 1 shows every weight, 3 (the default) leaves only the strong ones visible.

    Returns
    -------
    ndarray
        Widths, same shape as ``w``, in ``[0, 3]``.

    Raises
    ------
    ValueError
        If ``max_abs`` is not positive.
    """
    if not max_abs > 0:
        raise ValueError(f"max_abs={max_abs!r}; pass the largest |w| of the group, which must be > 0")
    ratio = np.abs(np.asarray(w, dtype=np.float64)) / max_abs
    return np.minimum(MAX_EDGE_WIDTH * ratio**exponent, MAX_EDGE_WIDTH)


def gradient_color(g: float) -> ManimColor:
    """Sweep colour of gradient entry ``g``: raise (``g < 0``) or lower (``g >= 0``).

    Gradient descent moves a weight along ``-g``, so a negative entry means the
    example wants the weight raised.
    """
    return RAISE_COLOR if g < 0 else LOWER_COLOR


def gradient_width(g: ArrayLike, max_abs: float) -> NDArray[np.float64]:
    r"""Sweep width :math:`3|g| / \max|g|` (same shape as ``g``)."""
    return weight_width(g, max_abs, exponent=1.0)


def sign_color(value: float) -> ManimColor:
    """Vector entries: BLUE if ``value > 0`` else RED."""
    return BLUE if value > 0 else RED


def text_color_on(activation: float) -> ManimColor:
    """Colour of a value written inside a neuron: BLACK on a bright fill (> 0.8), else WHITE."""
    return BLACK if activation > 0.8 else WHITE


def blend(a: ManimColor, b: ManimColor, t: float) -> ManimColor:
    """``a`` mixed with ``b`` by ``t`` in [0, 1]."""
    return interpolate_color(a, b, t)
