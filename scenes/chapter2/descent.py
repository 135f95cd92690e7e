"""Chapter 2's gradient descent segment: toy costs, real slices of the cost, the recipe, the film.

Scene classes are listed for rendering in :mod:`scenes.chapter2` (``SEGMENTS``). Every
beat's words come from :mod:`scenes.chapter2.script.descent`.
"""
from __future__ import annotations

import numpy as np
from manim import (DEGREES, DOWN, LEFT, RIGHT, UP, Arrow, Axes, ChangeDecimalToValue, Create, DecimalNumber, Dot,
                   FadeIn, FadeOut, GrowArrow, Indicate, LaggedStart, Line, MathTex, Scene, Tex, ThreeDScene,
                   Transform, VGroup, Write)

from nnmath import BUMPY_1D, HILLS_2D, Trace, feedforward
from scenes.chapter2 import data as d
from scenes.chapter2.measures.learning_runs import Film
from scenes.chapter2.mobjects import LevelMap, level_legend, line_graph, map_axes, place_diagram
from scenes.chapter2.pacing import paced, share_of
from scenes.chapter2.script import descent as say
from scenes.chapter2.surface import SURFACE_IMAGES, surface
from scenes.common import data
from scenes.common.captions import narrated
from scenes.common.cost_surface import VIEW, CostSurface, turn_camera
from scenes.common.formatting import tex_count
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.numbers import DecimalColumn
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, TEAL, WHITE, YELLOW
from scenes.common.shown import Shown

#: Where the fresh network sits in the training film; the recipe scene leaves it there.
FILM_DIAGRAM = (5.2, (-2.6, 0.6, 0.0))


def fresh_diagram() -> NetworkDiagram:
    """The fresh network as the recipe and the film draw it."""
    return NetworkDiagram.from_network(d.fresh(), edge_keep=0.4)


def cost_axes(x_range: tuple[float, float], y_range: tuple[float, float], x_step: float, y_step: float,
              size: tuple[float, float] = (8.5, 4.4), decimals: int = 0) -> Axes:
    """Axes with numbers, grey, for a cost plotted against one variable."""
    axes = Axes(x_range=[x_range[0], x_range[1], x_step], y_range=[y_range[0], y_range[1], y_step],
                x_length=size[0], y_length=size[1], tips=False,
                axis_config={"font_size": 24, "color": GREY_B, "decimal_number_config": {"num_decimal_places": decimals}})
    axes.add_coordinates()
    return axes


