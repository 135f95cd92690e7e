"""Chapter 1, segments 3-4 ("What are neurons?", "Introducing layers"): pixels become neurons, layers fill up."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Brace, Circle, Create, DecimalNumber, FadeIn, FadeOut, GrowFromCenter,
                   Indicate, Line, MathTex, Scene, SurroundingRectangle, Tex, VGroup, VMobject, Write)
from numpy.typing import NDArray

from nnmath import Trace, feedforward
from nnmath.mnist import IMAGE_SIDE
from scenes.chapter1.mobjects import CONTENT_Y, mnist_diagram, neuron_holders, pixel_square
from scenes.chapter1.pacing import paced, share_of
from scenes.chapter1.script import neurons as say
from scenes.common import data
from scenes.common.captions import narrated
from scenes.common.digit import DigitImage, PixelGrid
from scenes.common.formatting import tex_count
from scenes.common.layout import BODY_FONT_SIZE, SAFE_MARGIN, SMALL_BUFF
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import WHITE, YELLOW
from scenes.common.shown import Shown

__all__ = ["NeuronHoldsANumber", "PixelsBecomeTheInputLayer", "LayersOfTheNetwork", "layered_diagram"]

#: Side of the nine's pixel grid in 3.1 and 4.1.
GRID_SIZE = 5.4
#: Where segment 4's diagram sits (4.1 folds the pixels into its input layer, 4.2 builds the rest).
DIAGRAM_SHIFT = RIGHT * 1.5


def layered_diagram() -> NetworkDiagram:
    """The diagram of segment 4, placed where both of its scenes draw it."""
    return mnist_diagram().shift(DIAGRAM_SHIFT)


def fed_digit(pixels: NDArray[np.float64]) -> DigitImage:
    """The nine beside segment 4's diagram (4.1 ends with it there, 4.2 feeds it in)."""
    return DigitImage(pixels, size=2.4).to_edge(LEFT, buff=0.5).set_y(CONTENT_Y)


# =========================================================================== 3. What are neurons?
class NeuronHoldsANumber(Scene):
    """3.1 'Neuron -> thing that holds a number'; the nine's 784 pixels become 784 neurons."""

    def construct(self) -> None:
        self.shown = Shown()
        title = MathTex(r"\text{Neuron} \rightarrow \text{Thing that holds a number}", font_size=44)
        title.to_edge(UP, buff=SAFE_MARGIN + 0.1)
        nine = data.image_map()[9][0]
        hidden = feedforward(data.network(), nine).activations[1][:3]
        examples = neuron_holders(hidden).set_y(CONTENT_Y)
        self.shown["examples"] = [n for _, n in examples]
        line = say.holds_a_number(hidden)
        with narrated(self, line):
            self.play(Write(title), run_time=share_of(line, 0.3))
            self.play(FadeIn(examples, lag_ratio=0.4), run_time=share_of(line, 0.6))
        self.play(FadeOut(examples), FadeOut(title), run_time=0.6)
        self.pixels_to_neurons(nine)

    def pixels_to_neurons(self, nine: NDArray[np.float64]) -> None:
        grid = PixelGrid(nine, size=GRID_SIZE).move_to(LEFT * 2.5 + UP * CONTENT_Y)
        paced(self, say.one_per_pixel(), FadeIn(grid, scale=0.8), share=0.6)
        step, radius, middle = GRID_SIZE / IMAGE_SIDE, 0.08, (IMAGE_SIDE - 1) / 2
        rows, cols = np.divmod(np.arange(nine.size), IMAGE_SIDE)
        centers = np.stack([(cols - middle) * step, (middle - rows) * step, np.zeros(nine.size)], axis=1)
        centers += grid.get_center()
        count = MathTex(rf"{IMAGE_SIDE} \times {IMAGE_SIDE} = " + tex_count(nine.size), font_size=44)
        count.to_edge(RIGHT, buff=0.8).set_y(2.6)
        self.shown["count"] = count
        paced(self, say.nine_becomes_neurons(IMAGE_SIDE, nine.size), grid.to_neurons(centers, radius),
              Write(count))
        self.zoom_on_one(centers, nine)

    def zoom_on_one(self, centers: NDArray[np.float64], nine: NDArray[np.float64]) -> None:
        k = int(np.argmax(nine))  # the brightest pixel (first one if tied)
        value = float(nine[k])
        big = Circle(radius=0.8, stroke_color=WHITE, fill_color=WHITE, fill_opacity=value)
        big.move_to(RIGHT * 4 + UP * 0.2)
        number = DecimalNumber(value, num_decimal_places=2, font_size=40, color="#000000").move_to(big)
        link = Line(centers[k], big.get_left(), color=YELLOW, stroke_width=2)
        label = Tex("Activation", font_size=BODY_FONT_SIZE, color=YELLOW).next_to(big, DOWN)
        self.shown["activation"] = number
        line = say.activation(k, value)
        with narrated(self, line):
            self.play(Create(link), run_time=share_of(line, 0.25))
            self.play(FadeIn(big, scale=0.3), FadeIn(number), run_time=share_of(line, 0.3))
            self.play(Write(label), run_time=share_of(line, 0.3))


