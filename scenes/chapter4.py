"""Chapter 4, "Backpropagation calculus": the chain rule on real numbers.

Segments follow the post's timeline. Every number on screen comes from
:mod:`nnmath` (the seeded 1-1-1-1 and 3-3-2 networks of
:mod:`scenes.chapter4_parts`, and the trained 784-16-16-10 network); each
scene keeps the formulas it shows in ``self.formulas`` (name -> ValuedTex)
so the tests can read the numbers back from the mobjects.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Brace, Create, FadeIn, FadeOut,
                   Indicate, LaggedStart, Line, Scene, SurroundingRectangle, ValueTracker, VGroup,
                   Write)

from nnmath import backprop, chain_rule, cost, feedforward, numeric_partial, sigmoid_prime
from nnmath.chain_paths import factor_tree, path_product
from nnmath.gradcheck import check_partials, pick_weights
from nnmath.partials import (numeric_activation_partial, per_example_partials, sub_network,
                             with_parameter)
from scenes.chapter4_parts import (CHECK_PER_LAYER, CHECK_SEED, INDEXED_X, INDEXED_Y,
                                   TINY_GRAPH_SHORT, TINY_X, TINY_Y, LiveNumberLine, align_on_equals,
                                   bracket_pair, equals_sign,
                                   distance_to_target, indexed_network, real_example,
                                   sigmoid_with_tangent, table, tex, tiny_examples, tiny_graph,
                                   tiny_network, tiny_trace, words)
from scenes.common.captions import caption
from scenes.common.digit import DigitImage
from scenes.common.live_number import LiveNumber
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.numbers import DecimalColumn
from scenes.common.palette import BLACK, BLUE, GREEN, GREY_B, MAROON_B, RED, WHITE, YELLOW
from scenes.common.valued_tex import Num, ValuedTex

TITLE = "Backpropagation calculus"
YOUTUBE_ID = "tIeHLnjs5U8"

#: Significant digits of a derivative on screen, and of a value set beside its check.
SIG = 4
SIG_CHECK = 7
#: Step of every finite difference on screen.
FD_STEP = 1e-5


def fd(value: float) -> Num:
    """A finite-difference estimate, typeset with the derivative's digits."""
    return Num(value, significant=SIG_CHECK, color=GREEN)


def number(value: float, color=WHITE, font_size: float = BODY_FONT_SIZE, **digits: int) -> LiveNumber:
    """A table cell: a number drawn from cached glyphs (no LaTeX run), ``decimals=`` or ``significant=``."""
    return LiveNumber(float(value), font_size=font_size, color=color, **digits)


def product_parts(values, significant: int = SIG) -> list:
    """``a \times b \times (c)``: the parts of a product of real factors, negatives in parentheses."""
    parts: list = []
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


# ============================================================================ The Chain Rule in networks


class SimplestNetwork(Scene):
    """Ch4 2.1: a 1-1-1-1 network with real weights; its last two neurons and the cost."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        net, trace = tiny_network(), tiny_trace()
        diagram = self.show_network(net, trace)
        self.name_parameters(net, diagram)
        self.focus_on_last_two(diagram)
        target = self.show_desired_output(diagram)
        self.show_cost(trace, diagram, target)

    def show_network(self, net, trace) -> NetworkDiagram:
        diagram = NetworkDiagram.from_network(net, mnist_style=False, radius=0.42, layer_gap=2.9,
                                              output_labels=False, edge_exponent=1.0)
        diagram.move_to(LEFT * 1.3 + DOWN * 0.3)
        diagram.set_activations(trace)
        values = VGroup(*[diagram.show_values(l, trace, num_decimal_places=2) for l in range(4)])
        self.activation_values = values
        caption(self, "The simplest network: one neuron per layer, with seeded random weights "
                      "and biases. Its input is 0.5.",
                diagram.create(), FadeIn(values), run_time=2)
        return diagram

    def name_parameters(self, net, diagram: NetworkDiagram) -> None:
        labels = VGroup()
        for i in range(3):
            w = tex(f"w_{i + 1}", "=", Num(net.weights[i][0, 0]), font_size=SMALL_FONT_SIZE)
            w.next_to(diagram.edges[i], UP, buff=0.25)
            b = tex(f"b_{i + 1}", "=", Num(net.biases[i][0]), font_size=SMALL_FONT_SIZE)
            b.next_to(diagram.neuron(i + 1, 0), DOWN, buff=0.3)
            w[0].set_color(BLUE)
            b[0].set_color(MAROON_B)
            labels.add(w, b)
            self.formulas[f"w{i + 1}"], self.formulas[f"b{i + 1}"] = w, b
        cost_of_all = tex("C(", "w_1", ",", "b_1", ",", "w_2", ",", "b_2", ",", "w_3", ",", "b_3", ")",
                          font_size=BODY_FONT_SIZE).to_edge(UP, buff=0.6)
        cost_of_all[0].set_color(RED)
        for part in cost_of_all[1::4]:
            part.set_color(BLUE)
        for part in cost_of_all[3::4]:
            part.set_color(MAROON_B)
        caption(self, "Three weights and three biases: the cost is a function of these six numbers.",
                FadeIn(labels), Write(cost_of_all), run_time=2)
        self.parameter_labels, self.cost_of_all = labels, cost_of_all

    def focus_on_last_two(self, diagram: NetworkDiagram) -> None:
        early = VGroup(diagram.layers[0], diagram.layers[1], diagram.edges[0], diagram.edges[1],
                       self.activation_values[0], self.activation_values[1])
        labels = VGroup()
        for l, name in ((2, "a^{(L-1)}"), (3, "a^{(L)}")):
            label = tex(name, font_size=BODY_FONT_SIZE).next_to(diagram.neuron(l, 0), DOWN, buff=0.35)
            labels.add(label)
        caption(self, "Focus on the last two neurons. Their activations are a^(L) and a^(L-1): "
                      "the superscripts name layers, they are not exponents.",
                early.animate.set_opacity(0.2), FadeOut(self.parameter_labels), FadeOut(self.cost_of_all),
                FadeIn(labels), run_time=1.5)
        self.a_labels = labels

    def show_desired_output(self, diagram: NetworkDiagram) -> VGroup:
        neuron = diagram.neuron(3, 0).copy().set_fill(opacity=TINY_Y[0])
        neuron.shift(RIGHT * 2.4)
        value = tex(Num(TINY_Y[0]), font_size=SMALL_FONT_SIZE).set_color(GREY_B if TINY_Y[0] < 0.8 else BLACK)
        value.move_to(neuron)
        box = SurroundingRectangle(neuron, color=YELLOW, buff=0.12)
        label = tex("y", font_size=BODY_FONT_SIZE).next_to(neuron, DOWN, buff=0.35)
        label.align_to(self.a_labels, DOWN)
        heading = words("desired output", color=YELLOW).next_to(box, UP, buff=0.15)
        self.formulas["y"] = value
        target = VGroup(neuron, value, box, label, heading)
        caption(self, "For this training example we want the last activation to be y = 1.",
                FadeIn(target), run_time=1)
        return target

    def show_cost(self, trace, diagram: NetworkDiagram, target: VGroup) -> None:
        a, y = float(trace.output[0]), float(TINY_Y[0])
        general = tex("C_0", "=", "(", "a^{(L)}", "-", "y", ")^2", font_size=BODY_FONT_SIZE + 4)
        worked = tex("=", "(", Num(a), "-", Num(y), ")^2", "=", Num(cost(trace.output, TINY_Y)),
                     font_size=BODY_FONT_SIZE + 4)
        worked[-1].set_color(RED)
        block = VGroup(general, worked).arrange(RIGHT, buff=0.2).to_edge(UP, buff=0.7)
        self.formulas["cost"] = worked
        caption(self, "The cost of this one example, C0, is the squared difference between "
                      "what the network gives and what we want.", Write(general), run_time=1.5)
        caption(self, "With the real numbers: about 0.11.", FadeIn(worked, shift=LEFT * 0.2))
        self.wait(0.5)


class WeightedSumTree(Scene):
    """Ch4 2.2: z = w a + b, a = sigma(z), C0 = (a - y)^2 with real values, and the tree they form."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        self.write_formulas()
        graph = self.draw_graph()
        self.extend_graph(graph)

    def write_formulas(self) -> None:
        net, t = tiny_network(), tiny_trace()
        w, b = float(net.weights[-1][0, 0]), float(net.biases[-1][0])
        a_prev, z, a = float(t.activations[-2][0]), float(t.zs[-1][0]), float(t.output[0])
        size = BODY_FONT_SIZE
        z_def = tex("z^{(L)}", "=", "w^{(L)}", "a^{(L-1)}", "+", "b^{(L)}", font_size=size)
        z_val = tex("=", "(", Num(w), ")(", Num(a_prev), ")", "+", Num(b), "=", Num(z), font_size=size)
        a_def = tex("a^{(L)}", "=", r"\sigma", "(", "z^{(L)}", ")", font_size=size)
        a_val = tex("=", r"\sigma", "(", Num(z), ")", "=", Num(a), font_size=size)
        c_def = tex("C_0", "=", "(", "a^{(L)}", "-", "y", ")^2", font_size=size)
        c_val = tex("=", "(", Num(a), "-", Num(float(TINY_Y[0])), ")^2", "=",
                    Num(cost(t.output, TINY_Y)), font_size=size)
        pairs = []
        for d, v in ((z_def, z_val), (a_def, a_val), (c_def, c_val)):
            v.next_to(d, DOWN, buff=0.25)
            v.shift(RIGHT * (d[1].get_x() - v[0].get_x()))
            pairs.append(VGroup(d, v))
        rows = VGroup(*pairs).arrange(DOWN, aligned_edge=LEFT, buff=0.6)
        rows.move_to(RIGHT * 2.6)
        self.formulas.update(z=z_val, a=a_val, cost=c_val)
        caption(self, "The last activation is a weighted sum, w^(L) times a^(L-1) plus b^(L), "
                      "pushed through the sigmoid.", Write(VGroup(z_def, a_def)), run_time=2)
        caption(self, "Name the weighted sum z^(L). With the real numbers, each line follows from the one above.",
                FadeIn(VGroup(z_val, a_val)), run_time=1.5)
        caption(self, "And the cost follows from a^(L) and y.", FadeIn(VGroup(c_def, c_val)), run_time=1)
        self.rows = rows

    def draw_graph(self):
        graph = tiny_graph().to_edge(LEFT, buff=0.7)
        self.graph = graph
        short = graph.part(TINY_GRAPH_SHORT)
        caption(self, "As a tree: w^(L), a^(L-1) and b^(L) make z^(L); z^(L) makes a^(L); "
                      "a^(L) and y make the cost.", Create(short, lag_ratio=0.1), run_time=3)
        return graph

    def extend_graph(self, graph) -> None:
        upper = graph.part(("wL1", "aL2", "bL1", "zL1", "aL1"))
        upper.remove(graph.nodes["aL1"])
        caption(self, "a^(L-1) has a weight, a bias and an activation of its own, and so on back "
                      "through the network. Every value in the tree is computed, none typed in.",
                FadeIn(upper.set_opacity(0.45)), run_time=1.5)


