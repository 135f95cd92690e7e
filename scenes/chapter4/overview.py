"""Chapter 4, segments 1 and 7, introduction and recap: the trained network's gradient, the general
formulas, one real weight's factor tree.

Scenes are listed in :mod:`scenes.chapter4`'s SEGMENTS, which the pipeline renders.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Indicate, LaggedStart, Line, Rectangle,
                   ReplacementTransform, Scene, Succession, SurroundingRectangle, VGroup, Write)

from nnmath import backprop, feedforward
from nnmath.mnist import IMAGE_SIDE

from scenes.chapter4 import TITLE, data, script
from scenes.chapter4.measures.chain_paths import FactorTree
from scenes.chapter4.mobjects import SIG, deriv, fit_above_band, number, table, tex, tiny_diagram, words
from scenes.chapter4.pacing import spoken
from scenes.common.digit import DigitImage
from scenes.common.layout import BODY_FONT_SIZE, CAPTION_BAND_TOP, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.numbers import DecimalColumn
from scenes.common.palette import GREY_B, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num


class FromIntuitionToCalculus(Scene):
    """Ch4 1: a real test digit lights the trained network; backprop's gradient, each entry a derivative."""

    def construct(self) -> None:
        self.shown = Shown()
        ex = data.real_example()
        net, x, label = ex.net, ex.x, ex.label
        trace = feedforward(net, x)
        g = backprop(net, x, label)
        title = words(TITLE, font_size=48).to_edge(UP, buff=0.35)
        digit = DigitImage(x, size=2.0).to_edge(LEFT, buff=0.5).shift(UP * 0.4)
        diagram = NetworkDiagram.from_network(net, edge_keep=0.3)
        diagram.scale((title.get_bottom()[1] - 0.3 - CAPTION_BAND_TOP - 0.15) / diagram.height)
        diagram.next_to(digit, RIGHT, buff=0.6).set_y((title.get_bottom()[1] - 0.3 + CAPTION_BAND_TOP + 0.15) / 2)
        spoken(self, script.calculus(), FadeIn(title), FadeIn(digit), diagram.create())
        guess = int(trace.prediction)
        self.shown["guess"] = guess
        spoken(self, script.real_digit(label, guess), Succession(diagram.forward_pass(trace, layer_time=0.9),
                                                                 diagram.highlight_output(guess)))
        column = self.gradient_column(g.flat())
        column.next_to(diagram, RIGHT, buff=1.9).set_y(diagram.get_y())
        nabla = tex(r"\nabla C_0", "=", font_size=BODY_FONT_SIZE + 4).next_to(column, LEFT, buff=0.25)
        spoken(self, script.gradient_entries(g.flat().size), diagram.gradient_sweep(g.nabla_w, layer_time=1.2),
               LaggedStart(FadeIn(nabla), FadeIn(column), lag_ratio=0.4))
        n_out = net.sizes[-1]
        ask = tex(r"= \frac{\partial C_0}{\partial b_{%d}^{(L)}}" % (n_out - 1), font_size=BODY_FONT_SIZE)
        ask.next_to(column, RIGHT, buff=0.2).match_y(column.entries[-1])
        if ask.get_right()[0] > 7.0:
            VGroup(nabla, column, ask).shift(LEFT * (ask.get_right()[0] - 6.9))
        spoken(self, script.each_entry(), Indicate(column.entries[-1]), FadeIn(ask))
        zeros = self.leading_zeros(column)
        self.shown["leading_zeros"] = zeros
        side = digit.width / IMAGE_SIDE
        corner = digit.get_corner(UP + LEFT)
        pixels = Rectangle(width=side * zeros, height=side, color=YELLOW, stroke_width=3)
        pixels.move_to(corner + RIGHT * side * zeros / 2 + DOWN * side / 2)
        boxed = SurroundingRectangle(VGroup(*column.entries[:zeros]), color=YELLOW, buff=0.08)
        spoken(self, script.blank_pixels(zeros), Create(boxed), Create(pixels),
               *[Indicate(e, color=YELLOW) for e in column.entries[:zeros]])
        self.play(FadeOut(boxed), FadeOut(pixels), run_time=0.5)
        chain = tiny_diagram()
        spoken(self, script.shrink(), FadeOut(VGroup(title, digit, column, nabla, ask, diagram.highlight_box)),
               ReplacementTransform(diagram, chain))

    def gradient_column(self, gradient: np.ndarray) -> DecimalColumn:
        """The gradient as a column; exact zeros grey (red means negative, zero is neither)."""
        column = DecimalColumn(gradient, num_decimal_places=4, max_rows=9, color_by_sign=True, font_size=28)
        for entry, i in zip(column.entries, column.shown):
            if gradient[i] == 0:
                entry.set_color(GREY_B)
        self.shown["gradient"] = column
        return column

    @staticmethod
    def leading_zeros(column: DecimalColumn) -> int:
        """How many of the first entries shown are exactly zero."""
        values = column.shown_values()
        nonzero = np.flatnonzero(values != 0)
        return int(nonzero[0]) if nonzero.size else int(values.size)


