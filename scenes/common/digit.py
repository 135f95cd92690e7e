"""A 28x28 digit drawn from real MNIST pixels, and 28x28 weight maps.

* :class:`DigitImage`: a digit as a few paths (one per opacity level, rows
  merged into runs) plus a frame: the cheap way to show many digits
  (thumbnails, test grids). (Not an ``ImageMobject``: manim 0.22's Cairo
  camera fails on images with Pillow 13.)
* :class:`PixelGrid`: pixels as squares grouped by value into a few VMobjects
  (one path per distinct pixel value), optionally with every value written in
  its pixel; it can turn into circles (:meth:`PixelGrid.to_neurons`) for the
  pixels-become-neurons beat, one ``Transform`` per value group.
* :class:`WeightHeatMap`: a 28x28 map of weights, GREEN/BLUE positive and RED
  negative, brightness ``(|w| / max|w|)^gamma``.
"""
from __future__ import annotations

import numpy as np
from manim import (ORIGIN, UP, LEFT, AnimationGroup, ManimColor, Square, Text, Transform, VGroup, VMobject)
from numpy.typing import ArrayLike, NDArray

from nnmath.mnist import IMAGE_SIDE

from .layout import DIGIT_SIZE, FRAME_STROKE
from .palette import BLACK, GREEN, GREY_B, RED, WHITE

__all__ = ["SIDE", "as_pixels", "CellMap", "DigitImage", "PixelGrid", "WeightHeatMap", "square_points",
           "circle_points"]

#: Pixels along a digit's side (:data:`nnmath.mnist.IMAGE_SIDE`, the project's one 28).
SIDE = IMAGE_SIDE
_KAPPA = 0.5522847498307936  # cubic Bezier quarter circle


def as_pixels(pixels: ArrayLike) -> NDArray[np.float64]:
    """``pixels`` as a (28, 28) float array (accepts (784,) too); ValueError otherwise."""
    a = np.asarray(pixels, dtype=np.float64)
    if a.shape == (SIDE * SIDE,):
        a = a.reshape(SIDE, SIDE)
    if a.shape != (SIDE, SIDE):
        raise ValueError(f"pixels have shape {a.shape}; expected (784,) or (28, 28)")
    if not np.all(np.isfinite(a)):
        raise ValueError("pixels hold NaN or infinite values")
    return a


def _run_rectangles(mask: NDArray[np.bool_], cell: float) -> NDArray[np.float64]:
    """Bezier points of one rectangle per horizontal run of True cells (grid centred on the origin)."""
    pts = []
    half = SIDE * cell / 2
    for r in range(SIDE):
        row = np.concatenate([[False], mask[r], [False]])
        changes = np.flatnonzero(row[1:] != row[:-1])
        for c0, c1 in zip(changes[0::2], changes[1::2]):
            x0, x1 = -half + c0 * cell, -half + c1 * cell
            y0, y1 = half - r * cell, half - (r + 1) * cell
            corners = np.array([[x0, y0, 0], [x1, y0, 0], [x1, y1, 0], [x0, y1, 0], [x0, y0, 0]])
            for a, b in zip(corners[:-1], corners[1:]):
                pts.extend([a, a + (b - a) / 3, a + 2 * (b - a) / 3, b])
    return np.array(pts) if pts else np.zeros((0, 3))


