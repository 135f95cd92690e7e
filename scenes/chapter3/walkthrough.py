"""Chapter 3, "What is backpropagation really doing?": the intuition, on real numbers.

One still-untrained 784-16-16-10 network (:mod:`scenes.chapter3_data`) is
followed through the chapter: its cost falling step by step, the nudges one
real training "2" asks of it, the table of nudges several examples ask for
averaged into the gradient, and full-batch vs mini-batch descent on its real
cost. Every number on screen comes from :mod:`nnmath`; each scene keeps the
mobjects that show numbers in ``self.shown`` (name -> mobject) so the tests
read them back.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, Brace, ChangeDecimalToValue, Circle, Code, Create,
                   DecimalNumber, Dot, FadeIn, FadeOut, Group, Indicate, Integer, LaggedStart, Line, MathTex,
                   MoveToTarget, ReplacementTransform, RoundedRectangle, Scene, SurroundingRectangle, Tex,
                   VGroup, VMobject, Write, linear)
from manim.utils.space_ops import normalize

from nnmath import backprop
from nnmath.descent_paths import shuffled_batches
from scenes import chapter3_data as d
from scenes.chapter3_mobjects import CostMap, NeuronColumn, ParameterColumn, WishArrows
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.digit import DigitImage
from scenes.common.edges import EdgeBundle, EdgeFlash
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREEN, GREY_B, MAROON_B, RED, TEAL, WHITE, YELLOW
from scenes.common.text import fit_in_frame, heading
from scenes.common.valued_tex import Num, ValuedTex

TITLE = "What is backpropagation really doing?"
YOUTUBE_ID = "Ilg3gGewQ5U"


def count(n: int) -> str:
    """``13002`` as ``13,002`` for captions."""
    return f"{n:,}"


def tex_count(n: int) -> str:
    """``13002`` as LaTeX ``13{,}002``."""
    return f"{n:,}".replace(",", "{,}")


def map_size(m, box: float) -> tuple[float, float]:
    """Width and height of the cost map inside a ``box`` x ``box`` square, one unit of u = one unit of v."""
    aspect = (m.grid_v[-1] - m.grid_v[0]) / (m.grid_u[-1] - m.grid_u[0])
    return (box, box * aspect) if aspect <= 1 else (box / aspect, box)


class Count(Num):
    """A whole number typeset with thousands separators (``200{,}000``)."""

    def tex(self) -> str:
        return tex_count(int(round(self.value)))


# ============================================================================ Introduction


class ChapterPlan(Scene):
    """Ch3 1: the plan, over one real example's gradient swept backwards through the network."""

    def construct(self) -> None:
        title = heading(TITLE)
        caption(self, "Chapter 3: what backpropagation, the algorithm behind how networks learn, "
                      "is really doing.", Write(title), run_time=1.5)
        plan = self.show_plan(title)
        self.show_sweep(plan)

    def show_plan(self, title: Tex) -> VGroup:
        items = ["Recap", "Intuitive walkthrough example", "Stochastic gradient descent", "Final words"]
        plan = VGroup(*[Tex(f"{i + 1}. {t}", font_size=BODY_FONT_SIZE) for i, t in enumerate(items)])
        plan.add(Tex("Next chapter: the calculus", font_size=BODY_FONT_SIZE, color=GREY_B))
        plan.arrange(DOWN, aligned_edge=LEFT, buff=0.35).to_edge(LEFT, buff=0.8).shift(DOWN * 0.4)
        caption(self, "The plan: a recap, then a walkthrough on a real digit with no formulas, "
                      "then a faster way to descend. The calculus comes next chapter.",
                LaggedStart(*[FadeIn(p, shift=RIGHT * 0.2) for p in plan], lag_ratio=0.3), run_time=2.5)
        return plan

    def show_sweep(self, plan: VGroup) -> None:
        net = d.untrained()
        diagram = NetworkDiagram.from_network(net, edge_keep=0.4)
        diagram.scale_to_fit_height(5.6).to_edge(RIGHT, buff=0.7).shift(DOWN * 0.45)
        grads = backprop(net, data.digit("train", d.two_index()), 2)
        diagram.set_activations(grads.trace)
        self.shown = {"diagram": diagram, "gradient": grads}
        caption(self, "Our network is still untrained: random weights, here lit by a training 2. "
                      "Blue edges are positive weights, red ones negative.", diagram.fade_in(), run_time=1.5)
        caption(self, "Backpropagation takes one training digit and works backwards from the output. "
                      "Blue: this digit asks for that weight to increase; orange: to decrease.",
                diagram.gradient_sweep(grads.nabla_w, layer_time=1.0))


# ============================================================================ Recap


