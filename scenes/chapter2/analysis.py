"""Chapter 2's "Analyzing the network" and "Learning more" segments, on the trained network.

Scene classes are listed for rendering in :mod:`scenes.chapter2` (``SEGMENTS``). Every
beat's words come from :mod:`scenes.chapter2.script.analysis`.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Indicate, Integer, LaggedStart, MathTex, Scene,
                   Square, SurroundingRectangle, Tex, VGroup, Write, linear)

from nnmath.mnist import IMAGE_SIDE
from scenes.chapter2 import data as d
from scenes.chapter2.mobjects import DigitStream, ScoreCounter, SignedMap
from scenes.chapter2.pacing import paced, share_of
from scenes.chapter2.script import analysis as say
from scenes.common import data
from scenes.common.captions import line_seconds, narrated
from scenes.common.digit import DigitImage, WeightHeatMap
from scenes.common.formatting import tex_count, tex_percent
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.numbers import DecimalColumn, DecimalGrid
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, YELLOW
from scenes.common.shown import Shown

#: Seconds per test digit while the counter runs, and per digit at the slow start.
FAST, SLOW = 0.05, 0.35
#: Digits shown slowly at the start of the stream.
SLOW_DIGITS = 5
#: How long the stream pauses on each mistake.
MISTAKE_PAUSE = 0.9
#: The stream lasts a whole number of these (one frame at 15, 30 and 60 fps).
TICK = 1 / 15
#: The stream is played in two parts, each under its own line; the second starts at this digit.
SECOND_PART = 100


class TestingOnThreeHundredDigits(Scene):
    """Ch2 8.1: the trained network on 300 real test digits: a live counter that stops at each mistake."""

    def construct(self) -> None:
        st = d.stream()
        test = data.split("test")
        self.images = test.images[:d.STREAM_DIGITS]
        self.slot = DigitImage(self.images[0], size=3.4).move_to([-3.2, 0.7, 0])
        self.counter = ScoreCounter(font_size=BODY_FONT_SIZE + 4)
        self.counter.set_score(0, 0).move_to([3.2, 2.0, 0])
        says = Tex("Network says:", font_size=BODY_FONT_SIZE)
        self.answer = Integer(int(st.predictions[0]), font_size=BODY_FONT_SIZE + 12, color=YELLOW)
        self.answer_row = VGroup(says, self.answer).arrange(RIGHT, buff=0.3).move_to([3.0, 0.6, 0])
        self.shown = Shown(counter=self.counter, mistakes_shown=[], answer=self.answer)
        self.play(FadeIn(self.slot), FadeIn(self.counter), FadeIn(self.answer_row), run_time=0.6)
        self.run(st)
        paced(self, say.score(st.correct, d.STREAM_DIGITS), Indicate(self.counter, color=GREEN))
        full = d.full_test_accuracy()
        total = Tex(rf"All {tex_count(len(test))} test images: {tex_percent(full)}", font_size=BODY_FONT_SIZE)
        total.next_to(self.answer_row, DOWN, buff=1.0)
        self.shown["full_accuracy"] = full
        paced(self, say.full_test(len(test), full, d.trained().n_parameters), Write(total))
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
        for line, (a, b) in ((say.reads_test_digits(d.STREAM_DIGITS), (0, SECOND_PART)),
                             (say.stops_at_mistakes(), (SECOND_PART, d.STREAM_DIGITS))):
            part = {i: m for i, m in marks.items() if a <= i < b}
            seconds = max(1, round(max(float(np.sum(durations[a:b])), 0.9 * line_seconds(line)) / TICK)) * TICK
            with narrated(self, line):
                self.play(DigitStream(self.slot, self.images[a:b], durations[a:b], self.counter, st.running[a:b],
                                      self.answer, st.predictions[a:b], part, first=a, rate_func=linear),
                          run_time=seconds)
            self.remove(*part.values())


class WhatTheFirstLayerLooksFor(Scene):
    """Ch2 8.2: the 16 first-layer weight rows of the trained network as pictures, looked at one by one."""

    def construct(self) -> None:
        pictures = d.first_layer_pictures()
        grid = VGroup(*[WeightHeatMap(p, positive=BLUE, negative=RED, gamma=0.3, size=1.45) for p in pictures])
        grid.arrange_in_grid(rows=2, cols=8, buff=0.2).move_to([0, 0.2, 0])
        heading = Tex("What the first hidden layer looks for", font_size=BODY_FONT_SIZE).to_edge(UP, buff=0.8)
        self.shown = Shown(pictures=grid)
        paced(self, say.weight_pictures(d.trained().sizes[0]), FadeIn(heading),
              LaggedStart(*[FadeIn(p, scale=0.8) for p in grid], lag_ratio=0.15))
        box = SurroundingRectangle(grid[0], color=YELLOW, buff=0.05)
        half = len(grid) // 2
        for line, members in ((say.blotches(), grid[:half]), (say.weights_that_work(), grid[half:])):
            with narrated(self, line):
                seconds = share_of(line, 0.95, len(members))
                for picture in members:
                    if picture is grid[0]:
                        self.play(Create(box), run_time=seconds)
                    else:
                        self.play(box.animate.move_to(picture), run_time=seconds)
        self.play(FadeOut(grid), FadeOut(heading), FadeOut(box))


class NoiseGoesIn(Scene):
    """Ch2 8.3: seeded random noise fed to the trained network, and what it answers."""

    def construct(self) -> None:
        answer = d.noise_answer()
        outputs = answer.outputs
        image = DigitImage(answer.image, size=3.2).move_to([-4.0, 0.6, 0])
        column = DecimalColumn(outputs, num_decimal_places=2, font_size=BODY_FONT_SIZE + 4, row_gap=0.14)
        column.move_to([0.6, 0.55, 0])
        labels = VGroup(*[MathTex(str(j), font_size=BODY_FONT_SIZE, color=GREY_B).next_to(column, LEFT, buff=0.2)
                          .match_y(e) for j, e in enumerate(column.entries)])
        guess = answer.guess
        runner_up = int(np.argsort(outputs)[-2])
        self.shown = Shown(outputs=column, guess=guess, runner_up=runner_up)
        paced(self, say.pure_noise(len(outputs)), FadeIn(image, scale=0.8), FadeIn(labels), FadeIn(column.brackets),
              LaggedStart(*[FadeIn(e, shift=LEFT * 0.3) for e in column.entries], lag_ratio=0.3))
        box = SurroundingRectangle(VGroup(labels[guess], column.entries[guess]), color=YELLOW, buff=0.12)
        second = SurroundingRectangle(VGroup(labels[runner_up], column.entries[runner_up]), color=GREY_B, buff=0.12)
        says = Tex(rf"Looks like a {guess} to me!", font_size=BODY_FONT_SIZE, color=YELLOW).move_to([4.4, 0.7, 0])
        paced(self, say.noise_guess(guess, float(outputs[guess]), runner_up, float(outputs[runner_up])),
              LaggedStart(Create(box), FadeIn(says, shift=LEFT * 0.3), Create(second), lag_ratio=0.5))
        self.play(*[FadeOut(m) for m in self.mobjects])


class WhatExcitesEachNeuron(Scene):
    """Ch2 8.4 (beyond the original): for each first-layer neuron, the test digits that excite it most."""

    def construct(self) -> None:
        pictures = d.first_layer_pictures()
        favourites = d.favourite_test_digits()
        test = data.split("test")
        rows = VGroup()
        for picture, neuron in zip(pictures, favourites.neurons):
            row = VGroup(WeightHeatMap(picture, positive=BLUE, negative=RED, gamma=0.3, size=0.58),
                         *[DigitImage(test.images[i], size=0.58) for i in favourites.indices_of(int(neuron))])
            rows.add(row.arrange(RIGHT, buff=0.08))
        rows.arrange_in_grid(rows=8, cols=2, buff=(0.9, 0.1), flow_order="dr").move_to([0, 0.2, 0])
        heading = Tex(r"Each neuron's weights, then the " + str(d.TOP_K) + " test digits that excite it most",
                      font_size=SMALL_FONT_SIZE).to_edge(UP, buff=0.3)
        one_digit = [k for k, neuron in enumerate(favourites.neurons)
                     if len(set(test.labels[favourites.indices_of(int(neuron))])) == 1]
        self.shown = Shown(favourites=favourites, rows=rows, one_digit_rows=one_digit)
        paced(self, say.favourites_heading(), FadeIn(heading),
              LaggedStart(*[FadeIn(r, shift=RIGHT * 0.2) for r in rows], lag_ratio=0.2))
        low = float(np.floor(favourites.activations[:, -1].min() * 1000) / 1000)
        self.shown["low"] = low
        boxes = VGroup(*[SurroundingRectangle(rows[k][1:], color=YELLOW, buff=0.04) for k in one_digit])
        paced(self, say.favourites_real(low), LaggedStart(*[Create(b) for b in boxes], lag_ratio=0.4))
        self.play(FadeOut(rows), FadeOut(heading), FadeOut(boxes))


class ConvolutionSlidesOverADigit(Scene):
    """Ch2 9: where to learn more; a real 4x4 kernel slides over a real digit and builds its output map."""

    def construct(self) -> None:
        conv = d.convolution()
        kernel, out = conv.kernel, conv.output
        k_rows, k_cols = kernel.shape
        cell = 0.17
        digit = DigitImage(conv.image, size=IMAGE_SIDE * cell).move_to([-4.3, 0.3, 0])
        grid = DecimalGrid(kernel, num_decimal_places=0, color_by_sign=True, font_size=30).move_to([-0.2, 1.6, 0])
        k_label = Tex(rf"a {k_rows}$\times${k_cols} kernel", font_size=SMALL_FONT_SIZE).next_to(grid, UP, buff=0.2)
        vmax = float(np.abs(out).max())
        self.shown = Shown(kernel=grid, output=out)
        paced(self, say.old_technology(), FadeIn(digit, scale=0.9))
        paced(self, say.kernel(k_rows, k_cols, float(kernel[0, 0]), float(kernel[-1, 0])), FadeIn(grid, shift=DOWN * 0.2),
              FadeIn(k_label))
        window = Square(side_length=k_rows * cell, color=YELLOW, stroke_width=4)
        window.move_to(digit.get_corner(UP + LEFT) + np.array([k_cols * cell / 2, -k_rows * cell / 2, 0]))
        rows = [SignedMap(out[r:r + 1], cell, vmax) for r in range(out.shape[0])]
        origin = np.array([1.8, 2.5, 0.0])
        for r, row in enumerate(rows):
            row.move_to(origin + np.array([row.width / 2, -r * cell - cell / 2, 0]))
        frame = Square(side_length=out.shape[1] * cell, color=GREY_B, stroke_width=2)
        frame.move_to(origin + np.array([out.shape[1] * cell / 2, -out.shape[0] * cell / 2, 0]))
        o_label = Tex("its output map", font_size=SMALL_FONT_SIZE).next_to(frame, UP, buff=0.15)
        self.shown["rows"] = rows
        line = say.kernel_fires()
        start = window.get_center()
        with narrated(self, line):
            self.play(Create(window), FadeIn(o_label), Create(frame), run_time=0.6)
            for r, row in enumerate(rows):
                left = start + np.array([0, -r * cell, 0])
                window.move_to(left)
                self.play(window.animate.move_to(left + np.array([(out.shape[1] - 1) * cell, 0, 0])),
                          FadeIn(row), run_time=max(0.2, share_of(line, 0.85, len(rows))))
        book = Tex(r"Michael Nielsen,\\\emph{Neural Networks and Deep Learning}", font_size=SMALL_FONT_SIZE)
        book.scale_to_fit_width(min(book.width, 3.2)).move_to(VGroup(grid, k_label))
        paced(self, say.learn_more(), FadeOut(window), FadeOut(grid), FadeOut(k_label), Write(book))
        self.play(*[FadeOut(m) for m in self.mobjects])
