"""Chapter 2's script: no figure typed into a line, and every claim a line makes checked against the numbers.

The numbers are the chapter's own (``scenes.chapter2.data``, cached) or recomputed with nnmath
where that is cheap; the scene tests (test_chapter2.py) check that the scenes show these numbers.
"""
from __future__ import annotations

import numpy as np
import pytest

import nnmath as nm
from nnmath import BOWL_2D, BUMPY_1D
from nnmath.parameters import parameter_name
from scenes.chapter2 import data as d
from scenes.chapter2 import script
from scenes.chapter2.script.chance import chance_words
from scenes.common import data
from scenes.common.narration import Line, typed_figures

pytestmark = pytest.mark.mnist


@pytest.mark.parametrize("module", script.MODULES, ids=[m.__name__.rsplit(".", 1)[-1] for m in script.MODULES])
def test_no_figure_is_typed_into_a_line(module):
    assert typed_figures(module) == []


def test_every_line_function_returns_a_line_with_words_and_a_caption():
    line = script.descent.film_result(0.0726, 0.8815, 10)
    assert isinstance(line, Line) and line.say and line.caption
    assert "96.2 percent" in script.analysis.full_test(10_000, 0.9616, 13_002).say  # spoken_percent, not "96.16%"


# ----------------------------------------------------------------------------- chance


@pytest.mark.parametrize("accuracy, words", [(0.0726, "below chance"), (0.095, "about chance"), (0.105, "about chance"),
                                             (0.1202, "a little above chance"), (0.79, "above chance")])
def test_chance_words_compare_with_one_in_ten(accuracy, words):
    assert chance_words(accuracy, 10) == words


def test_the_films_start_is_said_to_be_below_chance_because_it_is():
    film = d.film()
    first = float(film.test_accuracy[0])
    assert first < 1 / 10
    assert "below chance" in script.descent.film_result(first, float(film.test_accuracy[-1]), 10).say
    assert d.FILM_EPOCHS == 1  # "in one pass over the data"


def test_shuffled_labels_score_what_the_line_says_about_chance():
    memo = d.memorisation()
    fake = float(memo.shuffled.test_accuracy[-1])
    line = script.research.test_accuracy(10_000, float(memo.true.test_accuracy[-1]), fake, 10)
    assert chance_words(fake, 10) in line.say and abs(fake - 0.1) < 0.05
    assert abs(memo.agreement - 0.1) < 0.05  # "only ... still match, by chance"


# ----------------------------------------------------------------------------- opening


def test_online_cost_jumps_but_trends_down_and_outputs_are_pushed_down():
    costs = d.online_run().reference_costs
    assert np.any(np.diff(costs) > 0), "the cost jumps around"
    assert costs[-1] < costs[0] / 2, "the trend is down"
    after = d.online_after()
    x = data.split("train").images
    before = float(np.mean(nm.feedforward(d.fresh(), x).output))
    assert after.mean_output < 0.1 < before, "mostly by pushing every output down"
    assert after.accuracy < 0.2, "only ... right so far"


def test_the_fresh_network_is_utter_trash_and_confidently_wrong_on_the_cost_digit():
    index = d.cost_digit_index()
    label = data.label("train", index)
    out = nm.feedforward(d.fresh(), data.digit("train", index)).output
    assert int(np.argmax(out)) != label
    assert np.max(np.delete(out, label)) > 0.9
    fresh, trained = d.cost_breakdown(d.fresh()), d.cost_breakdown(d.trained())
    assert trained.total < fresh.total / 100  # "a cost of just"
    assert d.mean_costs().trained < d.mean_costs().fresh / 10


# ----------------------------------------------------------------------------- gradient descent


def test_balls_end_in_several_valleys_not_all_the_lowest():
    ends = np.array([p[-1] for p in d.toy_paths()[1:]])
    valleys = np.unique(np.round(ends, 3))
    assert len(valleys) >= 2
    heights = BUMPY_1D(valleys[:, None])
    assert heights.max() > heights.min() + 1e-3  # "not necessarily the lowest"


