"""The cost surface's numbers are nnmath's: grid costs, projected paths and their costs, exactly."""
import subprocess
import sys

import numpy as np
import pytest

import nnmath as nm
from scenes.common import diskcache
from scenes.common.descent import descent_path, principal_plane
from scenes.common.descent_surface import (
    DescentSurface, SurfacePath, descent_surface, mnist_descent_surface, surface_ranges,
)


@pytest.fixture(scope="module")
def toy():
    """A 6-5-4-3 net, 40 labelled random 'images', a full-batch and a mini-batch path, their surface."""
    rng = np.random.default_rng(3)
    net = nm.Network.random([6, 5, 4, 3], seed=1)
    x, y = rng.random((40, 6)), rng.integers(0, 3, 40)
    paths = [descent_path(net, x, y, 12, 2.0), descent_path(net, x, y, 12, 2.0, batch_size=5, seed=1)]
    return net, x, y, paths, descent_surface(net, x, y, paths, grid=6)


def _cost(net, theta, x, y):
    return nm.cost(nm.feedforward(net.with_flat(theta), x).output, y)


def test_shapes(toy):
    _, _, _, paths, s = toy
    assert s.u.shape == (6,) and s.v.shape == (6,) and s.costs.shape == (6, 6)
    assert np.all(np.diff(s.u) > 0) and np.all(np.diff(s.v) > 0)
    assert len(s.paths) == 2 and all(isinstance(p, SurfacePath) for p in s.paths)
    for p, path in zip(s.paths, paths):
        assert p.uv.shape == (13, 2) and p.surface_costs.shape == (13,) and p.costs.shape == (13,)
        assert p.steps == 12 and p.batch_size == path.batch_size
    assert s.plane.origin.shape == (paths[0].thetas.shape[1],) and s.plane.axes.shape == (2, s.plane.origin.size)


def test_grid_costs_are_nnmaths_cost_on_the_plane(toy):
    net, x, y, _, s = toy
    for r, c in [(0, 0), (2, 3), (5, 5), (4, 1)]:
        theta = s.plane.origin + s.u[c] * s.plane.axes[0] + s.v[r] * s.plane.axes[1]
        assert s.costs[r, c] == pytest.approx(_cost(net, theta, x, y), abs=1e-12)


def test_projected_points_and_their_costs(toy):
    net, x, y, paths, s = toy
    np.testing.assert_allclose(s.plane.axes @ s.plane.axes.T, np.eye(2), atol=1e-12)
    np.testing.assert_array_equal(s.plane.origin, net.flat())
    for p, path in zip(s.paths, paths):
        np.testing.assert_allclose(p.uv, (path.thetas - s.plane.origin) @ s.plane.axes.T, atol=1e-12)
        np.testing.assert_array_equal(p.costs, path.costs)
        for (u, v), on_surface in zip(p.uv, p.surface_costs):
            theta = s.plane.origin + u * s.plane.axes[0] + v * s.plane.axes[1]
            assert on_surface == pytest.approx(_cost(net, theta, x, y), abs=1e-12)
    np.testing.assert_allclose(s.paths[0].uv[0], [0, 0], atol=1e-12)
    assert s.paths[0].surface_costs[0] == pytest.approx(s.paths[0].costs[0], abs=1e-12)


def test_the_paths_fit_inside_the_ranges_with_a_margin(toy):
    *_, s = toy
    both = np.vstack([p.uv for p in s.paths])
    room = 0.1 * max(s.u[-1] - s.u[0], s.v[-1] - s.v[0])
    assert s.u[0] + room < both[:, 0].min() and both[:, 0].max() < s.u[-1] - room
    assert s.v[0] + room < both[:, 1].min() and both[:, 1].max() < s.v[-1] - room
    assert s.u[-1] - s.u[0] == pytest.approx(s.v[-1] - s.v[0])  # square: the plane undistorted


def test_the_plane_is_the_principal_plane_turned_so_the_first_path_heads_to_lower_u(toy):
    _, _, _, paths, s = toy
    end = s.paths[0].uv[-1]
    assert end[0] <= 0 and end[1] >= 0
    plain = principal_plane(paths)
    np.testing.assert_allclose(np.abs(s.plane.axes @ plain.axes.T), np.eye(2), atol=1e-12)
    np.testing.assert_array_equal(s.plane.explained, plain.explained)


def test_minimum_and_cost_range(toy):
    *_, s = toy
    u, v, c = s.minimum
    r, col = np.unravel_index(np.argmin(s.costs), s.costs.shape)
    assert (u, v, c) == (s.u[col], s.v[r], s.costs[r, col])
    lo, hi = s.cost_range
    assert lo <= s.costs.min() and hi >= max(s.costs.max(), *(p.surface_costs.max() for p in s.paths))


def test_surface_ranges():
    uv = np.array([[0.0, 0.0], [-4.0, 1.0], [-2.0, -1.0]])
    (u0, u1), (v0, v1) = surface_ranges(uv, margin=0.25)
    assert (u0, u1) == pytest.approx((-5.0, 1.0)) and (v0, v1) == pytest.approx((-3.0, 3.0))
    (u0, u1), (v0, v1) = surface_ranges(uv, margin=0.25, square=False)
    assert (u0, u1) == pytest.approx((-5.0, 1.0)) and (v0, v1) == pytest.approx((-2.0, 2.0))
    with pytest.raises(ValueError, match="margin"):
        surface_ranges(uv, margin=0)
    with pytest.raises(ValueError, match="same"):
        surface_ranges(np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"\(k, 2\)"):
        surface_ranges(np.zeros((3, 3)))


def test_bad_arguments_are_refused(toy):
    net, x, y, paths, _ = toy
    with pytest.raises(ValueError, match="grid"):
        descent_surface(net, x, y, paths, grid=1)
    with pytest.raises(ValueError, match="shape"):
        descent_surface(net, x[:, :5], y, paths)


def test_the_mnist_recipe_is_cached_as_a_typed_dataclass(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.CACHE_ENV, str(tmp_path))
    first = mnist_descent_surface(0, 30, 3, 3.0, (None, 10), 0, 3)
    assert isinstance(first, DescentSurface) and first.costs.shape == (3, 3)
    assert [p.batch_size for p in first.paths] == [30, 10]
    assert len(list(tmp_path.glob("mnist_descent_surface-*.npz"))) == 1
    mnist_descent_surface.cache_clear_memory()
    again = mnist_descent_surface(0, 30, 3, 3.0, (None, 10), 0, 3)
    assert isinstance(again.plane, type(first.plane))
    np.testing.assert_array_equal(again.costs, first.costs)
    np.testing.assert_array_equal(again.paths[1].uv, first.paths[1].uv)


def test_the_computations_import_no_manim():
    code = ("import sys, scenes.common.descent, scenes.common.descent_surface\n"
            "print('manim' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
