"""The own-digit clip's pictures: a grey picture of any shape, the centring marks, the edge of one weight,
and small text helpers."""
from __future__ import annotations

import numpy as np
from manim import UP, LEFT, Cross, DashedVMobject, DecimalNumber, Line, MathTex, Mobject, Rectangle, Square, \
    VGroup, VMobject
from numpy.typing import NDArray

from nnmath import ChainRule
from nnmath.mnist import IMAGE_SIDE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import GREY_B, RED, WHITE, YELLOW

__all__ = ["PICTURE_LEVELS", "GreyPicture", "centring_marks", "edge_mark", "ring", "parenthesised", "short_name",
           "tex_escape"]

#: Grey levels a picture is drawn with.
PICTURE_LEVELS = 16


class GreyPicture(VGroup):
    """A grey picture of any shape, one path per grey level, white with opacity = level.

    Parameters
    ----------
    pixels : (h, w) ndarray
        Values in [0, 1].
    height : float
        Height of the drawn picture in frame units.
    levels : int
        Grey levels drawn (each pixel within ``0.5 / levels`` of its value).
    frame_color : ManimColor or None

    Attributes
    ----------
    pixels : (h, w) ndarray
        The values given.
    cell : float
        Side of one pixel in frame units (before any later scaling).
    frame : Rectangle
        The outline (invisible if ``frame_color`` is None); it keeps the bounding box.
    """

    def __init__(self, pixels: NDArray[np.float64], height: float, levels: int = PICTURE_LEVELS,
                 frame_color=GREY_B) -> None:
        super().__init__()
        self.pixels = np.clip(np.asarray(pixels, dtype=np.float64), 0.0, 1.0)
        if self.pixels.ndim != 2 or self.pixels.size == 0:
            raise ValueError(f"a picture needs a non-empty 2-D array; got shape {self.pixels.shape}")
        rows, cols = self.pixels.shape
        self.cell = height / rows
        quantised = np.round(self.pixels * levels).astype(int)
        for level in range(1, levels + 1):
            points = self._run_points(quantised == level)
            if len(points):
                path = VMobject(fill_color=WHITE, fill_opacity=level / levels, stroke_width=0)
                path.set_points(points)
                self.add(path)
        self.frame = Rectangle(width=cols * self.cell, height=rows * self.cell,
                               stroke_color=frame_color or WHITE, stroke_width=2,
                               stroke_opacity=0.0 if frame_color is None else 1.0)
        self.add(self.frame)

    def _run_points(self, mask: NDArray[np.bool_]) -> NDArray[np.float64]:
        rows, cols = mask.shape
        c = self.cell
        x0, y0 = -cols * c / 2, rows * c / 2
        points = []
        for r in range(rows):
            edges = np.flatnonzero(np.diff(np.concatenate([[0], mask[r].astype(np.int8), [0]])))
            for a, b in zip(edges[0::2], edges[1::2]):
                left, right, top, bottom = x0 + a * c, x0 + b * c, y0 - r * c, y0 - (r + 1) * c
                corners = [(left, top), (right, top), (right, bottom), (left, bottom), (left, top)]
                for (xa, ya), (xb, yb) in zip(corners[:-1], corners[1:]):
                    p, q = np.array([xa, ya, 0.0]), np.array([xb, yb, 0.0])
                    points.extend([p, p + (q - p) / 3, p + 2 * (q - p) / 3, q])
        return np.array(points) if points else np.zeros((0, 3))

    def box(self, top: float, bottom: float, left: float, right: float, **style: object) -> Rectangle:
        """A rectangle over pixel rows ``top:bottom`` and columns ``left:right`` (fractions allowed)."""
        corner = self.frame.get_corner(UP + LEFT)
        scale = self.frame.width / self.pixels.shape[1]
        rect = Rectangle(width=(right - left) * scale, height=(bottom - top) * scale, **style)
        rect.move_to(corner + np.array([(left + right) / 2 * scale, -(top + bottom) / 2 * scale, 0.0]))
        return rect


def centring_marks(digit: Mobject, offset: tuple[int, int], box_side: int,
                   centre: tuple[float, float]) -> VGroup:
    """On a drawn 28x28 ``digit``: the fitted box as placed (dashed, at ``offset``) and the centre of mass (a cross).

    ``centre`` is ``(row, column)`` in pixel indices (0-based, a pixel's centre at ``index + 0.5`` of the side).
    """
    top, left = offset
    cell = digit.width / IMAGE_SIDE
    corner = digit.get_corner(UP + LEFT)
    box = Square(side_length=box_side * cell, stroke_color=YELLOW, stroke_width=2)
    half = box_side / 2
    box.move_to(corner + np.array([(left + half) * cell, -(top + half) * cell, 0.0]))
    row, col = centre
    mark = corner + np.array([(col + 0.5) * cell, -(row + 0.5) * cell, 0.0])
    return VGroup(DashedVMobject(box, num_dashes=40),
                  Cross(stroke_color=RED, stroke_width=4, scale_factor=0.14).move_to(mark))


def ring(diagram: NetworkDiagram, layer: int, index: int, color=YELLOW) -> VMobject:
    """A ring over neuron ``index`` of ``layer``."""
    return diagram.neuron(layer, index).copy().set_fill(opacity=0).set_stroke(color, width=4)


def edge_mark(diagram: NetworkDiagram, c: ChainRule) -> VMobject:
    """A yellow line on the edge of ``c``'s weight if both its neurons are drawn, else a ring on neuron j."""
    try:
        start = diagram.neuron(c.layer, c.k)
    except ValueError:
        return ring(diagram, c.layer + 1, c.j)
    end = diagram.neuron(c.layer + 1, c.j)
    return VGroup(Line(start.get_center(), end.get_center(), stroke_color=YELLOW, stroke_width=5),
                  ring(diagram, c.layer, c.k), ring(diagram, c.layer + 1, c.j))


def parenthesised(number: DecimalNumber) -> list[VMobject]:
    """``(``, the number, ``)``: a negative factor in a product."""
    return [MathTex("(", font_size=36), number, MathTex(")", font_size=36)]


def short_name(name: str, most: int = 28) -> str:
    """``name`` in ASCII (others become ``?``), shortened in the middle to ``most`` characters."""
    ascii_name = name.encode("ascii", "replace").decode("ascii")
    if len(ascii_name) <= most:
        return ascii_name
    keep = (most - 3) // 2
    return ascii_name[:keep] + "..." + ascii_name[-keep:]


def tex_escape(text: str) -> str:
    """``text`` safe inside LaTeX (file names with ``_``, ``%``, ``&``...)."""
    table = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "_": r"\_", "%": r"\%", "&": r"\&",
             "#": r"\#", "$": r"\$", "^": r"\^{}", "~": r"\~{}"}
    return "".join(table.get(ch, ch) for ch in text)
