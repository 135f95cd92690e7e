"""Chapter 3, segment "Introduction": the plan, over one real example's gradient swept backwards."""
from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, AnimationGroup, FadeIn, Scene, Succession, Tex, VGroup, Write

from nnmath import backprop
from scenes.chapter3 import TITLE, script
from scenes.chapter3 import data as d
from scenes.chapter3.pacing import STAGE_Y, paced
from scenes.common import data
from scenes.common.layout import BODY_FONT_SIZE
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.palette import GREY_B
from scenes.common.shown import Shown
from scenes.common.text import heading

__all__ = ["ChapterPlan"]


class ChapterPlan(Scene):
    """Ch3 1: the plan, over one real example's gradient swept backwards through the network."""

    def construct(self) -> None:
        self.shown = Shown()
        title = heading(TITLE)
        diagram = self.build_diagram()
        paced(self, script.title(), AnimationGroup(Write(title), diagram.fade_in()))
        self.show_plan()
        self.show_sweep(diagram)

    def show_plan(self) -> VGroup:
        items = ["Recap", "Intuitive walkthrough example", "Stochastic gradient descent", "Final words"]
        plan = VGroup(*[Tex(f"{i + 1}. {t}", font_size=BODY_FONT_SIZE) for i, t in enumerate(items)])
        plan.add(Tex("Next chapter: the calculus", font_size=BODY_FONT_SIZE, color=GREY_B))
        plan.arrange(DOWN, aligned_edge=LEFT, buff=0.45).to_edge(LEFT, buff=0.9).set_y(STAGE_Y - 0.45)
        paced(self, script.plan(), Succession(*[FadeIn(p, shift=RIGHT * 0.3) for p in plan]))
        return plan

    def build_diagram(self) -> NetworkDiagram:
        diagram = NetworkDiagram.from_network(d.untrained(), edge_keep=0.4)
        diagram.scale_to_fit_height(5.6).move_to([2.9, STAGE_Y - 0.45, 0])
        return diagram

    def show_sweep(self, diagram: NetworkDiagram) -> None:
        net = d.untrained()
        label = int(data.split("train").labels[d.two_index()])
        grads = backprop(net, data.digit("train", d.two_index()), label)
        self.shown["diagram"] = diagram
        self.shown["gradient"] = grads
        paced(self, script.untrained(d.untrained_seed(), label),
              diagram.forward_pass(grads.trace))
        paced(self, script.sweep(), diagram.gradient_sweep(grads.nabla_w))
