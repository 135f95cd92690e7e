"""Chapter 3, segment "Intuitive walkthrough example": one real "2" and the nudges it asks for.

The untrained network reads a training 2; each output's wish ``2(y - a)``; the
three levers of the 2's neuron; every output's wishes summed and sent backwards;
the "change by" table of six examples averaged into minus the gradient.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, AnimationGroup, Circle, Create, DecimalNumber, FadeIn, FadeOut, Group, Indicate, Integer,
                   LaggedStart, Line, MathTex, Scene, Succession, SurroundingRectangle, Tex, VGroup, Write)
from manim.utils.space_ops import normalize

from nnmath import Nudges, backprop
from scenes.chapter3 import data as d
from scenes.chapter3 import script
from scenes.chapter3.measures.nudge_effects import ChangeTable
from scenes.chapter3.mobjects import NeuronColumn, WishArrows
from scenes.common import data
from scenes.chapter3.pacing import STAGE_Y, paced
from nnmath.parameters import parameter_name
from scenes.common.digit import DigitImage
from scenes.common.edges import EdgeBundle, EdgeFlash
from scenes.common.formatting import format_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREY_B, MAROON_B, RED, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num, ValuedTex

LABEL = d.LABEL
#: The levers of one neuron's activation sigma(w . a + b): its bias, its weights, the activations feeding it.
LEVERS = 3

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
        grads = backprop(d.untrained(), data.digit("train", d.two_index()), LABEL)
        paced(self, script.last_layer(), Succession(self.diagram.edges[-1].flash(),
                                                    self.diagram.restyle_edges(len(grads.nabla_w) - 1, grads.nabla_w[-1], "gradient")))

    def read_the_two(self, nudges: Nudges) -> NetworkDiagram:
        digit = DigitImage(data.digit("train", d.two_index()), size=2.0).to_edge(LEFT, buff=0.5).set_y(STAGE_Y)
        diagram = NetworkDiagram.from_network(d.untrained(), edge_keep=0.4)
        diagram.scale_to_fit_height(5.8).next_to(digit, RIGHT, buff=0.7).set_y(STAGE_Y - 0.1)
        trace = backprop(d.untrained(), data.digit("train", d.two_index()), LABEL).trace
        paced(self, script.real_two(LABEL, d.two_index()), Succession(FadeIn(digit, shift=RIGHT * 0.3),
                                                                      diagram.fade_in()))
        paced(self, script.forward(), diagram.forward_pass(trace))
        self.diagram = diagram
        return diagram

    def show_outputs(self, nudges: Nudges) -> VGroup:
        a = nudges.activations[-1]
        y = np.eye(len(a))[LABEL]
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
                cell.move_to([x, -0.5 * r, 0])
        panel = VGroup(header, rows).to_edge(RIGHT, buff=0.5).set_y(STAGE_Y)
        self.shown["outputs"] = VGroup(*[r[1] for r in rows])
        self.shown["targets"] = VGroup(*[r[2] for r in rows])
        self.shown["wish_values"] = VGroup(*[r[3] for r in rows])
        self.rows, self.xs = rows, xs
        paced(self, script.outputs(len(a), LABEL),
              Succession(FadeIn(header), LaggedStart(*[FadeIn(VGroup(r[0], r[1]), shift=LEFT * 0.2) for r in rows],
                                                     lag_ratio=0.3)))
        paced(self, script.desired(), LaggedStart(*[FadeIn(r[2], scale=1.5) for r in rows], lag_ratio=0.2))
        return panel

    def show_wishes(self, nudges: Nudges, panel: VGroup) -> None:
        rows = self.rows
        centers = np.array([(r[2].get_center() + r[3].get_center()) / 2 for r in rows])
        centers[:, 0] = rows[0][2].get_right()[0] + 0.55
        arrows = WishArrows(centers, nudges.wanted[-1], max_length=0.48)
        box = SurroundingRectangle(rows[LABEL], color=YELLOW, buff=0.08)
        self.shown["arrows"] = arrows
        paced(self, script.wishes(LABEL), LaggedStart(*[Succession(Create(a), FadeIn(r[3]))
                                                        for a, r in zip(arrows, rows)], lag_ratio=0.3))
        far = int(np.argmax(np.abs(nudges.wanted[-1])))
        self.shown["far"] = far
        paced(self, script.strongest(LABEL, nudges.activations[-1][LABEL], far, nudges.activations[-1][far]),
              Succession(Create(box), Indicate(rows[far]), Indicate(arrows[far])))


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
        a_prev, a_two = nudges.activations[-2], nudges.activations[-1][LABEL]
        column = NeuronColumn(a_prev, spacing=0.38, values_side=LEFT).to_edge(LEFT, buff=1.6).set_y(STAGE_Y - 0.1)
        two = Circle(radius=0.45, stroke_color=WHITE, fill_color=WHITE, fill_opacity=float(a_two))
        two.move_to([column.get_right()[0] + 3.0, column.get_center()[1], 0])
        two_value = ValuedTex(Num(a_two, 2), font_size=SMALL_FONT_SIZE, color=WHITE if a_two < 0.5 else "#000000")
        two_value.move_to(two)
        label = Tex(f"the {LABEL}", font_size=SMALL_FONT_SIZE).next_to(two, DOWN)
        indices = VGroup(*[Integer(k, font_size=20, color=GREY_B).move_to([column.get_left()[0] - 1.05, c.get_y(), 0])
                           for k, c in enumerate(column.circles)])
        w = net.weights[-1][LABEL]
        edges = VGroup(*[Line(c.get_right(), two.get_center() + 0.45 * normalize(c.get_center() - two.get_center()),
                              color=BLUE if wk > 0 else RED, stroke_width=0.5 + 3 * abs(wk) / np.abs(w).max())
                         for c, wk in zip(column.circles, w)])
        last = len(a_prev) - 1
        formula = MathTex(rf"a_{{{LABEL}}} = \sigma(", "w_0", "a_0", "+", "w_1", "a_1", r"+ \cdots +",
                          f"w_{{{last}}}", f"a_{{{last}}}", "+", "b", ")", font_size=BODY_FONT_SIZE)
        for i in (1, 4, 7):
            formula[i].set_color(BLUE)
        formula[10].set_color(MAROON_B)
        formula.to_corner(UP + RIGHT, buff=0.5)
        self.column, self.two, self.edges, self.formula = column, two, edges, formula
        self.shown["previous"] = column
        self.shown["two_value"] = two_value
        paced(self, script.zoom(LABEL, len(a_prev)),
              Succession(FadeIn(column, shift=RIGHT * 0.3), FadeIn(indices),
                         Create(edges), FadeIn(VGroup(two, two_value, label))))
        paced(self, script.weighted_sum(), Write(formula))
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
        bias = nudges.bias[-1][LABEL]
        block = self.lever("1. Increase $b$", (r"b \text{ changes by }", Num(bias, significant=3, color=MAROON_B)))
        self.shown["bias_nudge"] = block[1]
        paced(self, script.lever_bias(LEVERS, bias), Succession(Indicate(self.formula[10]), FadeIn(block, shift=UP * 0.2),
                                                                Indicate(block[1])))

    def lever_weights(self, nudges: Nudges) -> None:
        a_prev = nudges.activations[-2]
        bright = np.argsort(-a_prev)[:4]
        rows = nudges.weight[-1][LABEL]
        bias = nudges.bias[-1][LABEL]
        block = self.lever(r"2. Increase $w_k$ in proportion to $a_k$",
                           (r"w_k \text{ changes by } a_k \times", Num(bias, significant=3, color=MAROON_B)))
        parts = [p for k in bright for p in (rf"w_{{{k}}}\!:", Num(rows[k], significant=2, color=BLUE), r",\ ")]
        listing = ValuedTex(*parts[:-1], font_size=SMALL_FONT_SIZE).next_to(block, DOWN, aligned_edge=LEFT, buff=0.12)
        block.add(listing)
        boxes = VGroup(*[SurroundingRectangle(self.column.circles[k], color=YELLOW, buff=0.05) for k in bright])
        self.shown["bright"] = bright
        self.shown["weight_nudges"] = listing
        self.shown["weight_rule"] = block[1]
        paced(self, script.lever_weights([int(k) for k in bright]),
              Succession(LaggedStart(*[Create(b) for b in boxes], lag_ratio=0.5),
                         AnimationGroup(*[self.edges[k].animate.set_stroke(YELLOW, width=5) for k in bright]),
                         FadeIn(block[:2], shift=UP * 0.2)))
        w = d.untrained().weights[-1][LABEL]
        paced(self, script.hebb(), Succession(FadeIn(listing, shift=UP * 0.2), AnimationGroup(
            FadeOut(boxes), *[self.edges[k].animate.set_stroke(BLUE if w[k] > 0 else RED,
                                                               width=0.5 + 3 * abs(w[k]) / np.abs(w).max())
                              for k in bright])))

    def lever_activations(self, nudges: Nudges) -> None:
        wish = nudges.wishes[-1][LABEL]
        centers = self.column.centers() + LEFT * 1.3
        arrows = WishArrows(centers, wish, max_length=0.38)
        block = self.lever(r"3. Change $a_k$ in proportion to $w_k$",
                           (r"\text{largest wish: } a_{" + str(int(np.argmax(np.abs(wish)))) + "}", r"\text{ by }",
                            Num(wish[int(np.argmax(np.abs(wish)))], significant=2)))
        self.shown["activation_wishes"] = arrows
        self.shown["activation_block"] = block[1]
        paced(self, script.lever_activations(),
              Succession(FadeIn(block, shift=UP * 0.2), LaggedStart(*[Create(a) for a in arrows], lag_ratio=0.15)))
        frame = SurroundingRectangle(arrows, color=YELLOW, buff=0.12)
        paced(self, script.seed_of_backprop(), Succession(Create(frame), Indicate(arrows, color=YELLOW)))


class WishesAddUpBackwards(Scene):
    """Ch3 3.3: every output's wishes for the layer before, summed into one nudge each; then backwards."""

    def construct(self) -> None:
        self.shown = Shown()
        nudges = d.walkthrough()
        self.build(nudges)
        self.wishes_of(nudges, LABEL, script.wishes_of_label(LABEL))
        pulls = np.abs(nudges.wishes[-1]).max(axis=1)
        pulls[LABEL] = -1.0
        other = int(np.argmax(pulls))
        self.wishes_of(nudges, other, script.wishes_of_other(other))
        self.sum_wishes(nudges)
        self.propagate_backwards(nudges)
        paced(self, script.every_parameter(), Succession(*[EdgeFlash(b, color=BLUE) for b in reversed(self.bundles)]))

    def build(self, nudges: Nudges) -> None:
        spacing = 0.36
        acts = nudges.activations
        self.columns = [NeuronColumn(acts[l], spacing=spacing) for l in (1, 2, 3)]
        for column, x in zip(self.columns, (-4.4, -0.6, 3.4)):
            column.move_to([x, STAGE_Y - 0.25, 0])
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
        sizes = d.untrained().sizes
        paced(self, script.whole_network(LABEL, len(sizes) - 2, sizes[1], sizes[-1]),
              Succession(AnimationGroup(*[FadeIn(c) for c in self.columns], FadeIn(names)),
                         FadeIn(bundles), FadeIn(labels), LaggedStart(*[Create(a) for a in out_arrows])))
        self.arrows2 = None

    @staticmethod
    def numbers(column: NeuronColumn, values) -> VGroup:
        """Each value, 2 decimals, left of its neuron (room for an arrow in between)."""
        group = VGroup()
        for c, v in zip(column.circles, values):
            color = WHITE if abs(v) < 0.005 else (BLUE if v > 0 else RED)
            group.add(DecimalNumber(v, num_decimal_places=2, font_size=20, color=color).next_to(c, LEFT, buff=0.62))
        return group

    def wishes_of(self, nudges: Nudges, j: int, line) -> None:
        column = self.columns[1]
        arrows = WishArrows(column.centers() + LEFT * 0.38, nudges.wishes[-1][j], max_length=0.38,
                            scale=self.scale2)
        numbers = self.numbers(column, nudges.wishes[-1][j])
        box = SurroundingRectangle(self.columns[2].circles[j], color=YELLOW, buff=0.06)
        self.shown[f"wishes_from_{j}"] = arrows
        self.shown[f"wish_numbers_from_{j}"] = numbers
        if self.arrows2 is None:
            steps = [Create(box), LaggedStart(*[Create(a) for a in arrows], lag_ratio=0.1), FadeIn(numbers)]
        else:
            steps = [AnimationGroup(FadeOut(self.box), Create(box)),
                     AnimationGroup(FadeOut(self.arrows2), FadeOut(self.numbers2)),
                     AnimationGroup(FadeIn(arrows), FadeIn(numbers))]
        paced(self, line, Succession(*steps))
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
        paced(self, script.sum_wishes(len(self.columns[2].circles)),
              Succession(AnimationGroup(FadeOut(self.box), flashes),
                         AnimationGroup(FadeOut(self.arrows2), FadeOut(self.numbers2)),
                         AnimationGroup(FadeIn(total), FadeIn(numbers), FadeIn(note))))
        self.arrows2 = total

    def propagate_backwards(self, nudges: Nudges) -> None:
        column = self.columns[0]
        arrows = WishArrows(column.centers() + LEFT * 0.38, nudges.wanted[-3], max_length=0.38)
        numbers = self.numbers(column, nudges.wanted[-3])
        back = EdgeBundle(self.bundles[0].ends, self.bundles[0].starts, style="plain", plain_width=0.4)
        title = Tex("Propagate backwards", font_size=BODY_FONT_SIZE, color=YELLOW).to_corner(UP + RIGHT, buff=0.5)
        self.shown["layer1_wishes"] = arrows
        self.shown["layer1_numbers"] = numbers
        paced(self, script.backwards(), Succession(Write(title), EdgeFlash(back)))
        paced(self, script.the_name(), Succession(LaggedStart(*[Create(a) for a in arrows], lag_ratio=0.1),
                                                  FadeIn(numbers)))


