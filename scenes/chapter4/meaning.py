"""Chapter 4, segment 4, what the derivatives mean: live what-ifs, averages over examples, the
gradient.

Scenes are listed in :mod:`scenes.chapter4`'s SEGMENTS, which the pipeline renders.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, PI, RIGHT, UP, Arrow, Axes, Circumscribe, Create, Dot, FadeIn, FadeOut, GrowArrow, Indicate,
                   LaggedStart, Line, NumberLine, Scene, SurroundingRectangle, VGroup, VMobject, ValueTracker,
                   Write)

from nnmath import ChainRule, Network, backprop, chain_rule, feedforward, numeric_partial

from scenes.chapter4 import script
from scenes.chapter4.data import FD_STEP, TINY_Y, Examples, tiny_examples, tiny_network, tiny_trace
from scenes.chapter4.measures.partials import per_example_partials, sub_network
from scenes.chapter4.mobjects import (SIG, SIG_CHECK, LiveNumberLine, fit_above_band, bracket_pair, number, table,
                                      tex, words)
from scenes.chapter4.pacing import spoken
from scenes.common import data as common_data
from scenes.common.captions import narrated
from scenes.common.formatting import tex_count
from scenes.common.live_number import LiveNumber
from scenes.common.layout import BODY_FONT_SIZE, CAPTION_BAND_TOP, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num


class DimNeuronWeakWeight(Scene):
    """Ch4 4.1: dz/dw = a^(L-1): a dimmer previous neuron makes w^(L) matter less (live, via nnmath)."""

    def construct(self) -> None:
        self.shown = Shown()
        net = tiny_network()
        self.last_layer = sub_network(net, len(net.weights) - 1)
        self.a_prev = ValueTracker(float(tiny_trace().activations[-2][0]))
        self.shown["a_prev"] = self.a_prev
        self.show_live_derivatives()
        self.show_last_layer()
        self.dim_and_brighten()

    def derivative_at(self, a_prev: float) -> ChainRule:
        """The chain rule for w^(L) if a^(L-1) were ``a_prev``: nnmath on the real last layer
        (remembered for the current value: several updaters ask per frame)."""
        if getattr(self, "_last", (None,))[0] != a_prev:
            self._last = (a_prev, chain_rule(self.last_layer, np.array([a_prev]), TINY_Y, -1, 0, 0))
        return self._last[1]

    def show_last_layer(self) -> None:
        diagram = NetworkDiagram.from_network(self.last_layer, mnist_style=False, radius=0.55,
                                              layer_gap=3.6, output_labels=False, edge_exponent=1.0)
        diagram.to_corner(UP + LEFT, buff=0.9).shift(RIGHT * 0.4 + DOWN * 0.3)
        left, right = diagram.neuron(0, 0), diagram.neuron(1, 0)
        left.add_updater(lambda m: m.set_fill(opacity=self.a_prev.get_value()))
        right.add_updater(lambda m: m.set_fill(opacity=self.derivative_at(self.a_prev.get_value()).a))
        biggest = max(abs(self.derivative_at(a).product) for a in np.linspace(0, 1, 21))
        care = Line(left.get_right(), right.get_left(), color=YELLOW)
        care.add_updater(lambda m: m.set_stroke(
            width=12 * abs(self.derivative_at(self.a_prev.get_value()).product) / biggest))
        labels = VGroup(tex("a^{(L-1)}").next_to(left, DOWN, buff=0.3),
                        tex("a^{(L)}").next_to(right, DOWN, buff=0.3),
                        tex("w^{(L)}").next_to(care, UP, buff=0.3))
        self.line = LiveNumberLine("a^{(L-1)}", (0.0, 1.0), length=4.6, color=WHITE, tick=0.2)
        self.line.next_to(diagram, DOWN, buff=1.3).align_to(diagram, LEFT).shift(RIGHT * 0.6)
        self.line.follow(self.a_prev.get_value)
        note = words("yellow width: how much the cost cares about $w^{(L)}$", color=YELLOW)
        note.next_to(self.line, DOWN, buff=0.5).align_to(diagram, LEFT)
        self.left_side = VGroup(diagram, care, labels, self.line, note)
        self.plot = self.derivative_plot()
        spoken(self, script.dim_setup(), FadeIn(diagram), FadeIn(care), FadeIn(labels), FadeIn(self.line),
               FadeIn(note), FadeIn(self.live), FadeIn(self.plot[0]), Create(self.plot[1]), FadeIn(self.plot[2:]))

    def derivative_plot(self) -> VGroup:
        """dC0/dw^(L) against a^(L-1) (nnmath's chain rule at every sample), with a dot at the current value."""
        samples = np.linspace(0.0, 1.0, 41)
        values = [self.derivative_at(a).product for a in samples]
        low = min(0.0, min(values))
        high = max(0.0, max(values))
        axes = Axes(x_range=[0, 1, 0.2], y_range=[low * 1.1, high * 1.1 + 1e-9, _plot_step(high - low)],
                    x_length=4.6, y_length=2.6, tips=False,
                    axis_config={"stroke_width": 1.5, "color": GREY_B, "include_numbers": True,
                                 "font_size": SMALL_FONT_SIZE - 6})
        curve = VMobject(color=YELLOW, stroke_width=3).set_points_smoothly(
            [axes.c2p(a, v) for a, v in zip(samples, values)])
        dot = Dot(color=YELLOW, radius=0.08)
        dot.add_updater(lambda m: m.move_to(axes.c2p(self.a_prev.get_value(),
                                                     self.derivative_at(self.a_prev.get_value()).product)))
        x_label = tex("a^{(L-1)}", font_size=SMALL_FONT_SIZE).next_to(axes.x_axis, RIGHT, buff=0.2)
        y_label = tex(r"\frac{\partial C_0}{\partial w^{(L)}}", font_size=SMALL_FONT_SIZE)
        y_label.next_to(axes.y_axis, UP, buff=0.45)
        group = VGroup(axes, curve, dot, x_label, y_label)
        group.to_edge(RIGHT, buff=0.4)
        group.shift(UP * (CAPTION_BAND_TOP + 0.25 - group.get_bottom()[1]))
        return group

    def show_live_derivatives(self) -> None:
        size = BODY_FONT_SIZE + 2
        rows = {}
        for name, lhs, value_of, color in (
                ("dz_dw", r"\frac{\partial z^{(L)}}{\partial w^{(L)}} = a^{(L-1)} =",
                 lambda c: c.factors[0], WHITE),
                ("dc_dw", r"\frac{\partial C_0}{\partial w^{(L)}} =", lambda c: c.product, YELLOW)):
            label = tex(lhs, font_size=size)
            number = LiveNumber(value_of(self.derivative_at(self.a_prev.get_value())), decimals=4,
                                include_sign=True, font_size=size, color=color)
            number.add_updater(lambda m, f=value_of: m.set_value(f(self.derivative_at(self.a_prev.get_value()))))
            rows[name] = VGroup(label, number)
        group = VGroup(*rows.values())
        for row in group:
            row[1].next_to(row[0], RIGHT, buff=0.2)
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.5).to_corner(UP + RIGHT, buff=0.6)
        for row in group:
            row[1].add_updater(lambda m, row=row: m.next_to(row[0], RIGHT, buff=0.2))
        for name, row in rows.items():
            self.shown[name] = row[1]
        self.live = group

    def dim_and_brighten(self) -> None:
        a0 = self.a_prev.get_value()
        dim, bright = DIM, BRIGHT
        self.shown["dim"] = self.derivative_at(dim).product
        self.shown["bright"] = self.derivative_at(bright).product
        spoken(self, script.dim(dim, self.derivative_at(dim).product), self.a_prev.animate.set_value(dim))
        spoken(self, script.bright(bright, self.derivative_at(bright).product),
               self.a_prev.animate.set_value(bright))
        spoken(self, script.back_to_real(a0), self.a_prev.animate.set_value(a0))