class RollingDownhill(Scene):
    """Ch2 5.1: a toy cost of one variable; the slope says which way to step; balls roll into valleys."""

    def construct(self) -> None:
        paths = d.toy_paths()
        lo, hi = d.TOY_RANGE
        axes = cost_axes((lo, hi), (0, 3), 1, 1).shift(UP * 0.45)
        curve = axes.plot(lambda x: float(BUMPY_1D(x)), x_range=[lo, hi], color=RED)
        label = MathTex("C(w)", color=RED, font_size=BODY_FONT_SIZE).next_to(axes.y_axis, UP, buff=0.2)
        w_label = MathTex("w", font_size=BODY_FONT_SIZE).next_to(axes.x_axis, RIGHT, buff=0.2)
        paced(self, say.one_input(d.fresh().n_parameters), Create(axes), Create(curve), FadeIn(label),
              FadeIn(w_label))
        self.shown = Shown(slopes=[])
        first = paths[0]
        ball = Dot(axes.c2p(first[0], float(BUMPY_1D(first[0]))), color=YELLOW, radius=0.1)
        tangent, slope = self.tangent(axes, first[0])
        half = len(first) // 2
        line = say.slope_says()
        with narrated(self, line):
            self.play(FadeIn(ball), Create(tangent), FadeIn(slope), run_time=1)
            self.roll(axes, ball, tangent, slope, first[1:half], share_of(line, 0.7, half - 1))
        line = say.steps_shrink()
        with narrated(self, line):
            self.roll(axes, ball, tangent, slope, first[half:], share_of(line, 0.7, len(first) - half))
            self.play(FadeOut(tangent), FadeOut(slope), run_time=0.6)
        self.roll_balls(axes, paths[1:], ball)
        self.play(*[FadeOut(m) for m in self.mobjects])

    def roll(self, axes: Axes, ball: Dot, tangent: Line, slope: VGroup, xs: np.ndarray, seconds: float) -> None:
        for x in xs:
            new_tangent, new_slope = self.tangent(axes, x)
            self.play(ball.animate.move_to(axes.c2p(x, float(BUMPY_1D(x)))), Transform(tangent, new_tangent),
                      run_time=seconds)
            slope.become(new_slope)

    def tangent(self, axes: Axes, x: float) -> tuple[Line, VGroup]:
        g = float(BUMPY_1D.gradient(x)[0])
        y = float(BUMPY_1D(x))
        half = 0.6
        line = Line(axes.c2p(x - half, y - half * g), axes.c2p(x + half, y + half * g), color=GREEN)
        value = DecimalNumber(g, num_decimal_places=2, font_size=BODY_FONT_SIZE, color=GREEN)
        label = VGroup(MathTex(r"\text{slope} =", font_size=BODY_FONT_SIZE, color=GREEN), value).arrange(RIGHT, buff=0.15)
        label.to_corner(UP + RIGHT, buff=0.6)
        self.shown["slopes"].append(value)
        return line, label

    def roll_balls(self, axes: Axes, paths: list[np.ndarray], first: Dot) -> None:
        balls = VGroup(*[Dot(axes.c2p(p[0], float(BUMPY_1D(p[0]))), color=TEAL, radius=0.09) for p in paths])
        ends = np.array([p[-1] for p in paths])
        self.shown["ball_ends"] = ends
        line = say.local_minima(len(np.unique(np.round(ends, 3))))
        moves = np.abs(np.diff(np.array(paths), axis=1)).max(axis=0)  # the largest move of any ball, per step
        weights = np.sqrt(moves) / np.sum(np.sqrt(moves))  # big early steps get the time, the settling few frames
        with narrated(self, line):
            self.play(FadeOut(first), FadeIn(balls), run_time=0.6)
            for step in range(1, len(paths[0])):
                self.play(*[b.animate.move_to(axes.c2p(p[step], float(BUMPY_1D(p[step]))))
                            for b, p in zip(balls, paths)],
                          run_time=max(1 / 15, share_of(line, 0.85) * float(weights[step - 1])))


class CostAgainstOneWeight(Scene):
    """Ch2 5.2: the real cost against the output weight the gradient ranks first; descent along it."""

    def construct(self) -> None:
        s = d.slice_1d()
        index = s.index
        w0 = d.current_value(index)
        xs, costs = w0 + s.offsets, s.costs
        y_lo, y_hi = np.floor(costs.min() * 10) / 10, np.ceil(costs.max() * 10) / 10
        axes = cost_axes((xs[0], xs[-1]), (y_lo, y_hi), 4, 0.2, size=(8.2, 4.4), decimals=1)
        axes.shift(UP * 0.45 + LEFT * 1.4)
        curve = line_graph(axes, xs, costs, RED)
        name = MathTex(d.name_tex(index), font_size=BODY_FONT_SIZE, color=BLUE).next_to(axes.x_axis, RIGHT, buff=0.25)
        c_label = MathTex("C", color=RED, font_size=BODY_FONT_SIZE).next_to(axes.y_axis, UP, buff=0.2)
        self.shown = Shown(curve_costs=costs, index=index)
        paced(self, say.real_slice(len(data.split("train")), d.fresh().n_parameters - 1), Create(axes),
              FadeIn(name), FadeIn(c_label))
        paced(self, say.steepest_weight(), Create(curve))
        panel = self.readouts(s, 0)
        ball = Dot(axes.c2p(w0, s.path_costs[0]), color=YELLOW, radius=0.1)
        tangent = self.tangent(axes, w0 + s.path[0], s.path_costs[0], s.path_slopes[0])
        paced(self, say.slope_is_gradient(w0), FadeIn(ball, scale=2), Create(tangent), FadeIn(panel))
        line = say.one_weight_steps(d.SLICE_ETA_1D, float(s.path_costs[-1]))
        with narrated(self, line):
            for t in range(1, len(s.path)):
                new = self.readouts(s, t).move_to(panel, aligned_edge=LEFT)
                new_tangent = self.tangent(axes, w0 + s.path[t], s.path_costs[t], s.path_slopes[t])
                self.play(ball.animate.move_to(axes.c2p(w0 + s.path[t], s.path_costs[t])),
                          Transform(tangent, new_tangent), Transform(panel, new),
                          run_time=share_of(line, 0.9, len(s.path) - 1))
        self.play(*[FadeOut(m) for m in self.mobjects])

    def tangent(self, axes: Axes, x: float, y: float, slope: float) -> Line:
        half = 1.5
        return Line(axes.c2p(x - half, y - half * slope), axes.c2p(x + half, y + half * slope), color=GREEN)

    def readouts(self, s: d.OneWeightSlice, t: int) -> VGroup:
        """C and dC/dw at step ``t``, shown as ``path_costs`` and ``path_slopes`` (one per step)."""
        rows = VGroup()
        for key, tex, color, value in (("path_costs", "C =", RED, s.path_costs[t]),
                                       ("path_slopes", r"\partial C / \partial w =", GREEN, s.path_slopes[t])):
            number = DecimalNumber(float(value), num_decimal_places=4, font_size=BODY_FONT_SIZE, color=color)
            rows.add(VGroup(MathTex(tex, font_size=BODY_FONT_SIZE, color=color), number).arrange(RIGHT, buff=0.15))
            self.shown.setdefault(key, []).append(number)
        step = Tex(f"step {t}", font_size=SMALL_FONT_SIZE, color=GREY_B)
        rows.add(step)
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.25).to_corner(UP + RIGHT, buff=0.5)


