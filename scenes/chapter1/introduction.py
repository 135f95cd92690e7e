"""Chapter 1, segments 1-2 ("Introduction example", "Series preview"): real threes, the task, the plan."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Create, FadeIn, FadeOut, FadeTransform, GrowArrow, Indicate,
                   MathTex, Rectangle, Scene, Succession, SurroundingRectangle, Tex, Transform, VGroup, Write)

from nnmath import feedforward
from nnmath.mnist import IMAGE_SIDE
from scenes.chapter1 import data as ch1
from scenes.chapter1.mobjects import EDGE_KEEP, digit_of, mnist_diagram
from scenes.common import data
from scenes.common.captions import caption, captioned
from scenes.common.digit import DigitImage, PixelGrid
from scenes.common.formatting import format_count, format_percent
from scenes.common.layout import (BODY_FONT_SIZE, MED_LARGE_BUFF, MED_SMALL_BUFF, SAFE_MARGIN, SMALL_BUFF,
                                  SMALL_FONT_SIZE, TITLE_FONT_SIZE)
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import heading

__all__ = ["ThreesInManyShapes", "EveryPixelIsANumber", "ToyNetworkPreview", "RealNetworkReadsDigits"]


# =========================================================================== 1. Introduction example
class ThreesInManyShapes(Scene):
    """1.1 Real training 3s swap in and out; a 3 'equals' a 3 but turns into 8, 7, 6, 5."""

    def construct(self) -> None:
        threes = data.image_map()[3]
        digit = DigitImage(threes[0], size=3.2).shift(LEFT * 3)
        arrow = Arrow(LEFT * 1.2, RIGHT * 1.2, color=GREY_B)
        answer = MathTex("3", font_size=140).shift(RIGHT * 3)
        caption(self, f"Here is a handwritten three from the MNIST training set: {IMAGE_SIDE} by {IMAGE_SIDE} "
                      "pixels.", FadeIn(digit))
        caption(self, "You read it instantly.", GrowArrow(arrow), Write(answer))
        current = digit
        with captioned(self, "Five other threes light up very different pixels, and you still read a three."):
            for x in threes[1:6]:
                nxt = DigitImage(x, size=3.2).move_to(digit)
                self.play(FadeTransform(current, nxt), run_time=0.8)
                current = nxt
        self.play(FadeOut(arrow), FadeOut(answer), current.animate.shift(LEFT * 0.5))
        self.compare(current)

    def compare(self, left: DigitImage) -> None:
        maps = data.image_map()
        right = DigitImage(maps[3][1], size=3.2).shift(RIGHT * 3.5)
        equal = MathTex("=", font_size=120)
        caption(self, "Your brain says these two grids are the same thing...", FadeIn(right), Write(equal))
        not_equal = MathTex(r"\neq", font_size=120, color=RED)
        with captioned(self, "...and that these are not, although all of them are just pixel values."):
            self.play(Transform(equal, not_equal))
            for d in (8, 7, 6, 5):
                nxt = DigitImage(maps[d][0], size=3.2).move_to(right)
                self.play(FadeTransform(right, nxt), run_time=0.8)
                right = nxt


class EveryPixelIsANumber(Scene):
    """1.2 The 3 with every pixel value written in; a box hops over 0-9 to the network's answer."""

    def construct(self) -> None:
        self.shown = Shown()
        index = int(data.image_map_indices()[3][0])
        grid = PixelGrid(data.digit("train", index), size=7.2, show_values=True, num_decimal_places=1)
        grid.to_edge(LEFT, buff=SAFE_MARGIN)
        self.shown["pixels"] = grid
        caption(self, f"To a computer the three is {grid.pixels.size} numbers: each pixel's brightness, "
                      "from 0 for black to 1 for white.", FadeIn(grid), run_time=2)
        digits = VGroup(*[MathTex(str(d), font_size=44) for d in range(10)]).arrange(DOWN, buff=0.22)
        digits.to_edge(RIGHT, buff=1.5)
        how = Tex("How?", font_size=TITLE_FONT_SIZE).next_to(digits, LEFT, buff=1.0)
        caption(self, f"The task: write a program that takes these {grid.pixels.size} numbers and names "
                      "the digit.",
                FadeIn(digits), Write(how))
        answer = int(data.trace("train", index).prediction)
        self.hop_to(digits, answer)
        self.shown["answer"] = digits[answer]
        caption(self, f"The network built in this series answers {answer}. "
                      "The rest of the video shows how.", Indicate(digits[answer], color=YELLOW))

    def hop_to(self, digits: VGroup, answer: int) -> None:
        """A box hops down the digits 0-9, then back to ``answer``."""
        box = SurroundingRectangle(digits[0], color=YELLOW, buff=0.08)
        self.play(Create(box), run_time=0.4)
        hops = [box.animate.move_to(digits[d]) for d in range(1, 10)] + [box.animate.move_to(digits[answer])]
        self.play(Succession(*hops, run_time=2.4))