class NudgingTheWeight(Scene):
    """Ch4 2.3: nudge w^(L) on its number line; z^(L), a^(L) and C0 move on theirs (nnmath updaters)."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        self.graph = tiny_graph(long=False).to_edge(LEFT, buff=0.7)
        self.add(self.graph)
        self.lines = self.build_number_lines()
        self.sweep_the_weight()
        self.name_the_chain_rule()

    def values_at(self, w: float) -> dict[str, float]:
        """z^(L), a^(L) and C0 of the network whose w^(L) is ``w``, from nnmath
        (remembered for the current ``w``: four number lines ask per frame)."""
        if getattr(self, "_last", (None,))[0] != w:
            trace = feedforward(with_parameter(tiny_network(), -1, 0, 0, w), TINY_X)
            self._last = (w, {"w": w, "z": float(trace.zs[-1][0]), "a": float(trace.output[0]),
                              "C0": cost(trace.output, TINY_Y)})
        return self._last[1]

    def build_number_lines(self) -> dict[str, LiveNumberLine]:
        w0 = float(tiny_network().weights[-1][0, 0])
        self.w = ValueTracker(w0)
        self.sweep = (w0 - 1.0, w0 + 1.0)
        visited = [self.values_at(w) for w in np.linspace(*self.sweep, 41)]
        lines: dict[str, LiveNumberLine] = {}
        for name, symbol, color in (("w", "w^{(L)}", BLUE), ("z", "z^{(L)}", GREEN),
                                    ("a", "a^{(L)}", WHITE), ("C0", "C_0", RED)):
            lo, hi = min(v[name] for v in visited), max(v[name] for v in visited)
            pad = 0.1 * (hi - lo)
            line = LiveNumberLine(symbol, (lo - pad, hi + pad), length=5.2, color=color)
            lines[name] = line
        group = VGroup(*lines.values()).arrange(DOWN, buff=0.75, aligned_edge=RIGHT)
        group.to_edge(RIGHT, buff=0.6).shift(UP * 0.9)
        for name, line in lines.items():
            line.follow(lambda name=name: self.values_at(self.w.get_value())[name])
        caption(self, "Give each quantity its own number line, at its real value.",
                FadeIn(group), run_time=1.5)
        return lines

    def sweep_the_weight(self) -> None:
        path = self.graph.path(("wL", "zL", "aL", "C0"))
        w0 = self.w.get_value()
        caption(self, "Nudge the weight w^(L): z^(L) moves, so a^(L) moves, so the cost moves. "
                      "Every dot is recomputed by nnmath at every frame.",
                self.w.animate.set_value(self.sweep[1]), path.animate.set_color(YELLOW), run_time=2.5)
        self.play(self.w.animate.set_value(self.sweep[0]), run_time=3)
        caption(self, "How sensitive is the cost to this weight? That ratio of tiny changes is "
                      "the derivative of C0 with respect to w^(L).",
                self.w.animate.set_value(w0), run_time=2)

    def name_the_chain_rule(self) -> None:
        rule = tex(r"\frac{\partial C_0}{\partial w^{(L)}}", "=",
                   r"\frac{\partial z^{(L)}}{\partial w^{(L)}}",
                   r"\frac{\partial a^{(L)}}{\partial z^{(L)}}",
                   r"\frac{\partial C_0}{\partial a^{(L)}}", font_size=BODY_FONT_SIZE + 6)
        rule.to_corner(DOWN + RIGHT, buff=0.7)
        self.rule = rule
        caption(self, "The chain rule: multiply the sensitivity of z to w, of a to z, and of the cost to a.",
                Write(rule), run_time=2)
        braces = VGroup(*[SurroundingRectangle(part, color=YELLOW, buff=0.02) for part in rule[2:]])
        caption(self, "Three small ratios, one for each link of the chain.",
                LaggedStart(*[Create(b) for b in braces], lag_ratio=0.4), run_time=1.5)
        self.play(FadeOut(braces))


# ============================================================================ Computing relevant derivatives


class ComputingEachFactor(Scene):
    """Ch4 3: each factor of dC0/dw^(L) computed, multiplied, and checked by finite differences."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        c = chain_rule(tiny_network(), TINY_X, TINY_Y, -1, 0, 0)
        self.factor_rows(c)
        self.multiply(c)
        self.check_numerically(c)

    def factor_rows(self, c) -> None:
        a_prev, s_prime, dc_da = c.factors
        y = float(TINY_Y[0])
        size = BODY_FONT_SIZE + 2
        cost_row = tex(r"\frac{\partial C_0}{\partial a^{(L)}}", "=", "2(", "a^{(L)}", "-", "y", ")",
                       "=", "2(", Num(c.a), "-", Num(y), ")", "=", deriv(dc_da), font_size=size)
        sigma_row = tex(r"\frac{\partial a^{(L)}}{\partial z^{(L)}}", "=", r"\sigma'", "(", "z^{(L)}", ")",
                        "=", r"\sigma'", "(", Num(c.z), ")", "=", deriv(s_prime), font_size=size)
        z_row = tex(r"\frac{\partial z^{(L)}}{\partial w^{(L)}}", "=", "a^{(L-1)}", "=", deriv(a_prev),
                    font_size=size)
        rows = VGroup(cost_row, sigma_row, z_row).arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        rows.to_corner(UP + LEFT, buff=0.6)
        equals_x = max(row[1].get_x() for row in rows)
        for row in rows:
            row.shift(RIGHT * (equals_x - row[1].get_x()))
        self.formulas.update(dc_da=cost_row, da_dz=sigma_row, dz_dw=z_row)
        gap = distance_to_target(c.a, y).to_edge(RIGHT, buff=0.6).align_to(cost_row, UP)
        slope = sigmoid_with_tangent(c.z).to_edge(RIGHT, buff=0.6).next_to(gap, DOWN, buff=0.5)
        self.slope_drawn = slope.slope
        caption(self, "The cost's sensitivity to a^(L) is 2(a^(L) - y): proportional to how far "
                      "the output is from what we want.", Write(cost_row), FadeIn(gap), run_time=2)
        caption(self, "The activation's sensitivity to z^(L) is the slope of the sigmoid at z^(L).",
                Write(sigma_row), Create(slope), run_time=2)
        caption(self, "And z^(L) moves with w^(L) exactly as much as the previous activation a^(L-1): "
                      "that is what it is multiplied by.", Write(z_row), run_time=1.5)
        self.rows = rows

    def multiply(self, c) -> None:
        a_prev, s_prime, dc_da = c.factors
        product = tex(r"\frac{\partial C_0}{\partial w^{(L)}}", "=", Num(a_prev, significant=SIG), r"\times",
                      Num(s_prime, significant=SIG), r"\times", "(", Num(dc_da, significant=SIG), ")", "=",
                      checked(c.product), font_size=BODY_FONT_SIZE + 6)
        product.next_to(self.rows, DOWN, buff=0.8).align_to(self.rows, LEFT)
        self.formulas["product"] = product
        caption(self, "Multiply the three factors: this is how sensitive this example's cost is to w^(L).",
                FadeIn(product, shift=DOWN * 0.2), run_time=1.5)
        self.product = product

    def check_numerically(self, c) -> None:
        net = tiny_network()
        estimate = numeric_partial(net, TINY_X, TINY_Y, -1, 0, 0, h=FD_STEP)
        check = tex(r"\frac{C_0(w^{(L)} + h) - C_0(w^{(L)} - h)}{2h}", "=", fd(estimate),
                    r"\quad (h = 10^{-5})", font_size=BODY_FONT_SIZE + 2)
        check.next_to(self.product, DOWN, buff=0.6).align_to(self.product, LEFT)
        self.formulas["finite_difference"] = check
        caption(self, "Check it without calculus: nudge w^(L) by a hundred-thousandth either way and "
                      "measure how much C0 changes. The two numbers agree.", FadeIn(check, shift=DOWN * 0.2),
                run_time=1.5)
        self.play(Indicate(self.product[-1]), Indicate(check[2]), run_time=1.5)


