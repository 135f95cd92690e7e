"""Chapter 3's script: what the narrator says in every beat, and the caption shown meanwhile.

Each function returns one :class:`~scenes.common.narration.Line` formatted from
values the scene computes, never a typed figure (``tests/scenes/chapter3/test_script.py``
runs :func:`~scenes.common.narration.typed_figures` over this module and checks
every claim a line makes about the numbers against them). The voice says
symbols as words; the caption may be shorter. The one figures allowed as typed
are the one-hot target's 0 and 1 (a fact of the encoding, not a result).
"""
from __future__ import annotations

from collections.abc import Sequence

from scenes.common.formatting import (format_count, format_number, format_percent, spoken_count, spoken_number,
                                      spoken_percent)
from scenes.common.narration import Line

#: The quadratic cost's exponent: the derivative of (a - y)^2 is SQUARE (a - y).
SQUARE = 2


def _listed(items: Sequence[int]) -> str:
    words = [spoken_count(i) for i in items]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def _g(value: float) -> str:
    """A set parameter (learning rate, nudge) as typed in data.py: ``3``, ``0.1``."""
    return f"{value:g}"


# ----------------------------------------------------------------------------- 1. Introduction

def title() -> Line:
    return Line("What is backpropagation really doing? It's the algorithm behind how neural networks learn.",
                "What is backpropagation really doing?")


def plan() -> Line:
    return Line("Here's the plan: a quick recap, then an intuitive walkthrough on a real digit, with no formulas, "
                "then a faster way down the hill. The calculus comes next chapter.",
                "Recap, walkthrough, a faster descent; the calculus next chapter")


def untrained(seed: int, label: int) -> Line:
    return Line(f"Our network isn't trained yet: its weights are seeded random numbers, seed {spoken_count(seed)}. "
                f"Here it reads a training {label}. Blue edges are positive weights, red ones negative.",
                f"Untrained: seeded random weights (seed {seed}), lit by a training {label}")


def sweep() -> Line:
    return Line("Backpropagation starts at the output and works backwards. Blue marks the weights this one digit "
                "wants to increase; orange, the ones it wants to decrease.",
                "Backwards from the output: blue, increase; orange, decrease")


# ----------------------------------------------------------------------------- 2. Recap

def parameters(n: int) -> Line:
    return Line(f"Quick recap. Our network has {spoken_count(n)} weights and biases, and right now they're random.",
                f"{format_count(n)} weights and biases, random for now")


def cost(n: int, images: int, c0: float) -> Line:
    return Line(f"The cost is one function of all {spoken_count(n)} of them. Here it's the average cost over the "
                f"first {spoken_count(images)} training images: {spoken_number(c0)}.",
                f"The cost over the first {format_count(images)} training images: {format_number(c0)}")


def descend(eta: float) -> Line:
    return Line(f"Gradient descent: compute the gradient, take a step downhill, with learning rate {_g(eta)}, "
                "and repeat. Every step nudges every weight a little.",
                f"Gradient descent, learning rate {_g(eta)}: every step nudges every edge")


def fall(steps: int, c0: float, c_end: float, early: int, early_share: float) -> Line:
    return Line(f"After {spoken_count(steps)} steps the cost is down from {spoken_number(c0)} to "
                f"{spoken_number(c_end)}, and {spoken_percent(early_share, 0)} of that drop came in the first "
                f"{spoken_count(early)} steps.",
                f"{format_number(c0)} to {format_number(c_end)}; {format_percent(early_share, 0)} of the drop "
                f"in the first {early} steps")


def direction(n: int, shown: int) -> Line:
    return Line(f"That first step went along minus the gradient: a direction in {spoken_count(n)} dimensions, "
                f"one entry for every weight and bias. Here are {spoken_count(shown)} of them.",
                f"-∇C: {format_count(n)} entries, {shown} shown")


def sign_and_size() -> Line:
    return Line("The sign of each entry says whether that parameter should go up or down. Its size says how "
                "much the cost cares.", "Sign: up or down. Size: how much the cost cares")


def blank_pixel(pixel: int, entry: float) -> Line:
    return Line(f"This weight comes from pixel {spoken_count(pixel)}, which is blank in every training image. "
                f"The cost doesn't care about it at all: its entry is {spoken_number(entry)}.",
                f"Pixel {pixel} is blank in every image: entry {format_number(entry)}")


def two_weights() -> Line:
    return Line("Take two weights of the last layer, in yellow and teal. How much does the cost care about each?",
                "Two weights of the last layer: how much does the cost care?")


def two_entries(images: int, ratio: float) -> Line:
    return Line(f"Their entries in the gradient, over the first {spoken_count(images)} training images. One is "
                f"about {spoken_count(round(ratio))} times the other.",
                f"Their gradient entries: about {round(ratio)} times apart")


