"""Chapter 2's gradient segments: reading the gradient's entries, and the descent recap.

Scene classes are listed for rendering in :mod:`scenes.chapter2` (``SEGMENTS``).
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Axes, ChangeDecimalToValue, Create, DashedLine, DecimalNumber,
                   Dot, DoubleArrow, FadeIn, FadeOut, GrowArrow, GrowFromCenter, Indicate, LaggedStart, Line,
                   ManimColor, MathTex, Polygon, Scene, Tex, VGroup, Write)

from nnmath import BOWL_2D
from scenes.chapter2 import data as d
from scenes.chapter2.measures.gradient_reading import Thresholds, nudge_words
from scenes.chapter2.mobjects import LevelMap, level_legend, line_graph, map_axes, place_diagram
from scenes.chapter2.pacing import paced, share_of
from scenes.chapter2.script import gradient as say
from scenes.common.captions import narrated
from scenes.common.formatting import format_number, tex_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.numbers import DecimalColumn
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, TEAL, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num, ValuedTex

#: Points drawn of the sorted-magnitude curve (the data has 13,002; the picture needs fewer).
CURVE_POINTS = 600
#: Entries listed beside the curve, most important first.
LISTED = 5


class SortedGradientEntries(Scene):
    """Ch2 6.1: all 13,002 real entries of -grad C sorted by size; what some of them ask for."""

    def construct(self) -> None:
        ranked = d.ranked_gradient()
        order, values = ranked.order, ranked.values
        mags = np.abs(values)
        self.shown = Shown(order=order, values=values)
        axes, labels, curve, area = self.curve(mags)
        paced(self, say.entries(len(values)), Create(axes), FadeIn(labels), Create(curve), FadeIn(area))
        nonzero = mags[mags > 0]
        decades = int(np.floor(np.log10(nonzero[0] / nonzero[-1])))
        self.shown["decades"] = decades
        top = Dot(axes.c2p(1, np.log10(nonzero[0]) - self.bottom), color=YELLOW, radius=0.08)
        bottom = Dot(axes.c2p(len(nonzero), np.log10(nonzero[-1]) - self.bottom), color=YELLOW, radius=0.08)
        span = DoubleArrow(axes.c2p(len(values) * 0.55, np.log10(nonzero[0]) - self.bottom),
                           axes.c2p(len(values) * 0.55, np.log10(nonzero[-1]) - self.bottom), buff=0, color=GREY_B)
        paced(self, say.decades(decades), FadeIn(top, scale=2), FadeIn(bottom, scale=2), GrowFromCenter(span))
        thresholds = d.thresholds()
        bands = self.bands(axes, thresholds, len(values))
        paced(self, say.thirds(), FadeOut(span), FadeOut(top), FadeOut(bottom),
              LaggedStart(*[FadeIn(b) for b in bands], lag_ratio=0.3))
        listing = self.listing(thresholds).to_corner(UP + RIGHT, buff=0.5).shift(LEFT * 0.3)
        top_layers = {d.parameter(int(i)).layer for i in order[:3]}
        in_output = top_layers == {len(d.fresh().weights) - 1}
        self.shown["top_in_output_layer"] = in_output
        paced(self, say.read_out(3, in_output), LaggedStart(*[FadeIn(row, shift=LEFT * 0.3) for row in listing],
                                                            lag_ratio=0.4))
        zeros = d.zero_gradient_entries()
        self.shown["zeros"] = zeros
        gap = Line(axes.c2p(len(values) - zeros, 0), axes.c2p(len(values), 0), color=TEAL, stroke_width=10)
        gap_label = Tex(tex_count(zeros) + " zeros", font_size=22, color=TEAL).next_to(gap, UP, buff=0.15)
        paced(self, say.exact_zeros(zeros), Create(gap), FadeIn(gap_label, shift=DOWN * 0.2))
        self.play(*[FadeOut(m) for m in self.mobjects])

    def curve(self, mags: np.ndarray) -> tuple[Axes, VGroup, VGroup, Polygon]:
        """Sorted nonzero magnitudes on a log scale; y is drawn as ``log10|g| - bottom`` so the x-axis sits low."""
        nonzero = mags[mags > 0]
        n = len(mags)
        self.bottom = int(np.floor(np.log10(nonzero[-1])))
        axes = Axes(x_range=[0, n, 2000], y_range=[0, -self.bottom, 5], x_length=6.2, y_length=4.4, tips=False,
                    axis_config={"font_size": 22, "color": GREY_B})
        axes.x_axis.add_numbers(range(0, n + 1, 4000), font_size=22, num_decimal_places=0, group_with_commas=True)
        axes.to_corner(LEFT, buff=0.7).shift(RIGHT * 0.6)
        axes.shift(UP * (-2.0 - axes.get_bottom()[1]))
        ticks = VGroup(*[MathTex(f"10^{{{k}}}", font_size=24).next_to(axes.c2p(0, k - self.bottom), LEFT, buff=0.15)
                         for k in range(0, self.bottom - 1, -5)])
        labels = VGroup(ticks, Tex("entries, largest first", font_size=24).next_to(axes.x_axis, DOWN, buff=0.45),
                        MathTex(r"|\text{entry of } \nabla C|", font_size=26).next_to(axes.y_axis, UP, buff=0.2))
        picks = np.unique(np.round(np.linspace(0, len(nonzero) - 1, CURVE_POINTS)).astype(int))
        heights = np.log10(nonzero[picks]) - self.bottom
        curve = line_graph(axes, picks + 1, heights, YELLOW)
        corners = [axes.c2p(1, 0)] + [axes.c2p(i + 1, y) for i, y in zip(picks, heights)] + [axes.c2p(picks[-1] + 1, 0)]
        area = Polygon(*corners, stroke_width=0, fill_color=YELLOW, fill_opacity=0.25)
        self.shown["drawn_magnitudes"] = nonzero[picks]
        return axes, labels, curve, area

    def bands(self, axes: Axes, thresholds: Thresholds, n: int) -> VGroup:
        out = VGroup()
        ys = [np.log10(level) - self.bottom for level in (thresholds.high, thresholds.low)]
        for y in ys:
            out.add(DashedLine(axes.c2p(0, y), axes.c2p(n, y), color=TEAL, stroke_width=2))
        right = axes.c2p(n, 0)[0] + 0.15
        for text, y in (("a lot", ys[0] + 0.6), ("somewhat", (ys[0] + ys[1]) / 2), ("a little", ys[1] - 0.6)):
            label = Tex(text, font_size=22, color=TEAL)
            out.add(label.move_to([right, axes.c2p(0, y)[1], 0], aligned_edge=LEFT))
        self.shown["thresholds"] = thresholds
        return out

    def listing(self, thresholds: Thresholds) -> VGroup:
        rows = VGroup()
        listed = d.listed_entries()
        self.shown.update(listed=listed, listed_formulas=[])
        for item in listed:
            entry = item.entry
            formula = ValuedTex(r"\#" + tex_count(item.rank + 1) + r"\quad " + d.name_tex(item.index) + ":",
                                Num(entry, significant=3, color=BLUE if entry > 0 else RED), font_size=26)
            row = VGroup(formula, Tex(nudge_words(entry, thresholds), font_size=22, color=GREY_B))
            rows.add(row.arrange(DOWN, aligned_edge=LEFT, buff=0.08))
            self.shown["listed_formulas"].append(formula)
        header = Tex(r"Entries of $-\nabla C$, by rank", font_size=SMALL_FONT_SIZE)
        return VGroup(header, *rows).arrange(DOWN, aligned_edge=LEFT, buff=0.22)


class WhichWeightsMatter(Scene):
    """Ch2 6.2: the output weight that matters most and the one that matters least, found; the bowl."""

    def construct(self) -> None:
        net = d.fresh()
        gradient = d.full_gradient()
        extremes = d.extreme_output_weights()
        most, least = extremes.most, extremes.least
        diagram = place_diagram(NetworkDiagram.from_network(net, edge_keep=0.4), 5.2, [-3.6, 0.45, 0])
        paced(self, say.which_matters(net.weights[-1].size), diagram.fade_in())
        self.shown = Shown(most=most, least=least)
        for key, index, color, line, words in (
                ("most", most, YELLOW, say.matters_a_lot(gradient[most]), "This weight matters a lot"),
                ("least", least, TEAL, say.who_cares(gradient[least]), "Who even cares about this one?")):
            edge, label, formula = self.mark(diagram, index, gradient[index], color, words)
            self.shown[f"{key}_formula"] = formula
            with narrated(self, line):  # apart: an Indicate during the Create would undo it
                self.play(Create(edge), FadeIn(label, shift=LEFT * 0.3), run_time=share_of(line, 0.5))
                self.play(Indicate(edge, color=color, scale_factor=1.1), run_time=share_of(line, 0.4))
        ratio = abs(gradient[most]) / abs(gradient[least])
        self.shown["ratio"] = ratio
        paced(self, say.found_not_picked(ratio), diagram.highlight_output(d.parameter(most).j))
        self.play(*[FadeOut(m) for m in self.mobjects])
        self.bowl()

    def mark(self, diagram: NetworkDiagram, index: int, g: float, color: ManimColor,
             words: str) -> tuple[Line, VGroup, ValuedTex]:
        """The weight's edge drawn over the diagram, and its label: words and its partial derivative."""
        name = d.parameter(index)
        start = diagram.neuron(name.layer, name.k).get_center()
        end = diagram.neuron(name.layer + 1, name.j).get_center()
        edge = Line(start, end, color=color, stroke_width=6)
        formula = ValuedTex(r"\partial C / \partial " + name.tex + " =", Num(g, significant=3), font_size=SMALL_FONT_SIZE)
        label = VGroup(Tex(words, font_size=SMALL_FONT_SIZE, color=color), formula).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        label.move_to([3.6, 2.0 if color == YELLOW else 0.0, 0])
        return edge, label, formula

    def bowl(self) -> None:
        half, n = 2.0, 80
        axis = np.linspace(-half, half, n + 1)
        uu, vv = np.meshgrid(axis, axis)
        values = BOWL_2D(np.stack([uu, vv], axis=-1))
        bowl = LevelMap(values, 4.8, 4.8, levels=32).move_to([-3.2, 0.45, 0])
        ticks = map_axes(bowl, half)
        formula = MathTex(r"C(x, y) = " + BOWL_2D.tex, font_size=BODY_FONT_SIZE).to_corner(UP + RIGHT, buff=0.6)
        p = np.array([1.0, 1.0])
        g = BOWL_2D.gradient(p)
        column = DecimalColumn(g, num_decimal_places=1, font_size=BODY_FONT_SIZE)
        readout = VGroup(MathTex(r"\nabla C(1, 1) =", font_size=BODY_FONT_SIZE, color=GREEN), column).arrange(RIGHT, buff=0.2)
        readout.next_to(formula, DOWN, buff=0.6)
        self.shown["bowl_gradient"] = column
        here = bowl.point((p[0] + half) / (2 * half), (p[1] + half) / (2 * half))
        scale = 1.2 / float(np.linalg.norm(g))  # drawn 1.2 long: its direction is the point here
        arrow = Arrow(here, here + scale * np.array([g[0], g[1], 0.0]), buff=0, color=GREEN, stroke_width=6)
        paced(self, say.bowl(p[0], p[1], g[0], g[1]), FadeIn(bowl), FadeIn(ticks), Write(formula), FadeIn(readout),
              GrowArrow(arrow))
        r, c = np.unravel_index(np.argmin(values), values.shape)
        low = np.array([axis[c], axis[r]])
        self.shown["bowl_minimum"] = low
        spot = bowl.point((low[0] + half) / (2 * half), (low[1] + half) / (2 * half))
        marker = VGroup(Dot(spot, color=WHITE, radius=0.08),
                        Tex("minimum", font_size=22).next_to(spot, DOWN + LEFT, buff=0.1))
        down = Arrow(here, here - scale * np.array([g[0], g[1], 0.0]), buff=0, color=RED, stroke_width=6)
        minus = MathTex(r"-\nabla C", font_size=SMALL_FONT_SIZE, color=RED).next_to(down.get_end(), DOWN, buff=0.1)
        paced(self, say.bowl_minimum(low[0], low[1]), FadeIn(marker, scale=1.5), GrowArrow(down), FadeIn(minus))
        note = Tex(rf"$x$ matters {format_number(g[0] / g[1], 0)} times as much as $y$", font_size=BODY_FONT_SIZE)
        note.next_to(readout, DOWN, buff=0.6).align_to(formula, RIGHT)
        paced(self, say.how_much_each_matters(g[0] / g[1]), FadeIn(note, shift=UP * 0.2),
              Indicate(column.entries[0], color=YELLOW))
        self.play(*[FadeOut(m) for m in self.mobjects])


