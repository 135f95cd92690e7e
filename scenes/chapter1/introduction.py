"""Chapter 1, segments 1-2 ("Introduction example", "Series preview"): real threes, the task, the plan."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, Arrow, Create, FadeIn, FadeOut, FadeTransform, GrowArrow, Indicate,
                   MathTex, Rectangle, Scene, Succession, SurroundingRectangle, Tex,
                   Transform, VGroup, Write)

from nnmath import feedforward
from nnmath.mnist import IMAGE_SIDE
from scenes.chapter1 import data as ch1
from scenes.chapter1.mobjects import CONTENT_Y, EDGE_KEEP, digit_of, mnist_diagram
from scenes.chapter1.pacing import paced, share_of
from scenes.chapter1.script import introduction as say
from scenes.common import data
from scenes.common.captions import narrated
from scenes.common.digit import DigitImage, PixelGrid
from scenes.common.layout import BODY_FONT_SIZE, MED_LARGE_BUFF, MED_SMALL_BUFF, SAFE_MARGIN, SMALL_BUFF, \
    SMALL_FONT_SIZE, TITLE_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import heading

__all__ = ["ThreesInManyShapes", "EveryPixelIsANumber", "ToyNetworkPreview", "RealNetworkReadsDigits"]

#: Side and place of the big digit that opens the chapter (1.1 ends and 1.2 starts with it there).
BIG_DIGIT = 3.2
#: The other threes of 1.1 (``image_map()[3][1:1 + OTHER_THREES]``).
OTHER_THREES = 5
#: The digits a three turns into in 1.1.
NOT_THREES = (8, 7, 6, 5)


# =========================================================================== 1. Introduction example
class ThreesInManyShapes(Scene):
    """1.1 Real training 3s swap in and out; a 3 'equals' a 3 but turns into 8, 7, 6, 5."""

    def construct(self) -> None:
        threes = data.image_map()[3]
        digit = DigitImage(threes[0], size=BIG_DIGIT).shift(LEFT * 3)
        arrow = Arrow(LEFT * 1.2, RIGHT * 1.2, color=GREY_B)
        answer = MathTex("3", font_size=140).shift(RIGHT * 3)
        paced(self, say.a_three(IMAGE_SIDE), FadeIn(digit, scale=0.6), share=0.6)
        paced(self, say.you_read_it(), GrowArrow(arrow), Write(answer), share=0.7)
        current = digit
        line = say.other_threes(OTHER_THREES)
        with narrated(self, line):
            for x in threes[1:1 + OTHER_THREES]:
                nxt = DigitImage(x, size=BIG_DIGIT).move_to(digit)
                self.play(FadeTransform(current, nxt), Indicate(answer, scale_factor=1.1),
                          run_time=share_of(line, 0.9, OTHER_THREES))
                current = nxt
        self.play(FadeOut(arrow), FadeOut(answer), current.animate.shift(LEFT * 0.5), run_time=0.8)
        self.compare(current)

    def compare(self, left: DigitImage) -> None:
        maps = data.image_map()
        right = DigitImage(maps[3][1], size=BIG_DIGIT).shift(RIGHT * 3.5)
        equal = MathTex("=", font_size=120)
        paced(self, say.same_thing(), FadeIn(right, shift=LEFT), Write(equal), share=0.7)
        not_equal = MathTex(r"\neq", font_size=120, color=RED)
        line = say.not_the_same()
        with narrated(self, line):
            self.play(Transform(equal, not_equal), run_time=0.6)
            for d in NOT_THREES:
                nxt = DigitImage(maps[d][0], size=BIG_DIGIT).move_to(right)
                self.play(FadeTransform(right, nxt), run_time=share_of(line, 0.8, len(NOT_THREES)))
                right = nxt


class EveryPixelIsANumber(Scene):
    """1.2 The 3 grows into its pixel grid with every value written in; a box hops to the network's answer."""

    def construct(self) -> None:
        self.shown = Shown()
        index = int(data.image_map_indices()[3][0])
        pixels = data.digit("train", index)
        digit = DigitImage(pixels, size=BIG_DIGIT).shift(LEFT * 3)
        grid = PixelGrid(pixels, size=6.4, show_values=True, num_decimal_places=1)
        grid.to_edge(LEFT, buff=SAFE_MARGIN).set_y(0.45)
        self.shown["pixels"] = grid
        self.add(digit)
        line = say.pixels_are_numbers(grid.pixels.size)
        values = grid.values
        grid.remove(values)
        with narrated(self, line):
            self.play(FadeTransform(digit, grid), run_time=share_of(line, 0.3))
            self.play(FadeIn(values, lag_ratio=0.02), run_time=share_of(line, 0.6))
        grid.add(values)
        digits = VGroup(*[MathTex(str(d), font_size=44) for d in range(10)]).arrange(DOWN, buff=0.12)
        digits.to_edge(RIGHT, buff=1.5).set_y(grid.get_y())
        how = Tex("How?", font_size=TITLE_FONT_SIZE).next_to(digits, LEFT, buff=1.0)
        paced(self, say.the_task(grid.pixels.size), FadeIn(digits, lag_ratio=0.1), Write(how), share=0.8)
        answer = int(data.trace("train", index).prediction)
        self.shown["answer"] = digits[answer]
        line = say.hops_to(answer)
        with narrated(self, line):
            self.hop_to(digits, answer, share_of(line, 0.6))
            self.play(Indicate(digits[answer], color=YELLOW), run_time=share_of(line, 0.3))

    def hop_to(self, digits: VGroup, answer: int, run_time: float) -> None:
        """A box hops down the digits 0-9, then back to ``answer``."""
        box = SurroundingRectangle(digits[0], color=YELLOW, buff=0.08)
        self.play(Create(box), run_time=0.3)
        hops = [box.animate.move_to(digits[d]) for d in range(1, 10)] + [box.animate.move_to(digits[answer])]
        self.play(Succession(*hops, run_time=run_time))


