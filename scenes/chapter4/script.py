"""Chapter 4's script: what the narrator says in every beat, and the caption shown meanwhile.

Each function returns one :class:`~scenes.common.narration.Line`, formatted from the values the
scene computes (never a typed figure: ``tests/scenes/chapter4/test_script.py`` runs
:func:`~scenes.common.narration.typed_figures` over this module, and checks every claim a line
makes about the numbers against them). The voice says symbols as words ("the derivative of the
cost with respect to this weight"); the caption may write them shorter (dC0/dw).
"""
from __future__ import annotations

from collections.abc import Sequence

from scenes.common.formatting import (format_count, format_number, spoken_count, spoken_number)
from scenes.common.narration import Line

__all__ = [
    "calculus", "real_digit", "gradient_entries", "each_entry", "blank_pixels", "shrink",
    "simplest", "six_numbers", "focus_last_two", "desired", "cost_definition", "cost_value",
    "weighted_sum", "name_z", "cost_follows", "as_a_tree", "further_back",
    "number_lines", "nudge", "nudge_back", "ratio", "chain_rule", "three_links",
    "cost_factor", "sigmoid_factor", "z_factor", "multiply", "finite_difference",
    "dim_setup", "live_numbers", "dim", "bright", "back_to_real",
    "average_formula", "copy_examples", "ask_each_way", "average",
    "gradient_vector", "entries_agree",
    "bias", "bias_value", "previous_activation", "previous_value",
    "long_path", "reuse", "long_product", "bias_back",
    "more_neurons", "indexed_cost", "indexed_weight", "indexed_rule", "indexed_check",
    "paths_to_cost", "sum_rule", "sum_terms", "sum_check",
    "real_network", "check_columns", "check_rows", "check_agree",
    "pretty_much_it", "from_next_layer", "output_start", "average_all",
    "real_weight", "three_factors", "sum_of_terms", "dominant_terms", "tree_product",
]


def _spoken_symbol(digits: Sequence[int]) -> str:
    return " ".join(str(d) for d in digits)


# ----------------------------------------------------------------------------- 1. Introduction

def calculus() -> Line:
    return Line("Last time we followed backpropagation in pictures: which weights should grow, and which "
                "should shrink. This time, the same idea in the language of calculus.",
                "Backpropagation, in the language of calculus")


def real_digit(label: int, guess: int) -> Line:
    return Line(f"Here is a real test digit, a {label}. Our trained network reads it as a {guess}.",
                f"A real test digit: a {label}, read as a {guess}")


def gradient_entries(n_parameters: int) -> Line:
    return Line(f"Backpropagation turns that mistake into one number for each of the network's "
                f"{spoken_count(n_parameters)} weights and biases.",
                f"The gradient: {format_count(n_parameters)} numbers, one per weight and bias")


def each_entry() -> Line:
    return Line("Each of them is a derivative: how sensitive the cost is to one parameter.",
                "Each entry: how sensitive the cost is to one parameter")


def blank_pixels(zeros: int) -> Line:
    return Line(f"The first {spoken_count(zeros)} shown are exactly zero. They belong to weights from blank "
                "pixels, and nudging those changes nothing.",
                f"The first {format_count(zeros)}: exactly zero (weights from blank pixels)")


def shrink() -> Line:
    return Line("To see where these numbers come from, let's shrink the network to one neuron per layer.",
                "Shrink the network to one neuron per layer")


# ----------------------------------------------------------------------------- 2. The chain rule

def simplest(x: float) -> Line:
    return Line(f"The simplest network: one neuron per layer. It's a toy, with seeded random weights and "
                f"biases, not trained. We feed it the input {spoken_number(x, 1)}.",
                f"A toy network, seeded random weights and biases; input {format_number(x, 1)}")


def six_numbers(n_weights: int, n_parameters: int) -> Line:
    return Line(f"{spoken_count(n_weights)} weights and {spoken_count(n_parameters - n_weights)} biases: "
                f"the cost is a function of these {spoken_count(n_parameters)} numbers.",
                f"The cost depends on {format_count(n_parameters)} numbers")