# ============================================================================ What do the derivatives mean?


class DimNeuronWeakWeight(Scene):
    """Ch4 4.1: dz/dw = a^(L-1): a dimmer previous neuron makes w^(L) matter less (live, via nnmath)."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        net = tiny_network()
        self.last_layer = sub_network(net, len(net.weights) - 1)
        self.a_prev = ValueTracker(float(tiny_trace().activations[-2][0]))
        self.show_last_layer()
        self.show_live_derivatives()
        self.dim_and_brighten()

    def derivative_at(self, a_prev: float):
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
        self.diagram = diagram
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
        self.live = {name: row[1] for name, row in rows.items()}
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
        self.formulas: dict[str, ValuedTex] = {}
        self.numbers: dict[str, LiveNumber] = {}
        net = tiny_network()
        xs, ys = tiny_examples()
        self.show_formula()
        cells = self.show_table(net, xs, ys)
        self.compare_targets(cells, ys)
        self.average(net, xs, ys)

    def show_formula(self) -> None:
        formula = tex(r"\frac{\partial C}{\partial w^{(L)}}", "=", r"\frac{1}{n}\sum_{k=0}^{n-1}",
                      r"\frac{\partial C_k}{\partial w^{(L)}}", font_size=BODY_FONT_SIZE + 4)
        formula.to_corner(UP + LEFT, buff=0.45)
        self.formula = formula
        caption(self, "So far: one training example. The full cost C averages the costs C_k of all "
                      "n examples, so its derivative is the average of theirs.", Write(formula), run_time=2)

    def show_table(self, net, xs, ys) -> list:
        per = per_example_partials(net, xs, ys, -1, 0, 0)
        header = [tex("k"), tex("x_k"), tex("y_k"), tex(r"\partial C_k / \partial w^{(L)}")]
        blocks, cells = [], []
        half = (len(xs) + 1) // 2
        for start in (0, half):
            rows = []
            for k in range(start, min(start + half, len(xs))):
                row = [number(k, decimals=0), number(xs[k, 0], decimals=2),
                       number(ys[k, 0], YELLOW, decimals=0), number(per[k], YELLOW, significant=SIG)]
                self.numbers[f"example_{k}"] = row[3]
                rows.append(row)
                cells.append(row)
            blocks.append(table([h.copy() for h in header], rows, v_buff=0.12))
        group = VGroup(*blocks).arrange(RIGHT, buff=1.2, aligned_edge=UP)
        group.next_to(self.formula, DOWN, buff=0.35).set_x(0)
        caption(self, f"{len(xs)} training examples for this one-input network: x drawn at random "
                      "in [0, 1], target y = 1 when x > 0.5. Each row is one backprop.",
                LaggedStart(*[FadeIn(VGroup(*r)) for r in cells], lag_ratio=0.15),
                *[FadeIn(VGroup(b[0], b[2])) for b in blocks], run_time=4)
        self.table = group
        return cells

    def compare_targets(self, cells, ys) -> None:
        boxes = VGroup(*[SurroundingRectangle(VGroup(*row), color=BLUE if ys[k, 0] > 0.5 else RED,
                                              buff=0.04, stroke_width=1.5)
                         for k, row in enumerate(cells)])
        caption(self, "The untrained network answers about 0.66 for every input, so examples that want 1 "
                      "ask to raise w^(L) (negative derivative), those that want 0 ask to lower it.",
                Create(boxes), run_time=1.5)
        self.play(FadeOut(boxes))

    def average(self, net, xs, ys) -> None:
        per = per_example_partials(net, xs, ys, -1, 0, 0)
        batch = float(backprop(net, xs, ys).nabla_w[-1][0, 0])
        mean = tex(r"\frac{1}{n}\sum_k \frac{\partial C_k}{\partial w^{(L)}}", "=",
                   Num(float(np.mean(per)), significant=SIG_CHECK, color=YELLOW),
                   font_size=BODY_FONT_SIZE)
        whole = tex(r"\text{backprop on all } n = %d \text{ at once:}\ " % len(xs),
                    Num(batch, significant=SIG_CHECK, color=GREEN), font_size=BODY_FONT_SIZE)
        results = VGroup(mean, whole).arrange(RIGHT, buff=0.8).to_edge(DOWN, buff=0.35)
        self.formulas.update(mean=mean, batch=whole)
        caption(self, "Their average is this weight's entry of the gradient; backprop on the whole batch "
                      "gives the same number.", FadeIn(results, shift=UP * 0.2), run_time=1.5)


class GradientEntryByEntry(Scene):
    """Ch4 4.3: the gradient of the 1-1-1-1 network over the 20 examples, entry by entry, checked."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        self.numbers: dict[str, LiveNumber] = {}
        net = tiny_network()
        xs, ys = tiny_examples()
        labels, values, checks = self.build_columns(net, xs, ys)
        self.fill_in(labels, values, checks)

    def build_columns(self, net, xs, ys):
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
                self.numbers[f"grad_{key}"], self.numbers[f"fd_{key}"] = value, check
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

    def fill_in(self, labels, values, checks) -> None:
        nabla = tex(r"\nabla C", "=", font_size=BODY_FONT_SIZE + 8).next_to(labels, LEFT, buff=0.5)
        brackets = VGroup(*[bracket_pair(col) for col in (labels, values)])
        equals = tex("=", font_size=BODY_FONT_SIZE + 8).move_to(
            (labels.get_right() + values.get_left()) / 2)
        heads = VGroup(words("chain rule, averaged", color=YELLOW).next_to(values, UP, buff=0.45),
                       words("finite differences", color=GREEN).next_to(checks, UP, buff=0.45))
        whole = VGroup(nabla, labels, values, checks, brackets, equals, heads)
        whole.move_to(DOWN * 0.1)
        caption(self, "The gradient lists one such average for every weight and bias: six entries here, "
                      "13,002 for the digit network.", FadeIn(nabla), FadeIn(brackets), FadeIn(labels),
                FadeIn(equals), FadeIn(heads), run_time=1.5)
        for value, check in zip(values, checks):
            self.play(FadeIn(value, shift=LEFT * 0.2), FadeIn(check, shift=LEFT * 0.2), run_time=0.8)
        caption(self, "Filled in entry by entry from the chain rule; the finite differences, computed "
                      "without any calculus, agree in every digit shown.", run_time=1)


