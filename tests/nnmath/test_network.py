"""Network construction, the forward pass and its input checks."""
import numpy as np
import pytest

import nnmath as nm


def test_random_is_fixed_by_seed_and_draws_biases_then_weights():
    a = nm.Network.random([4, 3, 2], seed=7)
    b = nm.Network.random([4, 3, 2], seed=7)
    for wa, wb in zip(a.weights, b.weights):
        np.testing.assert_array_equal(wa, wb)
    rng = np.random.default_rng(7)
    b0 = rng.standard_normal(3)
    w0 = rng.standard_normal((3, 4))
    np.testing.assert_array_equal(a.biases[0], b0)
    np.testing.assert_array_equal(a.weights[0], w0)


def test_sizes_and_parameter_count_of_the_videos_network():
    net = nm.Network.random([784, 16, 16, 10], seed=0)
    assert net.sizes == (784, 16, 16, 10)
    assert net.n_parameters == 13_002
    assert net.flat().shape == (13_002,)


def test_scaled_init_shrinks_weights_not_biases():
    net = nm.Network.random([784, 16], seed=1, init="scaled")
    assert np.std(net.weights[0]) == pytest.approx(1 / 28, rel=0.1)
    assert np.std(net.biases[0]) == pytest.approx(1.0, rel=0.5)


def test_feedforward_matches_a_hand_worked_2_2_1_net():
    net = nm.Network([[[1.0, -1.0], [0.5, 0.5]], [[2.0, -3.0]]], [[0.0, 1.0], [0.5]])
    t = nm.feedforward(net, np.array([1.0, 2.0]))
    s = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    z1 = np.array([1 - 2, 0.5 + 1 + 1])
    a1 = s(z1)
    z2 = 2 * a1[0] - 3 * a1[1] + 0.5
    np.testing.assert_allclose(t.zs[0], z1)
    np.testing.assert_allclose(t.activations[1], a1)
    np.testing.assert_allclose(t.output, [s(z2)])


def test_batch_rows_equal_single_examples():
    net = nm.Network.random([6, 5, 3], seed=2)
    x = np.random.default_rng(0).random((4, 6))
    batch = nm.feedforward(net, x)
    for i in range(4):
        single = nm.feedforward(net, x[i])
        for a_b, a_s in zip(batch.activations, single.activations):
            np.testing.assert_allclose(a_b[i], a_s, rtol=1e-14)
    assert list(batch.prediction) == [nm.feedforward(net, r).prediction for r in x]


def test_sigmoid_does_not_overflow():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        v = nm.sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(v, [0.0, 0.5, 1.0])


def test_relu_and_softmax_networks():
    net = nm.Network.random([5, 4, 3], seed=3, activation="relu", output_activation="softmax")
    out = nm.feedforward(net, np.ones(5)).output
    assert out.sum() == pytest.approx(1.0)
    assert nm.feedforward(net, np.ones(5)).activations[1].min() >= 0


@pytest.mark.parametrize(
    "x, message",
    [
        (np.zeros(783), r"shape \(783,\); expected \(784,\)"),
        (np.zeros((28, 28)), r"x.ravel\(\)"),
        (np.full(784, np.nan), "NaN"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(x, message):
    net = nm.Network.random([784, 16, 16, 10], seed=0)
    with pytest.raises(ValueError, match=message):
        nm.feedforward(net, x)


def test_mismatched_weight_shapes_are_rejected():
    with pytest.raises(ValueError, match=r"weights\[1\] has shape \(2, 4\) but layer 1 has 3 neurons"):
        nm.Network([np.zeros((3, 5)), np.zeros((2, 4))], [np.zeros(3), np.zeros(2)])
    with pytest.raises(ValueError, match=r"biases\[0\] has shape \(2,\)"):
        nm.Network([np.zeros((3, 5))], [np.zeros(2)])
    with pytest.raises(ValueError, match="one bias vector per weight matrix"):
        nm.Network([np.zeros((3, 5))], [])
    with pytest.raises(ValueError, match="unknown activation 'tanh'"):
        nm.Network.random([2, 2], seed=0, activation="tanh")


def test_network_copies_its_arrays():
    w = np.zeros((2, 2))
    net = nm.Network([w], [np.zeros(2)])
    w[0, 0] = 5
    assert net.weights[0][0, 0] == 0
    assert net.copy().weights[0] is not net.weights[0]


def test_flat_round_trip():
    net = nm.Network.random([4, 3, 2], seed=5)
    again = net.with_flat(net.flat())
    for a, b in zip(net.weights + net.biases, again.weights + again.biases):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match=r"expected \(23,\)"):
        net.with_flat(np.zeros(3))


def test_import_nnmath_does_not_import_manim():
    import subprocess
    import sys

    code = "import sys, nnmath; nnmath.pretrained; print('manim' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
