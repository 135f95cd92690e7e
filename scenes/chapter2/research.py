"""Chapter 2's "Lisha Li interview" segment, as an honest research corner, and the closing credits.

The original ends with an interview we cannot show. In its place we name the work it
discussed (memorising randomly labelled data: Zhang et al. 2017, Arpit et al. 2017)
and rerun that experiment on our own network with :mod:`scenes.chapter2.measures.experiments`.

Scene classes are listed for rendering in :mod:`scenes.chapter2` (``SEGMENTS``). Every
beat's words come from :mod:`scenes.chapter2.script.research`.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, Create, DecimalNumber, FadeIn, FadeOut, Indicate, LaggedStart,
                   MathTex, Scene, Tex, Transform, VGroup, Write)

from scenes.chapter2 import data as d
from scenes.chapter2.measures.experiments import MemorisationResult
from scenes.chapter2.mobjects import line_graph
from scenes.chapter2.pacing import paced
from scenes.chapter2.script import research as say
from scenes.common import data
from scenes.common.digit import DigitImage
from scenes.common.layout import BODY_FONT_SIZE, SMALL_FONT_SIZE
from scenes.common.palette import GREEN, GREY_B, RED, WHITE, YELLOW
from scenes.common.shown import Shown
from scenes.common.text import heading

#: Training images shown while their labels are shuffled.
SHOWN = 8
#: The papers named on the card.
PAPERS = (
    r"Zhang, Bengio, Hardt, Recht \& Vinyals (2017).\\\emph{Understanding deep learning requires rethinking generalization.}",
    r"Arpit, Jastrzebski, Ballas, Krueger et al. (2017).\\\emph{A closer look at memorization in deep networks.}",
)


class ResearchCorner(Scene):
    """Ch2 10.1: what stands in for the interview; the papers; labels shuffled on screen."""

    def construct(self) -> None:
        title = heading("Research corner")
        note = Tex(r"In place of the original's interview: an experiment\\from the research it discussed, "
                   r"rerun on our own network.", font_size=SMALL_FONT_SIZE, color=GREY_B).next_to(title, DOWN, buff=0.3)
        paced(self, say.instead_of_interview(), Write(title), FadeIn(note, shift=UP * 0.2))
        papers = VGroup(*[Tex(p, font_size=SMALL_FONT_SIZE) for p in PAPERS]).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        papers.next_to(note, DOWN, buff=0.6)
        paced(self, say.the_question(), LaggedStart(*[FadeIn(p, shift=UP * 0.2) for p in papers], lag_ratio=0.6))
        self.play(FadeOut(papers), FadeOut(note))
        self.shuffle_labels(title)

    def shuffle_labels(self, title: Tex) -> None:
        memo = d.memorisation()
        train = data.split("train")
        row = VGroup(*[DigitImage(train.images[i], size=1.35) for i in range(SHOWN)]).arrange(RIGHT, buff=0.25)
        row.move_to([0, 0.9, 0])
        true_labels, shuffled_labels = memo.true.labels[:SHOWN], memo.shuffled.labels[:SHOWN]
        true = VGroup(*[MathTex(str(int(y)), font_size=BODY_FONT_SIZE, color=YELLOW).next_to(img, DOWN, buff=0.2)
                        for img, y in zip(row, true_labels)])
        shuffled = VGroup(*[MathTex(str(int(s)), font_size=BODY_FONT_SIZE, color=YELLOW if s == y else RED)
                            .next_to(img, DOWN, buff=0.2)
                            for img, y, s in zip(row, true_labels, shuffled_labels)])
        self.shown = Shown(true_labels=true_labels, shuffled_labels=shuffled_labels, labels=shuffled,
                           agreement=memo.agreement)
        paced(self, say.true_labels(d.MEMO_IMAGES), LaggedStart(*[FadeIn(i, shift=DOWN * 0.2) for i in row],
                                                                lag_ratio=0.2), FadeIn(true))
        paced(self, say.shuffled(d.MEMO_IMAGES, memo.agreement),
              LaggedStart(*[Transform(a, b) for a, b in zip(true, shuffled)], lag_ratio=0.3))
        self.play(*[FadeOut(m) for m in (row, true, title)])


class TrueVersusShuffledLabels(Scene):
    """Ch2 10.2: the same network trained on true vs shuffled labels: real cost curves and accuracies."""

    def construct(self) -> None:
        memo = d.memorisation()
        cost_plot = self.cost_plot(memo).to_corner(UP + LEFT, buff=0.5)
        acc_plot = self.accuracy_plot(memo).to_corner(UP + RIGHT, buff=0.5)
        self.shown = Shown()
        paced(self, say.trained_twice(d.MEMO_EPOCHS), FadeIn(cost_plot[0]), FadeIn(acc_plot[0]))
        paced(self, say.cost_curves(), Create(cost_plot[1]), Create(cost_plot[2]))
        paced(self, say.training_accuracy(), Create(acc_plot[1]), Create(acc_plot[2]))
        table = self.table(memo).next_to(VGroup(cost_plot, acc_plot), DOWN, buff=0.45)
        true_test, fake_test = memo.true.test_accuracy[-1], memo.shuffled.test_accuracy[-1]
        n_classes = d.fresh().sizes[-1]
        paced(self, say.test_accuracy(len(data.split("test")), true_test, fake_test, n_classes),
              LaggedStart(*[FadeIn(r, shift=UP * 0.2) for r in table.rows], lag_ratio=0.5))
        paced(self, say.papers_found(), Indicate(cost_plot[1], color=GREEN, scale_factor=1.05))
        self.play(*[FadeOut(m) for m in self.mobjects])

    def cost_plot(self, memo: MemorisationResult) -> VGroup:
        epochs = len(memo.true.train_cost)
        top = float(np.ceil(max(memo.true.train_cost.max(), memo.shuffled.train_cost.max()) * 5) / 5)
        axes = Axes(x_range=[0, epochs, 50], y_range=[0, top, 0.2], x_length=5.4, y_length=2.8, tips=False,
                    axis_config={"font_size": 22, "color": GREY_B})
        axes.x_axis.add_numbers(range(0, epochs + 1, 100), font_size=22)
        axes.y_axis.add_numbers(np.arange(0.4, top + 1e-9, 0.4), font_size=22, num_decimal_places=1)
        labels = VGroup(Tex("epoch", font_size=22).next_to(axes.x_axis, DOWN, buff=0.35),
                        Tex("training cost", font_size=24, color=WHITE).next_to(axes, UP, buff=0.15))
        xs = np.arange(1, epochs + 1)
        true = line_graph(axes, xs, memo.true.train_cost, GREEN)
        fake = line_graph(axes, xs, memo.shuffled.train_cost, RED)
        return VGroup(VGroup(axes, labels), true, fake)

    def accuracy_plot(self, memo: MemorisationResult) -> VGroup:
        epochs = int(memo.true.eval_epochs[-1])
        axes = Axes(x_range=[0, epochs, 50], y_range=[0, 100, 25], x_length=5.4, y_length=2.8, tips=False,
                    axis_config={"font_size": 22, "color": GREY_B})
        axes.x_axis.add_numbers(range(0, epochs + 1, 100), font_size=22)
        axes.y_axis.add_numbers(range(0, 101, 50), font_size=22)
        labels = VGroup(Tex("epoch", font_size=22).next_to(axes.x_axis, DOWN, buff=0.35),
                        Tex(r"accuracy on its training labels, \%", font_size=24).next_to(axes, UP, buff=0.15))
        true = line_graph(axes, memo.true.eval_epochs, 100 * memo.true.train_accuracy, GREEN)
        fake = line_graph(axes, memo.shuffled.eval_epochs, 100 * memo.shuffled.train_accuracy, RED)
        return VGroup(VGroup(axes, labels), true, fake)

    def table(self, memo: MemorisationResult) -> VGroup:
        size = BODY_FONT_SIZE
        header = VGroup(Tex("", font_size=size), Tex("training labels", font_size=size),
                        Tex("test images", font_size=size))
        rows = [header]
        for key, name, color, run in (("true", "True labels", GREEN, memo.true),
                                      ("shuffled", "Shuffled labels", RED, memo.shuffled)):
            train_acc = DecimalNumber(100 * float(run.train_accuracy[-1]), num_decimal_places=1,
                                      unit=r"\%", font_size=size, color=color)
            test_acc = DecimalNumber(100 * float(run.test_accuracy[-1]), num_decimal_places=1,
                                     unit=r"\%", font_size=size, color=color)
            rows.append(VGroup(Tex(name, font_size=size, color=color), train_acc, test_acc))
            self.shown.update({f"{key}_train": train_acc, f"{key}_test": test_acc})
        grid = VGroup(*[m for row in rows for m in row])
        grid.arrange_in_grid(rows=3, cols=3, buff=(0.8, 0.2), col_alignments="lcc")
        grid.rows = [VGroup(*grid[3 * i:3 * i + 3]) for i in range(3)]
        return grid


class ClosingThoughts(Scene):
    """Ch2 11: credits, and where the series goes next."""

    def construct(self) -> None:
        title = heading("Thanks for watching")
        lines = VGroup(*[Tex(t, font_size=SMALL_FONT_SIZE) for t in (
            r"Regenerated from 3Blue1Brown's video\\\emph{Gradient descent, how neural networks learn} (2017).",
            r"Data: MNIST (LeCun, Cortes \& Burges), split as in Michael Nielsen's book.",
            r"Every number on screen was computed by \texttt{nnmath}, in numpy: from real digits,"
            r"\\the shipped trained network, seeded random networks and made-up toy costs.",
        )]).arrange(DOWN, buff=0.35).next_to(title, DOWN, buff=0.7)
        paced(self, say.how_it_learns(), Write(title))
        paced(self, say.credits(), LaggedStart(*[FadeIn(l, shift=UP * 0.2) for l in lines], lag_ratio=0.5))
        nxt = Tex(r"Next: what is backpropagation really doing?", font_size=BODY_FONT_SIZE, color=YELLOW)
        nxt.next_to(lines, DOWN, buff=0.7)
        paced(self, say.next_time(), Write(nxt))
        self.play(*[FadeOut(m) for m in self.mobjects])
