"""The videos' cost C0 = sum (a - y)^2, without the 1/2."""
import numpy as np
import pytest

import nnmath as nm


def test_cost_of_one_example_by_hand():
    a = np.array([0.1, 0.7, 0.2])
    assert nm.cost(a, 1) == pytest.approx(0.01 + 0.09 + 0.04)
    np.testing.assert_allclose(nm.cost_terms(a, 1), [0.01, 0.09, 0.04])
    np.testing.assert_allclose(nm.cost_derivative(a, 1), [0.2, -0.6, 0.4])


def test_labels_and_one_hot_agree_and_batch_is_mean():
    a = np.random.default_rng(0).random((5, 10))
    labels = np.array([0, 3, 9, 2, 2])
    one_hot = np.eye(10)[labels]
    assert nm.cost(a, labels) == pytest.approx(nm.cost(a, one_hot))
    per = [nm.cost(a[i], labels[i]) for i in range(5)]
    assert nm.cost(a, labels) == pytest.approx(np.mean(per))
    np.testing.assert_allclose(nm.cost_per_example(a, labels), per)


@pytest.mark.parametrize("y", [10, -1, np.array([0, 1, 12, 3, 4])])
def test_labels_outside_0_9_are_rejected(y):
    a = np.zeros(10) if np.ndim(y) == 0 else np.zeros((5, 10))
    with pytest.raises(ValueError, match=r"labels must be in 0..9"):
        nm.cost(a, y)


def test_wrong_target_shape_is_rejected():
    with pytest.raises(ValueError, match=r"y has shape \(3,\)"):
        nm.cost(np.zeros(10), np.zeros(3))


def test_cross_entropy_softmax_by_hand():
    a = np.array([0.2, 0.8])
    assert nm.cross_entropy(a, 1) == pytest.approx(-np.log(0.8))
    assert nm.cross_entropy(a, 1, output="sigmoid") == pytest.approx(-np.log(0.8) - np.log(0.8))