class CostFallsWithEachStep(Scene):
    """Ch3 2.1: ten real full-batch gradient steps: the edges shift and the cost falls."""

    def construct(self) -> None:
        self.shown = {}
        path = d.recap_path()
        diagram = self.show_network(path)
        readout, plot = self.show_cost(path)
        self.take_steps(diagram, path, readout, plot)
        self.show_gradient(path, plot)

    def show_network(self, path) -> NetworkDiagram:
        diagram = NetworkDiagram.from_network(d.untrained(), edge_keep=0.4)
        diagram.scale_to_fit_height(5.4).to_edge(LEFT, buff=0.6).shift(DOWN * 0.5)
        caption(self, f"Recap: the network has {count(d.untrained().n_parameters)} weights and biases. "
                      "This one is untrained: they are random.", diagram.fade_in(), run_time=1.5)
        return diagram

    def show_cost(self, path) -> tuple[DecimalNumber, VGroup]:
        n = d.untrained().n_parameters
        name = MathTex(rf"C(w_0, \dots, w_{{{tex_count(n - 1)}}}) =", font_size=BODY_FONT_SIZE)
        name[0][0].set_color(RED)
        readout = DecimalNumber(path.costs[0], num_decimal_places=3, font_size=BODY_FONT_SIZE)
        VGroup(name, readout).arrange(RIGHT, buff=0.2).to_corner(UP + RIGHT, buff=0.6)
        readout.align_to(name[0][-2], DOWN)
        top = float(np.ceil(path.costs[0]))
        axes = Axes(x_range=[0, path.steps, 1], y_range=[0, top, 1], x_length=5.6, y_length=3.6, tips=False,
                    axis_config={"font_size": 22, "color": GREY_B})
        axes.x_axis.add_numbers(range(0, path.steps + 1, 2), font_size=22)
        axes.y_axis.add_numbers(range(0, int(top) + 1), font_size=22)
        axes.next_to(name, DOWN, buff=0.8).align_to(readout, RIGHT)
        labels = VGroup(Tex("step", font_size=SMALL_FONT_SIZE).next_to(axes.x_axis, DOWN, buff=0.45),
                        Tex("cost", font_size=SMALL_FONT_SIZE, color=RED).next_to(axes.y_axis, UP, buff=0.15))
        plot = VGroup(axes, labels)
        first = Dot(axes.c2p(0, path.costs[0]), color=RED, radius=0.06)
        plot.add(first)
        self.shown.update(readout=readout, dots=[first])
        caption(self, f"The cost C is a function of all {count(n)} of them: here the mean cost over the "
                      f"first {count(d.PATH_IMAGES)} training images, {path.costs[0]:.2f}.",
                Write(name), Write(readout), Create(axes), FadeIn(labels), FadeIn(first), run_time=2)
        self.axes = axes
        return readout, plot

    def take_steps(self, diagram: NetworkDiagram, path, readout: DecimalNumber, plot: VGroup) -> None:
        net = d.untrained()
        caption(self, f"Gradient descent: compute the gradient, step downhill (learning rate {d.ETA:g}), "
                      "repeat. Each step nudges every edge a little.", hold=False)
        for t in range(1, path.steps + 1):
            weights = net.with_flat(path.thetas[t]).weights
            dot = Dot(self.axes.c2p(t, path.costs[t]), color=RED, radius=0.06)
            segment = Line(self.axes.c2p(t - 1, path.costs[t - 1]), self.axes.c2p(t, path.costs[t]), color=RED)
            plot.add(dot, segment)
            self.play(*[diagram.restyle_edges(i, w) for i, w in enumerate(weights)],
                      ChangeDecimalToValue(readout, path.costs[t]), Create(segment), FadeIn(dot),
                      run_time=1.2 if t < 3 else 0.6)
            self.shown["dots"].append(dot)
        drop = path.costs[0] - path.costs[-1]
        early = (path.costs[0] - path.costs[2]) / drop
        caption(self, f"{path.steps} steps: the cost fell from {path.costs[0]:.2f} to {path.costs[-1]:.2f}, "
                      f"{drop / path.steps:.2f} per step on average; {early:.0%} of the fall came in the "
                      "first two steps.")

    def show_gradient(self, path, plot: VGroup) -> None:
        net = d.untrained()
        x, y = d.path_data()
        rows = d.table_rows()
        g = backprop(net, x, y).flat()
        column = ParameterColumn([d.name_tex(i) for i in rows], -g[rows])
        label = MathTex(r"-\nabla C =", font_size=BODY_FONT_SIZE)
        brace = Brace(column, LEFT)
        block = VGroup(label, brace, column)
        brace.next_to(column, LEFT, buff=0.1)
        label.next_to(brace, LEFT, buff=0.15)
        block.move_to(plot)
        note = Tex(f"{count(len(g))} entries, 4 of them shown", font_size=SMALL_FONT_SIZE,
                   color=GREY_B).next_to(block, DOWN, buff=0.3)
        self.shown.update(gradient=column, gradient_rows=rows)
        caption(self, f"The first step followed minus the gradient at the start: a direction in "
                      f"{count(len(g))} dimensions, one entry per weight and bias.",
                FadeOut(plot), FadeIn(block), FadeIn(note), run_time=1.5)
        caption(self, "Its sign says whether a parameter should go up (blue) or down (red); its size "
                      "says how much the cost cares. Pixel 0 is blank in every image, so its weights "
                      "do not matter at all.", Indicate(column.rows[0]))


