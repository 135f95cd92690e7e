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

import contextlib
from dataclasses import dataclass, field
from typing import Any, Callable, ContextManager, Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from ._typing import Batch, Labels
from .backprop import COSTS
from .cost import cross_entropy
from .network import Network, feedforward
from .validate import labelled_data


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
    x, y = labelled_data((images, labels), net.sizes[0], net.sizes[-1], "evaluate")
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


_Array = NDArray[Any]  # float32 or float64, as sgd's dtype says


class _Layer:
    """One layer's parameters inside the trainer: ``wb = [W | b]``, shape ``(n_out, n_in + 1)``."""

    def __init__(self, w: _Array, b: _Array, dtype: type) -> None:
        n_out, n_in = w.shape
        self.wb: _Array = np.empty((n_out, n_in + 1), dtype)
        self.wb[:, :n_in] = w
        self.wb[:, n_in] = b
        self.w = self.wb[:, :n_in]  # views, fixed for the trainer's life
        self.wb_t = self.wb.T
        self.gw = np.empty_like(self.wb)  # (eta/m) [nabla_W | nabla_b], one matmul


class _Buffers:
    """Every array one step on ``m`` examples writes, allocated once.

    ``ones[i]`` is layer ``i``'s activations ``(m, n_i + 1)`` with a last column of ones
    (``acts[i]`` views its first ``n_i`` columns); ``ones[0]`` is the input batch.
    """

    def __init__(self, sizes: Sequence[int], m: int, dtype: type) -> None:
        self.ones: list[_Array] = [np.ones((m, n + 1), dtype) for n in sizes[:-1]]
        self.acts = [buf[:, :-1] for buf in self.ones]
        self.zs: list[_Array] = [np.empty((m, n), dtype) for n in sizes[1:]]
        self.deltas: list[_Array] = [np.empty((m, n), dtype) for n in sizes[1:]]
        self.deltas_t = [d.T for d in self.deltas]
        self.tmps: list[_Array] = [np.empty((m, n), dtype) for n in sizes[1:]]
        self.column: _Array = np.empty((m, 1), dtype)


def _activate(kind: str, z: _Array, out: _Array, column: _Array) -> None:
    """``out = f(z)``, overwriting ``z``; ``column`` is an ``(m, 1)`` scratch buffer."""
    if kind == "sigmoid":
        np.negative(z, out=z)
        np.exp(z, out=z)
        np.add(z, 1.0, out=z)
        np.reciprocal(z, out=out)
    elif kind == "relu":
        np.maximum(z, 0.0, out=out)
    else:  # softmax
        np.max(z, axis=1, keepdims=True, out=column)
        np.subtract(z, column, out=z)
        np.exp(z, out=z)
        np.sum(z, axis=1, keepdims=True, out=column)
        np.divide(z, column, out=out)


def _times_prime(kind: str, a: _Array, dc_da: _Array, tmp: _Array) -> None:
    """``dc_da *= f'(z)`` in place, from the activations ``a = f(z)``."""
    if kind == "sigmoid":  # sigma' = a (1 - a)
        np.subtract(1.0, a, out=tmp)
        np.multiply(tmp, a, out=tmp)
        np.multiply(dc_da, tmp, out=dc_da)
    else:  # relu' = [a > 0]
        np.greater(a, 0.0, out=tmp)
        np.multiply(dc_da, tmp, out=dc_da)


