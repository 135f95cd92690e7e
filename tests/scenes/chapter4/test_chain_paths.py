"""scenes.chapter4.measures.chain_paths: path products sum to backprop; the factor tree reads chain_rule."""
import numpy as np
import pytest

import nnmath as nm
from scenes.chapter4.measures.chain_paths import all_paths, factor_tree, path_product


@pytest.fixture(params=[([1, 1, 1, 1], 28, np.array([1.0])), ([3, 3, 2], 9, 1), ([2, 3, 4, 2], 5, 0)])
def case(request):
    sizes, seed, y = request.param
    net = nm.Network.random(sizes, seed=seed)
    return net, np.random.default_rng(seed).random(sizes[0]), y


def test_sum_over_paths_equals_backprop(case):
    """Independent of backprop's recursion: every path's product, added up."""
    net, x, y = case
    g = nm.backprop(net, x, y)
    for layer, w in enumerate(net.weights):
        for j in range(w.shape[0]):
            paths = all_paths(net, layer, j)
            assert all(p[0] == j for p in paths)
            for k in range(w.shape[1]):
                total = sum(path_product(net, x, y, layer, k, p).product for p in paths)
                assert total == pytest.approx(g.nabla_w[layer][j, k], rel=1e-12, abs=1e-15)
            bias = sum(path_product(net, x, y, layer, None, p).product for p in paths)
            assert bias == pytest.approx(g.nabla_b[layer][j], rel=1e-12, abs=1e-15)


def test_long_path_of_the_simplest_network_has_the_videos_factors():
    net = nm.Network.random([1, 1, 1, 1], seed=28)
    x, y = np.array([0.5]), np.array([1.0])
    t = nm.feedforward(net, x)
    p = path_product(net, x, y, -2, 0, (0, 0))
    s = nm.sigmoid_prime
    expected = (t.activations[1][0], s(t.zs[1][0]), net.weights[2][0, 0], s(t.zs[2][0]), 2 * (t.output[0] - 1))
    np.testing.assert_allclose(p.factors, expected, rtol=1e-15)
    assert p.product == pytest.approx(nm.numeric_partial(net, x, y, 1, 0, 0), rel=1e-7)
    assert len(path_product(net, x, y, 0, 0, (0, 0, 0)).factors) == 7


def test_factor_tree_of_a_hidden_weight(case):
    net, x, y = case
    if len(net.weights) < 2:
        pytest.skip("needs a hidden layer")
    g = nm.backprop(net, x, y)
    t = factor_tree(net, x, y, -2, 1 % net.sizes[-2], 0)
    n = net.sizes[-1]
    assert t.output_error is None
    assert t.next_w.shape == t.next_sigma_prime.shape == t.next_dc_da.shape == t.next_terms.shape == (n,)
    np.testing.assert_allclose(t.next_terms, t.next_w * t.next_sigma_prime * t.next_dc_da, rtol=1e-14)
    assert t.next_terms.sum() == pytest.approx(t.weight.factors[2], rel=1e-12)
    np.testing.assert_allclose(t.next_dc_da, g.nabla_a[-1], rtol=1e-15)
    assert t.weight.product == pytest.approx(g.nabla_w[-2][t.weight.j, 0], rel=1e-12, abs=1e-15)


def test_factor_tree_of_an_output_weight_ends_in_the_error():
    net = nm.Network.random([3, 3, 2], seed=9)
    x = np.full(3, 0.5)
    t = factor_tree(net, x, 1, -1, 0, 2)
    out = nm.feedforward(net, x).output
    assert t.next_terms is None and t.next_w is None
    assert t.output_error == pytest.approx(2 * (out[0] - 0.0))


def test_bad_paths_are_rejected():
    net = nm.Network.random([3, 3, 2], seed=9)
    x = np.full(3, 0.5)
    with pytest.raises(ValueError, match="visits 2 neurons"):
        path_product(net, x, 1, 0, 0, (0,))
    with pytest.raises(ValueError, match="neuron 5 is out of range"):
        path_product(net, x, 1, 0, 0, (0, 5))
    with pytest.raises(ValueError, match="one example"):
        path_product(net, np.zeros((2, 3)), [0, 1], 0, 0, (0, 0))