def map_point(level_map: LevelMap, u: float, v: float, half: float) -> np.ndarray:
    """Frame point of ``(u, v)`` on a map that spans ``[-half, half]`` on both axes."""
    return level_map.point((u + half) / (2 * half), (v + half) / (2 * half))


class DownhillOnHills(Scene):
    """Ch2 5.3: a toy cost of two inputs as a landscape; the gradient and its negative; a descent."""

    def construct(self) -> None:
        half, n = d.HILLS_RANGE, 90
        axis = np.linspace(-half, half, n)
        uu, vv = np.meshgrid(axis, axis)
        values = HILLS_2D(np.stack([uu, vv], axis=-1))
        landscape = LevelMap(values, 5.4, 5.4, levels=32).move_to([-2.4, 0.45, 0])
        ticks = map_axes(landscape, half)
        formula = MathTex(r"C(x, y) = " + HILLS_2D.tex, font_size=SMALL_FONT_SIZE).to_corner(UP + RIGHT, buff=0.5)
        legend = level_legend(values, 3.2, "linear", decimals=1).next_to(formula, DOWN, buff=0.5)
        paced(self, say.landscape(), FadeIn(landscape), FadeIn(ticks), Write(formula), FadeIn(legend))
        p = np.array(d.HILLS_START)
        g = HILLS_2D.gradient(p)
        here = map_point(landscape, *p, half)
        scale = 3 * 5.4 / (2 * half)  # arrows drawn three times the map's scale, to be seen
        up = Arrow(here, here + scale * np.array([g[0], g[1], 0.0]), buff=0, color=GREEN, stroke_width=6)
        down = Arrow(here, here - scale * np.array([g[0], g[1], 0.0]), buff=0, color=RED, stroke_width=6)
        dot = Dot(here, color=WHITE, radius=0.09)
        column = DecimalColumn(g, num_decimal_places=2, font_size=BODY_FONT_SIZE, color_by_sign=True)
        readout = VGroup(MathTex(r"\nabla C =", font_size=BODY_FONT_SIZE, color=GREEN), column).arrange(RIGHT, buff=0.2)
        readout.next_to(legend, DOWN, buff=0.6)
        self.shown = Shown(gradient=column)
        minus = MathTex(r"-\nabla C", font_size=BODY_FONT_SIZE, color=RED).next_to(down.get_end(), DOWN, buff=0.1)
        line = say.gradient_arrows()
        with narrated(self, line):
            self.play(FadeIn(dot, scale=2), GrowArrow(up), FadeIn(readout), run_time=share_of(line, 0.45))
            self.play(GrowArrow(down), FadeIn(minus), run_time=share_of(line, 0.45))
        path = HILLS_2D.descent(p, d.HILLS_ETA, d.HILLS_STEPS)
        trail = VGroup(*[Line(map_point(landscape, *a, half), map_point(landscape, *b, half), color=WHITE)
                         for a, b in zip(path[:-1], path[1:])])
        self.shown["path"] = path
        line = say.step_and_repeat()
        with narrated(self, line):
            self.play(FadeOut(up), FadeOut(down), FadeOut(minus), run_time=0.5)
            for segment, b in zip(trail, path[1:]):
                self.play(Create(segment), dot.animate.move_to(map_point(landscape, *b, half)),
                          run_time=max(1 / 15, share_of(line, 0.8, len(trail))))
        self.play(*[FadeOut(m) for m in self.mobjects])


