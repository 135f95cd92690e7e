"""Chapter 4, segments 2-3, the 1-1-1-1 network: the chain rule and its three factors.

Scenes are listed in :mod:`scenes.chapter4`'s SEGMENTS, which the pipeline renders.
"""
from __future__ import annotations

from dataclasses import dataclass

from manim import (DOWN, LEFT, RIGHT, UP, Animation, AnimationGroup, Circumscribe, Create, FadeIn, FadeOut, Indicate,
                   LaggedStart, ReplacementTransform, Scene, Succession, SurroundingRectangle, VGroup,
                   ValueTracker, Write, smooth, there_and_back_with_pause)

from nnmath import ChainRule, Network, Trace, chain_rule, cost, feedforward, numeric_partial
from nnmath.parameters import with_parameter

from scenes.chapter4 import script
from scenes.chapter4.data import FD_STEP, TINY_X, TINY_Y, tiny_network, tiny_trace
from scenes.chapter4.mobjects import (SIG, SIG_CHECK, above_band, TINY_GRAPH_SHORT, LiveNumberLine,
                                      align_on_equals, checked, deriv, distance_to_target, fd,
                                      sigmoid_with_tangent, tex, tiny_diagram, tiny_graph, words)
from scenes.chapter4.pacing import spoken
from scenes.common.formatting import format_number, tex_number
from scenes.common.layout import BODY_FONT_SIZE, CAPTION_BAND_TOP, SMALL_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import BLACK, BLUE, GREEN, GREY_B, MAROON_B, RED, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num


class ChainPicture(VGroup):
    """The 1-1-1-1 network of segment 2 as the viewer last saw it: the chain with its activations, the
    last two neurons named, the desired output, and the cost. Built in its final state, so a scene can
    start where the previous one ended (:meth:`strip` is where it sits while formulas fill the frame).

    Attributes
    ----------
    diagram : NetworkDiagram
    values : VGroup
        The activation written inside each neuron.
    a_labels : VGroup
        a^(L-1) and a^(L) under the last two neurons.
    target : VGroup
        The desired output y beside the last neuron.
    cost : VGroup
        ``C0 = (a - y)^2`` and its worked value (``cost[1]`` keeps the values).
    """

    def __init__(self) -> None:
        super().__init__()
        trace = tiny_trace()
        self.diagram = tiny_diagram()
        self.diagram.set_activations(trace)
        self.values = VGroup(*[self.diagram.show_values(l, trace, num_decimal_places=2) for l in range(4)])
        self.early = VGroup(self.diagram.layers[0], self.diagram.layers[1], self.diagram.edges[0],
                            self.diagram.edges[1], self.values[0], self.values[1])
        self.a_labels = VGroup(*[tex(name, font_size=BODY_FONT_SIZE).next_to(self.diagram.neuron(l, 0), DOWN,
                                                                              buff=0.35)
                                 for l, name in ((2, "a^{(L-1)}"), (3, "a^{(L)}"))])
        self.target = self._target()
        self.cost = self._cost(trace)
        self.add(self.diagram, self.values, self.a_labels, self.target, self.cost)

    def _target(self) -> VGroup:
        neuron = self.diagram.neuron(3, 0).copy().set_fill(opacity=TINY_Y[0]).shift(RIGHT * 2.4)
        value = tex(Num(TINY_Y[0]), font_size=SMALL_FONT_SIZE).set_color(GREY_B if TINY_Y[0] < 0.8 else BLACK)
        value.move_to(neuron)
        box = SurroundingRectangle(neuron, color=YELLOW, buff=0.12)
        label = tex("y", font_size=BODY_FONT_SIZE).next_to(neuron, DOWN, buff=0.35).align_to(self.a_labels, DOWN)
        heading = words("desired output", color=YELLOW).next_to(box, UP, buff=0.15)
        return VGroup(neuron, value, box, label, heading)

    def _cost(self, trace: Trace) -> VGroup:
        a, y = float(trace.output[0]), float(TINY_Y[0])
        general = tex("C_0", "=", "(", "a^{(L)}", "-", "y", ")^2", font_size=BODY_FONT_SIZE + 4)
        worked = tex("=", "(", Num(a), "-", Num(y), ")^2", "=", Num(cost(trace.output, TINY_Y)),
                     font_size=BODY_FONT_SIZE + 4)
        worked[-1].set_color(RED)
        return VGroup(general, worked).arrange(RIGHT, buff=0.2).to_edge(UP, buff=0.7)

    def dim_early(self) -> ChainPicture:
        """The first two neurons faded: the last two are the ones we look at."""
        self.early.set_opacity(0.2)
        return self

    def chain(self) -> VGroup:
        """Everything but the cost."""
        return VGroup(self.diagram, self.values, self.a_labels, self.target)

    def strip_animation(self) -> Animation:
        """Animation: the chain moves to :meth:`strip`'s place."""
        return self.chain().animate.scale(STRIP_SCALE).to_edge(UP, buff=0.25).set_x(0)

    def strip(self) -> ChainPicture:
        """The chain (without its cost) small along the top of the frame, leaving the rest for formulas."""
        self.chain().scale(STRIP_SCALE).to_edge(UP, buff=0.25).set_x(0)
        return self


