r"""Stochastic gradient descent and evaluation.

Notes
-----
One step on a mini-batch :math:`B` of size :math:`m`:

.. math:: W \leftarrow \left(1 - \frac{2\eta\lambda}{n}\right) W
          - \frac{\eta}{m} \sum_{x \in B} \nabla_W C_0(x), \qquad
          b \leftarrow b - \frac{\eta}{m} \sum_{x \in B} \nabla_b C_0(x)

where :math:`\lambda` is the L2 strength of the regularised cost
:math:`C = \overline{C_0} + \frac{\lambda}{n}\sum w^2` over :math:`n` training examples.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np

from ._typing import Batch, Labels
from .backprop import COSTS
from .network import Network, feedforward
from .validate import as_input, as_targets


@dataclass(frozen=True)
class Evaluation:
    """How a network does on labelled images.

    Attributes
    ----------
    accuracy : float
        Fraction correct, in [0, 1].
    correct : int
        Number of images whose brightest output is the label.
    predictions : (m,) ndarray of int
        The network's answer for each image.
    mistakes : (k,) ndarray of int
        Indexes (into the images given) of the wrong answers, ascending.
    """

    accuracy: float
    correct: int
    predictions: Labels
    mistakes: Labels


def _split(data: Any, n_in: int, n_out: int, name: str) -> tuple[Batch, Labels]:
    """(images, labels) from a tuple or an object with ``.images`` and ``.labels``."""
    if hasattr(data, "images") and hasattr(data, "labels"):
        images, labels = data.images, data.labels
    else:
        try:
            images, labels = data
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be (images, labels) or have .images and .labels") from None
    x = as_input(images, n_in)
    if x.ndim != 2:
        raise ValueError(f"{name} images must be a batch (m, {n_in}); got {x.shape}")
    y = np.asarray(labels)
    as_targets(y, n_out, (x.shape[0],))  # validates range and shape
    if y.ndim != 1:
        raise ValueError(f"{name} labels must be integer labels (m,); got shape {y.shape}")
    return x, y.astype(np.int64)


def evaluate(net: Network, images: Batch, labels: Labels) -> Evaluation:
    """Accuracy, predictions and mistakes of ``net`` on labelled images.

    Parameters
    ----------
    net : Network
        Sizes ``(n_0, ..., n_L)``.
    images : (m, n_0) ndarray
        One image per row.
    labels : (m,) ndarray of int
        Labels in ``0 .. n_L - 1``.

    Examples
    --------
    >>> net = Network.random([4, 3], seed=0)
    >>> evaluate(net, np.zeros((2, 4)), np.array([0, 1])).correct in (0, 1, 2)
    True
    """
    x, y = _split((images, labels), net.sizes[0], net.sizes[-1], "evaluate")
    predictions = np.argmax(feedforward(net, x).output, axis=1)
    right = predictions == y
    return Evaluation(
        accuracy=float(np.mean(right)) if len(y) else 0.0,
        correct=int(np.sum(right)),
        predictions=predictions,
        mistakes=np.flatnonzero(~right),
    )


@dataclass(frozen=True)
class EpochRecord:
    """One epoch of training.

    Attributes
    ----------
    epoch : int
        1-based.
    eta : float
        Learning rate used during the epoch.
    train_cost : float
        Mean cost of the epoch's mini-batches, as seen during the epoch (before each step).
    test_accuracy, validation_accuracy : float or None
        After the epoch, when test / validation data were given.
    """

    epoch: int
    eta: float
    train_cost: float
    test_accuracy: float | None = None
    validation_accuracy: float | None = None


@dataclass
class History:
    """What :func:`sgd` did.

    Attributes
    ----------
    network : Network
        The trained network (with ``patience``: the one of the best validation epoch).
    epochs : list of EpochRecord
        One record per epoch.
    snapshots : dict of int to Network
        Copies of the network at the requested steps (0 = before any step).
    best_epoch : int
        The epoch whose network was returned (the last, without ``patience``).
    """

    network: Network
    epochs: list[EpochRecord] = field(default_factory=list)
    snapshots: dict[int, Network] = field(default_factory=dict)
    best_epoch: int = 0


class _Trainer:
    """Mini-batch steps in place on float arrays, with preallocated buffers."""

    def __init__(self, net: Network, batch_size: int, cost: str, dtype: type) -> None:
        self.net = net
        self.dtype = dtype
        self.cost = cost
        self.ws = [w.astype(dtype) for w in net.weights]
        self.bs = [b.astype(dtype) for b in net.biases]
        m = batch_size
        self.zs = [np.empty((m, w.shape[0]), dtype) for w in self.ws]
        self.acts = [np.empty((m, w.shape[0]), dtype) for w in self.ws]
        self.grad_w = [np.empty_like(w) for w in self.ws]
        self.tmp = [np.empty((m, w.shape[0]), dtype) for w in self.ws]
        self.eye = np.eye(net.sizes[-1], dtype=dtype)

    def _activate(self, z: np.ndarray, out: np.ndarray, kind: str) -> None:
        if kind == "sigmoid":
            np.negative(z, out=out)
            np.exp(out, out=out)
            out += 1.0
            np.reciprocal(out, out=out)
        elif kind == "relu":
            np.maximum(z, 0.0, out=out)
        else:  # softmax
            np.subtract(z, z.max(axis=1, keepdims=True), out=out)
            np.exp(out, out=out)
            out /= out.sum(axis=1, keepdims=True)

    def _prime_times(self, i: int, kind: str, dc_da: np.ndarray) -> np.ndarray:
        """dc_da * f'(z_i), in place on dc_da."""
        m = dc_da.shape[0]
        if kind == "sigmoid":
            a = self.acts[i][:m]
            t = self.tmp[i][:m]
            np.subtract(1.0, a, out=t)
            t *= a
            dc_da *= t
        else:  # relu
            dc_da *= self.zs[i][:m] > 0
        return dc_da

    def step(self, x: np.ndarray, labels: np.ndarray, eta: float, shrink: float) -> float:
        """One gradient step on the mini-batch; returns its mean cost before the step."""
        m = x.shape[0]
        n = len(self.ws)
        a = x
        for i in range(n):
            z = self.zs[i][:m]
            np.matmul(a, self.ws[i].T, out=z)
            z += self.bs[i]
            kind = self.net.output_activation if i == n - 1 else self.net.activation
            self._activate(z, self.acts[i][:m], kind)
            a = self.acts[i][:m]
        t = self.eye[labels]
        diff = a - t
        if self.cost == "quadratic":
            batch_cost = float(np.einsum("ij,ij->", diff, diff)) / m
            if self.net.output_activation == "softmax":
                g = 2.0 * diff
                delta = a * (g - np.sum(g * a, axis=1, keepdims=True))
            else:
                delta = self._prime_times(n - 1, self.net.output_activation, 2.0 * diff)
        else:
            p = a[np.arange(m), labels]
            batch_cost = float(-np.mean(np.log(np.maximum(p, 1e-30))))
            delta = diff
        step = eta / m
        for i in range(n - 1, -1, -1):
            a_prev = x if i == 0 else self.acts[i - 1][:m]
            gw = self.grad_w[i]
            np.matmul(delta.T, a_prev, out=gw)
            if i > 0:
                dc_da = delta @ self.ws[i]
                delta_prev = self._prime_times(i - 1, self.net.activation, dc_da)
            if shrink != 1.0:
                self.ws[i] *= shrink
            gw *= step
            self.ws[i] -= gw
            self.bs[i] -= step * delta.sum(axis=0)
            if i > 0:
                delta = delta_prev
        return batch_cost

    def network(self) -> Network:
        return Network(self.ws, self.bs, self.net.activation, self.net.output_activation)


