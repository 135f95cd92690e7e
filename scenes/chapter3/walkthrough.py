"""Chapter 3, segment "Intuitive walkthrough example": one real "2" and the nudges it asks for.

The untrained network reads a training 2; each output's wish ``2(y - a)``; the
three levers of the 2's neuron; every output's wishes summed and sent backwards;
the "change by" table of six examples averaged into minus the gradient.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Circle, Create, DecimalNumber, FadeIn, FadeOut, Group, Indicate, Integer,
                   LaggedStart, Line, MathTex, Scene, SurroundingRectangle, Tex, VGroup, Write)
from manim.utils.space_ops import normalize

from nnmath import Nudges, backprop
from scenes.chapter3 import data as d
from scenes.chapter3.measures.nudge_effects import ChangeTable
from scenes.chapter3.mobjects import NeuronColumn, WishArrows
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.digit import DigitImage
from scenes.common.edges import EdgeBundle, EdgeFlash
from scenes.common.formatting import format_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREY_B, MAROON_B, RED, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num, ValuedTex

__all__ = ["UntrainedNetworkReadsATwo", "ThreeWaysToRaiseTheTwo", "WishesAddUpBackwards",
           "ExamplesAverageIntoTheGradient"]


class UntrainedNetworkReadsATwo(Scene):
    """Ch3 3.1: a real training 2 through the untrained network; each output's wish 2(y - a)."""

    def construct(self) -> None:
        self.shown = Shown()
        nudges = d.walkthrough()
        diagram = self.read_the_two(nudges)
        panel = self.show_outputs(nudges)
        self.show_wishes(nudges, panel)
        caption(self, "These wishes are what the last layer should change. The question is how to get there.")

    def read_the_two(self, nudges: Nudges) -> NetworkDiagram:
        digit = DigitImage(data.digit("train", d.two_index()), size=2.0).to_edge(LEFT, buff=0.5)
        diagram = NetworkDiagram.from_network(d.untrained(), edge_keep=0.4)
        diagram.scale_to_fit_height(5.8).next_to(digit, RIGHT, buff=0.7)
        trace = backprop(d.untrained(), data.digit("train", d.two_index()), 2).trace
        caption(self, f"A real training image: a 2 (training image {d.two_index()}), fed to the still "
                      "untrained network.", FadeIn(digit), diagram.fade_in(), run_time=1)
        caption(self, "Its pixels flow forward, layer by layer. With random weights the output is a mess.",
                diagram.forward_pass(trace, layer_time=0.6))
        self.diagram = diagram
        return diagram

    def show_outputs(self, nudges: Nudges) -> VGroup:
        a = nudges.activations[-1]
        y = np.eye(len(a))[2]
        header = VGroup(Tex("digit", font_size=SMALL_FONT_SIZE), MathTex("a", font_size=BODY_FONT_SIZE),
                        MathTex("y", font_size=BODY_FONT_SIZE, color=YELLOW),
                        MathTex("2(y - a)", font_size=SMALL_FONT_SIZE + 2))
        rows = VGroup()
        for j in range(len(a)):
            rows.add(VGroup(Integer(j, font_size=SMALL_FONT_SIZE),
                            DecimalNumber(a[j], num_decimal_places=2, font_size=SMALL_FONT_SIZE),
                            Integer(int(y[j]), font_size=SMALL_FONT_SIZE, color=YELLOW),
                            DecimalNumber(nudges.wanted[-1][j], num_decimal_places=2, font_size=SMALL_FONT_SIZE)))
        xs = [0.0, 0.9, 1.7, 3.5]
        for r, row in enumerate([header, *rows]):
            for x, cell in zip(xs, row):
                cell.move_to([x, -0.52 * r, 0])
        panel = VGroup(header, rows).to_edge(RIGHT, buff=0.5).set_y(0)
        self.shown["outputs"] = VGroup(*[r[1] for r in rows])
        self.shown["targets"] = VGroup(*[r[2] for r in rows])
        self.shown["wish_values"] = VGroup(*[r[3] for r in rows])
        self.rows, self.xs = rows, xs
        caption(self, "Its ten outputs. We want 1 for the 2 and 0 for every other digit.",
                FadeIn(VGroup(header, *[VGroup(r[0], r[1]) for r in rows])), run_time=1)
        caption(self, "The desired output y.", FadeIn(VGroup(*[r[2] for r in rows])), run_time=1)
        return panel

    def show_wishes(self, nudges: Nudges, panel: VGroup) -> None:
        rows = self.rows
        centers = np.array([(r[2].get_center() + r[3].get_center()) / 2 for r in rows])
        centers[:, 0] = rows[0][2].get_right()[0] + 0.55
        arrows = WishArrows(centers, nudges.wanted[-1], max_length=0.48)
        box = SurroundingRectangle(rows[2], color=YELLOW, buff=0.08)
        self.shown["arrows"] = arrows
        caption(self, "Each output wants to move: up for the 2, down for the others. The length is "
                      "2(y - a): how far it is from what we want.",
                LaggedStart(*[Create(a) for a in arrows], lag_ratio=0.1), FadeIn(VGroup(*[r[3] for r in rows])),
                run_time=2)
        far = int(np.argmax(np.abs(nudges.wanted[-1])))
        caption(self, f"The 2 is at {nudges.activations[-1][2]:.2f} and should rise. The {far} is at "
                      f"{nudges.activations[-1][far]:.2f} when it should be 0: its wish is the strongest.",
                Create(box), Indicate(rows[far]), run_time=1.5)


