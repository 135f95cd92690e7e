"""sgd against steps computed by hand with nnmath.backprop, and its contract."""
import numpy as np
import pytest

import nnmath as nm
from nnmath.sgd import _byte_codes, one_blas_thread

KINDS = [
    ("sigmoid", None, "quadratic"),
    ("relu", "softmax", "cross_entropy"),
    ("relu", "sigmoid", "cross_entropy"),
    ("relu", "softmax", "quadratic"),
]


def _data(n, n_in=6, n_out=3, seed=0, bytes_=False):
    rng = np.random.default_rng(seed)
    x = rng.random((n, n_in))
    if bytes_:  # multiples of 1/256, as MNIST: the trainer keeps them as bytes
        x = np.floor(x * 256) / 256
    return x, rng.integers(0, n_out, n)


def _net(kind=KINDS[0], sizes=(6, 5, 4, 3)):
    act, out, _ = kind
    return nm.Network.random(sizes, seed=3, activation=act, output_activation=out, init="scaled")


def _manual_epoch(net, x, y, batch_size, eta, lmbda, cost, order):
    """The update rule of the sgd docstring, one nnmath.backprop call per mini-batch."""
    ws, bs = [w.copy() for w in net.weights], [b.copy() for b in net.biases]
    shrink = 1 - 2 * eta * lmbda / len(y)
    costs = []
    for start in range(0, len(y), batch_size):
        rows = order[start : start + batch_size]
        g = nm.backprop(nm.Network(ws, bs, net.activation, net.output_activation), x[rows], y[rows], cost=cost)
        costs.append(g.cost * len(rows))
        ws = [shrink * w - eta * gw for w, gw in zip(ws, g.nabla_w)]
        bs = [b - eta * gb for b, gb in zip(bs, g.nabla_b)]
    return nm.Network(ws, bs, net.activation, net.output_activation), sum(costs) / len(y)


@pytest.mark.parametrize("kind", KINDS)
def test_one_step_equals_a_manual_step_with_backprop(kind):
    net = _net(kind)
    x, y = _data(10)
    history = nm.sgd(net, (x, y), 1, 10, 0.7, seed=5, lmbda=0.3, cost=kind[2], dtype=np.float64)
    manual, cost = _manual_epoch(net, x, y, 10, 0.7, 0.3, kind[2], np.arange(10))
    np.testing.assert_allclose(history.network.flat(), manual.flat(), rtol=0, atol=1e-12)
    assert history.epochs[0].train_cost == pytest.approx(cost, rel=1e-12)


@pytest.mark.parametrize("bytes_", [False, True], ids=["floats", "256ths"])
@pytest.mark.parametrize("kind", KINDS)
def test_epochs_with_a_short_last_batch_equal_manual_steps(kind, bytes_):
    net = _net(kind)
    x, y = _data(13, bytes_=bytes_)
    assert (_byte_codes(x) is not None) == bytes_
    history = nm.sgd(net, (x, y), 2, 5, 0.4, seed=9, lmbda=0.5, cost=kind[2], dtype=np.float64)
    rng = np.random.default_rng(9)  # sgd's documented shuffle
    manual = net
    for record in history.epochs:
        manual, cost = _manual_epoch(manual, x, y, 5, 0.4, 0.5, kind[2], rng.permutation(13))
        assert record.train_cost == pytest.approx(cost, rel=1e-12)
    np.testing.assert_allclose(history.network.flat(), manual.flat(), rtol=0, atol=1e-12)


@pytest.mark.parametrize("sizes", [(6, 3), (6, 5, 3), (6, 5, 4, 4, 3)])
@pytest.mark.parametrize("kind", KINDS)
def test_any_depth_equals_manual_steps(kind, sizes):
    net = _net(kind, sizes)
    x, y = _data(23, bytes_=True)
    history = nm.sgd(net, (x, y), 1, 10, 0.4, seed=2, lmbda=0.1, cost=kind[2], dtype=np.float64)
    manual, cost = _manual_epoch(net, x, y, 10, 0.4, 0.1, kind[2], np.random.default_rng(2).permutation(23))
    np.testing.assert_allclose(history.network.flat(), manual.flat(), rtol=0, atol=1e-12)
    assert history.epochs[0].train_cost == pytest.approx(cost, rel=1e-12)


