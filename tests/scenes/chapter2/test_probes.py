"""Probes of a network: counter, weight pictures, noise.

The per-neuron favourites are scenes.common.measures.top_exciting, tested in tests/scenes/common.
"""
import numpy as np
import pytest

import nnmath as nm
from scenes.chapter2.measures.probes import noise_image, running_correct, weight_images


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
