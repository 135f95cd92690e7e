"""prepare_digit: real drawn digits come out the way MNIST's digits are (light ink,
20x20 box, centred by mass in 28x28), resampling matches Pillow, bad pictures are refused."""
import numpy as np
import pytest
from PIL import Image, ImageDraw

from nnmath.digit import (
    BOX_SIDE, CENTRE, MAX_PIXELS, MIN_STROKE_WIDTH, DigitImageError, centre_of_mass,
    prepare_digit, prepare_digit_steps, resample,
)  # fmt: skip

# Strokes of a few digits in a unit box (x right, y down), drawn with Pillow.
STROKES = {
    0: [("ellipse", (0.15, 0.0, 0.85, 1.0))],
    1: [("line", [(0.35, 0.15), (0.55, 0.0), (0.55, 1.0)])],
    2: [("arc", (0.15, 0.0, 0.85, 0.55), 180, 20), ("line", [(0.8, 0.4), (0.1, 1.0), (0.9, 1.0)])],
    4: [("line", [(0.6, 0.0), (0.1, 0.65), (0.85, 0.65)]), ("line", [(0.62, 0.3), (0.62, 1.0)])],
    7: [("line", [(0.1, 0.0), (0.9, 0.0), (0.4, 1.0)])],
}


def draw_digit(digit, canvas=(600, 800), box=(150, 150, 450, 650), width=40,
               ink=0, paper=255, angle=0.0):  # fmt: skip
    """A grey uint8 picture of ``digit`` drawn in ``box`` (x0, y0, x1, y1) of a ``canvas``."""
    image = Image.new("L", canvas, paper)
    pen = ImageDraw.Draw(image)
    x0, y0, x1, y1 = box

    def at(p):
        return (x0 + p[0] * (x1 - x0), y0 + p[1] * (y1 - y0))

    for kind, *args in STROKES[digit]:
        if kind == "line":
            pen.line([at(p) for p in args[0]], fill=ink, width=width, joint="curve")
        elif kind == "ellipse":
            pen.ellipse([*at(args[0][:2]), *at(args[0][2:])], outline=ink, width=width)
        else:
            pen.arc([*at(args[0][:2]), *at(args[0][2:])], args[1], args[2], fill=ink, width=width)
    if angle:
        image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=paper)
    return np.array(image)


PICTURES = {
    "dark on light": {},
    "light on dark": {"ink": 255, "paper": 0},
    "rotated 7 degrees": {"angle": 7.0},
    "grey paper, grey pencil": {"ink": 90, "paper": 200},
    "thin pen on a large page": {"canvas": (2000, 1600), "box": (1400, 200, 1600, 533), "width": 4},
    "small and off-centre": {"canvas": (400, 300), "box": (10, 20, 40, 80), "width": 5},
}


def ink_extent(image):
    rows = np.nonzero(image.any(axis=1))[0]
    cols = np.nonzero(image.any(axis=0))[0]
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


@pytest.mark.parametrize("digit", sorted(STROKES))
@pytest.mark.parametrize("kind", sorted(PICTURES))
def test_drawn_digits_follow_mnist_conventions(digit, kind):
    steps = prepare_digit_steps(draw_digit(digit, **PICTURES[kind]))
    x = steps.x
    assert x.shape == (784,) and x.dtype == np.float64
    assert x.min() == 0.0 and x.max() == pytest.approx(1.0)
    image = x.reshape(28, 28)
    # Ink mass centred on (14, 14) within one pixel (whole-pixel shift: within half a pixel).
    row, col = centre_of_mass(image)
    assert abs(row - CENTRE[0]) <= 0.5 + 1e-9 and abs(col - CENTRE[1]) <= 0.5 + 1e-9
    assert (row, col) == pytest.approx(steps.centre)
    # Fitted into the 20x20 box, aspect ratio kept: the long side spans the box.
    height, width = ink_extent(image > 0.05)
    assert max(height, width) in (BOX_SIDE - 1, BOX_SIDE)
    top, left = steps.offset
    np.testing.assert_array_equal(image[top : top + BOX_SIDE, left : left + BOX_SIDE], steps.fitted)
    assert image.sum() == pytest.approx(steps.fitted.sum())  # nothing cut off
    assert steps.inverted == (PICTURES[kind].get("ink", 0) < PICTURES[kind].get("paper", 255))


def test_aspect_ratio_is_kept():
    steps = prepare_digit_steps(draw_digit(0, box=(100, 100, 300, 600), width=30))
    t, b, l, r = steps.crop
    height, width = ink_extent(steps.fitted > 0.05)
    assert height in (19, 20)
    assert (width - 1) / height == pytest.approx((r - l) / (b - t), abs=1.5 / BOX_SIDE)


def test_inverted_picture_prepares_the_same():
    dark_on_light = draw_digit(4)
    np.testing.assert_allclose(prepare_digit(255 - dark_on_light), prepare_digit(dark_on_light), atol=1e-12)


def test_where_the_digit_sits_on_the_page_does_not_matter():
    a = prepare_digit(draw_digit(7, canvas=(600, 800), box=(150, 150, 450, 650)))
    b = prepare_digit(draw_digit(7, canvas=(900, 700), box=(500, 40, 800, 540)))
    np.testing.assert_allclose(a, b, atol=1e-12)


def test_uint8_uint16_and_float_inputs_agree():
    picture = draw_digit(2)
    as_float = prepare_digit(picture / 255.0)
    np.testing.assert_allclose(prepare_digit(picture), as_float, atol=1e-12)
    np.testing.assert_allclose(prepare_digit(picture.astype(np.uint16) * 257), as_float, atol=1e-12)


