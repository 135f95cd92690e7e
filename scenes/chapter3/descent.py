"""Chapter 3, segment "Stochastic gradient descent": mini-batches, and the careful hiker vs the drunk man."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Group, LaggedStart, MoveToTarget, Scene,
                   SurroundingRectangle, Tex, VGroup, VMobject, linear)

from scenes.chapter3 import data as d
from scenes.chapter3.data import DescentMap
from scenes.chapter3.mobjects import CostMap, Count, map_size
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.descent import DescentPath
from scenes.common.digit import DigitImage
from scenes.common.formatting import format_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num, ValuedTex

__all__ = ["ShuffledIntoMiniBatches", "CarefulHikerAndDrunkMan"]


class ShuffledIntoMiniBatches(Scene):
    """Ch3 4.1: 60 real training digits shuffled into 5 mini-batches of 12; one real step per mini-batch."""

    THUMB = 0.5

    def construct(self) -> None:
        self.shown = Shown()
        demo = d.batch_demo()
        self.shown["batch_demo"] = demo
        thumbs = self.lay_out()
        rows = self.shuffle(thumbs, demo.batches)
        self.step_per_batch(rows, demo.path)
        caption(self, "Each step uses a rough gradient from a few examples, but it is computed many times "
                      "faster, so the network takes many more steps for the same work.")

    def lay_out(self) -> Group:
        images = data.split("train").images[:d.BATCH_DEMO_IMAGES]
        thumbs = Group(*[DigitImage(x, size=self.THUMB, frame_color=GREY_B, levels=8) for x in images])
        thumbs.arrange_in_grid(rows=6, cols=10, buff=0.12).move_to(UP * 0.2)
        caption(self, f"Computing the true gradient means backpropagating every training example for every "
                      f"step. Here are the first {d.BATCH_DEMO_IMAGES} training digits.",
                LaggedStart(*[FadeIn(t) for t in thumbs], lag_ratio=0.02), run_time=2)
        return thumbs

    def shuffle(self, thumbs: Group, batches: tuple[np.ndarray, ...]) -> list[Group]:
        rows, labels = [], VGroup()
        for r, batch in enumerate(batches):
            y = 2.2 - 1.0 * r
            row = Group(*[thumbs[int(i)] for i in batch])
            rows.append(row)
            for c, t in enumerate(row):
                t.generate_target()
                t.target.move_to([-3.95 + c * (self.THUMB + 0.1), y, 0])
            labels.add(Tex(f"mini-batch {r + 1}", font_size=SMALL_FONT_SIZE, color=GREY_B)
                       .move_to([-5.95, y, 0]))
        self.labels = labels
        caption(self, f"Instead, shuffle them (seed {d.SHUFFLE_SEED}) and cut them into mini-batches of "
                      f"{d.BATCH_DEMO_SIZE}.", *[MoveToTarget(t) for t in thumbs], FadeIn(labels), run_time=2.5)
        return rows

    def step_per_batch(self, rows: list[Group], path: DescentPath) -> None:
        header = ValuedTex(r"\text{cost of the " + str(d.BATCH_DEMO_IMAGES) + r":}\ ", Num(path.costs[0], 3),
                           font_size=SMALL_FONT_SIZE)
        header.move_to([3.55, 3.2, 0], aligned_edge=LEFT)
        self.shown["start_cost"] = header
        caption(self, f"The untrained network's mean cost on these {d.BATCH_DEMO_IMAGES} digits.", FadeIn(header))
        values = VGroup()
        for r, row in enumerate(rows):
            box = SurroundingRectangle(row, color=YELLOW, buff=0.06)
            value = ValuedTex(r"\text{after step " + str(r + 1) + r":}\ ", Num(path.costs[r + 1], 3),
                              font_size=SMALL_FONT_SIZE).move_to([3.55, row.get_y(), 0], aligned_edge=LEFT)
            values.add(value)
            text = (f"One gradient step from mini-batch {r + 1} alone (learning rate {d.ETA:g})." if r == 0
                    else f"Mini-batch {r + 1}: another step.")
            caption(self, text, Create(box), FadeIn(value), run_time=1.0)
            self.play(FadeOut(box), run_time=0.3)
        self.shown["step_costs"] = values


class CarefulHikerAndDrunkMan(Scene):
    """Ch3 4.2: full-batch vs mini-batch descent of the real network, on its real cost map."""

    def construct(self) -> None:
        self.shown = Shown()
        m = d.descent_map()
        cost_map = self.show_map(m)
        self.walk(cost_map, m)
        self.compare(m)

    def show_map(self, m: DescentMap) -> CostMap:
        width, height = map_size(m, 6.4)
        cost_map = CostMap(m.grid_u, m.grid_v, m.grid_costs, width=width, height=height).to_edge(LEFT, buff=0.5)
        lo, hi = float(m.grid_costs.min()), float(m.grid_costs.max())
        legend = ValuedTex(r"\text{cost on the map: }", Num(lo, 2, color=BLUE), r"\text{ to }",
                           Num(hi, 2, color=RED), font_size=SMALL_FONT_SIZE - 4)
        legend.next_to(cost_map, DOWN, buff=0.15)
        self.shown["legend"] = legend
        self.shown["cost_map"] = cost_map
        share = 100 * float(m.explained.sum())
        everything = format_count(len(data.split("train")))
        caption(self, f"The real cost of our network over the first {format_count(d.PATH_IMAGES)} training images "
                      f"(fewer than all {everything}, to keep this quick), on a flat slice through parameter space.",
                FadeIn(cost_map), FadeIn(legend), run_time=1.5)
        caption(self, f"The slice holds the start and the two directions both walks moved along most "
                      f"({share:.0f}% of their movement). Blue is low cost, red is high.")
        return cost_map

    def walk(self, cost_map: CostMap, m: DescentMap) -> None:
        full = VMobject(stroke_color=YELLOW, stroke_width=4).set_points_as_corners(cost_map.to_point(m.full_uv))
        mini = VMobject(stroke_color=GREEN, stroke_width=2.5).set_points_as_corners(cost_map.to_point(m.mini_uv))
        start = Dot(cost_map.to_point(m.full_uv[:1])[0], color=WHITE, radius=0.07)
        start_label = ValuedTex(Num(m.full_costs[0], 2), font_size=SMALL_FONT_SIZE - 2).next_to(start, UP, buff=0.1)
        ends = VGroup()
        for uv, costs, color, side in ((m.full_uv, m.full_costs, YELLOW, UP), (m.mini_uv, m.mini_costs, GREEN, UP)):
            dot = Dot(cost_map.to_point(uv[-1:])[0], color=color, radius=0.07)
            label = ValuedTex(Num(costs[-1], 2), font_size=SMALL_FONT_SIZE - 2, color=color)
            label.next_to(dot, side, buff=0.1)
            ends.add(VGroup(dot, label))
        self.shown["full_path"] = full
        self.shown["mini_path"] = mini
        self.shown["start_cost"] = start_label
        self.shown["full_end"] = ends[0][1]
        self.shown["mini_end"] = ends[1][1]
        caption(self, "Both walks start from the untrained network.", FadeIn(start), FadeIn(start_label))
        caption(self, f"The careful hiker (yellow) computes the true gradient over all {format_count(d.PATH_IMAGES)} "
                      f"images for each step. The drunk man (green) uses a mini-batch of {d.BATCH_SIZE}.",
                Create(full), Create(mini), run_time=8, rate_func=linear)
        caption(self, f"After {m.steps} steps each, their real costs. The walks leave the slice a little, "
                      "so the colour under them is a guide; the numbers are exact.", FadeIn(ends), run_time=1)

    def compare(self, m: DescentMap) -> None:
        rows = VGroup()
        for key, name, color, costs, batch in (("hiker", "Careful hiker", YELLOW, m.full_costs, m.full_batch),
                                               ("drunk", "Drunk man", GREEN, m.mini_costs, m.mini_batch)):
            title = Tex(name, font_size=BODY_FONT_SIZE, color=color)
            per_step = ValuedTex(r"\text{examples per step: }", Count(batch), font_size=SMALL_FONT_SIZE)
            work = ValuedTex(r"\text{examples in " + str(m.steps) + r" steps: }", Count(batch * m.steps),
                             font_size=SMALL_FONT_SIZE)
            final = ValuedTex(r"\text{cost: }", Num(costs[0], 2), r"\to", Num(costs[-1], 2), font_size=SMALL_FONT_SIZE)
            rows.add(VGroup(title, per_step, work, final).arrange(DOWN, aligned_edge=LEFT, buff=0.12))
            self.shown[f"{key}_per_step"] = per_step
            self.shown[f"{key}_work"] = work
            self.shown[f"{key}_cost"] = final
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.5).to_edge(RIGHT, buff=0.6)
        ratio = m.full_batch / m.mini_batch
        where = "a little higher" if m.mini_costs[-1] > m.full_costs[-1] else "even lower"
        caption(self, f"The drunk man stumbles and ends {where}. But each of his steps took "
                      f"{ratio:.0f} times less work.", FadeIn(rows), run_time=1.5)
        caption(self, "That is stochastic gradient descent: many quick, noisy steps instead of a few "
                      "careful ones.")

