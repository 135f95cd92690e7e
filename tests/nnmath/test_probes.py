"""Probes of a network: counter, weight pictures, noise, per-neuron favourites."""
import numpy as np
import pytest

import nnmath as nm
from nnmath.analysis import top_exciting
from nnmath.probes import noise_image, running_correct, top_exciting_per_neuron, weight_images


def test_running_correct_counts_like_a_loop():
    rng = np.random.default_rng(0)
    p, y = rng.integers(0, 10, 300), rng.integers(0, 10, 300)
    counts = running_correct(p, y)
    total = 0
    for i in range(300):
        total += int(p[i] == y[i])
        assert counts[i] == total
    with pytest.raises(ValueError):
        running_correct(p, y[:-1])


def test_weight_images_are_rows_scaled_by_their_peak():
    net = nm.Network.random([784, 16, 10], seed=0)
    pics = weight_images(net)
    assert pics.shape == (16, 28, 28)
    np.testing.assert_allclose(np.abs(pics).reshape(16, -1).max(axis=1), 1.0)
    np.testing.assert_allclose(pics[3].ravel() * np.abs(net.weights[0][3]).max(), net.weights[0][3])
    with pytest.raises(ValueError, match="784"):
        weight_images(nm.Network.random([5, 2], seed=0))


def test_noise_is_seeded_and_in_range():
    a, b = noise_image(4), noise_image(4)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (784,) and a.min() >= 0 and a.max() < 1
    assert not np.array_equal(a, noise_image(5))


def test_top_exciting_per_neuron_matches_the_single_neuron_search():
    net = nm.Network.random([20, 6, 3], seed=1)
    images = np.random.default_rng(2).random((50, 20))
    top = top_exciting_per_neuron(net, images, layer=1, k=4)
    assert top.indices.shape == (6, 4)
    for j in range(6):
        idx, acts = top_exciting(net, images, 1, j, 4)
        np.testing.assert_array_equal(top.indices[j], idx)
        np.testing.assert_allclose(top.activations[j], acts)
    with pytest.raises(ValueError, match="k="):
        top_exciting_per_neuron(net, images, 1, 51)
