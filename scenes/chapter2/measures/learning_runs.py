r"""Recorded learning: one example per step, and an SGD run filmed as snapshots.

Chapter 2 shows the network learning three times. First slowly: a fresh network meets
training digits one at a time; each digit's gradient is swept backwards and the
network takes one step down it (online gradient descent, batch size 1), while
the mean cost over a reference set is measured after every step. Then fast: a
whole SGD run replayed from weight snapshots while the test accuracy climbs. And in
the recap, a few full-batch steps, each down the gradient over all the images given.

.. math:: \theta \leftarrow \theta - \eta\,\nabla_\theta C_0(x_t)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnmath import Network, backprop, evaluate, sgd
from nnmath import Batch, Labels, Matrix, Vector
from nnmath.validate import labelled_data
from scenes.chapter2.measures.landscape import mean_cost

__all__ = ["OnlineRun", "online_steps", "FullBatchRun", "full_batch_steps", "Film", "film_steps", "training_film"]


@dataclass(frozen=True)
class OnlineRun:
    """Online gradient descent over a sequence of examples, one step each.

    Attributes
    ----------
    gradients : (n, n_parameters) ndarray
        Row ``t``: the flat gradient of :math:`C_0` for example ``t`` at the
        parameters before step ``t`` (layout of :meth:`Network.flat`).
    example_costs : (n,) ndarray
        :math:`C_0` of example ``t`` before its step.
    thetas : (n + 1, n_parameters) ndarray
        Flat parameters; row 0 is the start, row ``t + 1`` is after step ``t``.
    reference_costs : (n + 1,) ndarray
        Mean cost over the reference images at each row of ``thetas``.
    eta : float
        Learning rate.
    """

    gradients: Matrix
    example_costs: Vector
    thetas: Matrix
    reference_costs: Vector
    eta: float


def online_steps(net: Network, images: Batch, labels: Labels, eta: float,
                 reference: tuple[Batch, Labels]) -> OnlineRun:
    r"""One gradient step per example, in the order given, recording everything.

    Parameters
    ----------
    net : Network
        The start; not modified.
    images : (n, n_0) ndarray
        The examples, met in row order.
    labels : (n,) ndarray of int
        Their labels.
    eta : float
        Learning rate :math:`\eta > 0` (the videos' cost, without the 1/2).
    reference : (images (r, n_0), labels (r,))
        Images whose mean cost is measured before the first step and after each one.

    Returns
    -------
    OnlineRun
        Gradients ``(n, n_parameters)``, thetas ``(n + 1, n_parameters)``, costs.

    Examples
    --------
    >>> net = Network.random([4, 3, 2], seed=0)
    >>> run = online_steps(net, np.eye(4)[:2], np.array([0, 1]), 1.0, (np.eye(4), np.array([0, 1, 1, 0])))
    >>> run.thetas.shape, run.reference_costs.shape
    ((3, 23), (3,))
    """
    x, y = labelled_data((images, labels), net.sizes[0], net.sizes[-1], "images/labels")
    ref_x, ref_y = labelled_data(reference, net.sizes[0], net.sizes[-1], "reference")
    if not eta > 0:
        raise ValueError(f"eta must be > 0; got {eta}")
    if len(y) == 0 or len(ref_y) == 0:
        raise ValueError("online_steps needs at least one example and one reference image")
    current = net.copy()
    grads, example_costs = [], []
    thetas, ref_costs = [current.flat()], [mean_cost(current, ref_x, ref_y)]
    for xi, yi in zip(x, y):
        g = backprop(current, xi, int(yi))
        grads.append(g.flat())
        example_costs.append(g.cost)
        current = current.with_flat(thetas[-1] - eta * grads[-1])
        thetas.append(current.flat())
        ref_costs.append(mean_cost(current, ref_x, ref_y))
    return OnlineRun(np.array(grads), np.array(example_costs), np.array(thetas), np.array(ref_costs), float(eta))


@dataclass(frozen=True)
class FullBatchRun:
    """Full-batch gradient descent, every point and its cost.

    Attributes
    ----------
    thetas : (steps + 1, n_parameters) ndarray
        Flat parameters; row 0 is the start, row ``t + 1`` is after step ``t``.
    costs : (steps + 1,) ndarray
        Mean cost over the images at each row of ``thetas``.
    eta : float
        Learning rate, so the gradient of step ``t`` is ``(thetas[t] - thetas[t + 1]) / eta``.
    """

    thetas: Matrix
    costs: Vector
    eta: float


def full_batch_steps(net: Network, images: Batch, labels: Labels, steps: int, eta: float) -> FullBatchRun:
    r"""``steps`` steps of gradient descent, each down the gradient over all the images.

    Parameters
    ----------
    net : Network
        The start; not modified.
    images : (m, n_0) ndarray
        The images; each step's gradient and each point's cost average over all of them.
    labels : (m,) ndarray of int
        Their labels.
    steps : int
        Number of steps, >= 0.
    eta : float
        Learning rate :math:`\eta > 0` (the videos' cost, without the 1/2).

    Returns
    -------
    FullBatchRun
        ``thetas`` ``(steps + 1, n_parameters)`` and ``costs`` ``(steps + 1,)``.

    Notes
    -----
    .. math:: \theta_{t+1} = \theta_t - \eta\,\frac{1}{m}\sum_x \nabla_\theta C_0(x;\ \theta_t)

    Examples
    --------
    >>> run = full_batch_steps(Network.random([4, 3, 2], seed=0), np.eye(4), np.array([0, 1, 1, 0]), 2, 1.0)
    >>> run.thetas.shape, run.costs.shape
    ((3, 23), (3,))
    """
    x, y = labelled_data((images, labels), net.sizes[0], net.sizes[-1], "images/labels")
    if steps < 0 or not eta > 0:
        raise ValueError(f"need steps >= 0 and eta > 0; got steps={steps}, eta={eta}")
    if len(y) == 0:
        raise ValueError("full_batch_steps needs at least one image")
    thetas = [net.flat()]
    for _ in range(steps):
        thetas.append(thetas[-1] - eta * backprop(net.with_flat(thetas[-1]), x, y).flat())
    costs = np.array([mean_cost(net.with_flat(theta), x, y) for theta in thetas])
    return FullBatchRun(np.array(thetas), costs, float(eta))


def film_steps(total: int, frames: int) -> Labels:
    """Step numbers for ``frames`` snapshots of a run of ``total`` steps, denser early.

    Learning changes the network fastest at the start, so the frames are spaced
    geometrically: step 0, then roughly evenly on a log scale up to ``total``.

    Returns
    -------
    (k,) ndarray of int
        Strictly increasing, from 0 to ``total``; ``k <= frames`` (duplicates merged).

    Examples
    --------
    >>> film_steps(5000, 6).tolist()
    [0, 1, 8, 71, 595, 5000]
    """
    if total < 1 or frames < 2:
        raise ValueError(f"need total >= 1 and frames >= 2; got total={total}, frames={frames}")
    later = np.round(np.geomspace(1, total, frames - 1)).astype(np.int64)
    out: Labels = np.unique(np.concatenate([[0], later]))
    return out


@dataclass(frozen=True)
class Film:
    """An SGD run kept as snapshots, each scored on the test images.

    Attributes
    ----------
    steps : (k,) ndarray of int
        Step number of each snapshot (0 = the untrained start).
    thetas : (k, n_parameters) ndarray
        Flat parameters at each snapshot.
    test_accuracy : (k,) ndarray
        Fraction of the test images the snapshot gets right.
    batch_size : int
        Examples per step, so ``steps * batch_size`` examples have been seen.
    """

    steps: Labels
    thetas: Matrix
    test_accuracy: Vector
    batch_size: int


def training_film(net: Network, train: object, test: object, epochs: int, batch_size: int,
                  eta: float, seed: int, frames: int) -> Film:
    """Train with :func:`nnmath.sgd` and keep ``frames`` snapshots, scored on ``test``.

    Parameters
    ----------
    net : Network
        The start; not modified.
    train, test : (images, labels) or objects with ``.images`` / ``.labels``
        Training data and the images the snapshots are scored on.
    epochs, batch_size, eta, seed
        As for :func:`nnmath.sgd`.
    frames : int
        Snapshots wanted (see :func:`film_steps`), >= 2.

    Returns
    -------
    Film
        The last snapshot is the network :func:`nnmath.sgd` returns.
    """
    n_in, n_out = net.sizes[0], net.sizes[-1]
    x, y = labelled_data(train, n_in, n_out, "train")
    tx, ty = labelled_data(test, n_in, n_out, "test")
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1; got {batch_size}")
    total = epochs * -(-len(y) // batch_size)
    if total < 1:
        raise ValueError(f"epochs={epochs} with batch_size={batch_size} on {len(y)} examples takes no step")
    steps = film_steps(total, frames)
    history = sgd(net, (x, y), epochs, batch_size, eta, seed, snapshots=steps.tolist())
    nets = [history.snapshots[int(s)] for s in steps]
    accuracy = np.array([evaluate(n, tx, ty).accuracy for n in nets])
    return Film(steps, np.array([n.flat() for n in nets]), accuracy, int(batch_size))
