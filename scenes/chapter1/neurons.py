"""Chapter 1, segments 3-4 ("What are neurons?", "Introducing layers"): pixels become neurons, layers fill up."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Brace, Circle, Create, DecimalNumber, FadeIn, FadeOut, GrowFromCenter,
                   Line, MathTex, Scene, SurroundingRectangle, Tex, VGroup, VMobject, Write)
from numpy.typing import NDArray

from nnmath import Trace, feedforward
from nnmath.mnist import IMAGE_SIDE
from scenes.chapter1.mobjects import mnist_diagram, neuron_holders, pixel_square
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.digit import DigitImage, PixelGrid
from scenes.common.formatting import format_number, tex_count
from scenes.common.layout import BODY_FONT_SIZE, SAFE_MARGIN, SMALL_BUFF
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import WHITE, YELLOW
from scenes.common.shown import Shown

__all__ = ["NeuronHoldsANumber", "PixelsBecomeTheInputLayer", "LayersOfTheNetwork"]


# =========================================================================== 3. What are neurons?
class NeuronHoldsANumber(Scene):
    """3.1 'Neuron -> thing that holds a number'; the nine's 784 pixels become 784 neurons."""

    def construct(self) -> None:
        self.shown = Shown()
        title = MathTex(r"\text{Neuron} \rightarrow \text{Thing that holds a number}", font_size=44)
        title.to_edge(UP, buff=SAFE_MARGIN + 0.1)
        nine = data.image_map()[9][0]
        hidden = feedforward(data.network(), nine).activations[1][:3]
        examples = neuron_holders(hidden)
        caption(self, "For now a neuron is just a thing that holds a number between 0 and 1. These are "
                      "three neurons of our network while it reads a nine.", Write(title), FadeIn(examples))
        self.play(FadeOut(examples), FadeOut(title))
        self.pixels_to_neurons(nine)

    def pixels_to_neurons(self, nine: NDArray[np.float64]) -> None:
        grid = PixelGrid(nine, size=5.6).shift(LEFT * 2.5)
        caption(self, "The first layer has one neuron per pixel of the image.", FadeIn(grid))
        step, radius, middle = 0.24, 0.095, (IMAGE_SIDE - 1) / 2
        rows, cols = np.divmod(np.arange(nine.size), IMAGE_SIDE)
        centers = np.stack([(cols - middle) * step, (middle - rows) * step, np.zeros(nine.size)], axis=1)
        centers += np.array([-2.5, 0.0, 0.0])
        count = MathTex(rf"{IMAGE_SIDE} \times {IMAGE_SIDE} = " + tex_count(nine.size),
                        font_size=44).to_edge(RIGHT, buff=1.0)
        caption(self, f"So the nine becomes {nine.size} neurons, each holding its pixel's brightness.",
                grid.to_neurons(centers, radius), Write(count), run_time=2)
        self.zoom_on_one(centers, nine)

    def zoom_on_one(self, centers: NDArray[np.float64], nine: NDArray[np.float64]) -> None:
        k = int(np.argmax(nine))  # the brightest pixel (first one if tied)
        value = float(nine[k])
        big = Circle(radius=0.7, stroke_color=WHITE, fill_color=WHITE, fill_opacity=value)
        big.move_to(RIGHT * 4 + DOWN * 1.2)
        number = DecimalNumber(value, num_decimal_places=2, font_size=40, color="#000000").move_to(big)
        link = Line(centers[k], big.get_left(), color=YELLOW, stroke_width=2)
        label = Tex("Activation", font_size=BODY_FONT_SIZE, color=YELLOW).next_to(big, DOWN)
        self.shown["activation"] = number
        caption(self, f"Its number is called its activation: this one, pixel {k}, holds "
                      f"{format_number(value, 2)}. Brighter neurons hold bigger numbers.",
                Create(link), FadeIn(big), FadeIn(number), Write(label))


