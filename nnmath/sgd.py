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
from functools import partial
from dataclasses import dataclass, field
from typing import Any, Callable, ContextManager, Iterable, Sequence, cast

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
_CHUNK_BYTES = 1 << 19  # input rows gathered per take: about 512 KB, so they stay in cache for the steps
_BYTE_SCALE = 256.0  # inputs that are all k/256 (k = 0..255, as MNIST's) are kept as the bytes k
_ONE = {"sigmoid": -1000.0, "relu": 1.0}  # the product that makes a hidden activation exactly 1 (see _Layer)


def _byte_codes(x: _Array) -> NDArray[np.uint8] | None:
    """``x * 256`` as bytes when that is exact for every entry (``k / 256``, ``k`` in 0..255), else None."""
    codes = np.empty(x.shape, np.uint8)
    for rows in (slice(start, start + 4096) for start in range(0, len(x), 4096)):  # no float copy of x
        with np.errstate(invalid="ignore"):  # out-of-range values wrap, and then differ
            np.copyto(codes[rows], block := x[rows] * _BYTE_SCALE, casting="unsafe")
        if not np.array_equal(codes[rows], block):
            return None
    return codes


class _Layer:
    """One layer inside the trainer: ``v = f [W | b]^T`` (+ a column of ones); see :class:`_Trainer`."""

    def __init__(self, w: _Array, b: _Array, kind: str, scale: float, extended: bool, dtype: type) -> None:
        n_out, n_in = w.shape
        self.kind, self.n_out = kind, n_out
        self.factor = (-1.0 if kind == "sigmoid" else 1.0) / scale
        self.v: _Array = np.zeros((n_in + 1, n_out + extended), dtype)
        self.v[:n_in, :n_out] = w.T
        self.v[n_in, :n_out] = b
        self.v[:, :n_out] *= self.factor
        self.v[n_in, n_out:] = _ONE.get(kind, 0.0) / scale  # (no such column when not extended)
        self.w_t = self.v[:n_in]  # W^T (times f), C-contiguous: the rows L2 shrinks
        self.g = np.empty_like(self.v)  # the step's gradient, in v's layout


_Below = tuple[_Array, _Array, _Array, _Array, str, _Array]


class _Step:
    """The buffers and the plan of one step on ``m`` examples, allocated once."""

    def __init__(self, layers: Sequence[_Layer], m: int, dtype: type) -> None:
        self.m = m
        widths = [layer.v.shape[1] for layer in layers]
        ones = [np.ones((m, layer.n_out + 1), dtype) for layer in layers[:-1]]
        written = [a if a.shape[1] == w else a[:, :-1] for a, w in zip(ones, widths)]
        zs = [np.empty((m, n), dtype) for n in widths]
        self.tmps = [np.empty((m, n), dtype) for n in widths]
        self.column: _Array = np.empty((m, 1), dtype)
        self.delta: _Array = np.empty((m, widths[-1]), dtype)
        self.one: _Array = np.ones((), dtype)
        self.zero: _Array = np.zeros((), dtype)
        self.scale: _Array = np.ones((), dtype)
        # forward: (v, z, kind, activations written, next input (with ones), or None twice)
        self.forward: list[tuple[_Array, _Array, str, _Array | None, _Array | None]] = [
            (layer.v, zs[i], layer.kind, *((written[i], ones[i]) if i < len(ones) else (None, None)))
            for i, layer in enumerate(layers)]
        # backward, last layer first: (layer, its input (None: the chunk rows), the layer below (v^T to
        # back-propagate through, its activations, delta, scratch, kind, ReLU' thresholds), update, rescale)
        self.backward: list[tuple[_Layer, _Array | None, _Below | None, Callable[..., Any], _Array | None]] = []
        sign = 1.0  # the computed delta is sign * the true (eta/m-scaled) delta of the layer
        for i in range(len(layers) - 1, -1, -1):
            layer = layers[i]
            f = abs(layer.factor)  # v = f s [W | b]^T, input [a | 1] / f: the gradient needs f^2
            update = np.subtract if sign * layer.factor > 0 else np.add
            below: _Below | None = None
            if i > 0:
                kind, width = layers[i - 1].kind, widths[i - 1]
                above = np.zeros(width, dtype)
                above[layers[i - 1].n_out:] = 2.0  # ReLU' = [a > 0], and 0 on a column of ones
                below = (layer.v[:width].T, written[i - 1], zs[i - 1], self.tmps[i - 1], kind, above)
                sign *= np.sign(layer.factor) * (-1.0 if kind == "sigmoid" else 1.0)
            rescale: _Array | None = None if f == 1.0 else np.full((), f * f, dtype)
            self.backward.append((layer, None if i == 0 else ones[i - 1], below, update, rescale))


_Op = Callable[[], object]


