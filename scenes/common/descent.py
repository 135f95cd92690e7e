r"""Full-batch vs mini-batch gradient descent on a real network, seen on a plane.

Chapter 3's "careful hiker" takes each step down the true gradient of the
cost over all the training images; the "drunk man" takes a step per
mini-batch, down the gradient of a few shuffled examples. Both paths live in
the network's 13,002-dimensional parameter space; to draw them, their points
are projected onto the two principal directions of their moves, and the cost
is evaluated on that plane (:func:`plane_costs`, :func:`cost_grid`) for the
map or the 3-D surface underneath (:mod:`scenes.common.descent_surface`,
chapters 2 and 3).

Notes
-----
One step on the examples :math:`B` (all of them for full batch):

.. math:: \theta_{t+1} = \theta_t - \eta\,\frac{1}{|B|}\sum_{x \in B} \nabla_\theta C_0(x)

A point :math:`(u, v)` of the plane is :math:`\theta = o + u\,e_1 + v\,e_2`, with
:math:`o` the paths' common start and :math:`e_1, e_2` the first two principal
directions (orthonormal) of the paths' displacements from it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from nnmath import Network, backprop, cost, feedforward
from nnmath import Batch, Labels, Matrix, Vector
from nnmath.network import forward_from, layer_activation
from nnmath.validate import labelled_data

__all__ = ["DescentPath", "shuffled_batches", "descent_path", "Plane", "principal_plane", "plane_costs",
           "cost_grid", "DescentComparison", "compare_descent"]


@dataclass(frozen=True)
class DescentPath:
    r"""The parameters and the cost after every step of one descent run.

    Attributes
    ----------
    thetas : (steps + 1, n_parameters) ndarray
        Flat parameters (layout of :meth:`Network.flat`); row 0 is the start.
    costs : (steps + 1,) ndarray
        Mean cost :math:`C` over all the images the path was run on, at each row of ``thetas``.
    batch_size : int
        Examples behind each step (the number of images for full batch).
    eta : float
        Learning rate :math:`\eta`.
    """

    thetas: Matrix
    costs: Vector
    batch_size: int
    eta: float

    @property
    def steps(self) -> int:
        """Number of steps taken."""
        return int(self.thetas.shape[0]) - 1

    @property
    def examples_used(self) -> int:
        """Per-example gradients computed along the whole path: ``steps * batch_size``."""
        return self.steps * self.batch_size


def shuffled_batches(n: int, batch_size: int, rng: np.random.Generator) -> list[Labels]:
    """One epoch's mini-batches: a shuffle of ``range(n)`` cut into runs of ``batch_size``.

    Parameters
    ----------
    n : int
        Number of examples.
    batch_size : int
        Examples per mini-batch; the last one may be smaller.
    rng : numpy.random.Generator
        Draws the shuffle (``rng.permutation(n)``, as :func:`nnmath.sgd` does).

    Returns
    -------
    list of (batch_size,) ndarray of int
        Indexes into the examples; together they hold each index once.

    Examples
    --------
    >>> [len(b) for b in shuffled_batches(60, 12, np.random.default_rng(0))]
    [12, 12, 12, 12, 12]
    """
    if n < 1 or batch_size < 1:
        raise ValueError(f"need n >= 1 and batch_size >= 1; got n={n}, batch_size={batch_size}")
    perm = rng.permutation(n)
    return [perm[start : start + batch_size] for start in range(0, n, batch_size)]


def _mean_cost(net: Network, x: Batch, y: Labels) -> float:
    return cost(feedforward(net, x).output, y)


def descent_path(
    net: Network,
    images: Batch,
    labels: Labels,
    steps: int,
    eta: float,
    batch_size: int | None = None,
    seed: int = 0,
) -> DescentPath:
    r"""Run gradient descent from ``net`` and record every point and its cost.

    Parameters
    ----------
    net : Network
        The start; not modified.
    images : (n, n_0) ndarray
        The training images; the cost of every point is their mean cost.
    labels : (n,) ndarray of int
        Their labels.
    steps : int
        Number of steps.
    eta : float
        Learning rate :math:`\eta > 0` (the videos' cost, without the 1/2).
    batch_size : int, optional
        None for full batch (each step uses all ``n`` images); otherwise each
        epoch shuffles the images with ``numpy.random.default_rng(seed)`` and
        takes one step per mini-batch, as :func:`nnmath.sgd` does.
    seed : int
        Seeds the shuffles (unused for full batch).

    Returns
    -------
    DescentPath
        ``thetas`` ``(steps + 1, n_parameters)`` and ``costs`` ``(steps + 1,)``.
    """
    x, y = labelled_data((images, labels), net.sizes[0], net.sizes[-1], name="images and labels")
    n = len(y)
    if steps < 0 or not eta > 0:
        raise ValueError(f"need steps >= 0 and eta > 0; got steps={steps}, eta={eta}")
    if n == 0:
        raise ValueError("descent needs at least one image")
    if batch_size is not None and not 1 <= batch_size <= n:
        raise ValueError(f"batch_size={batch_size} must be in 1..{n} (or None for full batch)")
    rng = np.random.default_rng(seed)
    batches: list[Labels] = []
    theta = net.flat()
    thetas = [theta]
    for _ in range(steps):
        if batch_size is None:
            g = backprop(net.with_flat(theta), x, y)
        else:
            if not batches:
                batches = shuffled_batches(n, batch_size, rng)
            idx = batches.pop(0)
            g = backprop(net.with_flat(theta), x[idx], y[idx])
        theta = theta - eta * g.flat()
        thetas.append(theta)
    costs = np.array([_mean_cost(net.with_flat(t), x, y) for t in thetas])
    return DescentPath(np.array(thetas), costs, n if batch_size is None else batch_size, float(eta))


@dataclass(frozen=True)
class Plane:
    r"""A plane through parameter space: :math:`\theta = o + u\,e_1 + v\,e_2`.

    Attributes
    ----------
    origin : (n_parameters,) ndarray
        :math:`o`, the point the plane goes through (the paths' start).
    axes : (2, n_parameters) ndarray
        :math:`e_1, e_2`, orthonormal rows.
    explained : (2,) ndarray
        Share of the paths' summed squared displacements along each axis.
    """

    origin: Vector
    axes: Matrix
    explained: Vector

    def project(self, thetas: Matrix) -> Matrix:
        """Coordinates ``(k, 2)`` of the points ``(k, n_parameters)`` on the plane."""
        out: Matrix = (np.atleast_2d(thetas) - self.origin) @ self.axes.T
        return out

    def point(self, u: float, v: float) -> Vector:
        """The parameters ``(n_parameters,)`` at plane coordinates ``(u, v)``."""
        out: Vector = self.origin + u * self.axes[0] + v * self.axes[1]
        return out


def principal_plane(paths: Sequence[DescentPath]) -> Plane:
    """The plane through the paths' common start along their two principal directions.

    Parameters
    ----------
    paths : sequence of DescentPath
        Paths from the same start; together at least 2 independent displacements.

    Returns
    -------
    Plane
        Its origin is the start, so the start's cost on the plane is its real
        cost; its axes are the two right singular vectors with the largest
        singular values of the displacements ``thetas - start`` of all points.
    """
    if not paths:
        raise ValueError("principal_plane needs at least one path")
    origin = paths[0].thetas[0]
    if any(not np.array_equal(p.thetas[0], origin) for p in paths):
        raise ValueError("the paths start from different points; run them from the same network")
    moves = np.concatenate([p.thetas[1:] for p in paths]) - origin
    if moves.shape[0] < 2:
        raise ValueError("the paths take fewer than 2 steps in all; take more steps")
    _, s, vt = np.linalg.svd(moves, full_matrices=False)
    if s[1] <= 1e-12 * max(s[0], 1e-300):
        raise ValueError("the paths' points span fewer than 2 directions; take more steps")
    variance = s**2
    return Plane(origin.copy(), vt[:2].copy(), variance[:2] / variance.sum())


def plane_costs(net: Network, images: Batch, labels: Labels, plane: Plane, uv: Matrix) -> Vector:
    """The mean cost at points of the plane.

    Parameters
    ----------
    net : Network
        Gives the shape (its parameters are not used).
    images : (n, n_0) ndarray
        Images the cost is averaged over.
    labels : (n,) ndarray of int
        Their labels.
    plane : Plane
        The plane.
    uv : (k, 2) ndarray
        Coordinates ``(u, v)`` of the points along ``plane.axes[0]`` and ``plane.axes[1]``.

    Returns
    -------
    (k,) ndarray
        ``out[i]`` is the cost at ``plane.point(*uv[i])``.

    Notes
    -----
    The first layer's weighted inputs are linear in the parameters, so
    :math:`Z^{(1)}(o + u e_1 + v e_2) = Z^{(1)}_o + u Z^{(1)}_{e_1} + v Z^{(1)}_{e_2}`
    (with the bias part of each) is computed from three products once; the
    small later layers run per point.
    """
    x, y = labelled_data((images, labels), net.sizes[0], net.sizes[-1], name="images and labels")
    points = np.asarray(uv, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"uv has shape {points.shape}; expected (k, 2) plane coordinates")
    parts = [net.with_flat(t) for t in (plane.origin, plane.axes[0], plane.axes[1])]
    z1 = [x @ p.weights[0].T + p.biases[0] for p in parts]
    out = np.empty(len(points))
    for i, (uu, vv) in enumerate(points):
        point = net.with_flat(plane.point(uu, vv))
        a1 = layer_activation(point, 0).f(z1[0] + uu * z1[1] + vv * z1[2])
        out[i] = cost(forward_from(point, a1, 1), y)
    return out


def cost_grid(net: Network, images: Batch, labels: Labels, plane: Plane, u: Vector, v: Vector) -> Matrix:
    """The mean cost at every point of a grid of the plane.

    Parameters
    ----------
    net : Network
        Gives the shape (its parameters are not used).
    images : (n, n_0) ndarray
        Images the cost is averaged over.
    labels : (n,) ndarray of int
        Their labels.
    plane : Plane
        The plane.
    u, v : (g_u,) and (g_v,) ndarray
        Coordinates along ``plane.axes[0]`` and ``plane.axes[1]``.

    Returns
    -------
    (g_v, g_u) ndarray
        ``out[r, c]`` is the cost at ``plane.point(u[c], v[r])`` (:func:`plane_costs` of the grid).
    """
    u, v = np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64)
    if u.ndim != 1 or v.ndim != 1:
        raise ValueError(f"u and v must be 1-D coordinate lists; got shapes {u.shape} and {v.shape}")
    uu, vv = np.meshgrid(u, v)
    costs: Matrix = plane_costs(net, images, labels, plane, np.column_stack([uu.ravel(), vv.ravel()]))
    return costs.reshape(len(v), len(u))


@dataclass(frozen=True)
class DescentComparison:
    """The careful hiker and the drunk man on one contour map.

    Attributes
    ----------
    full, mini : DescentPath
        The full-batch and the mini-batch paths, from the same start.
    plane : Plane
        Their principal plane.
    full_uv, mini_uv : (steps + 1, 2) ndarray
        Each path's points projected on the plane.
    grid_u, grid_v : (g,) ndarray
        The grid's coordinates along the two axes.
    grid_costs : (g, g) ndarray
        ``grid_costs[r, c]``: the cost at ``plane.point(grid_u[c], grid_v[r])``.
    """

    full: DescentPath
    mini: DescentPath
    plane: Plane
    full_uv: Matrix
    mini_uv: Matrix
    grid_u: Vector
    grid_v: Vector
    grid_costs: Matrix


def compare_descent(
    net: Network,
    images: Batch,
    labels: Labels,
    steps: int,
    eta: float,
    batch_size: int,
    seed: int = 0,
    grid: int = 25,
    margin: float = 0.15,
) -> DescentComparison:
    """Full-batch and mini-batch descent from ``net``, projected on their principal plane.

    Parameters
    ----------
    net : Network
        The start of both paths.
    images : (n, n_0) ndarray
        Training images (both paths' costs are means over all of them).
    labels : (n,) ndarray of int
        Their labels.
    steps : int
        Steps of each path.
    eta : float
        Learning rate of both.
    batch_size : int
        Mini-batch size of the drunk man's path.
    seed : int
        Seeds the mini-batch shuffles.
    grid : int
        Grid points along each axis (at least 2).
    margin : float
        Extra room around the projected points, as a fraction of their extent.

    Returns
    -------
    DescentComparison
    """
    if grid < 2:
        raise ValueError(f"grid={grid} must be at least 2 points per axis")
    full = descent_path(net, images, labels, steps, eta)
    mini = descent_path(net, images, labels, steps, eta, batch_size=batch_size, seed=seed)
    plane = principal_plane([full, mini])
    full_uv, mini_uv = plane.project(full.thetas), plane.project(mini.thetas)
    both = np.concatenate([full_uv, mini_uv])
    lo, hi = both.min(axis=0), both.max(axis=0)
    pad = margin * (hi - lo)
    grid_u = np.linspace(lo[0] - pad[0], hi[0] + pad[0], grid)
    grid_v = np.linspace(lo[1] - pad[1], hi[1] + pad[1], grid)
    costs = cost_grid(net, images, labels, plane, grid_u, grid_v)
    return DescentComparison(full, mini, plane, full_uv, mini_uv, grid_u, grid_v, costs)
