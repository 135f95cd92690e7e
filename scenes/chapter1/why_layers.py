"""Chapter 1, segment 5 ("Why layers?"): loops and lines, little edges, what real neurons like."""
from __future__ import annotations

import numpy as np
from manim import (BLACK, DOWN, LEFT, RIGHT, UP, Arrow, Create, FadeIn, FadeOut, Indicate, LaggedStart, Line,
                   Scene, Square, SurroundingRectangle, Tex, VGroup, Write)
from numpy.typing import NDArray

from scenes.chapter1 import data as ch1
from scenes.chapter1.measures import digit_loops, ink_mask, masked, split_by_angle
from scenes.chapter1.mobjects import (CONTENT_Y, EDGE_KEEP, NeuronFavourites, digit_breakdown,
                                      mnist_diagram, sobel_maps)
from scenes.chapter1.pacing import paced, share_of
from scenes.chapter1.script import why_layers as say
from scenes.common import data
from scenes.common.captions import narrated
from scenes.common.digit import DigitImage
from scenes.common.layout import BODY_FONT_SIZE, CAPTION_BAND_TOP, SMALL_BUFF, SMALL_FONT_SIZE
from scenes.common.palette import GREY_B, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import fit_in_frame, heading

__all__ = ["LoopsAndLinesHope", "LittleEdgeLayer", "WhatRealNeuronsLike"]

#: Pieces the nine's loop is cut into.
ARCS = 5


class LoopsAndLinesHope(Scene):
    """5.1 The hope: a 9 is a loop and a line, an 8 two loops; parts cut from real digits."""

    def construct(self) -> None:
        maps = data.image_map()
        nine, eight = maps[9][0], maps[8][0]
        self.shown = Shown(nine_loops=digit_loops(nine), eight_loops=digit_loops(eight))
        rows = VGroup(digit_breakdown(nine, [*digit_loops(nine), None], "loop", "line"),
                      digit_breakdown(eight, digit_loops(eight), "upper loop", "lower loop"))
        rows.arrange(DOWN, buff=0.6, aligned_edge=LEFT).set_y(CONTENT_Y)  # centred until the diagram comes
        for row, line in zip(rows, (say.loop_and_line(), say.two_loops())):
            with narrated(self, line):
                self.play(FadeIn(row[0]), run_time=share_of(line, 0.25))
                self.play(LaggedStart(*[FadeIn(part, shift=RIGHT * 0.6) for part in row[1:]], lag_ratio=0.3),
                          run_time=share_of(line, 0.6))
        self.hope(rows)

    def hope(self, rows: VGroup) -> None:
        diagram = mnist_diagram(height=5.2, edge_keep=EDGE_KEEP).to_edge(RIGHT, buff=0.6)
        layer = diagram.neurons(len(diagram.sizes) - 2)
        picks = (2, 6, 11)  # drawn positions, spread over the layer; which neuron is a made-up choice
        tags = VGroup()
        for i, part in zip(picks, (rows[0][2][0], rows[1][2][0], rows[0][4][0])):
            thumb = part.copy().scale(0.32)
            backing = Square(side_length=thumb.width, fill_color=BLACK, fill_opacity=1, stroke_width=0)
            tags.add(VGroup(backing.move_to(thumb), thumb).next_to(layer[i], LEFT, buff=0.08))
        question = Tex(r"Hypothetical: a layer-3 neuron\\for each part?", font_size=SMALL_FONT_SIZE,
                       color=YELLOW).next_to(diagram, UP, buff=SMALL_BUFF)
        fit_in_frame(question)
        line = say.hypothetical_neurons()
        with narrated(self, line):
            self.play(rows.animate.to_edge(LEFT, buff=0.6), diagram.fade_in(), Write(question),
                      run_time=share_of(line, 0.4))
            self.play(*[b.animate.set_stroke(opacity=0.25) for b in diagram.edges], FadeIn(tags, lag_ratio=0.4),
                      *[layer[i].animate.set_stroke(YELLOW, width=4) for i in picks], run_time=share_of(line, 0.45))
        self.parts_to_digits(diagram, layer, picks)

    def parts_to_digits(self, diagram, layer, picks) -> None:
        """Hypothetical links (dashed yellow, not the network's): loop + line -> 9, two loops -> 8."""
        outputs = diagram.neurons(len(diagram.sizes) - 1)
        nine, eight = (outputs[diagram.layers[-1].index_of(d)] for d in (9, 8))
        links = VGroup(*[Line(layer[i].get_right(), out.get_left(), color=YELLOW, stroke_width=3)
                         for i, out in ((picks[0], nine), (picks[2], nine), (picks[0], eight), (picks[1], eight))])
        line = say.parts_make_digits()
        with narrated(self, line):
            self.play(Create(links[:2], lag_ratio=0.3), run_time=share_of(line, 0.35))
            self.play(Indicate(nine, color=YELLOW), run_time=share_of(line, 0.2))
            self.play(Create(links[2:], lag_ratio=0.3), Indicate(eight, color=YELLOW), run_time=share_of(line, 0.3))


