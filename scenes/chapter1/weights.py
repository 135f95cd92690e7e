"""Chapter 1, segments 6-8 ("Edge detection example", "Counting weights and biases", "How learning relates")."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, AnimationGroup, Axes, Circle, Create, FadeIn, FadeOut, FadeTransform,
                   Indicate, Line, MathTex, Scene, Succession, SurroundingRectangle, Tex, UpdateFromAlphaFunc, VGroup, Write)

from nnmath import sigmoid
from nnmath.mnist import IMAGE_SIDE
from scenes.chapter1 import data as ch1
from scenes.chapter1.measures import interpolate_networks, parameter_tally
from scenes.chapter1.mobjects import CONTENT_Y, EDGE_KEEP, digit_of, mnist_diagram
from scenes.chapter1.pacing import paced, share_of
from scenes.chapter1.script import weights as say
from scenes.common import data
from scenes.common.captions import narrated
from scenes.common.digit import DigitImage, WeightHeatMap
from scenes.common.edges import EdgeBundle
from scenes.common.formatting import tex_count
from scenes.common.layout import SMALL_BUFF, TITLE_FONT_SIZE
from scenes.common.measures import shown_input_pixels
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num, ValuedTex

__all__ = ["EdgeDetectorWeights", "SquishWithSigmoid", "CountingParameters", "LearningMeansFindingWeights",
           "WhenTheNetworkFails"]


# =========================================================================== 6. Edge detection example
class EdgeDetectorWeights(Scene):
    """6.1 A neuron's weights pick a pattern: a green bar with red above and below, over a real 7, then a 3."""

    NEURON = 7

    def construct(self) -> None:
        self.shown = Shown(detector=ch1.bar_detector())
        net = data.network()
        shown = [shown_input_pixels(net), np.arange(net.sizes[1])]
        first = NetworkDiagram([net.sizes[0], net.sizes[1]], shown=shown, output_labels=False, layer_gap=2.0)
        first.scale_to_fit_height(5.6).set_y(CONTENT_Y)  # centred; moves left when the formula comes
        line = say.one_neuron(net.sizes[0])
        with narrated(self, line):
            self.play(first.fade_in(), run_time=share_of(line, 0.4))
            own = self.single_out(first, share_of(line, 0.5))
        formula = MathTex("w_1", "a_1", "+", "w_2", "a_2", "+", r"\cdots", "+", "w_n", "a_n", font_size=40)
        for i in (0, 3, 8):
            formula[i].set_color(GREEN)
        formula.to_edge(UP, buff=0.5).shift(RIGHT * 2.2)
        paced(self, say.weighted_sum(), VGroup(first, own).animate.to_edge(LEFT, buff=0.5), Write(formula), share=0.8)
        self.template(formula)

    def single_out(self, first: NetworkDiagram, run_time: float) -> EdgeBundle:
        """Dim the bundle and draw neuron ``NEURON``'s incoming links in yellow; returns them."""
        bundle = first.edges[0]
        bundle.sync_ends()
        j = first.layers[1].index_of(self.NEURON)
        own = EdgeBundle(bundle.starts[j:j + 1], bundle.ends[j:j + 1], style="plain", plain_width=2.0)
        own.set_stroke(YELLOW)
        self.play(bundle.animate.set_stroke(opacity=0.2), Create(own),
                  first.neuron(1, self.NEURON).animate.set_stroke(YELLOW, width=4), run_time=run_time)
        return own

    def template(self, formula: MathTex) -> None:
        size = 2.4
        detector = ch1.bar_detector()
        heat = WeightHeatMap(detector.weights, positive=GREEN, negative=RED, size=size)
        digit = DigitImage(detector.seven, size=size)
        products = WeightHeatMap(detector.response.products, positive=GREEN, negative=RED, size=size)
        row = VGroup(heat, MathTex(r"\times"), digit, MathTex("="), products).arrange(RIGHT, buff=0.25)
        row.next_to(formula, DOWN, buff=0.6).to_edge(RIGHT, buff=0.4)
        labels = VGroup(Tex("weights (set by hand)", font_size=26), Tex("a real seven", font_size=26),
                        Tex("weight times pixel", font_size=26))
        for l, m in zip(labels, (heat, digit, products)):
            l.next_to(m, DOWN, buff=SMALL_BUFF)
        paced(self, say.template(IMAGE_SIDE), FadeIn(heat, scale=0.5), FadeIn(labels[0]), share=0.6)
        line = say.multiply()
        with narrated(self, line):
            self.play(FadeIn(row[1:3]), FadeIn(labels[1]), run_time=share_of(line, 0.35))
            self.play(FadeIn(row[3]), FadeTransform(digit.copy(), products), FadeIn(labels[2]),
                      run_time=share_of(line, 0.5))
        result = ValuedTex(r"\sum_k w_k a_k =", Num(detector.response.weighted_sum, 2), font_size=40)
        result.next_to(labels, DOWN, buff=0.45)
        self.shown["weighted_sum"] = result
        paced(self, say.seven_sum(detector.response.weighted_sum), Write(result), share=0.6)
        self.rival(row, labels, result)

    def rival(self, row: VGroup, labels: VGroup, result: ValuedTex) -> None:
        """The three swaps in for the seven: fewer bright pixels on the bar, a smaller sum."""
        detector = ch1.bar_detector()
        three = DigitImage(detector.rival, size=row[2].width).move_to(row[2])
        products = WeightHeatMap(detector.rival_response.products, positive=GREEN, negative=RED,
                                 size=row[4].width).move_to(row[4])
        label = Tex("a real three", font_size=26).move_to(labels[1])
        total = ValuedTex(r"\sum_k w_k a_k =", Num(detector.rival_response.weighted_sum, 2), font_size=40)
        total.move_to(result, aligned_edge=LEFT)
        self.shown["rival_sum"] = total
        line = say.rival_sum(detector.rival_response.weighted_sum, detector.response.weighted_sum)
        with narrated(self, line):
            self.play(FadeTransform(row[2], three), FadeTransform(labels[1], label), run_time=share_of(line, 0.3))
            self.play(FadeTransform(row[4], products), run_time=share_of(line, 0.3))
            self.play(FadeTransform(result, total), run_time=share_of(line, 0.3))