# ============================================================================ Sensitivity to weights/biases


class SensitivityToBias(Scene):
    """Ch4 5.1: dC0/db^(L) (dz/db = 1) and dC0/da^(L-1) (dz/da = w^(L)), each with its finite difference."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        net = tiny_network()
        c = chain_rule(net, TINY_X, TINY_Y, -1, 0, 0)
        self.graph = tiny_graph(long=False).to_edge(LEFT, buff=0.6)
        self.add(self.graph)
        bias = self.bias_derivative(net, c)
        self.activation_derivative(net, c, bias)

    def block(self, name: str, lhs: str, first: str, symbol: str, c, first_value: float, product: float,
              estimate: float) -> VGroup:
        """Four lines: the chain rule, its factors named, their values, the finite difference."""
        size = BODY_FONT_SIZE - 2
        _, s_prime, dc_da = c.factors
        rule = tex(lhs, "=", first, r"\frac{\partial a^{(L)}}{\partial z^{(L)}}",
                   r"\frac{\partial C_0}{\partial a^{(L)}}", font_size=size)
        named = tex("=", symbol, r"\cdot", r"\sigma'(z^{(L)})", r"\cdot", r"2(a^{(L)} - y)", font_size=size)
        numbers = tex("=", Num(first_value, significant=SIG), r"\times", Num(s_prime, significant=SIG),
                      r"\times", "(", Num(dc_da, significant=SIG), ")", "=", checked(product), font_size=size)
        check = fd_line(fd(estimate), font_size=size)
        lines = VGroup(rule, named, numbers, check).arrange(DOWN, buff=0.22, aligned_edge=LEFT)
        align_on_equals(lines)
        self.formulas[name], self.formulas[f"{name}_fd"] = numbers, check
        return lines

    def bias_derivative(self, net, c) -> VGroup:
        block = self.block("dc_db", r"\frac{\partial C_0}{\partial b^{(L)}}",
                           r"\frac{\partial z^{(L)}}{\partial b^{(L)}}", "1", c, 1.0, c.dc_db,
                           numeric_partial(net, TINY_X, TINY_Y, -1, 0, None, h=FD_STEP))
        block.to_edge(RIGHT, buff=0.5).to_edge(UP, buff=0.4)
        path = self.graph.path(("bL", "zL", "aL", "C0"))
        caption(self, "The bias: z^(L) moves one for one with b^(L), so the first factor is just 1.",
                Write(block[:2]), path.animate.set_color(YELLOW), run_time=2)
        caption(self, "The same last two factors as before; the finite difference agrees.",
                FadeIn(block[2:]), run_time=1.5)
        self.play(path.animate.set_color(WHITE), run_time=0.6)
        return block

    def activation_derivative(self, net, c, above: VGroup) -> None:
        estimate = numeric_activation_partial(net, TINY_X, TINY_Y, len(net.weights) - 1, 0, h=FD_STEP)
        block = self.block("dc_da_prev", r"\frac{\partial C_0}{\partial a^{(L-1)}}",
                           r"\frac{\partial z^{(L)}}{\partial a^{(L-1)}}", "w^{(L)}", c, c.w, c.dc_da_prev,
                           estimate)
        block.next_to(above, DOWN, buff=0.55)
        align_on_equals([above[0], *block])
        path = self.graph.path(("aL1", "zL", "aL", "C0"))
        caption(self, "The previous activation: z^(L) moves with a^(L-1) in proportion to the weight "
                      "w^(L) between them.", Write(block[:2]), path.animate.set_color(YELLOW), run_time=2)
        caption(self, "We cannot change a^(L-1) directly, but this number says how the cost wants it "
                      "to change; the finite difference nudges a^(L-1) itself.", FadeIn(block[2:]), run_time=1.5)


class LongPathBack(Scene):
    """Ch4 5.2: one layer further back: dC0/dw^(L-1) along the long path, and dC0/db^(L-1), checked."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        net = tiny_network()
        self.graph = tiny_graph().to_edge(LEFT, buff=0.4)
        self.add(self.graph)
        self.light_the_path()
        rule = self.write_rule()
        self.fill_in_numbers(net, rule)

    def light_the_path(self) -> None:
        path = self.graph.path(("wL1", "zL1", "aL1", "zL", "aL", "C0"))
        caption(self, "One layer back: w^(L-1) changes z^(L-1), which changes a^(L-1), and from there "
                      "the same chain as before reaches the cost.",
                path.animate.set_color(YELLOW), run_time=2.5)

    def write_rule(self) -> VGroup:
        size = BODY_FONT_SIZE - 4
        rule = tex(r"\frac{\partial C_0}{\partial w^{(L-1)}}", "=",
                   r"\frac{\partial z^{(L-1)}}{\partial w^{(L-1)}}",
                   r"\frac{\partial a^{(L-1)}}{\partial z^{(L-1)}}",
                   r"\frac{\partial C_0}{\partial a^{(L-1)}}", font_size=size)
        named = tex("=", "a^{(L-2)}", r"\cdot", r"\sigma'(z^{(L-1)})", r"\cdot",
                    r"w^{(L)}\,\sigma'(z^{(L)})\,2(a^{(L)} - y)", font_size=size)
        lines = VGroup(rule, named).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        align_on_equals(lines)
        lines.next_to(self.graph, RIGHT, buff=0.5).to_edge(UP, buff=0.4)
        brace = Brace(named[-1], DOWN, buff=0.08, color=GREY_B)
        note = words(r"$\partial C_0 / \partial a^{(L-1)}$, from the last scene", color=GREY_B)
        note.next_to(brace, DOWN, buff=0.08)
        caption(self, "The last factor, the cost's sensitivity to a^(L-1), is the number we just computed: "
                      "backpropagation reuses it.", Write(rule), FadeIn(named), FadeIn(brace), FadeIn(note),
                run_time=2)
        return VGroup(lines, brace, note)

    def fill_in_numbers(self, net, rule: VGroup) -> None:
        size = BODY_FONT_SIZE - 4
        long = path_product(net, TINY_X, TINY_Y, -2, 0, (0, 0))
        parts: list = ["="]
        for i, f in enumerate(long.factors):
            if i:
                parts.append(r"\times")
            parts.extend(["(", Num(f, significant=SIG), ")"] if f < 0 else [Num(f, significant=SIG)])
        numbers = tex(*parts, font_size=size)
        result = tex("=", checked(long.product), font_size=size)
        check = fd_line(fd(numeric_partial(net, TINY_X, TINY_Y, -2, 0, 0,
                                                                         h=FD_STEP)), font_size=size)
        c = chain_rule(net, TINY_X, TINY_Y, -2, 0, 0)
        bias = tex(r"\frac{\partial C_0}{\partial b^{(L-1)}}", "=", "1", r"\times",
                   Num(c.factors[1], significant=SIG), r"\times", "(", Num(c.factors[2], significant=SIG), ")",
                   "=", checked(c.dc_db), font_size=size)
        bias_check = fd_line(fd(numeric_partial(net, TINY_X, TINY_Y, -2, 0, None, h=FD_STEP)), font_size=size)
        lines = VGroup(numbers, result, check, bias, bias_check).arrange(DOWN, buff=0.28, aligned_edge=LEFT)
        lines.next_to(rule, DOWN, buff=0.4)
        bias.shift(DOWN * 0.3)
        bias_check.shift(DOWN * 0.3)
        align_on_equals([rule[0][0], *lines])
        self.formulas.update(long_path=numbers, long_product=result, long_fd=check, dc_db_prev=bias,
                             dc_db_prev_fd=bias_check)
        caption(self, "Five factors along the yellow path, each computed by nnmath; their product is "
                      "the derivative, and the finite difference agrees.", FadeIn(numbers), FadeIn(result),
                FadeIn(check), run_time=2)
        caption(self, "The bias one layer back works the same way, with 1 as its first factor.",
                FadeIn(bias), FadeIn(bias_check), run_time=1.5)


