"""Chapter 1, "But what is a Neural Network?": the structure of a real 784-16-16-10 network.

Every number on screen comes from :mod:`nnmath` through :mod:`scenes.common.data`:
pixels of real MNIST digits, activations of the shipped trained network, the
weights that colour its edges, the parameter tally from ``net.sizes``, and a
seeded 8 -> 6 example for the matrix form. The story is told in subcaptions
(:func:`scenes.common.captions.caption`).
"""
from __future__ import annotations

import inspect

import numpy as np
from manim import (BLACK, DOWN, LEFT, RIGHT, UL, UP, AnimationGroup, Arrow, Axes, Brace,
                   ChangeDecimalToValue, Circle, Code, Create, Cross, DecimalNumber, FadeIn,
                   FadeOut, FadeTransform, GrowArrow, GrowFromCenter, Indicate, LaggedStart, Line,
                   MathTex, Rectangle, Scene, Square, Succession, SurroundingRectangle, Tex,
                   Transform, VGroup, VMobject, Write)

import nnmath
from nnmath import feedforward, relu, sigmoid
from nnmath.analysis import (digit_loops, edge_detector, first_mistake, ink_mask, interpolate_networks,
                             most_selective_neurons, neuron_response, parameter_tally,
                             shown_input_pixels, sobel_edges, split_by_angle, top_exciting)
from scenes.common import data
from scenes.common.captions import caption, captioned
from scenes.common.digit import SIDE, DigitImage, PixelGrid, WeightHeatMap
from scenes.common.edges import EdgeBundle
from scenes.common.layout import (BODY_FONT_SIZE, MED_LARGE_BUFF, MED_SMALL_BUFF, SAFE_MARGIN,
                                  SMALL_BUFF, SMALL_FONT_SIZE, TITLE_FONT_SIZE)
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.numbers import DecimalColumn, DecimalGrid
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, TEAL, WHITE, YELLOW
from scenes.common.text import fit_in_frame, heading

TITLE = "But what is a Neural Network?"
YOUTUBE_ID = "aircAruvnKk"

#: Height of the full 784-16-16-10 diagram when it fills the frame's height.
DIAGRAM_HEIGHT = 6.4
#: Seeds of the toy examples (fixed forever; the numbers they give come from nnmath).
TOY_SEED = 1
MATRIX_SEED = 8
SHIMMER_SEED = 0
#: Fraction of each matrix's edges drawn in busy beats (the strongest ones).
EDGE_KEEP = 0.3
#: The hand-made edge detector of segment 6 and its bias.
BAR_ROWS, BAR_COLS = (7, 9), (10, 17)
BAR_BIAS = -10.0
#: How many test images the "what does a real neuron like" beat searches.
SEARCH_IMAGES = 10_000


# --------------------------------------------------------------------------- helpers
def mnist_diagram(height: float = DIAGRAM_HEIGHT, **kwargs: object) -> NetworkDiagram:
    """The trained network's diagram, scaled to ``height``."""
    diagram = NetworkDiagram.from_network(data.network(), **kwargs)
    diagram.scale_to_fit_height(height)
    return diagram


def digit_of(split: data.Split, index: int, size: float = 2.5, frame=GREY_B) -> DigitImage:
    """A real MNIST digit as a mobject."""
    return DigitImage(data.digit(split, index), size=size, frame_color=frame)