class CostSurfaceInThreeD(ThreeDScene):
    """Ch2 5.3b: the real cost of the fresh network on a plane through its parameters, and its real
    full-batch descent as a ball rolling down it (the camera turning a little as it goes)."""

    #: How far the camera turns while the ball rolls (radians), in two short moves.
    TURN = 14 * DEGREES

    def construct(self) -> None:
        surf = surface()
        path = surf.paths[0]
        self.set_camera_orientation(**VIEW)
        picture = CostSurface(surf, screen_x=-1.6)
        picture.prepare(self)
        self.shown = Shown(surface=surf, path=path)
        readout = self.readout(float(path.costs[0]))
        paced(self, say.real_surface(SURFACE_IMAGES, d.fresh().n_parameters), FadeIn(picture),
              *turn_camera(self, theta=-self.TURN), share=0.9)
        ball, trail = picture.ball(0, color=WHITE), picture.trail(WHITE)
        self.add(trail)
        explained = float(np.sum(surf.plane.explained))
        self.shown["explained"] = explained
        paced(self, say.surface_plane(explained), FadeIn(ball, scale=2), FadeIn(readout),
              Indicate(picture.minimum, color=GREEN, scale_factor=2.0))
        first = max(1, path.steps // 4)
        line = say.ball_rolls(path.steps)
        paced(self, line, picture.roll(ball, 0, trail, stop=first), *turn_camera(self, theta=self.TURN),
              *self.new_cost(readout, float(path.costs[first])), share=0.95)
        line = say.surface_result(float(path.costs[0]), float(path.costs[-1]))
        paced(self, line, picture.roll(ball, 0, trail, start=first), *turn_camera(self, phi=-8 * DEGREES),
              *self.new_cost(readout, float(path.costs[-1])), share=0.95)
        self.shown["readout"] = readout[1]
        self.play(FadeOut(picture), FadeOut(ball), FadeOut(trail), FadeOut(readout))

    def new_cost(self, readout: VGroup, cost: float) -> list:
        """The readout's number cross-fades to ``cost`` (a new number fixed in the frame: a DecimalNumber
        changing its value would rebuild its digits outside the frame's fixed set)."""
        old = readout[1]
        new = DecimalNumber(cost, num_decimal_places=3, font_size=old.font_size, color=RED).move_to(old, aligned_edge=LEFT)
        self.add_fixed_in_frame_mobjects(new)
        self.remove(new)
        readout.submobjects[1] = new
        return [FadeOut(old), FadeIn(new)]

    def readout(self, cost: float) -> VGroup:
        """``C =`` the path's real cost, fixed in the frame at the right."""
        value = DecimalNumber(cost, num_decimal_places=3, font_size=BODY_FONT_SIZE + 6, color=RED)
        group = VGroup(MathTex("C =", font_size=BODY_FONT_SIZE + 6, color=RED), value).arrange(RIGHT, buff=0.15)
        note = Tex(rf"mean cost, first {tex_count(SURFACE_IMAGES)}\\training images", font_size=22, color=GREY_B)
        box = VGroup(group, note.next_to(group, DOWN, buff=0.2)).move_to([4.9, 2.4, 0])
        self.add_fixed_in_frame_mobjects(box)
        self.remove(box)
        return VGroup(group[0], value, note)


class CostOverTwoWeights(Scene):
    """Ch2 5.4: the real cost over the two output weights the gradient ranks highest, and a descent on it."""

    def construct(self) -> None:
        s = d.slice_2d()
        half = d.SLICE_HALF_WIDTH
        cost_map = LevelMap(s.costs, 5.0, 5.0, levels=32, scale="log").move_to([-2.4, 0.75, 0])
        self.shown = Shown(grid_costs=s.costs, first=s.first, second=s.second)
        labels = self.axis_labels(cost_map, s.first, s.second, half)
        paced(self, say.two_weights(), FadeIn(cost_map), FadeIn(labels))
        legend = level_legend(s.costs, 3.4, "log", decimals=2).move_to([4.0, 2.6, 0])
        self.shown.update(legend_low=legend.low, legend_high=legend.high)
        paced(self, say.log_scale(), FadeIn(legend, shift=LEFT * 0.3))
        readout = self.readout(s, 0)
        dot = Dot(map_point(cost_map, *s.path[0], half), color=WHITE, radius=0.09)
        line = say.two_weight_descent(float(s.path_costs[-1]), d.fresh().n_parameters)
        with narrated(self, line):
            self.play(FadeIn(dot, scale=2), FadeIn(readout), run_time=0.6)
            for t in range(1, len(s.path)):
                target = map_point(cost_map, *s.path[t], half)
                self.play(Create(Line(dot.get_center(), target, color=WHITE)), dot.animate.move_to(target),
                          Transform(readout, self.readout(s, t)), run_time=share_of(line, 0.85, len(s.path) - 1))
        self.play(*[FadeOut(m) for m in self.mobjects])

    def axis_labels(self, cost_map: LevelMap, first: int, second: int, half: float) -> VGroup:
        out = VGroup()
        for index, side, corner_lo, corner_hi in ((first, DOWN, DOWN + LEFT, DOWN + RIGHT),
                                                  (second, LEFT, DOWN + LEFT, UP + LEFT)):
            w0 = d.current_value(index)
            name = MathTex(d.name_tex(index), font_size=BODY_FONT_SIZE, color=BLUE).next_to(cost_map, side, buff=0.35)
            lo = DecimalNumber(w0 - half, num_decimal_places=1, font_size=22, color=GREY_B)
            hi = DecimalNumber(w0 + half, num_decimal_places=1, font_size=22, color=GREY_B)
            lo.next_to(cost_map.get_corner(corner_lo), side, buff=0.1)
            hi.next_to(cost_map.get_corner(corner_hi), side, buff=0.1)
            out.add(name, lo, hi)
        return out

    def readout(self, s: d.TwoWeightSlice, t: int) -> VGroup:
        value = DecimalNumber(float(s.path_costs[t]), num_decimal_places=4, font_size=BODY_FONT_SIZE, color=RED)
        self.shown.setdefault("path_readouts", []).append(value)
        rows = VGroup(VGroup(MathTex("C =", font_size=BODY_FONT_SIZE, color=RED), value).arrange(RIGHT, buff=0.15),
                      Tex(f"step {t}", font_size=SMALL_FONT_SIZE, color=GREY_B))
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.25).move_to([3.0, 0.4, 0], aligned_edge=LEFT)


