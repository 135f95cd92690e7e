"""Chapter 1, segment 5 ("Why layers?"): loops and lines, little edges, what real neurons like."""
from __future__ import annotations

import numpy as np
from manim import (BLACK, DOWN, LEFT, RIGHT, UP, FadeIn, LaggedStart, Scene, Square, Tex, VGroup, Write)
from numpy.typing import NDArray

from scenes.chapter1 import data as ch1
from scenes.chapter1.measures import digit_loops, ink_mask, masked, split_by_angle
from scenes.chapter1.mobjects import EDGE_KEEP, NeuronFavourites, digit_breakdown, mnist_diagram, sobel_maps
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.digit import DigitImage
from scenes.common.formatting import format_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_BUFF, SMALL_FONT_SIZE
from scenes.common.palette import YELLOW
from scenes.common.shown import Shown
from scenes.common.text import fit_in_frame, heading

__all__ = ["LoopsAndLinesHope", "LittleEdgeLayer", "WhatRealNeuronsLike"]


class LoopsAndLinesHope(Scene):
    """5.1 The hope: a 9 is a loop and a line, an 8 two loops; parts cut from real digits."""

    def construct(self) -> None:
        maps = data.image_map()
        nine, eight = maps[9][0], maps[8][0]
        self.shown = Shown(nine_loops=digit_loops(nine), eight_loops=digit_loops(eight))
        rows = VGroup(digit_breakdown(nine, [*digit_loops(nine), None], "loop", "line"),
                      digit_breakdown(eight, digit_loops(eight), "upper loop", "lower loop"))
        rows.arrange(DOWN, buff=0.6, aligned_edge=LEFT).to_edge(LEFT, buff=0.8)
        caption(self, "Why layers? One hope: a nine is a loop on top of a line, an eight is two loops.",
                FadeIn(rows[0]))
        caption(self, "These parts are cut from the real digits: the ink around each enclosed hole "
                      "is a loop, the rest of the nine is its line.", FadeIn(rows[1]))
        self.hope(rows)

    def hope(self, rows: VGroup) -> None:
        diagram = mnist_diagram(height=5.6, edge_keep=EDGE_KEEP)
        diagram.to_edge(RIGHT, buff=0.6)
        layer = diagram.neurons(len(diagram.sizes) - 2)
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

    def edges_of(self, nine: NDArray[np.float64]) -> None:
        maps = sobel_maps(nine).to_edge(DOWN, buff=0.5)
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
        selective = ch1.selective_neurons(k=self.TOP, count=3)
        self.shown = Shown(selective=selective)
        title = heading("What do real hidden neurons respond to?", font_size=BODY_FONT_SIZE)
        caption(self, "Enough hoping: let's look inside the trained network.", Write(title))
        rows = [NeuronFavourites(net, selective.images, selective.top, int(j)) for j in selective.neurons]
        self.shown["rows"] = rows
        table = VGroup(*rows).arrange(DOWN, buff=0.35, aligned_edge=LEFT).next_to(title, DOWN, buff=0.4)
        fit_in_frame(table)
        caption(self, f"For three neurons of the first hidden layer: its incoming weights (blue positive, "
                      f"red negative) and the {self.TOP} test digits, out of "
                      f"{format_count(selective.searched)}, that light it up most.",
                LaggedStart(*[FadeIn(r) for r in rows], lag_ratio=0.4), run_time=3)
        caption(self, "These three were picked because their favourite digits agree most on one label. "
                      "Compare their weights with the clean edges and loops we hoped for.")
