"""Chapter 2's gradient descent segment: toy costs, real slices of the cost, the recipe, the film.

Scene classes are listed for rendering in :mod:`scenes.chapter2` (``SEGMENTS``).
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Axes, ChangeDecimalToValue, Create, DecimalNumber, Dot, FadeIn,
                   FadeOut, GrowArrow, Line, MathTex, Scene, Tex, Transform, VGroup, Write)

from nnmath import BUMPY_1D, HILLS_2D
from scenes.chapter2 import data as d
from scenes.chapter2.measures.learning_runs import Film
from scenes.chapter2.mobjects import LevelMap, line_graph, place_diagram
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.formatting import format_count, format_percent
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.numbers import DecimalColumn
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, TEAL, WHITE, YELLOW
from scenes.common.shown import Shown


# ============================================================================ Gradient descent


def cost_axes(x_range: tuple[float, float], y_range: tuple[float, float], x_step: float, y_step: float,
              size: tuple[float, float] = (8.5, 4.8), decimals: int = 0) -> Axes:
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
        axes = cost_axes((lo, hi), (0, 3), 1, 1).shift(DOWN * 0.4)
        curve = axes.plot(lambda x: float(BUMPY_1D(x)), x_range=[lo, hi], color=RED)
        label = MathTex("C(w)", color=RED, font_size=BODY_FONT_SIZE).next_to(axes.y_axis, UP, buff=0.2)
        w_label = MathTex("w", font_size=BODY_FONT_SIZE).next_to(axes.x_axis, RIGHT, buff=0.2)
        caption(self, "Thirteen thousand inputs are hard to picture. Start with one input, w.",
                Create(axes), Create(curve), FadeIn(label), FadeIn(w_label), run_time=2)
        self.shown = Shown(slopes=[])
        ball = Dot(axes.c2p(paths[0][0], float(BUMPY_1D(paths[0][0]))), color=YELLOW, radius=0.1)
        tangent, slope = self.tangent(axes, paths[0][0])
        caption(self, "The slope says which way is downhill: positive, step left; negative, step right.", FadeIn(ball), Create(tangent), FadeIn(slope))
        for x in paths[0][1:]:
            new_tangent, new_slope = self.tangent(axes, x)
            self.play(ball.animate.move_to(axes.c2p(x, float(BUMPY_1D(x)))),
                      Transform(tangent, new_tangent), run_time=0.4)
            slope.become(new_slope)
        caption(self, "Steps shrink with the slope, and you settle in a valley.")
        self.play(FadeOut(tangent), FadeOut(slope))
        self.roll_balls(axes, paths[1:], ball)
        self.play(*[FadeOut(m) for m in self.mobjects])

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
        caption(self, "Start elsewhere, land elsewhere: gradient descent finds a local minimum, not "
                      "necessarily the lowest.", FadeOut(first), FadeIn(balls), hold=False)
        for step in range(1, len(paths[0])):
            self.play(*[b.animate.move_to(axes.c2p(p[step], float(BUMPY_1D(p[step])))) for b, p in zip(balls, paths)],
                      run_time=0.08)
        self.shown["ball_ends"] = np.array([p[-1] for p in paths])
        self.wait(2)


class CostAgainstOneWeight(Scene):
    """Ch2 5.2: the real cost against the output weight the gradient ranks first; descent along it."""

    def construct(self) -> None:
        s = d.slice_1d()
        index = s.index
        w0 = d.current_value(index)
        xs, costs = w0 + s.offsets, s.costs
        y_lo, y_hi = np.floor(costs.min() * 10) / 10, np.ceil(costs.max() * 10) / 10
        axes = cost_axes((xs[0], xs[-1]), (y_lo, y_hi), 4, 0.2, size=(8.2, 4.4), decimals=1)
        axes.shift(DOWN * 0.3 + LEFT * 1.4)
        curve = line_graph(axes, xs, costs, RED)
        name = MathTex(d.name_tex(index), font_size=BODY_FONT_SIZE, color=BLUE).next_to(axes.x_axis, RIGHT, buff=0.25)
        c_label = MathTex("C", color=RED, font_size=BODY_FONT_SIZE).next_to(axes.y_axis, UP, buff=0.2)
        self.shown = Shown(curve_costs=costs, index=index)
        caption(self, f"Now the real cost, over all {format_count(len(data.split('train')))} training images, as "
                      f"one weight moves and {format_count(d.fresh().n_parameters - 1)} stay put.",
                Create(axes), FadeIn(name), FadeIn(c_label), run_time=1.5)
        caption(self, "The weight: the output-layer one the gradient says matters most.",
                Create(curve), run_time=2)
        panel = self.readouts(s, 0)
        ball = Dot(axes.c2p(w0, s.path_costs[0]), color=YELLOW, radius=0.1)
        tangent = self.tangent(axes, w0 + s.path[0], s.path_costs[0], s.path_slopes[0])
        caption(self, f"Right now it is {w0:.2f}. The slope there is its gradient entry.",
                FadeIn(ball), Create(tangent), FadeIn(panel))
        for t in range(1, len(s.path)):
            new = self.readouts(s, t).move_to(panel, aligned_edge=LEFT)
            new_tangent = self.tangent(axes, w0 + s.path[t], s.path_costs[t], s.path_slopes[t])
            self.play(ball.animate.move_to(axes.c2p(w0 + s.path[t], s.path_costs[t])),
                      Transform(tangent, new_tangent), run_time=0.7)
            self.remove(panel)
            self.add(new)
            panel = new
        caption(self, f"Step by step, by {d.SLICE_ETA_1D:g} times minus the slope, the cost falls to "
                      f"{s.path_costs[-1]:.3f} and the steps shrink as the valley flattens.")
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
        half, n = d.HILLS_RANGE, 60
        axis = np.linspace(-half, half, n)
        uu, vv = np.meshgrid(axis, axis)
        landscape = LevelMap(HILLS_2D(np.stack([uu, vv], axis=-1)), 6.4, 6.4).move_to([-2.6, -0.2, 0])
        formula = MathTex(r"C(x, y) = " + HILLS_2D.tex, font_size=SMALL_FONT_SIZE).next_to(landscape, UP, buff=0.2)
        caption(self, "With two inputs the cost is a landscape: dark is low, yellow high.",
                FadeIn(landscape), FadeIn(formula), run_time=1.5)
        p = np.array(d.HILLS_START)
        g = HILLS_2D.gradient(p)
        here = map_point(landscape, *p, half)
        scale = 3 * 6.4 / (2 * half)  # arrows drawn three times the map's scale, to be seen
        up = Arrow(here, here + scale * np.array([g[0], g[1], 0.0]), buff=0, color=GREEN, stroke_width=6)
        down = Arrow(here, here - scale * np.array([g[0], g[1], 0.0]), buff=0, color=RED, stroke_width=6)
        dot = Dot(here, color=WHITE, radius=0.09)
        column = DecimalColumn(g, num_decimal_places=2, font_size=BODY_FONT_SIZE, color_by_sign=True)
        readout = VGroup(MathTex(r"\nabla C =", font_size=BODY_FONT_SIZE, color=GREEN), column).arrange(RIGHT, buff=0.2)
        readout.move_to([4.2, 1.5, 0])
        self.shown = Shown(gradient=column)
        minus = MathTex(r"-\nabla C", font_size=BODY_FONT_SIZE, color=RED).next_to(readout, DOWN, buff=0.6)
        caption(self, "The gradient (green) points uphill, steepest; minus the gradient (red), downhill.",
                FadeIn(dot), GrowArrow(up), FadeIn(readout), GrowArrow(down), FadeIn(minus))
        path = HILLS_2D.descent(p, d.HILLS_ETA, d.HILLS_STEPS)
        trail = VGroup(*[Line(map_point(landscape, *a, half), map_point(landscape, *b, half), color=WHITE)
                         for a, b in zip(path[:-1], path[1:])])
        self.shown["path"] = path
        caption(self, "Step, recompute, repeat: down into a valley.",
                FadeOut(up), FadeOut(down), run_time=0.5, hold=False)
        for segment, b in zip(trail, path[1:]):
            self.play(Create(segment), dot.animate.move_to(map_point(landscape, *b, half)), run_time=0.2)
        self.wait(1.5)
        self.play(*[FadeOut(m) for m in self.mobjects])


class CostOverTwoWeights(Scene):
    """Ch2 5.4: the real cost over the two output weights the gradient ranks highest, and a descent on it."""

    def construct(self) -> None:
        s = d.slice_2d()
        half = d.SLICE_HALF_WIDTH
        cost_map = LevelMap(s.costs, 5.6, 5.6, levels=32, scale="log").move_to([-2.6, 0.3, 0])
        self.shown = Shown(grid_costs=s.costs, first=s.first, second=s.second)
        labels = self.axis_labels(cost_map, s.first, s.second, half)
        caption(self, "The real cost over the two output weights the gradient ranks highest; each square "
                      "is one pair of values.",
                FadeIn(cost_map), FadeIn(labels), run_time=1.5)
        legend = self.legend(s.costs).to_corner(DOWN + RIGHT, buff=0.6)
        caption(self, "Dark is low, yellow high, on a log scale so the shallow valley shows.", FadeIn(legend))
        readout = self.readout(s, 0)
        dot = Dot(map_point(cost_map, *s.path[0], half), color=WHITE, radius=0.09)
        caption(self, "Descent on just these two weights:", FadeIn(dot), FadeIn(readout))
        for t in range(1, len(s.path)):
            target = map_point(cost_map, *s.path[t], half)
            self.play(Create(Line(dot.get_center(), target, color=WHITE)), dot.animate.move_to(target),
                      run_time=0.4)
            new = self.readout(s, t)
            self.remove(readout)
            self.add(new)
            readout = new
        caption(self, f"Down to {s.path_costs[-1]:.3f}. Real training does this in all "
                      f"{format_count(d.fresh().n_parameters)} directions at once.")
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

    def legend(self, costs: np.ndarray) -> VGroup:
        bar = LevelMap(np.linspace(costs.min(), costs.max(), 200)[None, :], 3.0, 0.3, levels=32, scale="log")
        lo = DecimalNumber(float(costs.min()), num_decimal_places=2, font_size=24).next_to(bar, DOWN, buff=0.1)
        hi = DecimalNumber(float(costs.max()), num_decimal_places=2, font_size=24).next_to(bar, DOWN, buff=0.1)
        lo.align_to(bar, LEFT)
        hi.align_to(bar, RIGHT)
        title = Tex("cost C", font_size=24, color=RED).next_to(bar, UP, buff=0.1)
        self.shown.update(legend_low=lo, legend_high=hi)
        return VGroup(bar, lo, hi, title)

    def readout(self, s: d.TwoWeightSlice, t: int) -> VGroup:
        value = DecimalNumber(float(s.path_costs[t]), num_decimal_places=4, font_size=BODY_FONT_SIZE, color=RED)
        self.shown.setdefault("path_readouts", []).append(value)
        rows = VGroup(VGroup(MathTex("C =", font_size=BODY_FONT_SIZE, color=RED), value).arrange(RIGHT, buff=0.15),
                      Tex(f"step {t}", font_size=SMALL_FONT_SIZE, color=GREY_B))
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.25).move_to([4.4, 2.0, 0], aligned_edge=LEFT)


class DescentInManyDimensions(Scene):
    """Ch2 5.5: all 13,002 parameters as one vector W, the real -grad C beside it, and the algorithm."""

    def construct(self) -> None:
        net = d.fresh()
        theta, gradient = net.flat(), d.full_gradient()
        diagram = place_diagram(NetworkDiagram.from_network(net, edge_keep=0.4), 4.6, [-4.6, -0.4, 0])
        steps = VGroup(*[Tex(t, font_size=BODY_FONT_SIZE) for t in
                         (r"1. Compute $\nabla C$", r"2. Small step in the $-\nabla C$ direction", "3. Repeat")])
        steps.arrange(DOWN, aligned_edge=LEFT, buff=0.2).to_corner(UP + LEFT, buff=0.5)
        caption(self, "The recipe: compute the gradient, step against it, repeat.", FadeIn(steps),
                diagram.fade_in(), run_time=1.5)
        w = self.named_column(theta, color_by_sign=False).move_to([0.9, -0.6, 0])
        g = DecimalColumn(-gradient, num_decimal_places=4, max_rows=7, color_by_sign=True,
                          font_size=SMALL_FONT_SIZE).next_to(w, RIGHT, buff=0.9)
        g.match_y(w.column)
        heads = VGroup(MathTex("W", font_size=BODY_FONT_SIZE).next_to(w.column, UP, buff=0.3),
                       MathTex(r"-\nabla C(W)", font_size=BODY_FONT_SIZE, color=RED).next_to(g, UP, buff=0.3))
        self.shown = Shown(weights=w.column, minus_gradient=g)
        caption(self, f"All {format_count(net.n_parameters)} weights and biases of the fresh network, as one "
                      "column W.", FadeIn(w), FadeIn(heads[0]), run_time=1.5)
        caption(self, f"Minus the gradient, same length: how to nudge each one, over all "
                      f"{format_count(len(data.split('train')))} training images.",
                FadeIn(g), FadeIn(heads[1]), run_time=1.5)
        update = MathTex(r"W \leftarrow W - \eta\, \nabla C(W)", font_size=BODY_FONT_SIZE)
        update.next_to(VGroup(w, g), DOWN, buff=0.5)
        caption(self, "Add a small multiple of it to W: one step downhill.",
                Write(update))
        self.play(*[FadeOut(m) for m in (steps, w, g, heads, update)], diagram.fade_out())

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
        diagram = place_diagram(NetworkDiagram.from_network(net, edge_keep=0.4), 5.8, [-2.6, -0.3, 0])
        seen = MathTex(r"\text{images seen:}", font_size=BODY_FONT_SIZE)
        seen_value = DecimalNumber(0, num_decimal_places=0, group_with_commas=True, font_size=BODY_FONT_SIZE)
        accuracy_label = Tex("test accuracy:", font_size=BODY_FONT_SIZE)
        accuracy = DecimalNumber(100 * film.test_accuracy[0], num_decimal_places=1, unit=r"\%",
                                 font_size=BODY_FONT_SIZE + 8, color=GREEN)
        panel = VGroup(VGroup(seen, seen_value).arrange(RIGHT, buff=0.2),
                       VGroup(accuracy_label, accuracy).arrange(RIGHT, buff=0.2)).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        panel.move_to([3.9, 2.3, 0])
        plot = self.accuracy_axes(film).move_to([3.9, -1.2, 0])
        self.shown = Shown(accuracy=accuracy, seen=seen_value, accuracies=[])
        caption(self, "The whole thing, as a film: SGD from the same fresh network, ten training images "
                      "per step.", diagram.fade_in(), FadeIn(panel), FadeIn(plot),
                run_time=1.5)
        caption(self, f"Each frame: real weights, scored on {format_count(len(data.split('test')))} test images.",
                hold=False)
        for step, theta, acc in zip(film.steps[1:], film.thetas[1:], film.test_accuracy[1:]):
            weights = net.with_flat(theta).weights
            dot = Dot(self.axes.c2p(np.log10(int(step) * d.FILM_BATCH), 100 * float(acc)), color=GREEN, radius=0.05)
            self.play(*[diagram.restyle_edges(i, wm) for i, wm in enumerate(weights)],
                      ChangeDecimalToValue(seen_value, int(step) * d.FILM_BATCH),
                      ChangeDecimalToValue(accuracy, 100 * float(acc)), FadeIn(dot), run_time=0.8)
            self.shown["accuracies"].append(float(acc))
        caption(self, f"One pass over the data: from {format_percent(film.test_accuracy[0])} (chance) to "
                      f"{format_percent(film.test_accuracy[-1])} right on unseen digits.")
        self.play(*[FadeOut(m) for m in self.mobjects])

    def accuracy_axes(self, film: Film) -> VGroup:
        top = int(np.ceil(np.log10(film.steps[-1] * film.batch_size)))
        self.axes = Axes(x_range=[1, top, 1], y_range=[0, 100, 25], x_length=4.6, y_length=2.8, tips=False,
                         axis_config={"font_size": 22, "color": GREY_B})
        self.axes.y_axis.add_numbers(range(0, 101, 50), font_size=22)
        powers = VGroup(*[MathTex(f"10^{k}", font_size=24).next_to(self.axes.c2p(k, 0), DOWN, buff=0.15)
                          for k in range(1, top + 1)])
        labels = VGroup(Tex("images seen (log scale)", font_size=22).next_to(powers, DOWN, buff=0.15),
                        Tex(r"test accuracy, \%", font_size=22, color=GREEN).next_to(self.axes, UP, buff=0.15))
        return VGroup(self.axes, powers, labels)