#: How small the chain gets along the top while formulas fill the frame.
STRIP_SCALE = 0.62


class SimplestNetwork(Scene):
    """Ch4 2.1: a seeded 1-1-1-1 toy network with real weights; its last two neurons and the cost."""

    def construct(self) -> None:
        self.shown = Shown()
        net, trace = tiny_network(), tiny_trace()
        picture = ChainPicture()
        diagram = picture.diagram
        diagram.clear_activations()
        self.add(diagram)  # where the introduction's network shrank to
        spoken(self, script.simplest(float(TINY_X[0])), Succession(diagram.forward_pass(trace, layer_time=0.9),
                                                                   LaggedStart(*[FadeIn(v) for v in picture.values],
                                                                               lag_ratio=0.5)))
        self.name_parameters(net, diagram)
        spoken(self, script.focus_last_two(), picture.early.animate.set_opacity(0.2),
               FadeOut(self.parameter_labels), FadeOut(self.cost_of_all), FadeIn(picture.a_labels))
        self.shown["y"] = picture.target[1]
        spoken(self, script.desired(float(TINY_Y[0])), FadeIn(picture.target, shift=LEFT * 0.3))
        general, worked = picture.cost
        self.shown["cost"] = worked
        spoken(self, script.cost_definition(), Write(general),
               Indicate(picture.a_labels[1]), Indicate(picture.target[3]))
        a, y = float(trace.output[0]), float(TINY_Y[0])
        spoken(self, script.cost_value(a, y, cost(trace.output, TINY_Y)),
               Succession(FadeIn(worked, shift=LEFT * 0.2), Indicate(worked[-1], color=RED)))

    def name_parameters(self, net: Network, diagram: NetworkDiagram) -> None:
        labels = VGroup()
        for i in range(len(net.weights)):
            w = tex(f"w_{i + 1}", "=", Num(net.weights[i][0, 0]), font_size=SMALL_FONT_SIZE)
            w.next_to(diagram.edges[i], UP, buff=0.25)
            b = tex(f"b_{i + 1}", "=", Num(net.biases[i][0]), font_size=SMALL_FONT_SIZE)
            b.next_to(diagram.neuron(i + 1, 0), DOWN, buff=0.3)
            w[0].set_color(BLUE)
            b[0].set_color(MAROON_B)
            labels.add(w, b)
            self.shown[f"w{i + 1}"], self.shown[f"b{i + 1}"] = w, b
        names = []
        for i in range(len(net.weights)):
            names += [f"w_{i + 1}", ",", f"b_{i + 1}", ","]
        cost_of_all = tex("C(", *names[:-1], ")", font_size=BODY_FONT_SIZE).to_edge(UP, buff=0.6)
        cost_of_all[0].set_color(RED)
        for part in cost_of_all[1::4]:
            part.set_color(BLUE)
        for part in cost_of_all[3::4]:
            part.set_color(MAROON_B)
        spoken(self, script.six_numbers(len(net.weights), net.n_parameters),
               LaggedStart(*[FadeIn(l, shift=DOWN * 0.2) for l in labels], lag_ratio=0.3), Write(cost_of_all))
        self.parameter_labels, self.cost_of_all = labels, cost_of_all


