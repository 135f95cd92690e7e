"""Lines of segments 10-11: the research corner (true versus shuffled labels) and the closing."""
from __future__ import annotations

from scenes.common.formatting import format_count, format_percent, spoken_count, spoken_percent
from scenes.chapter2.script.chance import chance_words
from scenes.common.narration import Line


def instead_of_interview() -> Line:
    return Line("The original ends with an interview we can't show here. Instead, we rerun the research it "
                "discussed.", "In place of the interview: its research, rerun")


def the_question() -> Line:
    return Line("The question: can a network learn labels that mean nothing at all? Two papers asked exactly "
                "that.", "Can a network learn labels that mean nothing?")


def true_labels(images: int) -> Line:
    return Line(f"Our version: the first {spoken_count(images)} training images, with their true labels...",
                f"The first {format_count(images)} training images, true labels...")


def shuffled(images: int, agreement: float) -> Line:
    return Line(f"...and shuffled. Of all {spoken_count(images)}, only {spoken_percent(agreement, 0)} still match, "
                "by chance: those stay yellow.",
                f"...shuffled: {format_percent(agreement, 0)} still match by chance (yellow)")


def trained_twice(epochs: int) -> Line:
    return Line(f"Same network, same images, same schedule of {spoken_count(epochs)} passes, trained twice: true "
                "labels in green, shuffled in red.",
                f"Trained twice, {format_count(epochs)} passes: true (green), shuffled (red)")


def cost_curves() -> Line:
    return Line("With true labels the cost drops at once. With shuffled ones it creeps down, as the network "
                "memorises noise.", "True: the cost drops at once. Shuffled: it creeps down")


def training_accuracy() -> Line:
    return Line("Accuracy on its own training labels climbs for both.", "Training-label accuracy climbs for both")


def test_accuracy(n_test: int, true: float, fake: float, classes: int) -> Line:
    words = chance_words(fake, classes)
    return Line(f"On {spoken_count(n_test)} test images: {spoken_percent(true, 0)} after true labels, "
                f"{spoken_percent(fake, 0)} after shuffled ones, {words}.",
                f"Test: {format_percent(true, 0)} (true), {format_percent(fake, 0)} (shuffled, {words})")


def papers_found() -> Line:
    return Line("As the papers found: a network able to memorise noise still learns real patterns first, and "
                "faster.", "Able to memorise noise, it still learns real patterns first")


def how_it_learns() -> Line:
    return Line("A cost that says how wrong the network is, and small steps downhill: that's how it learns.",
                "A cost, and small steps downhill: how it learns")


def credits() -> Line:
    return Line("Thanks to Three Blue One Brown's original video, to the makers of the MNIST digits, and to "
                "Michael Nielsen's book.", "Credits: the original video, MNIST, Michael Nielsen's book")


def next_time() -> Line:
    return Line("Next time: backpropagation, how the gradient is actually computed.",
                "Next: backpropagation, how ∇C is computed")