class ThreeWaysToRaiseTheTwo(Scene):
    """Ch3 3.2: the "2" neuron's three levers: its bias, its weights (by a_k), the activations (by w_k)."""

    def construct(self) -> None:
        self.shown = Shown()
        nudges = d.walkthrough()
        self.build(nudges)
        self.lever_bias(nudges)
        self.lever_weights(nudges)
        self.lever_activations(nudges)

    def build(self, nudges: Nudges) -> None:
        net = d.untrained()
        a_prev, a_two = nudges.activations[-2], nudges.activations[-1][2]
        column = NeuronColumn(a_prev, spacing=0.42, values_side=LEFT).to_edge(LEFT, buff=1.6).shift(DOWN * 0.2)
        two = Circle(radius=0.45, stroke_color=WHITE, fill_color=WHITE, fill_opacity=float(a_two))
        two.move_to([column.get_right()[0] + 3.0, column.get_center()[1], 0])
        two_value = ValuedTex(Num(a_two, 2), font_size=SMALL_FONT_SIZE, color=WHITE if a_two < 0.5 else "#000000")
        two_value.move_to(two)
        label = Tex("the 2", font_size=SMALL_FONT_SIZE).next_to(two, DOWN)
        indices = VGroup(*[Integer(k, font_size=20, color=GREY_B).move_to([column.get_left()[0] - 1.05, c.get_y(), 0])
                           for k, c in enumerate(column.circles)])
        w = net.weights[-1][2]
        edges = VGroup(*[Line(c.get_right(), two.get_center() + 0.45 * normalize(c.get_center() - two.get_center()),
                              color=BLUE if wk > 0 else RED, stroke_width=0.5 + 3 * abs(wk) / np.abs(w).max())
                         for c, wk in zip(column.circles, w)])
        last = len(a_prev) - 1
        formula = MathTex(r"a_2 = \sigma(", "w_0", "a_0", "+", "w_1", "a_1", r"+ \cdots +",
                          f"w_{{{last}}}", f"a_{{{last}}}", "+", "b", ")", font_size=BODY_FONT_SIZE)
        for i in (1, 4, 7):
            formula[i].set_color(BLUE)
        formula[10].set_color(MAROON_B)
        formula.to_corner(UP + RIGHT, buff=0.5)
        self.column, self.two, self.edges, self.formula = column, two, edges, formula
        self.shown["previous"] = column
        self.shown["two_value"] = two_value
        caption(self, f"Zoom in on the 2's neuron and the {len(a_prev)} neurons of the layer before it, with their "
                      "real activations for this image.", FadeIn(column), Create(edges), FadeIn(two),
                FadeIn(two_value), FadeIn(label), FadeIn(indices), run_time=2)
        caption(self, "Its activation is a weighted sum of theirs, plus a bias, squished by the sigmoid.",
                Write(formula), run_time=1.5)
        self.levers = VGroup()

    def lever(self, text: str, value_parts: tuple) -> VGroup:
        title = Tex(text, font_size=BODY_FONT_SIZE - 4)
        value = ValuedTex(*value_parts, font_size=SMALL_FONT_SIZE + 2)
        block = VGroup(title, value).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        if len(self.levers):
            block.next_to(self.levers, DOWN, aligned_edge=LEFT, buff=0.35)
        else:
            block.next_to(self.formula, DOWN, buff=0.7).align_to(self.formula, LEFT).shift(RIGHT * 0.6)
        self.levers.add(block)
        return block

    def lever_bias(self, nudges: Nudges) -> None:
        bias = nudges.bias[-1][2]
        block = self.lever("1. Increase $b$", (r"b \text{ changes by }", Num(bias, significant=3, color=MAROON_B)))
        self.shown["bias_nudge"] = block[1]
        caption(self, "Three ways to raise it. First, increase its bias: the nudge this example asks for "
                      "is on the right.", FadeIn(block), Indicate(self.formula[10]), run_time=1.5)

    def lever_weights(self, nudges: Nudges) -> None:
        a_prev = nudges.activations[-2]
        bright = np.argsort(-a_prev)[:4]
        rows = nudges.weight[-1][2]
        bias = nudges.bias[-1][2]
        block = self.lever(r"2. Increase $w_k$ in proportion to $a_k$",
                           (r"w_k \text{ changes by } a_k \times", Num(bias, significant=3, color=MAROON_B)))
        parts = [p for k in bright for p in (rf"w_{{{k}}}\!:", Num(rows[k], significant=2, color=BLUE), r",\ ")]
        listing = ValuedTex(*parts[:-1], font_size=SMALL_FONT_SIZE).next_to(block, DOWN, aligned_edge=LEFT, buff=0.12)
        block.add(listing)
        boxes = VGroup(*[SurroundingRectangle(self.column.circles[k], color=YELLOW, buff=0.05) for k in bright])
        self.shown["bright"] = bright
        self.shown["weight_nudges"] = listing
        self.shown["weight_rule"] = block[1]
        caption(self, "Second, change its weights. The edges from the brightest neurons matter most: "
                      "here neurons " + ", ".join(str(k) for k in bright) + ".",
                Create(boxes), *[self.edges[k].animate.set_stroke(YELLOW, width=5) for k in bright],
                FadeIn(block), run_time=1.5)
        caption(self, "Each weight should change in proportion to the activation feeding it. Neurons that "
                      "fire together wire together.")
        w = d.untrained().weights[-1][2]
        self.play(FadeOut(boxes), *[self.edges[k].animate.set_stroke(BLUE if w[k] > 0 else RED,
                                                                     width=0.5 + 3 * abs(w[k]) / np.abs(w).max())
                                    for k in bright])

    def lever_activations(self, nudges: Nudges) -> None:
        wish = nudges.wishes[-1][2]
        centers = self.column.centers() + LEFT * 1.3
        arrows = WishArrows(centers, wish, max_length=0.38)
        block = self.lever(r"3. Change $a_k$ in proportion to $w_k$",
                           (r"\text{largest wish: } a_{" + str(int(np.argmax(np.abs(wish)))) + "}", r"\text{ by }",
                            Num(wish[int(np.argmax(np.abs(wish)))], significant=2)))
        self.shown["activation_wishes"] = arrows
        self.shown["activation_block"] = block[1]
        caption(self, "Third, change the activations of the layer before: up where the weight is positive, "
                      "down where it is negative, more where the weight is larger.",
                FadeIn(block), LaggedStart(*[Create(a) for a in arrows], lag_ratio=0.05), run_time=2)
        caption(self, "We cannot set those activations directly. But this wish is the seed of "
                      "backpropagation.")


