"""Chapter 3, segment "Final words": the four ideas with their real numbers; nnmath's backprop running."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, AnimationGroup, Axes, Code, Create, FadeIn, FadeOut, Group, Indicate,
                   Integer, LaggedStart, MoveToTarget, Rectangle, ReplacementTransform, RoundedRectangle, Scene,
                   Succession, Tex, Text, VGroup, VMobject, Write)

from nnmath import Gradients, backprop
from scenes.chapter3 import data as d
from scenes.chapter3 import script
from scenes.chapter3.data import DescentMap, Listing
from scenes.chapter3.mobjects import CostMap, Count, map_size
from scenes.chapter3.pacing import STAGE_Y, paced
from scenes.common import data
from scenes.common.descent import shuffled_batches
from scenes.common.digit import DigitImage
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
        paced(self, script.summary(len(cards)), Write(heading("Summary")))
        lines = (script.idea_cost(d.untrained().n_parameters), script.idea_descent(),
                 script.idea_batches(m.mini_batch), script.idea_backprop())
        for card, line, show in zip(cards, lines, self.visual_animations()):
            frame, name, value, visual = card
            paced(self, line, Succession(FadeIn(Group(frame, name, value), shift=UP * 0.2), show))

    def visual_animations(self) -> list:
        """How each card's picture comes in: the map fades in, the curve is drawn, the batch lands, the sweep runs."""
        surface, curve, batch, sweep = self.visuals
        return [FadeIn(surface), Succession(Create(curve[0]), Create(curve[1])),
                LaggedStart(*[FadeIn(t, shift=DOWN * 0.2) for t in batch], lag_ratio=0.15),
                Succession(sweep.fade_in(), sweep.gradient_sweep(self.grads.nabla_w))]

    #: The name each card's number is shown under, in card order.
    KEYS = ("cost_surface", "descent", "mini_batches", "backprop")

    def build_cards(self, m: DescentMap) -> Group:
        self.walk = d.descent_surface().paths[1]  # the drunk man's walk, as the descent beat showed it
        nudges = d.walkthrough()
        strongest = int(np.argmax(np.abs(nudges.wanted[-1])))
        lines = (
            (r"\text{untrained: } C =", Num(m.full_costs[0], 2)),
            (r"C:", Num(self.walk.costs[0], 2), r"\to", Num(self.walk.costs[-1], 2)),
            (r"\text{examples per step: }", Count(m.mini_batch)),
            (rf"\text{{the {d.LABEL}'s strongest wish: }}", Num(nudges.wanted[-1][strongest], 2)),
        )
        titles = ("Cost surface", "Gradient descent", "Mini-batches", "Backpropagation")
        visuals = (self.cost_surface(m), self.descent_curve(m), self.mini_batch(), self.backprop_sweep())
        self.visuals = visuals
        cards = Group()
        for key, title, parts, visual in zip(self.KEYS, titles, lines, visuals):
            frame = RoundedRectangle(width=6.6, height=2.35, corner_radius=0.15, stroke_color=GREY_B)
            name = Tex(title, font_size=SMALL_FONT_SIZE + 4, color=YELLOW)
            value = ValuedTex(*parts, font_size=SMALL_FONT_SIZE - 2)
            text = VGroup(name, value).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
            text.move_to(frame).align_to(frame, LEFT).shift(RIGHT * 0.3)
            visual.scale_to_fit_height(min(visual.height, 1.9)).scale_to_fit_width(min(visual.width, 2.2)).move_to(frame).align_to(frame, RIGHT).shift(LEFT * 0.25)
            cards.add(Group(frame, name, value, visual))
            self.shown[key] = value
        cards.arrange_in_grid(rows=2, cols=2, buff=0.3).set_y(STAGE_Y - 0.45)
        return cards

    @staticmethod
    def cost_surface(m: DescentMap) -> VGroup:
        width, height = map_size(m, 2.2)
        return CostMap(m.grid_u, m.grid_v, m.grid_costs, width=width, height=height)

    def descent_curve(self, m: DescentMap) -> VGroup:
        costs = self.walk.costs
        axes = Axes(x_range=[0, len(costs) - 1, len(costs) - 1], y_range=[0, float(np.ceil(costs[0])), 1],
                    x_length=2.4, y_length=1.9, tips=False, axis_config={"color": GREY_B, "stroke_width": 1.5})
        curve = VMobject(stroke_color=GREEN, stroke_width=2).set_points_as_corners(
            [axes.c2p(t, c) for t, c in enumerate(costs)])
        return VGroup(axes, curve)

    @staticmethod
    def mini_batch() -> Group:
        x, _ = d.path_data()
        first = shuffled_batches(len(x), d.BATCH_SIZE, np.random.default_rng(d.SHUFFLE_SEED))[0]
        thumbs = Group(*[DigitImage(x[int(i)], size=0.42, frame_color=GREY_B, levels=8) for i in first])
        return thumbs.arrange_in_grid(rows=2, cols=5, buff=0.06)

    def backprop_sweep(self) -> NetworkDiagram:
        net = d.untrained()
        self.grads = backprop(net, data.digit("train", d.two_index()), d.LABEL)
        diagram = NetworkDiagram.from_network(net, edge_keep=0.4, output_labels=False)
        diagram.scale_to_fit_height(1.9)
        return diagram


