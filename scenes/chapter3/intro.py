"""Chapter 3, segment "Introduction": the plan, over one real example's gradient swept backwards."""
from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, FadeIn, LaggedStart, Scene, Tex, VGroup, Write

from nnmath import backprop
from scenes.chapter3 import TITLE
from scenes.chapter3 import data as d
from scenes.common import data
from scenes.common.captions import caption
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
        caption(self, "Chapter 3: what backpropagation, the algorithm behind how networks learn, "
                      "is really doing.", Write(title), run_time=1.5)
        plan = self.show_plan(title)
        self.show_sweep(plan)

    def show_plan(self, title: Tex) -> VGroup:
        items = ["Recap", "Intuitive walkthrough example", "Stochastic gradient descent", "Final words"]
        plan = VGroup(*[Tex(f"{i + 1}. {t}", font_size=BODY_FONT_SIZE) for i, t in enumerate(items)])
        plan.add(Tex("Next chapter: the calculus", font_size=BODY_FONT_SIZE, color=GREY_B))
        plan.arrange(DOWN, aligned_edge=LEFT, buff=0.35).to_edge(LEFT, buff=0.8).shift(DOWN * 0.4)
        caption(self, "The plan: a recap, then a walkthrough on a real digit with no formulas, "
                      "then a faster way to descend. The calculus comes next chapter.",
                LaggedStart(*[FadeIn(p, shift=RIGHT * 0.2) for p in plan], lag_ratio=0.3), run_time=2.5)
        return plan

    def show_sweep(self, plan: VGroup) -> None:
        net = d.untrained()
        diagram = NetworkDiagram.from_network(net, edge_keep=0.4)
        diagram.scale_to_fit_height(5.6).to_edge(RIGHT, buff=0.7).shift(DOWN * 0.45)
        grads = backprop(net, data.digit("train", d.two_index()), 2)
        diagram.set_activations(grads.trace)
        self.shown["diagram"] = diagram
        self.shown["gradient"] = grads
        caption(self, "Our network is still untrained: random weights, here lit by a training 2. "
                      "Blue edges are positive weights, red ones negative.", diagram.fade_in(), run_time=1.5)
        caption(self, "Backpropagation takes one training digit and works backwards from the output. "
                      "Blue: this digit asks for that weight to increase; orange: to decrease.",
                diagram.gradient_sweep(grads.nabla_w, layer_time=1.0))

