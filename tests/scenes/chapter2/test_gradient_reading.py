"""Sorting a gradient by magnitude and reading its entries in words."""
import numpy as np
import pytest

import nnmath as nm
from nnmath.parameters import parameter_name
from scenes.chapter2.measures.gradient_reading import (Thresholds, extreme_weights, magnitude_thresholds,
                                                        nudge_words, rank_by_magnitude)


def test_ranking_sorts_all_entries_by_magnitude():
    g = np.random.default_rng(0).normal(size=500)
    ranked = rank_by_magnitude(g)
    assert sorted(ranked.order.tolist()) == list(range(500))
    assert np.all(np.diff(ranked.magnitudes) <= 0)
    np.testing.assert_array_equal(ranked.values, g[ranked.order])


def test_ranking_a_subset_and_ties_keep_flat_order():
    g = np.array([1.0, -2.0, 2.0, 0.5, -1.0])
    assert rank_by_magnitude(g).order.tolist() == [1, 2, 0, 4, 3]
    assert rank_by_magnitude(g, among=[3, 4, 0]).order.tolist() == [4, 0, 3]


def test_thresholds_split_the_entries_in_thirds():
    g = np.random.default_rng(1).normal(size=3000)
    t = magnitude_thresholds(g)
    low, high = t.low, t.high
    mags = np.abs(g)
    assert np.mean(mags < low) == pytest.approx(1 / 3, abs=0.01)
    assert np.mean(mags >= high) == pytest.approx(1 / 3, abs=0.01)


@pytest.mark.parametrize("entry, words", [
    (0.05, "should increase a little"), (-0.3, "should decrease somewhat"),
    (2.0, "should increase a lot"), (-0.1, "should decrease somewhat"),
])
def test_words(entry, words):
    assert nudge_words(entry, Thresholds(0.1, 0.5)) == words


def test_extreme_weights_of_the_output_layer_match_a_search():
    net = nm.Network.random([784, 16, 16, 10], seed=0)
    x = np.random.default_rng(0).random(784)
    g = nm.backprop(net, x, 3)
    most, least = extreme_weights(net, g.flat(), -1)
    w = np.abs(g.nabla_w[-1])
    j, k = np.unravel_index(np.argmax(w), w.shape)
    name = parameter_name(net, most)
    assert (name.kind, name.layer, name.j, name.k) == ("w", 2, j, k)
    j, k = np.unravel_index(np.argmin(w), w.shape)
    name = parameter_name(net, least)
    assert (name.kind, name.layer, name.j, name.k) == ("w", 2, j, k)


def test_bad_input_is_refused():
    net = nm.Network.random([4, 3, 2], seed=0)
    with pytest.raises(ValueError, match="flat"):
        rank_by_magnitude(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="outside"):
        rank_by_magnitude(np.zeros(3), among=[5])
    with pytest.raises(ValueError, match="expected"):
        extreme_weights(net, np.zeros(5), -1)
    with pytest.raises(ValueError, match="quantiles"):
        magnitude_thresholds(np.ones(4), (0.7, 0.2))