class TwoGeneralFormulas(Scene):
    """Ch4 7.1: the general formulas, for any layer l, and the output's starting point."""

    def construct(self) -> None:
        self.shown = Shown()
        size = BODY_FONT_SIZE + 8
        weight = tex(r"\frac{\partial C_0}{\partial w_{jk}^{(l)}}", "=", "a_k^{(l-1)}", r"\sigma'(z_j^{(l)})",
                     r"\frac{\partial C_0}{\partial a_j^{(l)}}", font_size=size)
        activation = tex(r"\frac{\partial C_0}{\partial a_k^{(l-1)}}", "=", r"\sum_{j}", "w_{jk}^{(l)}",
                         r"\sigma'(z_j^{(l)})", r"\frac{\partial C_0}{\partial a_j^{(l)}}", font_size=size)
        start = tex(r"\frac{\partial C_0}{\partial a_j^{(L)}}", "=", "2(", "a_j^{(L)}", "-", "y_j", ")",
                    font_size=size)
        average = tex(r"\frac{\partial C}{\partial w_{jk}^{(l)}}", "=", r"\frac{1}{n}\sum_{i=0}^{n-1}",
                      r"\frac{\partial C_i}{\partial w_{jk}^{(l)}}", r"\quad\longrightarrow\quad \nabla C",
                      font_size=size)
        rows = VGroup(weight, activation, start, average).arrange(DOWN, buff=0.4, aligned_edge=LEFT)
        for row in rows:
            row.shift(RIGHT * (weight[1].get_x() - row[1].get_x()))
        heading = words("That is pretty much it", color=YELLOW, font_size=BODY_FONT_SIZE)
        heading.to_edge(UP, buff=0.4)
        rows.next_to(heading, DOWN, buff=0.45).set_x(0)
        fit_above_band(rows, top=rows.get_top()[1])
        self.shown.update(weight=weight, activation=activation, start=start, average=average)
        spoken(self, script.pretty_much_it(), FadeIn(heading), Write(weight))
        spoken(self, script.from_next_layer(), Write(activation), Indicate(weight[-1]))
        spoken(self, script.output_start(), Write(start), Indicate(activation[-1]))
        spoken(self, script.average_all(), Write(average))


class FactorTreeOfARealWeight(Scene):
    """Ch4 7.2: nnmath.chain_rule for one weight of the trained network, read as a tree of factors."""

    def construct(self) -> None:
        self.shown = Shown()
        ex = data.real_example()
        tree = data.real_factor_tree()
        guess = int(feedforward(ex.net, ex.x).prediction)
        root, children = self.root_and_children(tree)
        leaves = self.leaves(tree)
        self.place(root, children, leaves)
        self.reveal(tree, root, children, leaves, ex.label, guess)

    def root_and_children(self, tree: FactorTree) -> tuple[VGroup, VGroup]:
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
        self.shown["root"] = root
        for i, child in enumerate(children):
            self.shown[f"child_{i}"] = child
        return root, children

    def leaves(self, tree: FactorTree) -> VGroup:
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
            for name, cell in zip(("w", "sigma_prime", "dc_da", "product"), row[1:]):
                self.shown[f"leaf_{i}_{name}"] = cell
            rows.append(row)
        grid = table(header, rows, h_buff=0.45, v_buff=0.12)
        total = tex(r"\text{sum}", "=", Num(float(np.sum(tree.next_terms)), significant=SIG, color=YELLOW),
                    font_size=size + 4).next_to(grid, DOWN, buff=0.3).align_to(grid, RIGHT)
        self.shown["leaf_sum"] = total
        group = VGroup(grid, total).to_edge(RIGHT, buff=0.3)
        return group

    def place(self, root: VGroup, children: VGroup, leaves: VGroup) -> None:
        """Root in the upper left, its three factors below it, the table of the last one on the right."""
        root.to_corner(UP + LEFT, buff=0.5)
        children.arrange(DOWN, buff=0.8, aligned_edge=LEFT)
        children.next_to(root, DOWN, buff=0.7).align_to(root, LEFT).shift(RIGHT * 0.9)
        left = max(root.get_right()[0], children.get_right()[0]) + 1.0
        room_w, room_h = 6.8 - left, 3.6 - (CAPTION_BAND_TOP + 0.15)
        leaves.scale(min(room_w / leaves.width, room_h / leaves.height, 1.5))
        leaves.to_edge(RIGHT, buff=0.3).set_y((3.6 + CAPTION_BAND_TOP + 0.15) / 2)
        gap = leaves.get_left()[0] - max(root.get_right()[0], children.get_right()[0])
        if gap < 0.8:
            raise ValueError(f"only {gap:.2f} between the factors and the table; shrink a font")

    def reveal(self, tree: FactorTree, root: VGroup, children: VGroup, leaves: VGroup, label: int,
               guess: int) -> None:
        c = tree.weight
        corner = root.get_corner(DOWN + LEFT) + RIGHT * 0.4
        edges = VGroup(*[Line(corner, ch.get_left(), buff=0.12, color=GREY_B, stroke_width=2) for ch in children])
        body = leaves[0][1]
        fan = VGroup(*[Line(children[2].get_right(), row.get_left(), buff=0.15, color=GREY_B, stroke_width=1)
                       for row in body])
        spoken(self, script.real_weight(c.j, c.k), FadeIn(root, shift=DOWN * 0.2))
        spoken(self, script.three_factors(c.factors), Create(edges),
               LaggedStart(*[FadeIn(ch, shift=RIGHT * 0.3) for ch in children], lag_ratio=0.4))
        spoken(self, script.sum_of_terms(tree.next_terms.size), Create(fan), FadeIn(leaves[0][0]),
               Create(leaves[0][2]), LaggedStart(*[FadeIn(row, shift=LEFT * 0.15) for row in leaves[0][1]],
                                                 lag_ratio=0.3))
        top_two = sorted(int(i) for i in np.argsort(np.abs(tree.next_terms))[-2:])
        boxes = VGroup(*[SurroundingRectangle(leaves[0][1][i], color=YELLOW, buff=0.05) for i in top_two])
        self.shown["top_two"] = top_two
        spoken(self, script.dominant_terms(top_two, label, guess), Create(boxes))
        self.play(FadeOut(boxes), run_time=0.5)
        spoken(self, script.tree_product(float(np.sum(tree.next_terms)), c.product), FadeIn(leaves[1]),
               Indicate(children[2]), Indicate(root[-1]))