class WishesAddUpBackwards(Scene):
    """Ch3 3.3: every output's wishes for the layer before, summed into one nudge each; then backwards."""

    def construct(self) -> None:
        self.shown = Shown()
        nudges = d.walkthrough()
        self.build(nudges)
        self.wishes_of(nudges, 2, "The 2's wishes for the layer before (from the last scene).")
        pulls = np.abs(nudges.wishes[-1]).max(axis=1)
        pulls[2] = -1.0
        other = int(np.argmax(pulls))
        self.wishes_of(nudges, other, f"But every output has wishes for that layer. The {other} pulls hardest "
                                      "of the others, and in other directions.")
        self.sum_wishes(nudges)
        self.propagate_backwards(nudges)
        caption(self, "Each neuron's total wish also sets the nudges to its own weights and bias. That is "
                      "how one example asks for a change to every one of the network's parameters.")

    def build(self, nudges: Nudges) -> None:
        spacing = 0.42
        acts = nudges.activations
        self.columns = [NeuronColumn(acts[l], spacing=spacing) for l in (1, 2, 3)]
        for column, x in zip(self.columns, (-4.4, -0.6, 3.4)):
            column.move_to([x, -0.15, 0])
        bundles = VGroup()
        for left, right in zip(self.columns[:-1], self.columns[1:]):
            a, b = left.centers(), right.centers()
            starts = np.broadcast_to(a[None, :, :], (len(b), len(a), 3)) + RIGHT * 0.15
            ends = np.broadcast_to(b[:, None, :], (len(b), len(a), 3)) + LEFT * 0.15
            bundles.add(EdgeBundle(starts, ends, style="plain", plain_width=0.6, opacity=0.35))
        labels = VGroup(*[MathTex(str(j), font_size=SMALL_FONT_SIZE).next_to(c, RIGHT, buff=0.7)
                          for j, c in enumerate(self.columns[2].circles)])
        out_arrows = WishArrows(self.columns[2].centers() + RIGHT * 0.38, nudges.wanted[-1], max_length=0.38)
        names = VGroup(*[Tex(t, font_size=SMALL_FONT_SIZE, color=GREY_B).next_to(c, UP, buff=0.25)
                         for t, c in zip(("layer 2", "layer 3", "output"), self.columns)])
        self.bundles = bundles
        self.shown["output_wishes"] = out_arrows
        self.scale2 = float(np.max(np.abs(nudges.wishes[-1])))  # one scale for every output's wishes
        hidden = d.untrained().sizes[1]
        caption(self, f"The same 2, the whole network after the input: two hidden layers of {hidden} and the "
                      "ten outputs with their wishes.", FadeIn(bundles), *[FadeIn(c) for c in self.columns],
                FadeIn(labels), FadeIn(names), FadeIn(out_arrows), run_time=2)
        self.arrows2 = None

    @staticmethod
    def numbers(column: NeuronColumn, values) -> VGroup:
        """Each value, 2 decimals, left of its neuron (room for an arrow in between)."""
        group = VGroup()
        for c, v in zip(column.circles, values):
            color = WHITE if abs(v) < 0.005 else (BLUE if v > 0 else RED)
            group.add(DecimalNumber(v, num_decimal_places=2, font_size=20, color=color).next_to(c, LEFT, buff=0.62))
        return group

    def wishes_of(self, nudges: Nudges, j: int, text: str) -> None:
        column = self.columns[1]
        arrows = WishArrows(column.centers() + LEFT * 0.38, nudges.wishes[-1][j], max_length=0.38,
                            scale=self.scale2)
        numbers = self.numbers(column, nudges.wishes[-1][j])
        box = SurroundingRectangle(self.columns[2].circles[j], color=YELLOW, buff=0.06)
        self.shown[f"wishes_from_{j}"] = arrows
        self.shown[f"wish_numbers_from_{j}"] = numbers
        if self.arrows2 is None:
            anims = [LaggedStart(*[Create(a) for a in arrows], lag_ratio=0.05), FadeIn(numbers)]
        else:
            anims = [FadeOut(self.arrows2), FadeOut(self.numbers2), FadeOut(self.box), FadeIn(arrows),
                     FadeIn(numbers)]
        caption(self, text, Create(box), *anims, run_time=1.5)
        self.arrows2, self.numbers2, self.box = arrows, numbers, box

    def sum_wishes(self, nudges: Nudges) -> None:
        column = self.columns[1]
        total = WishArrows(column.centers() + LEFT * 0.38, nudges.wanted[-2], max_length=0.38)
        numbers = self.numbers(column, nudges.wanted[-2])
        shrink = total.scale_value / self.scale2
        note = Tex(f"sums drawn {shrink:.1f} times smaller", font_size=20, color=GREY_B)
        note.next_to(column, DOWN, buff=0.12)
        self.shown["summed_wishes"] = total
        self.shown["summed_numbers"] = numbers
        flashes = LaggedStart(*[Indicate(c, color=YELLOW) for c in self.columns[2].circles], lag_ratio=0.15)
        caption(self, "Add up the wishes of all ten outputs, each weighted by how much it wants to move: "
                      "one nudge per neuron of this layer.", FadeOut(self.box), flashes,
                FadeOut(self.arrows2), FadeOut(self.numbers2), FadeIn(total), FadeIn(numbers), FadeIn(note),
                run_time=2.5)
        self.arrows2 = total

    def propagate_backwards(self, nudges: Nudges) -> None:
        column = self.columns[0]
        arrows = WishArrows(column.centers() + LEFT * 0.38, nudges.wanted[-3], max_length=0.38)
        numbers = self.numbers(column, nudges.wanted[-3])
        back = EdgeBundle(self.bundles[0].ends, self.bundles[0].starts, style="plain", plain_width=0.4)
        title = Tex("Propagate backwards", font_size=BODY_FONT_SIZE, color=YELLOW).to_corner(UP + RIGHT, buff=0.5)
        self.shown["layer1_wishes"] = arrows
        self.shown["layer1_numbers"] = numbers
        caption(self, "Now do the same one layer further back: these summed wishes become the targets "
                      "for the layer before them.", Write(title), EdgeFlash(back, run_time=1.5), run_time=1.5)
        caption(self, "The layer before gets its own summed wishes. That backwards flow is where the name "
                      "comes from.", LaggedStart(*[Create(a) for a in arrows], lag_ratio=0.05), FadeIn(numbers),
                run_time=1.5)