class TwoWeightsTwoSensitivities(Scene):
    """Ch3 2.2: two real weights, gradient entries ~32x apart, and the measured cost change per nudge."""

    def construct(self) -> None:
        self.shown = {}
        big, small = d.recap_pair()
        self.show_edges(big, small)
        self.show_entries(big, small)
        self.nudge_each(big, small)
        self.conclude(big, small)

    def show_edges(self, big, small) -> None:
        diagram = NetworkDiagram.from_network(d.untrained(), edge_keep=0.4)
        diagram.scale_to_fit_height(5.8).to_edge(LEFT, buff=0.6)
        lines = VGroup()
        for nudge, color in ((big, YELLOW), (small, TEAL)):
            p = nudge.name
            lines.add(Line(diagram.neuron(p.layer, p.k).get_center(), diagram.neuron(p.layer + 1, p.j).get_center(),
                           color=color, stroke_width=6))
        self.diagram, self.lines = diagram, lines
        diagram.add_to(self)
        caption(self, "Two weights of the last layer, in yellow and teal. How much does the cost care "
                      "about each?", *[e.animate.set_opacity(0.25) for e in diagram.edges],
                Create(lines), run_time=1.5)

    @staticmethod
    def row(color, *parts) -> ValuedTex:
        formula = ValuedTex(*parts, font_size=BODY_FONT_SIZE)
        formula[0].set_color(color)
        return formula

    def show_entries(self, big, small) -> None:
        rows = VGroup(*[
            self.row(color, rf"\frac{{\partial C}}{{\partial {n.name.tex}}}", "=", Num(n.gradient, significant=3))
            for n, color in ((big, YELLOW), (small, TEAL))
        ]).arrange(DOWN, aligned_edge=LEFT, buff=0.35).to_corner(UP + RIGHT, buff=0.6)
        ratio = ValuedTex(r"\text{ratio: }", Num(big.gradient / small.gradient, 1), font_size=BODY_FONT_SIZE)
        ratio.next_to(rows, DOWN, aligned_edge=LEFT, buff=0.35)
        self.shown.update(entry_big=rows[0], entry_small=rows[1], entry_ratio=ratio)
        self.entries = VGroup(rows, ratio)
        caption(self, f"Their gradient entries, over the first {count(d.PATH_IMAGES)} training images: "
                      f"one is about {big.gradient / small.gradient:.0f} times the other.",
                FadeIn(rows), FadeIn(ratio), run_time=1.5)

    def nudge_each(self, big, small) -> None:
        header = Tex(f"Nudge each by {d.NUDGE:g} and measure the cost:", font_size=SMALL_FONT_SIZE + 4)
        lines = VGroup(header)
        for key, nudge, color in (("big", big, YELLOW), ("small", small, TEAL)):
            line = ValuedTex(r"C:", Num(nudge.cost_before, 4), r"\to", Num(nudge.cost_after, 4),
                             r"\quad \Delta C =", Num(nudge.change, significant=3), font_size=BODY_FONT_SIZE)
            line[0].set_color(color)
            lines.add(line)
            self.shown[f"nudge_{key}"] = line
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.3).next_to(self.entries, DOWN, aligned_edge=LEFT, buff=0.6)
        fit_in_frame(lines)
        self.nudges_shown = lines
        caption(self, "Measure instead of trusting the formula: nudge each weight by the same amount "
                      "and run all the images through again.", FadeIn(header), run_time=1)
        for line, edge in zip(lines[1:], self.lines):
            caption(self, "The cost changes by the amount on the right.",
                    Indicate(edge, scale_factor=1.0), FadeIn(line, shift=LEFT * 0.2), run_time=1.2)

    def conclude(self, big, small) -> None:
        measured = big.change / small.change
        verdict = ValuedTex(r"\text{measured: }", Num(measured, 1), r"\times \text{ more sensitive}",
                            font_size=BODY_FONT_SIZE, color=YELLOW)
        verdict.next_to(self.nudges_shown, DOWN, aligned_edge=LEFT, buff=0.45)
        fit_in_frame(verdict)
        box = SurroundingRectangle(verdict, color=YELLOW, buff=0.12)
        self.shown["measured_ratio"] = verdict
        caption(self, f"The cost is {measured:.1f} times more sensitive to the yellow weight. The gradient "
                      f"said {big.gradient / small.gradient:.1f}: a nudge of {d.NUDGE:g} is small, not "
                      "infinitely small.", Write(verdict), Create(box), run_time=1.5)
        caption(self, "So the gradient tells which nudges to which weights give the most bang for the buck. "
                      "Backpropagation is how it is computed.")


# ============================================================================ Intuitive walkthrough example


