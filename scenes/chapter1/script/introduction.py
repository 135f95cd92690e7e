"""Lines of segments 1-2: real threes, the task, the toy network, the real network reading digits."""
from __future__ import annotations

from collections.abc import Sequence

from scenes.common.formatting import format_count, format_percent, spoken_count, spoken_percent
from scenes.common.narration import Line


def a_three(side: int) -> Line:
    return Line(f"Here is a three, written by hand, stored at a tiny resolution of {spoken_count(side)} "
                f"by {spoken_count(side)} pixels.",
                f"A handwritten three: {format_count(side)} × {format_count(side)} pixels")


def you_read_it() -> Line:
    return Line("And your brain has no trouble reading it as a three.")


def other_threes(count: int) -> Line:
    return Line(f"Here are {spoken_count(count)} more threes. The bright pixels land in very different "
                "places each time, and yet you read a three every time.",
                f"{format_count(count)} more threes: different pixels, same digit")


def same_thing() -> Line:
    return Line("Your brain says these two grids are the same thing...",
                "These two grids: the same thing")


def not_the_same() -> Line:
    return Line("...and that these are different things, although all of them are just grids of "
                "pixel values.", "These: different things, though all are just pixel values")


def pixels_are_numbers(count: int) -> Line:
    return Line(f"To a computer, this three is {spoken_count(count)} numbers, one per pixel: how bright "
                "that pixel is, from zero for black to one for white.",
                f"{format_count(count)} numbers: each pixel's brightness, 0 = black, 1 = white")


def the_task(count: int) -> Line:
    return Line(f"So here is the task: write a program that takes in these {spoken_count(count)} "
                "numbers and tells you which digit it is.",
                f"The task: {format_count(count)} numbers in, the digit out")


def hops_to(answer: int) -> Line:
    return Line(f"The network we build in this series says {spoken_count(answer)}. This video is "
                "about what that network is.",
                f"The network's answer: {format_count(answer)}")


def toy_network(sizes: Sequence[int]) -> Line:
    layers = ", ".join(spoken_count(n) for n in sizes[:-1]) + f" and {spoken_count(sizes[-1])}"
    return Line(f"First, a neural network in miniature: a toy with {layers} neurons, and seeded random "
                "weights. Every neuron is linked to every neuron in the next layer.",
                "A toy network (" + "-".join(format_count(n) for n in sizes) + ", seeded random weights)")


def numbers_flow() -> Line:
    return Line("Numbers flow from left to right, one layer setting the next.")


def one_formula() -> Line:
    return Line("Each layer comes from the one before it through one formula. By the end of this video, "
                "you'll be able to read it.", "One formula per layer; by the end you can read it")


def two_questions() -> Line:
    return Line("So two questions: what is this structure, which is this video, and how does it learn, "
                "which is the next one.", "Structure (this video), learning (the next)")


def real_network(train_count: int, keep: float) -> Line:
    return Line("Now the real network of this series, the plainest kind, a multilayer perceptron, "
                f"trained on {spoken_count(train_count)} handwritten digits. Only its strongest "
                f"{spoken_percent(keep, 0)} of links are drawn.",
                f"The plainest kind: a multilayer perceptron, trained on {format_count(train_count)} "
                f"digits ({format_percent(keep, 0)} of links drawn)")


def reading_digits() -> Line:
    return Line("Each test digit goes in, the neurons light up layer by layer, and the brightest output, "
                "in the box, is the network's answer.", "Each digit in, the brightest output boxed")


def unseen_digits() -> Line:
    return Line("These are test digits: the network never saw them while it was trained.",
                "Test digits: never seen in training")


def reads_correctly(correct: int, count: int) -> Line:
    wrong = count - correct
    if wrong == 0:
        tail = "every one of them."
    elif wrong == 1:
        tail = "the one mistake is framed in red."
    else:
        tail = f"the {spoken_count(wrong)} mistakes are framed in red."
    return Line(f"It reads {spoken_count(correct)} of these {spoken_count(count)} correctly: " + tail,
                f"{format_count(correct)} of {format_count(count)} read correctly")
