"""Lines of segments 6-8: the hand-made edge detector, the sigmoid and the bias, the tally, learning, a mistake."""
from __future__ import annotations

from collections.abc import Sequence

from scenes.common.formatting import format_count, format_number, spoken_count, spoken_number
from scenes.common.narration import Line


def one_neuron(inputs: int) -> Line:
    return Line(f"Let's zoom in on one neuron of the first hidden layer, and the {spoken_count(inputs)} links "
                "coming into it.", f"One first-layer neuron and its {format_count(inputs)} incoming links")


def weighted_sum() -> Line:
    return Line("Each link has a weight, which is just a number. The neuron adds up every input activation "
                "times its weight.", "Each link has a weight: add up weight × activation")


def template(side: int) -> Line:
    return Line(f"Picture those weights as a {spoken_count(side)} by {spoken_count(side)} grid, green for "
                "positive and red for negative. These ones are set by hand, not trained: a green bar, with "
                "red just above and below it.",
                f"Weights as a {format_count(side)} × {format_count(side)} grid, set by hand: a green bar, "
                "red around it")


def multiply() -> Line:
    return Line("Multiply each pixel by its weight. Bright pixels on the bar add to the sum; bright pixels "
                "just above or below it take away.", "Pixel × weight: ink on the bar adds, ink beside it subtracts")


def seven_sum(total: float) -> Line:
    return Line(f"For this seven, whose stroke lies along the bar, the weighted sum comes to "
                f"{spoken_number(total)}.", f"The seven: weighted sum {format_number(total)}")


def rival_sum(total: float, seven: float) -> Line:
    return Line(f"A three puts some ink on the bar too, but less: its sum is {spoken_number(total)}, against "
                f"the seven's {spoken_number(seven)}.", f"A three: {format_number(total)}")


def any_number(total: float) -> Line:
    return Line(f"But a weighted sum can be any number, like this {spoken_number(total)}, and an activation "
                "should be between zero and one.", "A sum can be anything; an activation must be in [0, 1]")


def squish() -> Line:
    return Line("So we squish it. The sigmoid function takes the whole number line...",
                "The sigmoid squishes the number line...")


def onto_range() -> Line:
    return Line("...and squeezes it into the range from zero to one: very negative numbers end up near zero, "
                "very positive ones near one.", "...into [0, 1]: very negative → 0, very positive → 1")


def no_bias(seven: float, rival: float) -> Line:
    return Line(f"But look: the seven's {spoken_number(seven)} and the three's {spoken_number(rival)} both land "
                "on the flat top, near one. The neuron can't tell them apart.",
                "Without a bias: both near 1")


def bias(value: float) -> Line:
    return Line(f"So before squishing, add a number, the bias, here {spoken_number(value, 0)}, so the neuron "
                "only fires when the sum is clearly large.",
                f"Add a bias first: {format_number(value, 0)}")


def bias_result(seven_z: float, seven_a: float, rival_a: float) -> Line:
    return Line(f"Now the seven gives sigma of {spoken_number(seven_z)}, which is {spoken_number(seven_a, 3)}, "
                f"and the three drops to {spoken_number(rival_a)}. The weights say which pattern; the bias says "
                "how strong it has to be.",
                f"Seven: {format_number(seven_a, 3)}; three: {format_number(rival_a)}")


def every_neuron() -> Line:
    return Line("That was one neuron. Every neuron of the hidden and output layers has its own weights and "
                "its own bias.", "Every neuron: its own weights and bias")


def first_layer(inputs: int, neurons: int) -> Line:
    return Line(f"The first hidden layer: {spoken_count(inputs)} weights for each of its {spoken_count(neurons)} "
                f"neurons, and {spoken_count(neurons)} biases.",
                f"Layer 1: {format_count(inputs)} × {format_count(neurons)} weights, {format_count(neurons)} biases")


def other_layers(sizes: Sequence[int]) -> Line:
    pairs = [f"{spoken_count(a)} times {spoken_count(b)} weights and {spoken_count(b)} biases"
             for a, b in zip(sizes[1:-1], sizes[2:])]
    return Line("Then the same for the next layers: " + ", then ".join(pairs) + ".",
                "The same for the next layers")


def total(weights: int, biases: int, parameters: int) -> Line:
    return Line(f"In all, {spoken_count(weights)} weights and {spoken_count(biases)} biases: "
                f"{spoken_count(parameters)} knobs and dials that decide what this network does.",
                f"{format_count(weights)} weights + {format_count(biases)} biases = {format_count(parameters)}")


def learning_means() -> Line:
    return Line("Learning, then, means finding good values for all of those weights and biases.",
                "Learning = finding the right weights and biases")


def slide_to_trained() -> Line:
    return Line("Here the links slide from seeded random starting values to the trained network's. Training "
                "finds those values by itself, from examples: that's the next video.",
                "From a seeded random start to the trained weights")


def black_box() -> Line:
    return Line("And knowing what the weights and biases do means we don't have to treat the network as a "
                "black box.", "Not a black box")


def not_perfect(index: int, truth: int) -> Line:
    return Line(f"It's not perfect, though. Here's test digit number {spoken_count(index)}, a "
                f"{spoken_count(truth)}.", f"Test digit #{format_count(index)}, a {format_count(truth)}")


def flows() -> Line:
    return Line("The activations flow through, layer by layer...", "The activations flow through...")


def wrong(prediction: int) -> Line:
    return Line(f"...and the brightest output is {spoken_count(prediction)}. Wrong. When it fails, knowing "
                "what the weights do helps us ask why.", f"...brightest output: {format_count(prediction)}. Wrong!")