def focus_last_two() -> Line:
    return Line("Focus on the last two neurons. Call their activations a L and a L minus one. Those "
                "superscripts name layers; they are not exponents.",
                "a^(L), a^(L-1): superscripts name layers, not exponents")


def desired(y: float) -> Line:
    return Line(f"For this training example, we want the last activation to be {spoken_number(y, 0)}.",
                f"Desired output: y = {format_number(y, 0)}")


def cost_definition() -> Line:
    return Line("The cost of this one example, C zero, is the square of the difference between what the "
                "network gives and what we want.", "C0 = (a^(L) - y)^2")


def cost_value(a: float, y: float, c: float) -> Line:
    return Line(f"It gives {spoken_number(a)} instead of {spoken_number(y, 0)}, so the cost is "
                f"{spoken_number(c)}.",
                f"C0 = ({format_number(a)} - {format_number(y, 0)})^2 = {format_number(c)}")


def weighted_sum() -> Line:
    return Line("That last activation comes from a weighted sum: the weight w L times the previous "
                "activation, plus the bias b L, pushed through the sigmoid.",
                "a^(L) = sigma(w^(L) a^(L-1) + b^(L))")


def name_z(z: float, a: float) -> Line:
    return Line(f"Give the weighted sum a name, z L. Here it is {spoken_number(z)}, and the sigmoid turns "
                f"it into {spoken_number(a)}.",
                f"z^(L) = {format_number(z)}, a^(L) = sigma(z^(L)) = {format_number(a)}")


def cost_follows() -> Line:
    return Line("And the cost follows from that activation and the target.", "C0 from a^(L) and y")


def as_a_tree() -> Line:
    return Line("Draw it as a tree: the weight, the previous activation and the bias make z; z makes a; "
                "a and y make the cost.", "w, a^(L-1), b -> z -> a -> C0")


def further_back() -> Line:
    return Line("And the previous activation has a weight and a bias of its own, and so on back through "
                "the network.", "a^(L-1) has its own weight and bias")


def number_lines(step: float) -> Line:
    return Line(f"Give each quantity its own number line, all to the same scale, with ticks every "
                f"{spoken_number(step, 1)}.",
                f"One number line per quantity, one scale, ticks every {format_number(step, 1)}")


def nudge(dw: float) -> Line:
    return Line(f"Nudge the weight by {spoken_number(dw, 1)}. z moves, so a moves, so the cost moves.",
                f"Nudge w^(L) by {format_number(dw, 1)}: z, a and C0 follow")


def nudge_back(dw: float, dz: float, dc: float) -> Line:
    verb = "lowers" if dc < 0 else "raises"
    return Line(f"Down the chain the nudge shrinks: {spoken_number(dw, 1)} in the weight moves z by "
                f"{spoken_number(dz)}, and {verb} the cost by only {spoken_number(abs(dc), significant=1)}.",
                f"dw = {format_number(dw, 1)}: dz = {format_number(dz)}, dC0 = "
                f"{format_number(dc, significant=1)}")


def ratio() -> Line:
    return Line("The ratio of the cost's change to the weight's tiny change is the derivative of the cost "
                "with respect to the weight.", "dC0/dw^(L): change in C0 per change in w^(L)")


def chain_rule() -> Line:
    return Line("The chain rule: multiply how z responds to w, how a responds to z, and how the cost "
                "responds to a.", "dC0/dw = dz/dw * da/dz * dC0/da")


def three_links() -> Line:
    return Line("Three small ratios, one for each link of the chain.", "One ratio per link")


# ----------------------------------------------------------------------------- 3. Computing the factors

def cost_factor(a: float, y: float, value: float) -> Line:
    return Line(f"The cost's sensitivity to a is two times a minus y: twice the distance to the target. "
                f"Here, {spoken_number(value, significant=4)}.",
                f"dC0/da = 2(a - y) = 2({format_number(a)} - {format_number(y, 0)}) = "
                f"{format_number(value, significant=4)}")


def sigmoid_factor(z: float, value: float) -> Line:
    return Line(f"The activation's sensitivity to z is the slope of the sigmoid at z, "
                f"{spoken_number(value, significant=4)}.",
                f"da/dz = sigma'({format_number(z)}) = {format_number(value, significant=4)}")


