"""Lines of segments 10-12: recap, final words, ReLU vs sigmoid."""
from __future__ import annotations

from scenes.common.formatting import format_count, format_number, spoken_count, spoken_number
from scenes.common.narration import Line


def recap(digit: int) -> Line:
    return Line(f"A quick recap. A {spoken_count(digit)} goes in, and every neuron takes on a value.",
                f"Recap: a {format_count(digit)} goes in, every neuron takes a value")


def holds(value: float) -> Line:
    return Line(f"Each neuron holds a number. This one, in the second hidden layer, holds {spoken_number(value)}.",
                f"A neuron holds a number: this one {format_number(value)}")


def function() -> Line:
    return Line("But that number depends on what came in. Each neuron is really a function of the neurons in "
                "the layer before it.", "Each neuron: a function of the layer before")


def whole(inputs: int, outputs: int, parameters: int) -> Line:
    return Line(f"And the whole network is one function: {spoken_count(inputs)} numbers in, "
                f"{spoken_count(outputs)} numbers out, shaped by {spoken_count(parameters)} parameters.",
                f"The network: one function, {format_count(inputs)} in, {format_count(outputs)} out, "
                f"{format_count(parameters)} parameters")


def other_digit(digit: int, prediction: int, value: float) -> Line:
    verdict = "and the network reads it correctly." if digit == prediction else \
        f"and the network reads it as a {spoken_count(prediction)}."
    return Line(f"Feed in a {spoken_count(digit)}: different numbers everywhere. This neuron now holds "
                f"{spoken_number(value)}, " + verdict,
                f"A {format_count(digit)}: this neuron {format_number(value)}, read as {format_count(prediction)}")


def thirty(count: int, correct: int) -> Line:
    wrong = count - correct
    tail = ("all of them right." if wrong == 0 else "one mistake, framed in red." if wrong == 1 else
            f"{spoken_count(wrong)} mistakes, framed in red.")
    return Line(f"Here are the first {spoken_count(count)} test digits with the network's answers below: "
                f"{spoken_count(correct)} right, " + tail,
                f"First {format_count(count)} test digits: {format_count(correct)} right")


def next_video(parameters: int) -> Line:
    return Line(f"Next time: how the network finds its {spoken_count(parameters)} weights and biases by "
                "itself, from examples.", "Next: how it learns")


def credits() -> Line:
    return Line("Every number in this video came from a real network trained on real handwritten digits, or "
                "from a seeded toy network where we said so.",
                "Every number: a real trained network, or a seeded toy one where said")


def sigmoid_classic() -> Line:
    return Line("One last word. The sigmoid was the classic squishing function...",
                "The sigmoid: the classic squishing function...")


def old_school() -> Line:
    return Line("...but it makes deep networks learn slowly, so today it's rarely used inside them.",
                "...slow to learn in deep networks: old school")


def relu() -> Line:
    return Line("Most networks today use the rectified linear unit, ReLU for short, instead.",
                "ReLU(a) = max(0, a)")


def relu_parts() -> Line:
    return Line("Below zero it outputs zero: the neuron is inactive. Above zero, it passes the number "
                "through unchanged.", "Below 0: inactive. Above 0: passes the number through")

