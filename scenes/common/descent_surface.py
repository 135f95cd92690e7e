r"""The real cost over a plane through parameter space, with descent paths on it (numpy only).

Chapters 2 and 3 show "the cost surface": the network's mean cost over real
images on a plane through its 13,002-dimensional parameter space, with the
real descent paths as balls rolling on it. The plane goes through the paths'
common start along their two principal directions
(:func:`scenes.common.descent.principal_plane`), where the cost is smooth and
the paths live (Li et al., "Visualizing the Loss Landscape of Neural Nets",
NeurIPS 2018, use the same plane for trajectories).

Every number is computed, none is drawn by hand:

- ``costs[r, c]``: the cost at :math:`o + u_c e_1 + v_r e_2` on a grid of the plane;
- each path's points projected on the plane, :math:`(u, v) = ((\theta - o) \cdot e_1, (\theta - o) \cdot e_2)`,
  with the cost *at the projected point* (so a ball drawn there sits on the
  surface) and the path's own cost at :math:`\theta` (what training really saw).

:func:`mnist_descent_surface` is the cached recipe: a seeded random network,
the first training images, full-batch and/or mini-batch descent, the surface.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from nnmath import Network
from nnmath._typing import Batch, Labels, Matrix, Vector
from nnmath.validate import labelled_data
from scenes.common import data
from scenes.common.descent import DescentPath, Plane, descent_path, plane_costs, principal_plane
from scenes.common.diskcache import disk_cached

__all__ = ["SurfacePath", "DescentSurface", "surface_ranges", "descent_surface", "mnist_descent_surface"]


@dataclass(frozen=True)
class SurfacePath:
    r"""One descent path seen on the plane.

    Attributes
    ----------
    uv : (steps + 1, 2) ndarray
        Each point's coordinates :math:`(u, v)` on the plane; row 0 is the start.
    surface_costs : (steps + 1,) ndarray
        The cost at the projected point :math:`o + u e_1 + v e_2` (on the surface).
    costs : (steps + 1,) ndarray
        The path's own cost at its parameters :math:`\theta_t` (off the plane, the real run).
    batch_size : int
        Examples behind each step (all the images for full batch).
    """

    uv: Matrix
    surface_costs: Vector
    costs: Vector
    batch_size: int

    @property
    def steps(self) -> int:
        """Number of steps taken."""
        return int(self.uv.shape[0]) - 1


@dataclass(frozen=True)
class DescentSurface:
    """The cost on a grid of a plane through parameter space, and paths on it.

    Attributes
    ----------
    u : (nu,) ndarray
        Grid coordinates along the plane's first direction (increasing).
    v : (nv,) ndarray
        Grid coordinates along the second direction (increasing).
    costs : (nv, nu) ndarray
        ``costs[r, c]``: the mean cost at ``plane.point(u[c], v[r])``.
    paths : tuple of SurfacePath
        The descent paths, in the order given.
    plane : Plane
        The plane: origin (the paths' start), orthonormal axes, explained shares.
    """

    u: Vector
    v: Vector
    costs: Matrix
    paths: tuple[SurfacePath, ...]
    plane: Plane

    @property
    def minimum(self) -> tuple[float, float, float]:
        """``(u, v, cost)`` of the lowest grid point."""
        r, c = np.unravel_index(int(np.argmin(self.costs)), self.costs.shape)
        return float(self.u[c]), float(self.v[r]), float(self.costs[r, c])

    @property
    def cost_range(self) -> tuple[float, float]:
        """Lowest and highest cost on the grid and on the paths' projected points."""
        values = np.concatenate([self.costs.ravel(), *(p.surface_costs for p in self.paths)])
        return float(values.min()), float(values.max())


def surface_ranges(uv: Matrix, margin: float = 0.15, square: bool = True) -> tuple[tuple[float, float], tuple[float, float]]:
    """The ``(u, v)`` ranges that hold the points ``uv`` with room around them.

    Parameters
    ----------
    uv : (k, 2) ndarray
        Points on the plane.
    margin : float
        Room on each side, as a fraction of the (longer) extent; > 0.
    square : bool
        True: both ranges have the length of the longer extent (plus margins),
        centred on the points, so the plane is drawn undistorted and the
        valley's walls across the paths show. False: each axis its own extent.

    Returns
    -------
    ((u_lo, u_hi), (v_lo, v_hi))
    """
    points = np.atleast_2d(np.asarray(uv, dtype=np.float64))
    if points.ndim != 2 or points.shape[1] != 2 or points.shape[0] == 0:
        raise ValueError(f"uv has shape {points.shape}; expected (k, 2) with k >= 1")
    if not margin > 0:
        raise ValueError(f"margin={margin}; use a positive fraction (e.g. 0.15)")
    lo, hi = points.min(axis=0), points.max(axis=0)
    extent = hi - lo
    longest = float(extent.max())
    if longest <= 0:
        raise ValueError("the points are all the same; the paths must move")
    half = (extent if not square else np.array([longest, longest])) / 2 + margin * longest
    centre = (lo + hi) / 2
    return ((float(centre[0] - half[0]), float(centre[0] + half[0])),
            (float(centre[1] - half[1]), float(centre[1] + half[1])))


def descent_surface(
    net: Network,
    images: Batch,
    labels: Labels,
    paths: Sequence[DescentPath],
    grid: int = 20,
    margin: float = 0.15,
    square: bool = True,
) -> DescentSurface:
    """The cost surface on the paths' principal plane, with the paths on it.

    Parameters
    ----------
    net : Network
        Gives the shape (its parameters are not used; the plane starts at the paths' start).
    images : (n, n_0) ndarray
        Images the cost is averaged over (those the paths were run on).
    labels : (n,) ndarray of int
        Their labels.
    paths : sequence of DescentPath
        From one start; together at least 2 independent moves.
    grid : int
        Grid points along each axis (2 or more; 20 gives the picture 19 x 19 faces).
    margin, square
        Passed to :func:`surface_ranges` over all the projected points.

    Returns
    -------
    DescentSurface
    """
    if grid < 2:
        raise ValueError(f"grid={grid} must be at least 2 points per axis")
    x, y = labelled_data((images, labels), net.sizes[0], net.sizes[-1], name="images and labels")
    plane = _oriented(principal_plane(paths), paths[0])
    projected = [plane.project(p.thetas) for p in paths]
    (u_lo, u_hi), (v_lo, v_hi) = surface_ranges(np.concatenate(projected), margin, square)
    u, v = np.linspace(u_lo, u_hi, grid), np.linspace(v_lo, v_hi, grid)
    uu, vv = np.meshgrid(u, v)
    costs = plane_costs(net, x, y, plane, np.column_stack([uu.ravel(), vv.ravel()])).reshape(grid, grid)
    on_plane = tuple(
        SurfacePath(uv, plane_costs(net, x, y, plane, uv), p.costs, p.batch_size)
        for uv, p in zip(projected, paths)
    )
    return DescentSurface(u, v, costs, on_plane, plane)


def _oriented(plane: Plane, path: DescentPath) -> Plane:
    """``plane`` with its axes' signs chosen so that ``path`` ends at ``u <= 0`` and ``v >= 0``.

    (A principal direction's sign is arbitrary; fixing it gives every surface
    the same look: the start on the high-``u`` side, the path heading to lower ``u``.)
    """
    end = plane.project(path.thetas[-1])[0]
    signs = np.where([end[0] > 0, end[1] < 0], -1.0, 1.0)
    return Plane(plane.origin, plane.axes * signs[:, None], plane.explained)


@disk_cached
def mnist_descent_surface(
    seed: int,
    n_images: int,
    steps: int,
    eta: float,
    batch_sizes: tuple[int | None, ...] = (None,),
    shuffle_seed: int = 0,
    grid: int = 20,
    margin: float = 0.15,
) -> DescentSurface:
    """Descent from a seeded random MNIST network, on its cost surface (disk-cached).

    Parameters
    ----------
    seed : int
        ``Network.random(data.MNIST_SIZES, seed=seed)`` is the start.
    n_images : int
        The first ``n_images`` training images: the paths run on them, every cost is over them.
    steps, eta : int, float
        Steps of each path and the learning rate.
    batch_sizes : tuple of (int or None)
        One path per entry: None for full batch, else mini-batches of that size.
    shuffle_seed : int
        Seeds the mini-batch shuffles.
    grid, margin : int, float
        See :func:`descent_surface`.

    Returns
    -------
    DescentSurface
        Its ``paths`` in the order of ``batch_sizes``. Cold: a few seconds per
        100 full-batch steps on 2,000 images, and a second per 100 grid points.
    """
    net = Network.random(data.MNIST_SIZES, seed=seed)
    s = data.split("train")
    x, y = s.images[:n_images], s.labels[:n_images]
    paths = [descent_path(net, x, y, steps, eta, batch_size=b, seed=shuffle_seed) for b in batch_sizes]
    return descent_surface(net, x, y, paths, grid=grid, margin=margin)
