"""scenes.chapter4.measures.partials: per-example derivatives, activation finite differences
(and nnmath.parameters' one parameter set, as chapter 4 uses it)."""
import numpy as np
import pytest

import nnmath as nm
from nnmath.parameters import parameter_value, with_parameter
from scenes.chapter4.measures.partials import (
    cost_from_activation,
    numeric_activation_partial,
    per_example_partials,
    sub_network,
    copy_examples,
    threshold_examples,
)


@pytest.fixture
def tiny():
    return nm.Network.random([1, 1, 1, 1], seed=28), np.array([0.5]), np.array([1.0])


def test_with_parameter_changes_one_entry_and_leaves_the_original(tiny):
    net, x, y = tiny
    before = net.flat()
    moved = with_parameter(net, -1, 0, 0, 2.5)
    np.testing.assert_array_equal(net.flat(), before)
    diff = np.flatnonzero(moved.flat() != before)
    assert len(diff) == 1 and moved.weights[-1][0, 0] == 2.5
    biased = with_parameter(net, 0, 0, None, -3.0)
    assert biased.biases[0][0] == -3.0 and parameter_value(biased, 0, 0, None) == -3.0
    assert parameter_value(net, -1, 0, 0) == net.weights[-1][0, 0]


def test_with_parameter_moves_z_by_a_prev_times_the_change(tiny):
    net, x, y = tiny
    t0 = nm.feedforward(net, x)
    w = net.weights[-1][0, 0]
    t1 = nm.feedforward(with_parameter(net, -1, 0, 0, w + 0.3), x)
    assert t1.zs[-1][0] - t0.zs[-1][0] == pytest.approx(0.3 * t0.activations[-2][0], abs=1e-12)


def test_per_example_partials_average_to_the_batch_gradient():
    net = nm.Network.random([1, 1, 1, 1], seed=28)
    xs, ys = threshold_examples(20, seed=4)
    g = nm.backprop(net, xs, ys)
    for layer in range(3):
        d = per_example_partials(net, xs, ys, layer, 0, 0)
        assert d.shape == (20,)
        assert d.mean() == pytest.approx(g.nabla_w[layer][0, 0], abs=1e-14)
        db = per_example_partials(net, xs, ys, layer, 0)
        assert db.mean() == pytest.approx(g.nabla_b[layer][0], abs=1e-14)
    for i in (0, 7):
        one = nm.chain_rule(net, xs[i], ys[i], -1, 0, 0).product
        assert per_example_partials(net, xs, ys, -1, 0, 0)[i] == pytest.approx(one, abs=1e-15)


def test_per_example_partials_on_labels():
    net = nm.Network.random([4, 3, 2], seed=1)
    xs = np.random.default_rng(0).random((5, 4))
    labels = np.array([0, 1, 1, 0, 1])
    d = per_example_partials(net, xs, labels, 0, 2, 3)
    assert d.mean() == pytest.approx(nm.backprop(net, xs, labels).nabla_w[0][2, 3], abs=1e-14)


def test_activation_partial_matches_backprop():
    for sizes, seed, y in (([1, 1, 1, 1], 28, np.array([1.0])), ([3, 3, 2], 9, 1), ([5, 4, 3, 2], 2, 0)):
        net = nm.Network.random(sizes, seed=seed)
        x = np.random.default_rng(seed).random(sizes[0])
        g = nm.backprop(net, x, y)
        for layer in range(len(sizes)):
            for k in range(sizes[layer]):
                num = numeric_activation_partial(net, x, y, layer, k)
                assert num == pytest.approx(g.nabla_a[layer][k], rel=1e-6, abs=1e-10)


def test_cost_from_activation_at_the_output_is_the_cost(tiny):
    net, x, y = tiny
    t = nm.feedforward(net, x)
    assert cost_from_activation(net, t.output, y, 3) == pytest.approx(nm.cost(t.output, y))
    assert cost_from_activation(net, t.activations[1], y, 1) == pytest.approx(nm.cost(t.output, y))


def test_threshold_examples_are_seeded_and_labelled():
    xs, ys = threshold_examples(50, seed=3)
    again, _ = threshold_examples(50, seed=3)
    np.testing.assert_array_equal(xs, again)
    assert xs.shape == ys.shape == (50, 1)
    np.testing.assert_array_equal(ys, (xs > 0.5).astype(float))
    assert 0 < ys.sum() < 50


def test_copy_examples_are_seeded_and_ask_for_their_input():
    xs, ys = copy_examples(12, seed=4)
    again, _ = copy_examples(12, seed=4)
    np.testing.assert_array_equal(xs, again)
    np.testing.assert_array_equal(ys, xs)
    assert xs.shape == (12, 1) and ys is not xs
    with pytest.raises(ValueError, match="at least one"):
        copy_examples(0, seed=4)


def test_bad_input_is_rejected(tiny):
    net, x, y = tiny
    with pytest.raises(ValueError, match="k=1 is out of range"):
        with_parameter(net, 0, 0, 1, 1.0)
    with pytest.raises(ValueError, match="layer=3 is out of range"):
        with_parameter(net, 3, 0, 0, 1.0)
    with pytest.raises(ValueError, match="not finite"):
        with_parameter(net, 0, 0, 0, float("nan"))
    with pytest.raises(ValueError, match="one example per row"):
        per_example_partials(net, np.array([0.5]), y, 0, 0, 0)
    with pytest.raises(ValueError, match="one label or target row per example"):
        per_example_partials(net, np.zeros((3, 1)), np.zeros((2, 1)), 0, 0, 0)
    with pytest.raises(ValueError, match="activations live in layers 0..3"):
        numeric_activation_partial(net, x, y, 4, 0)
    with pytest.raises(ValueError, match="at least one example"):
        threshold_examples(0, seed=1)


def test_sub_network_continues_the_forward_pass():
    net = nm.Network.random([2, 3, 4, 2], seed=3)
    x = np.array([0.2, 0.9])
    t = nm.feedforward(net, x)
    for layer in range(3):
        sub = sub_network(net, layer)
        assert sub.sizes == net.sizes[layer:]
        np.testing.assert_allclose(nm.feedforward(sub, t.activations[layer]).output, t.output, rtol=1e-15)
        c = nm.chain_rule(sub, t.activations[layer], 1, -1, 0, 0)
        assert c.product == pytest.approx(nm.chain_rule(net, x, 1, -1, 0, 0).product, rel=1e-14)
    sub_network(net, 2).weights[0][0, 0] = 99.0
    assert net.weights[2][0, 0] != 99.0
    with pytest.raises(ValueError, match="starts at a layer in 0..2"):
        sub_network(net, 3)