class _Trainer:
    r"""Mini-batch steps in place, in ``dtype``, with every buffer preallocated.

    Notes
    -----
    Three rewrites cut the number of numpy calls per step (at batch 10 the step is
    dominated by per-call overhead, not arithmetic); none changes the result beyond
    the rounding of the chosen dtype:

    - each layer keeps ``[W | b]`` as one matrix and each activation batch a last
      column of ones, so one matmul gives :math:`Z = A W^\top + b` and one matmul gives
      both gradients, :math:`\Delta^\top [A \mid 1] = [\nabla_W \mid \nabla_b]`;
    - the factor :math:`\eta/m` multiplies :math:`\delta^{(L)}` once; backpropagation
      is linear in :math:`\delta`, so every gradient comes out scaled and the update
      is one subtraction per layer;
    - the mini-batch rows are gathered straight into the input buffer with ``np.take``,
      and the outputs of the epoch are kept so its cost is computed once at its end.
    """

    def __init__(self, net: Network, x: _Array, y: _Array, batch_size: int,
                 cost: str, dtype: type) -> None:
        self.net = net
        self.cost = cost
        self.kinds = [net.activation] * (len(net.weights) - 1) + [net.output_activation]
        self.layers = [_Layer(w, b, dtype) for w, b in zip(net.weights, net.biases)]
        n, n_in = x.shape
        self.n: int = n
        self.x = np.ones((n, n_in + 1), dtype)  # the inputs with their column of ones
        self.x[:, :n_in] = x
        self.targets: _Array = np.eye(net.sizes[-1], dtype=dtype)[y]
        self.y_epoch: _Array = np.empty_like(self.targets)  # targets and outputs in epoch order
        self.out_epoch: _Array = np.empty_like(self.targets)
        self.batch_size = min(batch_size, n)
        self.buffers = {m: _Buffers(net.sizes, m, dtype) for m in {self.batch_size, n % self.batch_size} if m}

    def step(self, rows: _Array, t: _Array, out: _Array, lr: float, shrink: float) -> None:
        """One gradient step on the examples ``rows`` (targets ``t``); their outputs go to ``out``."""
        m = len(rows)
        buf = self.buffers[m]
        layers, kinds, ones, acts, zs, deltas = (
            self.layers, self.kinds, buf.ones, buf.acts, buf.zs, buf.deltas)
        last = len(layers) - 1
        np.take(self.x, rows, axis=0, out=ones[0], mode="clip")
        for i, layer in enumerate(layers):
            z = zs[i]
            np.matmul(ones[i], layer.wb_t, out=z)
            _activate(kinds[i], z, out if i == last else acts[i + 1], buf.column)
        delta = deltas[last]
        np.subtract(out, t, out=delta)
        if self.cost == "quadratic":  # delta = 2 (a - y) f'(z), times eta/m
            if kinds[last] == "softmax":
                g = delta
                np.multiply(g, out, out=buf.tmps[last])
                np.sum(buf.tmps[last], axis=1, keepdims=True, out=buf.column)
                np.subtract(g, buf.column, out=delta)
                np.multiply(delta, out, out=delta)
            else:
                _times_prime(kinds[last], out, delta, buf.tmps[last])
            np.multiply(delta, 2.0 * lr / m, out=delta)
        else:  # cross-entropy with a softmax or sigmoid output: delta = a - y
            np.multiply(delta, lr / m, out=delta)
        for i in range(last, -1, -1):
            layer = layers[i]
            np.matmul(buf.deltas_t[i], ones[i], out=layer.gw)
            if i > 0:  # uses W before its update
                np.matmul(deltas[i], layer.w, out=deltas[i - 1])
                _times_prime(kinds[i - 1], acts[i], deltas[i - 1], buf.tmps[i - 1])
            if shrink != 1.0:
                np.multiply(layer.w, shrink, out=layer.w)
            np.subtract(layer.wb, layer.gw, out=layer.wb)

    def epoch(self, perm: _Array, lr: float, shrink: float,
              on_step: Callable[[int], None] | None = None) -> float:
        """Steps over the examples in the order ``perm``; returns the mean cost seen.

        ``on_step(k)`` is called after the ``k``-th step of the epoch (1-based).
        """
        np.take(self.targets, perm, axis=0, out=self.y_epoch)
        n, size = self.n, self.batch_size
        for k, start in enumerate(range(0, n, size), start=1):
            stop = min(start + size, n)
            self.step(perm[start:stop], self.y_epoch[start:stop], self.out_epoch[start:stop], lr, shrink)
            if on_step is not None:
                on_step(k)
        if self.cost == "quadratic":
            diff = self.out_epoch - self.y_epoch
            return float(np.einsum("ij,ij->", diff, diff, dtype=np.float64)) / self.n
        return cross_entropy(self.out_epoch.astype(np.float64), self.y_epoch, self.net.output_activation)

    def network(self) -> Network:
        """The current parameters as a (float64) :class:`Network`."""
        return Network([layer.w for layer in self.layers], [layer.wb[:, -1] for layer in self.layers],
                       self.net.activation, self.net.output_activation)


