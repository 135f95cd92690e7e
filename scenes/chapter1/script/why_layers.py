"""Lines of segment 5: the hope of loops and lines, little edges, and what real neurons respond to."""
from __future__ import annotations

from collections.abc import Sequence

from scenes.common.formatting import format_count, spoken_count
from scenes.common.narration import Line


def loop_and_line() -> Line:
    return Line("So why the layers? Here's one hope. A nine is a loop up top with a line beneath it...",
                "One hope: a nine = a loop + a line...")


def two_loops() -> Line:
    return Line("...and an eight is two loops. These parts are cut from the real digits: the ink around "
                "each enclosed hole is a loop.", "...an eight = two loops (cut from the real digits)")


def hypothetical_neurons() -> Line:
    return Line("Maybe each neuron of the last hidden layer lights up for one such part. Careful, though: "
                "this is a hypothesis, not something we've shown.",
                "Hypothesis: one last-hidden-layer neuron per part")


def parts_make_digits() -> Line:
    return Line("If so, the output layer would only have to learn which parts make which digit: a loop "
                "and a line, a nine.", "Then the output only learns which parts make which digit")


def loop_into_arcs(pieces: int) -> Line:
    return Line(f"And a loop is itself made of smaller pieces. Here is the nine's loop cut into "
                f"{spoken_count(pieces)} arcs, each one a short little edge.",
                f"A loop = {format_count(pieces)} little edges")


def little_edge_layer() -> Line:
    return Line("So maybe the first hidden layer picks out little edges, and the second puts edges together "
                "into loops and lines.", "Maybe: the first layer finds edges, the second loops and lines")


def sobel() -> Line:
    return Line("Finding edges is an old trick of image processing. The Sobel filter, a few lines of numpy, "
                "finds the nine's edges: blue where brightness rises, red where it falls.",
                "Sobel filter on the nine: blue = brighter, red = darker")


def speech_layers() -> Line:
    return Line("The same layered hope shows up elsewhere. In speech, sounds make syllables, syllables "
                "make words, and words make phrases.", "Speech: sounds → syllables → words → phrases")


def look_inside() -> Line:
    return Line("Enough hoping. Let's look inside the trained network.")


def neurons_and_favourites(count: int, top: int, searched: int) -> Line:
    return Line(f"Here are {spoken_count(count)} neurons of the first hidden layer. For each, its incoming "
                f"weights, blue positive and red negative, and the {spoken_count(top)} test digits, out of "
                f"{spoken_count(searched)}, that light it up the most.",
                f"{format_count(count)} first-layer neurons: weights and their top {format_count(top)} of "
                f"{format_count(searched)} test digits")


DIGIT_NAMES = ("zeros", "ones", "twos", "threes", "fours", "fives", "sixes", "sevens", "eights", "nines")
"""How the voice says "the digit d", plural."""


def _share(agree: int, top: int) -> str:
    return f"all {spoken_count(top)}" if agree == top else f"{spoken_count(agree)} of {spoken_count(top)}"


def favourites(neurons: Sequence[int], labels: Sequence[int], agree: Sequence[int], top: int) -> Line:
    parts = [f"neuron {spoken_count(j)}, {_share(a, top)} of its favourites are {DIGIT_NAMES[d]}"
             for j, d, a in zip(neurons, labels, agree)]
    caption = "; ".join(f"neuron {format_count(j)}: {format_count(a)}/{format_count(top)} are "
                        f"{format_count(d)}s" for j, d, a in zip(neurons, labels, agree))
    return Line("Look at what they like. For " + "; for ".join(parts) + ".", caption)


def whole_shapes(all_agree: bool) -> Line:
    if all_agree:
        return Line("These were picked because their favourites agree most on one digit. So at least these "
                    "neurons respond to big chunks of one digit's shape, not to the little edges we hoped for.",
                    "Picked for agreeing most: they like chunks of one digit, not little edges")
    return Line("These were picked because their favourites agree most on one digit. Compare their weights "
                "with the little edges we hoped for.", "Picked for agreeing most on one digit")
