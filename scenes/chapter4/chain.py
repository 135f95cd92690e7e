"""Chapter 4, segments 2-3, the 1-1-1-1 network: the chain rule and its three factors.

Scenes are listed in :mod:`scenes.chapter4`'s SEGMENTS, which the pipeline renders.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Indicate, LaggedStart, Scene,
                   SurroundingRectangle, VGroup, ValueTracker, Write)

from nnmath import ChainRule, Network, Trace, chain_rule, cost, feedforward, numeric_partial
from nnmath.parameters import with_parameter

from scenes.chapter4.data import FD_STEP, TINY_X, TINY_Y, tiny_network, tiny_trace
from scenes.chapter4.mobjects import (SIG, TINY_GRAPH_SHORT, ComputationGraph, LiveNumberLine, checked, deriv,
                                      distance_to_target, fd, sigmoid_with_tangent, tex, tiny_graph, words)
from scenes.common.captions import caption
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLACK, BLUE, GREEN, GREY_B, MAROON_B, RED, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num


class SimplestNetwork(Scene):
    """Ch4 2.1: a 1-1-1-1 network with real weights; its last two neurons and the cost."""

    def construct(self) -> None:
        self.shown = Shown()
        net, trace = tiny_network(), tiny_trace()
        diagram = self.show_network(net, trace)
        self.name_parameters(net, diagram)
        self.focus_on_last_two(diagram)
        target = self.show_desired_output(diagram)
        self.show_cost(trace, diagram, target)

    def show_network(self, net: Network, trace: Trace) -> NetworkDiagram:
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

    def name_parameters(self, net: Network, diagram: NetworkDiagram) -> None:
        labels = VGroup()
        for i in range(3):
            w = tex(f"w_{i + 1}", "=", Num(net.weights[i][0, 0]), font_size=SMALL_FONT_SIZE)
            w.next_to(diagram.edges[i], UP, buff=0.25)
            b = tex(f"b_{i + 1}", "=", Num(net.biases[i][0]), font_size=SMALL_FONT_SIZE)
            b.next_to(diagram.neuron(i + 1, 0), DOWN, buff=0.3)
            w[0].set_color(BLUE)
            b[0].set_color(MAROON_B)
            labels.add(w, b)
            self.shown[f"w{i + 1}"], self.shown[f"b{i + 1}"] = w, b
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
        self.shown["y"] = value
        target = VGroup(neuron, value, box, label, heading)
        caption(self, "For this training example we want the last activation to be y = 1.",
                FadeIn(target), run_time=1)
        return target

    def show_cost(self, trace: Trace, diagram: NetworkDiagram, target: VGroup) -> None:
        a, y = float(trace.output[0]), float(TINY_Y[0])
        general = tex("C_0", "=", "(", "a^{(L)}", "-", "y", ")^2", font_size=BODY_FONT_SIZE + 4)
        worked = tex("=", "(", Num(a), "-", Num(y), ")^2", "=", Num(cost(trace.output, TINY_Y)),
                     font_size=BODY_FONT_SIZE + 4)
        worked[-1].set_color(RED)
        block = VGroup(general, worked).arrange(RIGHT, buff=0.2).to_edge(UP, buff=0.7)
        self.shown["cost"] = worked
        caption(self, "The cost of this one example, C0, is the squared difference between "
                      "what the network gives and what we want.", Write(general), run_time=1.5)
        caption(self, "With the real numbers: about 0.11.", FadeIn(worked, shift=LEFT * 0.2))
        self.wait(0.5)


class WeightedSumTree(Scene):
    """Ch4 2.2: z = w a + b, a = sigma(z), C0 = (a - y)^2 with real values, and the tree they form."""

    def construct(self) -> None:
        self.shown = Shown()
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
        self.shown.update(z=z_val, a=a_val, cost=c_val)
        caption(self, "The last activation is a weighted sum, w^(L) times a^(L-1) plus b^(L), "
                      "pushed through the sigmoid.", Write(VGroup(z_def, a_def)), run_time=2)
        caption(self, "Name the weighted sum z^(L). With the real numbers, each line follows from the one above.",
                FadeIn(VGroup(z_val, a_val)), run_time=1.5)
        caption(self, "And the cost follows from a^(L) and y.", FadeIn(VGroup(c_def, c_val)), run_time=1)

    def draw_graph(self) -> ComputationGraph:
        graph = tiny_graph().to_edge(LEFT, buff=0.7)
        self.shown["graph"] = graph
        short = graph.part(TINY_GRAPH_SHORT)
        caption(self, "As a tree: w^(L), a^(L-1) and b^(L) make z^(L); z^(L) makes a^(L); "
                      "a^(L) and y make the cost.", Create(short, lag_ratio=0.1), run_time=3)
        return graph

    def extend_graph(self, graph: ComputationGraph) -> None:
        upper = graph.part(("wL1", "aL2", "bL1", "zL1", "aL1"))
        upper.remove(graph.nodes["aL1"])
        caption(self, "a^(L-1) has a weight, a bias and an activation of its own, and so on back "
                      "through the network. Every value in the tree is computed, none typed in.",
                FadeIn(upper.set_opacity(0.45)), run_time=1.5)


class NudgingTheWeight(Scene):
    """Ch4 2.3: nudge w^(L) on its number line; z^(L), a^(L) and C0 move on theirs (nnmath updaters)."""

    def construct(self) -> None:
        self.shown = Shown()
        self.graph = tiny_graph(long=False).to_edge(LEFT, buff=0.7)
        self.add(self.graph)
        self.build_number_lines()
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
        self.shown["w"] = self.w
        self.sweep = (w0 - 1.0, w0 + 1.0)
        visited = [self.values_at(w) for w in np.linspace(*self.sweep, 41)]
        lines: dict[str, LiveNumberLine] = {}
        for name, symbol, color in (("w", "w^{(L)}", BLUE), ("z", "z^{(L)}", GREEN),
                                    ("a", "a^{(L)}", WHITE), ("C0", "C_0", RED)):
            lo, hi = min(v[name] for v in visited), max(v[name] for v in visited)
            pad = 0.1 * (hi - lo)
            line = LiveNumberLine(symbol, (lo - pad, hi + pad), length=5.2, color=color)
            lines[name] = line
            self.shown[f"{name}_line"] = line
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
        caption(self, "The chain rule: multiply the sensitivity of z to w, of a to z, and of the cost to a.",
                Write(rule), run_time=2)
        braces = VGroup(*[SurroundingRectangle(part, color=YELLOW, buff=0.02) for part in rule[2:]])
        caption(self, "Three small ratios, one for each link of the chain.",
                LaggedStart(*[Create(b) for b in braces], lag_ratio=0.4), run_time=1.5)
        self.play(FadeOut(braces))


class ComputingEachFactor(Scene):
    """Ch4 3: each factor of dC0/dw^(L) computed, multiplied, and checked by finite differences."""

    def construct(self) -> None:
        self.shown = Shown()
        c = chain_rule(tiny_network(), TINY_X, TINY_Y, -1, 0, 0)
        self.factor_rows(c)
        self.multiply(c)
        self.check_numerically(c)

    def factor_rows(self, c: ChainRule) -> None:
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
        self.shown.update(dc_da=cost_row, da_dz=sigma_row, dz_dw=z_row)
        gap = distance_to_target(c.a, y).to_edge(RIGHT, buff=0.6).align_to(cost_row, UP)
        slope = sigmoid_with_tangent(c.z).to_edge(RIGHT, buff=0.6).next_to(gap, DOWN, buff=0.5)
        self.shown["sigmoid"] = slope
        caption(self, "The cost's sensitivity to a^(L) is 2(a^(L) - y): proportional to how far "
                      "the output is from what we want.", Write(cost_row), FadeIn(gap), run_time=2)
        caption(self, "The activation's sensitivity to z^(L) is the slope of the sigmoid at z^(L).",
                Write(sigma_row), Create(slope), run_time=2)
        caption(self, "And z^(L) moves with w^(L) exactly as much as the previous activation a^(L-1): "
                      "that is what it is multiplied by.", Write(z_row), run_time=1.5)
        self.rows = rows

    def multiply(self, c: ChainRule) -> None:
        a_prev, s_prime, dc_da = c.factors
        product = tex(r"\frac{\partial C_0}{\partial w^{(L)}}", "=", Num(a_prev, significant=SIG), r"\times",
                      Num(s_prime, significant=SIG), r"\times", "(", Num(dc_da, significant=SIG), ")", "=",
                      checked(c.product), font_size=BODY_FONT_SIZE + 6)
        product.next_to(self.rows, DOWN, buff=0.8).align_to(self.rows, LEFT)
        self.shown["product"] = product
        caption(self, "Multiply the three factors: this is how sensitive this example's cost is to w^(L).",
                FadeIn(product, shift=DOWN * 0.2), run_time=1.5)
        self.product = product

    def check_numerically(self, c: ChainRule) -> None:
        net = tiny_network()
        estimate = numeric_partial(net, TINY_X, TINY_Y, -1, 0, 0, h=FD_STEP)
        check = tex(r"\frac{C_0(w^{(L)} + h) - C_0(w^{(L)} - h)}{2h}", "=", fd(estimate),
                    r"\quad (h = 10^{-5})", font_size=BODY_FONT_SIZE + 2)
        check.next_to(self.product, DOWN, buff=0.6).align_to(self.product, LEFT)
        self.shown["finite_difference"] = check
        caption(self, "Check it without calculus: nudge w^(L) by a hundred-thousandth either way and "
                      "measure how much C0 changes. The two numbers agree.", FadeIn(check, shift=DOWN * 0.2),
                run_time=1.5)
        self.play(Indicate(self.product[-1]), Indicate(check[2]), run_time=1.5)