# =========================================================================== 2. Series preview
class ToyNetworkPreview(Scene):
    """2.1 A seeded 8-6-6-4 toy network, a yellow sweep of a forward pass, its formula, the plan."""

    def construct(self) -> None:
        net = data.seeded_network((8, 6, 6, 4), ch1.TOY_SEED)
        trace = feedforward(net, data.seeded_input(net.sizes[0], ch1.TOY_SEED))
        self.shown = Shown(trace=trace)
        diagram = NetworkDiagram.from_network(net, mnist_style=False, output_labels=False,
                                              layer_gap=2.0, edge_exponent=1.0)
        diagram.scale_to_fit_height(4.6).set_y(CONTENT_Y + 0.5)
        paced(self, say.toy_network(net.sizes), diagram.create())
        line = say.numbers_flow()
        paced(self, line, diagram.forward_pass(trace, layer_time=share_of(line, 0.9, 2 * len(net.weights) + 1)),
              share=1.0)
        formula = MathTex(r"a^{(l)}", "=", r"\sigma", r"\left(W^{(l)} a^{(l-1)} + b^{(l)}\right)",
                          font_size=44)
        formula[2].set_color(YELLOW)
        formula.next_to(diagram, DOWN, buff=MED_LARGE_BUFF)
        paced(self, say.one_formula(), Write(formula), share=0.8)
        self.play(FadeOut(formula), diagram.fade_out(), run_time=0.8)
        self.plan()

    def plan(self) -> None:
        words = VGroup(Tex("Structure", font_size=TITLE_FONT_SIZE),
                       Tex("Learning", font_size=TITLE_FONT_SIZE)).arrange(RIGHT, buff=3)
        boxes = VGroup(*[SurroundingRectangle(w, color=c, buff=0.4) for w, c in zip(words, (BLUE, YELLOW))])
        parts = VGroup(Tex("this video", font_size=SMALL_FONT_SIZE, color=GREY_B),
                       Tex("next video", font_size=SMALL_FONT_SIZE, color=GREY_B))
        for p, b in zip(parts, boxes):
            p.next_to(b, DOWN, buff=SMALL_BUFF)
        line = say.two_questions()
        with narrated(self, line):
            self.play(FadeIn(words[0]), Create(boxes[0]), FadeIn(parts[0]), run_time=share_of(line, 0.4))
            self.play(FadeIn(words[1]), Create(boxes[1]), FadeIn(parts[1]), run_time=share_of(line, 0.4))
        self.play(FadeOut(VGroup(words, boxes, parts)), run_time=0.6)