class GradientDescentRecap(Scene):
    """Ch2 7: real full-batch steps: recompute the gradient, step, and the cost falls."""

    def construct(self) -> None:
        run = d.recap_run()
        net = d.fresh()
        self.diagram = place_diagram(NetworkDiagram.from_network(net, edge_keep=0.4), 5.2, [-2.8, 0.5, 0])
        readout, self.axes, panel = self.cost_panel(run.costs)
        self.shown = Shown(cost=readout, costs_shown=[])
        self.readout = readout
        paced(self, say.recap_start(d.RECAP_IMAGES), self.diagram.fade_in(), FadeIn(panel))
        paced(self, say.compute_gradient(), self.sweep(0))
        paced(self, say.recap_step(d.RECAP_ETA), *self.step(0, run))
        line = say.again_and_again()
        rest = range(1, d.RECAP_STEPS)
        seconds = max(1.0, share_of(line, 0.95, len(rest)))
        with narrated(self, line):
            for t in rest:
                self.play(self.sweep(t), run_time=0.55 * seconds)
                self.play(*self.step(t, run), run_time=0.45 * seconds)
        paced(self, say.recap_result(d.RECAP_STEPS, float(run.costs[0]), float(run.costs[-1])),
              Indicate(readout, color=RED))
        self.play(*[FadeOut(m) for m in self.mobjects])

    def sweep(self, t: int):
        return self.diagram.gradient_sweep(d.recap_gradient(t))

    def step(self, t: int, run) -> list:
        weights = d.fresh().with_flat(run.thetas[t + 1]).weights
        cost = float(run.costs[t + 1])
        dot = Dot(self.axes.c2p(t + 1, cost), color=RED, radius=0.06)
        self.shown["costs_shown"].append(cost)
        return [*[self.diagram.restyle_edges(i, w) for i, w in enumerate(weights)],
                ChangeDecimalToValue(self.readout, cost),
                Create(Line(self.axes.c2p(t, run.costs[t]), dot.get_center(), color=RED)), FadeIn(dot)]

    def cost_panel(self, costs: np.ndarray) -> tuple[DecimalNumber, Axes, VGroup]:
        label = Tex(r"Mean cost, first " + tex_count(d.RECAP_IMAGES) + " images", font_size=SMALL_FONT_SIZE)
        readout = DecimalNumber(float(costs[0]), num_decimal_places=3, font_size=BODY_FONT_SIZE + 8, color=RED)
        top = float(np.ceil(costs.max()))
        axes = Axes(x_range=[0, len(costs) - 1, 1], y_range=[0, top, 1], x_length=4.2, y_length=3.0, tips=False,
                    axis_config={"font_size": 22, "color": GREY_B})
        axes.x_axis.add_numbers(range(0, len(costs), 2), font_size=22)
        axes.y_axis.add_numbers(range(0, int(top) + 1, 2), font_size=22)
        x_label = Tex("step", font_size=22).next_to(axes.x_axis, DOWN, buff=0.35)
        first = Dot(axes.c2p(0, costs[0]), color=RED, radius=0.06)
        panel = VGroup(label, readout, VGroup(axes, x_label, first)).arrange(DOWN, buff=0.35).move_to([4.3, 0.5, 0])
        return readout, axes, panel
