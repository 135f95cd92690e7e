"""Chapter 4, segment 5, sensitivity to the bias, the previous activation, and one layer back.

Scenes are listed in :mod:`scenes.chapter4`'s SEGMENTS, which the pipeline renders.
"""
from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Brace, FadeIn, GrowFromCenter, Indicate, LaggedStart, Scene, VGroup, Write

from nnmath import ChainRule, Network, chain_rule, numeric_partial

from scenes.chapter4 import script
from scenes.chapter4.data import FD_STEP, TINY_X, TINY_Y, tiny_network
from scenes.chapter4.measures.chain_paths import path_product
from scenes.chapter4.measures.partials import numeric_activation_partial
from scenes.chapter4.mobjects import (SIG, fit_above_band, align_on_equals, checked, fd, fd_line, product_parts, tex, tiny_graph,
                                      words)
from scenes.chapter4.pacing import spoken
from scenes.common.layout import BODY_FONT_SIZE
from scenes.common.palette import GREY_B, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.valued_tex import Num


class SensitivityToBias(Scene):
    """Ch4 5.1: dC0/db^(L) (dz/db = 1) and dC0/da^(L-1) (dz/da = w^(L)), each with its finite difference."""

    def construct(self) -> None:
        self.shown = Shown()
        net = tiny_network()
        c = chain_rule(net, TINY_X, TINY_Y, -1, 0, 0)
        self.graph = tiny_graph(long=False).to_edge(LEFT, buff=0.6)
        self.add(self.graph)
        bias = self.bias_derivative(net, c)
        self.activation_derivative(net, c, bias)

    def block(self, name: str, lhs: str, first: str, symbol: str, c: ChainRule, first_value: float,
              product: float, estimate: float) -> VGroup:
        """Four lines: the chain rule, its factors named, their values, the finite difference."""
        size = BODY_FONT_SIZE - 2
        _, s_prime, dc_da = c.factors
        rule = tex(lhs, "=", first, r"\frac{\partial a^{(L)}}{\partial z^{(L)}}",
                   r"\frac{\partial C_0}{\partial a^{(L)}}", font_size=size)
        named = tex("=", symbol, r"\cdot", r"\sigma'(z^{(L)})", r"\cdot", r"2(a^{(L)} - y)", font_size=size)
        numbers = tex("=", Num(first_value, significant=SIG), r"\times", Num(s_prime, significant=SIG),
                      r"\times", "(", Num(dc_da, significant=SIG), ")", "=", checked(product), font_size=size)
        check = fd_line(fd(estimate), font_size=size)
        lines = VGroup(rule, named, numbers, check).arrange(DOWN, buff=0.22, aligned_edge=LEFT)
        align_on_equals(lines)
        self.shown[name], self.shown[f"{name}_fd"] = numbers, check
        return lines

    def bias_derivative(self, net: Network, c: ChainRule) -> VGroup:
        block = self.block("dc_db", r"\frac{\partial C_0}{\partial b^{(L)}}",
                           r"\frac{\partial z^{(L)}}{\partial b^{(L)}}", "1", c, 1.0, c.dc_db,
                           numeric_partial(net, TINY_X, TINY_Y, -1, 0, None, h=FD_STEP))
        block.to_edge(RIGHT, buff=0.5).to_edge(UP, buff=0.4)
        path = self.graph.path(("bL", "zL", "aL", "C0"))
        spoken(self, script.bias(), Write(block[:2]), path.animate.set_color(YELLOW))
        spoken(self, script.bias_value(c.dc_db), FadeIn(block[2], shift=DOWN * 0.2), FadeIn(block[3], shift=DOWN * 0.2),
               path.animate.set_color(WHITE))
        return block

    def activation_derivative(self, net: Network, c: ChainRule, above: VGroup) -> None:
        estimate = numeric_activation_partial(net, TINY_X, TINY_Y, len(net.weights) - 1, 0, h=FD_STEP)
        block = self.block("dc_da_prev", r"\frac{\partial C_0}{\partial a^{(L-1)}}",
                           r"\frac{\partial z^{(L)}}{\partial a^{(L-1)}}", "w^{(L)}", c, c.w, c.dc_da_prev,
                           estimate)
        block.next_to(above, DOWN, buff=0.55)
        align_on_equals([above[0], *block])
        path = self.graph.path(("aL1", "zL", "aL", "C0"))
        spoken(self, script.previous_activation(), Write(block[:2]), path.animate.set_color(YELLOW))
        spoken(self, script.previous_value(c.dc_da_prev), FadeIn(block[2], shift=DOWN * 0.2),
               FadeIn(block[3], shift=DOWN * 0.2), Indicate(self.graph.nodes["aL1"]))


