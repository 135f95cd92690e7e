"""Chapter 1, segments 10-12 ("Recap", "Some final words", "ReLU vs Sigmoid")."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, BackgroundRectangle, ChangeDecimalToValue, Circle, Create, Cross,
                   DecimalNumber, FadeIn, FadeOut, FadeTransform, Indicate, LaggedStart, Line, MathTex, MoveAlongPath,
                   Rectangle, Scene, Tex, Transform, VGroup, Write)

from nnmath import Trace, feedforward, relu, sigmoid
from scenes.chapter1.mobjects import CONTENT_Y, mnist_diagram
from scenes.chapter1.pacing import paced, share_of
from scenes.chapter1.script import closing as say
from scenes.common import data
from scenes.common.captions import narrated
from scenes.common.digit import DigitImage
from scenes.common.layout import SMALL_FONT_SIZE, TITLE_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, TEAL, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import fit_in_frame

__all__ = ["NeuronIsAFunction", "ThirtyTestDigits", "ReluVersusSigmoid", "most_varying_neuron"]


def most_varying_neuron(traces: list[Trace], layer: int, candidates: np.ndarray) -> int:
    """Among ``candidates`` (drawn neurons of ``layer``), the one whose activation varies most over ``traces``."""
    values = np.array([t.activations[layer][candidates] for t in traces])
    return int(candidates[int(np.argmax(values.max(axis=0) - values.min(axis=0)))])


# =========================================================================== 10. Recap
class NeuronIsAFunction(Scene):
    """10 The net lit by a 3; one neuron's value; the whole network is one function of 784 numbers."""

    #: The digits fed in, as (digit, k) for ``image_map()[digit][k]``; the neuron read out is in this layer.
    DIGITS = ((3, 0), (8, 7), (9, 4))
    LAYER = 2

    def construct(self) -> None:
        maps = data.image_map()
        diagram = mnist_diagram(height=5.0, layer_gap=2.6).to_edge(RIGHT, buff=0.8).set_y(CONTENT_Y - 0.4)
        digit = DigitImage(maps[3][0], size=2.2).to_edge(LEFT, buff=0.6).set_y(CONTENT_Y - 0.9)
        traces = [feedforward(data.network(), maps[d][k]) for d, k in self.DIGITS]
        self.neuron = most_varying_neuron(traces, self.LAYER, diagram.layers[self.LAYER].shown)
        self.shown = Shown(traces=traces, neuron=self.neuron)
        diagram.add_to(self)
        line = say.recap(self.DIGITS[0][0])
        paced(self, line, FadeIn(digit, shift=RIGHT),
              diagram.forward_pass(traces[0], layer_time=share_of(line, 0.9, len(diagram.sizes)), flash=False),
              share=1.0)
        words = self.one_neuron(diagram, float(traces[0].activations[self.LAYER][self.neuron]))
        function = MathTex(r"\text{Function}", font_size=36, color=YELLOW).move_to(words[1], aligned_edge=LEFT)
        paced(self, say.function(), Transform(words[1], function),
              Indicate(diagram.layers[self.LAYER - 1], color=YELLOW, scale_factor=1.05), share=0.7)
        whole = MathTex(r"f(a_0, \dots, a_{783}) = \begin{bmatrix} y_0 \\ \vdots \\ y_9 \end{bmatrix}",
                        font_size=36).next_to(digit, UP, buff=0.5)
        fit_in_frame(whole)
        net = data.network()
        paced(self, say.whole(net.sizes[0], net.sizes[-1], net.n_parameters), Write(whole), share=0.7)
        self.other_digits(diagram, digit, traces)

    def one_neuron(self, diagram: NetworkDiagram, value: float) -> MathTex:
        """Point at the neuron from the gap to its right and write its value; returns the words."""
        neuron = diagram.neuron(self.LAYER, self.neuron)
        number = DecimalNumber(value, num_decimal_places=2, font_size=30, color=YELLOW)
        number.next_to(neuron, RIGHT, buff=0.35)
        backing = BackgroundRectangle(number, fill_opacity=0.9, buff=0.06)
        pointer = Line(neuron.get_right(), number.get_left(), color=YELLOW, stroke_width=3)
        self.shown["neuron_value"] = number
        words = MathTex(r"\text{Neuron} \rightarrow", r"\text{Thing that holds a number}", font_size=36)
        words.to_edge(UP, buff=0.4)
        ring = Circle(radius=neuron.width * 0.8, color=YELLOW, stroke_width=4).move_to(neuron)
        line = say.holds(value)
        with narrated(self, line):
            self.play(Write(words), run_time=share_of(line, 0.35))
            self.play(Create(ring), FadeIn(VGroup(backing, number, pointer)), run_time=share_of(line, 0.4))
        return words

    def other_digits(self, diagram: NetworkDiagram, digit: DigitImage, traces: list[Trace]) -> None:
        """Feed in the other digits: the layers refill and the neuron's number follows."""
        maps = data.image_map()
        for trace, (d, k) in zip(traces[1:], self.DIGITS[1:]):
            new = DigitImage(maps[d][k], size=2.2).move_to(digit)
            value = float(trace.activations[self.LAYER][self.neuron])
            line = say.other_digit(d, int(trace.prediction), value)
            fills = [diagram.fill_layer(l, trace, run_time=share_of(line, 0.7)) for l in range(len(diagram.sizes))]
            paced(self, line, FadeTransform(digit, new), *fills,
                  ChangeDecimalToValue(self.shown["neuron_value"], value), share=0.7)
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
        cells.arrange_in_grid(rows=3, buff=(0.25, 0.25)).set_y(CONTENT_Y)
        paced(self, say.thirty(self.COUNT, evaluation.correct), LaggedStart(*[FadeIn(c) for c in cells],
                                                                             lag_ratio=0.08), share=0.85)
        card = VGroup(Rectangle(width=6, height=3.0, color=BLUE), Tex("Next: how it learns", font_size=TITLE_FONT_SIZE))
        card[1].move_to(card[0])
        card.set_y(CONTENT_Y + 0.6)
        line = say.next_video(data.network().n_parameters)
        with narrated(self, line):
            self.play(FadeOut(cells, shift=UP * 0.5), run_time=share_of(line, 0.3))
            self.play(Create(card[0]), Write(card[1]), run_time=share_of(line, 0.55))
        credits = Tex(r"Made with Manim Community and \texttt{nnmath}\\"
                      r"after 3Blue1Brown's series on neural networks", font_size=SMALL_FONT_SIZE,
                      color=GREY_B).next_to(card, DOWN, buff=0.5)
        paced(self, say.credits(), FadeIn(credits, shift=UP * 0.3), card.animate.set_color(GREY_B), share=0.6)


