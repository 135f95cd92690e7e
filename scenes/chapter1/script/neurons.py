"""Lines of segments 3-4: a neuron holds a number; pixels become the input layer; the layers fill up."""
from __future__ import annotations

from collections.abc import Sequence

from scenes.common.formatting import format_count, format_number, spoken_count, spoken_number
from scenes.common.narration import Line


def holds_a_number(values: Sequence[float]) -> Line:
    spoken = ", ".join(spoken_number(v) for v in values)
    return Line("For now, think of a neuron as a thing that holds a number between zero and one. "
                f"These {spoken_count(len(values))} are neurons of our network while it reads a nine: {spoken}.",
                "A neuron holds a number: " + ", ".join(format_number(v) for v in values))


def one_per_pixel() -> Line:
    return Line("The network starts with one neuron for every pixel of the image.",
                "The first layer: one neuron per pixel")


def nine_becomes_neurons(side: int, count: int) -> Line:
    return Line(f"{spoken_count(side)} times {spoken_count(side)} makes {spoken_count(count)} neurons, "
                "each holding the brightness of its pixel.",
                f"{format_count(side)} × {format_count(side)} = {format_count(count)} neurons, "
                "one per pixel")


def activation(pixel: int, value: float) -> Line:
    return Line(f"That number is the neuron's activation. This one, pixel {spoken_count(pixel)}, is one "
                f"of the brightest, at {spoken_number(value)}. The brighter the neuron, the bigger its number.",
                f"Activation: pixel {format_count(pixel)} holds {format_number(value)}")


def too_many(count: int, drawn: int) -> Line:
    return Line(f"{spoken_count(count)} neurons are too many to draw, so the diagrams show "
                f"{spoken_count(drawn)}: the pixels whose links into the network carry the most weight, "
                "marked in yellow.",
                f"{format_count(count)} neurons; the diagrams draw the {format_count(drawn)} pixels "
                "with the strongest links")


def into_column(drawn: int, hidden: int) -> Line:
    return Line(f"Those {spoken_count(drawn)} move into a column. The other {spoken_count(hidden)} "
                "shrink into the dots in the middle.",
                f"{format_count(drawn)} into a column, the other {format_count(hidden)} into the dots")


def input_layer(count: int) -> Line:
    return Line(f"This column is the input layer. The brace keeps count: {spoken_count(count)}.",
                f"The input layer: {format_count(count)} neurons")


def output_layer(count: int) -> Line:
    return Line(f"The last layer has {spoken_count(count)} neurons, one for each digit. How bright one is "
                "says how much the network thinks the image is that digit.",
                f"Output layer: {format_count(count)} neurons, one per digit")


def hidden_layers(sizes: Sequence[int]) -> Line:
    if len(set(sizes)) == 1:
        shape = f"{spoken_count(len(sizes))} hidden layers of {spoken_count(sizes[0])} neurons each"
        caption = f"{format_count(len(sizes))} hidden layers of {format_count(sizes[0])}"
    else:
        shape = "hidden layers of " + ", ".join(spoken_count(n) for n in sizes) + " neurons"
        caption = "Hidden layers: " + ", ".join(format_count(n) for n in sizes)
    return Line(f"In between sit {shape}. Why these sizes? It's a choice; we'll come back to what they "
                "might be doing.", caption + ": a choice")


def links() -> Line:
    return Line("Each neuron is linked to every neuron of the layer before. Blue links have positive "
                "weights, red ones negative, and thicker means bigger.",
                "Links: blue positive, red negative, thicker = bigger")


def feed_the_nine() -> Line:
    return Line("Now feed in the nine. The input layer takes on its pixel values...",
                "Feed in the nine: the input layer takes its pixels...")


def layer_sets_next() -> Line:
    return Line("...and the activations of each layer set the activations of the next.",
                "...and each layer sets the next")


def brightest_output(prediction: int, value: float, runner_up: int, runner_value: float) -> Line:
    return Line(f"The brightest output is {spoken_count(prediction)}, at {spoken_number(value)}; the next "
                f"brightest, {spoken_count(runner_up)}, is at only {spoken_number(runner_value)}. So the "
                "network answers "
                f"{spoken_count(prediction)}.",
                f"Brightest output: {format_count(prediction)} at {format_number(value)} "
                f"(next: {format_count(runner_up)} at {format_number(runner_value)})")
