"""Chapter 4, segment 6, layers with more neurons: the seeded 3-3-2 network and the check on the
trained one.

Scenes are listed in :mod:`scenes.chapter4`'s SEGMENTS, which the pipeline renders.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Indicate, LaggedStart, Line, Scene,
                   SurroundingRectangle, VGroup, Write)

from nnmath import Network, backprop, chain_rule, cost, feedforward, numeric_partial
from nnmath.network import layer_activation

from scenes.chapter4 import data, script
from scenes.chapter4.data import FD_STEP, INDEXED_X, INDEXED_Y, indexed_network
from scenes.chapter4.measures.gradcheck import GradientCheck
from scenes.chapter4.measures.partials import numeric_activation_partial, sub_network
from scenes.chapter4.mobjects import (SIG, above_band, align_on_equals, checked, equals_sign, fd, fd_line, number, table, tex,
                                      words)
from scenes.chapter4.pacing import spoken
from scenes.common.captions import narrated
from scenes.common.digit import DigitImage
from scenes.common.layout import BODY_FONT_SIZE, CAPTION_BAND_TOP, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num


def last_two_layers(net: Network) -> NetworkDiagram:
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


def indexed_diagram(net: Network) -> tuple[NetworkDiagram, VGroup]:
    """The 3-3-2 network's last two layers with their labels, in the upper left of the frame."""
    diagram = last_two_layers(net)
    labels = index_labels(diagram)
    VGroup(diagram, labels).to_corner(UP + LEFT, buff=0.5)
    return diagram, labels


class IndexedLastTwoLayers(Scene):
    """Ch4 6.1: a seeded 3-3-2 network: indices j, k; C0 as a sum; the chain rule for one w_jk."""

    def construct(self) -> None:
        self.shown = Shown()
        net = indexed_network()
        self.diagram, self.labels = indexed_diagram(net)
        self.show_layers()
        self.show_cost(net)
        self.chain_rule_for(net, data.indexed_weight())

    def show_layers(self) -> None:
        spoken(self, script.more_neurons(indexed_network().sizes), self.diagram.create(),
               FadeIn(self.diagram.numbers), LaggedStart(*[FadeIn(l) for l in self.labels], lag_ratio=0.2))

    def show_cost(self, net: Network) -> None:
        out = feedforward(net, INDEXED_X).output
        size = BODY_FONT_SIZE - 2
        general = tex("C_0", "=", r"\sum_{j}", "(", "a_j^{(L)}", "-", "y_j", ")^2", font_size=size)
        worked = tex("=", "(", Num(out[0]), "-", Num(INDEXED_Y[0], 0), ")^2", "+", "(", Num(out[1]), "-",
                     Num(INDEXED_Y[1], 0), ")^2", "=", Num(cost(out, INDEXED_Y), color=RED), font_size=size)
        block = VGroup(general, worked).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        align_on_equals(block)
        block.to_edge(RIGHT, buff=0.5).to_edge(UP, buff=0.5)
        self.shown["cost"] = worked
        spoken(self, script.indexed_cost(cost(out, INDEXED_Y)), Write(general), FadeIn(worked, shift=DOWN * 0.2))
        self.cost_block = block

    def chain_rule_for(self, net: Network, weight: data.Weight) -> None:
        """The chain rule for the weight of w^(L) this example's cost is most sensitive to."""
        j, k = weight.j, weight.k
        self.shown["weight"] = weight
        size = BODY_FONT_SIZE - 2
        z_def = tex("z_j^{(L)}", "=", r"\sum_k", "w_{jk}^{(L)}", "a_k^{(L-1)}", "+", "b_j^{(L)}", font_size=size)
        a_def = tex("a_j^{(L)}", "=", r"\sigma", "(", "z_j^{(L)}", ")", font_size=size)
        defs = VGroup(z_def, a_def).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        defs.next_to(self.cost_block, DOWN, buff=0.5)
        align_on_equals([self.cost_block[0], *defs])
        c = chain_rule(net, INDEXED_X, INDEXED_Y, weight.layer, j, k)
        highlight = Line(self.diagram.neuron(0, k).get_center(), self.diagram.neuron(1, j).get_center(),
                         color=YELLOW, stroke_width=5, buff=0.36)
        spoken(self, script.indexed_weight(j, k), Write(defs), Create(highlight))
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
        lines.to_edge(LEFT, buff=0.6)
        lines.shift(UP * (CAPTION_BAND_TOP + 0.15 - lines.get_bottom()[1]))
        self.shown.update(indexed_product=worked, indexed_fd=check)
        spoken(self, script.indexed_rule(), Write(rule))
        spoken(self, script.indexed_check(c.product), FadeIn(worked, shift=DOWN * 0.2), FadeIn(check, shift=DOWN * 0.2))