class DescentInManyDimensions(Scene):
    """Ch2 5.5: all 13,002 parameters as one vector W, the real -grad C beside it, and the algorithm."""

    def construct(self) -> None:
        net = d.fresh()
        theta, gradient = net.flat(), d.full_gradient()
        diagram = place_diagram(fresh_diagram(), 4.2, [-4.7, 0.1, 0])
        steps = VGroup(*[Tex(t, font_size=BODY_FONT_SIZE) for t in
                         (r"1. Compute $\nabla C$", r"2. Small step in the $-\nabla C$ direction", "3. Repeat")])
        steps.arrange(DOWN, aligned_edge=LEFT, buff=0.2).to_corner(UP + RIGHT, buff=0.5)
        paced(self, say.recipe(), LaggedStart(*[FadeIn(m, shift=RIGHT * 0.2) for m in steps], lag_ratio=0.5),
              diagram.fade_in())
        w = self.named_column(theta, color_by_sign=False).move_to([-0.9, -0.4, 0])
        g = DecimalColumn(-gradient, num_decimal_places=4, max_rows=7, color_by_sign=True,
                          font_size=SMALL_FONT_SIZE).next_to(w, RIGHT, buff=0.9)
        g.match_y(w.column)
        heads = VGroup(MathTex("W", font_size=BODY_FONT_SIZE).next_to(w.column, UP, buff=0.3),
                       MathTex(r"-\nabla C(W)", font_size=BODY_FONT_SIZE, color=RED).next_to(g, UP, buff=0.3))
        self.shown = Shown(weights=w.column, minus_gradient=g)
        paced(self, say.one_column(net.n_parameters), FadeIn(w, shift=RIGHT), FadeIn(heads[0]))
        paced(self, say.minus_gradient_column(len(data.split("train"))), FadeIn(g, shift=LEFT), FadeIn(heads[1]),
              diagram.gradient_sweep(d.matrices(gradient)))
        update = MathTex(r"W \leftarrow W - \eta\, \nabla C(W)", font_size=BODY_FONT_SIZE)
        update.next_to(VGroup(w, g), RIGHT, buff=0.5)
        paced(self, say.one_step(), Write(update))
        size, center = FILM_DIAGRAM
        self.play(*[FadeOut(m) for m in (steps, w, g, heads, update)],
                  diagram.animate.scale_to_fit_height(size).move_to(center), run_time=1.2)

    def named_column(self, values: np.ndarray, color_by_sign: bool) -> VGroup:
        column = DecimalColumn(values, num_decimal_places=4, max_rows=7, color_by_sign=color_by_sign,
                               font_size=SMALL_FONT_SIZE)
        names = VGroup(*[MathTex(d.name_tex(int(i)), font_size=22, color=GREY_B).next_to(column, LEFT, buff=0.25)
                         .match_y(entry) for i, entry in zip(column.shown, column.entries)])
        group = VGroup(names, column)
        group.column = column
        return group


