"""Chapter 3, segment "Recap": the cost falls by real gradient steps; two weights, two sensitivities."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, Brace, ChangeDecimalToValue, Create, DecimalNumber, Dot, FadeIn,
                   FadeOut, Indicate, Line, MathTex, Scene, Succession, SurroundingRectangle, Tex, VGroup, Write)

from nnmath import backprop
from scenes.chapter3 import data as d
from scenes.chapter3 import script
from scenes.chapter3.measures.nudge_effects import Nudge
from scenes.chapter3.mobjects import ParameterColumn
from scenes.chapter3.pacing import STAGE_Y, paced, share_of
from scenes.common.captions import narrated
from scenes.common.descent import DescentPath
from scenes.common.formatting import format_count, tex_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import GREY_B, RED, TEAL, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import fit_in_frame
from scenes.common.valued_tex import Num, ValuedTex

__all__ = ["CostFallsWithEachStep", "TwoWeightsTwoSensitivities", "EARLY_STEPS"]

#: The recap says how much of the drop came in this many first steps.
EARLY_STEPS = 2


class CostFallsWithEachStep(Scene):
    """Ch3 2.1: ten real full-batch gradient steps: the edges shift and the cost falls."""

    def construct(self) -> None:
        self.shown = Shown()
        path = d.recap_path()
        diagram = self.show_network()
        readout, plot = self.show_cost(path)
        self.take_steps(diagram, path, readout, plot)
        self.show_gradient(plot)

    def show_network(self) -> NetworkDiagram:
        diagram = NetworkDiagram.from_network(d.untrained(), edge_keep=0.4)
        diagram.scale_to_fit_height(5.6).to_edge(LEFT, buff=0.6).set_y(STAGE_Y - 0.1)
        paced(self, script.parameters(d.untrained().n_parameters), diagram.fade_in())
        return diagram

    def show_cost(self, path: DescentPath) -> tuple[DecimalNumber, VGroup]:
        n = d.untrained().n_parameters
        name = MathTex(rf"C(w_0, \dots, w_{{{tex_count(n - 1)}}}) =", font_size=BODY_FONT_SIZE)
        name[0][0].set_color(RED)
        readout = DecimalNumber(path.costs[0], num_decimal_places=3, font_size=BODY_FONT_SIZE)
        VGroup(name, readout).arrange(RIGHT, buff=0.2).to_corner(UP + RIGHT, buff=0.6)
        readout.align_to(name[0][-2], DOWN)
        top = float(np.ceil(path.costs[0]))
        axes = Axes(x_range=[0, path.steps, 1], y_range=[0, top, 1], x_length=5.6, y_length=3.6, tips=False,
                    axis_config={"font_size": 22, "color": GREY_B})
        axes.x_axis.add_numbers(range(0, path.steps + 1, 2), font_size=22)
        axes.y_axis.add_numbers(range(0, int(top) + 1), font_size=22)
        axes.next_to(name, DOWN, buff=0.8).align_to(readout, RIGHT)
        labels = VGroup(Tex("step", font_size=SMALL_FONT_SIZE).next_to(axes.x_axis, DOWN, buff=0.45),
                        Tex("cost", font_size=SMALL_FONT_SIZE, color=RED).next_to(axes.y_axis, UP, buff=0.15))
        plot = VGroup(axes, labels)
        first = Dot(axes.c2p(0, path.costs[0]), color=RED, radius=0.06)
        plot.add(first)
        self.shown["readout"] = readout
        self.shown["axes"] = axes
        self.shown["dots"] = VGroup(first)
        paced(self, script.cost(n, d.PATH_IMAGES, path.costs[0]),
              Succession(Write(name), FadeIn(readout), Create(axes), FadeIn(labels), FadeIn(first)))
        self.axes = axes
        return readout, plot

    def take_steps(self, diagram: NetworkDiagram, path: DescentPath, readout: DecimalNumber, plot: VGroup) -> None:
        net = d.untrained()
        line = script.descend(d.ETA)
        run_time = share_of(line, 0.9, parts=path.steps)
        with narrated(self, line):
            for t in range(1, path.steps + 1):
                weights = net.with_flat(path.thetas[t]).weights
                dot = Dot(self.axes.c2p(t, path.costs[t]), color=RED, radius=0.06)
                segment = Line(self.axes.c2p(t - 1, path.costs[t - 1]), self.axes.c2p(t, path.costs[t]), color=RED)
                plot.add(dot, segment)
                self.play(*[diagram.restyle_edges(i, w) for i, w in enumerate(weights)],
                          ChangeDecimalToValue(readout, path.costs[t]), Create(segment), FadeIn(dot),
                          run_time=run_time)
                self.shown["dots"].add(dot)
        drop = path.costs[0] - path.costs[-1]
        early = (path.costs[0] - path.costs[EARLY_STEPS]) / drop
        self.shown["early_share"] = early
        first = VGroup(*plot[-2 * path.steps:][: 2 * EARLY_STEPS])
        paced(self, script.fall(path.steps, path.costs[0], path.costs[-1], EARLY_STEPS, early),
              Indicate(first, color=YELLOW, scale_factor=1.15), Indicate(readout))

    def show_gradient(self, plot: VGroup) -> None:
        net = d.untrained()
        x, y = d.path_data()
        rows = d.table_rows()
        g = backprop(net, x, y).flat()
        column = ParameterColumn([d.name_tex(i) for i in rows], -g[rows])
        label = MathTex(r"-\nabla C =", font_size=BODY_FONT_SIZE)
        brace = Brace(column, LEFT)
        block = VGroup(label, brace, column)
        brace.next_to(column, LEFT, buff=0.1)
        label.next_to(brace, LEFT, buff=0.15)
        block.move_to(plot).set_y(STAGE_Y - 0.2)
        note = Tex(f"{format_count(len(g))} entries, {len(rows)} of them shown", font_size=SMALL_FONT_SIZE,
                   color=GREY_B).next_to(block, DOWN, buff=0.3)
        self.shown["gradient"] = column
        self.shown["gradient_rows"] = rows
        paced(self, script.direction(len(g), len(rows)),
              Succession(FadeOut(plot), FadeIn(block), FadeIn(note)))
        biggest = int(np.argmax(np.abs(g[rows])))
        paced(self, script.sign_and_size(),
              Succession(*[Indicate(row, color=YELLOW, scale_factor=1.3 if r == biggest else 1.1)
                           for r, row in enumerate(column.rows) if r > 0]))
        paced(self, script.blank_pixel(int(rows[0]), float(-g[rows[0]])),
              Indicate(column.rows[0], color=YELLOW, scale_factor=1.3))


class TwoWeightsTwoSensitivities(Scene):
    """Ch3 2.2: two real weights, gradient entries ~32x apart, and the measured cost change per nudge."""

    def construct(self) -> None:
        self.shown = Shown()
        pair = d.recap_pair()
        big, small = pair.big, pair.small
        self.show_edges(big, small)
        self.show_entries(big, small)
        self.nudge_each(big, small)
        self.conclude(big, small)

    def show_edges(self, big: Nudge, small: Nudge) -> None:
        diagram = NetworkDiagram.from_network(d.untrained(), edge_keep=0.4)
        diagram.scale_to_fit_height(5.8).to_edge(LEFT, buff=0.6).set_y(STAGE_Y - 0.1)
        lines = VGroup()
        for nudge, color in ((big, YELLOW), (small, TEAL)):
            p = nudge.name
            lines.add(Line(diagram.neuron(p.layer, p.k).get_center(), diagram.neuron(p.layer + 1, p.j).get_center(),
                           color=color, stroke_width=6))
        self.diagram, self.lines = diagram, lines
        diagram.add_to(self)
        paced(self, script.two_weights(), *[e.animate.set_opacity(0.25) for e in diagram.edges], Create(lines))

    @staticmethod
    def row(color, *parts) -> ValuedTex:
        formula = ValuedTex(*parts, font_size=BODY_FONT_SIZE)
        formula[0].set_color(color)
        return formula

    def show_entries(self, big: Nudge, small: Nudge) -> None:
        rows = VGroup(*[
            self.row(color, rf"\frac{{\partial C}}{{\partial {n.name.tex}}}", "=", Num(n.gradient, significant=3))
            for n, color in ((big, YELLOW), (small, TEAL))
        ]).arrange(DOWN, aligned_edge=LEFT, buff=0.35).to_corner(UP + RIGHT, buff=0.6)
        ratio = ValuedTex(r"\text{ratio: }", Num(big.gradient / small.gradient, 1), font_size=BODY_FONT_SIZE)
        ratio.next_to(rows, DOWN, aligned_edge=LEFT, buff=0.35)
        self.shown["entry_big"] = rows[0]
        self.shown["entry_small"] = rows[1]
        self.shown["entry_ratio"] = ratio
        self.entries = VGroup(rows, ratio)
        paced(self, script.two_entries(d.PATH_IMAGES, big.gradient / small.gradient),
              Succession(FadeIn(rows[0], shift=LEFT * 0.2), FadeIn(rows[1], shift=LEFT * 0.2), FadeIn(ratio)))

    def nudge_each(self, big: Nudge, small: Nudge) -> None:
        header = Tex(f"Nudge each by {d.NUDGE:g} and measure the cost:", font_size=SMALL_FONT_SIZE + 4)
        lines = VGroup(header)
        for key, nudge, color in (("big", big, YELLOW), ("small", small, TEAL)):
            line = ValuedTex(r"C:", Num(nudge.cost_before, 4), r"\to", Num(nudge.cost_after, 4),
                             r"\quad \Delta C =", Num(nudge.change, significant=3), font_size=BODY_FONT_SIZE)
            line[0].set_color(color)
            lines.add(line)
            self.shown[f"nudge_{key}"] = line
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.3).next_to(self.entries, DOWN, aligned_edge=LEFT, buff=0.6)
        fit_in_frame(lines)
        self.nudges_shown = lines
        paced(self, script.measure(d.NUDGE), FadeIn(header, shift=DOWN * 0.2))
        for line, edge, words in zip(lines[1:], self.lines, (script.nudged_big(big.change),
                                                             script.nudged_small(small.change))):
            paced(self, words, Succession(Indicate(edge, scale_factor=1.0), FadeIn(line, shift=LEFT * 0.2)))

    def conclude(self, big: Nudge, small: Nudge) -> None:
        measured = big.change / small.change
        verdict = ValuedTex(r"\text{measured: }", Num(measured, 1), r"\times \text{ more sensitive}",
                            font_size=BODY_FONT_SIZE, color=YELLOW)
        verdict.next_to(self.nudges_shown, DOWN, aligned_edge=LEFT, buff=0.45)
        fit_in_frame(verdict)
        box = SurroundingRectangle(verdict, color=YELLOW, buff=0.12)
        self.shown["measured_ratio"] = verdict
        paced(self, script.sensitivity(measured, big.gradient / small.gradient, d.NUDGE),
              Succession(Write(verdict), Create(box)))
        paced(self, script.bang_for_buck(), Succession(Indicate(self.lines[0], color=YELLOW, scale_factor=1.0),
                                                        Indicate(self.entries[0][0], color=YELLOW)))
