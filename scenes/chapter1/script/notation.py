"""Lines of segment 9: one layer as sigma(W a + b), on a seeded toy layer, and nnmath's forward pass."""
from __future__ import annotations

from scenes.common.formatting import format_count, spoken_count
from scenes.common.narration import Line


def small_layer(inputs: int, outputs: int) -> Line:
    return Line(f"Now, a more compact way to write all this. Take a small toy layer: {spoken_count(inputs)} "
                f"neurons feeding {spoken_count(outputs)}, with seeded random weights and inputs.",
                f"A toy layer: {format_count(inputs)} → {format_count(outputs)}, seeded random weights")


def first_neuron() -> Line:
    return Line("The first neuron of the new layer is sigma of its weighted sum, plus its bias.",
                "First neuron: σ(weighted sum + bias)")


def stack(inputs: int) -> Line:
    return Line(f"Stack the {spoken_count(inputs)} input activations into a column, and each neuron's "
                f"{spoken_count(inputs)} weights into one row of a matrix, W.",
                f"Inputs → a column; each neuron's {format_count(inputs)} weights → a row of W")


def row_times_column() -> Line:
    return Line("The top row times the column is exactly the first neuron's weighted sum.",
                "Row × column = the first neuron's weighted sum")


def add_bias() -> Line:
    return Line("Add the column of biases, then apply sigma to every entry.",
                "+ biases, then σ on every entry")


def whole_layer(outputs: int) -> Line:
    return Line(f"Out comes the whole next layer at once: its {spoken_count(outputs)} activations.",
                f"The whole next layer: {format_count(outputs)} activations")


def one_line() -> Line:
    return Line("One short line for a whole layer. And code that multiplies matrices fast runs networks fast.",
                "One line per layer")


def the_code() -> Line:
    return Line("Here's that line in the code that computed every activation in this video: one matrix "
                "product per layer, plus the bias, through sigma.", "The forward pass in nnmath")


def batch() -> Line:
    return Line("z equals a times w transposed, plus b. That's W a plus b, written for a whole batch of "
                "images at once.", "z = a @ w.T + b  is  W a + b, for a batch")
