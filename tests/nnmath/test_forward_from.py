"""The forward pass from a given layer, and a layer's activation."""
import numpy as np
import pytest

import nnmath as nm
from nnmath.activations import relu, relu_prime, sigmoid, sigmoid_prime
from nnmath.network import forward_from, layer_activation


@pytest.mark.parametrize("output", ["sigmoid", "relu", "softmax"])
def test_forward_from_layer_0_is_feedforward(output):
    net = nm.Network.random([784, 16, 16, 10], seed=3, output_activation=output)
    x = np.random.default_rng(0).random((5, 784))
    np.testing.assert_array_equal(forward_from(net, x, 0), nm.feedforward(net, x).output)
    np.testing.assert_array_equal(forward_from(net, x[2], 0), nm.feedforward(net, x[2]).output)


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_forward_from_a_middle_layer_matches_a_hand_loop(output):
    net = nm.Network.random([5, 4, 3, 2], seed=1, activation="relu", output_activation=output)
    a = np.random.default_rng(2).random((7, 4))
    h = relu(a @ net.weights[1].T + net.biases[1])
    z = h @ net.weights[2].T + net.biases[2]
    expected = nm.softmax(z) if output == "softmax" else sigmoid(z)
    np.testing.assert_allclose(forward_from(net, a, 1), expected, rtol=1e-15)
    np.testing.assert_allclose(forward_from(net, a[3], 1), expected[3], rtol=1e-15)


def test_forward_from_the_hidden_activations_of_a_trace_gives_its_output():
    net = nm.Network.random([6, 5, 4, 3], seed=4)
    t = nm.feedforward(net, np.linspace(0, 1, 6))
    for layer in range(4):
        np.testing.assert_allclose(forward_from(net, t.activations[layer], layer), t.output, rtol=1e-14)


def test_forward_from_the_last_layer_returns_the_activations():
    net = nm.Network.random([3, 2], seed=0)
    np.testing.assert_array_equal(forward_from(net, [0.25, 0.5], 1), [0.25, 0.5])


@pytest.mark.parametrize("layer", [-1, 4, 1.0, True])
def test_forward_from_rejects_a_layer_out_of_range(layer):
    net = nm.Network.random([5, 4, 3, 2], seed=1)
    with pytest.raises(ValueError, match="layers 0..3"):
        forward_from(net, np.zeros(4), layer)


def test_forward_from_rejects_activations_of_the_wrong_size_or_nan():
    net = nm.Network.random([5, 4, 3, 2], seed=1)
    with pytest.raises(ValueError, match=r"expected \(4,\) or \(m, 4\)"):
        forward_from(net, np.zeros(3), 1)
    with pytest.raises(ValueError, match="NaN"):
        forward_from(net, np.array([0.0, np.nan, 0.0, 0.0]), 1)


def test_layer_activation_is_hidden_then_output():
    net = nm.Network.random([3, 3, 3, 2], seed=0, activation="relu", output_activation="sigmoid")
    assert [layer_activation(net, i).name for i in range(3)] == ["relu", "relu", "sigmoid"]
    assert layer_activation(net, -1).name == "sigmoid"
    assert layer_activation(net, -3).name == "relu"
    z = np.linspace(-2, 2, 9)
    np.testing.assert_array_equal(layer_activation(net, 0).prime(z), relu_prime(z))
    np.testing.assert_array_equal(layer_activation(net, 2).prime(z), sigmoid_prime(z))
    np.testing.assert_array_equal(layer_activation(net, 2).f(z), sigmoid(z))


def test_layer_activation_of_softmax_has_no_elementwise_prime():
    net = nm.Network.random([3, 4, 2], seed=0, output_activation="softmax")
    act = layer_activation(net, 1)
    z = np.array([[1.0, 2.0], [0.0, -1.0]])
    np.testing.assert_array_equal(act.f(z), nm.softmax(z))
    with pytest.raises(ValueError, match="softmax is not elementwise"):
        act.prime(z)


@pytest.mark.parametrize("i", [2, -3, 0.5, None])
def test_layer_activation_rejects_an_index_out_of_range(i):
    net = nm.Network.random([3, 4, 2], seed=0)
    with pytest.raises(ValueError, match=r"\[-2, 2\)"):
        layer_activation(net, i)