def test_only_exact_256ths_in_0_1_are_kept_as_bytes():
    k = np.arange(256, dtype=np.float64)
    np.testing.assert_array_equal(_byte_codes((k / 256).reshape(16, 16)), k.reshape(16, 16))
    for bad in (0.3, 1.0, -1 / 256, 1 / 512):
        assert _byte_codes(np.array([[0.5, bad]])) is None


def test_float32_differs_from_float64_only_by_rounding():
    x, y = _data(200)
    h64 = nm.sgd(_net(), (x, y), 2, 10, 1.5, seed=1, dtype=np.float64)
    h32 = nm.sgd(_net(), (x, y), 2, 10, 1.5, seed=1, dtype=np.float32)
    np.testing.assert_allclose(h32.network.flat(), h64.network.flat(), rtol=0, atol=1e-4)
    assert not np.array_equal(h32.network.flat(), h64.network.flat())


def test_l2_shrinks_the_weights_but_not_the_biases():
    net = _net()
    x, y = _data(10)
    plain = nm.sgd(net, (x, y), 1, 10, 0.5, seed=0, dtype=np.float64).network
    decayed = nm.sgd(net, (x, y), 1, 10, 0.5, seed=0, lmbda=2.0, dtype=np.float64).network
    for w0, w_plain, w_decay in zip(net.weights, plain.weights, decayed.weights):
        # one step: w_decay - w_plain = (shrink - 1) w0 with shrink = 1 - 2 eta lambda / n
        np.testing.assert_allclose(w_decay - w_plain, -2 * 0.5 * 2.0 / 10 * w0, rtol=0, atol=1e-12)
    for b_plain, b_decay in zip(plain.biases, decayed.biases):
        np.testing.assert_array_equal(b_plain, b_decay)


def test_same_seed_same_network_other_seed_other_network():
    x, y = _data(100)
    a = nm.sgd(_net(), (x, y), 2, 10, 1.0, seed=4).network.flat()
    b = nm.sgd(_net(), (x, y), 2, 10, 1.0, seed=4).network.flat()
    c = nm.sgd(_net(), (x, y), 2, 10, 1.0, seed=5).network.flat()
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_the_input_network_and_data_are_not_modified():
    net = _net()
    before = net.flat().copy()
    x, y = _data(50)
    x_before, y_before = x.copy(), y.copy()
    nm.sgd(net, (x, y), 2, 10, 1.0, seed=0, lmbda=1.0)
    np.testing.assert_array_equal(net.flat(), before)
    np.testing.assert_array_equal(x, x_before)
    np.testing.assert_array_equal(y, y_before)


def test_snapshots_are_taken_at_the_steps_asked():
    net = _net()
    x, y = _data(95)  # 10 steps an epoch, the last on 5 examples
    history = nm.sgd(net, (x, y), 3, 10, 1.0, seed=2, snapshots=[0, 1, 10, 17, 30, 99])
    assert sorted(history.snapshots) == [0, 1, 10, 17, 30]
    np.testing.assert_array_equal(history.snapshots[0].flat(), net.flat())
    one_epoch = nm.sgd(net, (x, y), 1, 10, 1.0, seed=2).network
    np.testing.assert_array_equal(history.snapshots[10].flat(), one_epoch.flat())
    np.testing.assert_array_equal(history.snapshots[30].flat(), history.network.flat())
    assert not np.array_equal(history.snapshots[17].flat(), history.snapshots[10].flat())