def masked(pixels: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``pixels`` with everything outside ``mask`` (28x28 bool) blacked out, shape (784,)."""
    return np.where(mask.ravel(), pixels, 0.0)


def tex_int(n: int) -> str:
    """``12544`` -> ``12{,}544`` for MathTex."""
    return f"{n:,}".replace(",", "{,}")


# =========================================================================== 1. Introduction example
class ThreesInManyShapes(Scene):
    """1.1 Real training 3s swap in and out; a 3 'equals' a 3 but turns into 8, 7, 6, 5."""

    def construct(self) -> None:
        threes = data.image_map()[3]
        digit = DigitImage(threes[0], size=3.2).shift(LEFT * 3)
        arrow = Arrow(LEFT * 1.2, RIGHT * 1.2, color=GREY_B)
        answer = MathTex("3", font_size=140).shift(RIGHT * 3)
        caption(self, f"Here is a handwritten three from the MNIST training set: {SIDE} by {SIDE} pixels.",
                FadeIn(digit))
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
        index = int(data.image_map_indices()[3][0])
        grid = self.grid = PixelGrid(data.digit("train", index), size=7.2, show_values=True,
                                     num_decimal_places=1)
        grid.to_edge(LEFT, buff=SAFE_MARGIN)
        caption(self, f"To a computer the three is {grid.pixels.size} numbers: each pixel's brightness, "
                      "from 0 for black to 1 for white.", FadeIn(grid), run_time=2)
        digits = VGroup(*[MathTex(str(d), font_size=44) for d in range(10)]).arrange(DOWN, buff=0.22)
        digits.to_edge(RIGHT, buff=1.5)
        how = Tex("How?", font_size=TITLE_FONT_SIZE).next_to(digits, LEFT, buff=1.0)
        caption(self, f"The task: write a program that takes these {grid.pixels.size} numbers and names "
                      "the digit.",
                FadeIn(digits), Write(how))
        trace = data.trace("train", index)
        box = SurroundingRectangle(digits[0], color=YELLOW, buff=0.08)
        self.play(Create(box), run_time=0.4)
        hops = [box.animate.move_to(digits[d]) for d in range(1, 10)] + \
               [box.animate.move_to(digits[trace.prediction])]
        self.play(Succession(*hops, run_time=2.4))
        self.answer = int(trace.prediction)
        caption(self, f"The network built in this series answers {self.answer}. "
                      "The rest of the video shows how.", Indicate(digits[self.answer], color=YELLOW))


# =========================================================================== 2. Series preview
class ToyNetworkPreview(Scene):
    """2.1 A seeded 8-6-6-4 network, a yellow sweep of a forward pass, its formula, the plan."""

    def construct(self) -> None:
        net = data.seeded_network((8, 6, 6, 4), TOY_SEED)
        self.trace = feedforward(net, data.seeded_input(8, TOY_SEED))
        diagram = NetworkDiagram.from_network(net, mnist_style=False, output_labels=False,
                                              layer_gap=2.0, edge_exponent=1.0)
        diagram.scale(1.3).shift(UP * 0.6)
        caption(self, "A neural network: layers of neurons, every neuron linked to every neuron "
                      "of the next layer.", diagram.create(), run_time=2)
        caption(self, "Numbers flow from left to right, layer after layer.",
                diagram.forward_pass(self.trace, layer_time=0.6))
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
        title = heading("Plain vanilla (aka multilayer perceptron)", font_size=BODY_FONT_SIZE)
        diagram = mnist_diagram(height=5.0, edge_keep=EDGE_KEEP)
        diagram.next_to(title, DOWN, buff=MED_SMALL_BUFF).shift(RIGHT * 1.8)
        caption(self, "The network of this series: the plainest kind, a multilayer perceptron, trained "
                      f"on {len(data.split('train').labels):,} handwritten digits. Only its strongest "
                      f"{EDGE_KEEP:.0%} of links are drawn.",
                Write(title), diagram.fade_in(), run_time=2)
        self.results = self.read_digits(diagram)
        evaluation = data.evaluation("test", 0, self.COUNT)
        self.correct = evaluation.correct
        caption(self, f"It reads {evaluation.correct} of these {self.COUNT} unseen test digits correctly.",
                Indicate(self.results))

    def read_digits(self, diagram: NetworkDiagram) -> VGroup:
        """Show each test digit, fill the network with its activations, box the answer."""
        results = VGroup()
        slot = VGroup(*[Rectangle(width=0.5, height=0.5) for _ in range(self.COUNT)])
        slot.arrange(RIGHT, buff=0.12).to_edge(DOWN, buff=SAFE_MARGIN)
        digit = None
        box = None
        self.predictions = []
        for i in range(self.COUNT):
            trace = data.trace("test", i)
            new = digit_of("test", i, size=2.2).to_edge(LEFT, buff=0.8).shift(UP * 0.5)
            fills = [diagram.fill_layer(l, trace) for l in range(4)]
            self.play(FadeIn(new) if digit is None else FadeTransform(digit, new), *fills, run_time=0.6)
            digit = new
            target = SurroundingRectangle(diagram.neuron(3, trace.prediction), color=YELLOW, buff=0.06)
            self.play(Create(target) if box is None else Transform(box, target), run_time=0.35)
            box = box or target
            self.predictions.append(int(trace.prediction))
            ok = trace.prediction == data.label("test", i)
            thumb = DigitImage(data.digit("test", i), size=0.5, frame_color=GREEN if ok else RED)
            thumb.move_to(slot[i])
            self.add(thumb)
            results.add(thumb)
            if not ok:
                self.wait(0.6)
        return results


# =========================================================================== 3. What are neurons?
class NeuronHoldsANumber(Scene):
    """3.1 'Neuron -> thing that holds a number'; the nine's 784 pixels become 784 neurons."""

    def construct(self) -> None:
        title = MathTex(r"\text{Neuron} \rightarrow \text{Thing that holds a number}", font_size=44)
        title.to_edge(UP, buff=SAFE_MARGIN + 0.1)
        nine = data.image_map()[9][0]
        hidden = feedforward(data.network(), nine).activations[1][:3]
        examples = self.holders(hidden)
        caption(self, "For now a neuron is just a thing that holds a number between 0 and 1. These are "
                      "three neurons of our network while it reads a nine.", Write(title), FadeIn(examples))
        self.play(FadeOut(examples), FadeOut(title))
        self.pixels_to_neurons(nine)

    @staticmethod
    def holders(values: np.ndarray) -> VGroup:
        group = VGroup()
        for a in values:
            circle = Circle(radius=0.6, stroke_color=WHITE, fill_color=WHITE, fill_opacity=float(a))
            number = DecimalNumber(float(a), num_decimal_places=2, font_size=40,
                                   color=WHITE if a <= 0.8 else "#000000").move_to(circle)
            if a <= 0.8:
                number.next_to(circle, DOWN)
            group.add(VGroup(circle, number))
        return group.arrange(RIGHT, buff=1.5)

    def pixels_to_neurons(self, nine: np.ndarray) -> None:
        grid = PixelGrid(nine, size=5.6).shift(LEFT * 2.5)
        caption(self, "The first layer has one neuron per pixel of the image.", FadeIn(grid))
        step, radius = 0.24, 0.095
        rows, cols = np.divmod(np.arange(SIDE * SIDE), SIDE)
        centers = np.stack([(cols - 13.5) * step, (13.5 - rows) * step, np.zeros(SIDE * SIDE)], axis=1)
        centers += np.array([-2.5, 0.0, 0.0])
        count = MathTex(rf"{SIDE} \times {SIDE} = " + tex_int(nine.size), font_size=44).to_edge(RIGHT, buff=1.0)
        caption(self, f"So the nine becomes {nine.size} neurons, each holding its pixel's brightness.",
                grid.to_neurons(centers, radius), Write(count), run_time=2)
        self.zoom_on_one(grid, centers, nine)

    def zoom_on_one(self, grid: PixelGrid, centers: np.ndarray, nine: np.ndarray) -> None:
        k = int(np.argmax(nine))  # the brightest pixel (first one if tied)
        value = float(nine[k])
        big = Circle(radius=0.7, stroke_color=WHITE, fill_color=WHITE, fill_opacity=value)
        big.move_to(RIGHT * 4 + DOWN * 1.2)
        number = DecimalNumber(value, num_decimal_places=2, font_size=40, color="#000000").move_to(big)
        link = Line(centers[k], big.get_left(), color=YELLOW, stroke_width=2)
        label = Tex("Activation", font_size=BODY_FONT_SIZE, color=YELLOW).next_to(big, DOWN)
        self.shown_value = value
        caption(self, f"Its number is called its activation: this one, pixel {k}, holds {value:.2f}. "
                      "Brighter neurons hold bigger numbers.", Create(link), FadeIn(big), FadeIn(number),
                Write(label))


# =========================================================================== 4. Introducing layers
class PixelsBecomeTheInputLayer(Scene):
    """4.1 The nine's pixels fold into the input layer: 16 drawn neurons stand for 784."""

    def construct(self) -> None:
        nine = data.image_map()[9][0]
        diagram = mnist_diagram()
        layer = diagram.layers[0]
        grid = PixelGrid(nine, size=5.6).shift(LEFT * 3)
        shown = diagram.shown[0]
        marks = VGroup(*[SurroundingRectangle(VGroup(), color=YELLOW) for _ in shown])
        cell = grid.cell
        for mark, k in zip(marks, shown):
            mark.become(VMobject().set_points_as_corners(self.square(grid.pixel_center(*divmod(int(k), SIDE)),
                                                                   cell)).set_stroke(YELLOW, 2))
        self.add(grid)
        n, k = diagram.sizes[0], len(shown)
        caption(self, f"{n} neurons are too many to draw. The diagrams show {k} of them: the {k} pixels "
                      "whose links into the network carry the largest weights (yellow).",
                Create(marks), run_time=1.5)
        diagram.set_activations(feedforward(data.network(), nine), layers=[0])
        layer.shift(RIGHT * 3 - layer.neurons.get_center())
        targets = np.repeat(layer.dots.get_center()[None, :], SIDE * SIDE, axis=0)
        radii = np.zeros(SIDE * SIDE)
        for circle, k in zip(layer.neurons, shown):
            targets[k] = circle.get_center()
            radii[k] = circle.width / 2
        caption(self, f"Those {k} move into a column; the other {n - k} shrink into the dots. The brace "
                      "keeps count.", grid.to_neurons(targets, radii), FadeOut(marks), run_time=2)
        self.play(FadeIn(layer), FadeOut(grid), run_time=0.8)
        caption(self, "This column is the input layer: one neuron per pixel, holding that pixel's value.")

    @staticmethod
    def square(center: np.ndarray, side: float) -> list[np.ndarray]:
        h = side / 2
        return [center + np.array(p) for p in ([-h, h, 0], [h, h, 0], [h, -h, 0], [-h, -h, 0], [-h, h, 0])]


class LayersOfTheNetwork(Scene):
    """4.2 Layers 16, 16, 10 and their edges; hidden layers '?'; the nine propagates for real."""

    def construct(self) -> None:
        diagram = self.diagram = mnist_diagram()
        diagram.shift(RIGHT * 1.5)
        nine = data.image_map()[9][0]
        self.trace = feedforward(data.network(), nine)
        diagram.add_to(self)
        for part in (*diagram.edges, *diagram.layers[1:], diagram.output_labels):
            self.remove(part)
        caption(self, f"The last layer has {diagram.sizes[-1]} neurons, one per digit. How bright each one "
                      "is says how "
                      "much the network thinks the image is that digit.",
                FadeIn(diagram.layers[3]), FadeIn(diagram.output_labels))
        self.hidden_layers(diagram)
        digit = DigitImage(nine, size=2.4).to_edge(LEFT, buff=0.5)
        caption(self, "Feed in the nine: the input layer takes its pixel values...", FadeIn(digit),
                diagram.fill_layer(0, self.trace))
        caption(self, "...and each layer's activations set the next layer's.",
                diagram.forward_pass(self.trace, layer_time=0.7))
        self.read_output(diagram)

    def hidden_layers(self, diagram: NetworkDiagram) -> None:
        layers = VGroup(diagram.layers[1], diagram.layers[2])
        brace = Brace(layers, UP, buff=SMALL_BUFF)
        label = Tex("Hidden layers", font_size=BODY_FONT_SIZE).next_to(brace, UP, buff=SMALL_BUFF)
        marks = VGroup(*[MathTex("?", font_size=32, color=YELLOW).move_to(c)
                         for l in (1, 2) for c in diagram.neurons(l)])
        hidden = diagram.sizes[1:-1]
        caption(self, f"In between: {len(hidden)} hidden layers of {hidden[0]} neurons each. Why "
                      f"{len(hidden)}, why {hidden[0]}? A choice; we come back to what they might do.",
                FadeIn(diagram.layers[1]), FadeIn(diagram.layers[2]), GrowFromCenter(brace),
                Write(label), FadeIn(marks))
        caption(self, "Every neuron is linked to every neuron of the layer before. Blue links have "
                      "positive weights, red negative; thicker means larger.",
                *[Create(b) for b in diagram.edges], FadeOut(marks), run_time=2)
        self.play(FadeOut(brace), FadeOut(label))

    def read_output(self, diagram: NetworkDiagram) -> None:
        self.output_values = VGroup()
        for n, label in zip(diagram.layers[3].shown, diagram.output_labels):
            number = DecimalNumber(float(self.trace.output[n]), num_decimal_places=2, font_size=22)
            self.output_values.add(number.next_to(label, RIGHT, buff=0.4))
        self.prediction = int(self.trace.prediction)
        best = float(self.trace.output[self.prediction])
        caption(self, f"The brightest output neuron is {self.prediction}, at {best:.2f}: that is the "
                      "network's answer.", FadeIn(self.output_values), diagram.highlight_output(self.prediction))


# =========================================================================== 5. Why layers?
class LoopsAndLinesHope(Scene):
    """5.1 The hope: a 9 is a loop and a line, an 8 two loops; parts cut from real digits."""

    def construct(self) -> None:
        maps = data.image_map()
        nine, eight = maps[9][0], maps[8][0]
        rows = VGroup(self.breakdown(nine, [*digit_loops(nine), None], "loop", "line"),
                      self.breakdown(eight, digit_loops(eight), "upper loop", "lower loop"))
        rows.arrange(DOWN, buff=0.6, aligned_edge=LEFT).to_edge(LEFT, buff=0.8)
        self.loops = (len(digit_loops(nine)), len(digit_loops(eight)))
        caption(self, "Why layers? One hope: a nine is a loop on top of a line, an eight is two loops.",
                FadeIn(rows[0]))
        caption(self, "These parts are cut from the real digits: the ink around each enclosed hole "
                      "is a loop, the rest of the nine is its line.", FadeIn(rows[1]))
        self.hope(rows)

    @staticmethod
    def breakdown(pixels: np.ndarray, masks: list, first: str, second: str) -> VGroup:
        """digit = part + part; ``None`` in ``masks`` means "the ink left over"."""
        ink = ink_mask(pixels)
        used = np.zeros_like(ink)
        parts = []
        for mask in masks[:2]:
            if mask is None:
                mask = ink & ~used
            used |= mask
            parts.append(DigitImage(masked(pixels, mask), size=1.6, frame_color=GREY_B))
        while len(parts) < 2:  # a digit without the expected loops: show nothing rather than fake it
            parts.append(DigitImage(np.zeros(SIDE * SIDE), size=1.6))
        labels = [Tex(t, font_size=24, color=GREY_B) for t in (first, second)]
        for p, l in zip(parts, labels):
            l.next_to(p, DOWN, buff=SMALL_BUFF)
        whole = DigitImage(pixels, size=1.6)
        return VGroup(whole, MathTex("="), VGroup(parts[0], labels[0]), MathTex("+"),
                      VGroup(parts[1], labels[1])).arrange(RIGHT, buff=0.35)

    def hope(self, rows: VGroup) -> None:
        diagram = mnist_diagram(height=5.6, edge_keep=EDGE_KEEP)
        diagram.to_edge(RIGHT, buff=0.6)
        layer = diagram.neurons(2)
        tags = VGroup()
        for neuron, part in ((layer[2], rows[0][2][0]), (layer[6], rows[1][2][0]), (layer[11], rows[0][4][0])):
            thumb = part.copy().scale(0.5)
            backing = Square(side_length=thumb.width, fill_color=BLACK, fill_opacity=1, stroke_width=0)
            tags.add(VGroup(backing.move_to(thumb), thumb).next_to(neuron, LEFT, buff=0.12))
        question = Tex(r"Hypothetical: a layer-3 neuron\\for each part?", font_size=SMALL_FONT_SIZE,
                       color=YELLOW).next_to(diagram, UP, buff=SMALL_BUFF)
        fit_in_frame(question)
        caption(self, "Perhaps each neuron of the last hidden layer lights up for one such part. That is "
                      "a hypothesis, not something we have shown.", diagram.fade_in(), Write(question),
                run_time=2)
        self.play(*[b.animate.set_stroke(opacity=0.25) for b in diagram.edges], FadeIn(tags),
                  *[layer[i].animate.set_stroke(YELLOW) for i in (2, 6, 11)])
        caption(self, "Then the output layer would only need to learn which parts make which digit.")


class LittleEdgeLayer(Scene):
    """5.2 A loop is made of little edges: the real loop cut into 5 arcs; a numpy Sobel pass."""

    def construct(self) -> None:
        nine = data.image_map()[9][0]
        loop = digit_loops(nine)[0] if digit_loops(nine) else ink_mask(nine)
        arcs = split_by_angle(loop, 5)
        whole = DigitImage(masked(nine, loop), size=2.4).shift(LEFT * 4.5 + UP * 1.6)
        pieces = VGroup(*[DigitImage(masked(nine, a), size=1.4) for a in arcs]).arrange(RIGHT, buff=0.25)
        pieces.next_to(whole, RIGHT, buff=0.8)
        caption(self, "And a loop is made of smaller pieces: here the nine's loop cut into five arcs, "
                      "each a short edge.", FadeIn(whole), LaggedStart(*[FadeIn(p) for p in pieces]))
        question = Tex("Little edge layer?", font_size=BODY_FONT_SIZE, color=YELLOW).next_to(pieces, DOWN)
        caption(self, "So maybe the first hidden layer finds little edges, the second puts edges into "
                      "loops and lines.", Write(question))
        self.edges_of(nine)

    def edges_of(self, nine: np.ndarray) -> None:
        edges = sobel_edges(nine)
        maps = VGroup(
            VGroup(DigitImage(nine, size=2.2), Tex("digit", font_size=24)),
            VGroup(WeightHeatMap(edges.gx, positive=BLUE, negative=RED, size=2.2),
                   Tex(r"left-right change", font_size=24)),
            VGroup(WeightHeatMap(edges.gy, positive=BLUE, negative=RED, size=2.2),
                   Tex(r"up-down change", font_size=24)),
            VGroup(WeightHeatMap(edges.magnitude, positive=WHITE, size=2.2), Tex("edges", font_size=24)),
        )
        for m in maps:
            m[1].next_to(m[0], DOWN, buff=SMALL_BUFF)
        maps.arrange(RIGHT, buff=0.5).to_edge(DOWN, buff=0.5)
        caption(self, "Finding edges is an old trick of image processing. Here the Sobel filter, a few "
                      "lines of numpy, finds the nine's edges: blue where brightness rises, red where it "
                      "falls.", LaggedStart(*[FadeIn(m) for m in maps]), run_time=2)
        caption(self, "The same layered hope appears elsewhere: speech is sounds, then syllables, "
                      "then words.")


class WhatRealNeuronsLike(Scene):
    """5.3 Going further: what do the trained network's first hidden neurons respond to?"""

    TOP = 6

    def construct(self) -> None:
        net = data.network()
        test = data.split("test")
        images, labels = test.images[:SEARCH_IMAGES], test.labels[:SEARCH_IMAGES]
        self.neurons = most_selective_neurons(net, images, labels, layer=1, k=self.TOP, count=3)
        title = heading("What do real hidden neurons respond to?", font_size=BODY_FONT_SIZE)
        caption(self, "Enough hoping: let's look inside the trained network.", Write(title))
        self.rows = VGroup(*[self.row(net, images, int(j)) for j in self.neurons])
        self.rows.arrange(DOWN, buff=0.35, aligned_edge=LEFT).next_to(title, DOWN, buff=0.4)
        fit_in_frame(self.rows)
        caption(self, f"For three neurons of the first hidden layer: its incoming weights (blue positive, "
                      f"red negative) and the {self.TOP} test digits, out of "
                      f"{len(labels):,}, that light it up most.",
                LaggedStart(*[FadeIn(r) for r in self.rows], lag_ratio=0.4), run_time=3)
        caption(self, "These three were picked because their favourite digits agree most on one label. "
                      "Compare their weights with the clean edges and loops we hoped for.")

    def row(self, net, images: np.ndarray, neuron: int) -> VGroup:
        indices, acts = top_exciting(net, images, layer=1, neuron=neuron, k=self.TOP)
        weights = WeightHeatMap(net.weights[0][neuron], positive=BLUE, negative=RED, size=1.6)
        name = Tex(f"neuron {neuron}", font_size=24).next_to(weights, LEFT, buff=0.2)
        cells = VGroup()
        for i, a in zip(indices, acts):
            d = DigitImage(images[i], size=1.3)
            value = DecimalNumber(float(a), num_decimal_places=2, font_size=24).next_to(d, DOWN, buff=0.06)
            cells.add(VGroup(d, value))
        cells.arrange(RIGHT, buff=0.2).next_to(weights, RIGHT, buff=0.6)
        row = VGroup(name, weights, cells)
        row.top_indices, row.top_activations = indices, acts
        return row


# =========================================================================== 6. Edge detection example
class EdgeDetectorWeights(Scene):
    """6.1 A neuron's weights pick a pattern: a green bar with red above and below, over a real 7."""

    NEURON = 7

    def construct(self) -> None:
        self.detector = edge_detector(BAR_ROWS, BAR_COLS)
        self.seven = data.image_map()[7][4]
        net = data.network()
        shown = [shown_input_pixels(net), np.arange(net.sizes[1])]
        first = NetworkDiagram([net.sizes[0], net.sizes[1]], shown=shown, output_labels=False, layer_gap=2.0)
        first.scale_to_fit_height(5.6).to_edge(LEFT, buff=0.5).shift(DOWN * 0.3)
        caption(self, f"Take one neuron of the first hidden layer and the {net.sizes[0]} links coming "
                      "into it.",
                first.fade_in(), run_time=1)
        bundle = first.edges[0]
        bundle.sync_ends()
        j = first.layers[1].index_of(self.NEURON)
        own = EdgeBundle(bundle.starts[j:j + 1], bundle.ends[j:j + 1], style="plain", plain_width=2.0)
        own.set_stroke(YELLOW)
        self.play(bundle.animate.set_stroke(opacity=0.2), Create(own),
                  first.neuron(1, self.NEURON).animate.set_stroke(YELLOW, width=4), run_time=1)
        formula = MathTex("w_1", "a_1", "+", "w_2", "a_2", "+", r"\cdots", "+", "w_n", "a_n", font_size=40)
        for i in (0, 3, 8):
            formula[i].set_color(GREEN)
        formula.to_edge(UP, buff=0.5).shift(RIGHT * 2.2)
        caption(self, "Each link has a weight. The neuron adds up every input activation times its "
                      "weight.", Write(formula))
        self.template(formula)

    def template(self, formula: MathTex) -> None:
        size = 2.5
        heat = WeightHeatMap(self.detector, positive=GREEN, negative=RED, size=size)
        digit = DigitImage(self.seven, size=size)
        response = neuron_response(self.detector, self.seven)
        products = WeightHeatMap(response.products, positive=GREEN, negative=RED, size=size)
        row = VGroup(heat, MathTex(r"\times"), digit, MathTex("="), products).arrange(RIGHT, buff=0.25)
        row.next_to(formula, DOWN, buff=0.7).to_edge(RIGHT, buff=0.4)
        labels = VGroup(Tex("weights", font_size=26), Tex("a real seven", font_size=26),
                        Tex("weight times pixel", font_size=26))
        for l, m in zip(labels, (heat, digit, products)):
            l.next_to(m, DOWN, buff=SMALL_BUFF)
        caption(self, f"Draw the {self.detector.size} weights as a {SIDE} by {SIDE} grid: green positive, "
                      "red negative. These are set by hand: a green bar with red just above and below.",
                FadeIn(heat), FadeIn(labels[0]))
        caption(self, "Multiply pixel by weight: bright pixels on the bar add, bright pixels right "
                      "above or below it subtract. Only a bar-shaped edge scores high.",
                FadeIn(row[1:]), FadeIn(labels[1:]), run_time=1.5)
        self.weighted_sum = response.weighted_sum
        total = MathTex(r"\sum_k w_k a_k =", font_size=40)
        value = DecimalNumber(response.weighted_sum, num_decimal_places=2, font_size=40)
        result = VGroup(total, value).arrange(RIGHT).next_to(labels, DOWN, buff=0.5)
        self.sum_label = value
        caption(self, f"For this seven the weighted sum is {response.weighted_sum:.2f}.", Write(result))


class SquishWithSigmoid(Scene):
    """6.2 The sum can be any number; sigma squashes it into [0, 1]; a bias of -10 sets the bar."""

    def construct(self) -> None:
        response = neuron_response(edge_detector(BAR_ROWS, BAR_COLS), data.image_map()[7][4], BAR_BIAS)
        self.response = response
        reach = 5 * int(np.ceil((abs(response.weighted_sum) + 1) / 5))
        reach = max(10, reach)
        axes = Axes(x_range=[-reach, reach, reach // 5], y_range=[0, 1.05, 0.5], x_length=11, y_length=3.2,
                    axis_config={"include_numbers": True, "font_size": 24}).shift(DOWN * 0.8)
        xs = np.linspace(-reach, reach, 241)
        curve = axes.plot_line_graph(xs, sigmoid(xs), add_vertex_dots=False, line_color=YELLOW,
                                     stroke_width=4)
        formula = MathTex(r"\sigma(x) = \frac{1}{1 + e^{-x}}", font_size=44).to_edge(UP, buff=0.5)
        formula[0][0].set_color(YELLOW)
        caption(self, "A weighted sum can be any number, but an activation should lie between 0 and 1.",
                Create(axes))
        caption(self, "The sigmoid squashes the number line into that range: very negative gives about "
                      "0, very positive about 1.", Create(curve), Write(formula), run_time=2)
        self.mark(axes, response.weighted_sum, f"sum {response.weighted_sum:.1f}", GREY_B, UP)
        self.bias_beat(axes, response)

    def mark(self, axes: Axes, x: float, text: str, color, side) -> VGroup:
        dot = axes.coords_to_point(x, float(sigmoid(np.array(x))))
        mark = VGroup(Circle(radius=0.08, color=color, fill_opacity=1).move_to(dot),
                      Tex(text, font_size=28, color=color).next_to(dot, side, buff=0.25))
        self.play(FadeIn(mark))
        return mark

    def bias_beat(self, axes: Axes, r) -> None:
        bias = MathTex(r"\sigma(w_1 a_1 + \cdots + w_n a_n", f"{BAR_BIAS:+.0f}", ")", font_size=40)
        bias[1].set_color(BLUE)
        bias.to_edge(UP, buff=0.5).shift(DOWN * 1.0)
        caption(self, "To fire only when the sum is clearly large, add a negative number first: the bias. "
                      f"Here, {BAR_BIAS:.0f}.", Write(bias))
        self.mark(axes, r.z, f"with bias: {r.z:.1f}", BLUE, DOWN + RIGHT)
        caption(self, f"So the activation is sigma of {r.z:.2f}, which is {r.activation:.3f}: weights say "
                      "which pattern, the bias says how strong it must be.")


# =========================================================================== 7. Counting weights and biases
class CountingParameters(Scene):
    """7 Every neuron gets weights and a bias: the tally comes from ``net.sizes``."""

    def construct(self) -> None:
        net = data.network()
        self.tally = parameter_tally(net.sizes)
        diagram = mnist_diagram(height=5.4, edge_keep=EDGE_KEEP).to_edge(LEFT, buff=0.5)
        caption(self, "That was one neuron. Every neuron of the hidden and output layers has its own "
                      "weights and its own bias.", diagram.fade_in())
        n = net.sizes
        lines = VGroup(
            MathTex(rf"{n[0]} \times {n[1]}", r"\text{ weights}", font_size=40),
            MathTex(rf"{n[1]}", r"\text{ biases}", font_size=40),
            MathTex(rf"+\, {n[1]} \times {n[2]} + {n[2]} \times {n[3]}", r"\text{ weights}", font_size=40),
            MathTex(rf"+\, {n[2]} + {n[3]}", r"\text{ biases}", font_size=40),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.35).to_edge(RIGHT, buff=1.0).shift(UP * 0.8)
        caption(self, f"The first hidden layer: {n[0]} weights for each of its {n[1]} neurons, "
                      f"and {n[1]} biases.", Write(lines[0]), Write(lines[1]))
        caption(self, "Then the same for the second hidden layer and the output layer.",
                Write(lines[2]), Write(lines[3]))
        t = self.tally
        total = MathTex(rf"{tex_int(t.total_weights)} + {t.total_biases} =\;", tex_int(t.total),
                        font_size=44)
        total.next_to(lines, DOWN, buff=0.6)
        box = SurroundingRectangle(total[1], color=YELLOW)
        self.total_label = total[1]
        caption(self, f"In all {t.total_weights:,} weights and {t.total_biases} biases: {t.total:,} "
                      "knobs that decide what the network does.", Write(total), Create(box))


# =========================================================================== 8. How learning relates
class LearningMeansFindingWeights(Scene):
    """8.1 Learning = finding weights: edges move from a random start to the trained values."""

    STEPS = 6

    def construct(self) -> None:
        trained = data.network()
        start = data.seeded_network(tuple(trained.sizes), SHIMMER_SEED)
        diagram = self.diagram = NetworkDiagram.from_network(start, edge_keep=EDGE_KEEP).scale_to_fit_height(5.6)
        diagram.to_edge(DOWN, buff=0.4)
        title = MathTex(r"\text{Learning} \rightarrow \text{Finding the right weights and biases}",
                        font_size=40).to_edge(UP, buff=0.4)
        caption(self, "Learning means finding good values for all those weights and biases.",
                Write(title), diagram.fade_in())
        steps = []
        for t in np.linspace(0, 1, self.STEPS + 1)[1:]:
            net_t = interpolate_networks(start, trained, float(t))
            steps.append(AnimationGroup(*[diagram.restyle_edges(i, net_t.weights[i], run_time=0.7)
                                          for i in range(len(diagram.edges))]))
        caption(self, "Here the links slide from random starting values to the trained network's: "
                      "training finds these by itself, from examples.", Succession(*steps))
        self.final_weights = [b.values for b in diagram.edges]
        caption(self, "Knowing what the weights do means we need not treat the network as a black box.")


class WhenTheNetworkFails(Scene):
    """8.2 The first test digit from #20 on that the trained network gets wrong."""

    def construct(self) -> None:
        test = data.split("test")
        self.index = first_mistake(data.network(), test.images, test.labels, start=20)
        trace = data.trace("test", self.index)
        self.prediction, self.truth = int(trace.prediction), data.label("test", self.index)
        digit = digit_of("test", self.index, size=3).to_edge(LEFT, buff=1)
        diagram = mnist_diagram(height=5.8).to_edge(RIGHT, buff=1.0)
        caption(self, f"It is not perfect. Test digit number {self.index}, a {self.truth}:",
                FadeIn(digit), diagram.fade_in())
        caption(self, "the activations flow through...", diagram.forward_pass(trace, layer_time=0.5))
        wrong = Tex("Wrong!", font_size=TITLE_FONT_SIZE, color=RED).next_to(digit, DOWN, buff=0.5)
        caption(self, f"...and the brightest output is {self.prediction}. When it fails, knowing the "
                      "weights helps us ask why.", diagram.highlight_output(self.prediction, color=RED),
                Write(wrong))



# =========================================================================== 9. Notation and linear algebra
class WeightedSumAsMatrix(Scene):
    """9.1 A seeded 8 -> 6 layer: one neuron's formula, then the whole layer as sigma(W a + b)."""

    def construct(self) -> None:
        net = data.seeded_network((8, 6), MATRIX_SEED)
        a0 = data.seeded_input(8, MATRIX_SEED)
        self.trace = feedforward(net, a0)
        self.net = net
        diagram = NetworkDiagram.from_network(net, mnist_style=False, output_labels=False,
                                              layer_gap=2.2, edge_exponent=1.0)
        diagram.set_activations(self.trace).to_edge(LEFT, buff=0.8).shift(DOWN * 0.4)
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
        self.matrix_form(diagram)

    def matrix_form(self, diagram: NetworkDiagram) -> None:
        w, b = self.net.weights[0], self.net.biases[0]
        a0, z, a1 = self.trace.activations[0], self.trace.zs[0], self.trace.activations[1]
        self.play(diagram.animate.scale(0.55).to_corner(UL, buff=0.3))
        size = 30
        self.W = DecimalGrid(w, num_decimal_places=1, color_by_sign=True, font_size=size)
        self.a0 = DecimalColumn(a0, num_decimal_places=2, font_size=size)
        self.b = DecimalColumn(b, num_decimal_places=1, color_by_sign=True, font_size=size)
        product = VGroup(MathTex(r"\sigma\Big(", font_size=48, color=YELLOW), self.W, self.a0,
                         MathTex("+", font_size=40), self.b, MathTex(r"\Big)", font_size=48, color=YELLOW))
        product.arrange(RIGHT, buff=0.15).to_edge(UP, buff=0.3).to_edge(RIGHT, buff=0.4)
        fit_in_frame(product)
        n_out, n_in = w.shape
        caption(self, f"Stack the {n_in} input activations into a column, and each neuron's {n_in} "
                      "weights into one row of a matrix W.", FadeIn(product[1]), FadeIn(product[2]), run_time=1.5)
        row = SurroundingRectangle(self.W.row(0), color=YELLOW, buff=0.05)
        caption(self, "Row 0 times the column is exactly the first neuron's weighted sum.", Create(row),
                Indicate(diagram.neuron(1, 0), color=YELLOW))
        caption(self, "Add the column of biases, then apply sigma to every entry.", FadeOut(row),
                FadeIn(product[0]), FadeIn(product[3:]))
        self.z = DecimalColumn(z, num_decimal_places=2, color_by_sign=True, font_size=size)
        self.a1 = DecimalColumn(a1, num_decimal_places=2, font_size=size)
        eq = VGroup(MathTex("=", font_size=40), self.a1)
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
        lines = [line[4:] for line in body.splitlines()]
        self.code_text = "\n".join(lines)
        code = Code(code_string=self.code_text, language="python", add_line_numbers=False,
                    background="rectangle", paragraph_config={"font_size": 22})
        title = Tex(r"The forward pass in \texttt{nnmath}, which computed every activation shown",
                    font_size=SMALL_FONT_SIZE).to_edge(UP, buff=0.5)
        code.next_to(title, DOWN, buff=0.5)
        fit_in_frame(code)
        caption(self, "This is the code behind every activation in this video: one matrix product per "
                      "layer, plus the bias, through sigma.", Write(title), FadeIn(code))
        caption(self, "z = a @ w.T + b is W a + b, written for a batch of images at once.")


# =========================================================================== 10. Recap
class NeuronIsAFunction(Scene):
    """10 The net lit by a 3; one neuron's value; the whole network is one function of 784 numbers."""

    def construct(self) -> None:
        maps = data.image_map()
        diagram = mnist_diagram(height=5.2).to_edge(RIGHT, buff=0.8).shift(DOWN * 0.7)
        digit = DigitImage(maps[3][0], size=2.2).to_edge(LEFT, buff=0.6).shift(DOWN * 0.4)
        self.traces = [feedforward(data.network(), maps[d][k]) for d, k in ((3, 0), (8, 7), (9, 4))]
        diagram.add_to(self)
        caption(self, "Recap. A three goes in and every neuron lights up.", FadeIn(digit),
                diagram.forward_pass(self.traces[0], layer_time=0.5, flash=False))
        neuron = diagram.neuron(2, 2)
        value = float(self.traces[0].activations[2][2])
        number = DecimalNumber(value, num_decimal_places=2, font_size=30, color=YELLOW)
        number.next_to(diagram, UP, buff=0.15).match_x(neuron)
        pointer = Line(number.get_bottom(), neuron.get_top(), color=YELLOW, stroke_width=2)
        self.neuron_value = VGroup(number, pointer)
        words = MathTex(r"\text{Neuron} \rightarrow", r"\text{Thing that holds a number}", font_size=36)
        words.to_edge(UP, buff=0.4)
        caption(self, f"Each neuron holds a number: this one in the second hidden layer holds {value:.2f}.",
                Write(words), FadeIn(self.neuron_value), Indicate(neuron, color=YELLOW))
        self.neuron_value = self.neuron_value[0]
        function = MathTex(r"\text{Function}", font_size=36, color=YELLOW).move_to(words[1], aligned_edge=LEFT)
        caption(self, "But that number depends on the inputs: each neuron is really a function of the "
                      "neurons before it.", Transform(words[1], function))
        whole = MathTex(r"f(a_0, \dots, a_{783}) = \begin{bmatrix} y_0 \\ \vdots \\ y_9 \end{bmatrix}",
                        font_size=36).next_to(digit, UP, buff=0.5)
        fit_in_frame(whole)
        caption(self, f"And the whole network is one function: {data.network().sizes[0]} numbers in, "
                      f"{data.network().sizes[-1]} out, shaped by {data.network().n_parameters:,} "
                      "parameters.", Write(whole))
        for trace, (d, k) in zip(self.traces[1:], ((8, 7), (9, 4))):
            new = DigitImage(maps[d][k], size=2.2).move_to(digit)
            fills = [diagram.fill_layer(l, trace, run_time=1) for l in range(4)]
            caption(self, f"Feed in a different digit, get different numbers: this {d} reads as "
                          f"{trace.prediction}.", FadeTransform(digit, new), *fills,
                    ChangeDecimalToValue(self.neuron_value, float(trace.activations[2][2])))
            digit = new


# =========================================================================== 11. Some final words
class ThirtyTestDigits(Scene):
    """11 The first 30 test digits with the network's answers; the next video; credits."""

    COUNT = 30

    def construct(self) -> None:
        evaluation = data.evaluation("test", 0, self.COUNT)
        self.predictions = evaluation.predictions
        cells = VGroup()
        for i in range(self.COUNT):
            ok = self.predictions[i] == data.label("test", i)
            d = DigitImage(data.digit("test", i), size=1.05, frame_color=GREEN if ok else RED)
            answer = MathTex(str(int(self.predictions[i])), font_size=26,
                             color=WHITE if ok else RED).next_to(d, DOWN, buff=0.06)
            cells.add(VGroup(d, answer))
        cells.arrange_in_grid(rows=3, buff=(0.25, 0.25)).shift(UP * 0.3)
        caption(self, f"The first {self.COUNT} test digits, with the network's answers below: "
                      f"{evaluation.correct} right, mistakes framed in red.",
                LaggedStart(*[FadeIn(c) for c in cells], lag_ratio=0.05), run_time=2.5)
        self.play(FadeOut(cells))
        card = VGroup(Rectangle(width=6, height=3.4, color=BLUE),
                      Tex("Next: how it learns", font_size=TITLE_FONT_SIZE))
        card[1].move_to(card[0])
        caption(self, f"Next video: how the network finds its {data.network().n_parameters:,} weights "
                      "and biases from examples.", Create(card[0]), Write(card[1]))
        credits = Tex(r"Made with Manim Community and \texttt{nnmath}\\"
                      r"after 3Blue1Brown's series on neural networks", font_size=SMALL_FONT_SIZE,
                      color=GREY_B).to_edge(DOWN, buff=0.6)
        caption(self, "Animations rebuilt from a real network trained on real MNIST digits.",
                FadeIn(credits))


# =========================================================================== 12. ReLU vs Sigmoid
class ReluVersusSigmoid(Scene):
    """12 Sigmoid is 'old school'; ReLU(a) = max(0, a), inactive below 0, the identity above."""

    def construct(self) -> None:
        left = Axes(x_range=[-6, 6, 2], y_range=[0, 1.05, 0.5], x_length=5.2, y_length=2.6,
                    axis_config={"include_numbers": True, "font_size": 22})
        right = Axes(x_range=[-3, 3, 1], y_range=[0, 3, 1], x_length=5.2, y_length=2.6,
                     axis_config={"include_numbers": True, "font_size": 22})
        VGroup(left, right).arrange(RIGHT, buff=1.2).shift(DOWN * 0.6)
        xs = np.linspace(-6, 6, 121)
        sig = left.plot_line_graph(xs, sigmoid(xs), add_vertex_dots=False, line_color=YELLOW)
        sig_label = MathTex(r"\sigma(a) = \frac{1}{1+e^{-a}}", font_size=34).next_to(left, UP, buff=0.5)
        caption(self, "A last word. The sigmoid was the classic squashing function...", Create(left),
                Create(sig), Write(sig_label))
        cross = Cross(VGroup(left, sig), stroke_color=RED)
        old = Tex("Old school", font_size=30, color=RED).next_to(left, DOWN, buff=0.5)
        caption(self, "...but it learns slowly in deep networks, so today it is rarely used inside them.",
                Create(cross), Write(old))
        rs = np.linspace(-3, 3, 61)
        relu_curve = right.plot_line_graph(rs, relu(rs), add_vertex_dots=False, line_color=TEAL)
        relu_label = MathTex(r"\mathrm{ReLU}(a) = \max(0, a)", font_size=34).next_to(right, UP, buff=0.5)
        caption(self, "Most networks use the rectified linear unit instead.", Create(right),
                Create(relu_curve), Write(relu_label))
        inactive = Tex("Inactive", font_size=30, color=GREY_B).next_to(right.c2p(-1.5, 0), DOWN, buff=0.5)
        same = Tex(r"Same as $f(a) = a$", font_size=30, color=GREY_B).next_to(right.c2p(1.5, 0), DOWN,
                                                                              buff=0.5)
        caption(self, "Below zero it outputs zero: the neuron is inactive. Above zero it passes the "
                      "number through unchanged.", FadeIn(inactive), FadeIn(same))


# =========================================================================== the chapter
SEGMENTS = [
    ("Introduction example", [ThreesInManyShapes, EveryPixelIsANumber]),
    ("Series preview", [ToyNetworkPreview, RealNetworkReadsDigits]),
    ("What are neurons?", [NeuronHoldsANumber]),
    ("Introducing layers", [PixelsBecomeTheInputLayer, LayersOfTheNetwork]),
    ("Why layers?", [LoopsAndLinesHope, LittleEdgeLayer, WhatRealNeuronsLike]),
    ("Edge detection example", [EdgeDetectorWeights, SquishWithSigmoid]),
    ("Counting weights and biases", [CountingParameters]),
    ("How learning relates", [LearningMeansFindingWeights, WhenTheNetworkFails]),
    ("Notation and linear algebra", [WeightedSumAsMatrix, ForwardPassCode]),
    ("Recap", [NeuronIsAFunction]),
    ("Some final words", [ThirtyTestDigits]),
    ("ReLU vs Sigmoid", [ReluVersusSigmoid]),
]
