"""Chapter 2's opening segments: introduction, recap, using training data, cost functions.

Scene classes are listed for rendering in :mod:`scenes.chapter2` (``SEGMENTS``). Every
beat's words come from :mod:`scenes.chapter2.script.opening`.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, ChangeDecimalToValue, Create, DecimalNumber, Dot, FadeIn,
                   FadeOut, Indicate, LaggedStart, Line, MathTex, ReplacementTransform, Scene, SurroundingRectangle,
                   Tex, VGroup, Write)

from nnmath import Network, Trace, feedforward
from scenes.chapter2 import TITLE
from scenes.chapter2 import data as d
from scenes.chapter2.measures.learning_runs import OnlineRun
from scenes.chapter2.mobjects import CostTable, check_mark, place_diagram
from scenes.chapter2.pacing import paced, share_of
from scenes.chapter2.script import opening as say
from scenes.common import data
from scenes.common.captions import narrated
from scenes.common.digit import DigitImage
from scenes.common.formatting import tex_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import GREY_B, RED, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import fit_in_frame, heading

#: Where the trained network sits in the recap; the introduction leaves it there (one picture across the cut).
RECAP_DIAGRAM = (5.0, (1.6, 0.45, 0.0))
#: Digits the fresh network meets after the first, under each of the two montage lines.
MONTAGE = 7


def trained_diagram() -> NetworkDiagram:
    """The trained network as the introduction and the recap draw it."""
    return NetworkDiagram.from_network(data.network(), edge_keep=0.3)


# ============================================================================ Introduction


class ChapterPlan(Scene):
    """Ch2 1: the plan of the chapter beside the trained network, which stays for the recap."""

    def construct(self) -> None:
        self.shown = Shown()
        title = fit_in_frame(heading(TITLE))
        diagram = place_diagram(trained_diagram(), 4.8, [3.4, 0.2, 0])
        self.shown["diagram"] = diagram
        paced(self, say.welcome(), Write(title), diagram.fade_in())
        items = ["Recap", "Gradient descent", "Analyze this network", "Where to learn more", "Research corner"]
        plan = VGroup(*[Tex(f"{i + 1}. {t}", font_size=BODY_FONT_SIZE) for i, t in enumerate(items)])
        plan.arrange(DOWN, aligned_edge=LEFT, buff=0.4).to_edge(LEFT, buff=0.9).shift(DOWN * 0.1)
        paced(self, say.plan(), LaggedStart(*[FadeIn(p, shift=RIGHT * 0.2) for p in plan], lag_ratio=0.6))
        paced(self, say.research_instead(), Indicate(plan[-1], color=YELLOW, scale_factor=1.15))
        size, center = RECAP_DIAGRAM
        self.play(FadeOut(title), FadeOut(plan), diagram.animate.scale_to_fit_height(size).move_to(center), run_time=1.2)


# ============================================================================ Recap


class RecapOfTheNetwork(Scene):
    """Ch2 2: the trained network (where the introduction left it) reads a training digit; its parameter count."""

    def construct(self) -> None:
        net = data.network()
        index = int(data.image_map_indices()[3][0])
        trace = data.trace("train", index)
        size, center = RECAP_DIAGRAM
        diagram = place_diagram(trained_diagram(), size, center).add_to(self)
        digit = DigitImage(data.digit("train", index), size=2.2).move_to([-4.8, 1.6, 0])
        tags = VGroup(Tex(r"$\langle$Recap$\rangle$", font_size=SMALL_FONT_SIZE, color=GREY_B).to_corner(UP + LEFT),
                      Tex(r"$\langle$/Recap$\rangle$", font_size=SMALL_FONT_SIZE, color=GREY_B).to_corner(UP + RIGHT))
        self.shown = Shown(diagram=diagram, trace=trace, digit_index=index)
        paced(self, say.recap_pixels(net.sizes[0], len(diagram.shown[0])), FadeIn(tags), FadeIn(digit, shift=RIGHT),
              diagram.fill_layer(0, trace))
        formula = MathTex(r"a^{(1)} = ", r"\sigma", r"\left(W a^{(0)} + b\right)", font_size=BODY_FONT_SIZE)
        formula.next_to(digit, DOWN, buff=0.6)
        formula[1].set_color(YELLOW)
        paced(self, say.each_layer(), diagram.forward_pass(trace, layer_time=0.7), Write(formula))
        paced(self, say.answer(trace.prediction), diagram.highlight_output(trace.prediction))
        n = net.n_parameters
        total = MathTex(tex_count(n), r"\text{ weights and biases}", font_size=BODY_FONT_SIZE)
        total.next_to(formula, DOWN, buff=0.5)
        self.shown["parameter_count"] = n
        paced(self, say.parameters(n), Write(total))
        self.play(*[FadeOut(m) for m in (digit, formula, total, diagram.highlight_box, tags)], diagram.fade_out())


# ============================================================================ Using training data


class LearningFromTrainingDigits(Scene):
    """Ch2 3.1: a fresh network meets 15 real training digits: forward pass, gradient sweep, step."""

    def construct(self) -> None:
        run = d.online_run()
        self.diagram = place_diagram(NetworkDiagram.from_network(d.fresh(), edge_keep=0.5), 5.2, [0.1, 0.55, 0])
        self.readout, self.axes, panel = self.cost_panel(run.reference_costs)
        self.shown = Shown(diagram=self.diagram, cost=self.readout, dots=[])
        first = Dot(self.axes.c2p(0, run.reference_costs[0]), color=RED, radius=0.05)
        self.curve = VGroup(first)
        paced(self, say.fresh_network(), self.diagram.fade_in(), FadeIn(panel), FadeIn(first))
        self.slot = None
        self.first_digit(run)
        for line, digits in ((say.next_digits(), range(1, 1 + MONTAGE)),
                             (say.cost_jumps(), range(1 + MONTAGE, d.ONLINE_DIGITS))):
            seconds = max(1.0, share_of(line, 0.95, len(digits)))
            with narrated(self, line):
                for t in digits:
                    self.learn_from(t, run, seconds)
        before, after = run.reference_costs[0], run.reference_costs[-1]
        now = d.online_after()
        paced(self, say.cost_fell(d.ONLINE_DIGITS, before, after), Indicate(self.readout, color=RED),
              Indicate(self.curve, color=RED, scale_factor=1.05))
        self.diagram.clear_activations()
        paced(self, say.outputs_pushed_down(now.mean_output, now.accuracy),
              self.diagram.forward_pass(self.last_digit_after(run)))

    def last_digit_after(self, run: OnlineRun) -> Trace:
        """The last digit through the network as it is after every step."""
        return feedforward(d.fresh().with_flat(run.thetas[-1]), data.digit("train", d.ONLINE_DIGITS - 1))

    def cost_panel(self, costs: np.ndarray) -> tuple[DecimalNumber, Axes, VGroup]:
        n_train = tex_count(len(data.split("train")))
        label = Tex(rf"Mean cost over all\\{n_train} training images", font_size=SMALL_FONT_SIZE)
        readout = DecimalNumber(float(costs[0]), num_decimal_places=2, font_size=BODY_FONT_SIZE + 8, color=RED)
        top = float(np.ceil(costs.max()))
        axes = Axes(x_range=[0, len(costs) - 1, 5], y_range=[0, top, 1], x_length=2.9, y_length=2.2,
                    tips=False, axis_config={"font_size": 20, "color": GREY_B})
        axes.x_axis.add_numbers(range(0, len(costs), 5), font_size=20)
        axes.y_axis.add_numbers(range(0, int(top) + 1, 2), font_size=20)
        x_label = Tex("digits seen", font_size=22).next_to(axes.x_axis, DOWN, buff=0.35)
        panel = VGroup(label, readout, VGroup(axes, x_label)).arrange(DOWN, buff=0.3)
        panel.to_edge(RIGHT, buff=0.4).shift(UP * 0.7)
        return readout, axes, panel

    def first_digit(self, run: OnlineRun) -> None:
        digit = DigitImage(data.digit("train", 0), size=1.9).move_to([-5.4, 1.3, 0])
        self.slot = digit
        self.diagram.clear_activations()
        paced(self, say.forward_pass(), FadeIn(digit, shift=RIGHT), self.diagram.forward_pass(d.online_trace(0)))
        paced(self, say.gradient_sweep(), self.diagram.gradient_sweep(d.matrices(run.gradients[0])))
        line = say.small_step(len(data.split("train")))
        paced(self, line, *self.step(0, run))

    def step(self, t: int, run: OnlineRun) -> list:
        weights = d.matrices(run.thetas[t + 1])
        cost = float(run.reference_costs[t + 1])
        prev = self.axes.c2p(t, run.reference_costs[t])
        dot = Dot(self.axes.c2p(t + 1, cost), color=RED, radius=0.05)
        self.shown["dots"].append(dot)
        segment = Line(prev, dot.get_center(), color=RED)
        self.curve.add(segment, dot)
        return [*[self.diagram.restyle_edges(i, w) for i, w in enumerate(weights)],
                ChangeDecimalToValue(self.readout, cost), Create(segment), FadeIn(dot)]

    def learn_from(self, t: int, run: OnlineRun, seconds: float) -> None:
        """One digit in ``seconds``: in, forward, backward, step."""
        digit = DigitImage(data.digit("train", t), size=1.9).move_to(self.slot)
        self.diagram.clear_activations()
        self.play(FadeOut(self.slot), FadeIn(digit), run_time=0.15 * seconds)
        self.slot = digit
        self.play(self.diagram.forward_pass(d.online_trace(t), flash=False), run_time=0.35 * seconds)
        self.play(self.diagram.gradient_sweep(d.matrices(run.gradients[t])), run_time=0.3 * seconds)
        self.play(*self.step(t, run), run_time=0.2 * seconds)


class TrainingAndTestData(Scene):
    """Ch2 3.2: labelled training digits to learn from; unseen test digits to judge by (real answers)."""

    SHOWN = 18

    def construct(self) -> None:
        train, test = data.split("train"), data.split("test")
        n = self.SHOWN
        self.shown = Shown()
        left = self.labelled_grid(train.images[:n], train.labels[:n], x=-3.6)
        head_l = Tex(rf"Train on these: {tex_count(len(train))} images", font_size=BODY_FONT_SIZE)
        head_l.next_to(left, UP, buff=0.4)
        paced(self, say.labelled_examples(len(train)), FadeIn(head_l),
              LaggedStart(*[FadeIn(c, shift=DOWN * 0.2) for c in left], lag_ratio=0.15))
        right = self.labelled_grid(test.images[:n], None, x=3.6)
        head_r = Tex(rf"Test on these: {tex_count(len(test))} images", font_size=BODY_FONT_SIZE)
        head_r.next_to(right, UP, buff=0.4)
        paced(self, say.kept_aside(len(test)), FadeIn(head_r),
              LaggedStart(*[FadeIn(c, shift=DOWN * 0.2) for c in right], lag_ratio=0.15))
        evaluation = data.evaluation("test", 0, n)
        marks = VGroup(*[check_mark(bool(p == y), font_size=40).next_to(cell, DOWN, buff=0.04)
                         for cell, p, y in zip(right, evaluation.predictions, test.labels[:n])])
        self.shown.update(test_predictions=evaluation.predictions, marks=marks)
        paced(self, say.test_answers(len(marks), evaluation.correct),
              LaggedStart(*[FadeIn(m, scale=1.5) for m in marks], lag_ratio=0.3))
        self.play(*[FadeOut(m) for m in (left, right, head_l, head_r, marks)])

    def labelled_grid(self, images: np.ndarray, labels: np.ndarray | None, x: float) -> VGroup:
        cells = VGroup()
        for i, image in enumerate(images):
            cell = VGroup(DigitImage(image, size=0.95))
            text = str(int(labels[i])) if labels is not None else "0"
            label = MathTex(text, font_size=32, color=YELLOW).next_to(cell[0], DOWN, buff=0.06)
            cell.add(label if labels is not None else label.set_opacity(0))
            cells.add(cell)
        cells.arrange_in_grid(rows=3, cols=6, buff=(0.15, 0.45))
        cells.move_to([x, 0, 0])
        return cells.shift(UP * (2.45 - cells.get_top()[1]))


# ============================================================================ Cost functions


class CostOfOneDigit(Scene):
    """Ch2 4.1: the ten squared differences of a real 3, through the fresh and the trained network."""

    def construct(self) -> None:
        index = d.cost_digit_index()
        label = data.label("train", index)
        digit = DigitImage(data.digit("train", index), size=2.3).move_to([-5.2, 1.4, 0])
        n_out = d.fresh().sizes[-1]
        formula = MathTex(rf"C_0 = \sum_{{j=0}}^{{{n_out - 1}}} (a_j - y_j)^2", font_size=BODY_FONT_SIZE)
        formula[0][0:2].set_color(RED)
        formula.next_to(digit, DOWN, buff=0.6)
        fresh, trained = d.cost_breakdown(d.fresh()), d.cost_breakdown(d.trained())
        table = CostTable(fresh.outputs, fresh.targets, fresh.terms, fresh.total, font_size=BODY_FONT_SIZE)
        table.scale_to_fit_height(5.7).move_to([1.8, 0.5, 0])
        self.shown = Shown(fresh=table, digit_index=index)
        paced(self, say.feed_a_digit(label, n_out), FadeIn(digit, shift=RIGHT), FadeIn(table.digit_labels),
              FadeIn(table.headers[0]), LaggedStart(*[FadeIn(e) for e in table.outputs.entries], lag_ratio=0.2),
              FadeIn(table.outputs.brackets))
        trash = Tex("Utter trash", font_size=BODY_FONT_SIZE, color=RED).next_to(table.outputs, RIGHT, buff=0.6)
        paced(self, say.utter_trash(), FadeIn(trash, shift=DOWN * 0.2))
        paced(self, say.wanted(int(fresh.targets.max()), int(fresh.targets.min())), FadeOut(trash),
              FadeIn(table.headers[1]), LaggedStart(*[FadeIn(e) for e in table.targets.entries], lag_ratio=0.2),
              FadeIn(table.targets.brackets))
        paced(self, say.square_and_add(n_out), FadeIn(table.headers[2]),
              LaggedStart(*[FadeIn(e) for e in table.terms.entries], lag_ratio=0.3),
              FadeIn(table.terms.brackets), Write(formula))
        line = say.total_cost(fresh.total)
        with narrated(self, line):  # two plays: an Indicate inside the fade-in would restore it unseen
            self.play(FadeIn(table.sum_row, shift=UP * 0.2), run_time=share_of(line, 0.4))
            self.play(Indicate(table.total, color=RED, scale_factor=1.4), run_time=share_of(line, 0.5))
        better = CostTable(trained.outputs, trained.targets, trained.terms, trained.total,
                           font_size=BODY_FONT_SIZE).scale_to_fit_height(table.height).move_to(table)
        self.shown["trained"] = better
        paced(self, say.trained_cost(trained.total), ReplacementTransform(table, better))
        self.play(FadeOut(better), FadeOut(digit), FadeOut(formula))


class AverageCostOverTrainingData(Scene):
    """Ch2 4.2: the mean cost over all 50,000 training images, fresh vs trained; what C is a function of."""

    def construct(self) -> None:
        n_train = len(data.split("train"))
        costs = d.mean_costs()
        net = d.fresh()
        formula = MathTex(r"C = \frac{1}{" + tex_count(n_train) + r"} \sum_{k=1}^{" + tex_count(n_train)
                          + r"} C_0(\text{example } k)", font_size=BODY_FONT_SIZE).to_edge(UP, buff=0.5)
        formula[0][0].set_color(RED)
        paced(self, say.average_cost(n_train), Write(formula))
        rows = VGroup()
        self.shown = Shown()
        for key, name, cost in (("fresh", "Fresh network, random weights", costs.fresh),
                                ("trained", "Trained network", costs.trained)):
            value = DecimalNumber(cost, num_decimal_places=3, font_size=BODY_FONT_SIZE, color=RED)
            row = VGroup(Tex(name + ":", font_size=BODY_FONT_SIZE), MathTex("C =", font_size=BODY_FONT_SIZE), value)
            rows.add(row.arrange(RIGHT, buff=0.25))
            self.shown[key] = value
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.35).next_to(formula, DOWN, buff=0.45)
        paced(self, say.mean_costs(costs.fresh, costs.trained),
              LaggedStart(FadeIn(rows[0], shift=RIGHT * 0.3), FadeIn(rows[1], shift=RIGHT * 0.3), lag_ratio=0.6))
        panels = self.panels(net, n_train).next_to(rows, DOWN, buff=0.45)
        paced(self, say.two_functions(net.sizes[0], net.sizes[-1], net.n_parameters),
              LaggedStart(FadeIn(panels[0], shift=UP * 0.3), FadeIn(panels[1], shift=UP * 0.3), lag_ratio=0.6))
        paced(self, say.make_it_small(), Indicate(panels[1], color=RED, scale_factor=1.05))
        self.play(FadeOut(VGroup(formula, rows, panels)))

    def panels(self, net: Network, n_train: int) -> VGroup:
        n = net.n_parameters
        specs = [("Network", [f"Input: {net.sizes[0]} pixels", f"Output: {net.sizes[-1]} numbers",
                              rf"Parameters: {tex_count(n)} weights and biases"], WHITE),
                 ("Cost function", [rf"Input: {tex_count(n)} weights and biases", "Output: 1 number, the cost",
                                    rf"Parameters: {tex_count(n_train)} training examples"], RED)]
        panels = VGroup()
        for title, lines, color in specs:
            body = VGroup(Tex(title, font_size=BODY_FONT_SIZE, color=color),
                          *[Tex(line, font_size=SMALL_FONT_SIZE) for line in lines])
            body.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
            panels.add(VGroup(SurroundingRectangle(body, color=color, buff=0.22), body))
        return panels.arrange(RIGHT, buff=0.6)