def z_factor(value: float) -> Line:
    return Line(f"And z moves with the weight exactly as much as the previous activation, "
                f"{spoken_number(value, significant=4)}: that's what the weight multiplies.",
                f"dz/dw = a^(L-1) = {format_number(value, significant=4)}")


def multiply(product: float) -> Line:
    return Line(f"Multiply the three: the derivative of this example's cost with respect to the weight is "
                f"{spoken_number(product, significant=4)}.",
                f"dC0/dw^(L) = {format_number(product, significant=4)}")


def finite_difference(h: float, agree_digits: int) -> Line:
    return Line(f"Check it without calculus: nudge the weight by {spoken_number(h, significant=1)} either "
                f"way and measure the cost. The first {spoken_count(agree_digits)} digits agree.",
                f"Finite difference, h = {format_number(h, significant=1)}: "
                f"{format_count(agree_digits)} digits agree")


# ----------------------------------------------------------------------------- 4. What they mean

def dim_setup() -> Line:
    return Line("What does that first factor mean? Keep the real weight and bias, but let the previous "
                "neuron's activation vary.", "dz/dw = a^(L-1): let a^(L-1) vary")


def live_numbers() -> Line:
    return Line("Both numbers are recomputed by the chain rule at every frame.",
                "Recomputed at every frame")


def dim(a_prev: float, dc_dw: float) -> Line:
    return Line(f"A dim previous neuron, at {spoken_number(a_prev)}: nudging the weight hardly moves z, and "
                f"the derivative shrinks to {spoken_number(dc_dw, significant=2)}.",
                f"a^(L-1) = {format_number(a_prev)}: dC0/dw = {format_number(dc_dw, significant=2)}")


def bright(a_prev: float, dc_dw: float) -> Line:
    return Line(f"A bright one, at {spoken_number(a_prev)}: the same weight matters much more, "
                f"{spoken_number(dc_dw, significant=2)}. Neurons that fire together wire together.",
                f"a^(L-1) = {format_number(a_prev)}: dC0/dw = {format_number(dc_dw, significant=2)}")


def back_to_real(a_prev: float) -> Line:
    return Line(f"Back to the real value, {spoken_number(a_prev)}.",
                f"Back to a^(L-1) = {format_number(a_prev)}")


def average_formula() -> Line:
    return Line("So far, one training example. The full cost averages over all the examples, so its "
                "derivative is the average of theirs.", "dC/dw = average of dC_k/dw")


def copy_examples(n: int, output: float) -> Line:
    return Line(f"Here are {spoken_count(n)} seeded examples that ask the toy network to copy its input. "
                f"It answers about {spoken_number(output)} whatever the input.",
                f"{format_count(n)} examples, target y = x; the toy network answers about "
                f"{format_number(output)}")


def ask_each_way(above: int, below: int) -> Line:
    return Line(f"{spoken_count(above)} of them want more than that and ask to raise the weight: a negative "
                f"derivative. The other {spoken_count(below)} want less, and ask to lower it.",
                f"{format_count(above)} want more: negative dC_k/dw; {format_count(below)} want less: positive")


def average(mean: float) -> Line:
    return Line(f"Their average, {spoken_number(mean, significant=3)}, is this weight's entry in the "
                "gradient; backprop on the whole batch gives the same number.",
                f"Average: {format_number(mean, significant=3)} = backprop on the whole batch")


def gradient_vector(entries: int, n_digit: int) -> Line:
    return Line(f"The gradient lists one such average for every weight and bias: {spoken_count(entries)} "
                f"entries here, {spoken_count(n_digit)} for the digit network.",
                f"Gradient: {format_count(entries)} entries here, {format_count(n_digit)} for the digit network")


def entries_agree() -> Line:
    return Line("Each entry from the chain rule, and beside it a finite difference, computed without any "
                "calculus. They agree in every digit shown.", "Chain rule and finite differences agree")


# ----------------------------------------------------------------------------- 5. Sensitivity

def bias() -> Line:
    return Line("Now the bias. z moves one for one with b, so the first factor is just one.",
                "dz/db = 1")


