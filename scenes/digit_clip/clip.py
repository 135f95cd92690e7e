"""Your own digit: a picture you drew, made into an MNIST digit and read by the network, narrated.

``nnvideo digit IMAGE`` prepares the picture and writes the clip's inputs file
(:mod:`scenes.digit_clip.data`); :class:`DigitClip` reads it in ``construct``
(nothing at import) and runs the forward pass once. Render it by hand with
``NNVIDEO_DIGIT_INPUTS=inputs.npz manim render scenes/digit_clip/clip.py DigitClip``.

Every number on screen is computed here by :mod:`nnmath` from the network and
the prepared input (the activations, the outputs, the neurons that fired most,
the cost, the chain rule of the steepest weight); every word comes from
:mod:`scenes.digit_clip.script`. Each beat is one line, spoken (or read) while
its animations play one after another, each taking a share of the line's
time, so the picture moves while the words go on. One picture persists and
transforms: the photo becomes the prepared digit, whose pixels pour into the
network's input layer; the network stays until the end. Nothing is drawn in
the bottom 15 % of the frame, where players draw captions.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Animation, Arrow, Create, DecimalNumber, FadeIn, FadeOut, GrowArrow, Indicate,
                   LaggedStart, MathTex, ReplacementTransform, Scene, Square, SurroundingRectangle, Transform, VGroup,
                   VMobject, Write)
from manim import Line as Segment

from nnmath import Trace, backprop, cost, feedforward
from nnmath.mnist import IMAGE_SIDE
from nnmath.network import layer_activation
from scenes.common.captions import narrated, share_of
from scenes.common.digit import DigitImage, PixelGrid, WeightHeatMap
from scenes.common.formatting import decimals_for, tex_count
from scenes.common.layout import (CAPTION_BAND_TOP, FRAME_HEIGHT, FRAME_WIDTH, MED_LARGE_BUFF, MED_SMALL_BUFF,
                                  MIN_FONT_SIZE, SAFE_MARGIN, SMALL_FONT_SIZE)
from scenes.common.narration import Line
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREY_B, RED, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import note
from scenes.digit_clip import measures, script
from scenes.digit_clip.data import FITTED_SIDE, ClipInputs, current_inputs
from scenes.digit_clip.mobjects import (GreyPicture, centring_marks, edge_mark, parenthesised, ring, short_name,
                                        tex_escape)

__all__ = ["DigitClip", "TOP_NEURONS", "Step"]

#: How many of the first hidden layer's neurons the clip shows with their weights.
TOP_NEURONS = 3
#: The band our pictures use, and its middle.
CONTENT_TOP, CONTENT_BOTTOM = FRAME_HEIGHT / 2 - SAFE_MARGIN, CAPTION_BAND_TOP + 0.15
CONTENT_MIDDLE = (CONTENT_TOP + CONTENT_BOTTOM) / 2
#: Height of each panel of the preparation row, and the photo's height when it first appears alone.
PANEL_HEIGHT = 3.8
FIRST_PICTURE_HEIGHT = 5.4
#: Widest the picture panel may be (a landscape photo shrinks to fit), and when alone.
PICTURE_MAX_WIDTH = 4.4
FIRST_PICTURE_MAX_WIDTH = 9.0
#: Height of the network diagram; side of the digit beside it; side of each weight map.
DIAGRAM_HEIGHT = 6.0
DIGIT_SIDE = 3.2
VERDICT_DIGIT_SIDE = 2.2
WEIGHT_MAP_SIDE = 1.45
#: Opacity of a weight is ``(|w| / max|w|) ** WEIGHT_MAP_GAMMA`` (below 1: faint weights stay visible).
WEIGHT_MAP_GAMMA = 0.5
#: Room on the right of the diagram for the output values (and the targets y).
OUTPUT_COLUMN_WIDTH = 1.5
OUTPUT_FONT_SIZE = 22
#: Seconds an animation takes in the quick preview, and at least otherwise.
QUICK_RUN_TIME = 0.25
MIN_RUN_TIME = 0.3
#: The activations' symbols in the chain rule.
_PRIME = {"sigmoid": r"\sigma'", "relu": r"\mathrm{ReLU}'"}


@dataclass(frozen=True)
class Step:
    """Animations played together, for ``share`` of the line's spoken time."""

    share: float
    animations: tuple[Animation, ...]


def step(share: float, *animations: Animation) -> Step:
    return Step(share, animations)


