"""Chapter 4's own pictures: the computation graph, live number lines, tables, the sigmoid's
tangent, and how derivatives and their checks are typeset.

Every mobject is built from :mod:`nnmath` objects or :mod:`scenes.chapter4.data`; the numbers
keep their values (``ValuedTex.values``, ``LiveNumber.get_value()``) so tests read them back.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Axes, Dot, DoubleArrow, Line, MathTex, Mobject,
                   NumberLine, Tex, VGroup, VMobject)

from nnmath import Network, cost, sigmoid, sigmoid_prime

from scenes.chapter4.data import TINY_Y, tiny_network, tiny_trace
from scenes.common.layout import BODY_FONT_SIZE, CAPTION_BAND_TOP, SMALL_BUFF, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.live_number import LiveNumber
from scenes.common.palette import BLUE, GREEN, GREY_B, MAROON_B, RED, WHITE, YELLOW
from scenes.common.valued_tex import Num, ValuedTex

__all__ = [
    "SYMBOL_COLORS", "SIG", "SIG_CHECK", "tex", "dimmed", "ComputationGraph", "LiveNumberLine", "table",
    "words", "bracket_under", "TINY_GRAPH_SHORT", "tiny_graph", "sigmoid_with_tangent", "distance_to_target",
    "bracket_pair", "equals_sign", "align_on_equals", "fd", "number", "product_parts", "fd_line", "deriv",
    "checked", "tiny_diagram", "above_band", "fit_above_band",
]

#: The original's symbol colours (SCENES.md): w BLUE, b MAROON_B, z GREEN, cost RED, y and sigma YELLOW.
SYMBOL_COLORS = {}
for _sup in ("(L)", "(L-1)", "(L-2)", "(l)", "(l+1)", "(1)", "(2)", "(3)"):
    for _sub in ("", "_j", "_k", "_{jk}", "_{ij}"):
        SYMBOL_COLORS[f"w{_sub}^{{{_sup}}}"] = BLUE
        SYMBOL_COLORS[f"b{_sub}^{{{_sup}}}"] = MAROON_B
        SYMBOL_COLORS[f"z{_sub}^{{{_sup}}}"] = GREEN
SYMBOL_COLORS.update({"C_0": RED, "C": RED, "y": YELLOW, "y_j": YELLOW, r"\sigma": YELLOW,
                      r"\sigma'": YELLOW})


def tex(*parts: str | Num, font_size: float = BODY_FONT_SIZE, **kwargs: object) -> ValuedTex:
    """A :class:`ValuedTex` in the chapter's symbol colours."""
    return ValuedTex(*parts, colors=SYMBOL_COLORS, font_size=font_size, **kwargs)


def dimmed(mob: Mobject, opacity: float = 0.25) -> Mobject:
    """``mob`` faded to ``opacity`` (stroke and fill), returned for chaining."""
    return mob.set_opacity(opacity)


