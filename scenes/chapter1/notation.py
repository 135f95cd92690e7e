"""Chapter 1, segment 9 ("Notation and linear algebra"): one layer as sigma(W a + b), and nnmath's loop."""
from __future__ import annotations

import inspect

from manim import (DOWN, LEFT, RIGHT, UL, UP, Code, Create, FadeIn, FadeOut, Indicate, MathTex, Scene,
                   SurroundingRectangle, Tex, VGroup, Write)

import nnmath.network
from nnmath import Network, Trace, feedforward
from scenes.chapter1 import data as ch1
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.layout import SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.numbers import DecimalColumn, DecimalGrid
from scenes.common.palette import BLUE, GREEN, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import fit_in_frame

__all__ = ["WeightedSumAsMatrix", "ForwardPassCode"]

#: Font size of the matrix and columns of the matrix form.
ENTRY_FONT_SIZE = 30


class WeightedSumAsMatrix(Scene):
    """9.1 A seeded 8 -> 6 layer: one neuron's formula, then the whole layer as sigma(W a + b)."""

    def construct(self) -> None:
        net = data.seeded_network((8, 6), ch1.MATRIX_SEED)
        trace = feedforward(net, data.seeded_input(net.sizes[0], ch1.MATRIX_SEED))
        self.shown = Shown(trace=trace)
        diagram = NetworkDiagram.from_network(net, mnist_style=False, output_labels=False,
                                              layer_gap=2.2, edge_exponent=1.0)
        diagram.set_activations(trace).to_edge(LEFT, buff=0.8).shift(DOWN * 0.4)
        last = net.sizes[0] - 1
        formula = MathTex(r"a^{(1)}_0", "=", r"\sigma", r"\big(", r"w_{0,0}", r"a^{(0)}_0", "+",
                          r"w_{0,1}", r"a^{(0)}_1", "+", r"\cdots", "+", rf"w_{{0,{last}}}",
                          rf"a^{{(0)}}_{{{last}}}", "+",
                          "b_0", r"\big)", font_size=38)
        for i in (4, 7, 12):
            formula[i].set_color(GREEN)
        formula[2].set_color(YELLOW)
        formula[15].set_color(BLUE)
        formula.to_edge(UP, buff=0.4)
        n_in, n_out = net.sizes
        caption(self, f"A compact way to write all this. Take a small layer: {n_in} neurons feeding "
                      f"{n_out}, with seeded random weights.", diagram.fade_in())
        top = diagram.neuron(1, 0)
        caption(self, "The first neuron of the new layer is sigma of its weighted sum plus its bias.",
                Write(formula), Indicate(top, color=YELLOW))
        self.play(FadeOut(formula))
        self.matrix_form(diagram, net, trace)

    def matrix_form(self, diagram: NetworkDiagram, net: Network, trace: Trace) -> None:
        w, b = net.weights[0], net.biases[0]
        self.play(diagram.animate.scale(0.55).to_corner(UL, buff=0.3))
        weights = DecimalGrid(w, num_decimal_places=1, color_by_sign=True, font_size=ENTRY_FONT_SIZE)
        inputs = DecimalColumn(trace.activations[0], num_decimal_places=2, font_size=ENTRY_FONT_SIZE)
        biases = DecimalColumn(b, num_decimal_places=1, color_by_sign=True, font_size=ENTRY_FONT_SIZE)
        self.shown.update(weights=weights, inputs=inputs, biases=biases)
        product = VGroup(MathTex(r"\sigma\Big(", font_size=48, color=YELLOW), weights, inputs,
                         MathTex("+", font_size=40), biases, MathTex(r"\Big)", font_size=48, color=YELLOW))
        product.arrange(RIGHT, buff=0.15).to_edge(UP, buff=0.3).to_edge(RIGHT, buff=0.4)
        fit_in_frame(product)
        n_out, n_in = w.shape
        caption(self, f"Stack the {n_in} input activations into a column, and each neuron's {n_in} "
                      "weights into one row of a matrix W.", FadeIn(product[1]), FadeIn(product[2]), run_time=1.5)
        row = SurroundingRectangle(weights.row(0), color=YELLOW, buff=0.05)
        caption(self, "Row 0 times the column is exactly the first neuron's weighted sum.", Create(row),
                Indicate(diagram.neuron(1, 0), color=YELLOW))
        caption(self, "Add the column of biases, then apply sigma to every entry.", FadeOut(row),
                FadeIn(product[0]), FadeIn(product[3:]))
        self.shown["activations"] = outputs = DecimalColumn(trace.activations[1], num_decimal_places=2,
                                                            font_size=ENTRY_FONT_SIZE)
        eq = VGroup(MathTex("=", font_size=40), outputs)
        eq.arrange(RIGHT, buff=0.2).next_to(product, DOWN, buff=0.4).align_to(product[1], LEFT)
        fit_in_frame(eq)
        caption(self, f"The result is the whole next layer at once: these are its {n_out} activations.",
                FadeIn(eq))
        final = MathTex(r"a^{(1)} = \sigma\left(W a^{(0)} + b\right)", font_size=48)
        final.next_to(eq, RIGHT, buff=1.0)
        fit_in_frame(final)
        caption(self, "One line for a whole layer. Code that multiplies matrices fast runs networks "
                      "fast.", Write(final))


class ForwardPassCode(Scene):
    """9.2 The forward pass as it is in nnmath: the loop that draws every activation in this video."""

    def construct(self) -> None:
        source = inspect.getsource(nnmath.network.feedforward)
        body = source[source.index("    a = as_input"):].rstrip()
        text = "\n".join(line[4:] for line in body.splitlines())
        self.shown = Shown(code=text)
        code = Code(code_string=text, language="python", add_line_numbers=False,
                    background="rectangle", paragraph_config={"font_size": 22})
        title = Tex(r"The forward pass in \texttt{nnmath}, which computed every activation shown",
                    font_size=SMALL_FONT_SIZE).to_edge(UP, buff=0.5)
        code.next_to(title, DOWN, buff=0.5)
        fit_in_frame(code)
        caption(self, "This is the code behind every activation in this video: one matrix product per "
                      "layer, plus the bias, through sigma.", Write(title), FadeIn(code))
        caption(self, "z = a @ w.T + b is W a + b, written for a batch of images at once.")
