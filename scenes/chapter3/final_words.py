"""Chapter 3, segment "Final words": the four ideas with their real numbers; nnmath's backprop running."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, Code, Create, FadeIn, Group, Indicate, Integer, ReplacementTransform,
                   RoundedRectangle, Scene, SurroundingRectangle, Tex, VGroup, VMobject)

from nnmath import Gradients, backprop
from scenes.chapter3 import data as d
from scenes.chapter3.data import DescentMap, Listing
from scenes.chapter3.mobjects import CostMap, Count, map_size
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.descent import shuffled_batches
from scenes.common.digit import DigitImage
from scenes.common.formatting import format_count
from scenes.common.layout import SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import GREEN, GREY_B, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import heading
from scenes.common.valued_tex import Num, ValuedTex

__all__ = ["FourIdeas", "BackpropCodeRuns"]


class FourIdeas(Scene):
    """Ch3 5.1: the chapter's four ideas, each with one of its real numbers."""

    def construct(self) -> None:
        self.shown = Shown()
        m = d.descent_map()
        cards = self.build_cards(m)
        caption(self, "The four ideas of this chapter.", FadeIn(heading("Summary")), run_time=1)
        for card, text in zip(cards, self.texts()):
            caption(self, text, FadeIn(card, shift=UP * 0.2), run_time=1)

    @staticmethod
    def texts() -> tuple[str, ...]:
        n = format_count(d.untrained().n_parameters)
        return (
            f"The cost surface: one number for how bad the network is, over {n} parameters.",
            "Stochastic gradient descent: step downhill along minus the gradient, estimated from a few examples.",
            "Mini-batches: shuffle the training data and take one step per small batch.",
            "Backpropagation: each example's wishes, summed backwards layer by layer, then averaged over examples.",
        )

    #: The name each card's number is shown under, in card order.
    KEYS = ("cost_surface", "descent", "mini_batches", "backprop")

    def build_cards(self, m: DescentMap) -> Group:
        nudges = d.walkthrough()
        strongest = int(np.argmax(np.abs(nudges.wanted[-1])))
        lines = (
            (r"\text{untrained: } C =", Num(m.full_costs[0], 2)),
            (r"C:", Num(m.mini_costs[0], 2), r"\to", Num(m.mini_costs[-1], 2)),
            (r"\text{examples per step: }", Count(m.mini_batch)),
            (r"\text{the 2's strongest wish: }", Num(nudges.wanted[-1][strongest], 2)),
        )
        titles = ("Cost surface", "Stochastic gradient descent", "Mini-batches", "Backpropagation")
        visuals = (self.cost_surface(m), self.descent_curve(m), self.mini_batch(), self.backprop_sweep())
        cards = Group()
        for key, title, parts, visual in zip(self.KEYS, titles, lines, visuals):
            frame = RoundedRectangle(width=6.6, height=2.6, corner_radius=0.15, stroke_color=GREY_B)
            name = Tex(title, font_size=SMALL_FONT_SIZE + 4, color=YELLOW)
            value = ValuedTex(*parts, font_size=SMALL_FONT_SIZE - 2)
            text = VGroup(name, value).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
            text.move_to(frame).align_to(frame, LEFT).shift(RIGHT * 0.3)
            visual.scale_to_fit_width(min(visual.width, 1.9)).move_to(frame).align_to(frame, RIGHT).shift(LEFT * 0.25)
            cards.add(Group(frame, name, value, visual))
            self.shown[key] = value
        cards.arrange_in_grid(rows=2, cols=2, buff=0.35).shift(DOWN * 0.45)
        return cards

    @staticmethod
    def cost_surface(m: DescentMap) -> VGroup:
        width, height = map_size(m, 2.2)
        return CostMap(m.grid_u, m.grid_v, m.grid_costs, width=width, height=height)

    @staticmethod
    def descent_curve(m: DescentMap) -> VGroup:
        axes = Axes(x_range=[0, m.steps, m.steps], y_range=[0, float(np.ceil(m.mini_costs[0])), 1],
                    x_length=2.4, y_length=1.9, tips=False, axis_config={"color": GREY_B, "stroke_width": 1.5})
        curve = VMobject(stroke_color=GREEN, stroke_width=2).set_points_as_corners(
            [axes.c2p(t, c) for t, c in enumerate(m.mini_costs)])
        return VGroup(axes, curve)

    @staticmethod
    def mini_batch() -> Group:
        x, _ = d.path_data()
        first = shuffled_batches(len(x), d.BATCH_SIZE, np.random.default_rng(d.SHUFFLE_SEED))[0]
        thumbs = Group(*[DigitImage(x[int(i)], size=0.42, frame_color=GREY_B, levels=8) for i in first])
        return thumbs.arrange_in_grid(rows=2, cols=5, buff=0.06)

    @staticmethod
    def backprop_sweep() -> NetworkDiagram:
        net = d.untrained()
        grads = backprop(net, data.digit("train", d.two_index()), 2)
        diagram = NetworkDiagram.from_network(net, edge_keep=0.4, output_labels=False)
        diagram.scale_to_fit_height(2.2)
        for i, g in enumerate(grads.nabla_w):
            diagram.set_edge_values(i, g, "gradient")
        return diagram


