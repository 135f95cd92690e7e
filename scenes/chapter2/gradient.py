"""Chapter 2's gradient segments: reading the gradient's entries, and the descent recap.

Scene classes are listed for rendering in :mod:`scenes.chapter2` (``SEGMENTS``).
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Axes, ChangeDecimalToValue, Create, DashedLine, DecimalNumber,
                   Dot, FadeIn, FadeOut, GrowArrow, LaggedStart, Line, ManimColor, MathTex, Polygon, Scene, Tex,
                   VGroup, Write)

from nnmath import BOWL_2D
from scenes.chapter2 import data as d
from scenes.chapter2.measures.gradient_reading import Thresholds, nudge_words
from scenes.chapter2.mobjects import LevelMap, line_graph, place_diagram
from scenes.common.captions import caption
from scenes.common.formatting import format_count, tex_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.numbers import DecimalColumn
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, TEAL, YELLOW
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
        caption(self, f"Each of the {format_count(len(values))} gradient entries says how much the cost cares about "
                      "one parameter. Sorted by size:",
                Create(axes), FadeIn(labels), Create(curve), FadeIn(area), run_time=2)
        nonzero = mags[mags > 0]
        decades = int(np.floor(np.log10(nonzero[0] / nonzero[-1])))
        caption(self, f"On a log scale: they span over {decades} powers of ten, and a few dominate.")
        thresholds = d.thresholds()
        bands = self.bands(axes, thresholds, len(values))
        caption(self, "In thirds: change a lot, somewhat, a little.", FadeIn(bands))
        listing = self.listing(thresholds).to_corner(UP + RIGHT, buff=0.5).shift(LEFT * 0.3)
        top_layers = {d.parameter(int(i)).layer for i in order[:3]}
        where = " (all in the output layer)" if top_layers == {len(d.fresh().weights) - 1} else ""
        caption(self, f"Read out: the three largest{where}, the middle one, one from the bottom third.",
                LaggedStart(*[FadeIn(row) for row in listing], lag_ratio=0.25), run_time=2)
        zeros = d.zero_gradient_entries()
        caption(self, f"Not drawn: {format_count(zeros)} exact zeros, weights from pixels blank in every training "
                      "image.")
        self.play(*[FadeOut(m) for m in self.mobjects])

    def curve(self, mags: np.ndarray) -> tuple[Axes, VGroup, VGroup, Polygon]:
        """Sorted nonzero magnitudes on a log scale; y is drawn as ``log10|g| - bottom`` so the x-axis sits low."""
        nonzero = mags[mags > 0]
        n = len(mags)
        self.bottom = int(np.floor(np.log10(nonzero[-1])))
        axes = Axes(x_range=[0, n, 2000], y_range=[0, -self.bottom, 5], x_length=6.2, y_length=4.8, tips=False,
                    axis_config={"font_size": 22, "color": GREY_B})
        axes.x_axis.add_numbers(range(0, n + 1, 4000), font_size=22, num_decimal_places=0, group_with_commas=True)
        axes.to_corner(DOWN + LEFT, buff=0.7).shift(RIGHT * 0.6)
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
        diagram = place_diagram(NetworkDiagram.from_network(net, edge_keep=0.4), 5.8, [-3.6, -0.4, 0])
        caption(self, f"Of the {net.weights[-1].size} weights into the output layer, which matters most, which "
                      "least?", diagram.fade_in(), run_time=1.5)
        self.shown = Shown(most=most, least=least)
        for key, index, color, words in (("most", most, YELLOW, "This weight matters a lot"),
                                         ("least", least, TEAL, "Who even cares about this one?")):
            edge, label, formula = self.mark(diagram, index, gradient[index], color, words)
            self.shown[f"{key}_formula"] = formula
            caption(self, f"{words}: ", Create(edge), FadeIn(label), hold=False)
            self.wait(2.2)
        ratio = abs(gradient[most]) / abs(gradient[least])
        caption(self, f"Found, not picked: nudging the first moves the cost {ratio:,.0f} times as much.")
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
        label.move_to([3.6, 1.6 if color == YELLOW else -0.6, 0])
        return edge, label, formula

    def bowl(self) -> None:
        half, n = 2.0, 50
        axis = np.linspace(-half, half, n)
        uu, vv = np.meshgrid(axis, axis)
        bowl = LevelMap(BOWL_2D(np.stack([uu, vv], axis=-1)), 5.4, 5.4).move_to([-3.4, -0.3, 0])
        formula = MathTex(r"C(x, y) = " + BOWL_2D.tex, font_size=BODY_FONT_SIZE).next_to(bowl, UP, buff=0.25)
        p = np.array([1.0, 1.0])
        g = BOWL_2D.gradient(p)
        column = DecimalColumn(g, num_decimal_places=1, font_size=BODY_FONT_SIZE)
        readout = VGroup(MathTex(r"\nabla C(1, 1) =", font_size=BODY_FONT_SIZE, color=GREEN), column).arrange(RIGHT, buff=0.2)
        readout.move_to([3.3, 1.2, 0])
        self.shown["bowl_gradient"] = column
        here = bowl.point((p[0] + half) / (2 * half), (p[1] + half) / (2 * half))
        scale = 1.2 / float(np.linalg.norm(g))  # drawn 1.2 long: its direction is the point here
        arrow = Arrow(here, here + scale * np.array([g[0], g[1], 0.0]), buff=0, color=GREEN, stroke_width=6)
        caption(self, "Same reading on a bowl: at (1, 1) the gradient is (3, 1).",
                FadeIn(bowl), Write(formula), FadeIn(readout), GrowArrow(arrow), run_time=1.5)
        note = Tex(r"$x$ matters 3 times as much as $y$", font_size=BODY_FONT_SIZE).next_to(readout, DOWN, buff=0.6)
        caption(self, "A direction to walk, or how much each input matters: x three times as much as y.",
                FadeIn(note))
        self.play(*[FadeOut(m) for m in self.mobjects])


class GradientDescentRecap(Scene):
    """Ch2 7: real full-batch steps: recompute the gradient, step, and the cost falls."""

    def construct(self) -> None:
        run = d.recap_run()
        net = d.fresh()
        self.diagram = place_diagram(NetworkDiagram.from_network(net, edge_keep=0.4), 5.8, [-2.8, -0.3, 0])
        readout, axes = self.cost_panel(run.costs)
        self.shown = Shown(cost=readout, costs_shown=[])
        caption(self, f"Recap, for real: full gradient descent from the fresh network, on the first "
                      f"{format_count(d.RECAP_IMAGES)} training images.",
                self.diagram.fade_in(), run_time=1.5)
        for t in range(d.RECAP_STEPS):
            slow = t == 0
            sweep = self.diagram.gradient_sweep(d.recap_gradient(t), layer_time=0.8 if slow else 0.3)
            if slow:
                caption(self, "Compute the gradient: orange edges shrink, blue grow.", sweep)
            else:
                self.play(sweep)
            weights = net.with_flat(run.thetas[t + 1]).weights
            cost = float(run.costs[t + 1])
            dot = Dot(axes.c2p(t + 1, cost), color=RED, radius=0.06)
            step = [*[self.diagram.restyle_edges(i, w) for i, w in enumerate(weights)],
                    ChangeDecimalToValue(readout, cost),
                    Create(Line(axes.c2p(t, run.costs[t]), dot.get_center(), color=RED)), FadeIn(dot)]
            self.shown["costs_shown"].append(cost)
            if slow:
                caption(self, f"Step by {d.RECAP_ETA:g} times minus it. Recompute, repeat.",
                        *step, run_time=1.2)
            else:
                self.play(*step, run_time=0.7)
        caption(self, f"{d.RECAP_STEPS} steps: {run.costs[0]:.2f} down to {run.costs[-1]:.2f}. Learning is "
                      "just this: walking downhill.")
        self.play(*[FadeOut(m) for m in self.mobjects])

    def cost_panel(self, costs: np.ndarray) -> tuple[DecimalNumber, Axes]:
        label = Tex(r"Mean cost, first " + tex_count(d.RECAP_IMAGES) + " images", font_size=SMALL_FONT_SIZE)
        readout = DecimalNumber(float(costs[0]), num_decimal_places=3, font_size=BODY_FONT_SIZE + 8, color=RED)
        top = float(np.ceil(costs.max()))
        axes = Axes(x_range=[0, len(costs) - 1, 1], y_range=[0, top, 1], x_length=4.2, y_length=3.0, tips=False,
                    axis_config={"font_size": 22, "color": GREY_B})
        axes.x_axis.add_numbers(range(0, len(costs), 2), font_size=22)
        axes.y_axis.add_numbers(range(0, int(top) + 1, 2), font_size=22)
        x_label = Tex("step", font_size=22).next_to(axes.x_axis, DOWN, buff=0.35)
        panel = VGroup(label, readout, VGroup(axes, x_label)).arrange(DOWN, buff=0.35).move_to([4.3, 0, 0])
        self.play(FadeIn(panel), FadeIn(Dot(axes.c2p(0, costs[0]), color=RED, radius=0.06)))
        return readout, axes