class CellMap(VGroup):
    """A 28x28 map of coloured cells, drawn as one path per (colour, opacity level).

    Cells of a row with the same look are merged into one rectangle, so a digit
    is a few dozen paths instead of 784 squares (fast to draw and to move).

    Parameters
    ----------
    strengths : (28, 28) ndarray
        Opacity of each cell in [0, 1], rounded to ``levels`` steps.
    colors : (28, 28) object ndarray of ManimColor
        Colour of each cell.
    size : float
    levels : int
        Opacity steps; a cell's drawn opacity is within ``0.5 / levels`` of its strength.
    frame_color : ManimColor or None

    Attributes
    ----------
    cells : VGroup of VMobject
        One path per look; ``cell_keys[i]`` is its ``(hex colour, opacity)``.
    frame : Square or None
    """

    def __init__(self, strengths: NDArray[np.float64], colors: NDArray[np.object_], size: float,
                 levels: int = 32, frame_color: ManimColor | None = GREY_B) -> None:
        super().__init__()
        if strengths.shape != (SIDE, SIDE) or colors.shape != (SIDE, SIDE):
            raise ValueError(f"strengths {strengths.shape} and colors {colors.shape} must be (28, 28)")
        self.size = size
        self.levels = levels
        q = np.round(np.clip(strengths, 0, 1) * levels).astype(int)
        hexes = np.vectorize(lambda c: ManimColor(c).to_hex())(colors)
        self.cells = VGroup()
        self.cell_keys: list[tuple[str, float]] = []
        self.cell_masks: list[NDArray[np.bool_]] = []
        for key in sorted({(h, int(v)) for h, v in zip(hexes.ravel(), q.ravel()) if v > 0}):
            mask = (hexes == key[0]) & (q == key[1])
            path = VMobject(fill_color=ManimColor(key[0]), fill_opacity=key[1] / levels, stroke_width=0)
            path.set_points(_run_rectangles(mask, size / SIDE))
            self.cells.add(path)
            self.cell_keys.append((key[0], key[1] / levels))
            self.cell_masks.append(mask)
        self.add(self.cells)
        self.frame = None
        if frame_color is not None:
            self.frame = Square(side_length=size, stroke_color=frame_color, stroke_width=FRAME_STROKE)
            self.add(self.frame)
        else:  # an invisible square keeps the map's bounding box 28x28 cells
            self.add(Square(side_length=size, stroke_opacity=0, fill_opacity=0))

    def drawn_opacities(self) -> NDArray[np.float64]:
        """(28, 28) fill opacity of every cell as drawn (0 for empty cells)."""
        out = np.zeros((SIDE, SIDE))
        for path, mask in zip(self.cells, self.cell_masks):
            out[mask] = path.get_fill_opacity()
        return out

    def cell_center(self, row: int, col: int) -> NDArray[np.float64]:
        """Centre of cell ``(row, col)`` in frame coordinates (follows moves and scales)."""
        box = self.submobjects[-1]
        cell = box.width / SIDE
        corner = box.get_corner(UP + LEFT)
        return corner + np.array([(col + 0.5) * cell, -(row + 0.5) * cell, 0.0])


class DigitImage(CellMap):
    """A digit, white with opacity = pixel value (rounded to 1/32), in a frame.

    Parameters
    ----------
    pixels : (784,) or (28, 28) ndarray
        Values in [0, 1].
    size : float
        Side length in frame units.
    frame_color : ManimColor or None
        GREY_B or BLUE frame; None for no frame.

    Attributes
    ----------
    pixels : (28, 28) ndarray
        The values given.
    """

    def __init__(self, pixels: ArrayLike, size: float = DIGIT_SIZE,
                 frame_color: ManimColor | None = GREY_B, levels: int = 32) -> None:
        self.pixels = as_pixels(pixels)
        colors = np.empty((SIDE, SIDE), dtype=object)
        colors[:] = WHITE
        super().__init__(self.pixels, colors, size, levels, frame_color)

    def drawn_pixels(self) -> NDArray[np.float64]:
        """The (28, 28) values as drawn (fill opacities)."""
        return self.drawn_opacities()


def square_points(centers: NDArray[np.float64], side: float) -> NDArray[np.float64]:
    """Bezier points of axis-aligned squares, 4 straight cubic curves each, ``(16 m, 3)``."""
    h = side / 2
    corners = np.array([[-h, h, 0], [h, h, 0], [h, -h, 0], [-h, -h, 0], [-h, h, 0]])
    pts = []
    for a, b in zip(corners[:-1], corners[1:]):
        pts.extend([a, a + (b - a) / 3, a + 2 * (b - a) / 3, b])
    unit = np.array(pts)
    return (centers[:, None, :] + unit[None, :, :]).reshape(-1, 3)