#: The dim and bright previous activations of "What do the derivatives mean?".
DIM = 0.03
BRIGHT = 0.97


def _plot_step(span: float) -> float:
    """A round tick spacing giving 2-5 labelled ticks over ``span``."""
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5):
        if span / step <= 5:
            return step
    return 1.0


class AverageOverExamples(Scene):
    """Ch4 4.2: dC_k/dw^(L) over seeded training examples, filled row by row, and their average = backprop
    on the batch."""

    def construct(self) -> None:
        self.shown = Shown()
        net, examples = tiny_network(), tiny_examples()
        self.per = per_example_partials(net, examples.xs, examples.ys, -1, 0, 0)
        self.outputs = feedforward(net, examples.xs).activations[-1][:, 0]
        self.show_formula()
        cells = self.show_table(examples)
        self.compare_targets(cells)
        self.average(net, examples)

    def show_formula(self) -> None:
        formula = tex(r"\frac{\partial C}{\partial w^{(L)}}", "=", r"\frac{1}{n}\sum_{k=0}^{n-1}",
                      r"\frac{\partial C_k}{\partial w^{(L)}}", font_size=BODY_FONT_SIZE + 2)
        formula.to_corner(UP + LEFT, buff=0.4)
        self.formula = formula
        spoken(self, script.average_formula(), Write(formula))

    def show_table(self, examples: Examples) -> list[list[LiveNumber]]:
        xs, ys = examples.xs, examples.ys
        header = [tex("k"), tex("x_k"), tex("y_k"), tex(r"\partial C_k / \partial w^{(L)}")]
        rows = []
        for k in range(len(xs)):
            color = BLUE if self.per[k] < 0 else RED
            row = [number(k, decimals=0), number(xs[k, 0], decimals=2),
                   number(ys[k, 0], YELLOW, decimals=2), number(self.per[k], color, significant=SIG)]
            self.shown[f"example_{k}"] = row[3]
            rows.append(row)
        grid = table(header, rows, v_buff=0.1)
        grid.next_to(self.formula, DOWN, buff=0.3).to_edge(LEFT, buff=0.8)
        if grid.get_bottom()[1] < CAPTION_BAND_TOP + 0.1:
            grid.scale((grid.get_top()[1] - CAPTION_BAND_TOP - 0.1) / grid.height, about_edge=UP + LEFT)
        self.grid = grid
        self.targets = self.target_line(ys[:, 0])
        output = float(np.mean(self.outputs))
        self.shown["output"] = output
        with narrated(self, script.copy_examples(len(xs), output)):
            self.play(FadeIn(grid[0]), Create(grid[2]), FadeIn(self.targets["line"]),
                      FadeIn(self.targets["output"]), run_time=1.2)
            for k, row in enumerate(grid[1]):
                self.play(FadeIn(row, shift=LEFT * 0.2), FadeIn(self.targets["dots"][k], scale=1.5),
                          GrowArrow(self.targets["arrows"][k]), run_time=0.45)
        return [list(row) for row in grid[1]]

    def target_line(self, ys: np.ndarray) -> dict[str, VGroup]:
        """A vertical 0..1 line: the toy network's output, each example's target and an arrow towards it."""
        line = NumberLine(x_range=[0, 1, 0.2], length=4.0, rotation=PI / 2, include_numbers=True,
                          label_direction=LEFT, font_size=SMALL_FONT_SIZE - 4, color=GREY_B,
                          decimal_number_config={"num_decimal_places": 1, "color": GREY_B})
        line.move_to(RIGHT * 2.2).shift(UP * (CAPTION_BAND_TOP + 0.4 - line.get_bottom()[1]))
        out = float(np.mean(self.outputs))
        marker = Line(line.n2p(out) + LEFT * 0.25, line.n2p(out) + RIGHT * 2.6, color=WHITE, stroke_width=3)
        label = words("its output", color=WHITE).next_to(marker, RIGHT, buff=0.15)
        n = len(ys)
        dots, arrows = VGroup(), VGroup()
        for k, y in enumerate(ys):
            x = line.get_x() + 0.45 + 2.0 * k / max(n - 1, 1)
            color = BLUE if self.per[k] < 0 else RED
            dots.add(Dot([x, line.n2p(float(y))[1], 0], radius=0.07, color=YELLOW))
            arrows.add(Arrow([x, line.n2p(out)[1], 0], [x, line.n2p(float(y))[1], 0], buff=0.06, color=color,
                             stroke_width=3, max_tip_length_to_length_ratio=0.3, tip_length=0.14))
        head = words("targets $y_k = x_k$", color=YELLOW).next_to(line, UP, buff=0.2)
        return {"line": VGroup(line, head), "output": VGroup(marker, label), "dots": dots, "arrows": arrows}

    def compare_targets(self, cells: list[list[LiveNumber]]) -> None:
        above = int(np.sum(self.per < 0))
        below = len(self.per) - above
        self.shown["above"], self.shown["below"] = above, below
        raise_rows = [k for k in range(len(cells)) if self.per[k] < 0]
        lower_rows = [k for k in range(len(cells)) if self.per[k] >= 0]
        raise_boxes = VGroup(*[SurroundingRectangle(VGroup(*cells[k]), color=BLUE, buff=0.04, stroke_width=1.5)
                               for k in raise_rows])
        lower_boxes = VGroup(*[SurroundingRectangle(VGroup(*cells[k]), color=RED, buff=0.04, stroke_width=1.5)
                               for k in lower_rows])
        arrows = self.targets["arrows"]
        with narrated(self, script.ask_each_way(above, below)):
            self.play(LaggedStart(*[Create(b) for b in raise_boxes], lag_ratio=0.2),
                      *[Indicate(arrows[k], color=BLUE) for k in raise_rows], run_time=2)
            self.play(LaggedStart(*[Create(b) for b in lower_boxes], lag_ratio=0.2),
                      *[Indicate(arrows[k], color=RED) for k in lower_rows], run_time=2)
        self.play(FadeOut(raise_boxes), FadeOut(lower_boxes), run_time=0.5)

    def average(self, net: Network, examples: Examples) -> None:
        xs, ys = examples.xs, examples.ys
        batch = float(backprop(net, xs, ys).nabla_w[-1][0, 0])
        mean = tex(r"\frac{1}{n}\sum_k \frac{\partial C_k}{\partial w^{(L)}}", "=",
                   Num(float(np.mean(self.per)), significant=SIG_CHECK, color=YELLOW), font_size=BODY_FONT_SIZE)
        whole = tex(r"\text{backprop on all } n = " + tex_count(len(xs)) + r"\text{ at once:}\ ",
                    Num(batch, significant=SIG_CHECK, color=GREEN), font_size=BODY_FONT_SIZE - 4)
        results = VGroup(mean, whole).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        results.next_to(self.formula, RIGHT, buff=0.8).align_to(self.formula, UP)
        results.shift(RIGHT * max(0.0, self.grid.get_right()[0] + 0.4 - results.get_left()[0]))
        if results.get_right()[0] > 6.9:
            results.shift(LEFT * (results.get_right()[0] - 6.9))
        self.shown.update(mean=mean, batch=whole)
        spoken(self, script.average(float(np.mean(self.per))),
               FadeOut(self.targets["line"][1]), FadeIn(mean, shift=UP * 0.2),
               FadeIn(whole, shift=UP * 0.2), Circumscribe(VGroup(*[row[3] for row in self.grid[1]]), color=YELLOW))


