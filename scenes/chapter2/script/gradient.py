"""Lines of segments 6-7: reading the gradient's entries, which weights matter, the descent recap."""
from __future__ import annotations

from scenes.common.formatting import format_count, format_number, spoken_count, spoken_number
from scenes.common.narration import Line


def entries(parameters: int) -> Line:
    return Line(f"Each of the {spoken_count(parameters)} entries of the gradient says how much the cost cares "
                "about one parameter. Let's sort them by size.",
                f"{format_count(parameters)} entries of ∇C, sorted by size")


def decades(powers: int) -> Line:
    return Line(f"On a log scale they span more than {spoken_count(powers)} powers of ten, and a few of them "
                "dominate.", f"Over {format_count(powers)} powers of ten; a few dominate")


def thirds() -> Line:
    return Line("Cut them into thirds: these ask for a change of a lot, somewhat, or just a little.",
                "In thirds: a lot, somewhat, a little")


def read_out(top: int, all_in_output_layer: bool) -> Line:
    where = ", all in the output layer" if all_in_output_layer else ""
    return Line(f"Read out: the {spoken_count(top)} largest{where}; the middle one; and one from the bottom "
                "third.", f"The {format_count(top)} largest{where}, the middle one, one from the bottom third")


def exact_zeros(zeros: int) -> Line:
    return Line(f"Not drawn: {spoken_count(zeros)} exact zeros. Those are weights from pixels that are blank in "
                "every training image.", f"Not drawn: {format_count(zeros)} exact zeros (always-blank pixels)")


def which_matters(output_weights: int) -> Line:
    return Line(f"Of the {spoken_count(output_weights)} weights into the output layer, which one matters most, "
                "and which least?", f"{format_count(output_weights)} output weights: which matters most, least?")


def matters_a_lot(derivative: float) -> Line:
    return Line(f"This one matters a lot: the derivative of the cost with respect to this weight is "
                f"{spoken_number(derivative, significant=2)}.",
                f"This weight matters a lot: ∂C/∂w = {format_number(derivative, significant=3)}")


def who_cares(derivative: float) -> Line:
    return Line(f"And who even cares about this one? Its derivative is only {spoken_number(derivative, significant=2)}.",
                f"Who even cares about this one? ∂C/∂w = {format_number(derivative, significant=3)}")


def found_not_picked(ratio: float) -> Line:
    return Line(f"Found, not picked: nudging the first moves the cost about {spoken_count(round(ratio))} times as "
                "much as nudging the second.", f"Found, not picked: about {format_count(round(ratio))}× the effect")


def bowl(x: float, y: float, gx: float, gy: float) -> Line:
    return Line(f"The same reading works on a simple bowl. At the point {spoken_number(x, 0)}, {spoken_number(y, 0)}, "
                f"the gradient is {spoken_number(gx, 0)}, {spoken_number(gy, 0)}.",
                f"A bowl: ∇C({format_number(x, 0)}, {format_number(y, 0)}) = "
                f"({format_number(gx, 0)}, {format_number(gy, 0)})")


def bowl_minimum(x: float, y: float) -> Line:
    return Line(f"Its lowest point is at {spoken_number(x, 0)}, {spoken_number(y, 0)}, and minus the gradient points "
                "toward it, though not straight at it.", "Minimum at the origin; −∇C heads toward it")


def how_much_each_matters(ratio: float) -> Line:
    return Line(f"So read a gradient as a direction to walk, or as how much each input matters: here, x matters "
                f"{spoken_number(ratio, 0)} times as much as y.",
                f"A direction, or what matters: x counts {format_number(ratio, 0)}× as much as y")


def recap_start(images: int) -> Line:
    return Line(f"Recap, for real: full gradient descent from the fresh network, on the first "
                f"{spoken_count(images)} training images.", f"Full gradient descent, first {format_count(images)} images")


def compute_gradient() -> Line:
    return Line("Compute the gradient: orange edges are set to shrink, blue ones to grow.",
                "Compute ∇C: orange shrink, blue grow")


def recap_step(eta: float) -> Line:
    return Line(f"Step by {spoken_number(eta, 0)} times minus the gradient. Then recompute, and repeat.",
                f"Step by {format_number(eta, 0)} × (−∇C); recompute, repeat")


def again_and_again() -> Line:
    return Line("Again and again: each sweep is a fresh gradient, each step a little further downhill.",
                "Each sweep a fresh gradient, each step further downhill")


def recap_result(steps: int, first: float, last: float) -> Line:
    return Line(f"{spoken_count(steps)} steps take the cost from {spoken_number(first)} down to "
                f"{spoken_number(last)}. That's all learning is: walking downhill.",
                f"{format_count(steps)} steps: {format_number(first)} → {format_number(last)}. Learning = downhill")