def test_cost_falls_and_accuracy_rises_on_three_blobs():
    rng = np.random.default_rng(0)
    centres = np.array([[0.2, 0.2], [0.8, 0.3], [0.4, 0.85]])
    y = rng.integers(0, 3, 600)
    x = centres[y] + 0.08 * rng.standard_normal((600, 2))
    net = nm.Network.random([2, 8, 3], seed=1, init="scaled")
    before = nm.evaluate(net, x, y).accuracy
    history = nm.sgd(net, (x[:500], y[:500]), 30, 10, 1.5, seed=0)
    costs = [r.train_cost for r in history.epochs]
    assert costs[-1] < 0.25 * costs[0]
    assert nm.evaluate(history.network, x[500:], y[500:]).accuracy >= 0.95 > before


def test_on_epoch_sees_every_record_as_it_is_made():
    x, y = _data(60)
    seen = []
    history = nm.sgd(_net(), (x, y), 3, 10, 1.0, seed=0, validation=(x, y), test=(x, y), on_epoch=seen.append)
    assert seen == history.epochs
    assert [r.epoch for r in seen] == [1, 2, 3]
    for record in seen:
        assert 0.0 <= record.validation_accuracy <= 1.0
        assert record.test_accuracy == record.validation_accuracy


def test_patience_halves_eta_and_returns_the_best_validation_epoch():
    x, y = _data(300, seed=1)
    val = _data(100, seed=2)
    history = nm.sgd(_net(), (x, y), 60, 10, 2.0, seed=0, validation=val, patience=2,
                     min_eta_fraction=1 / 4)
    accs = [r.validation_accuracy for r in history.epochs]
    best = int(np.argmax(accs)) + 1  # the first epoch with the highest accuracy
    assert history.best_epoch == best
    np.testing.assert_array_equal(
        nm.evaluate(history.network, *val).accuracy, history.epochs[best - 1].validation_accuracy)
    etas = [r.eta for r in history.epochs]
    assert set(etas) <= {2.0, 1.0, 0.5}
    assert etas == sorted(etas, reverse=True)
    assert len(history.epochs) < 60  # stopped when eta fell below eta / 4


@pytest.mark.parametrize("kwargs, message", [
    (dict(epochs=-1), "epochs >= 0"),
    (dict(batch_size=0), "batch_size >= 1"),
    (dict(eta=0.0), "eta > 0"),
    (dict(cost="hinge"), "unknown cost 'hinge'"),
    (dict(patience=3), "patience needs validation"),
    (dict(snapshots=[-1]), "snapshot steps must be >= 0"),
    (dict(validation=_data(5), patience=0), "patience must be at least 1"),
    (dict(lmbda=-1.0), r"lmbda \(L2 strength\) must be >= 0"),
    (dict(min_eta_fraction=0.0), r"min_eta_fraction must be in \(0, 1\]"),
    (dict(dtype=np.int32), "dtype must be np.float32 or np.float64"),
])
def test_bad_arguments_raise_clear_errors(kwargs, message):
    x, y = _data(20)
    args = dict(epochs=1, batch_size=5, eta=1.0, seed=0)
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        nm.sgd(_net(), (x, y), **args)


@pytest.mark.parametrize("data, message", [
    ((np.zeros((5, 4)), np.zeros(5, int)), r"expected \(6,\) or \(m, 6\)"),
    ((np.zeros((5, 6)), np.array([0, 1, 2, 3, 0])), r"labels must be in 0..2"),
    ((np.zeros((5, 6)), np.zeros(4, int)), "shape"),
    ((np.zeros((0, 6)), np.zeros(0, int)), "no examples"),
    (np.zeros((5, 6)), r"\(images, labels\)"),
])
def test_bad_data_raises_clear_errors(data, message):
    with pytest.raises(ValueError, match=message):
        nm.sgd(_net(), data, 1, 5, 1.0, seed=0)


def test_one_blas_thread_limits_blas_while_training():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    with one_blas_thread():
        blas = [p for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]
        assert blas and all(p["num_threads"] == 1 for p in blas)