# ============================================================================ Layers with additional neurons


def last_two_layers(net) -> NetworkDiagram:
    """The last two layers of ``net`` as a diagram: real edge colours, activations of INDEXED_X."""
    trace = feedforward(net, INDEXED_X)
    last = sub_network(net, len(net.weights) - 1)
    acts = [trace.activations[-2], trace.output]
    diagram = NetworkDiagram.from_network(last, mnist_style=False, radius=0.36, layer_gap=2.8,
                                          neuron_gap=0.6, output_labels=False, edge_exponent=1.0)
    diagram.set_activations(acts)
    diagram.numbers = VGroup(diagram.show_values(0, acts, 2), diagram.show_values(1, acts, 2))
    diagram.add(diagram.numbers)
    return diagram


def index_labels(diagram: NetworkDiagram) -> VGroup:
    """a_k^(L-1) left of the first layer, a_j^(L) and y_j right of the second (with the real y)."""
    size = SMALL_FONT_SIZE + 4
    labels = VGroup()
    for k, circle in enumerate(diagram.neurons(0)):
        labels.add(tex(f"a_{k}^{{(L-1)}}", font_size=size).next_to(circle, LEFT, buff=0.2))
    for j, circle in enumerate(diagram.neurons(1)):
        a = tex(f"a_{j}^{{(L)}}", font_size=size).next_to(circle, RIGHT, buff=0.2)
        y = tex(f"y_{j}", "=", Num(INDEXED_Y[j], 0), font_size=size).set_color(YELLOW)
        y.next_to(a, RIGHT, buff=0.35)
        labels.add(a, y)
    heads = VGroup(tex("k").next_to(diagram.neurons(0), UP, buff=0.3),
                   tex("j").next_to(diagram.neurons(1), UP, buff=0.3))
    heads[1].set_y(heads[0].get_y())
    labels.add(heads)
    return labels


def indexed_diagram(net) -> tuple[NetworkDiagram, VGroup]:
    """The 3-3-2 network's last two layers with their labels, in the upper left of the frame."""
    diagram = last_two_layers(net)
    labels = index_labels(diagram)
    VGroup(diagram, labels).to_corner(UP + LEFT, buff=0.5)
    return diagram, labels