class SumOverNextLayer(Scene):
    """Ch4 6.2: dC0/da_k^(L-1) as a sum over j of the paths through both outputs, each term real."""

    def construct(self) -> None:
        self.shown = Shown()
        net = indexed_network()
        self.diagram, labels = indexed_diagram(net)
        self.add(self.diagram, labels)
        self.write_sum(net, data.SUM_NEURON)

    def light_paths(self, k: int, lhs: VGroup) -> None:
        paths = VGroup(*[Line(self.diagram.neuron(0, k).get_center(), circle.get_center(), buff=0.36,
                              color=YELLOW, stroke_width=5) for circle in self.diagram.neurons(1)])
        ring = self.diagram.neuron(0, k).copy().set_fill(opacity=0).set_stroke(YELLOW, 5)
        spoken(self, script.paths_to_cost(k, len(paths)), Create(ring),
               LaggedStart(*[Create(p) for p in paths], lag_ratio=0.5), Write(lhs))

    def write_sum(self, net: Network, k: int) -> None:
        size = BODY_FONT_SIZE - 2
        c = chain_rule(net, INDEXED_X, INDEXED_Y, -1, 0, k)
        g = backprop(net, INDEXED_X, INDEXED_Y)
        s_prime = layer_activation(net, -1).prime(g.trace.zs[-1])
        rule = tex(r"\frac{\partial C_0}{\partial a_k^{(L-1)}}", "=", r"\sum_{j}",
                   r"\frac{\partial z_j^{(L)}}{\partial a_k^{(L-1)}}",
                   r"\frac{\partial a_j^{(L)}}{\partial z_j^{(L)}}",
                   r"\frac{\partial C_0}{\partial a_j^{(L)}}", font_size=size)
        expanded = tex("=", r"\sum_{j}", "w_{jk}^{(L)}", r"\cdot", r"\sigma'(z_j^{(L)})", r"\cdot",
                       r"2(a_j^{(L)} - y_j)", font_size=size)
        top = VGroup(rule, expanded).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        align_on_equals(top)
        top.to_edge(RIGHT, buff=0.5).to_edge(UP, buff=0.5)
        self.light_paths(k, VGroup(rule[0], rule[1]))
        terms = VGroup()
        for j in range(net.sizes[-1]):
            dc_da = g.nabla_a[-1][j]
            parts: list = [rf"j = {j}\colon", Num(net.weights[-1][j, k], significant=SIG), r"\times",
                           Num(s_prime[j], significant=SIG), r"\times"]
            parts += ["(", Num(dc_da, significant=SIG), ")"] if dc_da < 0 else [Num(dc_da, significant=SIG)]
            term = tex(*parts, "=", checked(c.terms[j]), font_size=size)
            self.shown[f"term_{j}"] = term
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
        bottom.set_x(0).shift(UP * (CAPTION_BAND_TOP + 0.15 - bottom.get_bottom()[1]))
        self.shown.update(sum=total, sum_fd=check)
        spoken(self, script.sum_rule(), Write(rule[2:]), FadeIn(expanded))
        spoken(self, script.sum_terms(), LaggedStart(*[FadeIn(t, shift=LEFT * 0.2) for t in terms], lag_ratio=0.5))
        spoken(self, script.sum_check(c.dc_da_prev), FadeIn(total, shift=DOWN * 0.2), FadeIn(check, shift=DOWN * 0.2))