# =========================================================================== 4. Introducing layers
class PixelsBecomeTheInputLayer(Scene):
    """4.1 The nine's pixels fold into the input layer: 16 drawn neurons stand for 784."""

    def construct(self) -> None:
        nine = data.image_map()[9][0]
        diagram = layered_diagram()
        self.shown = Shown(diagram=diagram)
        layer = diagram.layers[0]
        grid = PixelGrid(nine, size=GRID_SIZE).to_edge(LEFT, buff=0.4).set_y(CONTENT_Y)
        shown = diagram.shown[0]
        marks = VGroup(*[SurroundingRectangle(VGroup(), color=YELLOW) for _ in shown])
        for mark, k in zip(marks, shown):
            corners = pixel_square(grid.pixel_center(*divmod(int(k), IMAGE_SIDE)), grid.cell)
            mark.become(VMobject().set_points_as_corners(corners).set_stroke(YELLOW, 2))
        self.play(FadeIn(grid), run_time=0.5)
        n, k = diagram.sizes[0], len(shown)
        paced(self, say.too_many(n, k), Create(marks, lag_ratio=0.3))
        diagram.set_activations(feedforward(data.network(), nine), layers=[0])
        targets = np.repeat(layer.dots.get_center()[None, :], n, axis=0)
        radii = np.zeros(n)
        for circle, pixel in zip(layer.neurons, shown):
            targets[pixel] = circle.get_center()
            radii[pixel] = circle.width / 2
        paced(self, say.into_column(k, n - k), grid.to_neurons(targets, radii), FadeOut(marks))
        small = fed_digit(nine)
        line = say.input_layer(n)
        with narrated(self, line):
            self.play(FadeIn(layer), FadeOut(grid), FadeIn(small, shift=RIGHT), run_time=share_of(line, 0.45))
            self.play(Indicate(layer.brace if layer.brace is not None else layer, color=YELLOW),
                      run_time=share_of(line, 0.4))


class LayersOfTheNetwork(Scene):
    """4.2 Layers 16, 16, 10 and their edges; hidden layers '?'; the nine propagates for real."""

    def construct(self) -> None:
        diagram = layered_diagram()
        nine = data.image_map()[9][0]
        trace = feedforward(data.network(), nine)
        self.shown = Shown(diagram=diagram, trace=trace)
        diagram.set_activations(trace, layers=[0])
        diagram.add_to(self)
        digit = fed_digit(nine)
        self.add(digit)
        for part in (*diagram.edges, *diagram.layers[1:], diagram.output_labels):
            self.remove(part)
        paced(self, say.output_layer(diagram.sizes[-1]), FadeIn(diagram.layers[-1], shift=LEFT * 0.5),
              FadeIn(diagram.output_labels, lag_ratio=0.2))
        self.hidden_layers(diagram)
        paced(self, say.feed_the_nine(), Indicate(digit, color=YELLOW, scale_factor=1.05),
              Indicate(diagram.layers[0], color=YELLOW, scale_factor=1.05), share=0.6)
        line = say.layer_sets_next()
        paced(self, line, diagram.forward_pass(trace, layer_time=share_of(line, 0.9, 2 * len(diagram.edges))),
              share=1.0)
        self.read_output(diagram, trace)

    def hidden_layers(self, diagram: NetworkDiagram) -> None:
        hidden_layers = diagram.layers[1:-1]
        brace = Brace(VGroup(*hidden_layers), UP, buff=SMALL_BUFF)
        label = Tex("Hidden layers", font_size=BODY_FONT_SIZE).next_to(brace, UP, buff=SMALL_BUFF)
        marks = VGroup(*[MathTex("?", font_size=32, color=YELLOW).move_to(c)
                         for l in range(1, len(diagram.sizes) - 1) for c in diagram.neurons(l)])
        line = say.hidden_layers(diagram.sizes[1:-1])
        with narrated(self, line):
            self.play(*[FadeIn(layer) for layer in hidden_layers], GrowFromCenter(brace), Write(label),
                      run_time=share_of(line, 0.4))
            self.play(FadeIn(marks, lag_ratio=0.1), run_time=share_of(line, 0.45))
        paced(self, say.links(), *[Create(b) for b in diagram.edges], FadeOut(marks), FadeOut(brace),
              FadeOut(label))

    def read_output(self, diagram: NetworkDiagram, trace: Trace) -> None:
        values = VGroup()
        for n, label in zip(diagram.layers[-1].shown, diagram.output_labels):
            number = DecimalNumber(float(trace.output[n]), num_decimal_places=2, font_size=22)
            values.add(number.next_to(label, RIGHT, buff=0.4))
        order = np.argsort(-trace.output)
        prediction, runner_up = int(order[0]), int(order[1])
        self.shown["outputs"] = values
        line = say.brightest_output(prediction, float(trace.output[prediction]), runner_up,
                                    float(trace.output[runner_up]))
        with narrated(self, line):
            self.play(FadeIn(values, lag_ratio=0.1), run_time=share_of(line, 0.4))
            self.play(diagram.highlight_output(prediction), run_time=share_of(line, 0.4))
