"""scenes.chapter4.measures.gradcheck: chain rule, backprop and finite differences side by side."""
import numpy as np
import pytest

import nnmath as nm
from scenes.chapter4.measures.gradcheck import check_partials, pick_weights, relative_error


@pytest.fixture
def big():
    net = nm.Network.random([784, 16, 16, 10], seed=0)
    rng = np.random.default_rng(1)
    x = rng.random(784) * (rng.random(784) > 0.8)
    return net, x, 3


def test_relative_error():
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error(2.0, 1.0) == 0.5
    assert relative_error(-1.0, 1.0) == 2.0


def test_picks_are_seeded_distinct_and_skip_blank_inputs(big):
    net, x, _ = big
    picks = pick_weights(net, x, 3, seed=2)
    assert picks == pick_weights(net, x, 3, seed=2)
    assert [p[0] for p in picks] == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    assert len(set(picks)) == 9
    assert all(x[k] > 0 for layer, _, k in picks if layer == 0)


def test_check_agrees_and_reports_the_worst(big):
    net, x, y = big
    picks = pick_weights(net, x, 2, seed=0)
    check = check_partials(net, x, y, picks)
    g = nm.backprop(net, x, y)
    assert [(r.layer, r.j, r.k) for r in check.rows] == picks
    for r in check.rows:
        assert r.backprop == g.nabla_w[r.layer][r.j, r.k]
        assert r.chain == nm.chain_rule(net, x, y, r.layer, r.j, r.k).product
        assert r.numeric == nm.numeric_partial(net, x, y, r.layer, r.j, r.k)
        assert r.relative_error == max(relative_error(r.chain, r.numeric), relative_error(r.backprop, r.numeric))
    assert check.max_relative_error == max(r.relative_error for r in check.rows) < 1e-3
    assert check.worst.relative_error == check.max_relative_error


def test_a_wrong_gradient_would_show():
    """The check can fail: a network whose backprop is fed the wrong target disagrees with the cost."""
    net = nm.Network.random([3, 3, 2], seed=9)
    x = np.full(3, 0.5)
    right = check_partials(net, x, 1, [(1, 0, 0)]).rows[0]
    wrong_numeric = nm.numeric_partial(net, x, 0, 1, 0, 0)
    assert relative_error(right.chain, wrong_numeric) > 0.1


def test_bad_input(big):
    net, x, y = big
    with pytest.raises(ValueError, match="at least one"):
        pick_weights(net, x, 0, seed=0)
    with pytest.raises(ValueError, match="no active neuron"):
        pick_weights(net, np.zeros(784), 1, seed=0)
    with pytest.raises(ValueError, match="picks is empty"):
        check_partials(net, x, y, [])