class WeightedSumTree(Scene):
    """Ch4 2.2: the chain stays on top; z = w a + b, a = sigma(z), C0 = (a - y)^2 with real values
    built beside it, and the tree they form."""

    def construct(self) -> None:
        self.shown = Shown()
        picture = ChainPicture().dim_early()
        self.add(picture)
        rows = self.formulas()
        graph = tiny_graph(long=False)
        segment_layout(picture.copy().strip(), graph, rows)
        self.shown["graph"] = graph
        z_pair, a_pair, c_pair = rows
        spoken(self, script.weighted_sum(), picture.strip_animation(), Write(z_pair[0]), Write(a_pair[0]),
               ReplacementTransform(picture.cost[0], c_pair[0]), ReplacementTransform(picture.cost[1], c_pair[1]))
        t = tiny_trace()
        spoken(self, script.name_z(float(t.zs[-1][0]), float(t.output[0])),
               FadeIn(z_pair[1], shift=DOWN * 0.2), FadeIn(a_pair[1], shift=DOWN * 0.2),
               Indicate(picture.values[3]))
        spoken(self, script.cost_follows(), Indicate(c_pair), Indicate(picture.a_labels[1]),
               Indicate(picture.target[3]))
        short = graph.part(TINY_GRAPH_SHORT)
        spoken(self, script.as_a_tree(), Create(short, lag_ratio=0.1))
        spoken(self, script.further_back(), picture.early.animate.set_opacity(1.0),
               Indicate(picture.values[2]))

    def formulas(self) -> VGroup:
        net, t = tiny_network(), tiny_trace()
        w, b = float(net.weights[-1][0, 0]), float(net.biases[-1][0])
        a_prev, z, a = float(t.activations[-2][0]), float(t.zs[-1][0]), float(t.output[0])
        size = BODY_FONT_SIZE + 2
        z_def = tex("z^{(L)}", "=", "w^{(L)}", "a^{(L-1)}", "+", "b^{(L)}", font_size=size)
        z_val = tex("=", "(", Num(w), ")(", Num(a_prev), ")", "+", Num(b), "=", Num(z), font_size=size)
        a_def = tex("a^{(L)}", "=", r"\sigma", "(", "z^{(L)}", ")", font_size=size)
        a_val = tex("=", r"\sigma", "(", Num(z), ")", "=", Num(a), font_size=size)
        c_def = tex("C_0", "=", "(", "a^{(L)}", "-", "y", ")^2", font_size=size)
        c_val = tex("=", "(", Num(a), "-", Num(float(TINY_Y[0])), ")^2", "=",
                    Num(cost(t.output, TINY_Y)), font_size=size)
        c_val[-1].set_color(RED)
        pairs = []
        for d, v in ((z_def, z_val), (a_def, a_val), (c_def, c_val)):
            v.next_to(d, DOWN, buff=0.2)
            v.shift(RIGHT * (d[1].get_x() - v[0].get_x()))
            pairs.append(VGroup(d, v))
        self.shown.update(z=z_val, a=a_val, cost=c_val)
        return VGroup(*pairs).arrange(DOWN, aligned_edge=LEFT, buff=0.45)


def segment_layout(strip: VGroup, left: VGroup, right: VGroup) -> VGroup:
    """Place ``left`` and ``right`` side by side under the chain's strip, above the caption band."""
    top = strip.get_bottom()[1] - 0.35
    bottom = CAPTION_BAND_TOP + 0.15
    for mob in (left, right):
        mob.scale((top - bottom) / mob.height if mob is left else min(1.0, (top - bottom) / mob.height))
        mob.move_to([0, (top + bottom) / 2, 0])
    left.to_edge(LEFT, buff=0.7)
    right.to_edge(RIGHT, buff=0.7)
    return VGroup(left, right)


