"""Your own digit: a picture you drew, made into an MNIST digit and read by the network.

``nnvideo digit IMAGE`` prepares the picture and writes the clip's inputs file
(:mod:`scenes.digit_clip.data`); :class:`DigitClip` reads it in ``construct``
(nothing at import) and runs the forward pass once. Render it by hand with
``NNVIDEO_DIGIT_INPUTS=inputs.npz manim render scenes/digit_clip/clip.py DigitClip``.

Every number on screen is computed here by :mod:`nnmath` from the network and
the prepared input: the activations, the outputs, the neurons that fired most,
the cost and the chain rule of the largest gradient entry
(``nnmath.backprop``, ``nnmath.chain_rule``).
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Animation, Arrow, Create, Cross, DashedVMobject,
                   DecimalNumber, FadeIn, FadeOut, Line, MathTex, ReplacementTransform, Scene, Square,
                   VGroup, VMobject, Write)

from nnmath import ChainRule, Trace, backprop, chain_rule, cost, feedforward
from nnmath.mnist import IMAGE_SIDE
from scenes.common.captions import caption, reading_time
from scenes.common.digit import DigitImage, WeightHeatMap
from scenes.common.formatting import decimals_for
from scenes.common.layout import (FRAME_WIDTH, LARGE_BUFF, MED_LARGE_BUFF, MIN_FONT_SIZE, MED_SMALL_BUFF,
                                  SAFE_MARGIN, SMALL_FONT_SIZE)
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREY_B, RED, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import note
from scenes.digit_clip.data import FITTED_SIDE, ClipInputs, current_inputs
from scenes.digit_clip.mobjects import GreyPicture, parenthesised, short_name, tex_escape

__all__ = ["DigitClip", "TOP_NEURONS"]

#: How many of the first hidden layer's neurons the clip shows with their weights.
TOP_NEURONS = 3
#: Height of each panel of the preparation beat.
PANEL_HEIGHT = 3.4
#: Widest the picture panel may be (a landscape photo shrinks to fit).
PICTURE_MAX_WIDTH = 4.6
#: Height of the network diagram and side of the digit beside it.
DIAGRAM_HEIGHT = 6.2
DIGIT_SIDE = 3.0
#: Side of each weight map in the "fired most" beat.
WEIGHT_MAP_SIDE = 1.55
#: Opacity of a weight is ``(|w| / max|w|) ** WEIGHT_MAP_GAMMA`` (below 1: faint weights stay visible).
WEIGHT_MAP_GAMMA = 0.5
#: Grey levels a picture is drawn with.
#: Room on the right of the diagram for the output values (and the targets y).
OUTPUT_COLUMN_WIDTH = 1.5
OUTPUT_FONT_SIZE = 22
#: Seconds an animation takes in the quick preview.
QUICK_RUN_TIME = 0.4


class DigitClip(Scene):
    """Your digit: its preparation, the network lighting up, its answer, why, and (with a label) its cost.

    ``self.shown`` names what it shows: ``inputs`` (:class:`ClipInputs`), ``trace``,
    ``prepared_digit``, ``fitted_picture``, ``centre`` (row, column), ``diagram``,
    ``outputs`` and ``top_values`` (numbers), ``prediction``, ``runner_up``,
    ``top_neurons``, ``weight_maps``, and with a label ``cost``, ``cost_formula``,
    ``chain`` (:class:`nnmath.ChainRule`) and ``chain_numbers``.
    """

    def construct(self) -> None:
        self.shown = Shown()
        self.inputs: ClipInputs = current_inputs()
        self.net = self.inputs.net
        self.trace: Trace = feedforward(self.net, self.inputs.x)
        self.prediction = int(self.trace.prediction)
        self.shown.update(inputs=self.inputs, trace=self.trace, prediction=self.prediction)
        digit = self.show_preparation()
        diagram = self.show_forward_pass(digit)
        self.show_outputs(diagram)
        self.show_top_neurons(diagram)
        if self.inputs.label is not None:
            self.show_cost(diagram)
            self.show_chain_rule(diagram)
        self.wait(0.5)

    # ------------------------------------------------------------------ inputs and pacing
    def say(self, text: str, *animations: Animation, run_time: float | None = None) -> None:
        """A caption at reading pace, or in the quick preview, the animations at speed and no pause."""
        if not self.inputs.quick:
            caption(self, text, *animations, run_time=run_time)
            return
        start = self.time
        if animations:
            self.play(*animations, run_time=QUICK_RUN_TIME)
        else:
            self.wait(QUICK_RUN_TIME)
        self.add_subcaption(text, duration=self.time - start, offset=-(self.time - start))

    def say_steps(self, text: str, *steps: list[Animation], run_time: float | None = None) -> None:
        """One caption over several steps played one after another, held until it is read."""
        start = self.time
        timing = {"run_time": QUICK_RUN_TIME} if self.inputs.quick else ({} if run_time is None else {"run_time": run_time})
        for step in steps:
            self.play(*step, **timing)
        played = self.time - start
        duration = played if self.inputs.quick else max(played, reading_time(text))
        self.add_subcaption(text, duration=duration, offset=-played)
        if duration > played:
            self.wait(duration - played)

    def pause(self, seconds: float) -> float:
        """Run time of a transition: ``seconds``, or the quick preview's."""
        return QUICK_RUN_TIME if self.inputs.quick else seconds

    # ------------------------------------------------------------------ beat 1: preparation
    def preparation_panels(self) -> tuple[GreyPicture, GreyPicture, DigitImage]:
        """The picture as given, the 20x20 fit and the 28x28 digit, left to right, with labels."""
        inputs = self.inputs
        picture = GreyPicture(inputs.picture, height=PANEL_HEIGHT)
        if picture.width > PICTURE_MAX_WIDTH:
            picture.scale_to_fit_width(PICTURE_MAX_WIDTH)
        self.fitted_picture = GreyPicture(inputs.fitted, height=PANEL_HEIGHT * FITTED_SIDE / IMAGE_SIDE)
        self.prepared_digit = DigitImage(inputs.x, size=PANEL_HEIGHT)
        self.shown.update(fitted_picture=self.fitted_picture, prepared_digit=self.prepared_digit)
        row = VGroup(picture, self.fitted_picture, self.prepared_digit).arrange(RIGHT, buff=1.2)
        row.move_to(UP * 0.3)
        return picture, self.fitted_picture, self.prepared_digit

    def show_preparation(self) -> DigitImage:
        inputs = self.inputs
        picture, fitted, digit = self.preparation_panels()
        width, height = inputs.source_size
        name = note(rf"\texttt{{{tex_escape(short_name(inputs.source_name))}}}, {width} $\times$ {height}",
                    font_size=SMALL_FONT_SIZE).next_to(picture, DOWN, buff=MED_SMALL_BUFF)
        self.say(f"Your picture: {inputs.source_name}.", FadeIn(picture), FadeIn(name))
        prepared = GreyPicture(inputs.prepared_picture, height=picture.height).move_to(picture)
        crop = prepared.box(*inputs.crop, stroke_color=YELLOW, stroke_width=3)
        made = "made light on black" if inputs.inverted else "kept light on black"
        self.say_steps(f"As in MNIST, the ink is {made}, at full contrast, and cropped.",
                       [ReplacementTransform(picture, prepared)], [Create(crop)])
        arrows = VGroup(*[Arrow(a.get_right(), b.get_left(), buff=0.15, color=GREY_B)
                          for a, b in ((prepared, fitted), (fitted, digit))])
        fitted_label = note(rf"${FITTED_SIDE} \times {FITTED_SIDE}$", font_size=SMALL_FONT_SIZE).next_to(fitted, DOWN, buff=MED_SMALL_BUFF)
        digit_label = note(rf"${IMAGE_SIDE} \times {IMAGE_SIDE}$", font_size=SMALL_FONT_SIZE).next_to(digit, DOWN, buff=MED_SMALL_BUFF)
        landing = fitted.frame.copy().set_stroke(YELLOW, width=3, opacity=1)
        self.com_marks = self.centring_marks(digit)
        thickened = " (thin strokes thickened)" if inputs.thickened else ""
        self.say_steps(f"Fitted into {FITTED_SIDE} x {FITTED_SIDE}{thickened}, then centred by its mass (the cross) "
                       f"in {IMAGE_SIDE} x {IMAGE_SIDE}.",
                       [ReplacementTransform(crop.copy(), landing), FadeIn(arrows[0]), FadeIn(fitted),
                        FadeIn(fitted_label)],
                       [FadeIn(arrows[1]), FadeIn(digit), FadeIn(digit_label), FadeIn(self.com_marks)])
        self.play(*[FadeOut(m) for m in (prepared, crop, name, fitted, fitted_label, landing, arrows,
                                          digit_label, self.com_marks)], run_time=self.pause(0.6))
        return digit

    def centring_marks(self, digit: DigitImage) -> VGroup:
        """The 20x20 box as placed in the 28x28 field (dashed) and the centre of mass (a cross)."""
        top, left = self.inputs.offset
        cell = digit.width / IMAGE_SIDE
        corner = digit.get_corner(UP + LEFT)
        box = Square(side_length=FITTED_SIDE * cell, stroke_color=YELLOW, stroke_width=2)
        half = FITTED_SIDE / 2
        box.move_to(corner + np.array([(left + half) * cell, -(top + half) * cell, 0.0]))
        image = self.inputs.x.reshape(IMAGE_SIDE, IMAGE_SIDE)
        rows, cols = image.sum(axis=1), image.sum(axis=0)
        side = np.arange(IMAGE_SIDE)
        row, col = float(rows @ side / rows.sum()), float(cols @ side / cols.sum())
        self.shown["centre"] = np.array([row, col])
        centre = corner + np.array([(col + 0.5) * cell, -(row + 0.5) * cell, 0.0])
        return VGroup(DashedVMobject(box, num_dashes=40),
                      Cross(stroke_color=RED, stroke_width=3, scale_factor=0.12).move_to(centre))

    # ------------------------------------------------------------------ beat 2: forward pass
    def show_forward_pass(self, digit: DigitImage) -> NetworkDiagram:
        diagram = NetworkDiagram.from_network(self.net)
        diagram.scale_to_fit_height(DIAGRAM_HEIGHT)
        diagram.to_edge(RIGHT, buff=SAFE_MARGIN + OUTPUT_COLUMN_WIDTH)
        self.shown["diagram"] = diagram
        #: The free space left of the diagram, (x_min, x_max): digit, weight maps and formulas go there.
        self.left_region = (-FRAME_WIDTH / 2 + SAFE_MARGIN, diagram.get_left()[0] - MED_LARGE_BUFF)
        centre = RIGHT * sum(self.left_region) / 2
        self.play(digit.animate.scale_to_fit_width(DIGIT_SIDE).move_to(centre),
                  run_time=self.pause(0.8))
        layer_time = QUICK_RUN_TIME / 3 if self.inputs.quick else 0.7
        self.say_steps("Its pixels feed the input layer, and each layer's real activations light up in turn.",
                       [diagram.fade_in(), diagram.fill_layer(0, self.trace)],
                       [diagram.forward_pass(self.trace, layer_time=layer_time)])
        self.digit = digit
        return diagram

    # ------------------------------------------------------------------ beat 3: the answer
    def show_outputs(self, diagram: NetworkDiagram) -> None:
        outputs = self.trace.output
        self.output_values = VGroup()
        for n, label in zip(diagram.layers[-1].shown, diagram.output_labels):
            value = DecimalNumber(float(outputs[n]), num_decimal_places=2, font_size=OUTPUT_FONT_SIZE)
            self.output_values.add(value.next_to(label, RIGHT, buff=0.3))
        order = np.argsort(-outputs)
        best, runner_up = int(order[0]), int(order[1])
        self.shown.update(outputs=list(self.output_values), runner_up=runner_up)
        self.say(f"It reads {best}. How sure: output {outputs[best]:.2f} for {best}, against "
                 f"{outputs[runner_up]:.2f} for the next best, {runner_up}.",
                 FadeIn(self.output_values), diagram.highlight_output(best))

    # ------------------------------------------------------------------ beat 4: who fired
    def show_top_neurons(self, diagram: NetworkDiagram) -> None:
        hidden = self.trace.activations[1]
        # The most active, listed top to bottom as the diagram draws them (links do not cross).
        self.top_neurons = sorted(int(j) for j in np.argsort(-hidden)[:TOP_NEURONS])
        maps, labels, rings, links = VGroup(), VGroup(), VGroup(), VGroup()
        self.top_values = VGroup()
        for j in self.top_neurons:
            heat = WeightHeatMap(self.net.weights[0][j], positive=BLUE, negative=RED, gamma=WEIGHT_MAP_GAMMA,
                                 size=WEIGHT_MAP_SIDE)
            value = DecimalNumber(float(hidden[j]), num_decimal_places=2, font_size=22)
            label = VGroup(MathTex(rf"a^{{(1)}}_{{{j}}} =", font_size=26), value).arrange(RIGHT, buff=0.1)
            maps.add(heat)
            labels.add(label)
            self.top_values.add(value)
        maps.arrange(DOWN, buff=0.55).move_to(RIGHT * sum(self.left_region) / 2 + DOWN * 0.15)
        for heat, label, j in zip(maps, labels, self.top_neurons):
            label.next_to(heat, UP, buff=0.06)
            ring = diagram.neuron(1, j).copy().set_fill(opacity=0).set_stroke(YELLOW, width=4)
            rings.add(ring)
            links.add(Line(heat.get_right(), ring.get_left(), stroke_color=YELLOW, stroke_width=1.5,
                           stroke_opacity=0.6))
        self.shown.update(top_neurons=self.top_neurons, top_values=list(self.top_values), weight_maps=list(maps))
        self.say("The first hidden layer's neurons that fired most, with their weights: "
                 "blue pixels excite, red ones inhibit.",
                 FadeOut(self.digit), FadeIn(maps), FadeIn(labels), Create(rings), Create(links))
        self.top_neuron_parts = VGroup(maps, labels, rings, links)

    # ------------------------------------------------------------------ beat 5: cost and chain rule
    def show_cost(self, diagram: NetworkDiagram) -> None:
        label = int(self.inputs.label)  # type: ignore[arg-type]
        c0 = cost(self.trace.output, label)
        value = DecimalNumber(c0, num_decimal_places=decimals_for(c0), font_size=40, color=RED)
        formula = VGroup(MathTex(r"C_0 = \sum_{j=0}^{9} (a^{(L)}_j - y_j)^2 =", font_size=40),
                         value).arrange(RIGHT, buff=0.15)
        self.shown.update(cost=value, cost_formula=formula)
        self.fit_left(formula).to_corner(UP + LEFT, buff=SAFE_MARGIN)
        targets = VGroup(*[MathTex(f"y={1 if n == label else 0}", font_size=MIN_FONT_SIZE, color=YELLOW)
                           .next_to(value, RIGHT, buff=0.12)
                           for n, value in zip(diagram.layers[-1].shown, self.output_values)])
        verdict = "right" if self.prediction == label else "wrong"
        self.say(f"You said {label}: {verdict}. The cost of this example: "
                 f"C0 = {c0:.{decimals_for(c0)}f}.",
                 FadeOut(self.top_neuron_parts), FadeIn(targets), Write(formula))
        self.cost_parts = VGroup(formula, targets)

    def show_chain_rule(self, diagram: NetworkDiagram) -> None:
        label = int(self.inputs.label)  # type: ignore[arg-type]
        gradients = backprop(self.net, self.inputs.x, label)
        layer, j, k = max(((i, *np.unravel_index(np.argmax(np.abs(g)), g.shape)) for i, g in
                           enumerate(gradients.nabla_w)),
                          key=lambda t: abs(gradients.nabla_w[t[0]][t[1], t[2]]))
        c: ChainRule = chain_rule(self.net, self.inputs.x, label, int(layer), int(j), int(k))
        l = c.layer + 1
        symbols = MathTex(rf"\frac{{\partial C_0}}{{\partial w^{{({l})}}_{{{c.j}\,{c.k}}}}} = "
                          rf"a^{{({l - 1})}}_{{{c.k}}} \cdot \sigma'(z^{{({l})}}_{{{c.j}}}) \cdot "
                          rf"\frac{{\partial C_0}}{{\partial a^{{({l})}}_{{{c.j}}}}}", font_size=40)
        values = [*c.factors, c.product]
        numbers = [DecimalNumber(v, num_decimal_places=decimals_for(v), font_size=36) for v in values]
        numbers[3].set_color(YELLOW)
        self.shown.update(chain=c, chain_numbers=numbers)
        product = VGroup(MathTex("=", font_size=36))
        for i, number in enumerate(numbers[:3]):
            if i:
                product.add(MathTex(r"\cdot", font_size=36))
            product.add(*(parenthesised(number) if number.get_value() < 0 else [number]))
        product.add(MathTex("=", font_size=36), numbers[3]).arrange(RIGHT, buff=0.12)
        block = self.fit_left(VGroup(symbols, product).arrange(DOWN, aligned_edge=LEFT, buff=MED_SMALL_BUFF))
        block.next_to(self.cost_parts[0], DOWN, aligned_edge=LEFT, buff=LARGE_BUFF)
        edge = self.edge_mark(diagram, c)
        self.say_steps(f"Its largest gradient entry, the weight from neuron {c.k} to neuron {c.j}, "
                       "is three real factors by the chain rule.",
                       [Write(symbols), Create(edge)], [FadeIn(product)])

    def fit_left(self, mob: VMobject) -> VMobject:
        """Shrink ``mob`` (if needed) to the width of the space left of the diagram."""
        room = self.left_region[1] - self.left_region[0]
        if mob.width > room:
            mob.scale_to_fit_width(room)
        return mob

    def edge_mark(self, diagram: NetworkDiagram, c: ChainRule) -> VMobject:
        """A yellow line on the edge of ``c``'s weight if both its neurons are drawn, else a ring on neuron j."""
        try:
            start = diagram.neuron(c.layer, c.k)
        except ValueError:
            return diagram.neuron(c.layer + 1, c.j).copy().set_fill(opacity=0).set_stroke(YELLOW, width=4)
        end = diagram.neuron(c.layer + 1, c.j)
        return VGroup(Line(start.get_center(), end.get_center(), stroke_color=YELLOW, stroke_width=4),
                      end.copy().set_fill(opacity=0).set_stroke(YELLOW, width=4))
