"""Chapter 2's opening segments: introduction, recap, using training data, cost functions.

Scene classes are listed for rendering in :mod:`scenes.chapter2` (``SEGMENTS``).
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, ChangeDecimalToValue, Create, DecimalNumber, Dot, FadeIn,
                   FadeOut, Indicate, LaggedStart, Line, MathTex, ReplacementTransform, Scene, SurroundingRectangle,
                   Tex, VGroup,
                   Write)

from nnmath import Network
from scenes.chapter2 import TITLE
from scenes.chapter2 import data as d
from scenes.chapter2.measures.learning_runs import OnlineRun
from scenes.chapter2.mobjects import CostTable, check_mark, place_diagram
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.digit import DigitImage
from scenes.common.formatting import format_count, format_percent, tex_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import GREY_B, RED, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import fit_in_frame, heading


# ============================================================================ Introduction


class ChapterPlan(Scene):
    """Ch2 1: the plan of the chapter beside the trained network."""

    def construct(self) -> None:
        self.shown = Shown()
        title = fit_in_frame(heading(TITLE))
        caption(self, "Chapter 2: how a neural network learns.", Write(title), run_time=1.5)
        items = ["Recap", "Gradient descent", "Analyze this network", "Where to learn more",
                 "Research corner"]
        plan = VGroup(*[Tex(f"{i + 1}. {t}", font_size=BODY_FONT_SIZE) for i, t in enumerate(items)])
        plan.arrange(DOWN, aligned_edge=LEFT, buff=0.4).to_edge(LEFT, buff=0.9).shift(DOWN * 0.4)
        diagram = place_diagram(NetworkDiagram.from_network(data.network(), edge_keep=0.3), 5.2, [3.3, -0.5, 0])
        self.shown["diagram"] = diagram
        caption(self, "The plan: recap, gradient descent, a close look at this network, where to learn "
                      "more, and a research corner.",
                LaggedStart(*[FadeIn(p, shift=RIGHT * 0.2) for p in plan], lag_ratio=0.3),
                diagram.fade_in(), run_time=2.5)
        caption(self, "The research corner replaces the original's interview: we rerun the experiment it "
                      "discussed.", Indicate(plan[-1], color=YELLOW))
        self.play(FadeOut(title), FadeOut(plan), diagram.fade_out())


# ============================================================================ Recap


class RecapOfTheNetwork(Scene):
    """Ch2 2: the trained network reads a training digit; the count of its parameters."""

    def construct(self) -> None:
        net = data.network()
        index = int(data.image_map_indices()[3][0])
        trace = data.trace("train", index)
        tags = self.open_tags()
        diagram = place_diagram(NetworkDiagram.from_network(net, edge_keep=0.3), 5.4, [1.6, -0.3, 0])
        digit = DigitImage(data.digit("train", index), size=2.4).move_to([-4.8, 0.6, 0])
        self.shown = Shown(diagram=diagram, trace=trace, digit_index=index)
        caption(self, f"Recap: a digit is {net.sizes[0]} pixel values. The {len(diagram.shown[0])} input neurons "
                      "drawn are the pixels with the strongest weights.",
                FadeIn(digit), diagram.fade_in(), run_time=1.5)
        formula = MathTex(r"a^{(1)} = ", r"\sigma", r"\left(W a^{(0)} + b\right)", font_size=BODY_FONT_SIZE)
        formula.next_to(digit, DOWN, buff=0.6)
        formula[1].set_color(YELLOW)
        caption(self, "Each layer: a weighted sum of the last, plus a bias, squished by a sigmoid.", diagram.forward_pass(trace, layer_time=0.7),
                Write(formula), run_time=3)
        caption(self, f"The brightest output is its answer: {trace.prediction}.",
                diagram.highlight_output(trace.prediction))
        n = net.n_parameters
        total = MathTex(tex_count(n), r"\text{ weights and biases}", font_size=BODY_FONT_SIZE)
        total.next_to(formula, DOWN, buff=0.5)
        self.shown["parameter_count"] = n
        caption(self, f"It all hangs on {format_count(n)} weights and biases. Learning means finding good ones.",
                Write(total))
        self.play(*[FadeOut(m) for m in (digit, formula, total, diagram.highlight_box, tags)],
                  diagram.fade_out())

    def open_tags(self) -> VGroup:
        tags = VGroup(Tex(r"$\langle$Recap$\rangle$", font_size=SMALL_FONT_SIZE, color=GREY_B).to_corner(UP + LEFT),
                      Tex(r"$\langle$/Recap$\rangle$", font_size=SMALL_FONT_SIZE, color=GREY_B).to_corner(UP + RIGHT))
        self.play(FadeIn(tags))
        return tags


# ============================================================================ Using training data


class LearningFromTrainingDigits(Scene):
    """Ch2 3.1: a fresh network meets 15 real training digits: forward pass, gradient sweep, step."""

    def construct(self) -> None:
        run = d.online_run()
        self.diagram = place_diagram(NetworkDiagram.from_network(d.fresh(), edge_keep=0.5), 5.6, [0.2, -0.35, 0])
        self.readout, self.axes = self.cost_panel(run.reference_costs)
        self.shown = Shown(diagram=self.diagram, cost=self.readout, dots=[])
        caption(self, "Learning, for real: a fresh network with random weights meets training digits.",
                self.diagram.fade_in(), run_time=1.5)
        self.slot = None
        for t in range(d.ONLINE_DIGITS):
            self.learn_from(t, run)
        before, after = run.reference_costs[0], run.reference_costs[-1]
        now = d.online_after()
        caption(self, f"After {d.ONLINE_DIGITS} digits the mean cost fell from {before:.2f} to {after:.2f}, "
                      f"mostly by pushing every output down (average {now.mean_output:.2f}): only "
                      f"{format_percent(now.accuracy, 0)} right so far.")

    def cost_panel(self, costs: np.ndarray) -> tuple[DecimalNumber, Axes]:
        n_train = tex_count(len(data.split("train")))
        label = Tex(rf"Mean cost over all\\{n_train} training images", font_size=SMALL_FONT_SIZE)
        readout = DecimalNumber(float(costs[0]), num_decimal_places=2, font_size=BODY_FONT_SIZE + 8, color=RED)
        top = float(np.ceil(costs.max()))
        axes = Axes(x_range=[0, len(costs) - 1, 5], y_range=[0, top, 1], x_length=2.9, y_length=2.3,
                    tips=False, axis_config={"font_size": 20, "color": GREY_B})
        axes.x_axis.add_numbers([0, 5, 10, 15], font_size=20)
        axes.y_axis.add_numbers(range(0, int(top) + 1, 2), font_size=20)
        x_label = Tex("digits seen", font_size=22).next_to(axes.x_axis, DOWN, buff=0.35)
        panel = VGroup(label, readout, VGroup(axes, x_label)).arrange(DOWN, buff=0.35)
        panel.to_edge(RIGHT, buff=0.4).shift(UP * 0.2)
        first = Dot(axes.c2p(0, costs[0]), color=RED, radius=0.05)
        self.play(FadeIn(panel), FadeIn(first))
        return readout, axes

    def learn_from(self, t: int, run: OnlineRun) -> None:
        slow = t == 0
        digit = DigitImage(data.digit("train", t), size=1.9).move_to([-5.4, 0.9, 0])
        trace = d.online_trace(t)
        gradient = d.matrices(run.gradients[t])
        weights = d.matrices(run.thetas[t + 1])
        layer_time = 0.7 if slow else 0.1
        entering = [FadeIn(digit)] if self.slot is None else [FadeOut(self.slot), FadeIn(digit)]
        self.slot = digit
        self.diagram.clear_activations()
        if slow:
            caption(self, "Forward pass: the digit lights the network up, and its answer is nonsense.",
                    *entering, self.diagram.forward_pass(trace, layer_time))
            caption(self, "Backpropagation sweeps back: blue edges this digit wants stronger, orange weaker.",
                    self.diagram.gradient_sweep(gradient, layer_time=1.0))
        else:
            self.play(*entering, run_time=layer_time)
            self.play(self.diagram.forward_pass(trace, layer_time, flash=False))
            self.play(self.diagram.gradient_sweep(gradient, layer_time=layer_time))
        cost = float(run.reference_costs[t + 1])
        prev = self.axes.c2p(t, run.reference_costs[t])
        dot = Dot(self.axes.c2p(t + 1, cost), color=RED, radius=0.05)
        step = [*[self.diagram.restyle_edges(i, w) for i, w in enumerate(weights)],
                ChangeDecimalToValue(self.readout, cost), Create(Line(prev, dot.get_center(), color=RED)),
                FadeIn(dot)]
        self.shown["dots"].append(dot)
        if slow:
            caption(self, "Every weight and bias steps a little that way; the mean cost over all training "
                          "images drops.", *step, run_time=1.2)
        else:
            self.play(*step, run_time=0.4)


class TrainingAndTestData(Scene):
    """Ch2 3.2: labelled training digits to learn from; unseen test digits to judge by (real answers)."""

    def construct(self) -> None:
        train, test = data.split("train"), data.split("test")
        self.shown = Shown()
        left = self.labelled_grid(train.images[:24], train.labels[:24], x=-3.6)
        head_l = Tex(rf"Train on these: {tex_count(len(train))} images", font_size=BODY_FONT_SIZE)
        head_l.next_to(left, UP, buff=0.4)
        caption(self, f"Learning needs labelled examples: {format_count(len(train))} training images, each with "
                      "its digit.", FadeIn(head_l), FadeIn(left), run_time=1.5)
        right = self.labelled_grid(test.images[:24], None, x=3.6)
        head_r = Tex(rf"Test on these: {tex_count(len(test))} images", font_size=BODY_FONT_SIZE)
        head_r.next_to(right, UP, buff=0.4)
        caption(self, f"{format_count(len(test))} more are kept aside for testing: the network never trains on "
                      "them.", FadeIn(head_r), FadeIn(right), run_time=1.5)
        evaluation = data.evaluation("test", 0, 24)
        marks = VGroup(*[check_mark(bool(p == y), font_size=40).next_to(cell, DOWN, buff=0.04)
                         for cell, p, y in zip(right, evaluation.predictions, test.labels[:24])])
        self.shown.update(test_predictions=evaluation.predictions, marks=marks)
        caption(self, f"The trained network's answers on these {len(marks)}: {evaluation.correct} right. "
                      "Only unseen images show whether it learned.",
                LaggedStart(*[FadeIn(m) for m in marks], lag_ratio=0.05), run_time=2)
        self.play(*[FadeOut(m) for m in (left, right, head_l, head_r, marks)])

    def labelled_grid(self, images: np.ndarray, labels: np.ndarray | None, x: float) -> VGroup:
        cells = VGroup()
        for i, image in enumerate(images):
            cell = VGroup(DigitImage(image, size=0.8))
            text = str(int(labels[i])) if labels is not None else "0"
            label = MathTex(text, font_size=32, color=YELLOW).next_to(cell[0], DOWN, buff=0.06)
            cell.add(label if labels is not None else label.set_opacity(0))
            cells.add(cell)
        cells.arrange_in_grid(rows=4, cols=6, buff=(0.15, 0.45))
        cells.move_to([x, 0, 0])
        return cells.shift(UP * (2.2 - cells.get_top()[1]))


# ============================================================================ Cost functions


class CostOfOneDigit(Scene):
    """Ch2 4.1: the ten squared differences of a real 3, through the fresh and the trained network."""

    def construct(self) -> None:
        index = d.cost_digit_index()
        digit = DigitImage(data.digit("train", index), size=2.3).move_to([-5.2, 0.4, 0])
        last = d.fresh().sizes[-1] - 1
        formula = MathTex(rf"C_0 = \sum_{{j=0}}^{{{last}}} (a_j - y_j)^2", font_size=BODY_FONT_SIZE)
        formula[0][0:2].set_color(RED)
        formula.next_to(digit, DOWN, buff=0.6)
        fresh, trained = d.cost_breakdown(d.fresh()), d.cost_breakdown(d.trained())
        table = CostTable(fresh.outputs, fresh.targets, fresh.terms, fresh.total, font_size=BODY_FONT_SIZE)
        table.scale_to_fit_height(6.4).move_to([1.8, -0.1, 0])
        self.shown = Shown(fresh=table, digit_index=index)
        caption(self, f"How bad is a network? Feed the fresh one a training {data.label('train', index)} "
                      "and read its ten outputs.", FadeIn(digit), FadeIn(table.digit_labels),
                FadeIn(table.headers[0]), FadeIn(table.outputs), run_time=1.5)
        trash = Tex("Utter trash", font_size=BODY_FONT_SIZE, color=RED).next_to(table.outputs, RIGHT, buff=0.6)
        caption(self, "Random weights, random answers: utter trash.", FadeIn(trash, shift=DOWN * 0.2))
        caption(self, "We wanted 1 for the right digit, 0 for the rest.",
                FadeOut(trash), FadeIn(table.headers[1]), FadeIn(table.targets))
        caption(self, "The cost of one example: square each difference, add all ten.",
                FadeIn(table.headers[2]), LaggedStart(*[FadeIn(e) for e in table.terms.entries], lag_ratio=0.1),
                FadeIn(table.terms.brackets), Write(formula), run_time=2)
        self.play(FadeIn(table.sum_row))
        caption(self, f"Total {fresh.total:.2f}: large, because it is confidently wrong.",
                Indicate(table.total, color=RED))
        better = CostTable(trained.outputs, trained.targets, trained.terms, trained.total,
                           font_size=BODY_FONT_SIZE).scale_to_fit_height(table.height).move_to(table)
        self.shown["trained"] = better
        caption(self, f"The trained network on the same digit: cost {trained.total:.4f}.", ReplacementTransform(table, better), run_time=1.5)
        self.play(FadeOut(better), FadeOut(digit), FadeOut(formula))


class AverageCostOverTrainingData(Scene):
    """Ch2 4.2: the mean cost over all 50,000 training images, fresh vs trained; what C is a function of."""

    def construct(self) -> None:
        n_train = len(data.split("train"))
        costs = d.mean_costs()
        net = d.fresh()
        formula = MathTex(r"C = \frac{1}{" + tex_count(n_train) + r"} \sum_{k=1}^{" + tex_count(n_train)
                          + r"} C_0(\text{example } k)", font_size=BODY_FONT_SIZE).to_edge(UP, buff=0.6)
        formula[0][0].set_color(RED)
        caption(self, f"The cost C averages that over all {format_count(n_train)} training images.",
                Write(formula), run_time=1.5)
        rows = VGroup()
        self.shown = Shown()
        for key, name, cost in (("fresh", "Fresh network, random weights", costs.fresh),
                                ("trained", "Trained network", costs.trained)):
            value = DecimalNumber(cost, num_decimal_places=3, font_size=BODY_FONT_SIZE, color=RED)
            row = VGroup(Tex(name + ":", font_size=BODY_FONT_SIZE), MathTex("C =", font_size=BODY_FONT_SIZE), value)
            rows.add(row.arrange(RIGHT, buff=0.25))
            self.shown[key] = value
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.4).next_to(formula, DOWN, buff=0.6)
        caption(self, f"Computed: {costs.fresh:.3f} for the fresh network, {costs.trained:.3f} for the "
                      "trained one.", FadeIn(rows[0]), FadeIn(rows[1]), run_time=1)
        panels = self.panels(net, n_train)
        caption(self, f"The network maps {net.sizes[0]} pixels to {net.sizes[-1]} numbers. The cost maps its "
                      f"{format_count(net.n_parameters)} weights and biases to one.",
                FadeIn(panels[0]), FadeIn(panels[1]), run_time=1.5)
        caption(self, "Learning: find the inputs that make that one number small.",
                Indicate(panels[1], color=RED))
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
            body.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
            panels.add(VGroup(SurroundingRectangle(body, color=color, buff=0.25), body))
        panels.arrange(RIGHT, buff=0.6).to_edge(DOWN, buff=0.6)
        return panels
