"""Columns and matrices of real numbers, which remember the values they show.

Tests read ``values`` / ``shown_values()`` and compare them to :mod:`nnmath`.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, DecimalNumber, MathTex, VGroup)
from numpy.typing import ArrayLike, NDArray

from .palette import WHITE, sign_color

__all__ = ["DecimalColumn", "DecimalGrid"]


def _brackets(body: VGroup, buff: float = 0.1) -> VGroup:
    left = MathTex(r"\big[").stretch_to_fit_height(body.height + 0.2)
    right = MathTex(r"\big]").stretch_to_fit_height(body.height + 0.2)
    left.next_to(body, LEFT, buff=buff)
    right.next_to(body, RIGHT, buff=buff)
    return VGroup(left, right)


def _shown(n: int, max_rows: int | None) -> tuple[NDArray[np.int64], int | None]:
    """Indices to show and where the dots go (index into the shown list), for n values."""
    if max_rows is None or n <= max_rows:
        return np.arange(n), None
    head = (max_rows + 1) // 2
    tail = max_rows - head
    return np.concatenate([np.arange(head), np.arange(n - tail, n)]), head


class DecimalColumn(VGroup):
    """A bracketed column vector of numbers, e.g. a layer's activations.

    Parameters
    ----------
    values : (n,) array
        The full vector.
    num_decimal_places : int
    max_rows : int, optional
        Show at most this many entries: the first and last ones with dots between.
    color_by_sign : bool
        BLUE entries if > 0, RED otherwise (SCENES.md's vector convention).
    font_size : float

    Attributes
    ----------
    values : (n,) ndarray
        The full vector given.
    shown : (k,) ndarray of int
        Which entries are written.
    entries : VGroup of DecimalNumber
        The written entries, in order of ``shown``.
    dots : MathTex or None
    brackets : VGroup
    """

    def __init__(self, values: ArrayLike, num_decimal_places: int = 2, max_rows: int | None = None,
                 color_by_sign: bool = False, font_size: float = 36, row_gap: float = 0.15) -> None:
        super().__init__()
        self.values = np.asarray(values, dtype=np.float64).ravel().copy()
        if self.values.size == 0:
            raise ValueError("a DecimalColumn needs at least one value")
        self.num_decimal_places = num_decimal_places
        self.shown, dots_at = _shown(self.values.size, max_rows)
        self.entries = VGroup(*[
            DecimalNumber(float(self.values[i]), num_decimal_places=num_decimal_places,
                          font_size=font_size,
                          color=sign_color(self.values[i]) if color_by_sign else WHITE)
            for i in self.shown
        ])
        items = list(self.entries)
        self.dots = None
        if dots_at is not None:
            self.dots = MathTex(r"\vdots", font_size=font_size)
            items.insert(dots_at, self.dots)
        body = VGroup(*items).arrange(DOWN, buff=row_gap)
        for e in self.entries:
            e.align_to(body, RIGHT)
        self.brackets = _brackets(body)
        self.add(body, self.brackets)

    def shown_values(self) -> NDArray[np.float64]:
        """The numbers on screen, as the DecimalNumbers hold them."""
        return np.array([e.get_value() for e in self.entries])

    def entry(self, index: int) -> DecimalNumber:
        """The written entry of vector index ``index`` (ValueError if it is hidden behind the dots)."""
        where = np.flatnonzero(self.shown == index)
        if where.size == 0:
            raise ValueError(f"entry {index} is not shown; shown are {self.shown.tolist()}")
        return self.entries[int(where[0])]


class DecimalGrid(VGroup):
    """A bracketed matrix of numbers (e.g. a seeded 6x8 weight matrix).

    Parameters
    ----------
    values : (rows, cols) array
    num_decimal_places : int
    color_by_sign : bool
    font_size : float
    h_gap, v_gap : float
        Space between columns / rows.

    Attributes
    ----------
    values : (rows, cols) ndarray
    cells : VGroup of VGroup of DecimalNumber
        ``cells[i][j]`` shows ``values[i, j]``.
    brackets : VGroup
    """

    def __init__(self, values: ArrayLike, num_decimal_places: int = 1, color_by_sign: bool = False,
                 font_size: float = 30, h_gap: float = 0.25, v_gap: float = 0.15) -> None:
        super().__init__()
        self.values = np.asarray(values, dtype=np.float64).copy()
        if self.values.ndim != 2 or self.values.size == 0:
            raise ValueError(f"values have shape {self.values.shape}; expected a non-empty 2-D matrix")
        self.cells = VGroup(*[
            VGroup(*[DecimalNumber(float(v), num_decimal_places=num_decimal_places, font_size=font_size,
                                   color=sign_color(v) if color_by_sign else WHITE)
                     for v in row])
            for row in self.values
        ])
        width = max(c.width for row in self.cells for c in row)
        height = max(c.height for row in self.cells for c in row)
        rows, cols = self.values.shape
        for i, row in enumerate(self.cells):
            for j, cell in enumerate(row):
                cell.move_to([j * (width + h_gap), -i * (height + v_gap), 0], aligned_edge=RIGHT)
        self.brackets = _brackets(self.cells)
        self.add(self.cells, self.brackets)
        self.center()

    def row(self, i: int) -> VGroup:
        """The numbers of row ``i``."""
        return self.cells[i]

    def shown_values(self) -> NDArray[np.float64]:
        """The matrix as the DecimalNumbers hold it."""
        return np.array([[c.get_value() for c in row] for row in self.cells])