def measure(h: float) -> Line:
    return Line(f"Don't just trust the formula. Nudge each weight by {_g(h)}, run all the images through again, "
                "and measure the cost.", f"Nudge each by {_g(h)} and measure the cost")


def _moves(change: float) -> str:
    return "raises" if change > 0 else "lowers"


def nudged_big(change: float) -> Line:
    return Line(f"Nudging the yellow weight {_moves(change)} the cost by {spoken_number(abs(change), significant=2)}.",
                f"Yellow: the cost {_moves(change)} by {format_number(abs(change), significant=3)}")


def nudged_small(change: float) -> Line:
    return Line(f"The same nudge to the teal weight {_moves(change)} it by only "
                f"{spoken_number(abs(change), significant=2)}.",
                f"Teal: only {format_number(abs(change), significant=3)}")


def sensitivity(measured: float, predicted: float, h: float) -> Line:
    return Line(f"So the cost is {spoken_number(measured, 1)} times more sensitive to the yellow weight. The gradient "
                f"said {spoken_number(predicted, 1)}: a nudge of {_g(h)} is small, but not infinitely small.",
                f"Measured: {format_number(measured, 1)} times; the gradient said {format_number(predicted, 1)}")


def bang_for_buck() -> Line:
    return Line("So the gradient tells us which nudges, to which weights, give the most bang for the buck. "
                "Backpropagation is how we compute it.", "The gradient: the most bang for the buck")


# ----------------------------------------------------------------------------- 3. Walkthrough

def real_two(label: int, index: int) -> Line:
    return Line(f"Let's follow one real training image, a {label}, training image number {spoken_count(index)}, "
                "through the still untrained network.",
                f"Training image {index}, a {label}, into the untrained network")


def forward() -> Line:
    return Line("Its pixels flow forward, layer by layer. With random weights, the output is a mess.",
                "Forward, layer by layer: with random weights, a mess")


def outputs(n_out: int, label: int) -> Line:
    return Line(f"Here are its {spoken_count(n_out)} outputs. We want one for the {label}, and zero for every "
                "other digit.", f"We want 1 for the {label}, 0 for the rest")


def desired() -> Line:
    return Line("That's the desired output, y.", "The desired output y")


def wishes(label: int) -> Line:
    return Line(f"Each output wants to move: up for the {label}, down for the others. The arrow's length is "
                f"{spoken_count(SQUARE)} times y minus a: how far the output is from where we want it.",
                f"Each output's wish: {SQUARE}(y - a)")


def strongest(label: int, a_label: float, far: int, a_far: float) -> Line:
    return Line(f"The {label} is at {spoken_number(a_label)} and should rise. The {far} is at "
                f"{spoken_number(a_far)} when it should be zero: its wish is the strongest.",
                f"The {far}: {format_number(a_far)}, the strongest wish")


def last_layer() -> Line:
    return Line("These wishes are what the last layer should change. The question is how to get there.",
                "What the last layer should change, and how")


def zoom(label: int, n_prev: int) -> Line:
    return Line(f"Zoom in on the {label}'s neuron and the {spoken_count(n_prev)} neurons of the layer before it, "
                "with their real activations for this image.",
                f"The {label}'s neuron and the {n_prev} before it")


def weighted_sum() -> Line:
    return Line("Its activation is a weighted sum of theirs, plus a bias, all squished by the sigmoid.",
                "A weighted sum, plus a bias, squished by σ")


def lever_bias(levers: int, change: float) -> Line:
    return Line(f"There are {spoken_count(levers)} ways to raise it. First, increase its bias: this example asks "
                f"for a change of {spoken_number(change, significant=2)}.",
                f"First: increase b, by {format_number(change, significant=3)}")


def lever_weights(bright: Sequence[int]) -> Line:
    return Line("Second, change its weights. The edges from the brightest neurons matter most: here, neurons "
                f"{_listed(bright)}.", "Second: increase w_k in proportion to a_k")


def hebb() -> Line:
    return Line("Each weight should change in proportion to the activation feeding it. Neurons that fire "
                "together wire together.", "Neurons that fire together wire together")


def lever_activations() -> Line:
    return Line("Third, change the activations of the layer before: up where the weight is positive, down where "
                "it's negative, and more where the weight is larger.",
                "Third: change a_k in proportion to w_k")


def seed_of_backprop() -> Line:
    return Line("We can't set those activations directly. But this list of wishes is the seed of "
                "backpropagation.", "These wishes: the seed of backpropagation")