class IndexedLastTwoLayers(Scene):
    """Ch4 6.1: a seeded 3-3-2 network: indices j, k; C0 as a sum; the chain rule for one w_jk."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        net = indexed_network()
        self.diagram, self.labels = indexed_diagram(net)
        self.show_layers()
        self.show_cost(net)
        j, k = self.pick_weight(net)
        self.chain_rule_for(net, j, k)

    def show_layers(self) -> None:
        caption(self, "More neurons per layer: the last two layers of a seeded 3-3-2 network. "
                      "Subscripts index neurons: k in layer L-1, j in layer L.",
                self.diagram.create(), FadeIn(self.diagram.numbers), FadeIn(self.labels), run_time=2)

    def show_cost(self, net) -> None:
        out = feedforward(net, INDEXED_X).output
        size = BODY_FONT_SIZE - 2
        general = tex("C_0", "=", r"\sum_{j}", "(", "a_j^{(L)}", "-", "y_j", ")^2", font_size=size)
        worked = tex("=", "(", Num(out[0]), "-", Num(INDEXED_Y[0], 0), ")^2", "+", "(", Num(out[1]), "-",
                     Num(INDEXED_Y[1], 0), ")^2", "=", Num(cost(out, INDEXED_Y), color=RED), font_size=size)
        block = VGroup(general, worked).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        align_on_equals(block)
        block.to_edge(RIGHT, buff=0.5).to_edge(UP, buff=0.5)
        self.formulas["cost"] = worked
        caption(self, "The cost adds up the squared differences over the output neurons j.",
                Write(general), FadeIn(worked), run_time=2)
        self.cost_block = block

    def pick_weight(self, net) -> tuple[int, int]:
        """The weight of w^(L) whose derivative is largest for this example (computed, not chosen)."""
        g = backprop(net, INDEXED_X, INDEXED_Y)
        j, k = np.unravel_index(np.argmax(np.abs(g.nabla_w[-1])), g.nabla_w[-1].shape)
        return int(j), int(k)

    def chain_rule_for(self, net, j: int, k: int) -> None:
        size = BODY_FONT_SIZE - 2
        z_def = tex("z_j^{(L)}", "=", r"\sum_k", "w_{jk}^{(L)}", "a_k^{(L-1)}", "+", "b_j^{(L)}", font_size=size)
        a_def = tex("a_j^{(L)}", "=", r"\sigma", "(", "z_j^{(L)}", ")", font_size=size)
        defs = VGroup(z_def, a_def).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        defs.next_to(self.cost_block, DOWN, buff=0.5)
        align_on_equals([self.cost_block[0], *defs])
        c = chain_rule(net, INDEXED_X, INDEXED_Y, -1, j, k)
        highlight = Line(self.diagram.neuron(0, k).get_center(), self.diagram.neuron(1, j).get_center(),
                         color=YELLOW, stroke_width=5, buff=0.36)
        caption(self, f"The weight w_jk joins neuron k to neuron j; the yellow one, j = {j}, k = {k}, is the "
                      "weight this example's cost is most sensitive to.", Write(defs), Create(highlight),
                run_time=2)
        rule = tex(r"\frac{\partial C_0}{\partial w_{jk}^{(L)}}", "=",
                   r"\frac{\partial z_j^{(L)}}{\partial w_{jk}^{(L)}}",
                   r"\frac{\partial a_j^{(L)}}{\partial z_j^{(L)}}",
                   r"\frac{\partial C_0}{\partial a_j^{(L)}}", "=", "a_k^{(L-1)}", r"\cdot",
                   r"\sigma'(z_j^{(L)})", r"\cdot", r"2(a_j^{(L)} - y_j)", font_size=size)
        worked = tex("=", Num(c.factors[0], significant=SIG), r"\times", Num(c.factors[1], significant=SIG),
                     r"\times", Num(c.factors[2], significant=SIG), "=", checked(c.product), font_size=size)
        check = fd_line(fd(numeric_partial(net, INDEXED_X, INDEXED_Y, -1, j, k, h=FD_STEP)), font_size=size)
        lines = VGroup(rule, worked, check).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        align_on_equals(lines)
        lines.to_edge(DOWN, buff=0.5).to_edge(LEFT, buff=0.6)
        self.formulas.update(indexed_product=worked, indexed_fd=check)
        self.chosen = (j, k)
        caption(self, "The chain rule looks the same with indices: a_k^(L-1), times the sigmoid's slope "
                      "at z_j^(L), times 2(a_j^(L) - y_j).", Write(rule), FadeIn(worked), run_time=2)
        caption(self, "And the finite difference agrees.", FadeIn(check), run_time=1)


class SumOverNextLayer(Scene):
    """Ch4 6.2: dC0/da_k^(L-1) as a sum over j of the paths through both outputs, each term real."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        net = indexed_network()
        self.diagram, labels = indexed_diagram(net)
        self.add(self.diagram, labels)
        self.k = 0
        self.light_paths(self.k)
        self.write_sum(net, self.k)

    def light_paths(self, k: int) -> None:
        paths = VGroup(*[Line(self.diagram.neuron(0, k).get_center(), circle.get_center(), buff=0.36,
                              color=YELLOW, stroke_width=5) for circle in self.diagram.neurons(1)])
        ring = self.diagram.neuron(0, k).copy().set_fill(opacity=0).set_stroke(YELLOW, 5)
        caption(self, f"A neuron of layer L-1, here k = {k}, reaches the cost along one path through "
                      "every neuron j of layer L.", Create(ring), Create(paths), run_time=2)

    def write_sum(self, net, k: int) -> None:
        size = BODY_FONT_SIZE - 2
        c = chain_rule(net, INDEXED_X, INDEXED_Y, -1, 0, k)
        g = backprop(net, INDEXED_X, INDEXED_Y)
        s_prime = sigmoid_prime(g.trace.zs[-1])
        rule = tex(r"\frac{\partial C_0}{\partial a_k^{(L-1)}}", "=", r"\sum_{j}",
                   r"\frac{\partial z_j^{(L)}}{\partial a_k^{(L-1)}}",
                   r"\frac{\partial a_j^{(L)}}{\partial z_j^{(L)}}",
                   r"\frac{\partial C_0}{\partial a_j^{(L)}}", font_size=size)
        expanded = tex("=", r"\sum_{j}", "w_{jk}^{(L)}", r"\cdot", r"\sigma'(z_j^{(L)})", r"\cdot",
                       r"2(a_j^{(L)} - y_j)", font_size=size)
        top = VGroup(rule, expanded).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        align_on_equals(top)
        top.to_edge(RIGHT, buff=0.5).to_edge(UP, buff=0.5)
        terms = VGroup()
        for j in range(net.sizes[-1]):
            dc_da = g.nabla_a[-1][j]
            parts: list = [rf"j = {j}\colon", Num(net.weights[-1][j, k], significant=SIG), r"\times",
                           Num(s_prime[j], significant=SIG), r"\times"]
            parts += ["(", Num(dc_da, significant=SIG), ")"] if dc_da < 0 else [Num(dc_da, significant=SIG)]
            term = tex(*parts, "=", checked(c.terms[j]), font_size=size)
            self.formulas[f"term_{j}"] = term
            terms.add(term)
        total = tex(r"\text{sum}", "=", checked(c.dc_da_prev), font_size=size)
        check = fd_line(fd(numeric_activation_partial(net, INDEXED_X, INDEXED_Y, len(net.weights) - 1, k,
                                                  h=FD_STEP)), font_size=size)
        bottom = VGroup(*terms, total, check).arrange(DOWN, buff=0.3, aligned_edge=RIGHT)
        equals = [t.submobjects[-2] for t in terms]
        x = max(e.get_x() for e in equals)
        for t, e in zip(terms, equals):
            t.shift(RIGHT * (x - e.get_x()))
        for line in (total, check):
            line.shift(RIGHT * (x - equals_sign(line).get_x()))
        bottom.to_edge(DOWN, buff=0.6).set_x(0)
        self.formulas.update(sum=total, sum_fd=check)
        caption(self, "So its derivative is a sum over j: one chain-rule product per path.",
                Write(rule), FadeIn(expanded), run_time=2)
        caption(self, "Each term with its real factors: the weight, the slope of the sigmoid, and 2(a - y).",
                LaggedStart(*[FadeIn(t, shift=LEFT * 0.2) for t in terms], lag_ratio=0.5), run_time=2)
        caption(self, "Their sum, checked by nudging the activation itself.", FadeIn(total), FadeIn(check),
                run_time=1)