class SquishWithSigmoid(Scene):
    """6.2 The sum can be any number; sigma squishes the line into [0, 1]; a bias of -10 tells the 7 from the 3."""

    SAMPLES = 21

    def construct(self) -> None:
        detector = ch1.bar_detector()
        self.shown = Shown(response=detector.biased, rival=detector.rival_biased)
        seven = detector.response.weighted_sum
        reach = max(10, 5 * int(np.ceil((abs(seven) + 1) / 5)))
        axes = Axes(x_range=[-reach, reach, reach // 5], y_range=[0, 1.1, 0.5], x_length=11.5, y_length=3.2,
                    axis_config={"include_numbers": True, "font_size": 24}).set_y(-0.55)
        self.axes = axes
        xs = np.linspace(-reach, reach, self.SAMPLES)
        dots = VGroup(*[Circle(radius=0.07, color=BLUE, fill_opacity=1).move_to(axes.c2p(x, 0)) for x in xs])
        dots.set_z_index(2)
        unit = Line(axes.c2p(0, 0), axes.c2p(0, 1), color=YELLOW, stroke_width=6)
        line = say.any_number(seven)
        with narrated(self, line):
            self.play(Create(axes), run_time=share_of(line, 0.3))
            self.play(FadeIn(dots, lag_ratio=0.1), run_time=share_of(line, 0.3))
            self.play(Create(unit), run_time=share_of(line, 0.25))
        curve = axes.plot(lambda x: float(sigmoid(np.array(x))), x_range=[-reach, reach], color=YELLOW,
                          stroke_width=4)
        formula = MathTex(r"\sigma(x) = \frac{1}{1 + e^{-x}}", font_size=44).to_edge(UP, buff=0.4).shift(LEFT * 3)
        formula[0][0].set_color(YELLOW)
        on_curve = [d.animate.move_to(axes.c2p(x, float(sigmoid(np.array(x))))) for d, x in zip(dots, xs)]
        paced(self, say.squish(), Create(curve), Write(formula), *on_curve, share=0.85)
        onto = [d.animate.move_to(axes.c2p(0, float(sigmoid(np.array(x))))) for d, x in zip(dots, xs)]
        paced(self, say.onto_range(), *onto, unit.animate.set_stroke(width=4, opacity=0.6), share=0.7)
        self.bias_beat(formula, dots, unit)

    def marker(self, x: float, pixels: np.ndarray, side: np.ndarray) -> VGroup:
        """A dot on the curve at ``x`` with the digit it stands for beside it."""
        dot = Circle(radius=0.1, color=GREEN, fill_opacity=1).move_to(self.axes.c2p(x, float(sigmoid(np.array(x)))))
        thumb = DigitImage(pixels, size=0.7).next_to(dot, side, buff=0.15)
        return VGroup(dot, thumb)

    def slide(self, marker: VGroup, start: float, shift: float, side: np.ndarray) -> UpdateFromAlphaFunc:
        """Move ``marker`` along the curve from ``start`` to ``start + shift``."""

        def update(mob: VGroup, alpha: float) -> None:
            x = start + alpha * shift
            mob[0].move_to(self.axes.c2p(x, float(sigmoid(np.array(x)))))
            mob[1].next_to(mob[0], side, buff=0.15)

        return UpdateFromAlphaFunc(marker, update)

    def bias_beat(self, formula: MathTex, dots: VGroup, unit: Line) -> None:
        d = ch1.bar_detector()
        seven = self.marker(d.response.weighted_sum, d.seven, UP)
        three = self.marker(d.rival_response.weighted_sum, d.rival, UP)
        paced(self, say.no_bias(d.response.weighted_sum, d.rival_response.weighted_sum), FadeOut(dots),
              FadeOut(unit), FadeIn(seven, scale=0.5), FadeIn(three, scale=0.5), share=0.8)
        bias = ValuedTex(r"\sigma(w_1 a_1 + \cdots + w_n a_n", Num(ch1.BAR_BIAS, 0, color=BLUE), ")",
                         font_size=40)
        bias.to_edge(UP, buff=0.45).to_edge(RIGHT, buff=0.6)
        self.shown["bias"] = bias
        line = say.bias(ch1.BAR_BIAS)
        with narrated(self, line):
            self.play(Write(bias), run_time=share_of(line, 0.35))
            self.play(self.slide(seven, d.response.weighted_sum, ch1.BAR_BIAS, UP),
                      self.slide(three, d.rival_response.weighted_sum, ch1.BAR_BIAS, UP), run_time=share_of(line, 0.5))
        values = VGroup(ValuedTex(r"\sigma(", Num(d.biased.z, 2), ") =", Num(d.biased.activation, 3), font_size=34),
                        ValuedTex(r"\sigma(", Num(d.rival_biased.z, 2), ") =", Num(d.rival_biased.activation, 2),
                                  font_size=34))
        values[0].next_to(seven[1], RIGHT, buff=0.3)  # beside the thumbnails, clear of the curve and the y-axis
        values[1].next_to(three[1], LEFT, buff=0.3)
        self.shown["results"] = values
        line = say.bias_result(d.biased.z, d.biased.activation, d.rival_biased.activation)
        with narrated(self, line):
            self.play(FadeIn(values[0], shift=RIGHT * 0.3), Indicate(seven[1], color=GREEN),
                      run_time=share_of(line, 0.35))
            self.play(FadeIn(values[1], shift=LEFT * 0.3), Indicate(three[1], color=RED),
                      run_time=share_of(line, 0.35))
            self.play(Indicate(self.shown["bias"], color=BLUE, scale_factor=1.05),
                      run_time=share_of(line, 0.2))


# =========================================================================== 7. Counting weights and biases
class CountingParameters(Scene):
    """7 Every neuron gets weights and a bias: the tally comes from ``net.sizes``."""

    def construct(self) -> None:
        net = data.network()
        tally = parameter_tally(net.sizes)
        self.shown = Shown(tally=tally)
        diagram = mnist_diagram(height=5.6, edge_keep=EDGE_KEEP)  # centred; moves left for the tally
        line = say.every_neuron()
        with narrated(self, line):
            self.play(diagram.fade_in(), run_time=share_of(line, 0.45))
            self.play(diagram.animate.to_edge(LEFT, buff=0.5), run_time=share_of(line, 0.4))
        n = net.sizes
        lines = VGroup(
            MathTex(rf"{n[0]} \times {n[1]}", r"\text{ weights}", font_size=40),
            MathTex(rf"{n[1]}", r"\text{ biases}", font_size=40),
            MathTex(rf"+\, {n[1]} \times {n[2]} + {n[2]} \times {n[3]}", r"\text{ weights}", font_size=40),
            MathTex(rf"+\, {n[2]} + {n[3]}", r"\text{ biases}", font_size=40),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.35).to_edge(RIGHT, buff=1.0).set_y(CONTENT_Y + 1.0)
        bundles = diagram.edges
        paced(self, say.first_layer(n[0], n[1]), Write(lines[0]), Write(lines[1]),
              bundles[0].animate.set_stroke(YELLOW), share=0.7)
        line = say.other_layers(n)
        with narrated(self, line):
            self.play(bundles[0].animate.set_stroke(GREY_B, opacity=0.4), bundles[1].animate.set_stroke(YELLOW),
                      Write(lines[2]), run_time=share_of(line, 0.4))
            self.play(bundles[1].animate.set_stroke(GREY_B, opacity=0.4), bundles[2].animate.set_stroke(YELLOW),
                      Write(lines[3]), run_time=share_of(line, 0.4))
        total = MathTex(rf"{tex_count(tally.total_weights)} + {tally.total_biases} =\;", tex_count(tally.total),
                        font_size=44)
        total.next_to(lines, DOWN, buff=0.6)
        box = SurroundingRectangle(total[1], color=YELLOW)
        self.shown["total"] = total[1]
        paced(self, say.total(tally.total_weights, tally.total_biases, tally.total), Write(total), Create(box),
              *[b.animate.set_stroke(YELLOW, opacity=1) for b in bundles], share=0.7)


# =========================================================================== 8. How learning relates
class LearningMeansFindingWeights(Scene):
    """8.1 Learning = finding weights: edges move from a seeded random start to the trained values."""

    STEPS = 6

    def construct(self) -> None:
        trained = data.network()
        start = data.seeded_network(tuple(trained.sizes), ch1.SHIMMER_SEED)
        diagram = NetworkDiagram.from_network(start, edge_keep=EDGE_KEEP, layer_gap=2.6).scale_to_fit_height(5.4)
        diagram.set_y(CONTENT_Y - 0.45)
        self.shown = Shown(diagram=diagram)
        title = MathTex(r"\text{Learning} \rightarrow \text{Finding the right weights and biases}",
                        font_size=40).to_edge(UP, buff=0.4)
        paced(self, say.learning_means(), Write(title), diagram.fade_in(), share=0.8)
        line = say.slide_to_trained()
        steps = []
        for t in np.linspace(0, 1, self.STEPS + 1)[1:]:
            net_t = interpolate_networks(start, trained, float(t))
            steps.append(AnimationGroup(*[diagram.restyle_edges(i, net_t.weights[i],
                                                                run_time=share_of(line, 0.9, self.STEPS))
                                          for i in range(len(diagram.edges))]))
        paced(self, line, Succession(*steps), share=0.9)
        paced(self, say.black_box(), *[diagram.fill_layer(l, data.trace("test", 0))
                                       for l in range(len(diagram.sizes))], share=0.6)


class WhenTheNetworkFails(Scene):
    """8.2 The first test digit from #20 on that the trained network gets wrong."""

    def construct(self) -> None:
        mistake = ch1.first_mistake()
        self.shown = Shown(mistake=mistake)
        trace = data.trace("test", mistake.index)
        digit = digit_of("test", mistake.index, size=3).to_edge(LEFT, buff=1.8).set_y(CONTENT_Y + 0.4)
        diagram = mnist_diagram().to_edge(RIGHT, buff=1.0)
        paced(self, say.not_perfect(mistake.index, mistake.truth), FadeIn(digit, shift=RIGHT), diagram.fade_in(),
              share=0.7)
        line = say.flows()
        paced(self, line, diagram.forward_pass(trace, layer_time=share_of(line, 0.9, 2 * len(diagram.edges) + 1)),
              share=1.0)
        wrong = Tex("Wrong!", font_size=TITLE_FONT_SIZE, color=RED).next_to(digit, DOWN, buff=0.4)
        line = say.wrong(mistake.prediction)
        with narrated(self, line):
            self.play(diagram.highlight_output(mistake.prediction, color=RED), Write(wrong),
                      run_time=share_of(line, 0.4))
            self.play(Indicate(digit, color=RED, scale_factor=1.05), run_time=share_of(line, 0.45))