# =========================================================================== 4. Introducing layers
class PixelsBecomeTheInputLayer(Scene):
    """4.1 The nine's pixels fold into the input layer: 16 drawn neurons stand for 784."""

    def construct(self) -> None:
        nine = data.image_map()[9][0]
        diagram = mnist_diagram()
        self.shown = Shown(diagram=diagram)
        layer = diagram.layers[0]
        grid = PixelGrid(nine, size=5.6).shift(LEFT * 3)
        shown = diagram.shown[0]
        marks = VGroup(*[SurroundingRectangle(VGroup(), color=YELLOW) for _ in shown])
        for mark, k in zip(marks, shown):
            corners = pixel_square(grid.pixel_center(*divmod(int(k), IMAGE_SIDE)), grid.cell)
            mark.become(VMobject().set_points_as_corners(corners).set_stroke(YELLOW, 2))
        self.add(grid)
        n, k = diagram.sizes[0], len(shown)
        caption(self, f"{n} neurons are too many to draw. The diagrams show {k} of them: the {k} pixels "
                      "whose links into the network carry the largest weights (yellow).",
                Create(marks), run_time=1.5)
        diagram.set_activations(feedforward(data.network(), nine), layers=[0])
        layer.shift(RIGHT * 3 - layer.neurons.get_center())
        targets = np.repeat(layer.dots.get_center()[None, :], n, axis=0)
        radii = np.zeros(n)
        for circle, pixel in zip(layer.neurons, shown):
            targets[pixel] = circle.get_center()
            radii[pixel] = circle.width / 2
        caption(self, f"Those {k} move into a column; the other {n - k} shrink into the dots. The brace "
                      "keeps count.", grid.to_neurons(targets, radii), FadeOut(marks), run_time=2)
        self.play(FadeIn(layer), FadeOut(grid), run_time=0.8)
        caption(self, "This column is the input layer: one neuron per pixel, holding that pixel's value.")


class LayersOfTheNetwork(Scene):
    """4.2 Layers 16, 16, 10 and their edges; hidden layers '?'; the nine propagates for real."""

    def construct(self) -> None:
        diagram = mnist_diagram()
        diagram.shift(RIGHT * 1.5)
        nine = data.image_map()[9][0]
        trace = feedforward(data.network(), nine)
        self.shown = Shown(diagram=diagram, trace=trace)
        diagram.add_to(self)
        for part in (*diagram.edges, *diagram.layers[1:], diagram.output_labels):
            self.remove(part)
        caption(self, f"The last layer has {diagram.sizes[-1]} neurons, one per digit. How bright each one "
                      "is says how "
                      "much the network thinks the image is that digit.",
                FadeIn(diagram.layers[-1]), FadeIn(diagram.output_labels))
        self.hidden_layers(diagram)
        digit = DigitImage(nine, size=2.4).to_edge(LEFT, buff=0.5)
        caption(self, "Feed in the nine: the input layer takes its pixel values...", FadeIn(digit),
                diagram.fill_layer(0, trace))
        caption(self, "...and each layer's activations set the next layer's.",
                diagram.forward_pass(trace, layer_time=0.7))
        self.read_output(diagram, trace)

    def hidden_layers(self, diagram: NetworkDiagram) -> None:
        hidden_layers = diagram.layers[1:-1]
        brace = Brace(VGroup(*hidden_layers), UP, buff=SMALL_BUFF)
        label = Tex("Hidden layers", font_size=BODY_FONT_SIZE).next_to(brace, UP, buff=SMALL_BUFF)
        marks = VGroup(*[MathTex("?", font_size=32, color=YELLOW).move_to(c)
                         for l in range(1, len(diagram.sizes) - 1) for c in diagram.neurons(l)])
        hidden = diagram.sizes[1:-1]
        caption(self, f"In between: {len(hidden)} hidden layers of {hidden[0]} neurons each. Why "
                      f"{len(hidden)}, why {hidden[0]}? A choice; we come back to what they might do.",
                *[FadeIn(layer) for layer in hidden_layers], GrowFromCenter(brace),
                Write(label), FadeIn(marks))
        caption(self, "Every neuron is linked to every neuron of the layer before. Blue links have "
                      "positive weights, red negative; thicker means larger.",
                *[Create(b) for b in diagram.edges], FadeOut(marks), run_time=2)
        self.play(FadeOut(brace), FadeOut(label))

    def read_output(self, diagram: NetworkDiagram, trace: Trace) -> None:
        values = VGroup()
        for n, label in zip(diagram.layers[-1].shown, diagram.output_labels):
            number = DecimalNumber(float(trace.output[n]), num_decimal_places=2, font_size=22)
            values.add(number.next_to(label, RIGHT, buff=0.4))
        prediction = int(trace.prediction)
        self.shown["outputs"] = values
        best = float(trace.output[prediction])
        caption(self, f"The brightest output neuron is {prediction}, at {format_number(best, 2)}: that is "
                      "the network's answer.", FadeIn(values), diagram.highlight_output(prediction))
