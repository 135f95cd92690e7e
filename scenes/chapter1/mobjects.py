"""Chapter 1's own pictures, built from nnmath objects and MNIST pixels.

- :func:`mnist_diagram`: the trained network's diagram at the chapter's height.
- :func:`digit_of`: a real test or training digit as a framed image.
- :func:`neuron_holders`: neurons drawn as circles that hold their number.
- :func:`pixel_square`: the corner points of one highlighted pixel.
- :func:`digit_breakdown`: "digit = part + part", parts cut from the real digit.
- :func:`sobel_maps`: a digit beside its Sobel edge maps.
- :class:`NeuronFavourites`: one hidden neuron's weights and the digits that excite it most.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, RIGHT, Circle, DecimalNumber, ManimColor, MathTex, Tex, VGroup
from numpy.typing import NDArray

from nnmath import Network
from nnmath.mnist import IMAGE_SIDE
from scenes.chapter1.measures import ink_mask, masked, sobel_edges
from scenes.common import data
from scenes.common.digit import DigitImage, WeightHeatMap
from scenes.common.layout import CAPTION_BAND_TOP, SMALL_BUFF
from scenes.common.measures import TopExciting
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREY_B, RED, WHITE

__all__ = ["CONTENT_Y", "DIAGRAM_HEIGHT", "EDGE_KEEP", "mnist_diagram", "digit_of", "neuron_holders",
           "pixel_square", "digit_breakdown", "sobel_maps", "NeuronFavourites"]

#: Middle height of what is left above the caption band (the frame's top margin is 0.3).
CONTENT_Y = (CAPTION_BAND_TOP + 4.0 - 0.3) / 2
#: Height of the full 784-16-16-10 diagram when it fills the height above the caption band.
DIAGRAM_HEIGHT = 6.0
#: Fraction of each matrix's edges drawn in busy beats (the strongest ones).
EDGE_KEEP = 0.3


def mnist_diagram(height: float = DIAGRAM_HEIGHT, **kwargs: object) -> NetworkDiagram:
    """The trained network's diagram, scaled to ``height``, centred above the caption band."""
    diagram = NetworkDiagram.from_network(data.network(), **kwargs)
    diagram.scale_to_fit_height(height).set_y(CONTENT_Y)
    return diagram


def digit_of(split: data.Split, index: int, size: float = 2.5, frame: ManimColor = GREY_B) -> DigitImage:
    """A real MNIST digit as a mobject."""
    return DigitImage(data.digit(split, index), size=size, frame_color=frame)


def neuron_holders(values: NDArray[np.float64]) -> VGroup:
    """One circle per value, filled as bright as the value, with the value written in or below it."""
    group = VGroup()
    for a in values:
        circle = Circle(radius=0.6, stroke_color=WHITE, fill_color=WHITE, fill_opacity=float(a))
        number = DecimalNumber(float(a), num_decimal_places=2, font_size=40,
                               color=WHITE if a <= 0.8 else "#000000").move_to(circle)
        if a <= 0.8:
            number.next_to(circle, DOWN)
        group.add(VGroup(circle, number))
    return group.arrange(RIGHT, buff=1.5)


def pixel_square(center: NDArray[np.float64], side: float) -> list[NDArray[np.float64]]:
    """The closed corner path of a square of ``side`` around ``center`` (for ``set_points_as_corners``)."""
    h = side / 2
    return [center + np.array(p) for p in ([-h, h, 0], [h, h, 0], [h, -h, 0], [-h, -h, 0], [-h, h, 0])]


def digit_breakdown(pixels: NDArray[np.float64], masks: Sequence[NDArray[np.bool_] | None],
                    first: str, second: str) -> VGroup:
    """digit = part + part; ``None`` in ``masks`` means "the ink left over".

    The group is ``[whole, "=", [part, label], "+", [part, label]]``.
    """
    ink = ink_mask(pixels)
    used = np.zeros_like(ink)
    parts = []
    for mask in masks[:2]:
        if mask is None:
            mask = ink & ~used
        used |= mask
        parts.append(DigitImage(masked(pixels, mask), size=1.6, frame_color=GREY_B))
    while len(parts) < 2:  # a digit without the expected loops: show nothing rather than fake it
        parts.append(DigitImage(np.zeros(IMAGE_SIDE * IMAGE_SIDE), size=1.6))
    labels = [Tex(t, font_size=24, color=GREY_B) for t in (first, second)]
    for p, l in zip(parts, labels):
        l.next_to(p, DOWN, buff=SMALL_BUFF)
    whole = DigitImage(pixels, size=1.6)
    return VGroup(whole, MathTex("="), VGroup(parts[0], labels[0]), MathTex("+"),
                  VGroup(parts[1], labels[1])).arrange(RIGHT, buff=0.35)


def sobel_maps(digit: NDArray[np.float64]) -> VGroup:
    """The digit, its left-right and up-down Sobel changes and their magnitude, each labelled."""
    edges = sobel_edges(digit)
    maps = VGroup(
        VGroup(DigitImage(digit, size=2.2), Tex("digit", font_size=24)),
        VGroup(WeightHeatMap(edges.gx, positive=BLUE, negative=RED, size=2.2),
               Tex(r"left-right change", font_size=24)),
        VGroup(WeightHeatMap(edges.gy, positive=BLUE, negative=RED, size=2.2),
               Tex(r"up-down change", font_size=24)),
        VGroup(WeightHeatMap(edges.magnitude, positive=WHITE, size=2.2), Tex("edges", font_size=24)),
    )
    for m in maps:
        m[1].next_to(m[0], DOWN, buff=SMALL_BUFF)
    return maps.arrange(RIGHT, buff=0.5)


class NeuronFavourites(VGroup):
    """One neuron of the first hidden layer: its name, its incoming weights, and the images it likes most.

    Parameters
    ----------
    net : Network
        The network whose ``weights[0]`` row is drawn.
    images : (m, n_0) ndarray
        The candidate images ``top`` ranked.
    top : TopExciting
        Ranking of ``images`` for first-hidden-layer neurons including ``neuron``.
    neuron : int
        Which neuron.

    Attributes
    ----------
    neuron : int
    indices : (k,) ndarray of int
        Rows of ``images`` drawn, most exciting first.
    values : list of DecimalNumber
        The activation written under each drawn image (``.get_value()``).
    """

    def __init__(self, net: Network, images: NDArray[np.float64], top: TopExciting, neuron: int) -> None:
        super().__init__()
        self.neuron = neuron
        self.indices = top.indices_of(neuron)
        weights = WeightHeatMap(net.weights[0][neuron], positive=BLUE, negative=RED, size=1.6)
        name = Tex(f"neuron {neuron}", font_size=24).next_to(weights, LEFT, buff=0.2)
        cells = VGroup()
        self.values: list[DecimalNumber] = []
        for i, a in zip(self.indices, top.activations_of(neuron)):
            d = DigitImage(images[i], size=1.3)
            value = DecimalNumber(float(a), num_decimal_places=2, font_size=24).next_to(d, DOWN, buff=0.06)
            self.values.append(value)
            cells.add(VGroup(d, value))
        cells.arrange(RIGHT, buff=0.2).next_to(weights, RIGHT, buff=0.6)
        self.add(name, weights, cells)
