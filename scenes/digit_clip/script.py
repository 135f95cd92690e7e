"""What the own-digit clip says: one :class:`~scenes.common.narration.Line` per beat, from computed values.

Every figure is formatted from a value of the inputs, the network or
:mod:`scenes.digit_clip.measures` (``typed_figures(script) == []`` is tested),
and every claim a line makes ("sure", "the runner-up", "fired most", "the
largest", "right") is chosen from those values and tested against them. The
voice spells figures for the ear (``spoken_*``), the caption is shorter
(``format_*``).
"""
from __future__ import annotations

from nnmath import ChainRule
from nnmath.mnist import IMAGE_SIDE
from scenes.common.formatting import format_count, format_number, spoken_count, spoken_number
from scenes.common.narration import Line
from scenes.digit_clip.data import FITTED_SIDE, ClipInputs
from scenes.digit_clip.measures import Answer, Centring

__all__ = [
    "significant", "ordinal", "neuron_name", "neuron_caption",
    "picture", "ink", "crop", "fit", "centre", "input_layer", "forward", "reads", "fired_most",
    "weights", "verdict", "steepest", "chain", "downhill",
]

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def significant(value: float) -> tuple[str, str]:
    """``value`` with two significant digits: (caption, voice)."""
    return format_number(value, significant=2), spoken_number(value, significant=2)


def ordinal(n: int) -> str:
    """``1`` -> ``"first"`` (``"number 12"`` past the ninth)."""
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else f"number {spoken_count(n)}"


def _spoken_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def neuron_name(layer: int, index: int, layers: int) -> str:
    """How the voice names neuron ``index`` of layer ``layer`` (0 = input) of a net with ``layers`` layers."""
    if layer == 0:
        return f"pixel {spoken_count(index)}"
    if layer == layers - 1:
        return f"output {spoken_count(index)}"
    return f"neuron {spoken_count(index)} of the {ordinal(layer)} hidden layer"


def neuron_caption(layer: int, index: int, layers: int) -> str:
    """The caption's short name of the same neuron."""
    if layer == 0:
        return f"pixel {format_count(index)}"
    if layer == layers - 1:
        return f"output {format_count(index)}"
    return f"neuron {format_count(index)} of hidden layer {format_count(layer)}"


# ---------------------------------------------------------------------------- preparation
def picture(inputs: ClipInputs) -> Line:
    width, height = inputs.source_size
    return Line(f"Here is your picture, {spoken_count(width)} by {spoken_count(height)} pixels. First, it is "
                "prepared the way the network's training digits were.",
                f"Your picture: {inputs.source_name}, {format_count(width)} × {format_count(height)} pixels")


def ink(inputs: ClipInputs) -> Line:
    if inputs.inverted:
        return Line("Those are light ink on black, so yours is turned negative and stretched to full contrast.",
                    "Made light on black, at full contrast")
    return Line("Its ink is already light on black, as in those digits, so it is only stretched to full contrast.",
                "Kept light on black, at full contrast")


def crop() -> Line:
    return Line("Then it is cropped to the box around the ink.", "Cropped to the ink")


def fit(inputs: ClipInputs) -> Line:
    side = spoken_count(FITTED_SIDE)
    shown = format_count(FITTED_SIDE)
    if inputs.thickened:
        return Line(f"The ink is scaled into a {side} by {side} box, its thin strokes thickened to match "
                    "their pens.",
                    f"Fitted into {shown} × {shown}, thin strokes thickened")
    return Line(f"The ink is scaled into a {side} by {side} box, keeping its shape.",
                f"Fitted into {shown} × {shown}")


def centre(centring: Centring) -> Line:
    side, shown = spoken_count(IMAGE_SIDE), format_count(IMAGE_SIDE)
    where = "lands in the middle" if centring.in_the_middle else "lands as near the middle as the field allows"
    return Line(f"Then it goes into a {side} by {side} field, so that its centre of mass, the red cross, "
                f"{where}.",
                f"Centred by its mass in {shown} × {shown}")