class GradientEntryByEntry(Scene):
    """Ch4 4.3: the gradient of the 1-1-1-1 network over the seeded examples, entry by entry, checked."""

    def construct(self) -> None:
        self.shown = Shown()
        labels, values, checks = self.build_columns(tiny_network(), tiny_examples())
        self.fill_in(labels, values, checks)

    def build_columns(self, net: Network, examples: Examples) -> tuple[VGroup, VGroup, VGroup]:
        xs, ys = examples.xs, examples.ys
        g = backprop(net, xs, ys)
        names = ("L-2", "L-1", "L")
        labels, values, checks = VGroup(), VGroup(), VGroup()
        size = BODY_FONT_SIZE
        for layer, name in enumerate(names):
            for kind, k in (("w", 0), ("b", None)):
                label = tex(r"\frac{\partial C}{\partial %s^{(%s)}}" % (kind, name), font_size=size)
                exact = g.nabla_w[layer][0, 0] if k is not None else g.nabla_b[layer][0]
                value = number(exact, YELLOW, size, significant=SIG_CHECK)
                check = number(numeric_partial(net, xs, ys, layer, 0, k, h=FD_STEP), GREEN, size,
                               significant=SIG_CHECK)
                key = f"{kind}{layer}"
                self.shown[f"grad_{key}"], self.shown[f"fd_{key}"] = value, check
                labels.add(label)
                values.add(value)
                checks.add(check)
        labels.arrange(DOWN, buff=0.22)
        for v, c, l in zip(values, checks, labels):
            v.move_to([0, l.get_y(), 0])
            c.move_to([0, l.get_y(), 0])
        values.next_to(labels, RIGHT, buff=1.6)
        checks.next_to(values, RIGHT, buff=1.6)
        for col in (values, checks):
            for m, l in zip(col, labels):
                m.set_y(l.get_y())
        return labels, values, checks

    def fill_in(self, labels: VGroup, values: VGroup, checks: VGroup) -> None:
        nabla = tex(r"\nabla C", "=", font_size=BODY_FONT_SIZE + 8).next_to(labels, LEFT, buff=0.5)
        brackets = VGroup(*[bracket_pair(col) for col in (labels, values)])
        equals = tex("=", font_size=BODY_FONT_SIZE + 8).move_to(
            (labels.get_right() + values.get_left()) / 2)
        heads = VGroup(words("chain rule, averaged", color=YELLOW).next_to(values, UP, buff=0.45),
                       words("finite differences", color=GREEN).next_to(checks, UP, buff=0.45))
        whole = VGroup(nabla, labels, values, checks, brackets, equals, heads)
        fit_above_band(whole, top=3.6)
        whole.set_x(0)
        digit_net = common_data.network()
        spoken(self, script.gradient_vector(len(labels), digit_net.n_parameters), FadeIn(nabla),
               FadeIn(brackets), LaggedStart(*[FadeIn(l, shift=RIGHT * 0.2) for l in labels], lag_ratio=0.3),
               FadeIn(equals), FadeIn(heads))
        with narrated(self, script.entries_agree()):
            for value, check in zip(values, checks):
                self.play(FadeIn(value, shift=LEFT * 0.2), FadeIn(check, shift=LEFT * 0.2), run_time=0.9)
