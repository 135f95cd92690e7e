"""Chapter 1, segments 10-12 ("Recap", "Some final words", "ReLU vs Sigmoid")."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, ChangeDecimalToValue, Create, Cross, DecimalNumber, FadeIn,
                   FadeOut, FadeTransform, Indicate, LaggedStart, Line, MathTex, Rectangle, Scene, Tex,
                   Transform, VGroup, Write)

from nnmath import Trace, feedforward, relu, sigmoid
from scenes.chapter1.mobjects import mnist_diagram
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.digit import DigitImage
from scenes.common.formatting import format_count, format_number
from scenes.common.layout import SMALL_FONT_SIZE, TITLE_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, TEAL, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import fit_in_frame

__all__ = ["NeuronIsAFunction", "ThirtyTestDigits", "ReluVersusSigmoid"]


# =========================================================================== 10. Recap
class NeuronIsAFunction(Scene):
    """10 The net lit by a 3; one neuron's value; the whole network is one function of 784 numbers."""

    #: The digits fed in, as (digit, k) for ``image_map()[digit][k]``, and the neuron (layer, index) read out.
    DIGITS = ((3, 0), (8, 7), (9, 4))
    NEURON = (2, 2)

    def construct(self) -> None:
        maps = data.image_map()
        diagram = mnist_diagram(height=5.2).to_edge(RIGHT, buff=0.8).shift(DOWN * 0.7)
        digit = DigitImage(maps[3][0], size=2.2).to_edge(LEFT, buff=0.6).shift(DOWN * 0.4)
        traces = [feedforward(data.network(), maps[d][k]) for d, k in self.DIGITS]
        self.shown = Shown(traces=traces)
        diagram.add_to(self)
        caption(self, "Recap. A three goes in and every neuron lights up.", FadeIn(digit),
                diagram.forward_pass(traces[0], layer_time=0.5, flash=False))
        layer, j = self.NEURON
        words = self.one_neuron(diagram, float(traces[0].activations[layer][j]))
        function = MathTex(r"\text{Function}", font_size=36, color=YELLOW).move_to(words[1], aligned_edge=LEFT)
        caption(self, "But that number depends on the inputs: each neuron is really a function of the "
                      "neurons before it.", Transform(words[1], function))
        whole = MathTex(r"f(a_0, \dots, a_{783}) = \begin{bmatrix} y_0 \\ \vdots \\ y_9 \end{bmatrix}",
                        font_size=36).next_to(digit, UP, buff=0.5)
        fit_in_frame(whole)
        net = data.network()
        caption(self, f"And the whole network is one function: {net.sizes[0]} numbers in, "
                      f"{net.sizes[-1]} out, shaped by {format_count(net.n_parameters)} parameters.",
                Write(whole))
        self.other_digits(diagram, digit, traces)

    def one_neuron(self, diagram: NetworkDiagram, value: float) -> MathTex:
        """Point at one neuron of the second hidden layer and write its value; returns the words."""
        neuron = diagram.neuron(*self.NEURON)
        number = DecimalNumber(value, num_decimal_places=2, font_size=30, color=YELLOW)
        number.next_to(diagram, UP, buff=0.15).match_x(neuron)
        pointer = Line(number.get_bottom(), neuron.get_top(), color=YELLOW, stroke_width=2)
        self.shown["neuron_value"] = number
        words = MathTex(r"\text{Neuron} \rightarrow", r"\text{Thing that holds a number}", font_size=36)
        words.to_edge(UP, buff=0.4)
        caption(self, f"Each neuron holds a number: this one in the second hidden layer holds "
                      f"{format_number(value, 2)}.",
                Write(words), FadeIn(VGroup(number, pointer)), Indicate(neuron, color=YELLOW))
        return words

    def other_digits(self, diagram: NetworkDiagram, digit: DigitImage, traces: list[Trace]) -> None:
        """Feed in the other digits: the layers refill and the neuron's number follows."""
        maps = data.image_map()
        layer, j = self.NEURON
        for trace, (d, k) in zip(traces[1:], self.DIGITS[1:]):
            new = DigitImage(maps[d][k], size=2.2).move_to(digit)
            fills = [diagram.fill_layer(l, trace, run_time=1) for l in range(len(diagram.sizes))]
            caption(self, f"Feed in a different digit, get different numbers: this {d} reads as "
                          f"{trace.prediction}.", FadeTransform(digit, new), *fills,
                    ChangeDecimalToValue(self.shown["neuron_value"], float(trace.activations[layer][j])))
            digit = new