def whole_network(label: int, hidden_layers: int, hidden: int, n_out: int) -> Line:
    return Line(f"The same {label}, now the whole network after the input: {spoken_count(hidden_layers)} hidden "
                f"layers of {spoken_count(hidden)}, and the {spoken_count(n_out)} outputs with their wishes.",
                f"{hidden_layers} hidden layers of {hidden}, {n_out} outputs and their wishes")


def wishes_of_label(label: int) -> Line:
    return Line(f"The {label}'s wishes for the layer before, from the last scene.",
                f"The {label}'s wishes for the layer before")


def wishes_of_other(other: int) -> Line:
    return Line(f"But every output has wishes for that layer. The {other} pulls hardest of the others, and often "
                "the other way.", f"The {other}'s wishes: the strongest of the others")


def sum_wishes(n_out: int) -> Line:
    return Line(f"Add up the wishes of all {spoken_count(n_out)} outputs: that gives one nudge for each neuron of "
                "this layer.", f"The {n_out} outputs' wishes, added up")


def backwards() -> Line:
    return Line("Now do the same thing one layer further back: these summed wishes become the targets for the "
                "layer before.", "Propagate backwards")


def the_name() -> Line:
    return Line("The layer before gets its own summed wishes. That backwards flow is where the name comes from.",
                "Backwards: where the name comes from")


def every_parameter() -> Line:
    return Line("And each neuron's total wish sets the nudges to its own weights and bias. That's how one "
                "example asks for a change to every one of the network's parameters.",
                "One example: a nudge for every parameter")


def table(examples: int, rows: int, n: int) -> Line:
    return Line(f"One example asks for one set of nudges. Here are the first {spoken_count(examples)} training "
                f"images, and {spoken_count(rows)} of the {spoken_count(n)} parameters.",
                f"{examples} training images, {rows} of {format_count(n)} parameters")


def label_column(label: int) -> Line:
    return Line(f"The {label} from the walkthrough asks for these changes: minus the gradient of its own cost.",
                f"The {label}'s changes: minus the gradient of its cost")


def others_disagree(label: int, others: int, opposite: int) -> Line:
    return Line(f"Every other example asks for its own changes. Take the weight into the {label}'s output: the "
                f"{label} asks for an increase, and {spoken_count(opposite)} of the other {spoken_count(others)} "
                "ask for a decrease.",
                f"Into the {label}'s output: {opposite} of {others} others ask for a decrease")


def blank_row(pixel: int) -> Line:
    return Line(f"Pixel {spoken_count(pixel)} is blank in all of them, so no example asks its weight to move.",
                f"Pixel {pixel}: blank, so no change")


def average(examples: int) -> Line:
    return Line(f"Average each row: the nudge these {spoken_count(examples)} examples ask for together.",
                f"The average over {examples} examples")


def all_examples(n_train: int) -> Line:
    return Line(f"Averaged over all {spoken_count(n_train)} training images, these are the entries of minus the "
                "gradient of the cost.", f"All {format_count(n_train)} training images: -∇C")


def steps_along() -> Line:
    return Line("That average of everyone's nudges is what gradient descent steps along.",
                "Gradient descent steps along this average")


# ----------------------------------------------------------------------------- 4. Stochastic gradient descent

def true_gradient(images: int) -> Line:
    return Line("Computing the true gradient means backpropagating every training example, for every single "
                f"step. Here are the first {spoken_count(images)} training digits.",
                f"The true gradient: every example, every step. The first {images} digits")


def shuffle(seed: int, size: int) -> Line:
    return Line(f"Instead, shuffle them, with seed {spoken_count(seed)}, and cut them into mini-batches of "
                f"{spoken_count(size)}.", f"Shuffled (seed {seed}), mini-batches of {size}")


def start_cost(images: int, c: float) -> Line:
    return Line(f"The untrained network's average cost on these {spoken_count(images)} digits: {spoken_number(c, 3)}.",
                f"Cost on the {images}: {format_number(c, 3)}")


def batch_step(batch: int, before: float, after: float, eta: float) -> Line:
    if batch == 1:
        return Line(f"One gradient step from the first mini-batch alone, learning rate {_g(eta)}: the cost drops to "
                    f"{spoken_number(after, 3)}.", f"Mini-batch {batch}: one step, to {format_number(after, 3)}")
    if after < before:
        return Line(f"Mini-batch {spoken_count(batch)}: down to {spoken_number(after, 3)}.",
                    f"Mini-batch {batch}: {format_number(after, 3)}")
    return Line(f"Mini-batch {spoken_count(batch)}: this step raises the cost on these digits, to "
                f"{spoken_number(after, 3)}.", f"Mini-batch {batch}: up, to {format_number(after, 3)}")


def cheaper(batch: int, images: int) -> Line:
    return Line(f"Each step's gradient is rough, from {spoken_count(batch)} examples instead of "
                f"{spoken_count(images)}, but it costs {spoken_count(images // batch)} times less to compute, so "
                "the network takes many more steps for the same work.",
                f"{batch} examples, not {images}: a rough step, {images // batch} times cheaper")


