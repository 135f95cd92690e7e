"""Chapter 3, segment "Stochastic gradient descent": mini-batches, and the careful hiker vs the drunk man."""
from __future__ import annotations

import numpy as np
from manim import (DEGREES, DOWN, LEFT, RIGHT, UP, AnimationGroup, Create, FadeIn, FadeOut, Group, LaggedStart,
                   MoveToTarget, ReplacementTransform, Scene, Succession, SurroundingRectangle, Tex, ThreeDScene,
                   VGroup)

from scenes.chapter3 import data as d
from scenes.chapter3.mobjects import Count
from scenes.common.cost_surface import VIEW, CostSurface, turn_camera
from scenes.common.descent_surface import DescentSurface
from scenes.common import data
from scenes.chapter3 import script
from scenes.chapter3.pacing import STAGE_Y, paced
from scenes.common.descent import DescentPath
from scenes.common.digit import DigitImage
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.palette import GREEN, GREY_B, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num, ValuedTex

__all__ = ["ShuffledIntoMiniBatches", "CarefulHikerAndDrunkMan"]

#: Where the surface's picture is centred on screen, where the numbers beside it start, the camera's short moves.
SURFACE_X = -2.7
PANEL_X = 1.9
TURN = 15 * DEGREES
TILT = 8 * DEGREES


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
        one = SurroundingRectangle(rows[0], color=YELLOW, buff=0.06)
        every = SurroundingRectangle(Group(*rows), color=YELLOW, buff=0.1)
        paced(self, script.cheaper(d.BATCH_DEMO_SIZE, d.BATCH_DEMO_IMAGES),
              Succession(Create(one), ReplacementTransform(one, every), FadeOut(every)))

    def lay_out(self) -> Group:
        images = data.split("train").images[:d.BATCH_DEMO_IMAGES]
        thumbs = Group(*[DigitImage(x, size=self.THUMB, frame_color=GREY_B, levels=8) for x in images])
        thumbs.arrange_in_grid(rows=6, cols=10, buff=0.12).move_to(UP * 0.2)
        paced(self, script.true_gradient(d.BATCH_DEMO_IMAGES), LaggedStart(*[FadeIn(t) for t in thumbs], lag_ratio=0.1))
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
        paced(self, script.shuffle(d.SHUFFLE_SEED, d.BATCH_DEMO_SIZE),
              Succession(AnimationGroup(*[MoveToTarget(t) for t in thumbs]), FadeIn(labels)))
        return rows

    def step_per_batch(self, rows: list[Group], path: DescentPath) -> None:
        header = ValuedTex(r"\text{cost of the }", Count(d.BATCH_DEMO_IMAGES), r"\text{:}\ ", Num(path.costs[0], 3),
                           font_size=SMALL_FONT_SIZE)
        header.move_to([3.55, 3.2, 0], aligned_edge=LEFT)
        self.shown["start_cost"] = header
        paced(self, script.start_cost(d.BATCH_DEMO_IMAGES, path.costs[0]), FadeIn(header, shift=DOWN * 0.2))
        values = VGroup()
        for r, row in enumerate(rows):
            box = SurroundingRectangle(row, color=YELLOW, buff=0.06)
            value = ValuedTex(r"\text{after step }", Count(r + 1), r"\text{:}\ ", Num(path.costs[r + 1], 3),
                              font_size=SMALL_FONT_SIZE).move_to([3.55, row.get_y(), 0], aligned_edge=LEFT)
            values.add(value)
            paced(self, script.batch_step(r + 1, path.costs[r], path.costs[r + 1], d.ETA),
                  Succession(Create(box), FadeIn(value, shift=LEFT * 0.2), FadeOut(box)))
        self.shown["step_costs"] = values


