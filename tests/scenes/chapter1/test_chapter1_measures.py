"""scenes.chapter1.measures against independent references.

(``shown_input_pixels``, ``top_exciting`` and ``first_per_label`` moved to
scenes.common.measures; their tests are in tests/scenes/common/test_common_measures.py.)
"""
from __future__ import annotations

import numpy as np
import pytest

from nnmath import Network, evaluate, feedforward, sigmoid
from scenes.chapter1.measures import (digit_loops, edge_detector, first_mistake, ink_mask, interpolate_networks,
                                      masked, most_selective_neurons, neuron_response, parameter_tally,
                                      sobel_edges, split_by_angle)
from scenes.common.measures import top_exciting


@pytest.fixture(scope="module")
def net():
    return Network.random([784, 16, 16, 10], seed=2)


def test_sobel_matches_a_direct_convolution():
    rng = np.random.default_rng(1)
    image = rng.random((28, 28))
    e = sobel_edges(image.ravel())
    p = np.pad(image, 1)
    r, c = 10, 17
    gx = (p[r:r + 3, c + 2] * [1, 2, 1]).sum() - (p[r:r + 3, c] * [1, 2, 1]).sum()
    gy = (p[r + 2, c:c + 3] * [1, 2, 1]).sum() - (p[r, c:c + 3] * [1, 2, 1]).sum()
    assert e.gx[r, c] == pytest.approx(gx)
    assert e.gy[r, c] == pytest.approx(gy)
    assert e.magnitude[r, c] == pytest.approx(np.hypot(gx, gy))
    assert e.gx.shape == e.gy.shape == e.magnitude.shape == (28, 28)
    flat = sobel_edges(np.zeros(784))
    assert flat.magnitude.max() == 0


def _ring(center, radius, image):
    rr, cc = np.mgrid[:28, :28]
    d = np.hypot(rr - center[0], cc - center[1])
    image[np.abs(d - radius) < 1.0] = 1.0


def test_digit_loops_finds_one_ring_per_hole():
    eight = np.zeros((28, 28))
    _ring((8, 14), 4, eight)
    _ring((19, 14), 5, eight)
    loops = digit_loops(eight)
    assert len(loops) == 2
    assert np.nonzero(loops[0])[0].mean() < np.nonzero(loops[1])[0].mean()  # top loop first
    one = np.zeros((28, 28))
    one[4:24, 13:15] = 1
    assert digit_loops(one) == []
    with pytest.raises(ValueError, match="shape"):
        digit_loops(np.zeros(10))


def test_first_mistake_agrees_with_evaluate(net):
    rng = np.random.default_rng(3)
    images, labels = rng.random((60, 784)), rng.integers(0, 10, 60)
    wrong = evaluate(net, images, labels).mistakes
    expected = next(int(i) for i in wrong if i >= 20)
    assert first_mistake(net, images, labels, start=20) == expected
    right = feedforward(net, images).prediction
    with pytest.raises(ValueError, match="right"):
        first_mistake(net, images, right, start=0)


def test_parameter_tally_of_the_videos_network():
    t = parameter_tally((784, 16, 16, 10))
    assert t.weights == (12544, 256, 160) and t.biases == (16, 16, 10)
    assert (t.total_weights, t.total_biases, t.total) == (12960, 42, 13002)
    assert t.total == Network.random([784, 16, 16, 10], seed=0).n_parameters


def test_edge_detector_and_neuron_response():
    w = edge_detector(rows=(7, 9), cols=(10, 17))
    assert w[7:10, 10:18].min() == 1 and w[6, 10:18].max() == -1 and w[10, 10:18].max() == -1
    assert np.count_nonzero(w) == 5 * 8
    image = np.zeros((28, 28))
    image[7:10, 10:18] = 0.5
    r = neuron_response(w, image, bias=-10)
    assert r.weighted_sum == pytest.approx(12.0)
    assert r.z == pytest.approx(2.0)
    assert r.activation == pytest.approx(float(sigmoid(np.array(2.0))))


def test_interpolate_networks_ends_at_both_networks(net):
    other = Network.random([784, 16, 16, 10], seed=9)
    np.testing.assert_allclose(interpolate_networks(net, other, 0.0).flat(), net.flat())
    np.testing.assert_allclose(interpolate_networks(net, other, 1.0).flat(), other.flat())
    mid = interpolate_networks(net, other, 0.25).flat()
    np.testing.assert_allclose(mid, 0.75 * net.flat() + 0.25 * other.flat())


def test_split_by_angle_partitions_the_mask():
    ring = np.zeros((28, 28))
    _ring((14, 14), 6, ring)
    mask = ring > 0
    parts = split_by_angle(mask, 5)
    assert len(parts) == 5
    assert np.array_equal(np.sum(parts, axis=0), mask.astype(int))  # disjoint, covering
    top = parts[0]
    assert np.nonzero(top)[0].mean() < 14  # the first arc is at the top
    assert all(p.sum() > 0 for p in parts)


def test_most_selective_neurons_agrees_with_top_exciting(net):
    rng = np.random.default_rng(4)
    images, labels = rng.random((50, 784)), rng.integers(0, 10, 50)
    chosen = most_selective_neurons(net, images, labels, layer=1, k=6, count=3)

    def agree(j):
        idx = top_exciting(net, images, 1, j, k=6).indices_of(j)
        return np.bincount(labels[idx]).max()

    scores = [agree(j) for j in range(16)]
    assert [scores[j] for j in chosen] == sorted(scores, reverse=True)[:3]


def test_ink_mask_is_the_pixels_above_the_threshold():
    x = np.zeros(784)
    x[[3, 40]] = [0.31, 0.3]
    m = ink_mask(x)
    assert m.shape == (28, 28) and m.sum() == 1 and m[0, 3]


def test_masked_keeps_only_the_pixels_inside_the_mask():
    x = np.arange(784, dtype=float) / 784
    mask = np.zeros((28, 28), dtype=bool)
    mask[2, 5] = mask[27, 27] = True
    out = masked(x, mask)
    assert out.shape == (784,)
    assert out[2 * 28 + 5] == x[2 * 28 + 5] and out[783] == x[783]
    assert np.count_nonzero(out) == 2
    with pytest.raises(ValueError, match="shape"):
        masked(x, np.ones(784, dtype=bool))
