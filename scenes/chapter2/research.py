"""Chapter 2's "Lisha Li interview" segment, as an honest research corner, and the closing credits.

The original ends with an interview we cannot show. In its place we name the work it
discussed (memorising randomly labelled data: Zhang et al. 2017, Arpit et al. 2017)
and rerun that experiment on our own network with :mod:`scenes.chapter2.measures.experiments`.

Scene classes are listed for rendering in :mod:`scenes.chapter2` (``SEGMENTS``).
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, Create, DecimalNumber, FadeIn, FadeOut, LaggedStart, MathTex,
                   Scene, Tex, Transform, VGroup, Write)

from scenes.chapter2 import data as d
from scenes.chapter2.measures.experiments import MemorisationResult
from scenes.chapter2.mobjects import line_graph
from scenes.common import data
from scenes.common.captions import caption
from scenes.common.formatting import format_count, format_percent
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
        caption(self, "The original ends with an interview we cannot show. Instead: the research it discussed, "
                      "rerun here.", Write(title), FadeIn(note))
        papers = VGroup(*[Tex(p, font_size=SMALL_FONT_SIZE) for p in PAPERS]).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        papers.next_to(note, DOWN, buff=0.6)
        caption(self, "The question: can a network learn labels that mean nothing? Two 2017 papers asked it.",
                LaggedStart(*[FadeIn(p) for p in papers], lag_ratio=0.4))
        self.play(FadeOut(papers), FadeOut(note))
        self.shuffle_labels(title)

    def shuffle_labels(self, title: Tex) -> None:
        memo = d.memorisation()
        train = data.split("train")
        row = VGroup(*[DigitImage(train.images[i], size=1.35) for i in range(SHOWN)]).arrange(RIGHT, buff=0.25)
        row.move_to([0, 0.5, 0])
        true_labels, shuffled_labels = memo.true.labels[:SHOWN], memo.shuffled.labels[:SHOWN]
        true = VGroup(*[MathTex(str(int(y)), font_size=BODY_FONT_SIZE, color=YELLOW).next_to(img, DOWN, buff=0.2)
                        for img, y in zip(row, true_labels)])
        shuffled = VGroup(*[MathTex(str(int(s)), font_size=BODY_FONT_SIZE, color=YELLOW if s == y else RED)
                            .next_to(img, DOWN, buff=0.2)
                            for img, y, s in zip(row, true_labels, shuffled_labels)])
        self.shown = Shown(true_labels=true_labels, shuffled_labels=shuffled_labels, labels=shuffled)
        caption(self, f"Our version: the first {format_count(d.MEMO_IMAGES)} training images, true labels...",
                FadeIn(row), FadeIn(true))
        agreement = memo.agreement
        caption(self, f"...and shuffled (red). Of all {format_count(d.MEMO_IMAGES)}, "
                      f"{format_percent(agreement, 0)} still match by chance (yellow).",
                Transform(true, shuffled), run_time=1.5)
        self.play(*[FadeOut(m) for m in (row, true, title)])


class TrueVersusShuffledLabels(Scene):
    """Ch2 10.2: the same network trained on true vs shuffled labels: real cost curves and accuracies."""

    def construct(self) -> None:
        memo = d.memorisation()
        cost_plot = self.cost_plot(memo).to_corner(UP + LEFT, buff=0.5)
        acc_plot = self.accuracy_plot(memo).to_corner(UP + RIGHT, buff=0.5)
        self.shown = Shown()
        caption(self, f"Same network, images and schedule ({d.MEMO_EPOCHS} passes), trained twice: true labels "
                      "green, shuffled red.", FadeIn(cost_plot[0]), FadeIn(acc_plot[0]), run_time=1.5)
        caption(self, "True labels: the cost drops at once. Shuffled: it creeps down, memorising noise.", Create(cost_plot[1]), Create(cost_plot[2]),
                run_time=3)
        caption(self, "Accuracy on its own training labels climbs for both.", Create(acc_plot[1]), Create(acc_plot[2]),
                run_time=2.5)
        table = self.table(memo).to_edge(DOWN, buff=0.45)
        true_test, fake_test = memo.true.test_accuracy[-1], memo.shuffled.test_accuracy[-1]
        caption(self, f"On {format_count(len(data.split('test')))} test images: {format_percent(true_test, 0)} after "
                      f"true labels, {format_percent(fake_test, 0)} after shuffled, about chance.", FadeIn(table))
        caption(self, "As the papers found: able to memorise noise, the network still learns real patterns "
                      "first, and faster.")
        self.play(*[FadeOut(m) for m in self.mobjects])

    def cost_plot(self, memo: MemorisationResult) -> VGroup:
        epochs = len(memo.true.train_cost)
        top = float(np.ceil(max(memo.true.train_cost.max(), memo.shuffled.train_cost.max()) * 5) / 5)
        axes = Axes(x_range=[0, epochs, 50], y_range=[0, top, 0.2], x_length=5.4, y_length=3.0, tips=False,
                    axis_config={"font_size": 22, "color": GREY_B})
        axes.x_axis.add_numbers(range(0, epochs + 1, 100), font_size=22)
        axes.y_axis.add_numbers(np.arange(0.4, top + 1e-9, 0.4), font_size=22, num_decimal_places=1)
        labels = VGroup(Tex("epoch", font_size=22).next_to(axes.x_axis, DOWN, buff=0.35),
                        Tex("training cost", font_size=24, color=WHITE).next_to(axes, UP, buff=0.15))
        xs = np.arange(1, epochs + 1)
        true = line_graph(axes, xs, memo.true.train_cost, GREEN)
        fake = line_graph(axes, xs, memo.shuffled.train_cost, RED)
        self.cost_axes = axes
        return VGroup(VGroup(axes, labels), true, fake)

    def accuracy_plot(self, memo: MemorisationResult) -> VGroup:
        epochs = int(memo.true.eval_epochs[-1])
        axes = Axes(x_range=[0, epochs, 50], y_range=[0, 100, 25], x_length=5.4, y_length=3.0, tips=False,
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
        grid.arrange_in_grid(rows=3, cols=3, buff=(0.8, 0.25), col_alignments="lcc")
        return grid


class ClosingThoughts(Scene):
    """Ch2 11: credits, and where the series goes next."""

    def construct(self) -> None:
        title = heading("Thanks for watching")
        lines = VGroup(*[Tex(t, font_size=SMALL_FONT_SIZE) for t in (
            r"Regenerated from 3Blue1Brown's video\\\emph{Gradient descent, how neural networks learn} (2017).",
            r"Data: MNIST (LeCun, Cortes \& Burges), split as in Michael Nielsen's book.",
            r"Every number on screen was computed by \texttt{nnmath}, in numpy, from real digits.",
        )]).arrange(DOWN, buff=0.35).next_to(title, DOWN, buff=0.8)
        caption(self, "A cost that says how wrong, small steps downhill: that is how it learns.", Write(title))
        caption(self, "Credits: 3Blue1Brown's original, the MNIST digits, Michael Nielsen's book.",
                LaggedStart(*[FadeIn(l) for l in lines], lag_ratio=0.3))
        nxt = Tex(r"Next: what is backpropagation really doing?", font_size=BODY_FONT_SIZE, color=YELLOW)
        nxt.next_to(lines, DOWN, buff=0.8)
        caption(self, "Next: backpropagation, how the gradient is computed.", FadeIn(nxt))
        self.play(*[FadeOut(m) for m in self.mobjects])