class UntrainedNetworkReadsATwo(Scene):
    """Ch3 3.1: a real training 2 through the untrained network; each output's wish 2(y - a)."""

    def construct(self) -> None:
        self.shown = {}
        nudges = d.walkthrough()
        diagram = self.read_the_two(nudges)
        panel = self.show_outputs(nudges)
        self.show_wishes(nudges, panel)
        caption(self, "These wishes are what the last layer should change. The question is how to get there.")

    def read_the_two(self, nudges) -> NetworkDiagram:
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

    def show_outputs(self, nudges) -> VGroup:
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
        self.shown.update(outputs=[r[1] for r in rows], targets=[r[2] for r in rows],
                          wish_values=[r[3] for r in rows])
        self.rows, self.xs = rows, xs
        caption(self, "Its ten outputs. We want 1 for the 2 and 0 for every other digit.",
                FadeIn(VGroup(header, *[VGroup(r[0], r[1]) for r in rows])), run_time=1)
        caption(self, "The desired output y.", FadeIn(VGroup(*[r[2] for r in rows])), run_time=1)
        return panel

    def show_wishes(self, nudges, panel: VGroup) -> None:
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
        self.shown = {}
        nudges = d.walkthrough()
        self.build(nudges)
        self.lever_bias(nudges)
        self.lever_weights(nudges)
        self.lever_activations(nudges)

    def build(self, nudges) -> None:
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
        formula = MathTex(r"a_2 = \sigma(", "w_0", "a_0", "+", "w_1", "a_1", r"+ \cdots +", "w_{15}", "a_{15}",
                          "+", "b", ")", font_size=BODY_FONT_SIZE)
        for i in (1, 4, 7):
            formula[i].set_color(BLUE)
        formula[10].set_color(MAROON_B)
        formula.to_corner(UP + RIGHT, buff=0.5)
        self.column, self.two, self.edges, self.formula = column, two, edges, formula
        self.shown.update(previous=column, two_value=two_value)
        caption(self, "Zoom in on the 2's neuron and the 16 neurons of the layer before it, with their "
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

    def lever_bias(self, nudges) -> None:
        bias = nudges.bias[-1][2]
        block = self.lever("1. Increase $b$", (r"b \text{ changes by }", Num(bias, significant=3, color=MAROON_B)))
        self.shown["bias_nudge"] = block[1]
        caption(self, "Three ways to raise it. First, increase its bias: the nudge this example asks for "
                      "is on the right.", FadeIn(block), Indicate(self.formula[10]), run_time=1.5)

    def lever_weights(self, nudges) -> None:
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
        self.shown.update(bright=bright, weight_nudges=listing, weight_rule=block[1])
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

    def lever_activations(self, nudges) -> None:
        wish = nudges.wishes[-1][2]
        centers = self.column.centers() + LEFT * 1.3
        arrows = WishArrows(centers, wish, max_length=0.38)
        block = self.lever(r"3. Change $a_k$ in proportion to $w_k$",
                           (r"\text{largest wish: } a_{" + str(int(np.argmax(np.abs(wish)))) + "}", r"\text{ by }",
                            Num(wish[int(np.argmax(np.abs(wish)))], significant=2)))
        self.shown.update(activation_wishes=arrows, activation_block=block[1])
        caption(self, "Third, change the activations of the layer before: up where the weight is positive, "
                      "down where it is negative, more where the weight is larger.",
                FadeIn(block), LaggedStart(*[Create(a) for a in arrows], lag_ratio=0.05), run_time=2)
        caption(self, "We cannot set those activations directly. But this wish is the seed of "
                      "backpropagation.")


class WishesAddUpBackwards(Scene):
    """Ch3 3.3: every output's wishes for the layer before, summed into one nudge each; then backwards."""

    def construct(self) -> None:
        self.shown = {}
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

    def build(self, nudges) -> None:
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
        caption(self, "The same 2, the whole network after the input: two hidden layers of 16 and the "
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

    def wishes_of(self, nudges, j: int, text: str) -> None:
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

    def sum_wishes(self, nudges) -> None:
        column = self.columns[1]
        total = WishArrows(column.centers() + LEFT * 0.38, nudges.wanted[-2], max_length=0.38)
        numbers = self.numbers(column, nudges.wanted[-2])
        shrink = total.scale_value / self.scale2
        note = Tex(f"sums drawn {shrink:.1f} times smaller", font_size=20, color=GREY_B)
        note.next_to(column, DOWN, buff=0.12)
        self.shown.update(summed_wishes=total, summed_numbers=numbers)
        flashes = LaggedStart(*[Indicate(c, color=YELLOW) for c in self.columns[2].circles], lag_ratio=0.15)
        caption(self, "Add up the wishes of all ten outputs, each weighted by how much it wants to move: "
                      "one nudge per neuron of this layer.", FadeOut(self.box), flashes,
                FadeOut(self.arrows2), FadeOut(self.numbers2), FadeIn(total), FadeIn(numbers), FadeIn(note),
                run_time=2.5)
        self.arrows2 = total

    def propagate_backwards(self, nudges) -> None:
        column = self.columns[0]
        arrows = WishArrows(column.centers() + LEFT * 0.38, nudges.wanted[-3], max_length=0.38)
        numbers = self.numbers(column, nudges.wanted[-3])
        back = EdgeBundle(self.bundles[0].ends, self.bundles[0].starts, style="plain", plain_width=0.4)
        title = Tex("Propagate backwards", font_size=BODY_FONT_SIZE, color=YELLOW).to_corner(UP + RIGHT, buff=0.5)
        self.shown.update(layer1_wishes=arrows, layer1_numbers=numbers)
        caption(self, "Now do the same one layer further back: these summed wishes become the targets "
                      "for the layer before them.", Write(title), EdgeFlash(back, run_time=1.5), run_time=1.5)
        caption(self, "The layer before gets its own summed wishes. That backwards flow is where the name "
                      "comes from.", LaggedStart(*[Create(a) for a in arrows], lag_ratio=0.05), FadeIn(numbers),
                run_time=1.5)


class ExamplesAverageIntoTheGradient(Scene):
    """Ch3 3.4: the "change by" table over six real examples, averaged; all 50,000 give -grad C."""

    def construct(self) -> None:
        self.shown = {}
        table, full = d.example_table(), d.full_gradient_entries()
        self.build(table)
        self.fill_examples(table)
        self.average(table)
        self.all_examples(full)

    ROW_Y = (1.25, 0.05, -1.15, -2.35)
    COL_X = tuple(-2.8 + 1.1 * e for e in range(d.TABLE_EXAMPLES)) + (4.05, 5.6)

    def build(self, table) -> None:
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
                      "training images and four of the 13,002 parameters.",
                FadeIn(thumbs), FadeIn(names), FadeIn(dots), FadeIn(header), Create(rule), run_time=1.5)
        self.thumbs = thumbs

    def cell(self, value: float, x: float, y: float, color=WHITE) -> DecimalNumber:
        return DecimalNumber(float(value), num_decimal_places=3, font_size=SMALL_FONT_SIZE - 2,
                             color=color).move_to([x, y, 0])

    def fill_examples(self, table) -> None:
        columns = [VGroup(*[self.cell(v, x, y) for v, y in zip(table.per_example[e], self.ROW_Y)])
                   for e, x in enumerate(self.COL_X[:d.TABLE_EXAMPLES])]
        self.shown["per_example"] = columns
        two = list(data.split("train").labels[:d.TABLE_EXAMPLES]).index(2)
        caption(self, "The 2 from the walkthrough asks for these changes: minus the gradient of its own cost.",
                Indicate(self.thumbs[two]), FadeIn(columns[two]), run_time=1.5)
        others = [c for e, c in enumerate(columns) if e != two]
        caption(self, "Every other example asks for its own changes, often in the opposite direction.",
                LaggedStart(*[FadeIn(c) for c in others], lag_ratio=0.3), run_time=2.5)
        caption(self, "Pixel 0 is blank in all of them, so no example asks its weight to move.",
                Indicate(columns[0][0]), *[Indicate(c[0]) for c in columns[1:]], run_time=1.5)

    def average(self, table) -> None:
        x = self.COL_X[d.TABLE_EXAMPLES]
        column = VGroup(*[self.cell(v, x, y, YELLOW) for v, y in zip(table.mean, self.ROW_Y)])
        header = Tex("average", font_size=SMALL_FONT_SIZE, color=YELLOW).move_to([x, 2.75, 0])
        rule = Line([x - 0.75, 2.4, 0], [x - 0.75, -2.9, 0], stroke_width=1, color=GREY_B)
        self.shown["average"] = column
        caption(self, f"Average each row: the nudge these {d.TABLE_EXAMPLES} examples ask for together.",
                Create(rule), FadeIn(header), FadeIn(column), run_time=1.5)

    def all_examples(self, full) -> None:
        x = self.COL_X[-1]
        column = VGroup(*[self.cell(v, x, y, YELLOW) for v, y in zip(full, self.ROW_Y)])
        header = Tex(f"all {count(len(data.split('train')))}", font_size=SMALL_FONT_SIZE,
                     color=YELLOW).move_to([x, 2.75, 0])
        label = MathTex(r"= -\nabla C", font_size=BODY_FONT_SIZE, color=YELLOW).next_to(column, DOWN, buff=0.35)
        box = SurroundingRectangle(VGroup(header, column), color=YELLOW, buff=0.12)
        self.shown["all"] = column
        caption(self, f"Averaged over all {count(len(data.split('train')))} training images, these "
                      "columns are minus the gradient of the cost.", FadeIn(header), FadeIn(column), run_time=1.5)
        caption(self, "That average of everyone's nudges is what gradient descent steps along.",
                Create(box), Write(label), run_time=1.5)


# ============================================================================ Stochastic gradient descent


class ShuffledIntoMiniBatches(Scene):
    """Ch3 4.1: 60 real training digits shuffled into 5 mini-batches of 12; one real step per mini-batch."""

    THUMB = 0.5

    def construct(self) -> None:
        self.shown = {}
        batches, path = d.batch_demo()
        thumbs = self.lay_out()
        rows = self.shuffle(thumbs, batches)
        self.step_per_batch(rows, path)
        caption(self, "Each step uses a rough gradient from a few examples, but it is computed many times "
                      "faster, so the network takes many more steps for the same work.")

    def lay_out(self) -> Group:
        images = data.split("train").images[:d.BATCH_DEMO_IMAGES]
        thumbs = Group(*[DigitImage(x, size=self.THUMB, frame_color=GREY_B, levels=8) for x in images])
        thumbs.arrange_in_grid(rows=6, cols=10, buff=0.12).move_to(UP * 0.2)
        caption(self, f"Computing the true gradient means backpropagating every training example for every "
                      f"step. Here are the first {d.BATCH_DEMO_IMAGES} training digits.",
                LaggedStart(*[FadeIn(t) for t in thumbs], lag_ratio=0.02), run_time=2)
        return thumbs

    def shuffle(self, thumbs: Group, batches) -> list[Group]:
        rows, labels = [], VGroup()
        for r, batch in enumerate(batches):
            y = 2.2 - 1.0 * r
            row = Group(*[thumbs[int(i)] for i in batch])
            rows.append(row)
            for c, t in enumerate(row):
                t.generate_target()
                t.target.move_to([-3.95 + c * (self.THUMB + 0.1), y, 0])
            labels.add(Tex(f"mini-batch {r + 1}", font_size=SMALL_FONT_SIZE, color=GREY_B)
                       .move_to([-5.95, y, 0]))
        self.labels = labels
        self.shown["batches"] = [np.asarray(b) for b in batches]
        caption(self, f"Instead, shuffle them (seed {d.SHUFFLE_SEED}) and cut them into mini-batches of "
                      f"{d.BATCH_DEMO_SIZE}.", *[MoveToTarget(t) for t in thumbs], FadeIn(labels), run_time=2.5)
        return rows

    def step_per_batch(self, rows: list[Group], path) -> None:
        header = ValuedTex(r"\text{cost of the 60:}\ ", Num(path.costs[0], 3), font_size=SMALL_FONT_SIZE)
        header.move_to([3.55, 3.2, 0], aligned_edge=LEFT)
        self.shown["start_cost"] = header
        caption(self, f"The untrained network's mean cost on these {d.BATCH_DEMO_IMAGES} digits.", FadeIn(header))
        values = []
        for r, row in enumerate(rows):
            box = SurroundingRectangle(row, color=YELLOW, buff=0.06)
            value = ValuedTex(r"\text{after step " + str(r + 1) + r":}\ ", Num(path.costs[r + 1], 3),
                              font_size=SMALL_FONT_SIZE).move_to([3.55, row.get_y(), 0], aligned_edge=LEFT)
            values.append(value)
            text = (f"One gradient step from mini-batch {r + 1} alone (learning rate {d.ETA:g})." if r == 0
                    else f"Mini-batch {r + 1}: another step.")
            caption(self, text, Create(box), FadeIn(value), run_time=1.0)
            self.play(FadeOut(box), run_time=0.3)
        self.shown["step_costs"] = values


class CarefulHikerAndDrunkMan(Scene):
    """Ch3 4.2: full-batch vs mini-batch descent of the real network, on its real cost map."""

    def construct(self) -> None:
        self.shown = {}
        m = d.descent_map()
        cost_map = self.show_map(m)
        self.walk(cost_map, m)
        self.compare(m)

    def show_map(self, m) -> CostMap:
        width, height = map_size(m, 6.4)
        cost_map = CostMap(m.grid_u, m.grid_v, m.grid_costs, width=width, height=height).to_edge(LEFT, buff=0.5)
        lo, hi = float(m.grid_costs.min()), float(m.grid_costs.max())
        legend = ValuedTex(r"\text{cost on the map: }", Num(lo, 2, color=BLUE), r"\text{ to }",
                           Num(hi, 2, color=RED), font_size=SMALL_FONT_SIZE - 4)
        legend.next_to(cost_map, DOWN, buff=0.15)
        self.shown["legend"] = legend
        share = 100 * float(m.explained.sum())
        caption(self, f"The real cost of our network over the first {count(d.PATH_IMAGES)} training images "
                      f"(fewer than all 50,000, to keep this quick), on a flat slice through parameter space.",
                FadeIn(cost_map), FadeIn(legend), run_time=1.5)
        caption(self, f"The slice holds the start and the two directions both walks moved along most "
                      f"({share:.0f}% of their movement). Blue is low cost, red is high.")
        return cost_map

    def walk(self, cost_map: CostMap, m) -> None:
        full = VMobject(stroke_color=YELLOW, stroke_width=4).set_points_as_corners(cost_map.to_point(m.full_uv))
        mini = VMobject(stroke_color=GREEN, stroke_width=2.5).set_points_as_corners(cost_map.to_point(m.mini_uv))
        start = Dot(cost_map.to_point(m.full_uv[:1])[0], color=WHITE, radius=0.07)
        start_label = ValuedTex(Num(m.full_costs[0], 2), font_size=SMALL_FONT_SIZE - 2).next_to(start, UP, buff=0.1)
        ends = VGroup()
        for uv, costs, color, side in ((m.full_uv, m.full_costs, YELLOW, UP), (m.mini_uv, m.mini_costs, GREEN, UP)):
            dot = Dot(cost_map.to_point(uv[-1:])[0], color=color, radius=0.07)
            label = ValuedTex(Num(costs[-1], 2), font_size=SMALL_FONT_SIZE - 2, color=color)
            label.next_to(dot, side, buff=0.1)
            ends.add(VGroup(dot, label))
        self.shown.update(full_path=full, mini_path=mini, start_cost=start_label,
                          full_end=ends[0][1], mini_end=ends[1][1])
        caption(self, "Both walks start from the untrained network.", FadeIn(start), FadeIn(start_label))
        caption(self, f"The careful hiker (yellow) computes the true gradient over all {count(d.PATH_IMAGES)} "
                      f"images for each step. The drunk man (green) uses a mini-batch of {d.BATCH_SIZE}.",
                Create(full), Create(mini), run_time=8, rate_func=linear)
        caption(self, f"After {m.steps} steps each, their real costs. The walks leave the slice a little, "
                      "so the colour under them is a guide; the numbers are exact.", FadeIn(ends), run_time=1)

    def compare(self, m) -> None:
        rows = VGroup()
        for name, color, costs, batch in (("Careful hiker", YELLOW, m.full_costs, m.full_batch),
                                          ("Drunk man", GREEN, m.mini_costs, m.mini_batch)):
            title = Tex(name, font_size=BODY_FONT_SIZE, color=color)
            per_step = ValuedTex(r"\text{examples per step: }", Count(batch), font_size=SMALL_FONT_SIZE)
            work = ValuedTex(r"\text{examples in " + str(m.steps) + r" steps: }", Count(batch * m.steps),
                             font_size=SMALL_FONT_SIZE)
            final = ValuedTex(r"\text{cost: }", Num(costs[0], 2), r"\to", Num(costs[-1], 2), font_size=SMALL_FONT_SIZE)
            rows.add(VGroup(title, per_step, work, final).arrange(DOWN, aligned_edge=LEFT, buff=0.12))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.5).to_edge(RIGHT, buff=0.6)
        self.shown.update(hiker=rows[0], drunk=rows[1])
        ratio = m.full_batch / m.mini_batch
        where = "a little higher" if m.mini_costs[-1] > m.full_costs[-1] else "even lower"
        caption(self, f"The drunk man stumbles and ends {where}. But each of his steps took "
                      f"{ratio:.0f} times less work.", FadeIn(rows), run_time=1.5)
        caption(self, "That is stochastic gradient descent: many quick, noisy steps instead of a few "
                      "careful ones.")