def _activate(kind: str, z: _Array, out: _Array, step: _Step) -> list[_Op]:
    """The calls ``out = f(z)`` from the product ``z = s (a W^T + b)``, overwriting ``z``."""
    if kind == "sigmoid":  # z holds -z already
        return [partial(np.exp, z, z), partial(np.add, z, step.one, z), partial(np.reciprocal, z, out)]
    if kind == "relu":
        return [partial(np.maximum, z, step.zero, out=out)]
    column = step.column  # softmax
    return [partial(np.max, z, axis=1, keepdims=True, out=column), partial(np.subtract, z, column, z),
            partial(np.exp, z, z), partial(np.sum, z, axis=1, keepdims=True, out=column),
            partial(np.divide, z, column, out)]


def _output_prime(kind: str, out: _Array, delta: _Array, step: _Step) -> list[_Op]:
    """The calls ``delta *= f'(z)`` for the output layer (``f`` as a Jacobian for softmax), from ``out = f(z)``."""
    tmp, column, multiply = step.tmps[-1], step.column, np.multiply
    if kind == "softmax":  # J^T g = a * (g - <g, a>)
        return [partial(multiply, delta, out, tmp), partial(np.sum, tmp, axis=1, keepdims=True, out=column),
                partial(np.subtract, delta, column, delta), partial(multiply, delta, out, delta)]
    if kind == "sigmoid":
        return [partial(np.subtract, step.one, out, tmp), partial(multiply, tmp, out, tmp),
                partial(multiply, delta, tmp, delta)]
    return [partial(np.greater, out, step.zero, tmp), partial(multiply, delta, tmp, delta)]


def _program(step: _Step, inp: _Array, t: _Array, out: _Array, quadratic: bool, shrink: _Array | None) -> list[_Op]:
    """Every call of one step on the rows ``inp`` (targets ``t``, outputs to ``out``), bound once."""
    dot, multiply, a = np.dot, np.multiply, inp
    ops: list[_Op] = []
    for v, z, kind, act, full in step.forward:
        ops += [partial(dot, a, v, z), *_activate(kind, z, out if act is None else act, step)]
        a = inp if full is None else full
    delta = step.delta
    ops.append(partial(np.subtract, out, t, delta))
    if quadratic:  # delta = 2 (a - y) f'(z); times eta/m (step.scale)
        ops += _output_prime(step.forward[-1][2], out, delta, step)
    ops.append(partial(multiply, delta, step.scale, delta))
    for layer, ones, below, update, rescale in step.backward:
        if rescale is not None:
            ops.append(partial(multiply, delta, rescale, delta))
        ops.append(partial(dot, inp.T if ones is None else ones.T, delta, layer.g))
        if below is not None:  # uses W before its update
            v_back, act, q, tmp, kind, above = below
            ops.append(partial(dot, delta, v_back, q))
            if kind == "sigmoid":  # q (a - 1) a = -q a (1 - a)
                ops += [partial(np.subtract, act, step.one, tmp), partial(multiply, q, tmp, q),
                        partial(multiply, q, act, q)]
            else:  # relu' = [a > 0]
                ops += [partial(np.greater, act, above, tmp), partial(multiply, q, tmp, q)]
            delta = q
        if shrink is not None:
            ops.append(partial(multiply, layer.w_t, shrink, layer.w_t))
        ops.append(partial(update, layer.v, layer.g, layer.v))
    return ops