class NudgingTheWeight(Scene):
    """Ch4 2.3: nudge w^(L) a little on its number line; z^(L), a^(L) and C0 move on theirs, all to one
    scale (nnmath updaters)."""

    def construct(self) -> None:
        self.shown = Shown()
        picture = ChainPicture().dim_early()
        picture.early.set_opacity(1.0)
        picture.remove(picture.cost)
        picture.strip()
        self.graph = tiny_graph(long=False)
        lines = self.build_number_lines()
        segment_layout(picture, self.graph, lines)
        self.add(picture, self.graph)
        self.picture = picture
        spoken(self, script.number_lines(LINE_TICK), LaggedStart(*[FadeIn(l, shift=LEFT * 0.3) for l in lines],
                                                                lag_ratio=0.3))
        self.sweep_the_weight()
        self.name_the_chain_rule(lines)

    def values_at(self, w: float) -> dict[str, float]:
        """z^(L), a^(L) and C0 of the network whose w^(L) is ``w``, from nnmath
        (remembered for the current ``w``: four number lines ask per frame)."""
        if getattr(self, "_last", (None,))[0] != w:
            trace = feedforward(with_parameter(tiny_network(), -1, 0, 0, w), TINY_X)
            self._last = (w, {"w": w, "z": float(trace.zs[-1][0]), "a": float(trace.output[0]),
                              "C0": cost(trace.output, TINY_Y)})
        return self._last[1]

    def build_number_lines(self) -> VGroup:
        w0 = float(tiny_network().weights[-1][0, 0])
        self.w = ValueTracker(w0)
        self.shown["w"] = self.w
        start = self.values_at(w0)
        lines: dict[str, LiveNumberLine] = {}
        for name, symbol, color in (("w", "w^{(L)}", BLUE), ("z", "z^{(L)}", GREEN),
                                    ("a", "a^{(L)}", WHITE), ("C0", "C_0", RED)):
            line = LiveNumberLine(symbol, same_scale_range(start[name]), length=LINE_LENGTH, color=color,
                                  tick=LINE_TICK)
            lines[name] = line
            self.shown[f"{name}_line"] = line
        group = VGroup(*lines.values()).arrange(DOWN, buff=0.55, aligned_edge=RIGHT)
        for name, line in lines.items():
            line.follow(lambda name=name: self.values_at(self.w.get_value())[name])
        return group

    def sweep_the_weight(self) -> None:
        path = self.graph.path(("wL", "zL", "aL", "C0"))
        w0 = self.w.get_value()
        up = self.values_at(w0 + NUDGE)
        start = self.values_at(w0)
        self.shown["nudge"] = NudgeEffect(NUDGE, up["z"] - start["z"], up["C0"] - start["C0"])
        spoken(self, script.nudge(NUDGE), self.w.animate.set_value(w0 + NUDGE),
               path.animate.set_color(YELLOW), rate_func=there_and_back_with_pause)
        spoken(self, script.nudge_back(NUDGE, up["z"] - start["z"], up["C0"] - start["C0"]),
               self.w.animate.set_value(w0 + NUDGE), rate_func=smooth)
        spoken(self, script.ratio(), self.w.animate.set_value(w0), path.animate.set_color(WHITE))

    def name_the_chain_rule(self, lines: VGroup) -> None:
        rule = chain_rule_formula()
        rule.move_to(lines).shift(UP * 0.6)
        if rule.width > lines.width + 0.5:
            rule.scale((lines.width + 0.5) / rule.width)
        self.shown["rule"] = rule
        spoken(self, script.chain_rule(), FadeOut(lines, shift=DOWN * 0.3), FadeOut(self.picture),
               Write(rule))
        braces = VGroup(*[SurroundingRectangle(part, color=YELLOW, buff=0.02) for part in rule[2:]])
        links = [("wL", "zL"), ("zL", "aL"), ("aL", "C0")]
        spoken(self, script.three_links(), LaggedStart(*[AnimationGroup(Create(b), Indicate(self.graph.path(l)))
                                                         for b, l in zip(braces, links)], lag_ratio=0.6))
        self.play(FadeOut(braces), run_time=0.5)


def chain_rule_formula() -> VGroup:
    """dC0/dw^(L) = dz/dw . da/dz . dC0/da (parts 2-4 are the three factors)."""
    return tex(r"\frac{\partial C_0}{\partial w^{(L)}}", "=", r"\frac{\partial z^{(L)}}{\partial w^{(L)}}",
               r"\frac{\partial a^{(L)}}{\partial z^{(L)}}", r"\frac{\partial C_0}{\partial a^{(L)}}",
               font_size=BODY_FONT_SIZE + 6)


@dataclass(frozen=True)
class NudgeEffect:
    """What the nudge of w^(L) does: ``dw`` in, ``dz`` and ``dc`` (C0) out."""

    dw: float
    dz: float
    dc: float


#: The nudge of w^(L) (small: the derivative is about small changes), and the number lines' one scale.
NUDGE = 0.2
LINE_TICK = 0.1
LINE_SPAN = 0.6
LINE_LENGTH = 5.4


def same_scale_range(value: float) -> tuple[float, float]:
    """A range of width :data:`LINE_SPAN` on tick marks around ``value`` (every line the same scale)."""
    centre = round(value / LINE_TICK) * LINE_TICK
    return centre - LINE_SPAN / 2, centre + LINE_SPAN / 2