class ComputationGraph(VGroup):
    r"""The tree of what depends on what: each node a symbol with its real value under it.

    Parameters
    ----------
    nodes : dict of str to (str, float)
        Node name -> (LaTeX symbol, value).
    rows : sequence of sequence of str
        Node names, top row first; each row is centred.
    arrows : sequence of (str, str)
        ``(parent, child)``: the child is computed from the parent.
    font_size : float
    row_gap, col_gap : float
        Space between rows / between nodes of a row.
    decimals : int
        Decimals of the values.

    Attributes
    ----------
    nodes : dict of str to VGroup
        ``VGroup(symbol, value)`` per node.
    values : dict of str to ValuedTex
        The value under each node; ``values[name].values[0]`` is the number.
    arrows : dict of (str, str) to Arrow
    """

    def __init__(self, nodes: dict[str, tuple[str, float]], rows: Sequence[Sequence[str]],
                 arrows: Sequence[tuple[str, str]], font_size: float = SMALL_FONT_SIZE + 6,
                 row_gap: float = 0.5, col_gap: float = 0.9, decimals: int = 2) -> None:
        super().__init__()
        self.nodes: dict[str, VGroup] = {}
        self.values: dict[str, ValuedTex] = {}
        row_groups = []
        for row in rows:
            group = VGroup()
            for name in row:
                symbol, value = nodes[name]
                number = tex(Num(value, decimals), font_size=font_size - 6).set_color(GREY_B)
                node = VGroup(tex(symbol, font_size=font_size), number).arrange(DOWN, buff=0.08)
                self.nodes[name], self.values[name] = node, number
                group.add(node)
            row_groups.append(group.arrange(RIGHT, buff=col_gap))
        VGroup(*row_groups).arrange(DOWN, buff=row_gap)
        self.arrows: dict[tuple[str, str], Arrow] = {}
        for parent, child in arrows:
            a, b = self.nodes[parent], self.nodes[child]
            if a.get_y() > b.get_y() + 0.1:
                start, end = a.get_bottom(), b.get_top()
            elif a.get_x() < b.get_x():
                start, end = a.get_right(), b.get_left()
            else:
                start, end = a.get_left(), b.get_right()
            self.arrows[(parent, child)] = Arrow(
                start, end, buff=0.08, stroke_width=2.5, color=GREY_B, tip_length=0.14,
                max_tip_length_to_length_ratio=0.35, max_stroke_width_to_length_ratio=10)
        self.add(*row_groups, *self.arrows.values())

    def value(self, name: str) -> float:
        """The value node ``name`` shows."""
        return self.values[name].values[0]

    def path(self, names: Sequence[str]) -> VGroup:
        """The nodes and arrows along ``names`` (parent first), e.g. to colour a path."""
        group = VGroup(*[self.nodes[n] for n in names])
        for parent, child in zip(names[:-1], names[1:]):
            group.add(self.arrows[(parent, child)])
        return group

    def part(self, names: Sequence[str]) -> VGroup:
        """The nodes ``names`` and every arrow between two of them."""
        group = VGroup(*[self.nodes[n] for n in names])
        group.add(*[a for (p, c), a in self.arrows.items() if p in names and c in names])
        return group


class LiveNumberLine(VGroup):
    """A number line with a dot, a symbol and a live value, driven by a function of a tracker.

    Parameters
    ----------
    symbol : str
        LaTeX name, e.g. ``"z^{(L)}"``.
    x_range : (float, float)
        Ends of the line (from the range of values the scene will visit).
    length : float
        Length in frame units.
    color : ManimColor
        Colour of the dot and the symbol.
    decimals : int
        Decimals of the live value.

    Attributes
    ----------
    line : NumberLine
    dot : Dot
    number : LiveNumber
        Its ``get_value()`` is the value last set by :meth:`set_value`.
    """

    def __init__(self, symbol: str, x_range: tuple[float, float], length: float = 5.0,
                 color=WHITE, decimals: int = 2, font_size: float = SMALL_FONT_SIZE + 4,
                 tick: float | None = None) -> None:
        super().__init__()
        lo, hi = x_range
        step = _tick_step(hi - lo) if tick is None else tick
        tick_decimals = max(0, -int(np.floor(np.log10(step) + 1e-9)))
        self.line = NumberLine(x_range=[lo, hi, step], length=length, include_numbers=tick is not None,
                               tick_size=0.06, stroke_width=2, color=GREY_B, font_size=SMALL_FONT_SIZE - 6,
                               decimal_number_config={"num_decimal_places": tick_decimals, "color": GREY_B})
        self.symbol = MathTex(symbol, font_size=font_size, color=color)
        self.symbol.next_to(self.line, LEFT, buff=0.3)
        self.number = LiveNumber(lo, decimals=decimals, font_size=font_size, color=color, include_sign=True)
        self.dot = Dot(radius=0.08, color=color)
        self.add(self.line, self.symbol, self.dot, self.number)

    def set_value(self, value: float) -> LiveNumberLine:
        """Move the dot to ``value`` and write it above the dot."""
        self.dot.move_to(self.line.n2p(value))
        self.number.set_value(value)
        self.number.next_to(self.dot, UP, buff=0.12)
        return self

    def follow(self, value_of: Callable[[], float]) -> LiveNumberLine:
        """Add an updater that sets the value from ``value_of()`` on every frame."""
        self.set_value(value_of())
        self.add_updater(lambda m: m.set_value(value_of()))
        return self