# ============================================================================ Final words


class FourIdeas(Scene):
    """Ch3 5.1: the chapter's four ideas, each with one of its real numbers."""

    def construct(self) -> None:
        self.shown = {}
        m = d.descent_map()
        cards = self.build_cards(m)
        caption(self, "The four ideas of this chapter.", FadeIn(heading("Summary")), run_time=1)
        for card, text in zip(cards, self.TEXTS):
            caption(self, text, FadeIn(card, shift=UP * 0.2), run_time=1)

    TEXTS = (
        "The cost surface: one number for how bad the network is, over 13,002 parameters.",
        "Stochastic gradient descent: step downhill along minus the gradient, estimated from a few examples.",
        "Mini-batches: shuffle the training data and take one step per small batch.",
        "Backpropagation: each example's wishes, summed backwards layer by layer, then averaged over examples.",
    )

    def build_cards(self, m) -> Group:
        nudges = d.walkthrough()
        strongest = int(np.argmax(np.abs(nudges.wanted[-1])))
        lines = (
            (r"\text{untrained: } C =", Num(m.full_costs[0], 2)),
            (r"C:", Num(m.mini_costs[0], 2), r"\to", Num(m.mini_costs[-1], 2)),
            (r"\text{examples per step: }", Count(m.mini_batch)),
            (r"\text{the 2's strongest wish: }", Num(nudges.wanted[-1][strongest], 2)),
        )
        titles = ("Cost surface", "Stochastic gradient descent", "Mini-batches", "Backpropagation")
        visuals = (self.cost_surface(m), self.descent_curve(m), self.mini_batch(), self.backprop_sweep())
        cards = Group()
        for title, parts, visual in zip(titles, lines, visuals):
            frame = RoundedRectangle(width=6.6, height=2.6, corner_radius=0.15, stroke_color=GREY_B)
            name = Tex(title, font_size=SMALL_FONT_SIZE + 4, color=YELLOW)
            value = ValuedTex(*parts, font_size=SMALL_FONT_SIZE - 2)
            text = VGroup(name, value).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
            text.move_to(frame).align_to(frame, LEFT).shift(RIGHT * 0.3)
            visual.scale_to_fit_width(min(visual.width, 1.9)).move_to(frame).align_to(frame, RIGHT).shift(LEFT * 0.25)
            cards.add(Group(frame, name, value, visual))
        cards.arrange_in_grid(rows=2, cols=2, buff=0.35).shift(DOWN * 0.45)
        self.shown["values"] = [c[2] for c in cards]
        return cards

    @staticmethod
    def cost_surface(m) -> VGroup:
        width, height = map_size(m, 2.2)
        return CostMap(m.grid_u, m.grid_v, m.grid_costs, width=width, height=height)

    @staticmethod
    def descent_curve(m) -> VGroup:
        axes = Axes(x_range=[0, m.steps, m.steps], y_range=[0, float(np.ceil(m.mini_costs[0])), 1],
                    x_length=2.4, y_length=1.9, tips=False, axis_config={"color": GREY_B, "stroke_width": 1.5})
        curve = VMobject(stroke_color=GREEN, stroke_width=2).set_points_as_corners(
            [axes.c2p(t, c) for t, c in enumerate(m.mini_costs)])
        return VGroup(axes, curve)

    @staticmethod
    def mini_batch() -> Group:
        x, _ = d.path_data()
        first = shuffled_batches(len(x), d.BATCH_SIZE, np.random.default_rng(d.SHUFFLE_SEED))[0]
        thumbs = Group(*[DigitImage(x[int(i)], size=0.42, frame_color=GREY_B, levels=8) for i in first])
        return thumbs.arrange_in_grid(rows=2, cols=5, buff=0.06)

    @staticmethod
    def backprop_sweep() -> NetworkDiagram:
        net = d.untrained()
        grads = backprop(net, data.digit("train", d.two_index()), 2)
        diagram = NetworkDiagram.from_network(net, edge_keep=0.4, output_labels=False)
        diagram.scale_to_fit_height(2.2)
        for i, g in enumerate(grads.nabla_w):
            diagram.set_edge_values(i, g, "gradient")
        return diagram


