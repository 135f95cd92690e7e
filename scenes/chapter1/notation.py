"""Chapter 1, segment 9 ("Notation and linear algebra"): one layer as sigma(W a + b), and nnmath's loop."""
from __future__ import annotations

import inspect

from manim import (DOWN, LEFT, RIGHT, UP, Code, Create, FadeIn, FadeOut, Indicate, MathTex, Scene,
                   SurroundingRectangle, Tex, VGroup, Write)

import nnmath.network
from nnmath import Network, Trace, feedforward
from scenes.chapter1 import data as ch1
from scenes.chapter1.mobjects import CONTENT_Y
from scenes.chapter1.pacing import paced, share_of
from scenes.chapter1.script import notation as say
from scenes.common import data
from scenes.common.captions import narrated
from scenes.common.layout import CAPTION_BAND_TOP, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.numbers import DecimalColumn, DecimalGrid
from scenes.common.palette import BLUE, GREEN, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import fit_in_frame

__all__ = ["WeightedSumAsMatrix", "ForwardPassCode"]

#: Font size of the matrix and columns of the matrix form.
ENTRY_FONT_SIZE = 30
#: The matrix form fills the frame right of this x (the toy diagram stays on the left).
RIGHT_OF = -3.3


class WeightedSumAsMatrix(Scene):
    """9.1 A seeded 8 -> 6 toy layer: one neuron's formula, then the whole layer as sigma(W a + b)."""

    def construct(self) -> None:
        net = data.seeded_network((8, 6), ch1.MATRIX_SEED)
        trace = feedforward(net, data.seeded_input(net.sizes[0], ch1.MATRIX_SEED))
        self.shown = Shown(trace=trace)
        diagram = NetworkDiagram.from_network(net, mnist_style=False, output_labels=False,
                                              layer_gap=2.2, edge_exponent=1.0)
        diagram.set_activations(trace, layers=[0]).scale_to_fit_height(4.8)
        diagram.set_y(CONTENT_Y)  # centred; moves left when the formulas come
        last = net.sizes[0] - 1
        formula = MathTex(r"a^{(1)}_0", "=", r"\sigma", r"\big(", r"w_{0,0}", r"a^{(0)}_0", "+",
                          r"w_{0,1}", r"a^{(0)}_1", "+", r"\cdots", "+", rf"w_{{0,{last}}}",
                          rf"a^{{(0)}}_{{{last}}}", "+",
                          "b_0", r"\big)", font_size=38)
        for i in (4, 7, 12):
            formula[i].set_color(GREEN)
        formula[2].set_color(YELLOW)
        formula[15].set_color(BLUE)
        formula.set_x((RIGHT_OF + 7.1) / 2).set_y(CONTENT_Y + 0.5)
        fit_in_frame(formula)
        n_in, n_out = net.sizes
        paced(self, say.small_layer(n_in, n_out), diagram.fade_in(), share=0.6)
        top = diagram.neuron(1, 0)
        line = say.first_neuron()
        with narrated(self, line):
            self.play(diagram.animate.to_edge(LEFT, buff=0.6), run_time=share_of(line, 0.3))
            self.play(Write(formula), Indicate(top, color=YELLOW), run_time=share_of(line, 0.55))
        self.play(FadeOut(formula), run_time=0.5)
        self.matrix_form(diagram, net, trace)

    def matrix_form(self, diagram: NetworkDiagram, net: Network, trace: Trace) -> None:
        w, b = net.weights[0], net.biases[0]
        weights = DecimalGrid(w, num_decimal_places=1, color_by_sign=True, font_size=ENTRY_FONT_SIZE)
        inputs = DecimalColumn(trace.activations[0], num_decimal_places=2, font_size=ENTRY_FONT_SIZE)
        biases = DecimalColumn(b, num_decimal_places=1, color_by_sign=True, font_size=ENTRY_FONT_SIZE)
        self.shown.update(weights=weights, inputs=inputs, biases=biases)
        product = VGroup(MathTex(r"\sigma\Big(", font_size=48, color=YELLOW), weights, inputs,
                         MathTex("+", font_size=40), biases, MathTex(r"\Big)", font_size=48, color=YELLOW))
        product.arrange(RIGHT, buff=0.15)
        if product.width > 7.1 - RIGHT_OF - 0.4:
            product.scale_to_fit_width(7.1 - RIGHT_OF - 0.4)
        product.to_edge(UP, buff=0.35).set_x((RIGHT_OF + 7.1) / 2)
        n_out, n_in = w.shape
        line = say.stack(n_in)
        with narrated(self, line):
            self.play(FadeIn(product[2], shift=RIGHT), Indicate(diagram.layers[0], color=YELLOW),
                      run_time=share_of(line, 0.4))
            self.play(FadeIn(product[1], shift=RIGHT), run_time=share_of(line, 0.45))
        row = SurroundingRectangle(weights.row(0), color=YELLOW, buff=0.05)
        column = SurroundingRectangle(inputs, color=YELLOW, buff=0.05)
        paced(self, say.row_times_column(), Create(row), Create(column), Indicate(diagram.neuron(1, 0), color=YELLOW),
              share=0.8)
        line = say.add_bias()
        with narrated(self, line):
            self.play(FadeOut(row), FadeOut(column), FadeIn(product[3:5]), run_time=share_of(line, 0.45))
            self.play(FadeIn(product[0]), FadeIn(product[5]), run_time=share_of(line, 0.4))
        self.shown["activations"] = outputs = DecimalColumn(trace.activations[1], num_decimal_places=2,
                                                            font_size=ENTRY_FONT_SIZE)
        eq = VGroup(MathTex("=", font_size=40), outputs).arrange(RIGHT, buff=0.2)
        eq.next_to(product, DOWN, buff=0.35).align_to(product[1], LEFT)
        if eq.get_bottom()[1] < CAPTION_BAND_TOP + 0.1:
            eq.scale((eq.get_top()[1] - CAPTION_BAND_TOP - 0.1) / eq.height, about_edge=UP)
        paced(self, say.whole_layer(n_out), FadeIn(eq, shift=DOWN * 0.3), diagram.fill_layer(1, trace), share=0.8)
        final = MathTex(r"a^{(1)} = \sigma\left(W a^{(0)} + b\right)", font_size=48)
        final.next_to(eq, RIGHT, buff=0.8).set_y(eq.get_y())
        fit_in_frame(final)
        box = SurroundingRectangle(final, color=YELLOW, buff=0.2)
        paced(self, say.one_line(), Write(final), Create(box), share=0.7)