class BackpropCodeRuns(Scene):
    """Ch3 5.2: nnmath's own backprop source, its lines lit as a real forward and backward pass runs."""

    FORWARD = "trace = feedforward(net, x)"
    OUTPUT = "dc_da, delta = output_delta("
    LOOP = ("nabla_w[i] = delta.T @ acts[i] / m", "nabla_b[i] = delta.mean(axis=0)",
            "dc_da_prev = delta @ net.weights[i]", "delta = dc_da_prev * prime(zs[i - 1])")

    def construct(self) -> None:
        self.shown = Shown()
        listing = d.backprop_listing()
        code = self.show_code(listing)
        diagram, grads = self.show_network()
        self.run_forward(listing, code, diagram, grads)
        self.run_backward(listing, code, diagram, grads)
        caption(self, "Every gradient in this series came from these lines. How each line follows from "
                      "calculus is the next chapter: let's get to it.")

    def show_code(self, listing: Listing) -> Code:
        code = Code(code_string=listing.code, language="python", add_line_numbers=False,
                    formatter_style="monokai", background="rectangle",
                    paragraph_config={"font_size": 16})
        code.scale_to_fit_width(13.2)
        if code.height > 7.0:
            code.scale_to_fit_height(7.0)
        code.to_corner(DOWN + LEFT, buff=0.25).shift(RIGHT * 0.2)
        numbers = VGroup(*[Integer(n, font_size=16, color=GREY_B)
                           .move_to([code.code_lines.get_left()[0] - 0.13, line.get_y(), 0], aligned_edge=RIGHT)
                           for n, line in zip(listing.file_lines, code.code_lines)])
        path = Tex(f"nnmath/{listing.path}", font_size=SMALL_FONT_SIZE, color=GREY_B).next_to(code, UP, buff=0.12)
        path.align_to(code, LEFT)
        self.shown["code"] = code
        self.shown["listing"] = listing
        caption(self, f"This is the backprop that computed every number in this chapter, read from "
                      f"nnmath/{listing.path} as it is now (its docstring left out; grey: line numbers).",
                FadeIn(code), FadeIn(numbers), FadeIn(path), run_time=1.5)
        self.code_box = code
        return code

    def show_network(self) -> tuple[NetworkDiagram, Gradients]:
        net = d.untrained()
        x = data.digit("train", d.two_index())
        grads = backprop(net, x, 2)
        diagram = NetworkDiagram.from_network(net, edge_keep=0.4)
        widest = max(line.get_right()[0] for line in self.code_box.code_lines[1:])
        room = self.code_box.get_right()[0] - widest
        diagram.scale_to_fit_width(room - 0.6)
        diagram.move_to([(widest + self.code_box.get_right()[0]) / 2, self.code_box.get_y() - 0.25, 0])
        self.play(diagram.fade_in(), run_time=1)
        self.shown["gradients"] = grads
        return diagram, grads

    def highlight(self, code: Code, indices: list[int]) -> VGroup:
        return VGroup(*[SurroundingRectangle(code.code_lines[i], color=YELLOW, buff=0.04, stroke_width=2)
                        for i in indices])

    def run_forward(self, listing: Listing, code: Code, diagram: NetworkDiagram, grads: Gradients) -> None:
        box = self.highlight(code, [listing.find(self.FORWARD)])
        self.shown["lit"] = [[listing.find(self.FORWARD)]]
        caption(self, "First the forward pass: the 2's pixels run through the network.",
                Create(box), diagram.forward_pass(grads.trace, layer_time=0.6))
        out = self.highlight(code, [listing.find(self.OUTPUT)])
        self.shown["lit"].append([listing.find(self.OUTPUT)])
        caption(self, "Then the output layer's error: how far each output is from what we want.",
                ReplacementTransform(box, out), Indicate(diagram.layers[-1]), run_time=1.5)
        self.box = out

    def run_backward(self, listing: Listing, code: Code, diagram: NetworkDiagram, grads: Gradients) -> None:
        lines = [listing.find(f) for f in self.LOOP]
        for i in reversed(range(len(grads.nabla_w))):
            lit = lines if i > 0 else lines[:3]
            box = self.highlight(code, lit)
            self.shown["lit"].append(lit)
            text = (f"Backwards, one layer at a time: the gradient for weight matrix {i + 1}, then the wishes "
                    "for the layer before." if i == len(grads.nabla_w) - 1 else
                    f"The same lines again for weight matrix {i + 1}." if i > 0 else
                    "And the first weight matrix. The loop ends: one example's full gradient.")
            caption(self, text, ReplacementTransform(self.box, box),
                    diagram.restyle_edges(i, grads.nabla_w[i], "gradient"), run_time=1.5)
            self.box = box

