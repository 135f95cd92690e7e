"""Lines of segment 5, gradient descent: toy costs, real slices, the surface, the recipe, the film."""
from __future__ import annotations

from scenes.common.formatting import (format_count, format_number, format_percent, spoken_count, spoken_number,
                                      spoken_percent)
from scenes.chapter2.script.chance import chance_words
from scenes.common.narration import Line


def one_input(parameters: int) -> Line:
    return Line(f"{spoken_count(parameters)} inputs are hard to picture. So start with a made-up cost that has "
                "just one input, w.", f"{format_count(parameters)} inputs are hard to picture: a made-up C(w)")


def slope_says() -> Line:
    return Line("The slope tells you which way is downhill. Where it's positive, step left; where it's "
                "negative, step right.", "Slope positive: step left. Negative: step right")


def steps_shrink() -> Line:
    return Line("The steps shrink with the slope, and you settle into a valley.",
                "Steps shrink with the slope: you settle in a valley")


def local_minima(valleys: int) -> Line:
    return Line(f"Start somewhere else and you may land somewhere else: these balls end in "
                f"{spoken_count(valleys)} different valleys. Gradient descent finds a local minimum, not "
                "necessarily the lowest.", f"{format_count(valleys)} valleys: a local minimum, not the lowest")


def real_slice(n_train: int, others: int) -> Line:
    return Line(f"Now the real cost, averaged over all {spoken_count(n_train)} training images, as one weight of "
                f"the fresh network moves and the other {spoken_count(others)} stay put.",
                f"The real cost as one weight moves ({format_count(others)} fixed)")


def steepest_weight() -> Line:
    return Line("This weight is the one in the output layer that the gradient says matters most.",
                "The output weight the gradient ranks first")


def slope_is_gradient(value: float) -> Line:
    return Line(f"Right now it is {spoken_number(value)}. The slope of the curve there is this weight's entry "
                "in the gradient.", f"w = {format_number(value)}; the slope is its gradient entry")


def one_weight_steps(eta: float, final: float) -> Line:
    return Line(f"Each step moves it by {spoken_number(eta, 0)} times minus the slope. The cost falls to "
                f"{spoken_number(final, 3)}, and the steps shrink as the valley flattens.",
                f"Step: {format_number(eta, 0)} × (−slope). Cost → {format_number(final, 3)}; steps shrink")


def landscape() -> Line:
    return Line("With two inputs, the cost is a landscape. Here, a made-up one: dark is low, yellow is high.",
                "Two inputs: a landscape (made-up). Dark low, yellow high")


def gradient_arrows() -> Line:
    return Line("The gradient, in green, points uphill, the steepest way. Minus the gradient, in red, points "
                "downhill.", "∇C (green) points uphill; −∇C (red) downhill")


def step_and_repeat() -> Line:
    return Line("So take a small step that way, recompute the gradient, and repeat, down into a valley.",
                "Step, recompute, repeat: down into a valley")


def real_surface(n_images: int, parameters: int) -> Line:
    return Line(f"And here is the real thing: the cost of a network over {spoken_count(n_images)} training "
                f"images, on a plane through its {spoken_count(parameters)} dimensional parameter space.",
                f"The real cost ({format_count(n_images)} images) on a plane through "
                f"{format_count(parameters)} dimensions")


def surface_plane(share: float) -> Line:
    return Line(f"The plane follows the path training actually took: its two main directions hold "
                f"{spoken_percent(share, 0)} of the motion.",
                f"The plane of the real descent path ({format_percent(share, 0)} of its motion)")


def ball_rolls(steps: int) -> Line:
    return Line(f"The ball is gradient descent, rolling from a seeded random start, {spoken_count(steps)} real "
                "steps downhill.", f"The ball: {format_count(steps)} real steps from a seeded random start")


def surface_result(first: float, last: float) -> Line:
    return Line(f"The cost falls from {spoken_number(first)} to {spoken_number(last)}. Real training does this in "
                "every direction at once.", f"Cost {format_number(first)} → {format_number(last)}")


def two_weights() -> Line:
    return Line("Or slice it by hand: the real cost over the two output weights the gradient ranks highest.",
                "The real cost over the two steepest output weights")


def log_scale() -> Line:
    return Line("Dark is low, yellow is high, on a log scale so the shallow valley shows. Where the weights "
                "saturate a neuron, the cost goes flat.", "Dark low, yellow high (log scale); flat where neurons saturate")


def two_weight_descent(final: float, parameters: int) -> Line:
    return Line(f"Gradient descent on just these two weights goes down to {spoken_number(final, 3)}. Real training "
                f"does this in all {spoken_count(parameters)} directions at once.",
                f"Down to {format_number(final, 3)}; real training uses all {format_count(parameters)} directions")


def recipe() -> Line:
    return Line("So here's the recipe: compute the gradient, take a small step against it, and repeat.",
                "Compute ∇C, step along −∇C, repeat")


def one_column(parameters: int) -> Line:
    return Line(f"Put all {spoken_count(parameters)} weights and biases of the fresh network into one column, W.",
                f"All {format_count(parameters)} weights and biases: one column W")


def minus_gradient_column(n_train: int) -> Line:
    return Line(f"Minus the gradient is a column just as long. It says how to nudge each one, to lower the cost "
                f"over all {spoken_count(n_train)} training images.",
                f"−∇C: how to nudge each one (over {format_count(n_train)} images)")


def one_step() -> Line:
    return Line("Add a small multiple of it to W, and you have taken one step downhill.",
                "W ← W − η∇C: one step downhill")


def film(batch: int) -> Line:
    return Line(f"Here's the whole thing as a film: stochastic gradient descent from the same fresh network, "
                f"{spoken_count(batch)} training images per step.",
                f"SGD from the fresh network, {format_count(batch)} images per step")


def film_frames(n_test: int) -> Line:
    return Line(f"Every frame shows the real weights at that moment, scored on all {spoken_count(n_test)} test "
                "images.", f"Each frame: real weights, scored on {format_count(n_test)} test images")


def film_nudges() -> Line:
    return Line("The network knows nothing about digits, except through these nudges to its weights.",
                "It learns only through these nudges")


def film_result(first: float, last: float, classes: int) -> Line:
    words = chance_words(first, classes)
    return Line(f"In one pass over the data it goes from {spoken_percent(first)}, {words}, to "
                f"{spoken_percent(last)} right, on digits it has never seen.",
                f"One pass: {format_percent(first)} ({words}) → {format_percent(last)} on unseen digits")