def bias_value(value: float) -> Line:
    return Line(f"The other two factors are the same as before: {spoken_number(value, significant=4)}, "
                "and the finite difference agrees.", f"dC0/db^(L) = {format_number(value, significant=4)}")


def previous_activation() -> Line:
    return Line("The previous activation: z moves with it in proportion to the weight between them.",
                "dz/da^(L-1) = w^(L)")


def previous_value(value: float) -> Line:
    return Line(f"We can't change an activation directly, but this number, "
                f"{spoken_number(value, significant=4)}, says how the cost wants it to change.",
                f"dC0/da^(L-1) = {format_number(value, significant=4)}")


def long_path() -> Line:
    return Line("One layer back: the earlier weight changes the earlier z, which changes the previous "
                "activation, and from there the same chain reaches the cost.", "w^(L-1) -> z^(L-1) -> a^(L-1) -> ... -> C0")


def reuse() -> Line:
    return Line("The last factor is the cost's sensitivity to that activation, the number we just "
                "computed. Backpropagation reuses it.", "The last factor: dC0/da^(L-1), reused")


def long_product(n_factors: int, value: float) -> Line:
    return Line(f"{spoken_count(n_factors)} factors along the path. Their product is "
                f"{spoken_number(value, significant=4)}, and the finite difference agrees.",
                f"{format_count(n_factors)} factors: dC0/dw^(L-1) = {format_number(value, significant=4)}")


def bias_back() -> Line:
    return Line("The bias one layer back works the same way, with one as its first factor.",
                "dC0/db^(L-1): its first factor is dz/db = 1")


# ----------------------------------------------------------------------------- 6. More neurons

def more_neurons(sizes: Sequence[int]) -> Line:
    shape = "-".join(str(n) for n in sizes)
    return Line(f"More neurons per layer: the last two layers of a toy {_spoken_symbol(sizes)} network, "
                "again with seeded random weights. Subscripts index the neurons: k in layer L minus one, "
                "j in layer L.", f"A seeded toy {shape} network: k indexes layer L-1, j layer L")


def indexed_cost(c: float) -> Line:
    return Line(f"The cost adds up the squared differences over the output neurons: "
                f"{spoken_number(c)}.", f"C0 = sum over j of (a_j - y_j)^2 = {format_number(c)}")


def indexed_weight(j: int, k: int) -> Line:
    return Line(f"The weight w j k joins neuron k to neuron j. The yellow one, j {j}, k {k}, is the "
                "weight this example's cost is most sensitive to.",
                f"w_jk joins k to j; yellow: j = {j}, k = {k}, the most sensitive")


def indexed_rule() -> Line:
    return Line("The chain rule looks just the same with indices: the previous activation, times the "
                "sigmoid's slope, times two a minus y.", "dC0/dw_jk = a_k sigma'(z_j) 2(a_j - y_j)")


def indexed_check(value: float) -> Line:
    return Line(f"{spoken_number(value, significant=4)}, and the finite difference agrees.",
                f"dC0/dw_jk = {format_number(value, significant=4)}, checked")


def paths_to_cost(k: int, n_next: int) -> Line:
    return Line(f"But a neuron of layer L minus one, here k {k}, reaches the cost along "
                f"{spoken_count(n_next)} paths, one through every neuron of the next layer.",
                f"a_k^(L-1) reaches C0 along {format_count(n_next)} paths")


def sum_rule() -> Line:
    return Line("So its derivative is a sum over j: one chain-rule product per path.",
                "dC0/da_k = sum over j of w_jk sigma'(z_j) 2(a_j - y_j)")


def sum_terms() -> Line:
    return Line("Each term with its real factors: the weight, the slope of the sigmoid, and two a minus y.",
                "One product per path")


def sum_check(value: float) -> Line:
    return Line(f"They add up to {spoken_number(value, significant=4)}, and nudging the activation itself "
                "agrees.", f"Sum: {format_number(value, significant=4)}, checked by a finite difference")