def real_surface(images: int, n_train: int) -> Line:
    return Line(f"Here's the real cost of our network over the first {spoken_count(images)} training images, "
                f"fewer than all {spoken_count(n_train)}, to keep it quick, on a slice through parameter space.",
                f"The real cost over {format_count(images)} images, on a slice of parameter space")


def slice_plane(share: float) -> Line:
    return Line(f"The slice holds the start and the two directions both walks moved along most: "
                f"{spoken_percent(share, 0)} of their movement. Blue is low cost; yellow and red are high.",
                f"The slice: {format_percent(share, 0)} of the walks' movement")


def both_start() -> Line:
    return Line("Both walks start from the untrained network.", "Both start untrained")


def careful_hiker(images: int) -> Line:
    return Line(f"The careful hiker, in yellow, computes the true gradient over all {spoken_count(images)} images "
                "for every step.", f"The careful hiker: all {format_count(images)} images a step")


def drunk_man(batch: int) -> Line:
    return Line(f"The drunk man, in green, uses a mini-batch of {spoken_count(batch)}. He stumbles around, "
                "but he heads downhill too.", f"The drunk man: mini-batches of {batch}")


def end_costs(steps: int, hiker: float, drunk: float) -> Line:
    return Line(f"After {spoken_count(steps)} steps each, the hiker is at {spoken_number(hiker)}, and the drunk man "
                f"at {spoken_number(drunk)}. The balls ride on the slice, but the walks themselves leave it: these are "
                "their real costs.",
                f"After {steps} steps: {format_number(hiker)} and {format_number(drunk)}")


def work_ratio(higher: bool, ratio: float) -> Line:
    where = "a little higher" if higher else "even lower"
    return Line(f"The drunk man ends {where}, but each of his steps took {spoken_count(round(ratio))} times less "
                "work.", f"Each drunk step: {round(ratio)} times less work")


def stochastic() -> Line:
    return Line("That's stochastic gradient descent: many quick, noisy steps instead of a few careful ones.",
                "Stochastic gradient descent: many quick, noisy steps")


# ----------------------------------------------------------------------------- 5. Final words

def summary(ideas: int) -> Line:
    return Line(f"Let's sum up the {spoken_count(ideas)} ideas of this chapter.", "Summary")


def idea_cost(n: int) -> Line:
    return Line(f"The cost surface: one number for how bad the network is, over all {spoken_count(n)} parameters.",
                f"The cost: one number over {format_count(n)} parameters")


def idea_descent() -> Line:
    return Line("Gradient descent: step downhill along minus the gradient, here estimated from a few examples "
                "at a time.", "Step along minus the gradient")


def idea_batches(batch: int) -> Line:
    return Line(f"Mini-batches: shuffle the training data, and take one step per small batch, here of "
                f"{spoken_count(batch)}.", f"One step per mini-batch of {batch}")


def idea_backprop() -> Line:
    return Line("Backpropagation: each example's wishes, summed backwards layer by layer, then averaged over "
                "the examples.", "Backpropagation: wishes summed backwards, averaged")


def code(file: str) -> Line:
    spoken = file.replace(".", " dot ")
    return Line(f"And here is the backprop that computed every gradient in this chapter, read straight from "
                f"nnmath's {spoken}, a few lines at a time.", f"nnmath/{file}: every gradient of this chapter")


def code_forward(label: int) -> Line:
    return Line(f"First the forward pass: the {label}'s pixels run through the network.", "The forward pass")


def code_output() -> Line:
    return Line("Then the output layer's error: how far each output is from what we want.",
                "The output layer's error")


def code_loop(matrix: int, first: bool, last: bool) -> Line:
    if first:
        return Line(f"Then backwards, one layer at a time: the gradient for weight matrix {spoken_count(matrix)}, "
                    "then the wishes for the layer before.", f"Weight matrix {matrix}, then the layer before")
    if last:
        return Line(f"And weight matrix {spoken_count(matrix)}, the first. The loop ends with one example's full "
                    "gradient.", f"Weight matrix {matrix}: one example's full gradient")
    return Line(f"The same lines again, for weight matrix {spoken_count(matrix)}.", f"Weight matrix {matrix}")


def same_gradient() -> Line:
    return Line("These lines compute the gradient backpropagation gives. The series' trained network learned with "
                "a faster rewrite of the same training step, tested to give the same numbers.",
                "sgd's faster step: the same gradient, tested equal")


def next_chapter() -> Line:
    return Line("How each of these lines follows from calculus is the next chapter. Let's get to it.",
                "Next: the calculus")