class CheckOnTheRealNetwork(Scene):
    """Ch4 6.3: the formulas on the trained 784-16-16-10 network: chain rule vs backprop vs finite differences."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        self.numbers: dict[str, list] = {}
        net, x, label = real_example()
        self.show_example(net, x, label)
        check = check_partials(net, x, label, pick_weights(net, x, CHECK_PER_LAYER, CHECK_SEED), h=FD_STEP)
        rows = self.show_table(check)
        self.show_worst(check, rows)

    def show_example(self, net, x, label: int) -> None:
        digit = DigitImage(x, size=1.6).to_corner(UP + LEFT, buff=0.4)
        out = feedforward(net, x).output
        text = tex(r"\text{test image, label } %d" % label, r"\qquad C_0 =", Num(cost(out, label), significant=3),
                   font_size=BODY_FONT_SIZE).next_to(digit, RIGHT, buff=0.5).align_to(digit, UP)
        sub = words("the trained 784-16-16-10 network; a few weights of every layer, picked at random "
                    "(seeded) among those fed by a lit neuron").next_to(text, DOWN, buff=0.25).align_to(text, LEFT)
        self.formulas["example_cost"] = text
        self.top = VGroup(digit, text, sub)
        caption(self, "Now the real network: the trained 784-16-16-10, on the first test digit it gets wrong "
                      f"(a {label} it reads as a {int(np.argmax(out))}).",
                FadeIn(digit), FadeIn(text), FadeIn(sub), run_time=1.5)

    def show_table(self, check) -> list:
        names = {0: "L-2", 1: "L-1", 2: "L"}
        header = [words("weight"), words("chain rule", color=YELLOW), words("backprop", color=BLUE),
                  words("finite difference", color=GREEN), words("rel. error")]
        size = SMALL_FONT_SIZE + 2
        rows = []
        for r in check.rows:
            row = [tex(f"w^{{({names[r.layer]})}}_{{{r.j},{r.k}}}", font_size=size),
                   number(r.chain, font_size=size, significant=6),
                   number(r.backprop, font_size=size, significant=6),
                   number(r.numeric, font_size=size, significant=6),
                   number(r.relative_error, font_size=size, significant=2)]
            self.numbers[f"row_{r.layer}_{r.j}_{r.k}"] = row[1:]
            rows.append(row)
        grid = table(header, rows, h_buff=0.6, v_buff=0.14)
        grid.next_to(self.top, DOWN, buff=0.4).set_x(0)
        caption(self, "For each weight: the chain-rule product, backprop's entry, and a finite difference "
                      "of the real cost. Weights far from the output have tiny derivatives.",
                FadeIn(grid[0]), Create(grid[2]), LaggedStart(*[FadeIn(VGroup(*r)) for r in rows], lag_ratio=0.3),
                run_time=3)
        self.grid = grid
        return rows

    def show_worst(self, check, rows) -> None:
        worst = check.rows.index(check.worst)
        box = SurroundingRectangle(VGroup(*rows[worst]), color=YELLOW, buff=0.06)
        summary = tex(r"\text{largest relative error:}\ ", Num(check.max_relative_error, significant=2,
                                                             color=YELLOW), font_size=BODY_FONT_SIZE)
        summary.next_to(self.grid, DOWN, buff=0.3)
        self.formulas["max_relative_error"] = summary
        caption(self, "The three agree. The largest disagreement is in the tiniest derivative, where "
                      "the finite difference runs out of floating-point digits.",
                Create(box), FadeIn(summary), run_time=1.5)


# ============================================================================ Recap


class TwoGeneralFormulas(Scene):
    """Ch4 7.1: the general formulas, for any layer l, and the output's starting point."""

    def construct(self) -> None:
        size = BODY_FONT_SIZE + 4
        weight = tex(r"\frac{\partial C_0}{\partial w_{jk}^{(l)}}", "=", "a_k^{(l-1)}", r"\sigma'(z_j^{(l)})",
                     r"\frac{\partial C_0}{\partial a_j^{(l)}}", font_size=size)
        activation = tex(r"\frac{\partial C_0}{\partial a_k^{(l-1)}}", "=", r"\sum_{j}", "w_{jk}^{(l)}",
                         r"\sigma'(z_j^{(l)})", r"\frac{\partial C_0}{\partial a_j^{(l)}}", font_size=size)
        start = tex(r"\frac{\partial C_0}{\partial a_j^{(L)}}", "=", "2(", "a_j^{(L)}", "-", "y_j", ")",
                    font_size=size)
        average = tex(r"\frac{\partial C}{\partial w_{jk}^{(l)}}", "=", r"\frac{1}{n}\sum_{k=0}^{n-1}",
                      r"\frac{\partial C_k}{\partial w_{jk}^{(l)}}", r"\quad\longrightarrow\quad \nabla C",
                      font_size=size)
        rows = VGroup(weight, activation, start, average).arrange(DOWN, buff=0.55, aligned_edge=LEFT)
        for row in rows:
            row.shift(RIGHT * (weight[1].get_x() - row[1].get_x()))
        rows.move_to(ORIGIN)
        self.formulas = dict(weight=weight, activation=activation, start=start, average=average)
        heading = words("That is pretty much it", color=YELLOW, font_size=BODY_FONT_SIZE)
        heading.to_edge(UP, buff=0.4)
        caption(self, "That is pretty much it. Every weight's derivative is the previous activation, times "
                      "the sigmoid's slope, times the cost's sensitivity to this neuron.",
                FadeIn(heading), Write(weight), run_time=2)
        caption(self, "That sensitivity comes from the layer after: a sum over the neurons it feeds.",
                Write(activation), run_time=2)
        caption(self, "At the output it starts as 2(a - y). Layer by layer, backwards: backpropagation.",
                Write(start), run_time=1.5)
        caption(self, "Average over the training examples and you have the gradient that gradient "
                      "descent follows.", Write(average), run_time=1.5)