class ExamplesAverageIntoTheGradient(Scene):
    """Ch3 3.4: the "change by" table over six real examples, averaged; all 50,000 give -grad C."""

    def construct(self) -> None:
        self.shown = Shown()
        table, full = d.example_table(), d.full_gradient_entries()
        self.build(table)
        self.fill_examples(table)
        self.average(table)
        self.all_examples(full)

    ROW_Y = (1.25, 0.05, -1.15, -2.35)
    COL_X = tuple(-2.8 + 1.1 * e for e in range(d.TABLE_EXAMPLES)) + (4.05, 5.6)

    def build(self, table: ChangeTable) -> None:
        s = data.split("train")
        thumbs = Group(*[DigitImage(s.images[e], size=0.85, frame_color=GREY_B).move_to([x, 2.75, 0])
                         for e, x in zip(range(d.TABLE_EXAMPLES), self.COL_X)])
        names = VGroup(*[MathTex(d.name_tex(i), font_size=SMALL_FONT_SIZE).move_to([-5.0, y, 0])
                         for i, y in zip(table.indices, self.ROW_Y)])
        dots = VGroup(*[MathTex(r"\vdots", font_size=SMALL_FONT_SIZE).move_to([-5.0, (y0 + y1) / 2, 0])
                        for y0, y1 in zip(self.ROW_Y[:-1], self.ROW_Y[1:])])
        header = Tex("change by", font_size=SMALL_FONT_SIZE, color=GREY_B).move_to([-5.0, 2.75, 0])
        rule = Line([-6.9, 2.1, 0], [6.9, 2.1, 0], stroke_width=1, color=GREY_B)
        caption(self, f"One example asks for one set of nudges. Here are the first {d.TABLE_EXAMPLES} "
                      f"training images and four of the {format_count(d.untrained().n_parameters)} parameters.",
                FadeIn(thumbs), FadeIn(names), FadeIn(dots), FadeIn(header), Create(rule), run_time=1.5)
        self.thumbs = thumbs

    def cell(self, value: float, x: float, y: float, color=WHITE) -> DecimalNumber:
        return DecimalNumber(float(value), num_decimal_places=3, font_size=SMALL_FONT_SIZE - 2,
                             color=color).move_to([x, y, 0])

    def fill_examples(self, table: ChangeTable) -> None:
        columns = [VGroup(*[self.cell(v, x, y) for v, y in zip(table.per_example[e], self.ROW_Y)])
                   for e, x in enumerate(self.COL_X[:d.TABLE_EXAMPLES])]
        self.shown["per_example"] = VGroup(*columns)
        two = list(data.split("train").labels[:d.TABLE_EXAMPLES]).index(2)
        caption(self, "The 2 from the walkthrough asks for these changes: minus the gradient of its own cost.",
                Indicate(self.thumbs[two]), FadeIn(columns[two]), run_time=1.5)
        others = [c for e, c in enumerate(columns) if e != two]
        caption(self, "Every other example asks for its own changes, often in the opposite direction.",
                LaggedStart(*[FadeIn(c) for c in others], lag_ratio=0.3), run_time=2.5)
        caption(self, "Pixel 0 is blank in all of them, so no example asks its weight to move.",
                Indicate(columns[0][0]), *[Indicate(c[0]) for c in columns[1:]], run_time=1.5)

    def average(self, table: ChangeTable) -> None:
        x = self.COL_X[d.TABLE_EXAMPLES]
        column = VGroup(*[self.cell(v, x, y, YELLOW) for v, y in zip(table.mean, self.ROW_Y)])
        header = Tex("average", font_size=SMALL_FONT_SIZE, color=YELLOW).move_to([x, 2.75, 0])
        rule = Line([x - 0.75, 2.4, 0], [x - 0.75, -2.9, 0], stroke_width=1, color=GREY_B)
        self.shown["average"] = column
        caption(self, f"Average each row: the nudge these {d.TABLE_EXAMPLES} examples ask for together.",
                Create(rule), FadeIn(header), FadeIn(column), run_time=1.5)

    def all_examples(self, full: np.ndarray) -> None:
        x = self.COL_X[-1]
        column = VGroup(*[self.cell(v, x, y, YELLOW) for v, y in zip(full, self.ROW_Y)])
        header = Tex(f"all {format_count(len(data.split('train')))}", font_size=SMALL_FONT_SIZE,
                     color=YELLOW).move_to([x, 2.75, 0])
        label = MathTex(r"= -\nabla C", font_size=BODY_FONT_SIZE, color=YELLOW).next_to(column, DOWN, buff=0.35)
        box = SurroundingRectangle(VGroup(header, column), color=YELLOW, buff=0.12)
        self.shown["all"] = column
        caption(self, f"Averaged over all {format_count(len(data.split('train')))} training images, these "
                      "columns are minus the gradient of the cost.", FadeIn(header), FadeIn(column), run_time=1.5)
        caption(self, "That average of everyone's nudges is what gradient descent steps along.",
                Create(box), Write(label), run_time=1.5)

