"""Chapter 3's own mobjects: wish arrows, a column of neurons, the cost map image, a parameter column.

Each remembers the numbers it was built from (``values``) so tests compare
them with :mod:`nnmath` without reading pixels.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, UP, Arrow, Circle, DecimalNumber, ManimColor, MathTex, Rectangle, VGroup, VMobject)
from manim.utils.bezier import interpolate
from numpy.typing import ArrayLike, NDArray

from scenes.chapter3.data import DescentMap
from scenes.common.formatting import tex_count
from scenes.common.layout import NEURON_RADIUS, NEURON_STROKE, SMALL_FONT_SIZE
from scenes.common.palette import BLUE, RED, WHITE, activation_opacity
from scenes.common.valued_tex import Num, ValuedTex

__all__ = ["WishArrows", "NeuronColumn", "cost_bands", "CostMap", "map_size", "MIN_ARROW",
           "ParameterColumn", "Count"]

#: Arrows shorter than this (frame units) are drawn as nothing: the wish rounds to "no change".
MIN_ARROW = 0.04


class WishArrows(VGroup):
    """Vertical arrows, one per neuron: up (BLUE) for a positive wish, down (RED) for a negative one.

    Parameters
    ----------
    centers : (k, 3) array
        Where each arrow is centred.
    values : (k,) array
        The wishes (e.g. ``Nudges.wanted[l]``: ``2(y - a)`` at the output).
    max_length : float
        Length of the arrow of the largest ``|value|`` (at ``scale``).
    scale : float, optional
        The ``|value|`` drawn ``max_length`` long (default: the largest ``|value|``),
        so several groups can share one scale.

    Attributes
    ----------
    values : (k,) ndarray
        The wishes drawn.
    lengths : (k,) ndarray
        Each arrow's length, ``max_length * |value| / scale``.
    arrows : list of VMobject
        Each neuron's arrow (an empty VMobject when shorter than :data:`MIN_ARROW`).
    """

    def __init__(self, centers: ArrayLike, values: ArrayLike, max_length: float,
                 scale: float | None = None, stroke_width: float = 5.0) -> None:
        super().__init__()
        self.values = np.asarray(values, dtype=np.float64).copy()
        pts = np.asarray(centers, dtype=np.float64)
        if pts.shape != (self.values.size, 3):
            raise ValueError(f"centers have shape {pts.shape}; expected ({self.values.size}, 3)")
        top = float(np.max(np.abs(self.values))) if scale is None else float(scale)
        if not top > 0:
            raise ValueError("every wish is 0 (or scale <= 0): nothing to draw")
        self.scale_value = top
        self.lengths = max_length * np.abs(self.values) / top
        self.arrows: list[VMobject] = []
        for p, v, length in zip(pts, self.values, self.lengths):
            if length < MIN_ARROW:
                arrow: VMobject = VMobject()
                arrow.move_to(p)
            else:
                direction = UP if v > 0 else DOWN
                arrow = Arrow(p - direction * length / 2, p + direction * length / 2, buff=0,
                              color=BLUE if v > 0 else RED, stroke_width=stroke_width,
                              max_tip_length_to_length_ratio=0.4, max_stroke_width_to_length_ratio=40)
            self.arrows.append(arrow)
            self.add(arrow)

    def signs(self) -> NDArray[np.int64]:
        """+1 for an up arrow, -1 for a down arrow, 0 where nothing is drawn."""
        drawn = self.lengths >= MIN_ARROW
        return np.where(drawn, np.sign(self.values), 0).astype(np.int64)


class NeuronColumn(VGroup):
    """A column of neurons filled with opacity = activation, optionally with values written beside.

    Parameters
    ----------
    activations : (k,) array
        One value per neuron, top to bottom.
    spacing : float
        Centre-to-centre distance.
    radius : float
    values_side : ndarray (direction) or None
        Write each activation (2 decimals) on this side of its neuron.

    Attributes
    ----------
    activations : (k,) ndarray
    circles : VGroup of Circle
    labels : VGroup of DecimalNumber (empty when no values are written)
    """

    def __init__(self, activations: ArrayLike, spacing: float, radius: float = NEURON_RADIUS,
                 values_side: np.ndarray | None = None, font_size: float = SMALL_FONT_SIZE) -> None:
        super().__init__()
        self.activations = np.asarray(activations, dtype=np.float64).copy()
        self.circles = VGroup(*[
            Circle(radius=radius, stroke_color=WHITE, stroke_width=NEURON_STROKE,
                   fill_color=WHITE, fill_opacity=float(o))
            for o in activation_opacity(self.activations)
        ])
        for i, c in enumerate(self.circles):
            c.move_to(DOWN * i * spacing)
        self.labels = VGroup()
        if values_side is not None:
            for c, a in zip(self.circles, self.activations):
                label = DecimalNumber(a, num_decimal_places=2, font_size=font_size)
                label.next_to(c, values_side, buff=0.1)
                self.labels.add(label)
        self.add(self.circles, self.labels)
        self.center()

    def centers(self) -> NDArray[np.float64]:
        """Centres ``(k, 3)`` of the circles, where they are now."""
        return np.array([c.get_center() for c in self.circles])


def cost_bands(grid_costs: ArrayLike, upsample: int = 4, levels: int = 12) -> NDArray[np.int64]:
    """Band index of every cell of a finer grid: log-cost interpolated bilinearly, cut into ``levels``.

    Parameters
    ----------
    grid_costs : (g_v, g_u) array
        Costs on the grid, row 0 at the bottom (``v`` ascending).
    upsample : int
        Cells per grid step along each axis.
    levels : int
        Bands, equal steps of ``log C`` from the grid's min (band 0) to its max (band ``levels - 1``).

    Returns
    -------
    ((g_v - 1) * upsample + 1, (g_u - 1) * upsample + 1) int ndarray
        Row 0 at the bottom, like ``grid_costs``.
    """
    c = np.log(np.asarray(grid_costs, dtype=np.float64))
    if c.ndim != 2 or min(c.shape) < 2 or not np.all(np.isfinite(c)):
        raise ValueError(f"grid_costs must be a 2-D grid of positive costs, at least 2x2; got {c.shape}")
    gv, gu = c.shape
    rows = np.linspace(0, gv - 1, (gv - 1) * upsample + 1)
    cols = np.linspace(0, gu - 1, (gu - 1) * upsample + 1)
    r0 = np.minimum(np.floor(rows).astype(int), gv - 2)
    c0 = np.minimum(np.floor(cols).astype(int), gu - 2)
    fr, fc = (rows - r0)[:, None], (cols - c0)[None, :]
    fine = ((1 - fr) * (1 - fc) * c[r0][:, c0] + (1 - fr) * fc * c[r0][:, c0 + 1]
            + fr * (1 - fc) * c[r0 + 1][:, c0] + fr * fc * c[r0 + 1][:, c0 + 1])
    t = (fine - c.min()) / max(c.max() - c.min(), 1e-12)
    return np.minimum(np.floor(t * levels), levels - 1).astype(np.int64)


def _band_rectangles(mask: NDArray[np.bool_], cell_w: float, cell_h: float) -> NDArray[np.float64]:
    """Bezier points of one rectangle per horizontal run of True cells (row 0 at the bottom)."""
    pts = []
    for r, row in enumerate(mask):
        padded = np.concatenate([[False], row, [False]])
        edges = np.flatnonzero(padded[1:] != padded[:-1])
        for a, b in zip(edges[0::2], edges[1::2]):
            x0, x1, y0, y1 = a * cell_w, b * cell_w, r * cell_h, (r + 1) * cell_h
            corners = np.array([[x0, y1, 0], [x1, y1, 0], [x1, y0, 0], [x0, y0, 0], [x0, y1, 0]])
            for p, q in zip(corners[:-1], corners[1:]):
                pts.extend([p, p + (q - p) / 3, p + 2 * (q - p) / 3, q])
    return np.array(pts)


class CostMap(VGroup):
    """The cost on a plane as colour bands (blue low, red high), framed, mapping plane coordinates to the frame.

    Vector paths, one per band (ImageMobject does not render with this Pillow).

    Parameters
    ----------
    grid_u, grid_v : (g,) arrays
        Coordinates of the grid columns and rows.
    grid_costs : (g_v, g_u) array
        The cost at each grid point.
    width, height : float
        Size on screen.
    levels : int
        Colour bands (equal steps of log cost).

    Attributes
    ----------
    bands : VGroup
        One filled path per band present.
    frame : VMobject
        The border; plane coordinates map onto it (:meth:`to_point`).
    grid_costs : ndarray
    """

    def __init__(self, grid_u: ArrayLike, grid_v: ArrayLike, grid_costs: ArrayLike,
                 width: float, height: float, levels: int = 12, low=BLUE, high=RED) -> None:
        super().__init__()
        self.grid_u = np.asarray(grid_u, dtype=np.float64)
        self.grid_v = np.asarray(grid_v, dtype=np.float64)
        self.grid_costs = np.asarray(grid_costs, dtype=np.float64)
        band = cost_bands(self.grid_costs, levels=levels)
        n_rows, n_cols = band.shape
        cell_w, cell_h = width / n_cols, height / n_rows
        # each cell is centred on a point of the finer grid, so the frame reaches half a cell beyond the grid
        half_u = (self.grid_u[-1] - self.grid_u[0]) / (n_cols - 1) / 2
        half_v = (self.grid_v[-1] - self.grid_v[0]) / (n_rows - 1) / 2
        self.u_range = (self.grid_u[0] - half_u, self.grid_u[-1] + half_u)
        self.v_range = (self.grid_v[0] - half_v, self.grid_v[-1] + half_v)
        self.bands = VGroup()
        for level in range(levels):
            mask = band == level
            if not mask.any():
                continue
            t = level / max(levels - 1, 1)
            color = ManimColor(interpolate(np.array(low.to_rgb()), np.array(high.to_rgb()), t) * 0.6)
            path = VMobject(fill_color=color, fill_opacity=1.0, stroke_width=0)
            path.set_points(_band_rectangles(mask, cell_w, cell_h))
            self.bands.add(path)
        self.frame = Rectangle(width=width, height=height, stroke_color=WHITE, stroke_width=1.5)
        self.frame.move_to([width / 2, height / 2, 0])
        self.add(self.bands, self.frame)
        self.center()

    def to_point(self, uv: ArrayLike) -> NDArray[np.float64]:
        """Frame points ``(k, 3)`` of plane coordinates ``(k, 2)`` (follows the frame's position)."""
        uv = np.atleast_2d(np.asarray(uv, dtype=np.float64))
        left, right = self.frame.get_left()[0], self.frame.get_right()[0]
        bottom, top = self.frame.get_bottom()[1], self.frame.get_top()[1]
        (u0, u1), (v0, v1) = self.u_range, self.v_range
        x = left + (uv[:, 0] - u0) / (u1 - u0) * (right - left)
        y = bottom + (uv[:, 1] - v0) / (v1 - v0) * (top - bottom)
        return np.stack([x, y, np.zeros_like(x)], axis=1)


def map_size(m: DescentMap, box: float) -> tuple[float, float]:
    """Width and height of the cost map inside a ``box`` x ``box`` square, one unit of u = one unit of v."""
    aspect = (m.grid_v[-1] - m.grid_v[0]) / (m.grid_u[-1] - m.grid_u[0])
    return (box, box * aspect) if aspect <= 1 else (box / aspect, box)


class ParameterColumn(VGroup):
    """Some entries of a flat parameter-length vector, each named, with vertical dots between.

    Parameters
    ----------
    names : sequence of str
        LaTeX name of each entry (e.g. ``scenes.chapter3.data.name_tex(i)``).
    values : (k,) array
        The entries shown.
    significant : int
        Significant digits of each number.

    Attributes
    ----------
    values : (k,) ndarray
    rows : list of ValuedTex
        ``rows[i].values[0]`` is ``values[i]``.
    """

    def __init__(self, names: list[str], values: ArrayLike, significant: int = 3,
                 font_size: float = SMALL_FONT_SIZE) -> None:
        super().__init__()
        self.values = np.asarray(values, dtype=np.float64).copy()
        if len(names) != self.values.size:
            raise ValueError(f"{len(names)} names for {self.values.size} values")
        self.rows: list[ValuedTex] = []
        items = []
        for i, (name, v) in enumerate(zip(names, self.values)):
            color = BLUE if v > 0 else (RED if v < 0 else WHITE)
            row = ValuedTex(name + r":\ ", Num(float(v) + 0.0, significant=significant, color=color),
                            font_size=font_size)
            self.rows.append(row)
            items.append(row)
            if i < len(names) - 1:
                items.append(MathTex(r"\vdots", font_size=font_size))
        body = VGroup(*items).arrange(DOWN, buff=0.12)
        for row in self.rows:
            row.align_to(body, LEFT)
        self.add(body)


class Count(Num):
    """A whole number typeset with thousands separators (``200{,}000``)."""

    def tex(self) -> str:
        return tex_count(int(round(self.value)))