def _tick_step(span: float) -> float:
    """A round tick spacing giving 4-10 ticks over ``span``."""
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0):
        if span / step <= 10:
            return step
    return 10.0


def table(header: Sequence[Mobject], rows: Sequence[Sequence[Mobject]], h_buff: float = 0.45,
          v_buff: float = 0.18, rule_color=GREY_B) -> VGroup:
    """Cells in a grid, right-aligned per column, with a rule under the header.

    Returns a ``VGroup(header_row, body_rows, rule)``; ``body_rows[i][c]`` is a cell.
    """
    cols = len(header)
    if any(len(r) != cols for r in rows):
        raise ValueError(f"every row needs {cols} cells; got {[len(r) for r in rows]}")
    all_rows = [list(header)] + [list(r) for r in rows]
    widths = [max(r[c].width for r in all_rows) for c in range(cols)]
    heights = [max(cell.height for cell in r) for r in all_rows]
    y = 0.0
    for r, h in zip(all_rows, heights):
        x = 0.0
        for c, cell in enumerate(r):
            x += widths[c]
            cell.move_to([x, y - h / 2, 0], aligned_edge=RIGHT)
            cell.set_y(y - h / 2)
            x += h_buff
        y -= h + v_buff
    header_row = VGroup(*all_rows[0])
    body = VGroup(*[VGroup(*r) for r in all_rows[1:]])
    left = min(c.get_left()[0] for c in header)
    right = max(c.get_right()[0] for c in header)
    rule_y = header_row.get_bottom()[1] - v_buff / 2
    rule = Line([left, rule_y, 0], [right, rule_y, 0], stroke_width=1.5, color=rule_color)
    return VGroup(header_row, body, rule)


def words(text: str, font_size: float = SMALL_FONT_SIZE, color=WHITE) -> Tex:
    """A short on-screen label in the body font."""
    return Tex(text, font_size=font_size, color=color)


def bracket_under(mob: VMobject, buff: float = SMALL_BUFF) -> Line:
    """A thin rule under ``mob`` (to separate a result from its factors)."""
    return Line(mob.get_corner(DOWN + LEFT), mob.get_corner(DOWN + RIGHT), stroke_width=1.5,
                color=GREY_B).shift(DOWN * buff)


#: The computation graph of the 1-1-1-1 network, top row first (the long form reaches w^(L-1)).
TINY_GRAPH_ROWS = (("wL1", "aL2", "bL1"), ("zL1",), ("wL", "aL1", "bL"), ("zL",), ("aL",), ("y", "C0"))
TINY_GRAPH_ARROWS = (("wL1", "zL1"), ("aL2", "zL1"), ("bL1", "zL1"), ("zL1", "aL1"), ("wL", "zL"),
                     ("aL1", "zL"), ("bL", "zL"), ("zL", "aL"), ("aL", "C0"), ("y", "C0"))
#: The nodes of the short form: the last layer only.
TINY_GRAPH_SHORT = ("wL", "aL1", "bL", "zL", "aL", "y", "C0")