# =========================================================================== 12. ReLU vs Sigmoid
class ReluVersusSigmoid(Scene):
    """12 Sigmoid is 'old school'; ReLU(a) = max(0, a), inactive below 0, the identity above."""

    def construct(self) -> None:
        left = Axes(x_range=[-6, 6, 2], y_range=[0, 1.05, 0.5], x_length=5.2, y_length=2.6,
                    axis_config={"include_numbers": True, "font_size": 22})
        right = Axes(x_range=[-3, 3, 1], y_range=[0, 3, 1], x_length=5.2, y_length=2.6,
                     axis_config={"include_numbers": True, "font_size": 22})
        VGroup(left, right).arrange(RIGHT, buff=1.2).set_y(CONTENT_Y - 0.2)
        xs = np.linspace(-6, 6, 121)
        sig = left.plot_line_graph(xs, sigmoid(xs), add_vertex_dots=False, line_color=YELLOW)
        sig_label = MathTex(r"\sigma(a) = \frac{1}{1+e^{-a}}", font_size=34).next_to(left, UP, buff=0.5)
        paced(self, say.sigmoid_classic(), Create(left), Create(sig), Write(sig_label), share=0.85)
        cross = Cross(VGroup(left, sig), stroke_color=RED)
        old = Tex("Old school", font_size=30, color=RED).next_to(left, DOWN, buff=0.5)
        paced(self, say.old_school(), Create(cross), Write(old), share=0.7)
        self.relu(right)

    def relu(self, axes: Axes) -> None:
        rs = np.linspace(-3, 3, 61)
        curve = axes.plot_line_graph(rs, relu(rs), add_vertex_dots=False, line_color=TEAL)
        label = MathTex(r"\mathrm{ReLU}(a) = \max(0, a)", font_size=34).next_to(axes, UP, buff=0.5)
        paced(self, say.relu(), Create(axes), Create(curve), Write(label), share=0.85)
        inactive = Tex("Inactive", font_size=30, color=GREY_B).next_to(axes.c2p(-1.5, 0), DOWN, buff=0.5)
        same = Tex(r"Same as $f(a) = a$", font_size=30, color=GREY_B).next_to(axes.c2p(1.5, 0), DOWN, buff=0.5)
        dot = Circle(radius=0.08, color=YELLOW, fill_opacity=1).move_to(axes.c2p(-3, 0))
        line = say.relu_parts()
        with narrated(self, line):
            self.play(FadeIn(dot), FadeIn(inactive), MoveAlongPath(dot, Line(axes.c2p(-3, 0), axes.c2p(0, 0))),
                      run_time=share_of(line, 0.45))
            self.play(FadeIn(same), MoveAlongPath(dot, Line(axes.c2p(0, 0), axes.c2p(3, 3))),
                      run_time=share_of(line, 0.45))
