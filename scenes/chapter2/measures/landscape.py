r"""Slices of the real cost: :math:`C` against one or two parameters, the rest held fixed.

The cost of the 784-16-16-10 network is a function of 13,002 numbers; a picture
can show it against one of them (a curve) or two (a surface). Here the slice is
exact: every point is the mean cost over the images given (all 50,000 training
images in chapter 2), with the chosen parameters moved by ``offsets`` and every
other parameter left where it is.

.. math:: C_{\text{slice}}(\delta) = \frac{1}{m}\sum_{x} C_0\big(x;\ \theta + \textstyle\sum_i \delta_i e_{p_i}\big)

Parameters are named by their flat index (layout of :meth:`Network.flat`).
When every chosen parameter is in the last layer (and the output activation acts
entry by entry), only the output rows they feed change, so a whole grid costs
``O(grid x m)`` instead of a forward pass per point.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from nnmath import Network, Trace, cost_per_example, feedforward
from nnmath import Batch, Labels, Vector
from nnmath.network import forward_from, layer_activation
from nnmath.parameters import ParameterName, parameter_name
from nnmath.validate import as_input, as_targets

__all__ = ["CostSlice", "SliceDescent", "mean_cost"]

#: Grid points x images x rows evaluated at once on the fast path (bounds memory to ~50 MB).
_CHUNK_ELEMENTS = 2_000_000


def mean_cost(net: Network, images: Batch, labels: Labels, chunk: int = 10_000) -> float:
    r"""Mean cost :math:`\frac{1}{m}\sum_x C_0(x)` over labelled images, in chunks.

    Parameters
    ----------
    net : Network
        Sizes ``(n_0, ..., n_L)``.
    images : (m, n_0) ndarray
        One image per row.
    labels : (m,) ndarray of int
        Labels ``0 .. n_L - 1``.
    chunk : int
        Images per forward pass (bounds memory; the result does not depend on it
        beyond float rounding).

    Returns
    -------
    float
        The same number as ``cost(feedforward(net, images).output, labels)``.
    """
    x = as_input(images, net.sizes[0])
    if x.ndim != 2 or x.shape[0] == 0:
        raise ValueError(f"images has shape {x.shape}; expected a non-empty batch (m, {net.sizes[0]})")
    y = np.asarray(labels)
    if y.shape != (x.shape[0],):
        raise ValueError(f"labels has shape {y.shape}; expected ({x.shape[0]},), one label per image")
    if chunk < 1:
        raise ValueError(f"chunk must be >= 1; got {chunk}")
    total = 0.0
    for start in range(0, x.shape[0], chunk):
        out = feedforward(net, x[start:start + chunk]).output
        total += float(np.sum(cost_per_example(out, y[start:start + chunk])))
    return total / int(x.shape[0])


@dataclass(frozen=True)
class SliceDescent:
    """Gradient descent on a slice of the cost.

    Attributes
    ----------
    offsets : (steps + 1, p) ndarray
        The points visited, the start first.
    costs : (steps + 1,) ndarray
        The mean cost at each point.
    slopes : (steps + 1, p) ndarray
        The slice's gradient at each point (the last one is not used for a step).
    """

    offsets: Batch
    costs: Vector
    slopes: Batch


class CostSlice:
    r"""The mean cost as a function of a few parameters, the others held fixed.

    Parameters
    ----------
    net : Network
        The network; not modified (a copy is kept).
    images : (m, n_0) ndarray
        Images the cost is averaged over.
    labels : (m,) ndarray of int
        Their labels.
    indices : sequence of p int
        Flat indexes (layout of :meth:`Network.flat`) of the parameters to move,
        each named once.

    Notes
    -----
    The forward pass up to the first layer touched is done once, here; each
    point then costs the rest of the pass (or, for last-layer parameters, only
    the output rows they feed).

    Examples
    --------
    >>> net = Network.random([4, 3, 2], seed=0)
    >>> x, y = np.eye(4)[:3], np.array([0, 1, 1])
    >>> c = CostSlice(net, x, y, [net.n_parameters - 1])
    >>> bool(np.isclose(c(np.zeros(1))[0], mean_cost(net, x, y)))
    True
    """

    def __init__(self, net: Network, images: Batch, labels: Labels, indices: Sequence[int]) -> None:
        x = as_input(images, net.sizes[0])
        if x.ndim != 2 or x.shape[0] == 0:
            raise ValueError(f"images has shape {x.shape}; expected a non-empty batch (m, {net.sizes[0]})")
        t = as_targets(np.asarray(labels), net.sizes[-1], (x.shape[0],))
        idx = np.asarray(indices, dtype=np.int64).ravel()
        if idx.size == 0:
            raise ValueError("indices is empty; name at least one parameter (a flat index)")
        if len(set(idx.tolist())) != idx.size:
            raise ValueError(f"indices {idx.tolist()} repeat a parameter; name each one once")
        self.net = net.copy()
        self.indices = idx
        self.names: list[ParameterName] = [parameter_name(net, int(i)) for i in idx]  # range-checks each index
        self._targets = t
        last = len(net.weights) - 1
        self._first = min(p.layer for p in self.names)
        trace = feedforward(net, x)
        self._fast = self._first == last and net.output_activation != "softmax"
        if self._fast:
            self._prepare_last_layer(trace)
        else:
            self._a_from = trace.activations[self._first]

    @property
    def dim(self) -> int:
        """Number of parameters moved, ``p``."""
        return int(self.indices.size)

    def _prepare_last_layer(self, trace: Trace) -> None:
        """Only the output rows fed by the chosen parameters change when they move."""
        rows = sorted({p.j for p in self.names})
        others = [r for r in range(self.net.sizes[-1]) if r not in rows]
        terms = (trace.output - self._targets) ** 2
        self._constant = float(np.mean(np.sum(terms[:, others], axis=1))) if others else 0.0
        a_prev = trace.activations[-2]
        m = a_prev.shape[0]
        self._moves = np.zeros((self.dim, m, len(rows)))  # dz of each touched row per unit offset
        for n, p in enumerate(self.names):
            self._moves[n, :, rows.index(p.j)] = a_prev[:, p.k] if p.kind == "w" else 1.0
        self._z_rows = trace.zs[-1][:, rows]
        self._t_rows = self._targets[:, rows]

    def _offsets(self, offsets: object) -> Batch:
        d = np.asarray(offsets, dtype=np.float64)
        if d.ndim == 1 and self.dim == 1:
            d = d[:, None]
        if d.ndim != 2 or d.shape[1] != self.dim:
            raise ValueError(f"offsets has shape {d.shape}; expected (G, {self.dim}): one row per point")
        if not np.all(np.isfinite(d)):
            raise ValueError("offsets hold NaN or infinity")
        return d

    def __call__(self, offsets: object) -> Vector:
        r"""The mean cost with the parameters moved by each row of ``offsets``.

        Parameters
        ----------
        offsets : (G, p) ndarray, or (G,) when p == 1
            One row per point: how far to move each parameter from its value.

        Returns
        -------
        (G,) ndarray
            :math:`C` at each point; a zero row gives the network's own mean cost.
        """
        d = self._offsets(offsets)
        return self._last_layer(d) if self._fast else self._general(d)

    def _last_layer(self, d: Batch) -> Vector:
        f = layer_activation(self.net, -1).f
        m, r = self._z_rows.shape
        out = np.empty(d.shape[0])
        step = max(1, _CHUNK_ELEMENTS // (m * r))
        for start in range(0, d.shape[0], step):
            z = self._z_rows[None] + np.einsum("gp,pmr->gmr", d[start:start + step], self._moves)
            out[start:start + step] = self._constant + np.mean(np.sum((f(z) - self._t_rows) ** 2, axis=2), axis=1)
        return out

    def _general(self, d: Batch) -> Vector:
        theta = self.net.flat()
        out = np.empty(d.shape[0])
        for g, row in enumerate(d):
            moved = theta.copy()
            moved[self.indices] += row
            a = forward_from(self.net.with_flat(moved), self._a_from, self._first)
            out[g] = float(np.mean(cost_per_example(a, self._targets)))
        return out

    def slope(self, offset: object, h: float = 1e-5) -> Vector:
        r"""Partial derivatives of the slice at one point, by central differences.

        Parameters
        ----------
        offset : (p,) array_like or float
            The point (offsets from the network's parameters).
        h : float
            Difference step, > 0.

        Returns
        -------
        (p,) ndarray
            :math:`\partial C / \partial \theta_{p_i}` there; at a zero offset these
            are the entries of the full gradient that ``backprop`` gives.
        """
        if not h > 0:
            raise ValueError(f"h must be > 0; got {h}")
        o = self._point(offset)
        eye = h * np.eye(self.dim)
        c = self(np.concatenate([o + eye, o - eye]))
        out: Vector = (c[: self.dim] - c[self.dim:]) / (2 * h)
        return out

    def _point(self, offset: object) -> Vector:
        o = np.atleast_1d(np.asarray(offset, dtype=np.float64)).ravel()
        if o.shape != (self.dim,):
            raise ValueError(f"offset has shape {o.shape}; expected ({self.dim},), one entry per parameter")
        return o

    def descend(self, eta: float, steps: int, start: object = None) -> SliceDescent:
        r"""Walk downhill: :math:`\delta_{t+1} = \delta_t - \eta\,\nabla C_{\text{slice}}(\delta_t)`.

        Parameters
        ----------
        eta : float
            Step size, > 0.
        steps : int
            Number of steps, >= 0.
        start : (p,) array_like, optional
            Starting offsets (default: zero, the network's own parameters).
        """
        if not eta > 0 or steps < 0:
            raise ValueError(f"need eta > 0 and steps >= 0; got eta={eta}, steps={steps}")
        point = np.zeros(self.dim) if start is None else self._point(start)
        offsets, slopes = [point], [self.slope(point)]
        for _ in range(steps):
            point = point - eta * slopes[-1]
            offsets.append(point)
            slopes.append(self.slope(point))
        path = np.array(offsets)
        return SliceDescent(path, self(path), np.array(slopes))
