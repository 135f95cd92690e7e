"""labelled_data: a data set split into checked images and labels."""
from types import SimpleNamespace

import numpy as np
import pytest

from nnmath.validate import labelled_data


def test_a_pair_and_an_object_with_images_and_labels_give_the_same_arrays():
    images = np.arange(12, dtype=np.float32).reshape(3, 4) / 12
    labels = [0, 2, 1]
    x, y = labelled_data((images, labels), 4, 3)
    x2, y2 = labelled_data(SimpleNamespace(images=images, labels=np.array(labels)), 4, 3)
    assert x.dtype == np.float64 and x.shape == (3, 4)
    assert y.dtype == np.int64 and y.tolist() == labels
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)


@pytest.mark.parametrize(
    "data, match",
    [
        (42, "test must be \\(images, labels\\) or have .images and .labels"),
        ((np.zeros((2, 4)),), "test must be"),
        ((np.zeros(4), [0]), r"test images must be a batch \(m, 4\)"),
        ((np.zeros((2, 5)), [0, 1]), r"x has shape \(2, 5\)"),
        ((np.full((2, 4), np.nan), [0, 1]), "NaN"),
        ((np.zeros((2, 4)), [0, 3]), r"labels must be in 0..2"),
        ((np.zeros((2, 4)), [0.5, 1.0]), "whole numbers"),
        ((np.zeros((2, 4)), [0, 1, 2]), r"y has shape \(3,\)"),
        ((np.zeros((2, 4)), np.eye(3)[[0, 1]].astype(int)), r"y has shape \(2, 3\)"),
    ],
)
def test_bad_data_raise_value_errors_that_name_it(data, match):
    with pytest.raises(ValueError, match=match):
        labelled_data(data, 4, 3, name="test")


def test_one_hot_float_labels_are_refused_as_labels():
    with pytest.raises(ValueError, match=r"integer labels \(m,\)"):
        labelled_data((np.zeros((2, 4)), np.eye(3)[[0, 1]]), 4, 3)