def test_one_weight_descent_falls_with_shrinking_steps():
    s = d.slice_1d()
    assert np.all(np.diff(s.path_costs) < 0)
    assert np.all(np.diff(np.abs(np.diff(s.path))) < 0)


def test_two_weight_map_is_flat_where_neurons_saturate():
    costs = d.slice_2d().costs
    gy, gx = np.gradient(costs)
    slope = np.hypot(gx, gy)
    assert np.mean(slope < 0.02 * slope.max()) > 0.25  # "the cost goes flat" over a good part of it


def test_recap_steps_each_go_downhill():
    assert np.all(np.diff(d.recap_run().costs) < 0)


# ----------------------------------------------------------------------------- gradient vectors


def test_entries_span_more_than_the_powers_of_ten_said():
    mags = np.abs(d.full_gradient())
    nonzero = mags[mags > 0]
    powers = int(np.floor(np.log10(nonzero.max() / nonzero.min())))
    assert nonzero.max() / nonzero.min() > 10.0 ** powers and powers >= 10


def test_the_three_largest_entries_are_in_the_output_layer():
    net, g = d.fresh(), d.full_gradient()
    top = np.argsort(-np.abs(g), kind="stable")[:3]
    assert {parameter_name(net, int(i)).layer for i in top} == {len(net.weights) - 1}


def test_exact_zeros_are_weights_from_pixels_blank_in_every_training_image():
    net, g = d.fresh(), d.full_gradient()
    zeros = np.flatnonzero(g == 0.0)
    assert len(zeros) == d.zero_gradient_entries() > 0
    blank = np.flatnonzero(data.split("train").images.max(axis=0) == 0)
    names = [parameter_name(net, int(i)) for i in zeros]
    assert all(n.layer == 0 and n.k is not None for n in names)
    assert {int(n.k) for n in names} == set(blank.tolist())
    assert len(zeros) == len(blank) * net.sizes[1]


def test_the_bowls_minimum_and_gradient_are_what_the_lines_say():
    p = np.array([1.0, 1.0])
    g = BOWL_2D.gradient(p)
    assert g.tolist() == [3.0, 1.0] and g[0] / g[1] == 3.0  # "x matters 3 times as much as y"
    towards = np.zeros(2) - p
    assert np.dot(-g, towards) > 0  # minus the gradient heads toward the minimum...
    assert abs(-g[0] * towards[1] + g[1] * towards[0]) > 1e-6  # ...though not straight at it
    axis = np.linspace(-2, 2, 81)
    uu, vv = np.meshgrid(axis, axis)
    values = BOWL_2D(np.stack([uu, vv], axis=-1))
    r, c = np.unravel_index(np.argmin(values), values.shape)
    assert (axis[c], axis[r]) == (0.0, 0.0)


# ----------------------------------------------------------------------------- analysis and research


def test_noise_answer_is_unsure_so_the_line_does_not_say_sure():
    out = d.noise_answer().outputs
    line = script.analysis.noise_guess(int(np.argmax(out)), float(out.max()), int(np.argsort(out)[-2]),
                                       float(np.sort(out)[-2]))
    assert ("sure of it" in line.say) == (out.max() > 0.5)


def test_some_neurons_favour_one_digit_and_others_do_not():
    favourites = d.favourite_test_digits()
    labels = data.split("test").labels
    kinds = [len(set(labels[favourites.indices_of(int(j))])) for j in favourites.neurons]
    assert 1 in kinds and any(k > 1 for k in kinds)


def test_kernel_is_minus_one_on_top_and_plus_one_below():
    k = d.convolution().kernel
    half = k.shape[0] // 2
    assert np.all(k[:half] == -1) and np.all(k[half:] == 1)


def test_true_labels_drop_the_cost_at_once_shuffled_creep_both_climb():
    memo = d.memorisation()
    true, fake = memo.true.train_cost, memo.shuffled.train_cost
    assert true[9] < true[0] / 2 and fake[9] > 0.8 * fake[0]
    assert fake[-1] < fake[0]
    for run in (memo.true, memo.shuffled):
        assert run.train_accuracy[-1] > run.train_accuracy[0] + 0.3
    assert memo.true.test_accuracy[-1] > memo.shuffled.test_accuracy[-1]