class ComputingEachFactor(Scene):
    """Ch4 3: each factor of dC0/dw^(L) computed, multiplied, and checked by finite differences."""

    def construct(self) -> None:
        self.shown = Shown()
        c = chain_rule(tiny_network(), TINY_X, TINY_Y, -1, 0, 0)
        self.opening()
        self.factor_rows(c)
        self.multiply(c)
        self.check_numerically(c)

    def opening(self) -> None:
        """Start where the last scene ended (the tree, the chain rule), then make room."""
        graph = tiny_graph(long=False)
        rule = chain_rule_formula()
        strip = ChainPicture().strip()
        strip.remove(strip.cost)
        segment_layout(strip, graph, VGroup(rule.copy()))
        rule.move_to(VGroup(rule.copy())).set_x(graph.get_right()[0] + 0.5 + rule.width / 2)
        self.add(graph)
        self.add(rule)
        self.graph, self.rule = graph, rule
        self.header = rule.copy().scale(0.8).to_edge(UP, buff=0.3).to_edge(RIGHT, buff=0.6)

    def factor_rows(self, c: ChainRule) -> None:
        a_prev, s_prime, dc_da = c.factors
        y = float(TINY_Y[0])
        size = BODY_FONT_SIZE - 2
        cost_row = tex(r"\frac{\partial C_0}{\partial a^{(L)}}", "=", "2(", "a^{(L)}", "-", "y", ")",
                       "=", "2(", Num(c.a), "-", Num(y), ")", "=", deriv(dc_da), font_size=size)
        sigma_row = tex(r"\frac{\partial a^{(L)}}{\partial z^{(L)}}", "=", r"\sigma'", "(", "z^{(L)}", ")",
                        "=", r"\sigma'", "(", Num(c.z), ")", "=", deriv(s_prime), font_size=size)
        z_row = tex(r"\frac{\partial z^{(L)}}{\partial w^{(L)}}", "=", "a^{(L-1)}", "=", deriv(a_prev),
                    font_size=size)
        rows = VGroup(cost_row, sigma_row, z_row).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
        rows.next_to(self.header, DOWN, buff=0.45).to_edge(LEFT, buff=0.6)
        align_on_equals(rows)
        self.shown.update(dc_da=cost_row, da_dz=sigma_row, dz_dw=z_row)
        gap = distance_to_target(c.a, y, length=3.8)
        slope = sigmoid_with_tangent(c.z, width=3.8, height=1.7)
        VGroup(gap, slope).arrange(DOWN, buff=0.5).next_to(self.header, DOWN, buff=0.5).to_edge(RIGHT, buff=0.6)
        self.shown["sigmoid"] = slope
        header = self.header
        spoken(self, script.cost_factor(c.a, y, dc_da), FadeOut(self.graph),
               ReplacementTransform(self.rule, header), Write(cost_row), FadeIn(gap))
        spoken(self, script.sigmoid_factor(c.z, s_prime), Write(sigma_row), Create(slope), Indicate(header[3]))
        spoken(self, script.z_factor(a_prev), Write(z_row), Indicate(header[2]))
        self.rows = rows

    def multiply(self, c: ChainRule) -> None:
        a_prev, s_prime, dc_da = c.factors
        product = tex(r"\frac{\partial C_0}{\partial w^{(L)}}", "=", Num(a_prev, significant=SIG), r"\times",
                      Num(s_prime, significant=SIG), r"\times", "(", Num(dc_da, significant=SIG), ")", "=",
                      checked(c.product), font_size=BODY_FONT_SIZE)
        product.next_to(self.rows, DOWN, buff=0.4).align_to(self.rows, LEFT)
        self.shown["product"] = product
        # copies of the three factors fly to their places in the product, which fades in under them
        ghosts = [self.rows[r][-1].copy() for r in (2, 1, 0)]
        spoken(self, script.multiply(c.product), FadeIn(product),
               *[ghost.animate.move_to(product[i]).set_opacity(0) for ghost, i in zip(ghosts, (2, 4, 7))])
        self.remove(*ghosts)
        self.product = product

    def check_numerically(self, c: ChainRule) -> None:
        net = tiny_network()
        estimate = numeric_partial(net, TINY_X, TINY_Y, -1, 0, 0, h=FD_STEP)
        check = tex(r"\frac{C_0(w^{(L)} + h) - C_0(w^{(L)} - h)}{2h}", "=", fd(estimate),
                    r"\quad (h = " + tex_number(FD_STEP, significant=1) + ")", font_size=BODY_FONT_SIZE - 4)
        check.next_to(self.product, DOWN, buff=0.3).align_to(self.product, LEFT)
        above_band(VGroup(self.rows, self.product, check))
        self.shown["finite_difference"] = check
        agree = agreeing_digits(c.product, estimate)
        self.shown["agree_digits"] = agree
        spoken(self, script.finite_difference(FD_STEP, agree),
               Succession(FadeIn(check, shift=DOWN * 0.2), AnimationGroup(Circumscribe(self.product[-1]),
                                                                           Circumscribe(check[2]))))


def agreeing_digits(exact: float, estimate: float, most: int = SIG_CHECK) -> int:
    """How many leading significant digits two numbers share when both are shown with ``most``."""
    for digits in range(most, 0, -1):
        if format_number(exact, significant=digits) == format_number(estimate, significant=digits):
            return digits
    return 0