def tiny_graph(net: Network | None = None, long: bool = True) -> ComputationGraph:
    """The 1-1-1-1 network's computation graph with the values of :data:`TINY_X`: the long form
    reaches back to w^(L-1); the short one (``long=False``) is the last layer only."""
    net = tiny_network() if net is None else net
    t = tiny_trace(net)
    acts, zs = t.activations, t.zs
    nodes = {
        "wL1": ("w^{(L-1)}", net.weights[-2][0, 0]), "aL2": ("a^{(L-2)}", acts[-3][0]),
        "bL1": ("b^{(L-1)}", net.biases[-2][0]), "zL1": ("z^{(L-1)}", zs[-2][0]),
        "wL": ("w^{(L)}", net.weights[-1][0, 0]), "aL1": ("a^{(L-1)}", acts[-2][0]),
        "bL": ("b^{(L)}", net.biases[-1][0]), "zL": ("z^{(L)}", zs[-1][0]),
        "aL": ("a^{(L)}", acts[-1][0]), "y": ("y", TINY_Y[0]), "C0": ("C_0", cost(t.output, TINY_Y)),
    }
    rows = TINY_GRAPH_ROWS if long else TINY_GRAPH_ROWS[2:]
    kept = {name for row in rows for name in row}
    arrows = [(p, c) for p, c in TINY_GRAPH_ARROWS if p in kept and c in kept]
    return ComputationGraph({k: (s, float(v)) for k, (s, v) in nodes.items() if k in kept}, rows, arrows)


def above_band(mob: Mobject, buff: float = 0.15) -> Mobject:
    """Lift ``mob`` so its bottom clears the caption band by ``buff`` (no change if it already does)."""
    low = CAPTION_BAND_TOP + buff - mob.get_bottom()[1]
    if low > 0:
        mob.shift(UP * low)
    return mob


def fit_above_band(mob: Mobject, top: float = 3.75, buff: float = 0.15) -> Mobject:
    """Shrink ``mob`` (about its top edge) so it fits between ``top`` and the caption band."""
    room = top - (CAPTION_BAND_TOP + buff)
    if mob.height > room:
        mob.scale(room / mob.height)
    mob.shift(UP * (top - mob.get_top()[1]))
    return mob


def tiny_diagram(net: Network | None = None) -> NetworkDiagram:
    """The 1-1-1-1 network drawn large across the middle of the frame, no activations set (where the
    introduction's network shrinks to and segment 2 starts)."""
    net = tiny_network() if net is None else net
    diagram = NetworkDiagram.from_network(net, mnist_style=False, radius=0.42, layer_gap=2.9,
                                          output_labels=False, edge_exponent=1.0)
    return diagram.move_to(LEFT * 1.3 + DOWN * 0.3)


def sigmoid_with_tangent(z: float, width: float = 4.2, height: float = 2.0) -> VGroup:
    r"""The sigmoid on z in [-6, 6] with its tangent at ``z``; the slope is nnmath's :math:`\sigma'(z)`.

    Returns ``VGroup(axes, curve, tangent, dot)``; ``.slope`` holds the slope drawn.
    """
    axes = Axes(x_range=[-6, 6, 2], y_range=[0, 1, 0.5], x_length=width, y_length=height,
                tips=False, axis_config={"stroke_width": 1.5, "color": GREY_B})
    curve = axes.plot(lambda t: float(sigmoid(np.array(t))), x_range=[-6, 6], color=YELLOW,
                      stroke_width=3)
    s, slope = float(sigmoid(np.array(z))), float(sigmoid_prime(np.array(z)))
    d = 1.6
    tangent = Line(axes.c2p(z - d, s - slope * d), axes.c2p(z + d, s + slope * d), color=WHITE,
                   stroke_width=2.5)
    dot = Dot(axes.c2p(z, s), radius=0.07, color=GREEN)
    group = VGroup(axes, curve, tangent, dot)
    group.slope = slope
    return group