class BackpropCodeRuns(Scene):
    """Ch3 5.2: nnmath's own backprop source, a few lines at a time, lit as a real forward and backward pass runs."""

    FORWARD = "trace = feedforward(net, x)"
    OUTPUT = "dc_da, delta = output_delta("
    LOOP = ("nabla_w[i] = delta.T @ acts[i] / m", "nabla_b[i] = delta.mean(axis=0)",
            "dc_da_prev = delta @ net.weights[i]", "delta = dc_da_prev * prime(zs[i - 1])")
    RETURN = "return Gradients("
    #: Lines in view at a time, their pitch (frame units), and the width the longest shown line takes.
    WINDOW = 9
    PITCH = 0.5
    WIDTH = 7.8

    def construct(self) -> None:
        self.shown = Shown()
        listing = d.backprop_listing()
        self.build_code(listing)
        diagram, grads = self.build_network()
        self.show_code(listing, diagram)
        self.run_forward(listing, diagram, grads)
        self.run_backward(listing, diagram, grads)
        self.finish(listing, diagram)

    # ------------------------------------------------------------------ the code window
    def build_code(self, listing: Listing) -> None:
        """Every line after the signature, numbered, each ``PITCH`` apart; only a window of them is visible."""
        body = listing.lines[1:]
        code = Code(code_string="\n".join(body), language="python", add_line_numbers=False,
                    formatter_style="monokai", background="rectangle", paragraph_config={"font_size": 24})
        lines = code.code_lines
        indents = [len(text) - len(text.lstrip(" ")) for text in body]
        base = min(indents)
        spans = [line.width for line in lines]
        widest = max(range(len(body)), key=lambda k: spans[k])
        # monospace: one character's width, from the widest line's ink and its characters
        char = spans[widest] / max(len(body[widest].strip()), 1)
        reach = max(span + (indent - base) * char for span, indent in zip(spans, indents))
        lines.scale(self.WIDTH / reach)
        char *= self.WIDTH / reach
        left = -6.55 + 0.75
        self.top = STAGE_Y + self.WINDOW * self.PITCH / 2 - 0.15
        rows = VGroup()
        for k, (line, number) in enumerate(zip(lines, listing.file_lines[1:])):
            y = self.top - (k + 0.5) * self.PITCH
            line.move_to([left + (indents[k] - base) * char, y, 0], aligned_edge=LEFT)
            line.set_y(y)
            label = Integer(number, font_size=20, color=GREY_B).move_to([left - 0.2, y, 0], aligned_edge=RIGHT)
            rows.add(VGroup(label, line))
        self.code, self.rows, self.start = code, rows, 0
        self.frame = Rectangle(width=self.WIDTH + 1.1, height=self.WINDOW * self.PITCH + 0.2, stroke_color=GREY_B,
                               stroke_width=1.5).move_to([left - 0.6 + (self.WIDTH + 1.1) / 2,
                                                          self.top - self.WINDOW * self.PITCH / 2, 0])
        name = listing.lines[0].strip().split("(")[0].removeprefix("def ")
        self.header = Text(f"nnmath/{listing.path}: {name}()", font="Monospace", font_size=22,
                           color=GREY_B).next_to(self.frame, UP, buff=0.15).align_to(self.frame, LEFT)
        self.view(0)
        self.shown["code"] = code
        self.shown["listing"] = listing
        self.shown["windows"] = []
        self.shown["lit"] = []

    def view(self, start: int) -> None:
        """Show rows ``start .. start + WINDOW - 1`` in the frame (no animation)."""
        for k, row in enumerate(self.rows):
            row.set_y(self.top - (k - start + 0.5) * self.PITCH)
            row.set_opacity(1.0 if start <= k < start + self.WINDOW else 0.0)
        self.start = start

    def scroll_to(self, lit: list[int]) -> list:
        """Animations that scroll the window so the body lines ``lit`` are in view (none if they are)."""
        first, last = min(lit), max(lit)
        if self.start <= first and last < self.start + self.WINDOW:
            return []
        start = max(0, min(first - 1, len(self.rows) - self.WINDOW))
        self.rows.generate_target()
        for k, row in enumerate(self.rows.target):
            row.set_y(self.top - (k - start + 0.5) * self.PITCH)
            row.set_opacity(1.0 if start <= k < start + self.WINDOW else 0.0)
        self.start = start
        return [MoveToTarget(self.rows)]

    def highlight(self, lit: list[int]) -> VGroup:
        """A band behind each lit body line, as tall as the line pitch (it never cuts a character)."""
        return VGroup(*[Rectangle(width=self.frame.width - 0.1, height=self.PITCH * 0.92, stroke_color=YELLOW,
                                  stroke_width=1.5, fill_color=YELLOW, fill_opacity=0.15)
                        .move_to([self.frame.get_x(), self.top - (k - self.start + 0.5) * self.PITCH, 0])
                        for k in lit])

    def light(self, listing: Listing, fragments: tuple[str, ...]) -> tuple[list, VGroup]:
        """Scroll to the lines holding ``fragments`` and light them; returns (animations, the new bands)."""
        lit = [listing.find(f) for f in fragments]
        body = [k - 1 for k in lit]
        scroll = self.scroll_to(body)
        bands = self.highlight(body)
        self.shown["lit"].append(lit)
        self.shown["windows"].append(self.start)
        old = getattr(self, "bands", None)
        self.bands = bands
        moves = [*scroll, FadeOut(old)] if old is not None else scroll
        return ([AnimationGroup(*moves)] if moves else []) + [FadeIn(bands)], bands

    # ------------------------------------------------------------------ the beats
    def build_network(self) -> tuple[NetworkDiagram, Gradients]:
        net = d.untrained()
        grads = backprop(net, data.digit("train", d.two_index()), d.LABEL)
        diagram = NetworkDiagram.from_network(net, edge_keep=0.4)
        diagram.scale_to_fit_width(6.55 - (self.frame.get_right()[0] + 0.5))
        if diagram.height > 5.4:
            diagram.scale_to_fit_height(5.4)
        diagram.move_to([(self.frame.get_right()[0] + 6.55) / 2 + 0.1, STAGE_Y - 0.1, 0])
        self.shown["gradients"] = grads
        return diagram, grads

    def show_code(self, listing: Listing, diagram: NetworkDiagram) -> None:
        shown = [row for k, row in enumerate(self.rows) if k < self.WINDOW]
        paced(self, script.code(listing.path),
              Succession(AnimationGroup(Create(self.frame), FadeIn(self.header)),
                         LaggedStart(*[FadeIn(row, shift=RIGHT * 0.2) for row in shown], lag_ratio=0.2),
                         diagram.fade_in()))
        hidden = [row for k, row in enumerate(self.rows) if k >= self.WINDOW]
        self.add(*hidden)

    def run_forward(self, listing: Listing, diagram: NetworkDiagram, grads: Gradients) -> None:
        steps, _ = self.light(listing, (self.FORWARD,))
        paced(self, script.code_forward(d.LABEL), Succession(*steps, diagram.forward_pass(grads.trace)))
        steps, _ = self.light(listing, (self.OUTPUT,))
        paced(self, script.code_output(), Succession(*steps, Indicate(diagram.layers[-1])))

    def run_backward(self, listing: Listing, diagram: NetworkDiagram, grads: Gradients) -> None:
        layers = len(grads.nabla_w)
        for i in reversed(range(layers)):
            fragments = self.LOOP if i > 0 else self.LOOP[:3]
            steps, _ = self.light(listing, fragments)
            line = script.code_loop(i + 1, first=i == layers - 1, last=i == 0)
            paced(self, line, Succession(*steps, diagram.restyle_edges(i, grads.nabla_w[i], "gradient")))

    def finish(self, listing: Listing, diagram: NetworkDiagram) -> None:
        steps, _ = self.light(listing, (self.RETURN,))
        paced(self, script.same_gradient(), Succession(*steps, LaggedStart(*[b.flash() for b in reversed(diagram.edges)], lag_ratio=0.5)))
        closing = Tex("Next: the calculus", font_size=48, color=YELLOW).move_to([0, STAGE_Y, 0])
        everything = Group(self.frame, self.header, self.rows, self.bands, diagram)
        paced(self, script.next_chapter(), Succession(FadeOut(everything, shift=UP * 0.3), Write(closing)))
