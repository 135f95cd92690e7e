"""Chapter 1, segments 6-8 ("Edge detection example", "Counting weights and biases", "How learning relates")."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, AnimationGroup, Axes, Circle, Create, DecimalNumber, FadeIn,
                   ManimColor, MathTex, Scene, Succession, SurroundingRectangle, Tex, VGroup, Write)
from numpy.typing import NDArray

from nnmath import sigmoid
from nnmath.mnist import IMAGE_SIDE
from scenes.chapter1 import data as ch1
from scenes.chapter1.measures import NeuronResponse, interpolate_networks, parameter_tally
from scenes.chapter1.mobjects import EDGE_KEEP, digit_of, mnist_diagram
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.digit import DigitImage, WeightHeatMap
from scenes.common.edges import EdgeBundle
from scenes.common.formatting import format_count, format_number, tex_count
from scenes.common.layout import SMALL_BUFF, TITLE_FONT_SIZE
from scenes.common.measures import shown_input_pixels
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, YELLOW
from scenes.common.shown import Shown

__all__ = ["EdgeDetectorWeights", "SquishWithSigmoid", "CountingParameters", "LearningMeansFindingWeights",
           "WhenTheNetworkFails"]


# =========================================================================== 6. Edge detection example
class EdgeDetectorWeights(Scene):
    """6.1 A neuron's weights pick a pattern: a green bar with red above and below, over a real 7."""

    NEURON = 7

    def construct(self) -> None:
        self.shown = Shown(detector=ch1.bar_detector())
        net = data.network()
        shown = [shown_input_pixels(net), np.arange(net.sizes[1])]
        first = NetworkDiagram([net.sizes[0], net.sizes[1]], shown=shown, output_labels=False, layer_gap=2.0)
        first.scale_to_fit_height(5.6).to_edge(LEFT, buff=0.5).shift(DOWN * 0.3)
        caption(self, f"Take one neuron of the first hidden layer and the {net.sizes[0]} links coming "
                      "into it.",
                first.fade_in(), run_time=1)
        self.single_out(first)
        formula = MathTex("w_1", "a_1", "+", "w_2", "a_2", "+", r"\cdots", "+", "w_n", "a_n", font_size=40)
        for i in (0, 3, 8):
            formula[i].set_color(GREEN)
        formula.to_edge(UP, buff=0.5).shift(RIGHT * 2.2)
        caption(self, "Each link has a weight. The neuron adds up every input activation times its "
                      "weight.", Write(formula))
        self.template(formula)

    def single_out(self, first: NetworkDiagram) -> None:
        """Dim the bundle and draw neuron ``NEURON``'s incoming links in yellow."""
        bundle = first.edges[0]
        bundle.sync_ends()
        j = first.layers[1].index_of(self.NEURON)
        own = EdgeBundle(bundle.starts[j:j + 1], bundle.ends[j:j + 1], style="plain", plain_width=2.0)
        own.set_stroke(YELLOW)
        self.play(bundle.animate.set_stroke(opacity=0.2), Create(own),
                  first.neuron(1, self.NEURON).animate.set_stroke(YELLOW, width=4), run_time=1)

    def template(self, formula: MathTex) -> None:
        size = 2.5
        detector = ch1.bar_detector()
        heat = WeightHeatMap(detector.weights, positive=GREEN, negative=RED, size=size)
        digit = DigitImage(detector.seven, size=size)
        response = detector.response
        products = WeightHeatMap(response.products, positive=GREEN, negative=RED, size=size)
        row = VGroup(heat, MathTex(r"\times"), digit, MathTex("="), products).arrange(RIGHT, buff=0.25)
        row.next_to(formula, DOWN, buff=0.7).to_edge(RIGHT, buff=0.4)
        labels = VGroup(Tex("weights", font_size=26), Tex("a real seven", font_size=26),
                        Tex("weight times pixel", font_size=26))
        for l, m in zip(labels, (heat, digit, products)):
            l.next_to(m, DOWN, buff=SMALL_BUFF)
        caption(self, f"Draw the {detector.weights.size} weights as a {IMAGE_SIDE} by {IMAGE_SIDE} grid: green "
                      "positive, red negative. These are set by hand: a green bar with red just above and below.",
                FadeIn(heat), FadeIn(labels[0]))
        caption(self, "Multiply pixel by weight: bright pixels on the bar add, bright pixels right "
                      "above or below it subtract. Only a bar-shaped edge scores high.",
                FadeIn(row[1:]), FadeIn(labels[1:]), run_time=1.5)
        total = MathTex(r"\sum_k w_k a_k =", font_size=40)
        value = DecimalNumber(response.weighted_sum, num_decimal_places=2, font_size=40)
        result = VGroup(total, value).arrange(RIGHT).next_to(labels, DOWN, buff=0.5)
        self.shown["weighted_sum"] = value
        caption(self, f"For this seven the weighted sum is {format_number(response.weighted_sum, 2)}.",
                Write(result))


