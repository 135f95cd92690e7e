"""Cost slices: exact against a forward pass per point, slopes against backprop."""
import numpy as np
import pytest

import nnmath as nm
from nnmath.parameters import weight_indices
from scenes.chapter2.measures.landscape import CostSlice, mean_cost


@pytest.fixture(scope="module")
def problem():
    rng = np.random.default_rng(3)
    net = nm.Network.random([12, 5, 4, 3], seed=1)
    x = rng.random((40, 12))
    y = rng.integers(0, 3, size=40)
    return net, x, y


def brute_force(net, x, y, indices, offsets):
    """A full forward pass per point: the reference."""
    theta = net.flat()
    out = []
    for row in np.atleast_2d(offsets):
        moved = theta.copy()
        moved[np.asarray(indices)] += row
        out.append(nm.cost(nm.feedforward(net.with_flat(moved), x).output, y))
    return np.array(out)


def test_mean_cost_matches_cost_and_ignores_chunking(problem):
    net, x, y = problem
    expected = nm.cost(nm.feedforward(net, x).output, y)
    assert mean_cost(net, x, y) == pytest.approx(expected, rel=1e-12)
    assert mean_cost(net, x, y, chunk=7) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("pick", ["last_layer_two_rows", "last_layer_same_row", "first_layer", "mixed"])
def test_slice_equals_a_forward_pass_per_point(problem, pick):
    net, x, y = problem
    last = weight_indices(net, -1)
    n = net.n_parameters
    indices = {
        "last_layer_two_rows": [last[0], last[-1]],      # rows 0 and 2
        "last_layer_same_row": [last[0], n - 3],         # w_{0,0} and b_0 of the output layer
        "first_layer": [0, 17],
        "mixed": [5, last[3]],
    }[pick]
    offsets = np.random.default_rng(0).normal(scale=3.0, size=(9, 2))
    slice_ = CostSlice(net, x, y, indices)
    np.testing.assert_allclose(slice_(offsets), brute_force(net, x, y, indices, offsets), rtol=1e-10)


def test_zero_offset_is_the_networks_cost(problem):
    net, x, y = problem
    slice_ = CostSlice(net, x, y, [net.n_parameters - 1])
    assert slice_(np.zeros(1))[0] == pytest.approx(mean_cost(net, x, y), rel=1e-12)


@pytest.mark.parametrize("indices", [[0], [60, 61], [-1, -5]])
def test_slope_at_zero_is_the_backprop_gradient(problem, indices):
    net, x, y = problem
    idx = [i % net.n_parameters for i in indices]
    g = nm.backprop(net, x, y).flat()
    np.testing.assert_allclose(CostSlice(net, x, y, idx).slope(np.zeros(len(idx))), g[idx],
                               rtol=1e-5, atol=1e-9)


def test_descent_walks_downhill_with_the_recorded_slopes(problem):
    net, x, y = problem
    slice_ = CostSlice(net, x, y, weight_indices(net, -1)[:2])
    path = slice_.descend(eta=0.5, steps=6)
    assert path.offsets.shape == (7, 2) and path.costs.shape == (7,) and path.slopes.shape == (7, 2)
    np.testing.assert_allclose(path.offsets[1:], path.offsets[:-1] - 0.5 * path.slopes[:-1])
    np.testing.assert_allclose(path.costs, slice_(path.offsets))
    assert np.all(np.diff(path.costs) < 0)


def test_descent_from_a_start_point(problem):
    net, x, y = problem
    path = CostSlice(net, x, y, [3]).descend(eta=0.1, steps=0, start=[2.0])
    np.testing.assert_allclose(path.offsets, [[2.0]])


@pytest.mark.parametrize("indices, offsets, message", [
    ([], np.zeros((1, 0)), "at least one parameter"),
    ([1, 1], np.zeros((1, 2)), "repeat"),
    ([10**6], np.zeros((1, 1)), "out of range"),
])
def test_bad_parameters_are_refused(problem, indices, offsets, message):
    net, x, y = problem
    with pytest.raises(ValueError, match=message):
        CostSlice(net, x, y, indices)(offsets)


def test_bad_offsets_and_steps_are_refused(problem):
    net, x, y = problem
    slice_ = CostSlice(net, x, y, [0, 1])
    with pytest.raises(ValueError, match=r"expected \(G, 2\)"):
        slice_(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="NaN"):
        slice_(np.array([[np.nan, 0.0]]))
    with pytest.raises(ValueError, match="eta > 0"):
        slice_.descend(eta=0.0, steps=3)
    with pytest.raises(ValueError, match="one entry per parameter"):
        slice_.slope([0.0])
    with pytest.raises(ValueError, match="one label per image"):
        mean_cost(net, x, y[:-1])