# =========================================================================== 2. Series preview
class ToyNetworkPreview(Scene):
    """2.1 A seeded 8-6-6-4 network, a yellow sweep of a forward pass, its formula, the plan."""

    def construct(self) -> None:
        net = data.seeded_network((8, 6, 6, 4), ch1.TOY_SEED)
        trace = feedforward(net, data.seeded_input(net.sizes[0], ch1.TOY_SEED))
        self.shown = Shown(trace=trace)
        diagram = NetworkDiagram.from_network(net, mnist_style=False, output_labels=False,
                                              layer_gap=2.0, edge_exponent=1.0)
        diagram.scale(1.3).shift(UP * 0.6)
        caption(self, "A neural network: layers of neurons, every neuron linked to every neuron "
                      "of the next layer.", diagram.create(), run_time=2)
        caption(self, "Numbers flow from left to right, layer after layer.",
                diagram.forward_pass(trace, layer_time=0.6))
        formula = MathTex(r"a^{(l)}", "=", r"\sigma", r"\left(W^{(l)} a^{(l-1)} + b^{(l)}\right)",
                          font_size=44)
        formula[2].set_color(YELLOW)
        formula.next_to(diagram, DOWN, buff=MED_LARGE_BUFF)
        caption(self, "Each layer comes from the one before by one formula; by the end of the video "
                      "you will be able to read it.", Write(formula))
        self.play(FadeOut(formula), diagram.fade_out())
        self.plan()

    def plan(self) -> None:
        words = VGroup(Tex("Structure", font_size=TITLE_FONT_SIZE),
                       Tex("Learning", font_size=TITLE_FONT_SIZE)).arrange(RIGHT, buff=3)
        boxes = VGroup(*[SurroundingRectangle(w, color=c, buff=0.4) for w, c in zip(words, (BLUE, YELLOW))])
        parts = VGroup(Tex("this video", font_size=SMALL_FONT_SIZE, color=GREY_B),
                       Tex("next video", font_size=SMALL_FONT_SIZE, color=GREY_B))
        for p, b in zip(parts, boxes):
            p.next_to(b, DOWN, buff=SMALL_BUFF)
        caption(self, "Two questions: what the structure is (this video), and how it learns (the next).",
                FadeIn(words), Create(boxes), FadeIn(parts))
        self.play(FadeOut(VGroup(words, boxes, parts)))


class RealNetworkReadsDigits(Scene):
    """2.2 The real trained network (30 % of edges, the strongest) reads test digits 0-14."""

    COUNT = 15

    def construct(self) -> None:
        self.shown = Shown()
        title = heading("Plain vanilla (aka multilayer perceptron)", font_size=BODY_FONT_SIZE)
        diagram = mnist_diagram(height=5.0, edge_keep=EDGE_KEEP)
        diagram.next_to(title, DOWN, buff=MED_SMALL_BUFF).shift(RIGHT * 1.8)
        caption(self, "The network of this series: the plainest kind, a multilayer perceptron, trained "
                      f"on {format_count(len(data.split('train').labels))} handwritten digits. Only its "
                      f"strongest {format_percent(EDGE_KEEP, 0)} of links are drawn.",
                Write(title), diagram.fade_in(), run_time=2)
        results = self.read_digits(diagram)
        evaluation = data.evaluation("test", 0, self.COUNT)
        self.shown["correct"] = evaluation.correct
        caption(self, f"It reads {evaluation.correct} of these {self.COUNT} unseen test digits correctly.",
                Indicate(results))

    def read_digits(self, diagram: NetworkDiagram) -> VGroup:
        """Show each test digit, fill the network with its activations, box the answer."""
        results = VGroup()
        slot = VGroup(*[Rectangle(width=0.5, height=0.5) for _ in range(self.COUNT)])
        slot.arrange(RIGHT, buff=0.12).to_edge(DOWN, buff=SAFE_MARGIN)
        digit = None
        box = None
        self.shown["predictions"] = predictions = []
        for i in range(self.COUNT):
            trace = data.trace("test", i)
            new = digit_of("test", i, size=2.2).to_edge(LEFT, buff=0.8).shift(UP * 0.5)
            fills = [diagram.fill_layer(l, trace) for l in range(len(diagram.sizes))]
            self.play(FadeIn(new) if digit is None else FadeTransform(digit, new), *fills, run_time=0.6)
            digit = new
            target = SurroundingRectangle(diagram.neuron(len(diagram.sizes) - 1, trace.prediction),
                                          color=YELLOW, buff=0.06)
            self.play(Create(target) if box is None else Transform(box, target), run_time=0.35)
            box = box or target
            predictions.append(int(trace.prediction))
            ok = trace.prediction == data.label("test", i)
            thumb = DigitImage(data.digit("test", i), size=0.5, frame_color=GREEN if ok else RED)
            thumb.move_to(slot[i])
            self.add(thumb)
            results.add(thumb)
            if not ok:
                self.wait(0.6)
        return results