class LongPathBack(Scene):
    """Ch4 5.2: one layer further back: dC0/dw^(L-1) along the long path, and dC0/db^(L-1), checked."""

    def construct(self) -> None:
        self.shown = Shown()
        net = tiny_network()
        self.graph = fit_above_band(tiny_graph()).to_edge(LEFT, buff=0.4)
        self.add(self.graph)
        rule = self.write_rule()
        self.fill_in_numbers(net, rule)


    def write_rule(self) -> VGroup:
        size = BODY_FONT_SIZE - 4
        rule = tex(r"\frac{\partial C_0}{\partial w^{(L-1)}}", "=",
                   r"\frac{\partial z^{(L-1)}}{\partial w^{(L-1)}}",
                   r"\frac{\partial a^{(L-1)}}{\partial z^{(L-1)}}",
                   r"\frac{\partial C_0}{\partial a^{(L-1)}}", font_size=size)
        named = tex("=", "a^{(L-2)}", r"\cdot", r"\sigma'(z^{(L-1)})", r"\cdot",
                    r"w^{(L)}\,\sigma'(z^{(L)})\,2(a^{(L)} - y)", font_size=size)
        lines = VGroup(rule, named).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        align_on_equals(lines)
        lines.next_to(self.graph, RIGHT, buff=0.5).to_edge(UP, buff=0.4)
        brace = Brace(named[-1], DOWN, buff=0.08, color=GREY_B)
        note = words(r"$\partial C_0 / \partial a^{(L-1)}$, from the last scene", color=GREY_B)
        note.next_to(brace, DOWN, buff=0.08)
        path = self.graph.path(("wL1", "zL1", "aL1", "zL", "aL", "C0"))
        spoken(self, script.long_path(), LaggedStart(*[part.animate.set_color(YELLOW) for part in path],
                                                     lag_ratio=0.3), Write(rule))
        spoken(self, script.reuse(), FadeIn(named), GrowFromCenter(brace), FadeIn(note))
        return VGroup(lines, brace, note)

    def fill_in_numbers(self, net: Network, rule: VGroup) -> None:
        size = BODY_FONT_SIZE - 4
        long = path_product(net, TINY_X, TINY_Y, -2, 0, (0, 0))
        numbers = tex("=", *product_parts(long.factors), font_size=size)
        result = tex("=", checked(long.product), font_size=size)
        check = fd_line(fd(numeric_partial(net, TINY_X, TINY_Y, -2, 0, 0, h=FD_STEP)), font_size=size)
        c = chain_rule(net, TINY_X, TINY_Y, -2, 0, 0)
        bias = tex(r"\frac{\partial C_0}{\partial b^{(L-1)}}", "=", "1", r"\times",
                   Num(c.factors[1], significant=SIG), r"\times", "(", Num(c.factors[2], significant=SIG), ")",
                   "=", checked(c.dc_db), font_size=size)
        bias_check = fd_line(fd(numeric_partial(net, TINY_X, TINY_Y, -2, 0, None, h=FD_STEP)), font_size=size)
        lines = VGroup(numbers, result, check, bias, bias_check).arrange(DOWN, buff=0.28, aligned_edge=LEFT)
        lines.next_to(rule, DOWN, buff=0.4)
        bias.shift(DOWN * 0.3)
        bias_check.shift(DOWN * 0.3)
        align_on_equals([rule[0][0], *lines])
        self.shown.update(long_path=numbers, long_product=result, long_fd=check, dc_db_prev=bias,
                             dc_db_prev_fd=bias_check)
        spoken(self, script.long_product(len(long.factors), long.product),
               LaggedStart(FadeIn(numbers, shift=DOWN * 0.2), FadeIn(result), FadeIn(check), lag_ratio=0.5))
        spoken(self, script.bias_back(), FadeIn(bias, shift=DOWN * 0.2), FadeIn(bias_check, shift=DOWN * 0.2))

