"""scenes.common.measures against independent references (loops over images and pixels)."""
from __future__ import annotations

import numpy as np
import pytest

from nnmath import Network, feedforward
from scenes.common.measures import TopExciting, first_per_label, shown_input_pixels, top_exciting


@pytest.fixture(scope="module")
def net():
    return Network.random([784, 16, 16, 10], seed=2)


def test_shown_input_pixels_are_the_largest_columns_in_pixel_order(net):
    shown = shown_input_pixels(net, 16)
    norms = [np.sqrt(sum(net.weights[0][j, k] ** 2 for j in range(16))) for k in range(784)]
    expected = sorted(sorted(range(784), key=lambda k: -norms[k])[:16])
    assert shown.tolist() == expected and shown.dtype == np.int64
    with pytest.raises(ValueError):
        shown_input_pixels(net, 0)
    with pytest.raises(ValueError):
        shown_input_pixels(net, 785)


def test_top_exciting_one_neuron_matches_a_loop_over_images(net):
    images = np.random.default_rng(0).random((40, 784))
    top = top_exciting(net, images, layer=2, neurons=5, k=4)
    each = [feedforward(net, x).activations[2][5] for x in images]
    assert top.indices.shape == top.activations.shape == (1, 4)
    assert top.neurons.tolist() == [5] and top.layer == 2
    assert top.indices_of(5).tolist() == sorted(range(40), key=lambda i: -each[i])[:4]
    np.testing.assert_allclose(top.activations_of(5), [each[i] for i in top.indices_of(5)])
    with pytest.raises(ValueError, match="layer"):
        top_exciting(net, images, layer=0, neurons=0)
    with pytest.raises(ValueError, match="layer"):
        top_exciting(net, images, layer=4)


def test_top_exciting_every_neuron_matches_the_single_neuron_search():
    small = Network.random([20, 6, 3], seed=1)
    images = np.random.default_rng(2).random((50, 20))
    top = top_exciting(small, images, layer=1, k=4)
    assert isinstance(top, TopExciting)
    assert top.indices.shape == top.activations.shape == (6, 4)
    assert top.neurons.tolist() == list(range(6))
    for j in range(6):
        one = top_exciting(small, images, 1, [j], 4)
        np.testing.assert_array_equal(top.indices[j], one.indices[0])
        np.testing.assert_allclose(top.activations[j], one.activations[0])
        assert np.all(np.diff(top.activations[j]) <= 0)
    with pytest.raises(ValueError, match="k="):
        top_exciting(small, images, 1, k=51)
    with pytest.raises(ValueError, match="k="):
        top_exciting(small, images, 1, k=0)


def test_top_exciting_some_neurons_in_the_order_asked():
    small = Network.random([20, 6, 3], seed=1)
    images = np.random.default_rng(2).random((30, 20))
    every = top_exciting(small, images, layer=1, k=3)
    some = top_exciting(small, images, layer=1, neurons=np.array([4, 1]), k=3)
    assert some.neurons.tolist() == [4, 1] and some.row(1) == 1
    np.testing.assert_array_equal(some.indices, every.indices[[4, 1]])
    with pytest.raises(KeyError, match="asked"):
        some.indices_of(0)
    with pytest.raises(ValueError, match="0..5"):
        top_exciting(small, images, 1, neurons=[6])
    with pytest.raises(ValueError, match="one neuron"):
        top_exciting(small, images, 1, neurons=[])
    output = top_exciting(small, images, layer=2, neurons=0, k=1)  # the output layer is a layer too
    assert output.indices.shape == (1, 1)


def test_top_exciting_ties_go_to_the_lower_index():
    small = Network.random([3, 2], seed=0)
    images = np.array([[0.1, 0.2, 0.3], [0.5, 0.5, 0.5], [0.1, 0.2, 0.3], [0.5, 0.5, 0.5]])
    top = top_exciting(small, images, layer=1, neurons=0, k=4)
    first, second = sorted([(0, 2), (1, 3)], key=lambda pair: -float(
        feedforward(small, images[pair[0]]).activations[1][0]))
    assert top.indices[0].tolist() == [*first, *second]


def test_first_per_label():
    labels = np.array([1, 0, 1, 0, 2, 2, 1])
    out = first_per_label(labels, per_label=2, n_labels=3)
    assert out.tolist() == [[1, 3], [0, 2], [4, 5]]
    with pytest.raises(ValueError, match="occurs"):
        first_per_label(labels, per_label=3, n_labels=3)