class ForwardPassCode(Scene):
    """9.2 The forward pass as it is in nnmath: the loop that computed every activation in this video."""

    def construct(self) -> None:
        source = inspect.getsource(nnmath.network.feedforward)
        body = source[source.index("    a = as_input"):].rstrip()
        text = "\n".join(line[4:] for line in body.splitlines())
        self.shown = Shown(code=text)
        code = Code(code_string=text, language="python", add_line_numbers=False,
                    background="rectangle", paragraph_config={"font_size": 26})
        title = Tex(r"The forward pass in \texttt{nnmath}, which computed every activation shown",
                    font_size=SMALL_FONT_SIZE).to_edge(UP, buff=0.5)
        code.next_to(title, DOWN, buff=0.4)
        room = title.get_bottom()[1] - 0.4 - CAPTION_BAND_TOP - 0.1
        if code.height > room:
            code.scale_to_fit_height(room).next_to(title, DOWN, buff=0.4)
        fit_in_frame(code)
        lines = text.splitlines()
        line = say.the_code()
        with narrated(self, line):  # the background first, so the lines are drawn over it
            self.play(Write(title), FadeIn(code.submobjects[0]), run_time=share_of(line, 0.3))
            self.play(FadeIn(code.code_lines, lag_ratio=0.15), run_time=share_of(line, 0.55))
        key = next(i for i, l in enumerate(lines) if l.strip().startswith("z = "))
        mark = SurroundingRectangle(code.code_lines[key], color=YELLOW, buff=0.08)
        paced(self, say.batch(), Create(mark), Indicate(code.code_lines[key], color=YELLOW, scale_factor=1.05),
              share=0.6)