def circle_points(centers: NDArray[np.float64], radius: ArrayLike) -> NDArray[np.float64]:
    """Bezier points of circles as 4 cubic quarter arcs each (aligned with :func:`square_points`).

    ``radius`` is one number or one per centre, ``(m,)``; radius 0 gives a point.
    """
    angles = np.array([3, 1, -1, -3]) * np.pi / 4
    pts = []
    for i in range(4):
        a0, a1 = angles[i], angles[i] - np.pi / 2
        p0 = np.array([np.cos(a0), np.sin(a0), 0])
        p3 = np.array([np.cos(a1), np.sin(a1), 0])
        t0 = np.array([np.sin(a0), -np.cos(a0), 0])  # clockwise tangent
        t1 = np.array([np.sin(a1), -np.cos(a1), 0])
        pts.extend([p0, p0 + _KAPPA * t0, p3 - _KAPPA * t1, p3])
    unit = np.array(pts)
    r = np.broadcast_to(np.asarray(radius, dtype=np.float64), (len(centers),))
    return (centers[:, None, :] + r[:, None, None] * unit[None, :, :]).reshape(-1, 3)


class PixelGrid(VGroup):
    """A digit as 28x28 squares, white with opacity = pixel value, grouped by value.

    Parameters
    ----------
    pixels : (784,) or (28, 28) ndarray
        Values in [0, 1].
    size : float
        Side of the whole grid.
    show_values : bool
        Write each pixel's value in it (``num_decimal_places`` decimals); legible
        only when the grid is large or zoomed.
    include_zeros : bool
        Draw zero pixels too (as empty squares with a faint outline) so every one
        of the 784 pixels exists as a shape (needed by :meth:`to_neurons`).
    frame_color : ManimColor or None

    Attributes
    ----------
    pixels : (28, 28) ndarray
    groups : VGroup of VMobject
        One path per distinct pixel value; ``group_values[i]`` is its value and
        ``group_members[i]`` the flat pixel indices (row-major) it draws.
    values : VGroup of VMobject or None
        The written values (one path per distinct text and colour), when ``show_values``.
    value_texts : list of str
        The text written in each pixel, row-major (when ``show_values``).
    """

    def __init__(self, pixels: ArrayLike, size: float = DIGIT_SIZE, show_values: bool = False,
                 num_decimal_places: int = 1, include_zeros: bool = True,
                 frame_color: ManimColor | None = GREY_B, outline_opacity: float = 0.25) -> None:
        super().__init__()
        self.pixels = as_pixels(pixels)
        self.size = size
        self.cell = size / SIDE
        rows, cols = np.meshgrid(np.arange(SIDE), np.arange(SIDE), indexing="ij")
        self.centers = np.stack([(cols.ravel() - (SIDE - 1) / 2) * self.cell,
                                 ((SIDE - 1) / 2 - rows.ravel()) * self.cell,
                                 np.zeros(SIDE * SIDE)], axis=1)
        flat = self.pixels.ravel()
        self.groups = VGroup()
        self.group_values: list[float] = []
        self.group_members: list[NDArray[np.int64]] = []
        for value in np.unique(flat):
            if value <= 0 and not include_zeros:
                continue
            members = np.flatnonzero(flat == value)
            path = VMobject(fill_color=WHITE, fill_opacity=float(np.clip(value, 0, 1)),
                            stroke_color=GREY_B, stroke_width=0.5,
                            stroke_opacity=outline_opacity if value <= 0 else 0.0)
            path.set_points(square_points(self.centers[members], self.cell))
            self.groups.add(path)
            self.group_values.append(float(value))
            self.group_members.append(members)
        self.add(self.groups)
        self.values = None
        if show_values:
            self.values = self._value_labels(flat, num_decimal_places)
            self.add(self.values)
        self.frame = None
        if frame_color is not None:
            self.frame = Square(side_length=size, stroke_color=frame_color, stroke_width=FRAME_STROKE)
            self.add(self.frame)

    def _value_labels(self, flat: NDArray[np.float64], places: int) -> VGroup:
        """Each distinct written value is one path holding its glyphs at every pixel that shows it."""
        self.value_texts = [f"{v:.{places}f}" for v in flat]
        labels = VGroup()
        for text in sorted(set(self.value_texts)):
            members = [i for i, t in enumerate(self.value_texts) if t == text]
            for dark in (False, True):
                chosen = [i for i in members if (flat[i] > 0.5) == dark]
                if not chosen:
                    continue
                proto = Text(text, font_size=24)
                proto.set(width=0.75 * self.cell).move_to(ORIGIN)
                glyphs = np.concatenate([g.points for g in proto.family_members_with_points()])
                path = VMobject(fill_color=BLACK if dark else GREY_B, fill_opacity=1, stroke_width=0)
                path.set_points(np.concatenate([glyphs + self.centers[i] for i in chosen]))
                labels.add(path)
        return labels

    def pixel_center(self, row: int, col: int) -> NDArray[np.float64]:
        """Where pixel ``(row, col)`` is now (follows moves and scales of the grid)."""
        flat = row * SIDE + col
        for path, members in zip(self.groups, self.group_members):
            where = np.flatnonzero(members == flat)
            if where.size:
                return path.points[16 * where[0] : 16 * where[0] + 16].mean(axis=0)
        raise ValueError(f"pixel ({row}, {col}) is not drawn (zero pixels were left out)")

    def drawn_pixels(self) -> NDArray[np.float64]:
        """The (28, 28) fill opacities as drawn (0 where a pixel is not drawn)."""
        out = np.zeros(SIDE * SIDE)
        for path, members in zip(self.groups, self.group_members):
            out[members] = path.get_fill_opacity()
        return out.reshape(SIDE, SIDE)

    def to_neurons(self, centers: ArrayLike, radius: ArrayLike, **kwargs: object) -> AnimationGroup:
        """Animation: every pixel square becomes a circle at ``centers[pixel]`` (row-major, (784, 3)).

        ``radius`` is one number or one per pixel ``(784,)`` (0 shrinks a pixel
        to a point). The circles keep the pixel's fill opacity and gain a white
        outline; the frame fades out.
        """
        targets = np.asarray(centers, dtype=np.float64)
        if targets.shape != (SIDE * SIDE, 3):
            raise ValueError(f"centers have shape {targets.shape}; expected (784, 3)")
        radii = np.broadcast_to(np.asarray(radius, dtype=np.float64), (SIDE * SIDE,))
        anims = []
        for path, members in zip(self.groups, self.group_members):
            target = path.copy()
            target.set_points(circle_points(targets[members], radii[members]))
            target.set_stroke(WHITE, width=1, opacity=1)
            anims.append(Transform(path, target))
        if self.frame is not None:
            anims.append(self.frame.animate.set_stroke(opacity=0))
        return AnimationGroup(*anims, **kwargs)


class WeightHeatMap(CellMap):
    """A 28x28 map of one neuron's weights: positive/negative colour, opacity by size.

    Parameters
    ----------
    weights : (784,) or (28, 28) ndarray
    positive, negative : ManimColor
        GREEN/RED in chapter 1's close-ups, BLUE/RED elsewhere.
    gamma : float
        Opacity is ``(|w| / max|w|)^gamma`` (chapter 2 uses 0.3 to show faint weights).
    size : float
    frame_color : ManimColor or None

    Attributes
    ----------
    weights : (28, 28) ndarray
    """

    def __init__(self, weights: ArrayLike, positive: ManimColor = GREEN, negative: ManimColor = RED,
                 gamma: float = 1.0, size: float = DIGIT_SIZE,
                 frame_color: ManimColor | None = GREY_B, levels: int = 16) -> None:
        self.weights = as_pixels(weights)
        top = float(np.max(np.abs(self.weights)))
        strength = (np.abs(self.weights) / top) ** gamma if top > 0 else np.zeros_like(self.weights)
        colors = np.empty((SIDE, SIDE), dtype=object)
        colors[:] = negative
        colors[self.weights > 0] = positive
        super().__init__(strength, colors, size, levels, frame_color)
