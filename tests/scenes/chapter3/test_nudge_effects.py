"""Parameter names follow Network.flat; measured nudges match the gradient; the table averages into -grad C."""
import numpy as np
import pytest

import nnmath as nm
from nnmath.parameters import parameter_name, weight_indices
from scenes.chapter3.measures.nudge_effects import change_table, contrasting_pair, nudge


@pytest.fixture
def toy():
    rng = np.random.default_rng(1)
    net = nm.Network.random([5, 4, 3], seed=2)
    return net, rng.random((6, 5)), rng.integers(0, 3, 6)


def test_every_flat_index_names_its_parameter(toy):
    net = toy[0]
    theta = net.flat()
    for i in range(net.n_parameters):
        p = parameter_name(net, i)
        value = net.weights[p.layer][p.j, p.k] if p.kind == "w" else net.biases[p.layer][p.j]
        assert theta[i] == value and p.index == i
    assert parameter_name(net, 0).tex == "w^{(1)}_{0,0}"
    assert parameter_name(net, net.n_parameters - 1).tex == "b^{(2)}_{2}"


def test_the_videos_last_parameter_is_the_last_output_bias():
    net = nm.Network.random([784, 16, 16, 10], seed=0)
    p = parameter_name(net, 13001)
    assert (p.kind, p.layer, p.j, p.k) == ("b", 2, 9, None)


def test_weight_indices_point_at_that_matrix(toy):
    net = toy[0]
    for layer in (0, 1, -1):
        np.testing.assert_array_equal(net.flat()[weight_indices(net, layer)], net.weights[layer].ravel())


def test_a_nudge_measures_what_the_gradient_predicts(toy):
    net, x, y = toy
    g = nm.backprop(net, x, y).flat()
    for i in (0, 7, net.n_parameters - 1):
        n = nudge(net, x, y, i, 1e-4)
        assert n.gradient == pytest.approx(g[i], abs=1e-14)
        theta = net.flat()
        theta[i] += 1e-4
        direct = nm.cost(nm.feedforward(net.with_flat(theta), x).output, y)
        assert n.cost_after == pytest.approx(direct, abs=1e-15)
        assert n.change == pytest.approx(n.cost_after - n.cost_before)
        assert n.change == pytest.approx(n.predicted, rel=1e-2, abs=1e-9)
    assert nudge(net, x, y, 3, 0.5).h == 0.5


def test_contrasting_pair_finds_the_largest_and_the_ratio():
    g = np.array([0.0, 3.2, -0.1, 1.0, 0.5, -0.09])
    assert contrasting_pair(g, np.arange(6), 32) == (1, 2)
    assert contrasting_pair(g, np.array([3, 4, 5]), 2) == (3, 4)


def test_change_table_rows_are_nudges_and_their_mean_is_minus_backprop(toy):
    net, x, y = toy
    idx = np.array([0, 1, 2, net.n_parameters - 1])
    table = change_table(net, x, y, idx)
    assert table.per_example.shape == (6, 4) and table.mean.shape == (4,)
    np.testing.assert_allclose(table.mean, -nm.backprop(net, x, y).flat()[idx], atol=1e-14)
    for e in range(6):
        nd = nm.nudges(net, x[e], int(y[e]))
        w0 = nd.weight[0].ravel()
        np.testing.assert_allclose(table.per_example[e, :3], w0[:3], atol=1e-14)
        assert table.per_example[e, 3] == pytest.approx(nd.bias[-1][-1], abs=1e-14)


def test_bad_arguments_are_refused(toy):
    net, x, y = toy
    with pytest.raises(ValueError, match="out of range"):
        parameter_name(net, net.n_parameters)
    with pytest.raises(ValueError, match="out of range"):
        parameter_name(net, -1)
    with pytest.raises(ValueError, match="non-zero"):
        nudge(net, x, y, 0, 0.0)
    with pytest.raises(ValueError, match="ratio"):
        contrasting_pair(np.ones(3), np.arange(3), 1.0)
    with pytest.raises(ValueError, match="every candidate"):
        contrasting_pair(np.zeros(3), np.arange(3), 2.0)
    with pytest.raises(ValueError, match="at least 2"):
        contrasting_pair(np.ones(3), np.arange(1), 2.0)
    with pytest.raises(ValueError, match="layer"):
        weight_indices(net, 5)
    with pytest.raises(ValueError, match="out of range"):
        change_table(net, x, y, np.array([10**6]))
