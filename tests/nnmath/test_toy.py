"""Toy costs: exact gradients (checked by differences) and descent paths."""
import numpy as np
import pytest

import nnmath as nm
from nnmath.toy import local_minima_1d


@pytest.mark.parametrize("toy", [nm.BUMPY_1D, nm.BOWL_2D, nm.HILLS_2D])
def test_gradient_is_exact(toy):
    rng = np.random.default_rng(0)
    p = rng.uniform(-3, 3, size=(20, toy.dim))
    h = 1e-6
    for i in range(toy.dim):
        e = np.zeros(toy.dim)
        e[i] = h
        numeric = (toy(p + e) - toy(p - e)) / (2 * h)
        np.testing.assert_allclose(toy.gradient(p)[:, i], numeric, rtol=1e-6, atol=1e-8)


def test_bowl_gradient_at_1_1_is_3_1():
    np.testing.assert_allclose(nm.BOWL_2D.gradient(np.array([1.0, 1.0])), [3.0, 1.0])


def test_descent_goes_downhill_to_a_minimum():
    path = nm.BOWL_2D.descent([1.0, 1.0], eta=0.1, steps=100)
    assert path.shape == (101, 2)
    costs = nm.BOWL_2D(path)
    assert np.all(np.diff(costs) <= 0)
    np.testing.assert_allclose(path[-1], [0, 0], atol=1e-4)


def test_bumpy_has_several_local_minima_and_balls_find_different_ones():
    minima = local_minima_1d(nm.BUMPY_1D, -4, 4)
    assert len(minima) >= 2
    ends = {round(float(nm.BUMPY_1D.descent(s, 0.05, 400)[-1, 0]), 3) for s in (-3.5, 0.5, 3.5)}
    assert len(ends) >= 2


def test_bad_descent_arguments():
    with pytest.raises(ValueError, match="eta > 0"):
        nm.BOWL_2D.descent([1, 1], eta=0, steps=3)
    with pytest.raises(ValueError, match=r"expected \(\.\.\., 2\)"):
        nm.BOWL_2D.descent([1, 1, 1], eta=0.1, steps=3)
