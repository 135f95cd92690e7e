"""A valid 2-D convolution (cross-correlation), checked against the explicit sum."""
import numpy as np
import pytest

from scenes.chapter2.measures.convolution import TOP_EDGE_KERNEL, convolve_valid


def test_convolution_matches_a_loop():
    image = np.random.default_rng(3).random(784)
    out = convolve_valid(image, TOP_EDGE_KERNEL)
    img = image.reshape(28, 28)
    assert out.shape == (25, 25)
    for r in (0, 7, 24):
        for c in (0, 13, 24):
            assert out[r, c] == pytest.approx(np.sum(TOP_EDGE_KERNEL * img[r:r + 4, c:c + 4]))
    with pytest.raises(ValueError, match="fit"):
        convolve_valid(np.zeros((3, 3)), np.ones((4, 4)))


def test_convolution_of_a_small_image_by_hand():
    out = convolve_valid(np.arange(9.0).reshape(3, 3), np.array([[1.0, 0.0], [0.0, -1.0]]))
    np.testing.assert_allclose(out, [[0 - 4, 1 - 5], [3 - 7, 4 - 8]])


def test_top_edge_kernel_fires_on_a_top_edge_only():
    image = np.zeros((28, 28))
    image[10:20, 5:23] = 1.0  # a filled block: top edge at row 10, bottom edge at row 20
    out = convolve_valid(image, TOP_EDGE_KERNEL)
    assert out.max() == pytest.approx(8.0) and np.argmax(out.max(axis=1)) == 8  # window rows 8..11
    assert out.min() == pytest.approx(-8.0) and np.argmin(out.min(axis=1)) == 18


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError, match="2-D"):
        convolve_valid(np.zeros((2, 2, 2)), np.ones((2, 2)))