class DigitClip(Scene):
    """Your digit: its preparation, the network lighting up, its answer, why, and (with a label) its cost.

    ``self.shown`` names what it shows: ``inputs`` (:class:`ClipInputs`), ``trace``,
    ``prepared_digit``, ``fitted_picture``, ``centring`` (:class:`measures.Centring`),
    ``diagram``, ``outputs`` and ``top_values`` (numbers), ``answer`` (:class:`measures.Answer`),
    ``prediction``, ``runner_up``, ``top_neurons``, ``weight_maps``, and with a label
    ``cost``, ``cost_formula``, ``chain`` (:class:`nnmath.ChainRule`) and ``chain_numbers``.
    """

    def construct(self) -> None:
        self.shown = Shown()
        self.inputs: ClipInputs = current_inputs()
        self.net = self.inputs.net
        self.trace: Trace = feedforward(self.net, self.inputs.x)
        self.answer = measures.answer(self.trace)
        self.prediction = self.answer.prediction
        self.shown.update(inputs=self.inputs, trace=self.trace, answer=self.answer, prediction=self.prediction,
                          runner_up=self.answer.runner_up)
        self.show_preparation()
        self.show_input_layer()
        self.say(script.forward(self.net.sizes), step(0.9, self.diagram.forward_pass(self.trace)))
        self.show_answer()
        self.show_top_neurons()
        if self.inputs.label is not None:
            self.show_cost(int(self.inputs.label))
            self.show_chain_rule(int(self.inputs.label))

    # ------------------------------------------------------------------ pacing
    def say(self, line: Line, *steps: Step) -> None:
        """Speak ``line`` while ``steps`` play one after another, each for its share of the spoken words
        (:func:`~scenes.common.captions.share_of` without the breath, at least :data:`MIN_RUN_TIME`).

        The quick preview plays every step briefly and does not wait for the words.
        """
        quick = self.inputs.quick
        with narrated(self, line, hold=not quick):
            for s in steps:
                run_time = QUICK_RUN_TIME if quick else share_of(line, s.share, least=MIN_RUN_TIME, breath=False)
                self.play(*s.animations, run_time=run_time)

    # ------------------------------------------------------------------ beats 1-5: preparation
    def preparation_row(self) -> tuple[GreyPicture, GreyPicture, DigitImage]:
        """The picture as given, the 20x20 fit and the 28x28 digit, left to right, placed (not yet added)."""
        inputs = self.inputs
        picture = GreyPicture(inputs.picture, height=PANEL_HEIGHT)
        if picture.width > PICTURE_MAX_WIDTH:
            picture.scale_to_fit_width(PICTURE_MAX_WIDTH)
        fitted = GreyPicture(inputs.fitted, height=PANEL_HEIGHT * FITTED_SIDE / IMAGE_SIDE)
        digit = DigitImage(inputs.x, size=PANEL_HEIGHT)
        VGroup(picture, fitted, digit).arrange(RIGHT, buff=1.3).move_to(UP * (CONTENT_MIDDLE + 0.3))
        self.shown.update(fitted_picture=fitted, prepared_digit=digit)
        return picture, fitted, digit

    def show_preparation(self) -> None:
        inputs = self.inputs
        picture, fitted, digit = self.preparation_row()
        width, height = inputs.source_size
        first = picture.copy()
        first.scale_to_fit_height(FIRST_PICTURE_HEIGHT)
        if first.width > FIRST_PICTURE_MAX_WIDTH:
            first.scale_to_fit_width(FIRST_PICTURE_MAX_WIDTH)
        first.move_to(UP * (CONTENT_MIDDLE + 0.3))
        name_text = rf"\texttt{{{tex_escape(short_name(inputs.source_name))}}}, {tex_count(width)} $\times$ {tex_count(height)}"
        name = note(name_text, font_size=SMALL_FONT_SIZE).next_to(first, DOWN, buff=MED_SMALL_BUFF)
        small_name = note(name_text, font_size=MIN_FONT_SIZE).next_to(picture, DOWN, buff=MED_SMALL_BUFF)
        slots = VGroup(fitted.frame.copy(), Square(side_length=digit.width, stroke_color=GREY_B, stroke_width=2)
                       .move_to(digit))
        labels = VGroup(
            note(rf"${tex_count(FITTED_SIDE)} \times {tex_count(FITTED_SIDE)}$", font_size=SMALL_FONT_SIZE)
            .next_to(fitted, DOWN, buff=MED_SMALL_BUFF),
            note(rf"${tex_count(IMAGE_SIDE)} \times {tex_count(IMAGE_SIDE)}$", font_size=SMALL_FONT_SIZE)
            .next_to(digit, DOWN, buff=MED_SMALL_BUFF))
        arrows = VGroup(*[Arrow(a.get_right(), b.get_left(), buff=0.15, color=GREY_B)
                          for a, b in ((picture, fitted), (fitted, digit))])
        self.say(script.picture(inputs),
                 step(0.25, FadeIn(first), FadeIn(name)),
                 step(0.45, Transform(first, picture), Transform(name, small_name), FadeIn(slots), FadeIn(labels),
                      *[GrowArrow(a) for a in arrows]))

        prepared = GreyPicture(inputs.prepared_picture, height=picture.height).move_to(picture)
        self.say(script.ink(inputs), step(0.7, ReplacementTransform(first, prepared)))

        crop = prepared.box(*inputs.crop, stroke_color=YELLOW, stroke_width=3)
        cropped = self.cropped(prepared)
        self.say(script.crop(), step(0.4, Create(crop)), step(0.4, prepared.animate.fade(0.65), FadeIn(cropped)))

        self.say(script.fit(inputs), step(0.6, ReplacementTransform(cropped, fitted)))

        centring = measures.centring(inputs.x)
        self.shown["centring"] = centring
        marks = centring_marks(digit, inputs.offset, FITTED_SIDE, centring.centre)
        landing = fitted.copy()
        placed = fitted.copy().scale_to_fit_height(marks[0].height).move_to(marks[0])
        self.say(script.centre(centring),
                 step(0.35, Transform(landing, placed)),
                 step(0.25, FadeIn(digit), FadeOut(landing), Create(marks[0])),
                 step(0.2, Create(marks[1])))
        self.preparation = VGroup(prepared, crop, name, fitted, slots, labels, arrows, marks)
        self.digit = digit

    def cropped(self, prepared: GreyPicture) -> GreyPicture:
        """The prepared picture's pixels inside the crop, drawn over the same place."""
        top, bottom, left, right = self.inputs.crop
        rows = slice(int(np.floor(top)), int(np.ceil(bottom)))
        cols = slice(int(np.floor(left)), int(np.ceil(right)))
        part = GreyPicture(self.inputs.prepared_picture[rows, cols],
                           height=(rows.stop - rows.start) * prepared.frame.height / prepared.pixels.shape[0],
                           frame_color=None)
        return part.move_to(prepared.box(rows.start, rows.stop, cols.start, cols.stop))

    # ------------------------------------------------------------------ beats 6-7: the network reads it
    def show_input_layer(self) -> None:
        diagram = NetworkDiagram.from_network(self.net)
        diagram.scale_to_fit_height(DIAGRAM_HEIGHT)
        diagram.to_edge(RIGHT, buff=SAFE_MARGIN + OUTPUT_COLUMN_WIDTH).set_y(CONTENT_MIDDLE)
        self.diagram = diagram
        self.shown["diagram"] = diagram
        #: The free space left of the diagram, (x_min, x_max): digit, weight maps and formulas go there.
        self.left_region = (-FRAME_WIDTH / 2 + SAFE_MARGIN, diagram.get_left()[0] - MED_LARGE_BUFF)
        digit = self.digit
        home = digit.copy().scale_to_fit_width(DIGIT_SIDE).move_to(RIGHT * sum(self.left_region) / 2
                                                                     + UP * CONTENT_MIDDLE)
        grid = PixelGrid(self.inputs.x, size=DIGIT_SIDE, include_zeros=False, frame_color=None).move_to(home)
        layer = diagram.layers[0]
        n = diagram.sizes[0]
        targets = np.repeat(layer.dots.get_center()[None, :], n, axis=0)
        radii = np.zeros(n)
        for circle, pixel in zip(layer.neurons, diagram.shown[0]):
            targets[pixel] = circle.get_center()
            radii[pixel] = circle.width / 2
        self.say(script.input_layer(n, len(diagram.shown[0])),
                 step(0.35, FadeOut(self.preparation),
                      LaggedStart(Transform(digit, home), diagram.fade_in(), lag_ratio=0.5)),
                 step(0.4, grid.to_neurons(targets, radii)),
                 step(0.12, FadeOut(grid), diagram.fill_layer(0, self.trace)))

    def show_answer(self) -> None:
        diagram, outputs = self.diagram, self.trace.output
        self.output_values = VGroup()
        for n, label in zip(diagram.layers[-1].shown, diagram.output_labels):
            value = DecimalNumber(float(outputs[n]), num_decimal_places=2, font_size=OUTPUT_FONT_SIZE)
            self.output_values.add(value.next_to(label, RIGHT, buff=0.3))
        self.shown["outputs"] = list(self.output_values)
        answer = self.answer
        runner = VGroup(diagram.neuron(len(diagram.sizes) - 1, answer.runner_up),
                        self.output_values[diagram.layers[-1].index_of(answer.runner_up)])
        runner_box = SurroundingRectangle(runner, color=GREY_B, buff=0.06, stroke_width=2)
        self.say(script.reads(answer),
                 step(0.35, LaggedStart(*[FadeIn(v, shift=LEFT * 0.15) for v in self.output_values], lag_ratio=0.2)),
                 step(0.2, diagram.highlight_output(answer.prediction)),
                 step(0.2, Create(runner_box)))
        self.runner_box = runner_box

    # ------------------------------------------------------------------ beats 8-9: who fired
    def show_top_neurons(self) -> None:
        diagram = self.diagram
        hidden = self.trace.activations[1]
        self.top_neurons = list(measures.fired_most(self.trace, TOP_NEURONS))
        values = tuple(float(hidden[j]) for j in self.top_neurons)
        x_min, x_max = self.left_region
        maps, labels, links = VGroup(), VGroup(), VGroup()
        rings = VGroup(*[ring(diagram, 1, j) for j in self.top_neurons])
        self.top_values = VGroup()
        for j, a in zip(self.top_neurons, values):
            heat = WeightHeatMap(self.net.weights[0][j], positive=BLUE, negative=RED, gamma=WEIGHT_MAP_GAMMA,
                                 size=WEIGHT_MAP_SIDE)
            value = DecimalNumber(a, num_decimal_places=2, font_size=22)
            labels.add(VGroup(MathTex(rf"a^{{(1)}}_{{{j}}} =", font_size=26), value).arrange(RIGHT, buff=0.1))
            maps.add(heat)
            self.top_values.add(value)
        column = VGroup(*[VGroup(label, heat).arrange(DOWN, buff=0.06) for label, heat in zip(labels, maps)])
        column.arrange(DOWN, buff=0.3).move_to(RIGHT * (x_max - WEIGHT_MAP_SIDE / 2 - 0.2) + UP * CONTENT_MIDDLE)
        column.set_y(CONTENT_MIDDLE)
        for heat, circle in zip(maps, rings):
            links.add(Segment(heat.get_right(), circle.get_left(), stroke_color=YELLOW, stroke_width=1.5,
                              stroke_opacity=0.6))
        self.shown.update(top_neurons=self.top_neurons, top_values=list(self.top_values), weight_maps=list(maps))
        home = self.digit.copy().scale_to_fit_width(DIGIT_SIDE * 0.85).move_to(
            RIGHT * (x_min + DIGIT_SIDE * 0.85 / 2 + 0.2) + UP * CONTENT_MIDDLE)
        self.say(script.fired_most(tuple(self.top_neurons), values),
                 step(0.3, Transform(self.digit, home), FadeOut(self.runner_box)),
                 step(0.35, LaggedStart(*[Create(r) for r in rings], lag_ratio=0.4)),
                 step(0.2, LaggedStart(*[FadeIn(label) for label in labels], lag_ratio=0.3)))
        self.say(script.weights(),
                 step(0.55, LaggedStart(*[ReplacementTransform(self.digit.copy(), heat) for heat in maps],
                                        lag_ratio=0.35)),
                 step(0.25, *[Create(link) for link in links]))
        self.top_neuron_parts = VGroup(maps, labels, rings, links)

    # ------------------------------------------------------------------ beats 10-12: cost and chain rule
    def show_cost(self, label: int) -> None:
        c0 = cost(self.trace.output, label)
        value = DecimalNumber(c0, num_decimal_places=decimals_for(c0), font_size=40, color=RED)
        last = tex_count(self.net.sizes[-1] - 1)
        formula = VGroup(MathTex(rf"C_0 = \sum_{{j=0}}^{{{last}}} (a^{{(L)}}_j - y_j)^2 =", font_size=40),
                         value).arrange(RIGHT, buff=0.15)
        middle = sum(self.left_region) / 2
        self.fit_left(formula).move_to(RIGHT * middle + UP * (CONTENT_MIDDLE + 1.6))
        self.shown.update(cost=value, cost_formula=formula)
        # The digit and what you said it is, under the cost.
        said = note(rf"you said: {tex_count(label)}", font_size=SMALL_FONT_SIZE, color=YELLOW)
        example = VGroup(self.digit.copy().scale_to_fit_width(VERDICT_DIGIT_SIDE), said).arrange(RIGHT, buff=0.4)
        example.move_to(RIGHT * middle + UP * (CONTENT_MIDDLE - 1.7))
        targets = VGroup(*[MathTex(f"y={1 if n == label else 0}", font_size=MIN_FONT_SIZE, color=YELLOW)
                           .next_to(v, RIGHT, buff=0.12)
                           for n, v in zip(self.diagram.layers[-1].shown, self.output_values)])
        self.say(script.verdict(label, self.answer, c0),
                 step(0.3, FadeOut(self.top_neuron_parts), Transform(self.digit, example[0]), FadeIn(said)),
                 step(0.2, Write(formula[0])),
                 step(0.3, LaggedStart(*[FadeIn(t) for t in targets], lag_ratio=0.15)),
                 step(0.15, FadeIn(formula[1], shift=LEFT * 0.2)))
        self.cost_formula = formula
        self.example = VGroup(self.digit, said)

    def show_chain_rule(self, label: int) -> None:
        diagram = self.diagram
        c = measures.steepest_weight(self.net, self.inputs.x, label)
        layers = len(self.net.sizes)
        l = c.layer + 1
        prime = _PRIME.get(layer_activation(self.net, c.layer).name, "f'")
        symbols = MathTex(rf"\frac{{\partial C_0}}{{\partial w^{{({l})}}_{{{c.j}\,{c.k}}}}}", "=",
                          rf"a^{{({l - 1})}}_{{{c.k}}}", r"\cdot", rf"{prime}(z^{{({l})}}_{{{c.j}}})", r"\cdot",
                          rf"\frac{{\partial C_0}}{{\partial a^{{({l})}}_{{{c.j}}}}}", font_size=40)
        numbers = [DecimalNumber(v, num_decimal_places=decimals_for(v), font_size=36) for v in (*c.factors, c.product)]
        numbers[3].set_color(YELLOW)
        self.shown.update(chain=c, chain_numbers=numbers)
        pieces: list[VGroup] = []
        for i, number in enumerate(numbers[:3]):
            pieces.append(VGroup(MathTex(r"=" if i == 0 else r"\cdot", font_size=36),
                                 *(parenthesised(number) if number.get_value() < 0 else [number])))
        pieces.append(VGroup(MathTex("=", font_size=36), numbers[3]))
        for piece in pieces:
            piece.arrange(RIGHT, buff=0.12)
        product = VGroup(*pieces).arrange(RIGHT, buff=0.12)
        block = self.fit_left(VGroup(symbols, product).arrange(DOWN, aligned_edge=LEFT, buff=MED_SMALL_BUFF))
        middle = sum(self.left_region) / 2
        top = self.cost_formula.copy().to_edge(UP, buff=SAFE_MARGIN).set_x(middle)
        block.next_to(top, DOWN, buff=0.9).set_x(middle)
        nabla_w = backprop(self.net, self.inputs.x, label).nabla_w
        # While the question is asked: the cost moves up, its derivative appears, the gradient sweeps the edges
        # and the steepest one lights up.
        self.say(script.steepest(c, layers),
                 step(0.2, self.cost_formula.animate.move_to(top), Write(symbols[0])),
                 step(0.45, diagram.gradient_sweep(nabla_w)),
                 step(0.2, Create(edge_mark(diagram, c))))
        # Each factor's symbol and its value appear as it is named.
        factors = [VGroup(symbols[1], symbols[2]), VGroup(symbols[3], symbols[4]), VGroup(symbols[5], symbols[6])]
        self.say(script.chain(c, layers, layer_activation(self.net, c.layer).name),
                 step(0.15, Indicate(symbols[0], color=YELLOW), FadeOut(self.example)),
                 *[step(0.25, Write(factor), FadeIn(piece, shift=UP * 0.15)) for factor, piece in zip(factors, pieces)])
        # The product, and the step of gradient descent it asks for.
        descent = MathTex(rf"w^{{({l})}}_{{{c.j}\,{c.k}}} \;\leftarrow\; w^{{({l})}}_{{{c.j}\,{c.k}}} - \eta \cdot",
                          font_size=36)
        update = VGroup(descent, numbers[3].copy()).arrange(RIGHT, buff=0.15)
        self.fit_left(update).next_to(block, DOWN, buff=0.6).set_x(middle)
        self.say(script.downhill(c),
                 step(0.3, FadeIn(pieces[3], shift=UP * 0.15)),
                 step(0.35, Write(update)))

    def fit_left(self, mob: VMobject) -> VMobject:
        """Shrink ``mob`` (if needed) to the width of the space left of the diagram."""
        room = self.left_region[1] - self.left_region[0]
        if mob.width > room:
            mob.scale_to_fit_width(room)
        return mob