class ExamplesAverageIntoTheGradient(Scene):
    """Ch3 3.4: the "change by" table over six real examples, averaged; all 50,000 give -grad C."""

    def construct(self) -> None:
        self.shown = Shown()
        table, full = d.example_table(), d.full_gradient_entries()
        self.build(table)
        self.fill_examples(table)
        self.average(table)
        self.all_examples(full)

    ROW_Y = (1.45, 0.45, -0.55, -1.55)
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
        paced(self, script.table(d.TABLE_EXAMPLES, len(table.indices), d.untrained().n_parameters),
              Succession(LaggedStart(*[FadeIn(t, shift=DOWN * 0.2) for t in thumbs], lag_ratio=0.2),
                         AnimationGroup(FadeIn(header), Create(rule)),
                         LaggedStart(*[FadeIn(n, shift=RIGHT * 0.2) for n in names], lag_ratio=0.3), FadeIn(dots)))
        self.thumbs = thumbs

    def cell(self, value: float, x: float, y: float, color=WHITE) -> DecimalNumber:
        return DecimalNumber(float(value), num_decimal_places=3, font_size=SMALL_FONT_SIZE - 2,
                             color=color).move_to([x, y, 0])

    def fill_examples(self, table: ChangeTable) -> None:
        columns = [VGroup(*[self.cell(v, x, y) for v, y in zip(table.per_example[e], self.ROW_Y)])
                   for e, x in enumerate(self.COL_X[:d.TABLE_EXAMPLES])]
        self.shown["per_example"] = VGroup(*columns)
        labels = data.split("train").labels[:d.TABLE_EXAMPLES]
        two = list(labels).index(LABEL)
        paced(self, script.label_column(LABEL), Succession(Indicate(self.thumbs[two]),
                                                           LaggedStart(*[FadeIn(c, shift=DOWN * 0.2)
                                                                         for c in columns[two]], lag_ratio=0.4)))
        others = [c for e, c in enumerate(columns) if e != two]
        row = self.into_label_row(table)
        signs = np.sign(table.per_example[:, row])
        opposite = int(np.sum(signs[np.arange(len(signs)) != two] == -signs[two]))
        self.shown["into_label_row"] = row
        self.shown["opposite"] = opposite
        box = SurroundingRectangle(VGroup(*[c[row] for c in columns]), color=YELLOW, buff=0.1)
        paced(self, script.others_disagree(LABEL, len(others), opposite),
              Succession(LaggedStart(*[FadeIn(c) for c in others], lag_ratio=0.4), Create(box)))
        pixel = parameter_name(d.untrained(), int(table.indices[0])).k
        paced(self, script.blank_row(pixel), Succession(FadeOut(box), LaggedStart(*[Indicate(c[0]) for c in columns],
                                                                                  lag_ratio=0.3)))

    @staticmethod
    def into_label_row(table: ChangeTable) -> int:
        """The row of the table holding a weight into the output neuron of :data:`LABEL`."""
        net = d.untrained()
        last = len(net.weights) - 1
        for r, index in enumerate(table.indices):
            p = parameter_name(net, int(index))
            if p.kind == "w" and p.layer == last and p.j == LABEL:
                return r
        raise ValueError(f"no row of the table is a weight into output {LABEL}")

    def average(self, table: ChangeTable) -> None:
        x = self.COL_X[d.TABLE_EXAMPLES]
        column = VGroup(*[self.cell(v, x, y, YELLOW) for v, y in zip(table.mean, self.ROW_Y)])
        header = Tex("average", font_size=SMALL_FONT_SIZE, color=YELLOW).move_to([x, 2.75, 0])
        rule = Line([x - 0.75, 2.4, 0], [x - 0.75, self.ROW_Y[-1] - 0.5, 0], stroke_width=1, color=GREY_B)
        self.shown["average"] = column
        paced(self, script.average(d.TABLE_EXAMPLES), Succession(AnimationGroup(Create(rule), FadeIn(header)),
                                                                  LaggedStart(*[FadeIn(c, shift=RIGHT * 0.3)
                                                                                for c in column], lag_ratio=0.4)))

    def all_examples(self, full: np.ndarray) -> None:
        x = self.COL_X[-1]
        column = VGroup(*[self.cell(v, x, y, YELLOW) for v, y in zip(full, self.ROW_Y)])
        header = Tex(f"all {format_count(len(data.split('train')))}", font_size=SMALL_FONT_SIZE,
                     color=YELLOW).move_to([x, 2.75, 0])
        label = MathTex(r"= -\nabla C", font_size=BODY_FONT_SIZE, color=YELLOW).next_to(column, DOWN, buff=0.35)
        box = SurroundingRectangle(VGroup(header, column), color=YELLOW, buff=0.12)
        self.shown["all"] = column
        paced(self, script.all_examples(len(data.split("train"))),
              Succession(FadeIn(header), LaggedStart(*[FadeIn(c, shift=RIGHT * 0.3) for c in column], lag_ratio=0.4)))
        paced(self, script.steps_along(), Succession(Create(box), Write(label)))