class _Trainer:
    r"""Mini-batch steps in place, in ``dtype``, with every buffer and view made once.

    Notes
    -----
    A step costs its numpy calls' fixed cost (batch 10), its products and fetching shuffled
    rows (batch 100). Each call of a step is bound once (:func:`_program`) to buffers made
    once. Exact rewrites: a layer keeps ``v = f [W | b]^T`` and its input a column of ones
    (one ``np.dot``, half ``np.matmul``'s fixed cost, gives :math:`Z`, one both gradients);
    ``f`` is -1 before a sigmoid (three calls, :math:`1 / (1 + e^{-z})`; signs become adds or
    subtracts), else +1, over 256 for inputs kept as bytes (all in 1/256ths, as MNIST: a
    quarter of the memory traffic); a hidden layer after the first has an output column, 0
    but for its bias entry, whose activation is exactly 1 (:math:`e^{-1000} = 0`, ReLU(1) =
    1), the next column of ones, so no call runs on a strided view (its delta is 0: sigmoid'
    ``1 - 1``, ReLU' test ``a > 2``); numbers are 0-d arrays (a Python float is converted on
    every call); :math:`\eta/m` scales :math:`\delta^{(L)}` once; rows are gathered by
    512 KB chunks; the cost is computed once an epoch.
    """

    def __init__(self, net: Network, x: _Array, y: _Array, batch_size: int, cost: str, decay: bool,
                 dtype: type) -> None:
        n, n_in = x.shape
        self.net, self.cost, self.codes = net, cost, _byte_codes(x)
        self.n: int = n
        scale = 1.0 if self.codes is None else _BYTE_SCALE
        kinds = [net.activation] * (len(net.weights) - 1) + [net.output_activation]
        self.layers = [_Layer(w, b, kind, scale if i == 0 else 1.0, 0 < i < len(kinds) - 1, dtype)
                       for i, (w, b, kind) in enumerate(zip(net.weights, net.biases, kinds))]
        if self.codes is None:
            self.x: _Array = np.ones((n, n_in + 1), dtype)  # the inputs with their column of ones
            self.x[:, :n_in] = x
        self.targets: _Array = np.eye(net.sizes[-1], dtype=dtype)[y]
        self.y_epoch: _Array = np.empty_like(self.targets)  # targets and outputs in epoch order
        self.out_epoch: _Array = np.empty_like(self.targets)
        size = self.batch_size = min(batch_size, n)
        rows = size * max(1, _CHUNK_BYTES // (size * np.dtype(dtype).itemsize * (n_in + 1)))
        self.chunk: _Array = np.full((rows, n_in + 1), scale, dtype)  # inputs, targets and outputs of a chunk
        self.chunk_codes = np.empty((rows, n_in), np.uint8)
        self.chunk_t, self.chunk_out = np.empty((rows, net.sizes[-1]), dtype), np.empty((rows, net.sizes[-1]), dtype)
        self.plans = {m: _Step(self.layers, m, dtype) for m in {size, n % size} if m}
        self.shrink: _Array = np.ones((), dtype)  # 1 - 2 eta lambda / n, used with decay only
        programs: dict[tuple[int, int], list[_Op]] = {}  # by (first row in the chunk, rows): the same views
        self.chunks: list[tuple[int, int, list[list[_Op]]]] = []  # (start, stop, the programs of its steps)
        for start in range(0, n, rows):
            stop, steps = min(start + rows, n), []
            for first in range(0, stop - start, size):
                m = min(size, stop - start - first)
                if (first, m) not in programs:
                    where = slice(first, first + m)
                    programs[first, m] = _program(
                        self.plans[m], self.chunk[where], self.chunk_t[where], self.chunk_out[where],
                        cost == "quadratic", self.shrink if decay else None)
                steps.append(programs[first, m])
            self.chunks.append((start, stop, steps))

    def epoch(self, perm: _Array, lr: float, shrink: float, on_step: Callable[[int], None] | None = None) -> float:
        """Steps over the examples in the order ``perm`` (``on_step(k)`` after the k-th); the mean cost seen."""
        quadratic = self.cost == "quadratic"
        for plan in self.plans.values():  # delta = 2 (a - y) f'(z) for the quadratic cost, times eta/m
            plan.scale[()] = (2.0 if quadratic else 1.0) * lr / plan.m
        self.shrink[()] = shrink
        self.targets.take(perm, 0, self.y_epoch, "clip")
        for start, stop, steps in self.chunks:
            rows = stop - start
            if self.codes is None:
                self.x.take(perm[start:stop], 0, self.chunk[:rows], "clip")
            else:
                self.codes.take(perm[start:stop], 0, self.chunk_codes[:rows], "clip")
                np.copyto(self.chunk[:rows, :-1], self.chunk_codes[:rows])
            np.copyto(self.chunk_t[:rows], self.y_epoch[start:stop])
            for k, program in enumerate(steps, start=start // self.batch_size + 1):
                for op in program:
                    op()
                if on_step is not None:
                    on_step(k)
            np.copyto(self.out_epoch[start:stop], self.chunk_out[:rows])
        if quadratic:
            diff = self.out_epoch - self.y_epoch
            return float(np.einsum("ij,ij->", diff, diff, dtype=np.float64)) / self.n
        return cross_entropy(self.out_epoch.astype(np.float64), self.y_epoch, self.net.output_activation)

    def network(self) -> Network:
        """The current parameters as a (float64) :class:`Network`."""
        wbs = [(layer.v[:, : layer.n_out].astype(np.float64) / layer.factor).T for layer in self.layers]
        return Network([wb[:, :-1] for wb in wbs], [wb[:, -1] for wb in wbs], self.net.activation,
                       self.net.output_activation)


def one_blas_thread() -> ContextManager[object]:
    """A context in which BLAS (numpy's matrix products) runs on one thread.

    Mini-batch matrices are small: a second BLAS thread only adds synchronisation, and on a
    busy machine OpenBLAS's waiting threads can make an epoch many times slower (784-100-10,
    batch 10, 5,000 images, both cores busy: 17.6 s with two threads, 0.28 s with one). Uses
    ``threadpoolctl`` if installed; else BLAS is left as configured (``OPENBLAS_NUM_THREADS``).
    """
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        return contextlib.nullcontext()
    return cast(ContextManager[object], threadpool_limits(limits=1, user_api="blas"))


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
    if n == 0:  # (labelled_data lets an empty batch through)
        raise ValueError("data holds no examples; pass at least one (image, label) pair")
    trainer = _Trainer(net, x, y, batch_size, cost, lmbda > 0, dtype)
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
