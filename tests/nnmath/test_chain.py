"""The chain-rule and nudge breakdowns equal backprop to 1e-12."""
import numpy as np
import pytest

import nnmath as nm


@pytest.fixture(params=[([784, 16, 16, 10], 0), ([3, 3, 2], 9), ([1, 1, 1, 1], 6)])
def case(request):
    sizes, seed = request.param
    net = nm.Network.random(sizes, seed=seed)
    x = np.random.default_rng(seed).random(sizes[0])
    y = sizes[-1] - 1
    return net, x, y


def test_every_weight_product_equals_backprop(case):
    net, x, y = case
    g = nm.backprop(net, x, y)
    for layer, w in enumerate(net.weights):
        for j in range(min(w.shape[0], 4)):
            for k in range(min(w.shape[1], 4)):
                c = nm.chain_rule(net, x, y, layer, j, k)
                assert c.product == pytest.approx(g.nabla_w[layer][j, k], abs=1e-12)
                assert c.product == pytest.approx(np.prod(c.factors), abs=1e-15)
                assert c.dc_db == pytest.approx(g.nabla_b[layer][j], abs=1e-12)
                assert c.dc_da_prev == pytest.approx(g.nabla_a[layer][k], abs=1e-12)
                assert c.dc_da_prev == pytest.approx(np.sum(c.terms), abs=1e-15)


def test_factors_are_what_the_video_names(case):
    net, x, y = case
    t = nm.feedforward(net, x)
    c = nm.chain_rule(net, x, y, -1, 0, 0)
    a_prev, s_prime, dc_da = c.factors
    assert a_prev == t.activations[-2][0]
    assert s_prime == pytest.approx(nm.sigmoid_prime(t.zs[-1][0]))
    assert dc_da == pytest.approx(2 * (t.output[0] - (1.0 if y == 0 else 0.0)))
    assert c.layer == len(net.weights) - 1


def test_nudges_sum_to_minus_backprop(case):
    net, x, y = case
    g = nm.backprop(net, x, y)
    n = nm.nudges(net, x, y)
    np.testing.assert_allclose(n.wanted[-1], 2 * (np.eye(net.sizes[-1])[y] - g.trace.output), atol=1e-15)
    for i in range(len(net.weights)):
        np.testing.assert_allclose(n.wishes[i].sum(axis=0), -g.nabla_a[i], atol=1e-12)
        np.testing.assert_allclose(n.wanted[i], -g.nabla_a[i], atol=1e-12)
        np.testing.assert_allclose(n.bias[i], -g.nabla_b[i], atol=1e-12)
        np.testing.assert_allclose(n.weight[i], -g.nabla_w[i], atol=1e-12)


def test_bad_indexes_and_batches_are_rejected():
    net = nm.Network.random([3, 3, 2], seed=9)
    with pytest.raises(ValueError, match=r"j=2 is out of range"):
        nm.chain_rule(net, np.zeros(3), 0, -1, 2, 0)
    with pytest.raises(ValueError, match=r"layer=5 is out of range"):
        nm.chain_rule(net, np.zeros(3), 0, 5, 0, 0)
    with pytest.raises(ValueError, match="one example"):
        nm.nudges(net, np.zeros((2, 3)), [0, 1])
    soft = nm.Network.random([3, 2], seed=0, output_activation="softmax")
    with pytest.raises(ValueError, match="softmax"):
        nm.chain_rule(soft, np.zeros(3), 0, 0, 0, 0)