class LittleEdgeLayer(Scene):
    """5.2 A loop is made of little edges: the real loop cut into 5 arcs; a numpy Sobel pass; speech's layers."""

    def construct(self) -> None:
        nine = data.image_map()[9][0]
        loop = digit_loops(nine)[0] if digit_loops(nine) else ink_mask(nine)
        arcs = split_by_angle(loop, ARCS)
        whole = DigitImage(masked(nine, loop), size=2.4).move_to(LEFT * 4.6 + UP * 2.1)
        pieces = VGroup(*[DigitImage(masked(nine, a), size=1.4) for a in arcs]).arrange(RIGHT, buff=0.25)
        pieces.next_to(whole, RIGHT, buff=0.8)
        line = say.loop_into_arcs(ARCS)
        with narrated(self, line):
            self.play(FadeIn(whole), run_time=share_of(line, 0.25))
            self.play(LaggedStart(*[FadeIn(p, shift=RIGHT * 0.5) for p in pieces], lag_ratio=0.4),
                      run_time=share_of(line, 0.6))
        question = Tex("Little edge layer?", font_size=BODY_FONT_SIZE, color=YELLOW).next_to(pieces, DOWN)
        paced(self, say.little_edge_layer(), Write(question), Indicate(pieces, color=YELLOW, scale_factor=1.05),
              share=0.7)
        self.edges_of(nine, VGroup(whole, pieces, question))

    def edges_of(self, nine: NDArray[np.float64], top: VGroup) -> None:
        maps = sobel_maps(nine)
        maps.set_y(CAPTION_BAND_TOP + maps.height / 2 + 0.3)
        line = say.sobel()
        with narrated(self, line):
            self.play(FadeIn(maps[0]), run_time=share_of(line, 0.2))
            self.play(LaggedStart(*[FadeIn(m, shift=RIGHT * 0.3) for m in maps[1:]], lag_ratio=0.5),
                      run_time=share_of(line, 0.65))
        chain = self.speech_chain().move_to(top)
        line = say.speech_layers()
        words = chain[0::2]
        arrows = chain[1::2]
        with narrated(self, line):
            self.play(FadeOut(top), maps.animate.fade(0.6), FadeIn(words[0]), run_time=share_of(line, 0.25))
            for arrow, word in zip(arrows, words[1:]):
                self.play(Create(arrow), FadeIn(word, shift=RIGHT * 0.3), run_time=share_of(line, 0.6, len(arrows)))

    @staticmethod
    def speech_chain() -> VGroup:
        """sounds -> syllables -> words -> phrases, as boxed words with arrows."""
        words = [Tex(w, font_size=BODY_FONT_SIZE) for w in ("sounds", "syllables", "words", "phrases")]
        boxed = [VGroup(SurroundingRectangle(w, color=GREY_B, buff=0.2), w) for w in words]
        chain = VGroup(boxed[0])
        for box in boxed[1:]:
            chain.add(Arrow(LEFT * 0.4, RIGHT * 0.4, color=YELLOW, buff=0), box)
        return chain.arrange(RIGHT, buff=0.3)


class WhatRealNeuronsLike(Scene):
    """5.3 Going further: what do the trained network's first hidden neurons respond to?"""

    TOP = 6

    def construct(self) -> None:
        net = data.network()
        selective = ch1.selective_neurons(k=self.TOP, count=3)
        self.shown = Shown(selective=selective)
        title = heading("What do real hidden neurons respond to?", font_size=BODY_FONT_SIZE)
        paced(self, say.look_inside(), Write(title), share=0.8)
        rows = [NeuronFavourites(net, selective.images, selective.top, int(j)) for j in selective.neurons]
        self.shown["rows"] = rows
        table = VGroup(*rows).arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        room = title.get_bottom()[1] - 0.3 - CAPTION_BAND_TOP
        if table.height > room:
            table.scale_to_fit_height(room)
        table.next_to(title, DOWN, buff=0.3)
        fit_in_frame(table)
        paced(self, say.neurons_and_favourites(len(rows), self.TOP, selective.searched),
              LaggedStart(*[FadeIn(r, shift=UP * 0.3) for r in rows], lag_ratio=0.5))
        neurons = [int(j) for j in selective.neurons]
        favourite = [selective.favourite(j) for j in neurons]
        line = say.favourites(neurons, [d for d, _ in favourite], [a for _, a in favourite], self.TOP)
        with narrated(self, line):
            for row in rows:
                self.play(Indicate(row[2], color=YELLOW, scale_factor=1.03), run_time=share_of(line, 0.9, len(rows)))
        boxes = VGroup(*[SurroundingRectangle(row[1], color=YELLOW, buff=0.05) for row in rows])
        paced(self, say.whole_shapes(all(a == self.TOP for _, a in favourite)), Create(boxes, lag_ratio=0.3),
              share=0.6)
