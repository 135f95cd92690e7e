"""Lines of segments 1-4: the plan, the recap, learning from training digits, the cost."""
from __future__ import annotations

from scenes.common.formatting import (format_count, format_number, format_percent, spoken_count, spoken_number,
                                      spoken_percent)
from scenes.common.narration import Line


# ----------------------------------------------------------------------------- introduction

def welcome() -> Line:
    return Line("Last time we saw what a neural network is. This time: how it learns.",
                "This chapter: how a neural network learns")


def plan() -> Line:
    return Line("Here's the plan. A quick recap, then gradient descent, the idea behind all of this learning. "
                "Then a close look at what this network actually learned, where to learn more, and a research "
                "corner.", "The plan: recap, gradient descent, this network up close, more, research")


def research_instead() -> Line:
    return Line("The original video ends with an interview. In its place, we rerun the experiment that "
                "interview was about.", "Research corner: the interview's experiment, rerun")


# ----------------------------------------------------------------------------- recap

def recap_pixels(pixels: int, drawn: int) -> Line:
    return Line(f"A quick recap. A digit goes in as {spoken_count(pixels)} pixel values. Of those input "
                f"neurons we draw the {spoken_count(drawn)} with the strongest weights.",
                f"Recap: {format_count(pixels)} pixel values in ({format_count(drawn)} drawn)")


def each_layer() -> Line:
    return Line("Each layer is a weighted sum of the layer before, plus a bias, squished by a sigmoid.",
                "Each layer: σ(weighted sum + bias)")


def answer(prediction: int) -> Line:
    return Line(f"The brightest output is the network's answer: {spoken_count(prediction)}.",
                f"The brightest output is its answer: {format_count(prediction)}")


def parameters(n: int) -> Line:
    return Line(f"All of it hangs on {spoken_count(n)} weights and biases. Learning means finding good ones.",
                f"{format_count(n)} weights and biases; learning = finding good ones")


# ----------------------------------------------------------------------------- using training data

def fresh_network() -> Line:
    return Line("Here is learning, for real. We start from a fresh network whose weights are random, drawn from "
                "a fixed seed, and show it training digits one at a time.",
                "A fresh network, seeded random weights, meets training digits")


def forward_pass() -> Line:
    return Line("The first digit goes in and lights the network up. Its answer is nonsense.",
                "Forward pass: the answer is nonsense")


def gradient_sweep() -> Line:
    return Line("Backpropagation sweeps back through it. Blue edges are weights this digit wants stronger; "
                "orange ones, weaker.", "Backpropagation: blue = stronger, orange = weaker")


def small_step(n_train: int) -> Line:
    return Line(f"Every weight and bias takes a small step that way, and the mean cost over all "
                f"{spoken_count(n_train)} training images drops.",
                f"A small step: the mean cost over {format_count(n_train)} images drops")


def next_digits() -> Line:
    return Line("Then the next digit, and the next: forward, back, step. Watch the cost on the right.",
                "Next digit: forward, back, step")


def cost_jumps() -> Line:
    return Line("Each step serves only the digit it just saw, so the cost jumps around. But the trend is down.",
                "Each step serves one digit: the cost jumps, the trend is down")


def cost_fell(digits: int, before: float, after: float) -> Line:
    return Line(f"After {spoken_count(digits)} digits, the mean cost fell from {spoken_number(before)} to "
                f"{spoken_number(after)}.", f"{format_count(digits)} digits: cost {format_number(before)} → "
                f"{format_number(after)}")


def outputs_pushed_down(mean_output: float, accuracy: float) -> Line:
    return Line(f"Mostly by pushing every output down, to {spoken_number(mean_output)} on average. It gets only "
                f"{spoken_percent(accuracy, 0)} right so far.",
                f"Outputs pushed down (mean {format_number(mean_output)}); {format_percent(accuracy, 0)} right")


def labelled_examples(n_train: int) -> Line:
    return Line(f"To learn, a network needs examples with answers: {spoken_count(n_train)} training images, "
                "each labelled with its digit.", f"{format_count(n_train)} labelled training images")


def kept_aside(n_test: int) -> Line:
    return Line(f"Another {spoken_count(n_test)} are kept aside for testing. The network never trains on them.",
                f"{format_count(n_test)} test images, never trained on")


def test_answers(count: int, correct: int) -> Line:
    return Line(f"Here are the trained network's answers on these {spoken_count(count)}: {spoken_count(correct)} "
                "right. Only images it has never seen can tell whether it learned, or just memorised.",
                f"Trained network: {format_count(correct)} of {format_count(count)} right on unseen digits")


# ----------------------------------------------------------------------------- cost functions

def feed_a_digit(label: int, outputs: int) -> Line:
    return Line(f"So how do we tell a network it's bad? Feed the fresh one a training {spoken_count(label)}, and "
                f"read its {spoken_count(outputs)} outputs.",
                f"The fresh network on a training {format_count(label)}: its {format_count(outputs)} outputs")


def utter_trash() -> Line:
    return Line("Random weights give random answers: utter trash.", "Random weights: utter trash")


def wanted(one: int, zero: int) -> Line:
    return Line("What we wanted was one for the right digit, and zero for all the others.",
                f"Wanted: {format_count(one)} for the right digit, {format_count(zero)} for the rest")


def square_and_add(outputs: int) -> Line:
    return Line(f"The cost of this one example: take each output minus what it should be, square it, and add "
                f"up all {spoken_count(outputs)}.", "Cost of one example: square each difference, add them up")


def total_cost(total: float) -> Line:
    return Line(f"The total is {spoken_number(total)}. That's large, because the network is confidently wrong.",
                f"Total {format_number(total)}: large, confidently wrong")


def trained_cost(total: float) -> Line:
    return Line(f"The trained network on the same digit: a cost of just {spoken_number(total, significant=2)}.",
                f"Trained network, same digit: cost {format_number(total, significant=2)}")


def average_cost(n_train: int) -> Line:
    return Line(f"The cost of a network is the average of that over all {spoken_count(n_train)} training images.",
                f"C = the average over all {format_count(n_train)} training images")


def mean_costs(fresh: float, trained: float) -> Line:
    return Line(f"Computed, it is {spoken_number(fresh, 3)} for the fresh network, and "
                f"{spoken_number(trained, 3)} for the trained one.",
                f"C = {format_number(fresh, 3)} (fresh), {format_number(trained, 3)} (trained)")


def two_functions(pixels: int, outputs: int, parameters: int) -> Line:
    return Line(f"So the network is a function from {spoken_count(pixels)} pixels to {spoken_count(outputs)} "
                f"numbers. The cost is a function from its {spoken_count(parameters)} weights and biases to a "
                "single number.",
                f"Network: {format_count(pixels)} pixels → {format_count(outputs)} numbers. "
                f"Cost: {format_count(parameters)} parameters → one number")


def make_it_small() -> Line:
    return Line("Learning means finding the inputs that make that one number small.",
                "Learning: make that one number small")