class CarefulHikerAndDrunkMan(ThreeDScene):
    """Ch3 4.2: full-batch vs mini-batch descent of the real network, two balls rolling on its real cost surface."""

    def construct(self) -> None:
        self.shown = Shown()
        surface_data = d.descent_surface()
        self.shown["surface_data"] = surface_data
        surface = self.show_surface(surface_data)
        self.walk(surface, surface_data)
        self.compare(surface_data)

    def fixed(self, *mobjects) -> None:
        """Keep ``mobjects`` flat on the screen whatever the camera does (not added yet)."""
        self.add_fixed_in_frame_mobjects(*mobjects)
        self.remove(*mobjects)

    def show_surface(self, s: DescentSurface) -> CostSurface:
        self.set_camera_orientation(**VIEW)
        surface = CostSurface(s, size=(5.2, 5.2, 3.0), screen_x=SURFACE_X)
        surface.prepare(self)
        self.surface = surface
        self.shown["surface"] = surface
        everything = len(data.split("train"))
        paced(self, script.real_surface(d.PATH_IMAGES, everything),
              Succession(AnimationGroup(Create(surface.axes), FadeIn(surface.labels)), FadeIn(surface.surface)),
              *turn_camera(self, theta=TURN))
        share = float(s.plane.explained.sum())
        paced(self, script.slice_plane(share), FadeIn(surface.minimum), *turn_camera(self, theta=-TURN, phi=-TILT))
        return surface

    def walk(self, surface: CostSurface, s: DescentSurface) -> None:
        full, mini = s.paths
        hiker, drunk = surface.ball(0, color=YELLOW), surface.ball(1, color=GREEN, radius=0.1)
        hiker_trail, drunk_trail = surface.trail(YELLOW, 4), surface.trail(GREEN, 2.5)
        self.add(hiker_trail, drunk_trail)
        start = ValuedTex(r"\text{start: } C =", Num(full.costs[0], 2), font_size=SMALL_FONT_SIZE)
        start.move_to([PANEL_X, 2.9, 0], aligned_edge=LEFT)
        self.fixed(start)
        self.shown["start_cost"] = start
        paced(self, script.both_start(), FadeIn(hiker, scale=2), FadeIn(drunk, scale=2), FadeIn(start))
        self.shown["hiker_ball"], self.shown["drunk_ball"] = hiker, drunk
        paced(self, script.careful_hiker(d.PATH_IMAGES), surface.roll(hiker, 0, trail=hiker_trail), share=0.9)
        self.shown["hiker_ball"] = hiker
        paced(self, script.drunk_man(full.batch_size if mini.batch_size is None else mini.batch_size),
              surface.roll(drunk, 1, trail=drunk_trail), *turn_camera(self, theta=TURN), share=0.9)

    def compare(self, s: DescentSurface) -> None:
        full, mini = s.paths
        rows = VGroup()
        for key, name, color, path in (("hiker", "Careful hiker", YELLOW, full), ("drunk", "Drunk man", GREEN, mini)):
            title = Tex(name, font_size=BODY_FONT_SIZE, color=color)
            per_step = ValuedTex(r"\text{examples per step: }", Count(path.batch_size), font_size=SMALL_FONT_SIZE)
            work = ValuedTex(r"\text{examples in }", Count(path.steps), r"\text{ steps: }",
                             Count(path.batch_size * path.steps), font_size=SMALL_FONT_SIZE)
            final = ValuedTex(r"\text{cost: }", Num(path.costs[0], 2), r"\to", Num(path.costs[-1], 2),
                              font_size=SMALL_FONT_SIZE, color=color)
            rows.add(VGroup(title, final, per_step, work).arrange(DOWN, aligned_edge=LEFT, buff=0.14))
            self.shown[f"{key}_per_step"] = per_step
            self.shown[f"{key}_work"] = work
            self.shown[f"{key}_cost"] = final
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.5).move_to([PANEL_X, STAGE_Y - 0.35, 0], aligned_edge=LEFT)
        self.fixed(rows)
        paced(self, script.end_costs(full.steps, full.costs[-1], mini.costs[-1]),
              Succession(FadeIn(VGroup(rows[0][0], rows[0][1]), shift=LEFT * 0.2),
                         FadeIn(VGroup(rows[1][0], rows[1][1]), shift=LEFT * 0.2)))
        ratio = full.batch_size / mini.batch_size
        paced(self, script.work_ratio(mini.costs[-1] > full.costs[-1], ratio),
              Succession(FadeIn(VGroup(rows[0][2], rows[0][3])), FadeIn(VGroup(rows[1][2], rows[1][3]))))
        paced(self, script.stochastic(), *turn_camera(self, phi=TILT, theta=-TURN))
