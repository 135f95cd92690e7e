"""Chapter 4, segments 1 and 7, introduction and recap: the trained network's gradient, the general
formulas, one real weight's factor tree.

Scenes are listed in :mod:`scenes.chapter4`'s SEGMENTS, which the pipeline renders.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Indicate, LaggedStart, Line, Scene,
                   SurroundingRectangle, VGroup, Write)

from nnmath import backprop, feedforward

from scenes.chapter4 import TITLE, data
from scenes.chapter4.measures.chain_paths import FactorTree
from scenes.chapter4.mobjects import SIG, deriv, number, table, tex, words
from scenes.common.captions import caption
from scenes.common.digit import DigitImage
from scenes.common.formatting import format_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.numbers import DecimalColumn
from scenes.common.palette import GREY_B, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num


class FromIntuitionToCalculus(Scene):
    """Ch4 1: the real network, one real digit, and its 13,002 gradient entries: each a derivative."""

    def construct(self) -> None:
        self.shown = Shown()
        ex = data.real_example()
        net, x, label = ex.net, ex.x, ex.label
        g = backprop(net, x, label)
        title = words(TITLE, font_size=48).to_edge(UP, buff=0.4)
        digit = DigitImage(x, size=1.8).to_edge(LEFT, buff=0.5)
        diagram = NetworkDiagram.from_network(net, edge_keep=0.3).scale(0.75).next_to(digit, RIGHT, buff=0.6)
        column = DecimalColumn(g.flat(), num_decimal_places=4, max_rows=9, color_by_sign=True, font_size=28)
        column.to_edge(RIGHT, buff=2.0).shift(DOWN * 0.2)
        nabla = tex(r"\nabla C_0", "=", font_size=BODY_FONT_SIZE + 4).next_to(column, LEFT, buff=0.25)
        count = words(f"{format_count(g.flat().size)} entries").next_to(column, DOWN, buff=0.2)
        self.shown["gradient"] = column
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


class TwoGeneralFormulas(Scene):
    """Ch4 7.1: the general formulas, for any layer l, and the output's starting point."""

    def construct(self) -> None:
        self.shown = Shown()
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
        heading = words("That is pretty much it", color=YELLOW, font_size=BODY_FONT_SIZE)
        heading.to_edge(UP, buff=0.4)
        rows.next_to(heading, DOWN, buff=0.6).set_x(0)
        self.shown.update(weight=weight, activation=activation, start=start, average=average)
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
        leaves.to_edge(RIGHT, buff=0.3).set_y(-0.4)
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
        caption(self, f"One real weight of the trained network, w_({c.j},{c.k}) in layer L-1: the one this "
                      "test digit's cost is most sensitive to. nnmath.chain_rule splits it into three factors.",
                FadeIn(root), run_time=1)
        self.play(Create(edges), LaggedStart(*[FadeIn(ch, shift=RIGHT * 0.3) for ch in children], lag_ratio=0.3),
                  run_time=1.5)
        caption(self, "The last factor is itself a sum, one term per output neuron i: the weight to it, "
                      "its sigmoid's slope, and 2(a - y) for this digit.",
                Create(fan), FadeIn(leaves), run_time=2)
        top_two = sorted(int(i) for i in np.argsort(np.abs(tree.next_terms))[-2:])
        boxes = VGroup(*[SurroundingRectangle(leaves[0][1][i], color=YELLOW, buff=0.05) for i in top_two])
        caption(self, f"Two terms dominate, i = {top_two[0]} and i = {top_two[1]}: "
                      + self.dominant_words(top_two, label, guess), Create(boxes), run_time=1.5)
        self.play(FadeOut(boxes), run_time=0.5)
        caption(self, "The ten terms add up to the third factor, and the three factors multiply to "
                      "the weight's derivative: backpropagation, read as a tree.",
                Indicate(leaves[1]), Indicate(children[2]), run_time=1.5)

    @staticmethod
    def dominant_words(top_two: list[int], label: int, guess: int) -> str:
        """Say which outputs the two largest terms belong to, from the real label and guess."""
        if sorted(top_two) == sorted([label, guess]):
            return (f"the true digit {label}, which should light up, and the network's wrong "
                    f"answer {guess}, which should dim.")
        return "the outputs whose error and slope are largest for this digit."