# ---------------------------------------------------------------------------- the network reads it
def input_layer(n_inputs: int, drawn: int) -> Line:
    return Line(f"Those {spoken_count(n_inputs)} pixels are the network's input layer, one neuron each. "
                f"The diagram draws {spoken_count(drawn)}; the rest fold into the dots.",
                f"{format_count(n_inputs)} pixels, {format_count(n_inputs)} input neurons "
                f"({format_count(drawn)} drawn)")


def forward(sizes: tuple[int, ...]) -> Line:
    hidden = sizes[1:-1]
    if len(set(hidden)) == 1:
        layers = f"{spoken_count(len(hidden))} hidden layers of {spoken_count(hidden[0])} neurons"
    else:
        layers = f"hidden layers of {_spoken_list([spoken_count(n) for n in hidden])} neurons"
    if len(hidden) == 1:
        layers = f"a hidden layer of {spoken_count(hidden[0])} neurons"
    return Line(f"Layer by layer, the activations are computed and light up: {layers}, "
                f"then the {spoken_count(sizes[-1])} outputs.",
                "Layer by layer, the real activations light up")


def reads(answer: Answer) -> Line:
    p, r = answer.prediction, answer.runner_up
    confidence, runner = format_number(answer.confidence), format_number(answer.runner_up_value)
    said_confidence, said_runner = spoken_number(answer.confidence), spoken_number(answer.runner_up_value)
    verdict = "so the network is sure." if answer.sure else "so the network is not sure."
    return Line(f"It reads a {spoken_count(p)}: output {spoken_count(p)} is the brightest, at {said_confidence}. "
                f"The runner-up, {spoken_count(r)}, is at {said_runner}, {verdict}",
                f"It reads {format_count(p)}. Output {format_count(p)}: {confidence}; "
                f"runner-up {format_count(r)}: {runner}")


def fired_most(neurons: tuple[int, ...], values: tuple[float, ...]) -> Line:
    names = _spoken_list([spoken_count(j) for j in neurons])
    shown = ", ".join(f"{format_count(j)} ({format_number(a)})" for j, a in zip(neurons, values))
    return Line(f"In the first hidden layer, these {spoken_count(len(neurons))} fired most: numbers {names}.",
                f"Fired most in the first hidden layer: {shown}")


def weights() -> Line:
    return Line("Here are their weights, drawn as pictures: blue pixels excite a neuron, red ones hold it back.",
                "Their weights: blue pixels excite, red ones inhibit")


# ---------------------------------------------------------------------------- with a label: the cost
def verdict(label: int, answer: Answer, cost: float) -> Line:
    shown, said = significant(cost)
    if answer.prediction == label:
        judged, judged_caption = "so the network is right", "right"
    else:
        judged = f"so the network, reading a {spoken_count(answer.prediction)}, is wrong"
        judged_caption = "wrong"
    return Line(f"You said it is a {spoken_count(label)}, {judged}. The cost of this example, the sum of the "
                f"squared differences from the targets, is {said}.",
                f"You said {format_count(label)}: {judged_caption}. Cost C₀ = {shown}")


def steepest(c: ChainRule, layers: int) -> Line:
    source, target = neuron_name(c.layer, c.k, layers), neuron_name(c.layer + 1, c.j, layers)
    return Line(f"Which weight changes this cost fastest? Of all the weights, the one from {source} to {target}.",
                f"Largest |∂C₀/∂w|: the weight from {neuron_caption(c.layer, c.k, layers)} "
                f"to {neuron_caption(c.layer + 1, c.j, layers)}")


def chain(c: ChainRule, layers: int, activation: str) -> Line:
    target = neuron_name(c.layer + 1, c.j, layers)
    (a, said_a), (slope, said_slope), (da, said_da) = (significant(v) for v in c.factors)
    return Line(f"By the chain rule, its derivative is three factors: the activation feeding it, {said_a}; "
                f"the {activation}'s slope, {said_slope}; and how the cost changes with {target}, {said_da}.",
                f"By the chain rule: ∂C₀/∂w = {a} · {slope} · {da}")


def downhill(c: ChainRule) -> Line:
    product, said_product = significant(c.product)
    sign, step = ("positive", "lower") if c.product > 0 else ("negative", "raise")
    return Line(f"Multiplied, {said_product}. It is {sign}, so a step downhill would {step} this weight.",
                f"∂C₀/∂w = {product}: a step downhill would {step} this weight")