class CheckOnTheRealNetwork(Scene):
    """Ch4 6.3: the formulas on the trained 784-16-16-10 network: chain rule vs backprop vs finite differences."""

    def construct(self) -> None:
        self.shown = Shown()
        self.show_example(data.real_example())
        check = data.real_check()
        rows = self.show_table(check)
        self.show_worst(check, rows)

    def show_example(self, ex: data.RealExample) -> None:
        net, x, label = ex.net, ex.x, ex.label
        digit = DigitImage(x, size=1.3).to_corner(UP + LEFT, buff=0.4)
        out = feedforward(net, x).output
        guess = int(np.argmax(out))
        text = tex(r"\text{test image, label } " + str(label) + r"\text{, read as } " + str(guess),
                   r"\qquad C_0 =", Num(cost(out, label), significant=3), font_size=BODY_FONT_SIZE)
        text.next_to(digit, RIGHT, buff=0.5).align_to(digit, UP).shift(DOWN * 0.2)
        shape = "-".join(str(n) for n in net.sizes)
        sub = words(f"the trained {shape} network; weights picked at random (seeded) among those fed by a lit "
                    "neuron").next_to(text, DOWN, buff=0.25).align_to(text, LEFT)
        self.shown["example_cost"] = text
        self.shown["guess"] = guess
        self.top = VGroup(digit, text, sub)
        spoken(self, script.real_network(net.sizes, label, guess), FadeIn(digit), FadeIn(text), FadeIn(sub))

    def show_table(self, check: GradientCheck) -> list[list[VGroup]]:
        n = len(data.real_example().net.weights)
        header = [words("weight"), words("chain rule", color=YELLOW), words("backprop", color=BLUE),
                  words("finite difference", color=GREEN), words("rel. error")]
        size = SMALL_FONT_SIZE + 2
        rows = []
        for r in check.rows:
            back = n - 1 - r.layer
            name = "L" if back == 0 else f"L-{back}"
            row = [tex(f"w^{{({name})}}_{{{r.j},{r.k}}}", font_size=size),
                   number(r.chain, font_size=size, significant=6),
                   number(r.backprop, font_size=size, significant=6),
                   number(r.numeric, font_size=size, significant=6),
                   number(r.relative_error, font_size=size, significant=2)]
            for key, cell in zip(("chain", "backprop", "numeric", "relative_error"), row[1:]):
                self.shown[f"{key}_{r.layer}_{r.j}_{r.k}"] = cell
            rows.append(row)
        grid = table(header, rows, h_buff=0.6, v_buff=0.12)
        grid.next_to(self.top, DOWN, buff=0.45).set_x(0)
        self.grid = grid
        body = grid[1]
        with narrated(self, script.check_columns(data.CHECK_PER_LAYER)):
            self.play(FadeIn(grid[0]), Create(grid[2]), run_time=1.0)
            for row in body:
                self.play(LaggedStart(*[FadeIn(cell, shift=LEFT * 0.15) for cell in row[:4]], lag_ratio=0.25),
                          run_time=0.8)
        sizes = np.array([abs(r.chain) for r in check.rows])
        largest, smallest = int(np.argmax(sizes)), int(np.argmin(sizes))
        ratio = int(round(float(sizes[largest] / sizes[smallest]), -2))
        self.shown["largest_row"] = check.rows[largest]
        self.shown["size_ratio"] = ratio
        big = SurroundingRectangle(body[largest][1], color=YELLOW, buff=0.05)
        small = SurroundingRectangle(body[smallest][1], color=GREY_B, buff=0.05)
        spoken(self, script.check_rows(n - 1 - check.rows[largest].layer, check.rows[largest].layer == 0,
                                       float(sizes[largest]), ratio),
               Create(big), Create(small), Indicate(body[largest][0]))
        self.play(FadeOut(big), FadeOut(small), run_time=0.5)
        return [list(row) for row in body]

    def show_worst(self, check: GradientCheck, rows: list[list[VGroup]]) -> None:
        worst = check.rows.index(check.worst)
        box = SurroundingRectangle(VGroup(*rows[worst]), color=YELLOW, buff=0.06)
        summary = tex(r"\text{largest relative error:}\ ", Num(check.max_relative_error, significant=2,
                                                              color=YELLOW), font_size=BODY_FONT_SIZE)
        summary.next_to(self.grid, DOWN, buff=0.25)
        above_band(VGroup(self.top, self.grid, summary))
        self.shown["max_relative_error"] = summary
        spoken(self, script.check_agree(check.max_relative_error),
               LaggedStart(*[FadeIn(row[4], shift=LEFT * 0.15) for row in rows], lag_ratio=0.3),
               Create(box), FadeIn(summary))
