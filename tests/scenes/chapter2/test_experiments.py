"""The random-label experiment: both runs are plain SGD runs, recorded faithfully."""
import numpy as np
import pytest

import nnmath as nm
from scenes.chapter2.measures.experiments import memorisation_experiment, shuffled_labels


@pytest.fixture(scope="module")
def setup():
    rng = np.random.default_rng(7)
    centres = rng.random((3, 10))
    y = rng.integers(0, 3, size=90)
    x = np.clip(centres[y] + 0.1 * rng.normal(size=(90, 10)), 0, 1)
    net = nm.Network.random([10, 8, 3], seed=0)
    result = memorisation_experiment(net, (x[:60], y[:60]), (x[60:], y[60:]), epochs=12,
                                     batch_size=10, eta=1.5, seed=3, eval_every=5)
    return net, x, y, result


def test_shuffle_keeps_the_label_counts():
    y = np.random.default_rng(0).integers(0, 10, size=1000)
    s = shuffled_labels(y, seed=1)
    np.testing.assert_array_equal(np.bincount(s, minlength=10), np.bincount(y, minlength=10))
    assert np.mean(s == y) < 0.2
    np.testing.assert_array_equal(shuffled_labels(y, seed=1), s)


def test_runs_are_sgd_runs(setup):
    net, x, y, result = setup
    np.testing.assert_array_equal(result.true.eval_epochs, [0, 5, 10, 12])
    for run, labels in ((result.true, y[:60]), (result.shuffled, shuffled_labels(y[:60], 3))):
        np.testing.assert_array_equal(run.labels, labels)
        history = nm.sgd(net, (x[:60], labels), 12, 10, 1.5, seed=3)
        np.testing.assert_allclose(run.train_cost, [r.train_cost for r in history.epochs])
        assert run.train_accuracy[-1] == nm.evaluate(history.network, x[:60], labels).accuracy
        assert run.test_accuracy[-1] == nm.evaluate(history.network, x[60:], y[60:]).accuracy
        assert run.train_accuracy[0] == nm.evaluate(net, x[:60], labels).accuracy
    assert result.agreement == pytest.approx(np.mean(result.true.labels == result.shuffled.labels))


def test_true_labels_generalise_and_shuffled_do_not(setup):
    _, _, _, result = setup
    assert result.true.test_accuracy[-1] > 0.9
    assert result.shuffled.test_accuracy[-1] < 0.7


def test_bad_schedule_is_refused(setup):
    net, x, y, _ = setup
    with pytest.raises(ValueError, match="epochs"):
        memorisation_experiment(net, (x, y), (x, y), epochs=0, batch_size=10, eta=1.0, seed=0)