def test_pen_thin_strokes_are_thickened_to_mnist_width_and_thick_ones_kept():
    thin = prepare_digit_steps(draw_digit(7, canvas=(2000, 2000), box=(700, 500, 1100, 1500), width=4))
    assert thin.stroke_width < MIN_STROKE_WIDTH and thin.thickened_by > 0
    thick = prepare_digit_steps(draw_digit(7, width=60))
    assert thick.stroke_width >= MIN_STROKE_WIDTH and thick.thickened_by == 0
    # After thickening the strokes hold as much ink as a thick drawing's, not a hair's.
    assert thin.x.sum() > 0.6 * thick.x.sum()


def test_a_far_speck_does_not_stretch_the_crop():
    clean = draw_digit(1, canvas=(800, 800), box=(300, 200, 500, 600), width=30)
    specked = clean.copy()
    specked[760:764, 20:24] = 0  # a 4x4 fleck of dirt in the corner
    assert prepare_digit_steps(specked).crop == prepare_digit_steps(clean).crop
    np.testing.assert_allclose(prepare_digit(specked), prepare_digit(clean), atol=1e-12)


def test_a_real_mnist_digit_prepares_the_same_as_it_came():
    image = np.zeros((28, 28))
    image[5:25, 10:14] = 1.0  # a bar "1", already 20 tall
    image[5:7, 8:10] = 0.6
    x = prepare_digit(image)
    np.testing.assert_allclose(x.reshape(28, 28).sum(), image.sum(), rtol=1e-9)


@pytest.mark.mnist
def test_mnist_test_digits_come_back_almost_unchanged():
    from nnmath import load_mnist

    images = load_mnist().test.images[:300]
    prepared = np.array([prepare_digit(np.round(x.reshape(28, 28) * 255).astype(np.uint8)) for x in images])
    assert np.abs(prepared - images).mean() < 0.015
    unchanged = np.mean(np.abs(prepared - images).max(axis=1) < 0.02)
    assert unchanged > 0.75, f"only {unchanged:.0%} of MNIST digits come back as they were"


@pytest.mark.parametrize("shape", [(40, 40), (28, 28), (19, 73), (5, 9)])
@pytest.mark.parametrize("target", [(20, 20), (28, 28), (7, 13), (60, 45)])
def test_resample_matches_pillow_bilinear(shape, target):
    picture = np.random.default_rng(sum(shape)).random(shape).astype(np.float32)
    expected = np.asarray(Image.fromarray(picture, mode="F").resize(target[::-1], Image.BILINEAR))
    np.testing.assert_allclose(resample(picture, target), expected, atol=2e-6)


def test_resample_keeps_a_constant_and_the_mean():
    np.testing.assert_allclose(resample(np.full((37, 11), 0.3), (20, 20)), 0.3)
    picture = np.random.default_rng(3).random((60, 60))
    assert resample(picture, (20, 20)).mean() == pytest.approx(picture.mean(), abs=1e-3)


def test_centre_of_mass_by_hand():
    image = np.zeros((5, 4))
    image[1, 1] = 1.0
    image[3, 3] = 3.0
    assert centre_of_mass(image) == (2.5, 2.5)
    with pytest.raises(ValueError, match="positive mass"):
        centre_of_mass(np.zeros((3, 3)))


# -- bad pictures --------------------------------------------------------------


def noise(shape=(200, 200)):
    return (np.random.default_rng(0).random(shape) * 255).astype(np.uint8)


def ink_along_the_edge():
    page = draw_digit(7)  # 600 x 800
    page[:10] = 0  # a ruled line along the top and half the left side
    page[:400, :10] = 0
    return page


def dots():
    page = np.zeros((200, 200), np.uint8)
    page[::5, ::5] = 255  # isolated pixels only
    return page


BAD = {
    "colour": (np.zeros((30, 30, 3), np.uint8), "colour channels"),
    "one row": (np.zeros(784), "expected a 2-D grey array"),
    "tiny": (np.zeros((3, 30), np.uint8), "at least 4"),
    "floats 0..255": (draw_digit(7).astype(float), "divide by 255"),
    "NaN": (np.full((30, 30), np.nan), "NaN"),
    "negative ints": (np.full((30, 30), -1), "dtype int64"),
    "complex": (np.zeros((30, 30), complex), "dtype complex128"),
    "blank white": (np.full((500, 400), 255, np.uint8), "looks blank"),
    "blank grey with noise": ((120 + 10 * np.random.default_rng(1).random((300, 300))).astype(np.uint8), "looks blank"),
    "noise": (noise(), "no clear digit"),
    "ink on the border": (ink_along_the_edge(), "edge reads as ink"),
    "ink everywhere": (np.pad(np.zeros((90, 90), np.uint8), 5, constant_values=255), "of the image reads as ink"),
    "only specks": (dots(), "no ink found"),
    "a dot": (np.pad(np.full((3, 3), 255, np.uint8), 100), "spans only"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_pictures_are_refused_with_what_is_wrong(name):
    picture, message = BAD[name]
    with pytest.raises(DigitImageError, match=message):
        prepare_digit(picture)


def test_a_huge_array_is_refused_before_any_work():
    side = int(np.sqrt(MAX_PIXELS)) + 1
    huge = np.broadcast_to(np.uint8(255), (side, side))  # no memory: a view of one byte
    with pytest.raises(DigitImageError, match="downscale it first"):
        prepare_digit(huge)


def test_digit_image_error_is_a_value_error():
    assert issubclass(DigitImageError, ValueError)
