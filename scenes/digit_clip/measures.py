"""The own-digit clip's numbers, computed once (numpy only, no manim): what the script's claims rest on.

- :func:`answer`: the network's reading of the digit, its runner-up and whether it is sure;
- :func:`fired_most`: the first hidden layer's most active neurons;
- :func:`steepest_weight`: the weight whose derivative of the cost is largest in size, by the chain rule;
- :func:`centring`: where the prepared digit's centre of mass landed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnmath import ChainRule, Network, Trace, backprop, chain_rule
from nnmath.digit import CENTRE, centre_of_mass
from nnmath.mnist import IMAGE_SIDE

__all__ = ["SURE_AT", "SURE_MARGIN", "Answer", "answer", "fired_most", "steepest_weight", "Centring", "centring"]

SURE_AT = 0.9
"""The network is *sure* when its brightest output is at least this ..."""
SURE_MARGIN = 0.5
"""... and beats the runner-up by at least this much."""


@dataclass(frozen=True)
class Answer:
    """The network's answer for one digit.

    Attributes
    ----------
    prediction : int
        The brightest output.
    confidence : float
        Its activation.
    runner_up : int
        The second brightest output.
    runner_up_value : float
        Its activation.
    sure : bool
        ``confidence >= SURE_AT`` and ``confidence - runner_up_value >= SURE_MARGIN``.
    """

    prediction: int
    confidence: float
    runner_up: int
    runner_up_value: float
    sure: bool


def answer(trace: Trace) -> Answer:
    """The brightest output, the runner-up and whether the network is sure (ties: the lower digit first)."""
    outputs = np.asarray(trace.output, dtype=np.float64)
    order = np.argsort(-outputs, kind="stable")
    best, second = int(order[0]), int(order[1])
    top, runner = float(outputs[best]), float(outputs[second])
    return Answer(best, top, second, runner, top >= SURE_AT and top - runner >= SURE_MARGIN)


def fired_most(trace: Trace, n: int, layer: int = 1) -> tuple[int, ...]:
    """The ``n`` most active neurons of ``layer`` (the first hidden by default), in index order."""
    activations = np.asarray(trace.activations[layer], dtype=np.float64)
    return tuple(sorted(int(j) for j in np.argsort(-activations, kind="stable")[:n]))


def steepest_weight(net: Network, x: np.ndarray, label: int) -> ChainRule:
    """The chain rule of the weight with the largest ``|dC0/dw|`` for input ``x`` and ``label``."""
    nabla_w = backprop(net, x, label).nabla_w
    layer = int(np.argmax([np.max(np.abs(g)) for g in nabla_w]))
    j, k = np.unravel_index(int(np.argmax(np.abs(nabla_w[layer]))), nabla_w[layer].shape)
    return chain_rule(net, x, label, layer, int(j), int(k))


@dataclass(frozen=True)
class Centring:
    """Where the prepared digit's centre of mass is, against where MNIST puts it.

    Attributes
    ----------
    centre : tuple of 2 floats
        ``(row, column)`` of the centre of mass in the 28x28 field.
    target : tuple of 2 floats
        :data:`nnmath.digit.CENTRE`.
    in_the_middle : bool
        Within half a pixel of the target on both axes (the shift is by whole
        pixels, so this holds unless the shift was clamped at the field's edge).
    """

    centre: tuple[float, float]
    target: tuple[float, float]
    in_the_middle: bool


def centring(x: np.ndarray) -> Centring:
    """The :class:`Centring` of the prepared input ``x`` ``(784,)``."""
    row, col = centre_of_mass(np.asarray(x, dtype=np.float64).reshape(IMAGE_SIDE, IMAGE_SIDE))
    target = (float(CENTRE[0]), float(CENTRE[1]))
    return Centring((row, col), target, bool(abs(row - target[0]) <= 0.5 and abs(col - target[1]) <= 0.5))
