"""Online steps and the SGD film: every recorded number re-derived independently."""
import numpy as np
import pytest

import nnmath as nm
from scenes.chapter2.measures.landscape import mean_cost
from scenes.chapter2.measures.learning_runs import film_steps, full_batch_steps, online_steps, training_film


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(5)
    x = rng.random((60, 9))
    y = rng.integers(0, 3, size=60)
    return nm.Network.random([9, 6, 3], seed=2), x, y


def test_online_steps_take_one_backprop_step_per_example(data):
    net, x, y = data
    run = online_steps(net, x[:5], y[:5], eta=1.5, reference=(x, y))
    assert run.gradients.shape == (5, net.n_parameters) and run.thetas.shape == (6, net.n_parameters)
    current = net
    np.testing.assert_array_equal(run.thetas[0], net.flat())
    for t in range(5):
        g = nm.backprop(current, x[t], int(y[t]))
        np.testing.assert_allclose(run.gradients[t], g.flat(), rtol=1e-12)
        assert run.example_costs[t] == pytest.approx(g.cost)
        current = current.with_flat(current.flat() - 1.5 * g.flat())
        np.testing.assert_allclose(run.thetas[t + 1], current.flat(), rtol=1e-12)
        assert run.reference_costs[t + 1] == pytest.approx(mean_cost(current, x, y))
    assert run.reference_costs[0] == pytest.approx(mean_cost(net, x, y))


def test_online_steps_refuse_bad_input(data):
    net, x, y = data
    with pytest.raises(ValueError, match="eta"):
        online_steps(net, x[:2], y[:2], eta=-1.0, reference=(x, y))
    with pytest.raises(ValueError):
        online_steps(net, x[:2], y[:3], eta=1.0, reference=(x, y))


def test_film_steps_start_at_zero_and_end_at_total():
    steps = film_steps(5000, 24)
    assert steps[0] == 0 and steps[-1] == 5000
    assert np.all(np.diff(steps) > 0) and len(steps) <= 24
    with pytest.raises(ValueError):
        film_steps(0, 5)


def test_film_replays_sgd(data):
    net, x, y = data
    film = training_film(net, (x, y), (x[:30], y[:30]), epochs=3, batch_size=10, eta=1.5, seed=4, frames=6)
    history = nm.sgd(net, (x, y), 3, 10, 1.5, seed=4)
    np.testing.assert_array_equal(film.steps, film_steps(18, 6))
    np.testing.assert_allclose(film.thetas[-1], history.network.flat(), rtol=1e-6)
    np.testing.assert_allclose(film.thetas[0], net.flat(), rtol=1e-6)
    for theta, acc in zip(film.thetas, film.test_accuracy):
        assert acc == nm.evaluate(net.with_flat(theta), x[:30], y[:30]).accuracy


def test_full_batch_steps_follow_the_full_gradient(data):
    net, x, y = data
    run = full_batch_steps(net, x, y, steps=3, eta=2.0)
    assert run.thetas.shape == (4, net.n_parameters) and run.costs.shape == (4,)
    theta = net.flat()
    for t in range(3):  # the reference: a plain loop over backprop on the whole batch
        np.testing.assert_allclose(run.thetas[t], theta, rtol=1e-12)
        assert run.costs[t] == pytest.approx(nm.cost(nm.feedforward(net.with_flat(theta), x).output, y), rel=1e-12)
        theta = theta - 2.0 * nm.backprop(net.with_flat(theta), x, y).flat()
    np.testing.assert_allclose(run.thetas[-1], theta, rtol=1e-12)
    assert np.all(np.diff(run.costs) < 0)
    with pytest.raises(ValueError, match="eta > 0"):
        full_batch_steps(net, x, y, steps=1, eta=0.0)
