"""Chapter 2's own pictures: the cost table, cost maps and curves, the digit stream, counters.

Each mobject is built from numbers computed in :mod:`scenes.chapter2.data` and keeps
them as attributes (``values``, ``get_value()``), so the tests can read back what is
on screen. Nothing here computes a number the viewer sees; numbers in text are
written by :mod:`scenes.common.formatting`.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Animation, Axes, DecimalNumber, Integer, MathTex,
                   ManimColor, Square, Tex, VGroup, VMobject, interpolate_color)
from numpy.typing import ArrayLike, NDArray

from scenes.common.digit import DigitImage
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.numbers import DecimalColumn
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, YELLOW

__all__ = [
    "COST_LOW", "COST_HIGH", "place_diagram", "CostTable", "LevelMap", "LevelLegend", "level_legend", "map_axes", "SignedMap", "line_graph", "DigitStream",
    "ScoreCounter", "check_mark",
]


#: Colours of low and high cost on the cost maps (dark blue valleys, yellow peaks).
COST_LOW = ManimColor("#0B2545")
COST_HIGH = YELLOW


def place_diagram(diagram: NetworkDiagram, height: float, center: ArrayLike) -> NetworkDiagram:
    """Scale ``diagram`` to ``height``, move its centre to ``center`` and resync its edges."""
    diagram.scale_to_fit_height(height).move_to(np.asarray(center, dtype=np.float64))
    return diagram


class CostTable(VGroup):
    """One digit's cost written out: outputs, wanted outputs, the ten squared differences, their sum.

    Parameters
    ----------
    outputs, targets, terms : (10,) ndarray
        :math:`a_j`, :math:`y_j` and :math:`(a_j - y_j)^2`.
    total : float
        The sum of ``terms``.
    font_size : float

    Attributes
    ----------
    outputs, targets, terms : DecimalColumn
        Their ``values`` are the arrays given.
    total : DecimalNumber
        Shows the sum (RED).
    headers : VGroup of MathTex
    """

    def __init__(self, outputs: ArrayLike, targets: ArrayLike, terms: ArrayLike, total: float,
                 font_size: float = SMALL_FONT_SIZE) -> None:
        super().__init__()
        self.outputs = DecimalColumn(outputs, num_decimal_places=2, font_size=font_size, row_gap=0.1)
        self.targets = DecimalColumn(targets, num_decimal_places=1, font_size=font_size, row_gap=0.1)
        self.terms = DecimalColumn(terms, num_decimal_places=4, font_size=font_size, row_gap=0.1)
        self.targets.set_color(YELLOW)
        digits = VGroup(*[MathTex(str(j), font_size=font_size, color=GREY_B) for j in range(len(self.outputs.values))])
        for label, entry in zip(digits, self.outputs.entries):
            label.next_to(self.outputs, LEFT, buff=0.2).match_y(entry)
        self.targets.next_to(self.outputs, RIGHT, buff=0.9)
        self.terms.next_to(self.targets, RIGHT, buff=0.9)
        for col in (self.targets, self.terms):
            col.match_y(self.outputs)
        self.headers = VGroup(
            MathTex("a_j", font_size=font_size).next_to(self.outputs, UP, buff=0.15),
            MathTex("y_j", font_size=font_size, color=YELLOW).next_to(self.targets, UP, buff=0.15),
            MathTex("(a_j - y_j)^2", font_size=font_size).next_to(self.terms, UP, buff=0.15),
        )
        self.total = DecimalNumber(float(total), num_decimal_places=4, font_size=font_size + 6, color=RED)
        sum_label = MathTex(r"\sum =", font_size=font_size + 6).next_to(self.terms, DOWN, buff=0.3)
        sum_label.align_to(self.terms, LEFT)
        self.total.next_to(sum_label, RIGHT, buff=0.15)
        self.sum_row = VGroup(sum_label, self.total)
        self.add(digits, self.outputs, self.targets, self.terms, self.headers, self.sum_row)
        self.digit_labels = digits


def _color_for(t: float) -> ManimColor:
    """Cost-map colour for a value scaled to [0, 1]: dark blue, through teal, to yellow."""
    if t < 0.5:
        return interpolate_color(COST_LOW, BLUE, t * 2)
    return interpolate_color(BLUE, COST_HIGH, (t - 0.5) * 2)


#: How far above the minimum the log scale starts (cost units): keeps log(0) away.
LOG_OFFSET = 1e-3


def _scaled(values: NDArray[np.float64], low: float, scale: str) -> NDArray[np.float64]:
    """Values as the colour scale sees them: as they are, or ``log(v - low + LOG_OFFSET)``."""
    if scale == "linear":
        return values
    if scale == "log":
        return np.log(values - low + LOG_OFFSET)
    raise ValueError(f"scale={scale!r}; expected 'linear' or 'log'")


def _unscaled(scaled: NDArray[np.float64], low: float, scale: str) -> NDArray[np.float64]:
    return scaled if scale == "linear" else np.exp(scaled) - LOG_OFFSET + low


class LevelMap(VGroup):
    """A grid of values drawn as coloured cells, one path per colour level (fast to draw).

    Parameters
    ----------
    values : (rows, cols) ndarray
        ``values[r, c]`` is drawn at column ``c`` (left to right) and row ``r`` counted
        from the *bottom*, so ``values[r, c]`` sits at ``(x[c], y[r])`` like a plot.
    width, height : float
        Size in frame units.
    levels : int
        Colour levels between the smallest and the largest value.
    scale : {"linear", "log"}
        How values map to colour (log spreads the low values of a cost).

    Attributes
    ----------
    values : (rows, cols) ndarray
    """

    def __init__(self, values: ArrayLike, width: float, height: float, levels: int = 24,
                 scale: str = "linear") -> None:
        super().__init__()
        self.values = np.asarray(values, dtype=np.float64)
        if self.values.ndim != 2:
            raise ValueError(f"values have shape {self.values.shape}; expected (rows, cols)")
        rows, cols = self.values.shape
        v = _scaled(self.values, self.values.min(), scale)
        span = float(v.max() - v.min()) or 1.0
        level = np.minimum((levels * (v - v.min()) / span).astype(int), levels - 1)
        cw, ch = width / cols, height / rows
        for k in range(levels):
            rr, cc = np.nonzero(level == k)
            if rr.size == 0:
                continue
            x0 = -width / 2 + cc * cw
            y0 = -height / 2 + rr * ch
            corners = np.stack([np.stack([x0, y0 + ch], 1), np.stack([x0 + cw, y0 + ch], 1),
                                np.stack([x0 + cw, y0], 1), np.stack([x0, y0], 1),
                                np.stack([x0, y0 + ch], 1)], axis=1)  # (n, 5, 2)
            a, b = corners[:, :-1], corners[:, 1:]
            pts = np.stack([a, a + (b - a) / 3, a + 2 * (b - a) / 3, b], axis=2).reshape(-1, 2)
            color = _color_for((k + 0.5) / levels)  # a hairline of the same colour hides the seams
            path = VMobject(fill_color=color, fill_opacity=1, stroke_color=color, stroke_width=1.0)
            path.set_points(np.column_stack([pts, np.zeros(len(pts))]))
            self.add(path)
        self.frame = Square(side_length=1, stroke_color=GREY_B, stroke_width=2).stretch_to_fit_width(width)
        self.frame.stretch_to_fit_height(height)
        self.add(self.frame)

    def point(self, x_fraction: float, y_fraction: float) -> NDArray[np.float64]:
        """Frame point at fractions (0..1) of the width (from the left) and height (from the bottom)."""
        corner = self.frame.get_corner(DOWN + LEFT)
        return corner + np.array([x_fraction * self.frame.width, y_fraction * self.frame.height, 0.0])


class LevelLegend(VGroup):
    """A colour bar for a :class:`LevelMap`: every colour of the map, evenly, with cost ticks under it.

    Attributes
    ----------
    low, high : DecimalNumber
        The smallest and the largest value of the map (its two ends).
    ticks : list of DecimalNumber
        Every tick, ``low`` first and ``high`` last.
    """

    low: DecimalNumber
    high: DecimalNumber


def level_legend(values: ArrayLike, width: float, scale: str = "linear", decimals: int = 2,
                 title: str = "cost C", inner_ticks: int = 2) -> LevelLegend:
    """The colour bar of ``LevelMap(values, ..., scale=scale)``: same colours, spread evenly along ``width``.

    The bar runs from the map's smallest to its largest value in the map's own
    scale (on a log scale the low end, the valley, gets as much room as the
    plateau); ticks mark both ends and ``inner_ticks`` values between, placed where their colour is.
    """
    v = np.asarray(values, dtype=np.float64)
    low, high = float(v.min()), float(v.max())
    ends = _scaled(np.array([low, high]), low, scale)
    along = np.linspace(ends[0], ends[1], 240)
    samples = _unscaled(along, low, scale)
    samples[0], samples[-1] = low, high
    bar = LevelMap(samples[None, :], width, 0.3, levels=32, scale=scale)
    legend = LevelLegend(bar)
    fractions = np.linspace(0, 1, inner_ticks + 2)
    tick_values = _unscaled(ends[0] + fractions * (ends[1] - ends[0]), low, scale)
    tick_values[0], tick_values[-1] = low, high
    legend.ticks = []
    for fraction, value in zip(fractions, tick_values):
        tick = DecimalNumber(float(value), num_decimal_places=decimals, font_size=22)
        tick.next_to(bar.point(float(fraction), 0), DOWN, buff=0.1)
        legend.ticks.append(tick)
        legend.add(tick)
    legend.low, legend.high = legend.ticks[0], legend.ticks[-1]
    legend.add(Tex(title, font_size=24, color=RED).next_to(bar, UP, buff=0.1))
    return legend


def map_axes(level_map: LevelMap, half: float, names: tuple[str, str] = ("x", "y")) -> VGroup:
    """Tick numbers at the ends and the middle of both sides of a square map, and the axis names."""
    out = VGroup()
    for value in (-half, 0.0, half):
        f = (value + half) / (2 * half)
        out.add(DecimalNumber(value, num_decimal_places=0, font_size=22, color=GREY_B)
                .next_to(level_map.point(f, 0), DOWN, buff=0.1))
        out.add(DecimalNumber(value, num_decimal_places=0, font_size=22, color=GREY_B)
                .next_to(level_map.point(0, f), LEFT, buff=0.1))
    out.add(MathTex(names[0], font_size=BODY_FONT_SIZE).next_to(level_map.point(1, 0), RIGHT, buff=0.15))
    out.add(MathTex(names[1], font_size=BODY_FONT_SIZE).next_to(level_map.point(0, 1), UP, buff=0.15))
    return out


class SignedMap(VGroup):
    """A grid of signed values: BLUE where positive, RED where negative, opacity ``|v| / vmax``.

    One path per (sign, opacity level); ``values[r, c]`` is drawn at row ``r`` from the
    *top* (like an image) and column ``c``.

    Attributes
    ----------
    values : (rows, cols) ndarray
    vmax : float
    """

    def __init__(self, values: ArrayLike, cell: float, vmax: float, levels: int = 16) -> None:
        super().__init__()
        self.values = np.asarray(values, dtype=np.float64)
        if self.values.ndim != 2 or not vmax > 0:
            raise ValueError(f"values {self.values.shape} must be 2-D and vmax={vmax} > 0")
        self.vmax = float(vmax)
        rows, cols = self.values.shape
        q = np.minimum(np.round(levels * np.abs(self.values) / vmax), levels).astype(int)
        for positive, color in ((True, BLUE), (False, RED)):
            for k in range(1, levels + 1):
                rr, cc = np.nonzero((q == k) & ((self.values > 0) == positive))
                if rr.size == 0:
                    continue
                x0, y0 = cc * cell, -rr * cell
                corners = np.stack([np.stack([x0, y0], 1), np.stack([x0 + cell, y0], 1),
                                    np.stack([x0 + cell, y0 - cell], 1), np.stack([x0, y0 - cell], 1),
                                    np.stack([x0, y0], 1)], axis=1)
                a, b = corners[:, :-1], corners[:, 1:]
                pts = np.stack([a, a + (b - a) / 3, a + 2 * (b - a) / 3, b], axis=2).reshape(-1, 2)
                path = VMobject(fill_color=color, fill_opacity=k / levels, stroke_width=0)
                path.set_points(np.column_stack([pts, np.zeros(len(pts))]))
                self.add(path)
        box = Square(side_length=1, stroke_opacity=0, fill_opacity=0).stretch_to_fit_width(cols * cell)
        box.stretch_to_fit_height(rows * cell).move_to([cols * cell / 2, -rows * cell / 2, 0])
        self.add(box)


def line_graph(axes: Axes, xs: ArrayLike, ys: ArrayLike, color: ManimColor, width: float = 3.0) -> VMobject:
    """A polyline through ``(xs[i], ys[i])`` in ``axes``' coordinates."""
    pts = [axes.c2p(float(x), float(y)) for x, y in zip(np.asarray(xs), np.asarray(ys))]
    line = VMobject(stroke_color=color, stroke_width=width)
    line.set_points_as_corners(pts)
    return line