def one_blas_thread() -> ContextManager[object]:
    """A context in which BLAS (numpy's matrix products) runs on one thread.

    Mini-batch matrices are small: a second BLAS thread only adds synchronisation, and
    on a busy machine OpenBLAS's waiting threads can make an epoch many times slower
    (784-100-10 at batch 10, 5,000 images, while other processes kept both cores busy:
    17.6 s with two threads, 0.28 s with one). Uses ``threadpoolctl`` when it is
    installed; otherwise BLAS is left as configured (``OPENBLAS_NUM_THREADS``).
    """
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        return contextlib.nullcontext()
    limits: ContextManager[object] = threadpool_limits(limits=1, user_api="blas")
    return limits


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
    on_epoch: Callable[[EpochRecord], None] | None = None,
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
        BLAS runs on one thread meanwhile (see :func:`one_blas_thread`).
    on_epoch : callable, optional
        Called with each epoch's :class:`EpochRecord` as soon as it is complete, e.g. to
        show progress; :func:`sgd` itself never prints.

    Returns
    -------
    History
        The trained network, one record per epoch and the snapshots. Nothing is printed.

    Notes
    -----
    Epoch ``k`` visits the examples in the order of the ``k``-th
    ``numpy.random.default_rng(seed).permutation(n)`` and cuts it into mini-batches of
    ``batch_size``; each step is the update of the module's Notes, on the network as it
    is (so the same seed always gives the same network on the same machine).
    Snapshot 0 is the input network itself; later snapshots and the result carry the
    rounding of ``dtype``.
    """
    if epochs < 0 or batch_size < 1 or not eta > 0:
        raise ValueError(f"need epochs >= 0, batch_size >= 1 and eta > 0; got {epochs}, {batch_size}, {eta}")
    if cost not in COSTS:
        raise ValueError(f"unknown cost {cost!r}; use one of {COSTS}")
    if patience is not None and validation is None:
        raise ValueError("patience needs validation data to watch; pass validation=(images, labels)")
    if patience is not None and patience < 1:
        raise ValueError(f"patience must be at least 1 epoch; got {patience}")
    if not lmbda >= 0:
        raise ValueError(f"lmbda (L2 strength) must be >= 0; got {lmbda}")
    if not 0 < min_eta_fraction <= 1:
        raise ValueError(f"min_eta_fraction must be in (0, 1]; got {min_eta_fraction}")
    if np.dtype(dtype) not in (np.float32, np.float64):
        raise ValueError(f"dtype must be np.float32 or np.float64; got {np.dtype(dtype)}")
    n_in, n_out = net.sizes[0], net.sizes[-1]
    x, y = labelled_data(data, n_in, n_out, "data")
    test_xy = None if test is None else labelled_data(test, n_in, n_out, "test")
    val_xy = None if validation is None else labelled_data(validation, n_in, n_out, "validation")
    wanted = sorted(set(int(s) for s in snapshots))
    if wanted and wanted[0] < 0:
        raise ValueError("snapshot steps must be >= 0")
    n = len(y)
    if n == 0:
        raise ValueError("data holds no examples; pass at least one (image, label) pair")
    trainer = _Trainer(net, x, y, batch_size, cost, dtype)
    history = History(network=net.copy())
    rng = np.random.default_rng(seed)
    shrink = 1.0 - 2.0 * eta * lmbda / n
    step_no, best_acc, best_epoch, stale, lr = 0, -1.0, 0, 0, float(eta)
    best_net = history.network
    if 0 in wanted:
        history.snapshots[0] = net.copy()
    wanted_set = set(wanted)

    def keep_snapshot(k: int) -> None:
        if step_no + k in wanted_set:
            history.snapshots[step_no + k] = trainer.network()

    steps_per_epoch = -(-n // trainer.batch_size)
    with np.errstate(over="ignore", under="ignore"), one_blas_thread():
        for epoch in range(1, epochs + 1):
            perm = rng.permutation(n)
            hook = keep_snapshot if any(step_no < s <= step_no + steps_per_epoch for s in wanted) else None
            train_cost = trainer.epoch(perm, lr, shrink, hook)
            step_no += steps_per_epoch
            current = trainer.network()
            record = EpochRecord(
                epoch=epoch, eta=lr, train_cost=train_cost,
                test_accuracy=None if test_xy is None else evaluate(current, *test_xy).accuracy,
                validation_accuracy=None if val_xy is None else evaluate(current, *val_xy).accuracy,
            )
            history.epochs.append(record)
            history.network, history.best_epoch = current, epoch
            if on_epoch is not None:
                on_epoch(record)
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
