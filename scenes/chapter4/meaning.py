"""Chapter 4, segment 4, what the derivatives mean: live what-ifs, averages over examples, the
gradient.

Scenes are listed in :mod:`scenes.chapter4`'s SEGMENTS, which the pipeline renders.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, LaggedStart, Line, Scene,
                   SurroundingRectangle, VGroup, ValueTracker, Write)

from nnmath import ChainRule, Network, backprop, chain_rule, numeric_partial

from scenes.chapter4.data import FD_STEP, TINY_Y, Examples, tiny_examples, tiny_network, tiny_trace
from scenes.chapter4.measures.partials import per_example_partials, sub_network
from scenes.chapter4.mobjects import SIG, SIG_CHECK, LiveNumberLine, bracket_pair, number, table, tex, words
from scenes.common import data as common_data
from scenes.common.captions import caption
from scenes.common.formatting import format_count
from scenes.common.live_number import LiveNumber
from scenes.common.layout import BODY_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREEN, RED, WHITE, YELLOW
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
        self.show_last_layer()
        self.show_live_derivatives()
        self.dim_and_brighten()

    def derivative_at(self, a_prev: float) -> ChainRule:
        """The chain rule for w^(L) if a^(L-1) were ``a_prev``: nnmath on the real last layer
        (remembered for the current value: several updaters ask per frame)."""
        if getattr(self, "_last", (None,))[0] != a_prev:
            self._last = (a_prev, chain_rule(self.last_layer, np.array([a_prev]), TINY_Y, -1, 0, 0))
        return self._last[1]

    def show_last_layer(self) -> None:
        diagram = NetworkDiagram.from_network(self.last_layer, mnist_style=False, radius=0.6,
                                              layer_gap=4.0, output_labels=False, edge_exponent=1.0)
        diagram.to_edge(LEFT, buff=1.4).shift(UP * 1.3)
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
        self.line = LiveNumberLine("a^{(L-1)}", (0.0, 1.0), length=4.2, color=WHITE)
        self.line.next_to(diagram, DOWN, buff=1.6).align_to(diagram, LEFT).shift(RIGHT * 0.6)
        self.line.follow(self.a_prev.get_value)
        note = words("yellow width: how much the cost cares about $w^{(L)}$", color=YELLOW)
        note.next_to(self.line, DOWN, buff=0.5).align_to(self.line, LEFT)
        caption(self, "Back to the factor dz/dw = a^(L-1). Keep the real w^(L) and b^(L), "
                      "but let the previous neuron's activation vary.",
                FadeIn(diagram), FadeIn(care), FadeIn(labels), FadeIn(self.line), FadeIn(note), run_time=1.5)

    def show_live_derivatives(self) -> None:
        size = BODY_FONT_SIZE + 4
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
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.9).to_edge(RIGHT, buff=0.8)
        for row in group:
            row[1].add_updater(lambda m, row=row: m.next_to(row[0], RIGHT, buff=0.2))
        for name, row in rows.items():
            self.shown[name] = row[1]
        caption(self, "Both numbers are recomputed by nnmath's chain rule at every frame.",
                FadeIn(group), run_time=1)

    def dim_and_brighten(self) -> None:
        a0 = self.a_prev.get_value()
        caption(self, "A dim previous neuron: nudging w^(L) hardly moves z^(L), so the cost barely "
                      "cares about this weight.", self.a_prev.animate.set_value(0.03), run_time=2.5)
        caption(self, "A bright one: the same weight now matters much more. Neurons that fire "
                      "together wire together.", self.a_prev.animate.set_value(0.97), run_time=3)
        caption(self, "Back at the real value the network computes for input 0.5.",
                self.a_prev.animate.set_value(a0), run_time=2)


class AverageOverExamples(Scene):
    """Ch4 4.2: dC_k/dw^(L) over 20 seeded training examples, and their average = backprop on the batch."""

    def construct(self) -> None:
        self.shown = Shown()
        net, examples = tiny_network(), tiny_examples()
        self.show_formula()
        cells = self.show_table(net, examples)
        self.compare_targets(cells, examples)
        self.average(net, examples)

    def show_formula(self) -> None:
        formula = tex(r"\frac{\partial C}{\partial w^{(L)}}", "=", r"\frac{1}{n}\sum_{k=0}^{n-1}",
                      r"\frac{\partial C_k}{\partial w^{(L)}}", font_size=BODY_FONT_SIZE + 4)
        formula.to_corner(UP + LEFT, buff=0.45)
        self.formula = formula
        caption(self, "So far: one training example. The full cost C averages the costs C_k of all "
                      "n examples, so its derivative is the average of theirs.", Write(formula), run_time=2)

    def show_table(self, net: Network, examples: Examples) -> list[list[LiveNumber]]:
        xs, ys = examples.xs, examples.ys
        per = per_example_partials(net, xs, ys, -1, 0, 0)
        header = [tex("k"), tex("x_k"), tex("y_k"), tex(r"\partial C_k / \partial w^{(L)}")]
        blocks, cells = [], []
        half = (len(xs) + 1) // 2
        for start in (0, half):
            rows = []
            for k in range(start, min(start + half, len(xs))):
                row = [number(k, decimals=0), number(xs[k, 0], decimals=2),
                       number(ys[k, 0], YELLOW, decimals=0), number(per[k], YELLOW, significant=SIG)]
                self.shown[f"example_{k}"] = row[3]
                rows.append(row)
                cells.append(row)
            blocks.append(table([h.copy() for h in header], rows, v_buff=0.12))
        group = VGroup(*blocks).arrange(RIGHT, buff=1.2, aligned_edge=UP)
        group.next_to(self.formula, DOWN, buff=0.35).set_x(0)
        caption(self, f"{len(xs)} training examples for this one-input network: x drawn at random "
                      "in [0, 1], target y = 1 when x > 0.5. Each row is one backprop.",
                LaggedStart(*[FadeIn(VGroup(*r)) for r in cells], lag_ratio=0.15),
                *[FadeIn(VGroup(b[0], b[2])) for b in blocks], run_time=4)
        return cells

    def compare_targets(self, cells: list[list[LiveNumber]], examples: Examples) -> None:
        ys = examples.ys
        boxes = VGroup(*[SurroundingRectangle(VGroup(*row), color=BLUE if ys[k, 0] > 0.5 else RED,
                                              buff=0.04, stroke_width=1.5)
                         for k, row in enumerate(cells)])
        caption(self, "The untrained network answers about 0.66 for every input, so examples that want 1 "
                      "ask to raise w^(L) (negative derivative), those that want 0 ask to lower it.",
                Create(boxes), run_time=1.5)
        self.play(FadeOut(boxes))

    def average(self, net: Network, examples: Examples) -> None:
        xs, ys = examples.xs, examples.ys
        per = per_example_partials(net, xs, ys, -1, 0, 0)
        batch = float(backprop(net, xs, ys).nabla_w[-1][0, 0])
        mean = tex(r"\frac{1}{n}\sum_k \frac{\partial C_k}{\partial w^{(L)}}", "=",
                   Num(float(np.mean(per)), significant=SIG_CHECK, color=YELLOW),
                   font_size=BODY_FONT_SIZE)
        whole = tex(r"\text{backprop on all } n = %d \text{ at once:}\ " % len(xs),
                    Num(batch, significant=SIG_CHECK, color=GREEN), font_size=BODY_FONT_SIZE)
        results = VGroup(mean, whole).arrange(RIGHT, buff=0.8).to_edge(DOWN, buff=0.35)
        self.shown.update(mean=mean, batch=whole)
        caption(self, "Their average is this weight's entry of the gradient; backprop on the whole batch "
                      "gives the same number.", FadeIn(results, shift=UP * 0.2), run_time=1.5)


class GradientEntryByEntry(Scene):
    """Ch4 4.3: the gradient of the 1-1-1-1 network over the 20 examples, entry by entry, checked."""

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
        whole.move_to(DOWN * 0.1)
        digit_net = common_data.network()
        caption(self, "The gradient lists one such average for every weight and bias: six entries here, "
                      f"{format_count(digit_net.n_parameters)} for the digit network.", FadeIn(nabla),
                FadeIn(brackets), FadeIn(labels), FadeIn(equals), FadeIn(heads), run_time=1.5)
        for value, check in zip(values, checks):
            self.play(FadeIn(value, shift=LEFT * 0.2), FadeIn(check, shift=LEFT * 0.2), run_time=0.8)
        caption(self, "Filled in entry by entry from the chain rule; the finite differences, computed "
                      "without any calculus, agree in every digit shown.", run_time=1)