class BackpropCodeRuns(Scene):
    """Ch3 5.2: nnmath's own backprop source, its lines lit as a real forward and backward pass runs."""

    FORWARD = "trace = feedforward(net, x)"
    OUTPUT = "dc_da, delta = output_delta("
    LOOP = ("nabla_w[i] = delta.T @ acts[i] / m", "nabla_b[i] = delta.mean(axis=0)",
            "dc_da_prev = delta @ net.weights[i]", "delta = dc_da_prev * prime(zs[i - 1])")

    def construct(self) -> None:
        self.shown = {}
        listing = d.backprop_listing()
        code = self.show_code(listing)
        diagram, grads = self.show_network()
        self.run_forward(listing, code, diagram, grads)
        self.run_backward(listing, code, diagram, grads)
        caption(self, "Every gradient in this series came from these lines. How each line follows from "
                      "calculus is the next chapter: let's get to it.")

    def show_code(self, listing) -> Code:
        code = Code(code_string=listing.code, language="python", add_line_numbers=False,
                    formatter_style="monokai", background="rectangle",
                    paragraph_config={"font_size": 16})
        code.scale_to_fit_width(13.2)
        if code.height > 7.0:
            code.scale_to_fit_height(7.0)
        code.to_corner(DOWN + LEFT, buff=0.25).shift(RIGHT * 0.2)
        numbers = VGroup(*[Integer(n, font_size=16, color=GREY_B)
                           .move_to([code.code_lines.get_left()[0] - 0.13, line.get_y(), 0], aligned_edge=RIGHT)
                           for n, line in zip(listing.file_lines, code.code_lines)])
        path = Tex(f"nnmath/{listing.path}", font_size=SMALL_FONT_SIZE, color=GREY_B).next_to(code, UP, buff=0.12)
        path.align_to(code, LEFT)
        self.shown.update(code=code, listing=listing)
        caption(self, f"This is the backprop that computed every number in this chapter, read from "
                      f"nnmath/{listing.path} as it is now (its docstring left out; grey: line numbers).",
                FadeIn(code), FadeIn(numbers), FadeIn(path), run_time=1.5)
        self.code_box = code
        return code

    def show_network(self):
        net = d.untrained()
        x = data.digit("train", d.two_index())
        grads = backprop(net, x, 2)
        diagram = NetworkDiagram.from_network(net, edge_keep=0.4)
        widest = max(line.get_right()[0] for line in self.code_box.code_lines[1:])
        room = self.code_box.get_right()[0] - widest
        diagram.scale_to_fit_width(room - 0.6)
        diagram.move_to([(widest + self.code_box.get_right()[0]) / 2, self.code_box.get_y() - 0.25, 0])
        self.play(diagram.fade_in(), run_time=1)
        self.shown["gradients"] = grads
        return diagram, grads

    def highlight(self, code: Code, indices: list[int]) -> VGroup:
        return VGroup(*[SurroundingRectangle(code.code_lines[i], color=YELLOW, buff=0.04, stroke_width=2)
                        for i in indices])

    def run_forward(self, listing, code: Code, diagram: NetworkDiagram, grads) -> None:
        box = self.highlight(code, [listing.find(self.FORWARD)])
        self.shown["lit"] = [[listing.find(self.FORWARD)]]
        caption(self, "First the forward pass: the 2's pixels run through the network.",
                Create(box), diagram.forward_pass(grads.trace, layer_time=0.6))
        out = self.highlight(code, [listing.find(self.OUTPUT)])
        self.shown["lit"].append([listing.find(self.OUTPUT)])
        caption(self, "Then the output layer's error: how far each output is from what we want.",
                ReplacementTransform(box, out), Indicate(diagram.layers[-1]), run_time=1.5)
        self.box = out

    def run_backward(self, listing, code: Code, diagram: NetworkDiagram, grads) -> None:
        lines = [listing.find(f) for f in self.LOOP]
        for i in reversed(range(len(grads.nabla_w))):
            lit = lines if i > 0 else lines[:3]
            box = self.highlight(code, lit)
            self.shown["lit"].append(lit)
            text = (f"Backwards, one layer at a time: the gradient for weight matrix {i + 1}, then the wishes "
                    "for the layer before." if i == len(grads.nabla_w) - 1 else
                    f"The same lines again for weight matrix {i + 1}." if i > 0 else
                    "And the first weight matrix. The loop ends: one example's full gradient.")
            caption(self, text, ReplacementTransform(self.box, box),
                    diagram.restyle_edges(i, grads.nabla_w[i], "gradient"), run_time=1.5)
            self.box = box


SEGMENTS = [
    ("Introduction", [ChapterPlan]),
    ("Recap", [CostFallsWithEachStep, TwoWeightsTwoSensitivities]),
    ("Intuitive walkthrough example", [UntrainedNetworkReadsATwo, ThreeWaysToRaiseTheTwo,
                                       WishesAddUpBackwards, ExamplesAverageIntoTheGradient]),
    ("Stochastic gradient descent", [ShuffledIntoMiniBatches, CarefulHikerAndDrunkMan]),
    ("Final words", [FourIdeas, BackpropCodeRuns]),
]
