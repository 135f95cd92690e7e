"""Chapter 1's script: no typed figures, and every claim a line makes about the numbers is true.

These tests need no render: they call the script's functions with the chapter's
numbers (``scenes.chapter1.data``, nnmath) and check the numbers behind each
claim. What the rendered scenes say is checked in ``test_chapter1.py``.
"""
from __future__ import annotations

import importlib

import numpy as np
import pytest

from nnmath import feedforward, sigmoid
from scenes.chapter1 import data as ch1
from scenes.chapter1.measures import parameter_tally
from scenes.chapter1.script import closing, neurons, weights, why_layers
from scenes.common import data
from scenes.common.measures import shown_input_pixels
from scenes.common.narration import typed_figures

MODULES = ["introduction", "neurons", "why_layers", "weights", "notation", "closing"]
#: Typed figures that are facts of the encoding or of naming, not results: "0 = black, 1 = white",
#: "[0, 1]", "max(0, a)", "layer 1".
ALLOWED = ("0", "1")

pytestmark = [pytest.mark.mnist]


@pytest.mark.parametrize("name", MODULES)
def test_no_figure_is_typed_into_the_script(name):
    module = importlib.import_module(f"scenes.chapter1.script.{name}")
    assert typed_figures(module, allow=ALLOWED) == []


def test_the_bias_beat_shows_an_effect():
    """'both land on the flat top, near one'; 'the three drops'; 'a three puts some ink on the bar too, but less'."""
    d = ch1.bar_detector()
    seven, three = d.response.weighted_sum, d.rival_response.weighted_sum
    assert 0 < three < seven
    assert sigmoid(np.array(seven)) > 0.99 and sigmoid(np.array(three)) > 0.99  # no bias: both near 1
    assert d.biased.activation > 0.99  # with the bias the seven still fires...
    assert d.rival_biased.activation < 0.05  # ...and the three does not
    assert "0.03" in weights.bias_result(d.biased.z, d.biased.activation, d.rival_biased.activation).say


def test_the_brightest_output_beats_the_runner_up_clearly():
    """'the next brightest ... is at only ...'."""
    out = feedforward(data.network(), data.image_map()[9][0]).output
    first, second = np.sort(out)[::-1][:2]
    assert second < first / 2
    line = neurons.brightest_output(int(np.argmax(out)), float(first), int(np.argsort(-out)[1]), float(second))
    assert line.say.count(" only ") == 1


def test_the_zoomed_pixel_is_the_brightest():
    """'This one ... is one of the brightest'."""
    nine = data.image_map()[9][0]
    assert nine[int(np.argmax(nine))] == nine.max()


def test_drawn_input_pixels_carry_the_most_weight():
    """'the pixels whose links into the network carry the most weight'."""
    net = data.network()
    shown = shown_input_pixels(net)
    norms = np.linalg.norm(net.weights[0], axis=0)
    others = np.setdiff1d(np.arange(net.sizes[0]), shown)
    assert norms[shown].min() >= norms[others].max()


def test_selective_neurons_agree_as_said():
    """'all six of its favourites are threes' and 'they like chunks of one digit'."""
    k = 6
    selective = ch1.selective_neurons(k=k, count=3)
    test = data.split("test")
    for j in selective.neurons:
        label, agree = selective.favourite(int(j))
        labels = test.labels[:ch1.SEARCH_IMAGES][selective.top.indices_of(int(j))]
        assert agree == int(np.sum(labels == label)) == int(np.bincount(labels).max())
    agrees = [selective.favourite(int(j))[1] for j in selective.neurons]
    line = why_layers.whole_shapes(all(a == k for a in agrees))
    assert ("not to the little edges" in line.say) == all(a == k for a in agrees)
    spoken = why_layers.favourites([int(j) for j in selective.neurons],
                                   [selective.favourite(int(j))[0] for j in selective.neurons], agrees, k).say
    for j in selective.neurons:
        assert why_layers.DIGIT_NAMES[selective.favourite(int(j))[0]] in spoken


def test_the_tally_is_the_networks_parameter_count():
    net = data.network()
    tally = parameter_tally(net.sizes)
    assert tally.total == net.n_parameters == sum(w.size + b.size for w, b in zip(net.weights, net.biases))
    line = weights.total(tally.total_weights, tally.total_biases, tally.total)
    assert f"{net.n_parameters:,}" in line.say and f"{net.n_parameters:,}" in line.caption


def test_the_mistake_is_a_mistake_and_other_digits_are_read_as_said():
    mistake = ch1.first_mistake()
    assert mistake.prediction != mistake.truth
    for d, k in ((8, 7), (9, 4)):
        trace = feedforward(data.network(), data.image_map()[d][k])
        line = closing.other_digit(d, int(trace.prediction), 0.5)
        assert ("correctly" in line.say) == (int(trace.prediction) == d)


def test_counts_of_right_answers_are_evaluates():
    ev = data.evaluation("test", 0, 30)
    line = closing.thirty(30, ev.correct)
    assert f"{ev.correct} right" in line.say
    assert ("mistake" in line.say) == (ev.correct < 30)