def real_network(sizes: Sequence[int], label: int, guess: int) -> Line:
    return Line(f"Now the real trained network, {_spoken_symbol(sizes)}, on the test digit it got wrong: the "
                f"{label} it reads as a {guess}.",
                f"The trained {'-'.join(str(n) for n in sizes)} network, on the {label} it reads as a {guess}")


def check_columns(per_layer: int) -> Line:
    return Line(f"{spoken_count(per_layer)} weights of every layer, picked at random. For each: the "
                "chain-rule product, backprop's entry, and a finite difference of the real cost.",
                f"{format_count(per_layer)} random weights per layer: chain rule, backprop, finite difference")


def check_rows(back: int, first: bool, largest: float, ratio: int) -> Line:
    """``back``: layers between the largest derivative's weight and the output (0: the last layer)."""
    spoken_layer = "L" if back == 0 else f"L minus {back}"
    shown_layer = "L" if back == 0 else f"L-{back}"
    where = ", the farthest from the output" if first and back > 0 else ""
    return Line(f"Their sizes differ a lot: the largest, {spoken_number(largest, significant=3)}, is on a weight "
                f"of layer {spoken_layer}{where}, about {spoken_count(ratio)} times the smallest.",
                f"Largest: {format_number(largest, significant=3)}, in layer {shown_layer}; "
                f"about {format_count(ratio)} times the smallest")


def check_agree(error: float) -> Line:
    return Line(f"And the three agree: the largest relative error is "
                f"{spoken_number(error, significant=2)}, less than one part in a million.",
                f"Largest relative error: {format_number(error, significant=2)}")


# ----------------------------------------------------------------------------- 7. Recap

def pretty_much_it() -> Line:
    return Line("That's pretty much it. A weight's derivative is the activation feeding it, times the "
                "sigmoid's slope, times the cost's sensitivity to the neuron it feeds.",
                "dC0/dw_jk = a_k sigma'(z_j) dC0/da_j")


def from_next_layer() -> Line:
    return Line("That sensitivity comes from the layer after: a sum over the neurons it feeds.",
                "dC0/da_k = sum over j of w_jk sigma'(z_j) dC0/da_j")


def output_start() -> Line:
    return Line("At the output it starts as two times a minus y. Layer by layer, backwards: "
                "backpropagation.", "At the output: 2(a_j - y_j)")


def average_all() -> Line:
    return Line("Average over the training examples, and you have the gradient that gradient descent "
                "follows.", "Average over examples: the gradient")


def real_weight(j: int, k: int) -> Line:
    return Line(f"One real weight of the trained network, in layer L minus one, from neuron {k} to neuron "
                f"{j}: the one this digit's cost is most sensitive to.",
                f"w_({j},{k}) in layer L-1: the most sensitive")


def three_factors(factors: Sequence[float]) -> Line:
    a, s, d = (spoken_number(f, significant=3) for f in factors)
    return Line(f"The chain rule splits it into three factors: {a}, {s}, and {d}.",
                "Three factors: a_k, sigma'(z_j), dC0/da_j")


def sum_of_terms(n_out: int) -> Line:
    return Line(f"The last factor is itself a sum of {spoken_count(n_out)} terms, one per output neuron: the "
                "weight to it, its sigmoid's slope, and two a minus y for this digit.",
                f"dC0/da_j: {format_count(n_out)} terms, one per output")


def dominant_terms(top_two: Sequence[int], label: int, guess: int) -> Line:
    i, j = sorted(top_two)
    if sorted(top_two) == sorted([label, guess]):
        return Line(f"Two terms dominate, outputs {i} and {j}: the true digit {label}, which should light "
                    f"up, and the wrong answer {guess}, which should dim.",
                    f"Largest terms: {i} and {j} (true {label}, answer {guess})")
    return Line(f"Two terms dominate, outputs {i} and {j}, where the error and the slope are largest.",
                f"Largest terms: outputs {i} and {j}")


def tree_product(total: float, product: float) -> Line:
    return Line(f"The terms add up to {spoken_number(total, significant=3)}, and the three factors multiply "
                f"to the weight's derivative, {spoken_number(product, significant=3)}: backpropagation, "
                "read as a tree.", f"Sum {format_number(total, significant=3)}; product "
                f"{format_number(product, significant=3)}")
