"""Chapter 2's "Analyzing the network" and "Learning more" segments, on the trained network.

Scene classes are listed for rendering in :mod:`scenes.chapter2` (``SEGMENTS``).
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Indicate, Integer, linear,
                   LaggedStart, MathTex, Scene, Square, SurroundingRectangle, Tex, VGroup)

from nnmath.mnist import IMAGE_SIDE
from scenes.chapter2 import data as d
from scenes.chapter2.mobjects import DigitStream, ScoreCounter, SignedMap
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.digit import DigitImage, WeightHeatMap
from scenes.common.formatting import format_count, format_percent, tex_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.numbers import DecimalColumn, DecimalGrid
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, YELLOW
from scenes.common.shown import Shown

#: Seconds per test digit while the counter runs, and per digit at the slow start.
FAST, SLOW = 0.05, 0.35
#: Digits shown slowly at the start of the stream.
SLOW_DIGITS = 5
#: How long the stream pauses on each mistake.
MISTAKE_PAUSE = 1.0
#: The stream lasts a whole number of these (one frame at 15, 30 and 60 fps).
TICK = 1 / 15


class TestingOnThreeHundredDigits(Scene):
    """Ch2 8.1: the trained network on 300 real test digits: a live counter that stops at each mistake."""

    def construct(self) -> None:
        st = d.stream()
        test = data.split("test")
        self.images = test.images[:d.STREAM_DIGITS]
        self.slot = DigitImage(self.images[0], size=3.4).move_to([-3.2, 0.2, 0])
        self.counter = ScoreCounter(font_size=BODY_FONT_SIZE + 4)
        self.counter.set_score(0, 0).move_to([3.2, 1.6, 0])
        says = Tex("Network says:", font_size=BODY_FONT_SIZE)
        self.answer = Integer(int(st.predictions[0]), font_size=BODY_FONT_SIZE + 12, color=YELLOW)
        self.answer_row = VGroup(says, self.answer).arrange(RIGHT, buff=0.3).move_to([3.0, 0.2, 0])
        self.shown = Shown(counter=self.counter, mistakes_shown=[], answer=self.answer)
        caption(self, f"The trained network reads the first {d.STREAM_DIGITS} test digits, never seen in "
                      "training.", FadeIn(self.slot), FadeIn(self.counter), FadeIn(self.answer_row))
        self.run(st)
        caption(self, f"{st.correct} of {d.STREAM_DIGITS} right: {format_percent(st.correct / d.STREAM_DIGITS)}.",
                Indicate(self.counter, color=GREEN))
        full = d.full_test_accuracy()
        total = Tex(rf"All {tex_count(len(test))} test images: {100 * full:.1f}\%", font_size=BODY_FONT_SIZE)
        total.next_to(self.counter, DOWN, buff=2.4)
        self.shown["full_accuracy"] = full
        caption(self, f"On all {format_count(len(test))} test images: {format_percent(full)}. Not bad for "
                      f"{format_count(d.trained().n_parameters)} numbers tuned downhill.", FadeIn(total))
        self.play(*[FadeOut(m) for m in self.mobjects])

    def run(self, st: d.Stream) -> None:
        durations = np.array([SLOW if i < SLOW_DIGITS else FAST for i in range(d.STREAM_DIGITS)])
        durations[st.mistakes] = MISTAKE_PAUSE
        marks = {}
        for index in st.mistakes:
            wrong = Tex(rf"Wrong! It is a {int(st.labels[index])}", font_size=BODY_FONT_SIZE, color=RED)
            marks[int(index)] = VGroup(wrong.next_to(self.slot, DOWN, buff=0.3),
                                       SurroundingRectangle(self.slot, color=RED, buff=0.05))
        self.shown["mistakes_shown"] = sorted(marks)
        seconds = max(1, round(float(np.sum(durations)) / TICK)) * TICK
        self.play(DigitStream(self.slot, self.images, durations, self.counter, st.running, self.answer,
                              st.predictions, marks, rate_func=linear), run_time=seconds)
        self.remove(*marks.values())


class WhatTheFirstLayerLooksFor(Scene):
    """Ch2 8.2: the 16 first-layer weight rows of the trained network as pictures."""

    def construct(self) -> None:
        pictures = d.first_layer_pictures()
        grid = VGroup(*[WeightHeatMap(p, positive=BLUE, negative=RED, gamma=0.3, size=1.45) for p in pictures])
        grid.arrange_in_grid(rows=2, cols=8, buff=0.2).move_to([0, -0.4, 0])
        heading = Tex("What the first hidden layer looks for", font_size=BODY_FONT_SIZE).to_edge(UP, buff=0.8)
        self.shown = Shown(pictures=grid)
        caption(self, f"Each first-layer neuron weighs {d.trained().sizes[0]} pixels. As a picture: blue "
                      "positive, red negative.", FadeIn(heading),
                LaggedStart(*[FadeIn(p) for p in grid], lag_ratio=0.08), run_time=2.5)
        caption(self, "Not neat edges and loops: blotches with a hint of structure.")
        caption(self, "Gradient descent found weights that work, not the tidy story of chapter 1.")
        self.play(FadeOut(grid), FadeOut(heading))


class NoiseGoesIn(Scene):
    """Ch2 8.3: seeded random noise fed to the trained network, and what it answers."""

    def construct(self) -> None:
        answer = d.noise_answer()
        outputs = answer.outputs
        image = DigitImage(answer.image, size=3.2).move_to([-4.0, 0.2, 0])
        column = DecimalColumn(outputs, num_decimal_places=2, font_size=BODY_FONT_SIZE + 4, row_gap=0.14)
        column.move_to([0.6, 0.0, 0])
        labels = VGroup(*[MathTex(str(j), font_size=BODY_FONT_SIZE, color=GREY_B).next_to(column, LEFT, buff=0.2)
                          .match_y(e) for j, e in enumerate(column.entries)])
        guess = answer.guess
        self.shown = Shown(outputs=column, guess=guess)
        caption(self, "Pure noise in, from a fixed seed. The ten outputs:", FadeIn(image), FadeIn(column),
                FadeIn(labels))
        box = SurroundingRectangle(VGroup(labels[guess], column.entries[guess]), color=YELLOW, buff=0.12)
        says = Tex(rf"Looks like a {guess} to me!", font_size=BODY_FONT_SIZE, color=YELLOW).move_to([4.4, 0.3, 0])
        confident = " and sure of it" if outputs[guess] > 0.5 else ""
        caption(self, f"It says {guess}{confident}, output {outputs[guess]:.2f}. Shown only digits, it cannot "
                      "say 'none of these'.", Create(box), FadeIn(says))
        self.play(*[FadeOut(m) for m in self.mobjects])


class WhatExcitesEachNeuron(Scene):
    """Ch2 8.4 (beyond the original): for each first-layer neuron, the test digits that excite it most."""

    def construct(self) -> None:
        pictures = d.first_layer_pictures()
        favourites = d.favourite_test_digits()
        images = data.split("test").images
        rows = VGroup()
        for picture, neuron in zip(pictures, favourites.neurons):
            row = VGroup(WeightHeatMap(picture, positive=BLUE, negative=RED, gamma=0.3, size=0.62),
                         *[DigitImage(images[i], size=0.62) for i in favourites.indices_of(int(neuron))])
            rows.add(row.arrange(RIGHT, buff=0.08))
        rows.arrange_in_grid(rows=8, cols=2, buff=(0.9, 0.12), flow_order="dr").move_to([0, -0.35, 0])
        heading = Tex(r"Each neuron's weights, then the " + str(d.TOP_K) + " test digits that excite it most",
                      font_size=SMALL_FONT_SIZE).to_edge(UP, buff=0.35)
        self.shown = Shown(favourites=favourites, rows=rows)
        caption(self, "Beyond the original: for each first-layer neuron, the test images that light it up "
                      "most.", FadeIn(heading), run_time=1)
        self.play(LaggedStart(*[FadeIn(r) for r in rows], lag_ratio=0.1), run_time=3)
        low = float(favourites.activations[:, -1].min())
        caption(self, f"Real activations, all at least {low:.2f}. Some neurons favour one digit; most, ink in "
                      "certain places.")
        self.play(FadeOut(rows), FadeOut(heading))


class ConvolutionSlidesOverADigit(Scene):
    """Ch2 9: where to learn more; a real 4x4 kernel slides over a real digit and builds its output map."""

    def construct(self) -> None:
        conv = d.convolution()
        kernel, out = conv.kernel, conv.output
        cell = 0.17
        digit = DigitImage(conv.image, size=IMAGE_SIDE * cell).move_to([-4.3, -0.3, 0])
        grid = DecimalGrid(kernel, num_decimal_places=0, color_by_sign=True, font_size=30).move_to([-0.2, 1.2, 0])
        k_label = Tex("a 4x4 kernel", font_size=SMALL_FONT_SIZE).next_to(grid, UP, buff=0.2)
        vmax = float(np.abs(out).max())
        self.shown = Shown(kernel=grid, output=out)
        caption(self, "This plain network is old technology. Image networks today are convolutional: small "
                      "kernels slide over the image.", FadeIn(digit), run_time=1)
        caption(self, "This 4x4 kernel: minus one on top, plus one below. Multiply and add over each patch.",
                FadeIn(grid), FadeIn(k_label))
        window = Square(side_length=4 * cell, color=YELLOW, stroke_width=4)
        window.move_to(digit.get_corner(UP + LEFT) + np.array([2 * cell, -2 * cell, 0]))
        rows = [SignedMap(out[r:r + 1], 0.17, vmax) for r in range(out.shape[0])]
        origin = np.array([1.8, 2.1, 0.0])
        for r, row in enumerate(rows):
            row.move_to(origin + np.array([row.width / 2, -r * cell - cell / 2, 0]))
        frame = Square(side_length=out.shape[1] * cell, color=GREY_B, stroke_width=2)
        frame.move_to(origin + np.array([out.shape[1] * cell / 2, -out.shape[0] * cell / 2, 0]))
        o_label = Tex("its output map", font_size=SMALL_FONT_SIZE).next_to(origin + [out.shape[1] * cell / 2, 0, 0], UP,
                                                                           buff=0.15)
        self.shown["rows"] = rows
        caption(self, "It fires (blue) where ink starts below blank space: the top edges of strokes.", Create(window), FadeIn(o_label), Create(frame), hold=False)
        start = window.get_center()
        for r, row in enumerate(rows):
            left = start + np.array([0, -r * cell, 0])
            window.move_to(left)
            self.play(window.animate.move_to(left + np.array([(out.shape[1] - 1) * cell, 0, 0])),
                      FadeIn(row), run_time=0.25)
        self.wait(1)
        caption(self, "To learn more: Michael Nielsen's free book, where this network's recipe comes from.",
                FadeOut(window))
        self.play(*[FadeOut(m) for m in self.mobjects])