class RealNetworkReadsDigits(Scene):
    """2.2 The real trained network (30 % of edges, the strongest) reads test digits 0-14."""

    COUNT = 15

    def construct(self) -> None:
        self.shown = Shown()
        title = heading("Plain vanilla (aka multilayer perceptron)", font_size=BODY_FONT_SIZE)
        diagram = mnist_diagram(height=5.2, edge_keep=EDGE_KEEP)
        diagram.next_to(title, DOWN, buff=MED_SMALL_BUFF).shift(RIGHT * 2.0)
        paced(self, say.real_network(len(data.split("train").labels), EDGE_KEEP), Write(title),
              diagram.fade_in())
        results = self.read_digits(diagram)
        evaluation = data.evaluation("test", 0, self.COUNT)
        self.shown["correct"] = evaluation.correct
        labels = [data.label("test", i) for i in range(self.COUNT)]
        wrong = VGroup(*[r for r, p, y in zip(results, self.shown["predictions"], labels) if p != y])
        paced(self, say.reads_correctly(evaluation.correct, self.COUNT),
              Indicate(wrong if len(wrong) else results, color=RED if len(wrong) else YELLOW), share=0.6)

    def read_digits(self, diagram: NetworkDiagram) -> VGroup:
        """Show each test digit, fill the network with its activations, box the answer."""
        results = VGroup()
        slots = VGroup(*[Rectangle(width=0.5, height=0.5) for _ in range(self.COUNT)])
        slots.arrange_in_grid(rows=3, buff=0.12).to_edge(LEFT, buff=0.8).set_y(-1.6)
        self.shown["predictions"] = predictions = []
        state: dict[str, object] = {}
        halves = (range(0, 8), range(8, self.COUNT))
        for line, part in zip((say.reading_digits(), say.unseen_digits()), halves):
            with narrated(self, line):
                for i in part:
                    results.add(self.read_one(diagram, i, slots[i], state, share_of(line, 0.95, len(part))))
                    predictions.append(int(data.trace("test", i).prediction))
        return results

    def read_one(self, diagram: NetworkDiagram, i: int, slot: Rectangle, state: dict, seconds: float) -> DigitImage:
        trace = data.trace("test", i)
        new = digit_of("test", i, size=2.0).to_edge(LEFT, buff=1.2).set_y(1.3)
        fills = [diagram.fill_layer(l, trace) for l in range(len(diagram.sizes))]
        old = state.get("digit")
        self.play(FadeIn(new) if old is None else FadeTransform(old, new), *fills, run_time=0.6 * seconds)
        state["digit"] = new
        target = SurroundingRectangle(diagram.neuron(len(diagram.sizes) - 1, trace.prediction),
                                      color=YELLOW, buff=0.06)
        box = state.get("box")
        ok = trace.prediction == data.label("test", i)
        thumb = DigitImage(data.digit("test", i), size=0.5, frame_color=GREEN if ok else RED).move_to(slot)
        self.play(Create(target) if box is None else Transform(box, target), FadeIn(thumb, shift=DOWN * 0.2),
                  run_time=0.4 * seconds)
        state["box"] = box or target
        return thumb