def distance_to_target(a: float, y: float, length: float = 4.2) -> VGroup:
    """A 0..1 number line with the output ``a``, the target ``y`` and a red double arrow between.

    Returns ``VGroup(line, a_dot, y_dot, arrow, a_label, y_label)``.
    """
    line = NumberLine(x_range=[0, 1, 0.25], length=length, include_numbers=False, tick_size=0.06,
                      stroke_width=2, color=GREY_B)
    a_dot = Dot(line.n2p(a), radius=0.08, color=WHITE)
    y_dot = Dot(line.n2p(y), radius=0.08, color=YELLOW)
    arrow = DoubleArrow(line.n2p(a) + UP * 0.3, line.n2p(y) + UP * 0.3, buff=0, color=RED,
                        stroke_width=3, tip_length=0.14)
    a_label = MathTex("a^{(L)}", font_size=SMALL_FONT_SIZE + 4).next_to(a_dot, DOWN, buff=0.15)
    y_label = MathTex("y", font_size=SMALL_FONT_SIZE + 4, color=YELLOW).next_to(y_dot, DOWN, buff=0.15)
    return VGroup(line, a_dot, y_dot, arrow, a_label, y_label)


def bracket_pair(column: VMobject, buff: float = 0.15) -> VGroup:
    """Square brackets around a column (a vector written as a column of mobjects)."""
    left = MathTex(r"\big[").stretch_to_fit_height(column.height + 0.3)
    right = MathTex(r"\big]").stretch_to_fit_height(column.height + 0.3)
    left.next_to(column, LEFT, buff=buff)
    right.next_to(column, RIGHT, buff=buff)
    return VGroup(left, right)


def equals_sign(formula: VMobject) -> VMobject:
    """The first part of a ``MathTex`` written as ``"="`` (ValueError if there is none)."""
    for part in formula.submobjects:
        if getattr(part, "tex_string", "").strip() == "=":
            return part
    raise ValueError(f"{formula!r} has no '=' part; write '=' as its own part")


def align_on_equals(lines: Sequence[VMobject], x: float | None = None) -> None:
    """Shift each formula sideways so its first ``=`` sits at ``x`` (default: the first line's)."""
    x = equals_sign(lines[0]).get_x() if x is None else x
    for line in lines:
        line.shift(RIGHT * (x - equals_sign(line).get_x()))


# ---------------------------------------------------------------------------- numbers on screen

#: Significant digits of a derivative on screen, and of a value set beside its check.
SIG = 4
SIG_CHECK = 7


def fd(value: float) -> Num:
    """A finite-difference estimate, typeset with the derivative's digits."""
    return Num(value, significant=SIG_CHECK, color=GREEN)


def number(value: float, color=WHITE, font_size: float = BODY_FONT_SIZE, **digits: int) -> LiveNumber:
    """A table cell: a number drawn from cached glyphs (no LaTeX run), ``decimals=`` or ``significant=``."""
    return LiveNumber(float(value), font_size=font_size, color=color, **digits)


def product_parts(values: Iterable[float], significant: int = SIG) -> list[str | Num]:
    r"""``a \times b \times (c)``: the parts of a product of real factors, negatives in parentheses."""
    parts: list[str | Num] = []
    for i, value in enumerate(values):
        if i:
            parts.append(r"\times")
        number = Num(float(value), significant=significant)
        parts.extend(["(", number, ")"] if value < 0 else [number])
    return parts


def fd_line(estimate: Num, font_size: float = BODY_FONT_SIZE) -> ValuedTex:
    """``= estimate (finite difference)``: a check, to align on its ``=`` under the product it checks."""
    line = tex("=", estimate, r"\quad\text{(finite difference)}", font_size=font_size)
    line[-1].set_color(GREEN)
    return line


def deriv(value: float) -> Num:
    """A chain-rule derivative, typeset with :data:`SIG` digits."""
    return Num(value, significant=SIG, color=YELLOW)


def checked(value: float) -> Num:
    """A chain-rule derivative shown beside its finite difference: :data:`SIG_CHECK` digits."""
    return Num(value, significant=SIG_CHECK, color=YELLOW)