class TrainingAsAFilm(Scene):
    """Ch2 5.6: a real SGD run replayed from weight snapshots while the test accuracy climbs."""

    def construct(self) -> None:
        film = d.film()
        net = d.fresh()
        size, center = FILM_DIAGRAM
        diagram = place_diagram(fresh_diagram(), size, center).add_to(self)
        seen = MathTex(r"\text{images seen:}", font_size=BODY_FONT_SIZE)
        seen_value = DecimalNumber(0, num_decimal_places=0, group_with_commas=True, font_size=BODY_FONT_SIZE)
        accuracy_label = Tex("test accuracy:", font_size=BODY_FONT_SIZE)
        accuracy = DecimalNumber(100 * film.test_accuracy[0], num_decimal_places=1, unit=r"\%",
                                 font_size=BODY_FONT_SIZE + 8, color=GREEN)
        panel = VGroup(VGroup(seen, seen_value).arrange(RIGHT, buff=0.2),
                       VGroup(accuracy_label, accuracy).arrange(RIGHT, buff=0.2)).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        panel.move_to([3.9, 2.6, 0])
        plot = self.accuracy_axes(film).move_to([3.9, -0.6, 0])
        self.shown = Shown(accuracy=accuracy, seen=seen_value, accuracies=[])
        paced(self, say.film(film.batch_size), FadeIn(panel), FadeIn(plot))
        frames = list(zip(film.steps[1:], film.thetas[1:], film.test_accuracy[1:]))
        middle = len(frames) // 2
        for line, part in ((say.film_frames(len(data.split("test"))), frames[:middle]),
                           (say.film_nudges(), frames[middle:])):
            with narrated(self, line):
                for step, theta, acc in part:
                    weights = net.with_flat(theta).weights
                    dot = Dot(self.axes.c2p(np.log10(int(step) * film.batch_size), 100 * float(acc)), color=GREEN,
                              radius=0.05)
                    self.play(*[diagram.restyle_edges(i, wm) for i, wm in enumerate(weights)],
                              ChangeDecimalToValue(seen_value, int(step) * film.batch_size),
                              ChangeDecimalToValue(accuracy, 100 * float(acc)), FadeIn(dot),
                              run_time=max(0.5, share_of(line, 0.95, len(part))))
                    self.shown["accuracies"].append(float(acc))
        paced(self, say.film_result(film.test_accuracy[0], film.test_accuracy[-1], net.sizes[-1]),
              Indicate(accuracy, color=GREEN), diagram.forward_pass(film_trace(film), flash=False))
        self.play(*[FadeOut(m) for m in self.mobjects])

    def accuracy_axes(self, film: Film) -> VGroup:
        top = int(np.ceil(np.log10(film.steps[-1] * film.batch_size)))
        self.axes = Axes(x_range=[1, top, 1], y_range=[0, 100, 25], x_length=4.6, y_length=2.6, tips=False,
                         axis_config={"font_size": 22, "color": GREY_B})
        self.axes.y_axis.add_numbers(range(0, 101, 50), font_size=22)
        powers = VGroup(*[MathTex(f"10^{k}", font_size=24).next_to(self.axes.c2p(k, 0), DOWN, buff=0.15)
                          for k in range(1, top + 1)])
        labels = VGroup(Tex("images seen (log scale)", font_size=22).next_to(powers, DOWN, buff=0.15),
                        Tex(r"test accuracy, \%", font_size=22, color=GREEN).next_to(self.axes, UP, buff=0.15))
        return VGroup(self.axes, powers, labels)


def film_trace(film: Film) -> Trace:
    """The first test digit through the network as the film's last frame has it."""
    return feedforward(d.fresh().with_flat(film.thetas[-1]), data.digit("test", 0))
