"""Full-batch and mini-batch descent paths equal backprop steps and nnmath.sgd; the plane and grid are exact."""
import numpy as np
import pytest

import nnmath as nm
from scenes.common.descent import (
    DescentPath, Plane, compare_descent, cost_grid, descent_path, principal_plane, shuffled_batches,
)


@pytest.fixture
def toy():
    """A 6-5-4-3 net and 40 labelled random 'images' (no MNIST needed)."""
    rng = np.random.default_rng(3)
    net = nm.Network.random([6, 5, 4, 3], seed=1)
    return net, rng.random((40, 6)), rng.integers(0, 3, 40)


def _cost(net, theta, x, y):
    return nm.cost(nm.feedforward(net.with_flat(theta), x).output, y)


def test_full_batch_steps_are_minus_eta_times_backprop(toy):
    net, x, y = toy
    path = descent_path(net, x, y, steps=5, eta=2.0)
    assert path.thetas.shape == (6, net.n_parameters) and path.costs.shape == (6,)
    theta = net.flat()
    for t in range(5):
        np.testing.assert_allclose(path.thetas[t], theta, atol=1e-13)
        theta = theta - 2.0 * nm.backprop(net.with_flat(theta), x, y).flat()
    np.testing.assert_allclose(path.thetas[-1], theta, atol=1e-13)
    assert path.batch_size == 40 and path.examples_used == 200 and path.steps == 5


def test_costs_are_the_mean_cost_over_all_images(toy):
    net, x, y = toy
    for path in (descent_path(net, x, y, 4, 1.5), descent_path(net, x, y, 4, 1.5, batch_size=7, seed=2)):
        for theta, c in zip(path.thetas, path.costs):
            assert c == pytest.approx(_cost(net, theta, x, y), abs=1e-14)
    assert path.costs[0] == pytest.approx(nm.cost(nm.feedforward(net, x).output, y))


def test_mini_batch_path_is_nnmath_sgd(toy):
    """Two epochs of mini-batches of 8 end where nnmath.sgd (float64, same seed) ends."""
    net, x, y = toy
    path = descent_path(net, x, y, steps=10, eta=1.5, batch_size=8, seed=5)
    trained = nm.sgd(net, (x, y), epochs=2, batch_size=8, eta=1.5, seed=5, dtype=np.float64).network
    np.testing.assert_allclose(path.thetas[-1], trained.flat(), atol=1e-10)


def test_mini_batch_steps_use_the_shuffled_batches(toy):
    net, x, y = toy
    batches = shuffled_batches(40, 16, np.random.default_rng(4))
    path = descent_path(net, x, y, steps=3, eta=1.0, batch_size=16, seed=4)
    theta = net.flat()
    for t, idx in enumerate(batches):
        theta = theta - nm.backprop(net.with_flat(theta), x[idx], y[idx]).flat()
        np.testing.assert_allclose(path.thetas[t + 1], theta, atol=1e-13)


def test_shuffled_batches_hold_every_index_once():
    batches = shuffled_batches(60, 12, np.random.default_rng(0))
    assert [len(b) for b in batches] == [12] * 5
    assert sorted(np.concatenate(batches).tolist()) == list(range(60))
    assert [len(b) for b in shuffled_batches(10, 4, np.random.default_rng(0))] == [4, 4, 2]


def test_principal_plane_is_orthonormal_through_the_start(toy):
    net, x, y = toy
    a = descent_path(net, x, y, 6, 2.0)
    b = descent_path(net, x, y, 6, 2.0, batch_size=5, seed=1)
    plane = principal_plane([a, b])
    np.testing.assert_allclose(plane.axes @ plane.axes.T, np.eye(2), atol=1e-12)
    np.testing.assert_array_equal(plane.origin, net.flat())
    np.testing.assert_allclose(plane.project(plane.point(0.3, -0.7)), [[0.3, -0.7]], atol=1e-12)
    assert 1 >= plane.explained[0] >= plane.explained[1] > 0 and plane.explained.sum() <= 1 + 1e-12
    # The top direction is the one along which the moves' squared lengths are largest.
    moves = np.concatenate([a.thetas[1:], b.thetas[1:]]) - net.flat()
    best = np.sum((moves @ plane.axes[0]) ** 2)
    for v in np.random.default_rng(0).standard_normal((20, moves.shape[1])):
        assert np.sum((moves @ (v / np.linalg.norm(v))) ** 2) <= best + 1e-12