# =========================================================================== 11. Some final words
class ThirtyTestDigits(Scene):
    """11 The first 30 test digits with the network's answers; the next video; credits."""

    COUNT = 30

    def construct(self) -> None:
        evaluation = data.evaluation("test", 0, self.COUNT)
        self.shown = Shown(predictions=evaluation.predictions)
        cells = VGroup()
        for i in range(self.COUNT):
            prediction = int(evaluation.predictions[i])
            ok = prediction == data.label("test", i)
            d = DigitImage(data.digit("test", i), size=1.05, frame_color=GREEN if ok else RED)
            answer = MathTex(str(prediction), font_size=26, color=WHITE if ok else RED).next_to(d, DOWN, buff=0.06)
            cells.add(VGroup(d, answer))
        cells.arrange_in_grid(rows=3, buff=(0.25, 0.25)).shift(UP * 0.3)
        caption(self, f"The first {self.COUNT} test digits, with the network's answers below: "
                      f"{evaluation.correct} right, mistakes framed in red.",
                LaggedStart(*[FadeIn(c) for c in cells], lag_ratio=0.05), run_time=2.5)
        self.play(FadeOut(cells))
        card = VGroup(Rectangle(width=6, height=3.4, color=BLUE),
                      Tex("Next: how it learns", font_size=TITLE_FONT_SIZE))
        card[1].move_to(card[0])
        caption(self, f"Next video: how the network finds its {format_count(data.network().n_parameters)} "
                      "weights and biases from examples.", Create(card[0]), Write(card[1]))
        credits = Tex(r"Made with Manim Community and \texttt{nnmath}\\"
                      r"after 3Blue1Brown's series on neural networks", font_size=SMALL_FONT_SIZE,
                      color=GREY_B).to_edge(DOWN, buff=0.6)
        caption(self, "Animations rebuilt from a real network trained on real MNIST digits.",
                FadeIn(credits))


# =========================================================================== 12. ReLU vs Sigmoid
class ReluVersusSigmoid(Scene):
    """12 Sigmoid is 'old school'; ReLU(a) = max(0, a), inactive below 0, the identity above."""

    def construct(self) -> None:
        left = Axes(x_range=[-6, 6, 2], y_range=[0, 1.05, 0.5], x_length=5.2, y_length=2.6,
                    axis_config={"include_numbers": True, "font_size": 22})
        right = Axes(x_range=[-3, 3, 1], y_range=[0, 3, 1], x_length=5.2, y_length=2.6,
                     axis_config={"include_numbers": True, "font_size": 22})
        VGroup(left, right).arrange(RIGHT, buff=1.2).shift(DOWN * 0.6)
        xs = np.linspace(-6, 6, 121)
        sig = left.plot_line_graph(xs, sigmoid(xs), add_vertex_dots=False, line_color=YELLOW)
        sig_label = MathTex(r"\sigma(a) = \frac{1}{1+e^{-a}}", font_size=34).next_to(left, UP, buff=0.5)
        caption(self, "A last word. The sigmoid was the classic squashing function...", Create(left),
                Create(sig), Write(sig_label))
        cross = Cross(VGroup(left, sig), stroke_color=RED)
        old = Tex("Old school", font_size=30, color=RED).next_to(left, DOWN, buff=0.5)
        caption(self, "...but it learns slowly in deep networks, so today it is rarely used inside them.",
                Create(cross), Write(old))
        self.relu(right)

    def relu(self, axes: Axes) -> None:
        rs = np.linspace(-3, 3, 61)
        curve = axes.plot_line_graph(rs, relu(rs), add_vertex_dots=False, line_color=TEAL)
        label = MathTex(r"\mathrm{ReLU}(a) = \max(0, a)", font_size=34).next_to(axes, UP, buff=0.5)
        caption(self, "Most networks use the rectified linear unit instead.", Create(axes),
                Create(curve), Write(label))
        inactive = Tex("Inactive", font_size=30, color=GREY_B).next_to(axes.c2p(-1.5, 0), DOWN, buff=0.5)
        same = Tex(r"Same as $f(a) = a$", font_size=30, color=GREY_B).next_to(axes.c2p(1.5, 0), DOWN, buff=0.5)
        caption(self, "Below zero it outputs zero: the neuron is inactive. Above zero it passes the "
                      "number through unchanged.", FadeIn(inactive), FadeIn(same))