class SquishWithSigmoid(Scene):
    """6.2 The sum can be any number; sigma squashes it into [0, 1]; a bias of -10 sets the bar."""

    def construct(self) -> None:
        response = ch1.bar_detector().biased
        self.shown = Shown(response=response)
        reach = max(10, 5 * int(np.ceil((abs(response.weighted_sum) + 1) / 5)))
        axes = Axes(x_range=[-reach, reach, reach // 5], y_range=[0, 1.05, 0.5], x_length=11, y_length=3.2,
                    axis_config={"include_numbers": True, "font_size": 24}).shift(DOWN * 0.8)
        xs = np.linspace(-reach, reach, 241)
        curve = axes.plot_line_graph(xs, sigmoid(xs), add_vertex_dots=False, line_color=YELLOW,
                                     stroke_width=4)
        formula = MathTex(r"\sigma(x) = \frac{1}{1 + e^{-x}}", font_size=44).to_edge(UP, buff=0.5)
        formula[0][0].set_color(YELLOW)
        caption(self, "A weighted sum can be any number, but an activation should lie between 0 and 1.",
                Create(axes))
        caption(self, "The sigmoid squashes the number line into that range: very negative gives about "
                      "0, very positive about 1.", Create(curve), Write(formula), run_time=2)
        self.mark(axes, response.weighted_sum, f"sum {format_number(response.weighted_sum, 1)}", GREY_B, UP)
        self.bias_beat(axes, response)

    def mark(self, axes: Axes, x: float, text: str, color: ManimColor, side: NDArray[np.float64]) -> VGroup:
        dot = axes.coords_to_point(x, float(sigmoid(np.array(x))))
        mark = VGroup(Circle(radius=0.08, color=color, fill_opacity=1).move_to(dot),
                      Tex(text, font_size=28, color=color).next_to(dot, side, buff=0.25))
        self.play(FadeIn(mark))
        return mark

    def bias_beat(self, axes: Axes, r: NeuronResponse) -> None:
        bias = MathTex(r"\sigma(w_1 a_1 + \cdots + w_n a_n", format_number(ch1.BAR_BIAS, 0, sign=True), ")",
                       font_size=40)
        bias[1].set_color(BLUE)
        bias.to_edge(UP, buff=0.5).shift(DOWN * 1.0)
        caption(self, "To fire only when the sum is clearly large, add a negative number first: the bias. "
                      f"Here, {format_number(ch1.BAR_BIAS, 0)}.", Write(bias))
        self.mark(axes, r.z, f"with bias: {format_number(r.z, 1)}", BLUE, DOWN + RIGHT)
        caption(self, f"So the activation is sigma of {format_number(r.z, 2)}, which is "
                      f"{format_number(r.activation, 3)}: weights say which pattern, the bias says how strong "
                      "it must be.")


# =========================================================================== 7. Counting weights and biases
class CountingParameters(Scene):
    """7 Every neuron gets weights and a bias: the tally comes from ``net.sizes``."""

    def construct(self) -> None:
        net = data.network()
        tally = parameter_tally(net.sizes)
        self.shown = Shown(tally=tally)
        diagram = mnist_diagram(height=5.4, edge_keep=EDGE_KEEP).to_edge(LEFT, buff=0.5)
        caption(self, "That was one neuron. Every neuron of the hidden and output layers has its own "
                      "weights and its own bias.", diagram.fade_in())
        n = net.sizes
        lines = VGroup(
            MathTex(rf"{n[0]} \times {n[1]}", r"\text{ weights}", font_size=40),
            MathTex(rf"{n[1]}", r"\text{ biases}", font_size=40),
            MathTex(rf"+\, {n[1]} \times {n[2]} + {n[2]} \times {n[3]}", r"\text{ weights}", font_size=40),
            MathTex(rf"+\, {n[2]} + {n[3]}", r"\text{ biases}", font_size=40),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.35).to_edge(RIGHT, buff=1.0).shift(UP * 0.8)
        caption(self, f"The first hidden layer: {n[0]} weights for each of its {n[1]} neurons, "
                      f"and {n[1]} biases.", Write(lines[0]), Write(lines[1]))
        caption(self, "Then the same for the second hidden layer and the output layer.",
                Write(lines[2]), Write(lines[3]))
        total = MathTex(rf"{tex_count(tally.total_weights)} + {tally.total_biases} =\;", tex_count(tally.total),
                        font_size=44)
        total.next_to(lines, DOWN, buff=0.6)
        box = SurroundingRectangle(total[1], color=YELLOW)
        self.shown["total"] = total[1]
        caption(self, f"In all {format_count(tally.total_weights)} weights and {tally.total_biases} biases: "
                      f"{format_count(tally.total)} knobs that decide what the network does.",
                Write(total), Create(box))


# =========================================================================== 8. How learning relates
class LearningMeansFindingWeights(Scene):
    """8.1 Learning = finding weights: edges move from a random start to the trained values."""

    STEPS = 6

    def construct(self) -> None:
        trained = data.network()
        start = data.seeded_network(tuple(trained.sizes), ch1.SHIMMER_SEED)
        diagram = NetworkDiagram.from_network(start, edge_keep=EDGE_KEEP).scale_to_fit_height(5.6)
        diagram.to_edge(DOWN, buff=0.4)
        self.shown = Shown(diagram=diagram)
        title = MathTex(r"\text{Learning} \rightarrow \text{Finding the right weights and biases}",
                        font_size=40).to_edge(UP, buff=0.4)
        caption(self, "Learning means finding good values for all those weights and biases.",
                Write(title), diagram.fade_in())
        steps = []
        for t in np.linspace(0, 1, self.STEPS + 1)[1:]:
            net_t = interpolate_networks(start, trained, float(t))
            steps.append(AnimationGroup(*[diagram.restyle_edges(i, net_t.weights[i], run_time=0.7)
                                          for i in range(len(diagram.edges))]))
        caption(self, "Here the links slide from random starting values to the trained network's: "
                      "training finds these by itself, from examples.", Succession(*steps))
        caption(self, "Knowing what the weights do means we need not treat the network as a black box.")


class WhenTheNetworkFails(Scene):
    """8.2 The first test digit from #20 on that the trained network gets wrong."""

    def construct(self) -> None:
        mistake = ch1.first_mistake()
        self.shown = Shown(mistake=mistake)
        trace = data.trace("test", mistake.index)
        digit = digit_of("test", mistake.index, size=3).to_edge(LEFT, buff=1)
        diagram = mnist_diagram(height=5.8).to_edge(RIGHT, buff=1.0)
        caption(self, f"It is not perfect. Test digit number {mistake.index}, a {mistake.truth}:",
                FadeIn(digit), diagram.fade_in())
        caption(self, "the activations flow through...", diagram.forward_pass(trace, layer_time=0.5))
        wrong = Tex("Wrong!", font_size=TITLE_FONT_SIZE, color=RED).next_to(digit, DOWN, buff=0.5)
        caption(self, f"...and the brightest output is {mistake.prediction}. When it fails, knowing the "
                      "weights helps us ask why.", diagram.highlight_output(mistake.prediction, color=RED),
                Write(wrong))