class DigitStream(Animation):
    """Digits one after another in ``slot``, a counter following the score, holds on chosen digits.

    One animation for the whole stream (many short plays would each become a tiny clip).
    Digit ``i`` stays for ``durations[i]`` (relative; the play's run time scales them).
    While a digit listed in ``marks`` is up, its mark (e.g. a red "Wrong!" note) is shown.

    Parameters
    ----------
    slot : DigitImage
        Becomes each digit in turn (keeps its size and place).
    images : (n, 784) ndarray
        The digits' pixels; each DigitImage is built only when it is shown.
    durations : (n,) ndarray
        How long each digit stays, relative to the others.
    counter : ScoreCounter
        Set to ``(running[i], i + 1)`` while digit ``i`` shows.
    running : (n,) ndarray of int
        Right answers so far after each digit.
    answer : Integer
        Set to ``answers[i]`` (the network's answer) while digit ``i`` shows.
    answers : (n,) ndarray of int
    marks : dict of int to VMobject
        Mobjects shown (with their own look) only while their digit is up; hidden otherwise,
        keyed by ``first + i``.
    first : int
        How many digits came before these (a stream played in parts): the counter shows
        ``first + i + 1`` digits seen.
    """

    def __init__(self, slot: DigitImage, images: ArrayLike, durations: ArrayLike, counter: ScoreCounter,
                 running: ArrayLike, answer: Integer, answers: ArrayLike, marks: dict[int, VMobject],
                 first: int = 0, **kwargs: object) -> None:
        self.first = int(first)
        self.images = np.asarray(images, dtype=np.float64)
        self.running = np.asarray(running, dtype=np.int64)
        self.answers = np.asarray(answers, dtype=np.int64)
        weights = np.asarray(durations, dtype=np.float64)
        n = len(self.images)
        if n == 0 or not (len(weights) == len(self.running) == len(self.answers) == n):
            raise ValueError(f"{n} digits but {len(weights)} durations, {len(self.running)} counts, "
                             f"{len(self.answers)} answers")
        self.ends = np.cumsum(weights) / np.sum(weights)
        self.counter, self.answer, self.marks = counter, answer, marks
        self.size, self.center = slot.size, slot.get_center()
        self._shown = -1
        for mark in marks.values():
            mark.save_state()  # its own look, restored while its digit is up
            mark.set_opacity(0)
        super().__init__(VGroup(slot, counter, answer, *marks.values()), **kwargs)  # type: ignore[arg-type]

    def interpolate_mobject(self, alpha: float) -> None:
        i = min(int(np.searchsorted(self.ends, alpha, side="right")), len(self.images) - 1)
        if i == self._shown:
            return
        if self.first + self._shown in self.marks:
            self.marks[self.first + self._shown].set_opacity(0)
        self._shown = i
        self.mobject.submobjects[0].become(DigitImage(self.images[i], size=self.size).move_to(self.center))
        self.counter.set_score(int(self.running[i]), self.first + i + 1)
        self.answer.set_value(int(self.answers[i]))
        if self.first + i in self.marks:
            self.marks[self.first + i].restore()


class ScoreCounter(VGroup):
    """``Correct: n / m`` with two Integers that tests can read (``correct``, ``total``)."""

    def __init__(self, font_size: float = 36) -> None:
        super().__init__()
        self.label = Tex("Correct:", font_size=font_size)
        self.correct = Integer(0, font_size=font_size, color=GREEN)
        self.slash = MathTex("/", font_size=font_size)
        self.total = Integer(0, font_size=font_size)
        self.add(self.label, self.correct, self.slash, self.total)
        self._arrange()

    def _arrange(self) -> None:
        anchor = self.label.get_right()
        self.correct.next_to(anchor, RIGHT, buff=0.2)
        self.slash.next_to(self.correct, RIGHT, buff=0.1)
        self.total.next_to(self.slash, RIGHT, buff=0.1)

    def set_score(self, correct: int, total: int) -> ScoreCounter:
        """Show ``correct / total`` (keeps the label where it is)."""
        self.correct.set_value(correct)
        self.total.set_value(total)
        self._arrange()
        return self


def check_mark(right: bool, font_size: float = 30) -> MathTex:
    """A green tick for a right answer, a red cross for a wrong one."""
    return MathTex(r"\checkmark" if right else r"\times", font_size=font_size, color=GREEN if right else RED)