def sgd(
    net: Network,
    data: Any,
    epochs: int,
    batch_size: int,
    eta: float,
    seed: int,
    test: Any = None,
    snapshots: Iterable[int] = (),
    *,
    validation: Any = None,
    lmbda: float = 0.0,
    cost: str = "quadratic",
    patience: int | None = None,
    min_eta_fraction: float = 1 / 128,
    dtype: type = np.float32,
) -> History:
    r"""Train a copy of ``net`` by mini-batch stochastic gradient descent.

    Parameters
    ----------
    net : Network
        The starting network; it is not modified.
    data : (images (n, n_0), labels (n,)) or an object with ``.images``/``.labels``
        Training data, e.g. ``load_mnist().train``.
    epochs : int
        Maximum number of passes over ``data``.
    batch_size : int
        Examples per step; the last mini-batch of an epoch may be smaller.
    eta : float
        Learning rate :math:`\eta` (the videos' convention: the gradient of
        :math:`C_0 = \sum (a - y)^2` has the factor 2, so 1.5 here is Nielsen's 3.0).
    seed : int
        Seeds the shuffles; the same call always gives the same network.
    test : like ``data``, optional
        Evaluated after each epoch (``EpochRecord.test_accuracy``); never used to decide anything.
    snapshots : iterable of int
        Global step numbers (0 = before the first step) at which to keep a copy of the network.
    validation : like ``data``, optional
        Evaluated after each epoch; with ``patience``, drives the schedule.
    lmbda : float
        L2 strength :math:`\lambda` (see Notes of the module).
    cost : {"quadratic", "cross_entropy"}
        The cost minimised.
    patience : int, optional
        Halve :math:`\eta` when validation accuracy has not improved for this many
        epochs; stop when :math:`\eta` falls below ``min_eta_fraction * eta``; return
        the network of the best validation epoch. Needs ``validation``.
    dtype : numpy float type
        Arithmetic precision of the training loop (float32 is about twice as fast).

    Returns
    -------
    History
        The trained network, one record per epoch and the snapshots. Nothing is printed.
    """
    if epochs < 0 or batch_size < 1 or not eta > 0:
        raise ValueError(f"need epochs >= 0, batch_size >= 1 and eta > 0; got {epochs}, {batch_size}, {eta}")
    if cost not in COSTS:
        raise ValueError(f"unknown cost {cost!r}; use one of {COSTS}")
    if patience is not None and validation is None:
        raise ValueError("patience needs validation data to watch; pass validation=(images, labels)")
    n_in, n_out = net.sizes[0], net.sizes[-1]
    x, y = _split(data, n_in, n_out, "data")
    test_xy = None if test is None else _split(test, n_in, n_out, "test")
    val_xy = None if validation is None else _split(validation, n_in, n_out, "validation")
    wanted = sorted(set(int(s) for s in snapshots))
    if wanted and wanted[0] < 0:
        raise ValueError("snapshot steps must be >= 0")
    n = len(y)
    trainer = _Trainer(net, batch_size, cost, dtype)
    history = History(network=net.copy())
    rng = np.random.default_rng(seed)
    x_buf = np.empty((n, n_in), dtype)
    src = x.astype(dtype)
    shrink = 1.0 - 2.0 * eta * lmbda / n
    step_no, best_acc, best_epoch, stale, lr = 0, -1.0, 0, 0, float(eta)
    if 0 in wanted:
        history.snapshots[0] = trainer.network()
    with np.errstate(over="ignore", under="ignore"):
        for epoch in range(1, epochs + 1):
            perm = rng.permutation(n)
            np.take(src, perm, axis=0, out=x_buf)
            y_perm = y[perm]
            total = 0.0
            for start in range(0, n, batch_size):
                stop = min(start + batch_size, n)
                total += trainer.step(x_buf[start:stop], y_perm[start:stop], lr, shrink) * (stop - start)
                step_no += 1
                if step_no in wanted:
                    history.snapshots[step_no] = trainer.network()
            current = trainer.network()
            record = EpochRecord(
                epoch=epoch, eta=lr, train_cost=total / n,
                test_accuracy=None if test_xy is None else evaluate(current, *test_xy).accuracy,
                validation_accuracy=None if val_xy is None else evaluate(current, *val_xy).accuracy,
            )
            history.epochs.append(record)
            history.network, history.best_epoch = current, epoch
            if patience is None or record.validation_accuracy is None:
                continue
            if record.validation_accuracy > best_acc:
                best_acc, best_epoch, best_net, stale = record.validation_accuracy, epoch, current, 0
            else:
                stale += 1
                if stale >= patience:
                    lr, stale = lr / 2, 0
                    shrink = 1.0 - 2.0 * lr * lmbda / n
                    if lr < min_eta_fraction * eta:
                        break
        if patience is not None and best_epoch:
            history.network, history.best_epoch = best_net, best_epoch
    return history