class FactorTreeOfARealWeight(Scene):
    """Ch4 7.2: nnmath.chain_rule for one weight of the trained network, read as a tree of factors."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        self.numbers: dict[str, list] = {}
        net, x, label = real_example()
        g = backprop(net, x, label)
        j, k = np.unravel_index(np.argmax(np.abs(g.nabla_w[-2])), g.nabla_w[-2].shape)
        tree = factor_tree(net, x, label, -2, int(j), int(k))
        root, children = self.root_and_children(tree)
        leaves = self.leaves(tree)
        self.place(root, children, leaves)
        self.reveal(tree, root, children, leaves)

    def root_and_children(self, tree) -> tuple[VGroup, VGroup]:
        c = tree.weight
        size = BODY_FONT_SIZE - 2
        root = tex(rf"\frac{{\partial C_0}}{{\partial w_{{{c.j},{c.k}}}^{{(L-1)}}}}", "=", deriv(c.product),
                   font_size=size)
        children = VGroup(
            tex(f"a_{{{c.k}}}^{{(L-2)}}", "=", Num(c.factors[0], significant=SIG), font_size=size),
            tex(rf"\sigma'(z_{{{c.j}}}^{{(L-1)}})", "=", Num(c.factors[1], significant=SIG), font_size=size),
            tex(rf"\frac{{\partial C_0}}{{\partial a_{{{c.j}}}^{{(L-1)}}}}", "=",
                Num(c.factors[2], significant=SIG), font_size=size),
        ).arrange(DOWN, buff=1.0, aligned_edge=LEFT)
        self.formulas["root"] = root
        for i, child in enumerate(children):
            self.formulas[f"child_{i}"] = child
        return root, children

    def leaves(self, tree) -> VGroup:
        """The third factor's sum as a table: one row per output neuron i, its three factors and product."""
        size = SMALL_FONT_SIZE
        header = [tex("i", font_size=size), tex(r"w_{ij}^{(L)}", font_size=size),
                  tex(r"\sigma'(z_i^{(L)})", font_size=size), tex(r"2(a_i^{(L)} - y_i)", font_size=size),
                  tex(r"\text{product}", font_size=size)]
        rows = []
        for i in range(tree.next_terms.size):
            row = [number(i, font_size=size, decimals=0),
                   number(tree.next_w[i], font_size=size, significant=3),
                   number(tree.next_sigma_prime[i], font_size=size, significant=3),
                   number(tree.next_dc_da[i], font_size=size, significant=3),
                   number(tree.next_terms[i], YELLOW, size, significant=3)]
            self.numbers[f"leaf_{i}"] = row[1:]
            rows.append(row)
        grid = table(header, rows, h_buff=0.45, v_buff=0.12)
        total = tex(r"\text{sum}", "=", Num(float(np.sum(tree.next_terms)), significant=SIG, color=YELLOW),
                    font_size=size + 4).next_to(grid, DOWN, buff=0.3).align_to(grid, RIGHT)
        self.formulas["leaf_sum"] = total
        group = VGroup(grid, total).to_edge(RIGHT, buff=0.3)
        return group

    def place(self, root: VGroup, children: VGroup, leaves: VGroup) -> None:
        """Root in the upper left, its three factors below it, the table of the last one on the right."""
        root.to_corner(UP + LEFT, buff=0.5)
        children.arrange(DOWN, buff=0.8, aligned_edge=LEFT)
        children.next_to(root, DOWN, buff=0.7).align_to(root, LEFT).shift(RIGHT * 0.9)
        leaves.to_edge(RIGHT, buff=0.3).set_y(-0.4)
        gap = leaves.get_left()[0] - max(root.get_right()[0], children.get_right()[0])
        if gap < 0.8:
            raise ValueError(f"only {gap:.2f} between the factors and the table; shrink a font")

    def reveal(self, tree, root: VGroup, children: VGroup, leaves: VGroup) -> None:
        c = tree.weight
        corner = root.get_corner(DOWN + LEFT) + RIGHT * 0.4
        edges = VGroup(*[Line(corner, ch.get_left(), buff=0.12, color=GREY_B, stroke_width=2) for ch in children])
        body = leaves[0][1]
        fan = VGroup(*[Line(children[2].get_right(), row.get_left(), buff=0.15, color=GREY_B, stroke_width=1)
                       for row in body])
        caption(self, f"One real weight of the trained network, w_({c.j},{c.k}) in layer L-1: the one this "
                      "test digit's cost is most sensitive to. nnmath.chain_rule splits it into three factors.",
                FadeIn(root), run_time=1)
        self.play(Create(edges), LaggedStart(*[FadeIn(ch, shift=RIGHT * 0.3) for ch in children], lag_ratio=0.3),
                  run_time=1.5)
        caption(self, "The last factor is itself a sum, one term per output neuron i: the weight to it, "
                      "its sigmoid's slope, and 2(a - y) for this digit.",
                Create(fan), FadeIn(leaves), run_time=2)
        caption(self, "The ten terms add up to the third factor, and the three factors multiply to "
                      "the weight's derivative: backpropagation, read as a tree.",
                Indicate(leaves[1]), Indicate(children[2]), run_time=1.5)


# ============================================================================ Introduction


class FromIntuitionToCalculus(Scene):
    """Ch4 1: the real network, one real digit, and its 13,002 gradient entries: each a derivative."""

    def construct(self) -> None:
        self.formulas: dict[str, ValuedTex] = {}
        self.numbers: dict[str, list] = {}
        net, x, label = real_example()
        g = backprop(net, x, label)
        title = words(TITLE, font_size=48).to_edge(UP, buff=0.4)
        digit = DigitImage(x, size=1.8).to_edge(LEFT, buff=0.5)
        diagram = NetworkDiagram.from_network(net, edge_keep=0.3).scale(0.75).next_to(digit, RIGHT, buff=0.6)
        column = DecimalColumn(g.flat(), num_decimal_places=4, max_rows=9, color_by_sign=True, font_size=28)
        column.to_edge(RIGHT, buff=2.0).shift(DOWN * 0.2)
        nabla = tex(r"\nabla C_0", "=", font_size=BODY_FONT_SIZE + 4).next_to(column, LEFT, buff=0.25)
        count = words(f"{g.flat().size:,} entries").next_to(column, DOWN, buff=0.2)
        self.column = column
        caption(self, "Chapter 3 told the story of backpropagation with pictures. This chapter tells it "
                      "in the language of calculus.", FadeIn(title), FadeIn(digit), diagram.create(),
                run_time=2)
        caption(self, f"A real test digit, a {label} that the trained network misreads. Backpropagation "
                      "returns one number for every weight and bias.", FadeIn(nabla), FadeIn(column), FadeIn(count),
                run_time=1.5)
        last = column.entries[-1]
        n_out = net.sizes[-1]
        ask = tex(r"= \frac{\partial C_0}{\partial b_{%d}^{(L)}}" % (n_out - 1), font_size=BODY_FONT_SIZE)
        ask.next_to(column, RIGHT, buff=0.2).match_y(last)
        caption(self, "Each entry is a derivative: how sensitive the cost is to one parameter. The first ones "
                      "are exactly zero: they belong to weights from blank pixels.",
                Indicate(last), FadeIn(ask), run_time=1.5)
        caption(self, "To see where these derivatives come from, shrink the network to one neuron per layer.")


SEGMENTS = [
    ("Introduction", [FromIntuitionToCalculus]),
    ("The Chain Rule in networks", [SimplestNetwork, WeightedSumTree, NudgingTheWeight]),
    ("Computing relevant derivatives", [ComputingEachFactor]),
    ("What do the derivatives mean?", [DimNeuronWeakWeight, AverageOverExamples, GradientEntryByEntry]),
    ("Sensitivity to weights/biases", [SensitivityToBias, LongPathBack]),
    ("Layers with additional neurons", [IndexedLastTwoLayers, SumOverNextLayer, CheckOnTheRealNetwork]),
    ("Recap", [TwoGeneralFormulas, FactorTreeOfARealWeight]),
]
