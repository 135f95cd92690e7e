"""backprop against central finite differences and against the per-example loop."""
import numpy as np
import pytest

import nnmath as nm

CASES = [
    ([784, 16, 16, 10], "sigmoid", None, "quadratic"),
    ([3, 3, 2], "sigmoid", None, "quadratic"),
    ([3, 3, 2], "relu", "sigmoid", "quadratic"),
    ([6, 5, 4, 3], "relu", "relu", "quadratic"),
    ([5, 4, 3], "relu", "softmax", "quadratic"),
    ([5, 4, 3], "relu", "softmax", "cross_entropy"),
    ([5, 4, 3], "sigmoid", "sigmoid", "cross_entropy"),
]


def _loss(net, x, y, cost):
    a = nm.feedforward(net, x).output
    if cost == "quadratic":
        return nm.cost(a, y)
    return nm.cross_entropy(a, y, output=net.output_activation)


def _numeric(net, x, y, cost, idx, h=1e-5):
    theta = net.flat()
    out = []
    for i in idx:
        t = theta.copy()
        t[i] += h
        up = _loss(net.with_flat(t), x, y, cost)
        t[i] -= 2 * h
        out.append((up - _loss(net.with_flat(t), x, y, cost)) / (2 * h))
    return np.array(out)


@pytest.mark.parametrize("sizes, act, out, cost", CASES)
def test_backprop_matches_central_differences(sizes, act, out, cost):
    rng = np.random.default_rng(len(sizes) + sizes[0])
    net = nm.Network.random(sizes, seed=11, activation=act, output_activation=out, init="scaled")
    x = rng.random((4, sizes[0]))
    y = rng.integers(0, sizes[-1], size=4)
    g = nm.backprop(net, x, y, cost=cost).flat()
    big = np.flatnonzero(np.abs(g) > 1e-3 * np.abs(g).max())  # "not tiny"
    idx = rng.choice(big, size=min(60, big.size), replace=False)
    numeric = _numeric(net, x, y, cost, idx)
    rel = np.abs(g[idx] - numeric) / np.maximum(np.abs(g[idx]), np.abs(numeric))
    assert rel.max() <= 1e-6


def _textbook_backprop(net, x, y):
    """Nielsen-style per-example backprop with column vectors, then the mean."""
    nw = [np.zeros_like(w) for w in net.weights]
    nb = [np.zeros_like(b) for b in net.biases]
    na0 = np.zeros(net.sizes[0])
    for xi, yi in zip(x, y):
        acts, zs = [xi], []
        for w, b in zip(net.weights, net.biases):
            zs.append(w @ acts[-1] + b)
            acts.append(1 / (1 + np.exp(-zs[-1])))
        t = np.eye(net.sizes[-1])[yi]
        delta = 2 * (acts[-1] - t) * acts[-1] * (1 - acts[-1])
        for i in range(len(nw) - 1, -1, -1):
            nw[i] += np.outer(delta, acts[i])
            nb[i] += delta
            da = net.weights[i].T @ delta
            if i > 0:
                delta = da * acts[i] * (1 - acts[i])
            else:
                na0 += da
    m = len(x)
    return [w / m for w in nw], [b / m for b in nb], na0 / m


def test_batch_gradient_equals_mean_of_per_example_loop():
    net = nm.Network.random([784, 16, 16, 10], seed=0)
    rng = np.random.default_rng(1)
    x, y = rng.random((8, 784)), rng.integers(0, 10, 8)
    g = nm.backprop(net, x, y)
    ref_w, ref_b, ref_a0 = _textbook_backprop(net, x, y)
    for a, b in zip(g.nabla_w + g.nabla_b, ref_w + ref_b):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(g.nabla_a[0], ref_a0, rtol=1e-12, atol=1e-15)


def test_shapes_and_cost_of_one_example():
    net = nm.Network.random([784, 16, 16, 10], seed=0)
    g = nm.backprop(net, np.zeros(784), 3)
    assert [w.shape for w in g.nabla_w] == [(16, 784), (16, 16), (10, 16)]
    assert [b.shape for b in g.nabla_b] == [(16,), (16,), (10,)]
    assert [a.shape for a in g.nabla_a] == [(784,), (16,), (16,), (10,)]
    assert g.cost == pytest.approx(nm.cost(nm.feedforward(net, np.zeros(784)).output, 3))
    np.testing.assert_allclose(g.nabla_a[-1], 2 * (g.trace.output - np.eye(10)[3]))
    assert g.flat().shape == (13_002,)


def test_unknown_cost_is_rejected():
    with pytest.raises(ValueError, match="unknown cost 'hinge'"):
        nm.backprop(nm.Network.random([2, 2], seed=0), np.zeros(2), 0, cost="hinge")


def test_numeric_helpers_agree_with_backprop():
    net = nm.Network.random([3, 3, 2], seed=9)
    x = np.array([0.2, 0.5, 0.9])
    g = nm.backprop(net, x, 1)
    assert nm.numeric_partial(net, x, 1, -1, 0, 2) == pytest.approx(g.nabla_w[-1][0, 2], rel=1e-7)
    assert nm.numeric_partial(net, x, 1, 0, 1) == pytest.approx(g.nabla_b[0][1], rel=1e-7)
    np.testing.assert_allclose(nm.numeric_gradient(net, x, 1), g.flat(), rtol=1e-6, atol=1e-10)