def test_moves_inside_a_plane_are_reproduced_exactly():
    rng = np.random.default_rng(0)
    start, e = rng.standard_normal(30), np.linalg.qr(rng.standard_normal((30, 2)))[0].T
    coords = rng.standard_normal((9, 2))
    path = DescentPath(np.vstack([start, start + coords @ e]), np.zeros(10), 1, 1.0)
    plane = principal_plane([path])
    np.testing.assert_allclose(plane.origin + plane.project(path.thetas) @ plane.axes, path.thetas, atol=1e-12)
    np.testing.assert_allclose(plane.explained.sum(), 1.0)


def test_cost_grid_equals_a_forward_pass_at_each_point(toy):
    net, x, y = toy
    plane = principal_plane([descent_path(net, x, y, 4, 2.0), descent_path(net, x, y, 4, 2.0, 5, 1)])
    u, v = np.array([-0.5, 0.0, 0.4]), np.array([-0.2, 0.6])
    grid = cost_grid(net, x, y, plane, u, v)
    assert grid.shape == (2, 3)
    for r, vv in enumerate(v):
        for c, uu in enumerate(u):
            assert grid[r, c] == pytest.approx(_cost(net, plane.point(uu, vv), x, y), abs=1e-12)
    assert cost_grid(net, x, y, plane, np.zeros(1), np.zeros(1))[0, 0] == pytest.approx(_cost(net, net.flat(), x, y))


def test_compare_descent_puts_both_paths_on_one_map(toy):
    net, x, y = toy
    c = compare_descent(net, x, y, steps=8, eta=2.0, batch_size=4, seed=3, grid=5)
    np.testing.assert_allclose(c.full_uv, c.plane.project(c.full.thetas))
    np.testing.assert_allclose(c.mini_uv, c.plane.project(c.mini.thetas))
    np.testing.assert_allclose(c.full_uv[0], [0, 0], atol=1e-12)
    assert c.grid_costs.shape == (5, 5) and c.full.batch_size == 40 and c.mini.batch_size == 4
    both = np.vstack([c.full_uv, c.mini_uv])
    assert c.grid_u[0] < both[:, 0].min() and c.grid_u[-1] > both[:, 0].max()
    assert c.grid_v[0] < both[:, 1].min() and c.grid_v[-1] > both[:, 1].max()
    np.testing.assert_allclose(c.grid_costs, cost_grid(net, x, y, c.plane, c.grid_u, c.grid_v))


@pytest.mark.parametrize("kwargs, message", [
    (dict(steps=-1, eta=1.0), "steps"),
    (dict(steps=2, eta=0.0), "eta"),
    (dict(steps=2, eta=1.0, batch_size=0), "batch_size"),
    (dict(steps=2, eta=1.0, batch_size=41), "batch_size"),
])
def test_bad_descent_arguments_say_what_is_wrong(toy, kwargs, message):
    net, x, y = toy
    with pytest.raises(ValueError, match=message):
        descent_path(net, x, y, **kwargs)


def test_bad_planes_and_grids_are_refused(toy):
    net, x, y = toy
    other = nm.Network.random([6, 5, 4, 3], seed=2)
    with pytest.raises(ValueError, match="different points"):
        principal_plane([descent_path(net, x, y, 2, 1.0), descent_path(other, x, y, 2, 1.0)])
    with pytest.raises(ValueError, match="at least one"):
        principal_plane([])
    with pytest.raises(ValueError, match="fewer than 2 steps"):
        principal_plane([descent_path(net, x, y, 1, 1.0)])
    with pytest.raises(ValueError, match="grid"):
        compare_descent(net, x, y, 3, 1.0, 4, grid=1)
    plane = Plane(net.flat(), np.eye(2, net.n_parameters), np.array([0.5, 0.5]))
    with pytest.raises(ValueError, match="1-D"):
        cost_grid(net, x, y, plane, np.zeros((2, 2)), np.zeros(2))
    with pytest.raises(ValueError, match="shape"):
        descent_path(net, x[:, :5], y, 2, 1.0)
    with pytest.raises(ValueError, match="batch"):
        descent_path(net, x[0], y[:1], 2, 1.0)
    with pytest.raises(ValueError, match="labels"):
        descent_path(net, x, y[:-1], 2, 1.0)
    with pytest.raises(ValueError, match="0..2"):
        descent_path(net, x, y + 3, 2, 1.0)
