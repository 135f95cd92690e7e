r"""Prepare a picture of one handwritten digit the way MNIST's digits were made.

MNIST's digits are light ink on a dark background, their strokes fitted into a
20x20 box (keeping the aspect ratio, anti-aliased) and that box placed in a
28x28 field so that the ink's centre of mass sits in the middle. A photo or a
scan is none of that: :func:`prepare_digit` turns any 2-D grey array into the
``(784,)`` input :func:`~nnmath.network.feedforward` expects, and
:func:`prepare_digit_steps` keeps every intermediate for showing or checking.

Steps (all plain numpy)
-----------------------
1. Grey levels to ``[0, 1]`` (``uint8`` / ``uint16`` divided by their maximum).
2. Background = the median of the image's border. The ink is whichever robust
   extreme (0.1 / 99.9 percentile) lies farther from it; dark ink on light
   paper is inverted so the ink is bright, as in MNIST.
3. Contrast stretch: background -> 0, ink level -> 1, clipped.
4. Ink = stretched level above :data:`INK_LEVEL`, minus isolated specks (pixels
   with fewer than 2 inked neighbours). Everything farther than one pixel from
   the ink (paper texture, shadows) becomes 0; the one-pixel fringe keeps the
   strokes' anti-aliased edges. Crop to the ink's box, leaving out small marks
   cut off from the digit by empty rows or columns (:data:`SPECK_SHARE`) and
   :data:`TRIM_MASS` of the ink mass on each side.
5. Thin strokes: a pen line on a big photo shrinks to a faint hair at 20x20.
   If the stroke width (``2 * area / boundary edges`` of the ink, scaled to the
   20 px box) is below MNIST's 10th percentile, the ink is dilated until it
   reaches MNIST's median (both measured on 3,000 MNIST test digits with the
   same estimator: 1.34 and 1.82 px). This is the one step MNIST did not need.
6. Fit: pad the crop to a centred square, resample it to 20x20 with a triangle
   (bilinear) filter whose support widens with the scale, so shrinking
   averages every source pixel (anti-aliasing, as Pillow's ``BILINEAR``
   resize does), and scale it so its brightest pixel is 1.
7. Centre: shift the 20x20 box by whole pixels so that its centre of mass
   lands on :data:`CENTRE` in the 28x28 field (MNIST's centres sit at
   (13.99, 14.00) on average, std 0.29 px, in 0-based pixel indices). The
   shift is clamped so no ink leaves the field.

Decoding files, colour, EXIF rotation and the first cheap downscale of a huge
photo belong to an imaging library (the ``nnvideo digit`` pipeline uses Pillow);
this module takes the grey array that comes out. Resampling stays in numpy:
for shrinking to 20x20 the triangle filter matches Pillow's ``BILINEAR`` resize
of a float image to about 1e-6 (tested), so no resize callback is needed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ._typing import Vector
from .mnist import IMAGE_SIDE

__all__ = [
    "BOX_SIDE", "CENTRE",
    "FIELD_SIDE",
    "MAX_PIXELS",
    "DigitImageError",
    "DigitPreparation",
    "prepare_digit",
    "prepare_digit_steps",
    "centre_of_mass",
    "resample",
]

Image = NDArray[np.float64]
"""A 2-D grey image, shape ``(height, width)``, values in ``[0, 1]``."""

FIELD_SIDE = IMAGE_SIDE
"""Side of the prepared image (MNIST's field, :data:`nnmath.mnist.IMAGE_SIDE`)."""
BOX_SIDE = 20
"""Side of the box the ink is fitted into (MNIST's normalisation box)."""
CENTRE = (14.0, 14.0)
"""Where the ink's centre of mass lands, (row, column) 0-based pixel indices."""
MAX_PIXELS = 16_000_000
"""Largest image accepted (height x width); downscale bigger ones first."""
MIN_CONTRAST = 0.15
"""Smallest ink-to-background difference (on 0..1) that counts as a drawing."""
INK_LEVEL = 0.5
"""Stretched levels above this count as ink for the crop and the checks."""
TRIM_MASS = 0.001
"""Share of the ink mass trimmed from each side of the crop box."""
SPECK_SHARE = 0.03
"""Ink cut off from the rest by empty rows or columns, holding less than this share, is dirt."""
MAX_INK_SHARE = 0.5
"""An image more than this share ink is not one digit on a background."""
MAX_BORDER_INK_SHARE = 0.1
"""A border more than this share ink is not a plain background (uniform noise scores 0.25)."""
MIN_INK_SPAN = 4
"""The ink's box must span at least this many pixels on its long side."""
MIN_STROKE_WIDTH = 1.34
"""Stroke width in the 20 px box below which strokes are thickened (MNIST's 10th percentile)."""
TARGET_STROKE_WIDTH = 1.82
"""Stroke width thin strokes are thickened to (MNIST's median)."""


class DigitImageError(ValueError):
    """The array is not a picture of one clear digit; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class DigitPreparation:
    r"""Every step of :func:`prepare_digit_steps`, for showing or checking it.

    Attributes
    ----------
    grey : (h, w) ndarray
        The input as float64 in ``[0, 1]``, as given (not inverted).
    inverted : bool
        True if the ink was dark on a light background and got inverted.
    background, ink : float
        Grey levels (of ``grey``) of the background and of the ink.
    stretched : (h, w) ndarray
        Ink bright on black in ``[0, 1]`` after inversion and stretch; 0 farther
        than one pixel from the ink.
    crop : tuple of 4 ints
        ``(top, bottom, left, right)``: the ink's box in ``grey``, bottom and
        right exclusive.
    stroke_width : float
        Estimated stroke width of the ink in the 20 px box, pixels.
    thickened_by : int
        Radius in ``grey`` pixels of the square dilation applied (0: none).
    fitted : (20, 20) ndarray
        The crop fitted into the 20x20 box, brightest pixel 1.
    offset : tuple of 2 ints
        ``(row, column)`` of the box's top-left corner in the 28x28 field.
    image : (28, 28) ndarray
        The prepared digit.
    centre : tuple of 2 floats
        Centre of mass of ``image``, ``(row, column)``.
    """

    grey: Image
    inverted: bool
    background: float
    ink: float
    stretched: Image
    crop: tuple[int, int, int, int]
    stroke_width: float
    thickened_by: int
    fitted: Image
    offset: tuple[int, int]
    image: Image
    centre: tuple[float, float]

    @property
    def x(self) -> Vector:
        """The prepared digit as the network's input, shape ``(784,)``, values in ``[0, 1]``."""
        return self.image.reshape(FIELD_SIDE * FIELD_SIDE)


# -- small numpy tools --------------------------------------------------------


def resample(image: Image, shape: tuple[int, int]) -> Image:
    """Resize a 2-D image with a triangle (bilinear) filter, anti-aliased when shrinking.

    Parameters
    ----------
    image : (h, w) ndarray
        Values to resample.
    shape : tuple of 2 ints
        ``(new_h, new_w)``, each at least 1.

    Returns
    -------
    (new_h, new_w) ndarray
        Each output pixel is a weighted mean of the input pixels under a
        triangle of half-width ``max(1, scale)`` input pixels centred on it:
        what Pillow's ``Image.resize(..., BILINEAR)`` computes.

    Examples
    --------
    >>> resample(np.ones((7, 3)), (2, 5)).round(12).tolist()
    [[1.0, 1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0, 1.0]]
    """
    a = np.asarray(image, dtype=np.float64)
    if a.ndim != 2 or min(a.shape) < 1 or min(shape) < 1:
        raise ValueError(f"resample needs a non-empty 2-D image and a target shape; got {a.shape} -> {shape}")
    rows = _resample_matrix(a.shape[0], shape[0])
    cols = _resample_matrix(a.shape[1], shape[1])
    out: Image = rows @ a @ cols.T
    return out


def _resample_matrix(n_in: int, n_out: int) -> NDArray[np.float64]:
    """``(n_out, n_in)`` weights of the triangle filter (Pillow's bilinear, antialiased)."""
    scale = n_in / n_out
    support = max(scale, 1.0)
    centres = (np.arange(n_out) + 0.5) * scale
    sources = np.arange(n_in) + 0.5
    weights = np.clip(1.0 - np.abs(sources[None, :] - centres[:, None]) / support, 0.0, None)
    sums = weights.sum(axis=1, keepdims=True)
    weights /= np.where(sums > 0, sums, 1.0)
    return weights


def _box_sum(a: NDArray[np.float64], radius: int, edge: bool = False) -> NDArray[np.float64]:
    """Sum over the ``(2r+1)`` square around each pixel, same shape.

    Outside the image counts as 0, or (``edge=True``) as the nearest edge pixel.
    """
    if radius <= 2:  # a few shifted slices beat two cumulative sums
        padded = np.pad(np.asarray(a, dtype=np.float64), radius, mode="edge" if edge else "constant")
        h, w = padded.shape[0] - 2 * radius, padded.shape[1] - 2 * radius
        rows = np.zeros((h, padded.shape[1]))
        for i in range(2 * radius + 1):
            rows += padded[i : i + h]
        small = np.zeros((h, w))
        for j in range(2 * radius + 1):
            small += rows[:, j : j + w]
        return small
    widths = ((radius + 1, radius), (radius + 1, radius))
    out = np.pad(np.asarray(a, dtype=np.float64), widths, mode="edge" if edge else "constant")
    out[0, :] = 0.0
    out[:, 0] = 0.0
    out = np.cumsum(np.cumsum(out, axis=0), axis=1)
    side = 2 * radius + 1
    box: NDArray[np.float64] = out[side:, side:] - out[:-side, side:] - out[side:, :-side] + out[:-side, :-side]
    return box


def _stroke_width(mask: NDArray[np.bool_]) -> float:
    """``2 * area / boundary edges`` of a binary mask: the width of a long strip, in pixels."""
    k = np.pad(mask, 1).astype(np.int8)
    edges = np.abs(np.diff(k, axis=0)).sum() + np.abs(np.diff(k, axis=1)).sum()
    return float(2.0 * k.sum() / edges) if edges else 0.0


def centre_of_mass(image: Image) -> tuple[float, float]:
    """``(row, column)`` of the intensity-weighted mean pixel index of a 2-D image.

    Raises
    ------
    ValueError
        If the image has no mass (all zeros).

    Examples
    --------
    >>> centre_of_mass(np.array([[0.0, 1.0], [0.0, 3.0]]))
    (0.75, 1.0)
    """
    a = np.asarray(image, dtype=np.float64)
    total = a.sum()
    if a.ndim != 2 or not total > 0:
        raise ValueError(f"centre_of_mass needs a 2-D image with positive mass; got shape {a.shape}, sum {total}")
    row = float(a.sum(axis=1) @ np.arange(a.shape[0]) / total)
    col = float(a.sum(axis=0) @ np.arange(a.shape[1]) / total)
    return row, col


def _main_span(profile: NDArray[np.float64]) -> tuple[int, int]:
    """First and one-past-last index of the ink in ``profile`` (ink mass per row or column).

    Runs of ink separated by empty rows from the rest are dropped from either
    end while each holds less than :data:`SPECK_SHARE` of the mass (dirt,
    a stray mark); then :data:`TRIM_MASS` of the mass is trimmed from each end.
    """
    inked = profile > 0
    starts = np.flatnonzero(inked & ~np.concatenate([[False], inked[:-1]]))
    stops = np.flatnonzero(inked & ~np.concatenate([inked[1:], [False]])) + 1
    masses = np.array([profile[a:b].sum() for a, b in zip(starts, stops)])
    first, last = 0, len(starts) - 1
    while first < last and masses[first] < SPECK_SHARE * masses[first : last + 1].sum():
        first += 1
    while last > first and masses[last] < SPECK_SHARE * masses[first : last + 1].sum():
        last -= 1
    lo, hi = int(starts[first]), int(stops[last])
    cumulative = np.cumsum(profile[lo:hi]) / profile[lo:hi].sum()
    top = lo + int(np.searchsorted(cumulative, TRIM_MASS, side="right"))
    bottom = lo + int(np.searchsorted(cumulative, 1.0 - TRIM_MASS - 1e-9, side="left")) + 1
    return top, min(max(bottom, top + 1), hi)


# -- the steps ----------------------------------------------------------------


def _as_grey(image: object) -> Image:
    a = np.asarray(image)
    if a.ndim == 3 and a.shape[2] in (1, 3, 4):
        raise DigitImageError(
            f"image has shape {a.shape}: colour channels; pass a 2-D grey array "
            "(e.g. PIL.Image.open(path).convert('L'), or average the channels)"
        )
    if a.ndim != 2:
        raise DigitImageError(f"image has shape {a.shape}; expected a 2-D grey array (height, width)")
    if min(a.shape) < MIN_INK_SPAN:
        raise DigitImageError(f"image is {a.shape[1]}x{a.shape[0]} pixels; it needs at least {MIN_INK_SPAN} each way")
    if a.size > MAX_PIXELS:
        raise DigitImageError(
            f"image is {a.shape[1]}x{a.shape[0]} = {a.size:,} pixels; the limit is {MAX_PIXELS:,}: "
            "downscale it first (e.g. with Pillow's Image.reduce)"
        )
    if a.dtype == np.bool_:
        return a.astype(np.float64)
    if a.dtype.kind in "ui":
        if a.dtype.itemsize > 2 or (a.dtype.kind == "i" and a.min() < 0):
            raise DigitImageError(f"image has dtype {a.dtype}; use uint8, uint16 or floats in [0, 1]")
        return a.astype(np.float64) / float(np.iinfo(np.uint8 if a.dtype.itemsize == 1 else np.uint16).max)
    if a.dtype.kind != "f":
        raise DigitImageError(f"image has dtype {a.dtype}; use uint8, uint16 or floats in [0, 1]")
    g = a.astype(np.float64)
    if not np.all(np.isfinite(g)):
        raise DigitImageError("image holds NaN or infinite values; clean it first")
    lo, hi = float(g.min()), float(g.max())
    if lo < 0.0 or hi > 1.0:
        hint = "; divide by 255 first" if hi <= 255.0 and lo >= 0.0 else ""
        raise DigitImageError(f"float image values run from {lo:g} to {hi:g}; expected [0, 1]{hint}")
    return g


def _stretch(grey: Image) -> tuple[Image, bool, float, float]:
    """Invert if needed and stretch background -> 0, ink -> 1; also return (inverted, background, ink)."""
    border = np.concatenate([grey[0], grey[-1], grey[1:-1, 0], grey[1:-1, -1]])
    background = float(np.median(border))
    dark, light = np.percentile(grey, [0.1, 99.9])
    # Extremes of the 3x3 mean resist single hot pixels yet keep strokes >= 3 px at full level.
    local = _box_sum(grey, 1, edge=True) / 9.0
    dark = min(float(dark), float(local.min()))
    light = max(float(light), float(local.max()))
    inverted = background - dark > light - background
    ink = dark if inverted else light
    contrast = abs(ink - background)
    if contrast < MIN_CONTRAST:
        raise DigitImageError(
            f"the image looks blank: its ink and background differ by {contrast:.2f} of full scale "
            f"(at least {MIN_CONTRAST} is needed); draw the digit darker or with more contrast"
        )
    stretched = np.clip((grey - background) / (ink - background), 0.0, 1.0)
    return stretched, bool(inverted), background, float(ink)


def _ink_mask(stretched: Image) -> NDArray[np.bool_]:
    mask = stretched > INK_LEVEL
    neighbours = _box_sum(mask.astype(np.float64), 1) - mask
    cleaned: NDArray[np.bool_] = mask & (neighbours >= 2)
    return cleaned


def _check_one_digit(stretched: Image, mask: NDArray[np.bool_]) -> None:
    share = float(mask.mean())
    if not mask.any():
        raise DigitImageError(
            "no ink found: the image has no stroke, only specks; draw the digit with a thicker line"
        )
    if share > MAX_INK_SHARE:
        raise DigitImageError(
            f"no clear digit: {share:.0%} of the image reads as ink; use a picture of one digit "
            "on a plain background, cropped around it"
        )
    edge = stretched > INK_LEVEL  # before speck removal, which thins the edge of noise
    border = np.concatenate([edge[0], edge[-1], edge[1:-1, 0], edge[1:-1, -1]])
    if border.mean() > MAX_BORDER_INK_SHARE:
        raise DigitImageError(
            f"no clear digit: {border.mean():.0%} of the image's edge reads as ink, so there is no plain "
            "background; leave a margin of paper around the digit"
        )


def _keep_near_ink(stretched: Image, mask: NDArray[np.bool_]) -> Image:
    """The strokes and their anti-aliased fringe (1 px around the ink); the rest is background, 0."""
    near_ink = _box_sum(mask.astype(np.float64), 1) > 0.5
    kept: Image = np.where(near_ink, stretched, 0.0)
    return kept


def _crop_box(ink: Image) -> tuple[int, int, int, int]:
    left, right = _main_span(ink.sum(axis=0))
    top, bottom = _main_span(ink[:, left:right].sum(axis=1))
    left, right = _main_span(ink[top:bottom].sum(axis=0))
    if max(bottom - top, right - left) < MIN_INK_SPAN:
        raise DigitImageError(
            f"no clear digit: the ink spans only {right - left}x{bottom - top} pixels; "
            "use a picture where the digit is larger"
        )
    return top, bottom, left, right


def _thicken(stretched: Image, mask: NDArray[np.bool_], crop: tuple[int, int, int, int]) -> tuple[Image, float, int]:
    """The crop, its stroke width in the 20 px box, and the dilation radius used (0: none)."""
    top, bottom, left, right = crop
    scale = BOX_SIDE / max(bottom - top, right - left)
    width = _stroke_width(mask[top:bottom, left:right]) * scale
    if width >= MIN_STROKE_WIDTH:
        return stretched[top:bottom, left:right], width, 0
    radius = max(1, int(np.ceil((TARGET_STROKE_WIDTH - width) / scale / 2.0)))
    # Dilate the cleaned ink (a square of side 2r+1) inside the crop grown by r.
    top, left = max(0, top - radius), max(0, left - radius)
    bottom, right = min(mask.shape[0], bottom + radius), min(mask.shape[1], right + radius)
    grown = _box_sum(mask[top:bottom, left:right].astype(np.float64), radius) > 0.5
    thick = np.maximum(stretched[top:bottom, left:right], grown)
    return thick, width, radius


def _fit(crop: Image) -> Image:
    h, w = crop.shape
    side = max(h, w)
    square = np.zeros((side, side))
    r0, c0 = (side - h) // 2, (side - w) // 2
    square[r0 : r0 + h, c0 : c0 + w] = crop
    fitted = np.clip(resample(square, (BOX_SIDE, BOX_SIDE)), 0.0, None)
    peak = fitted.max()
    if not peak > 0:
        raise DigitImageError("no clear digit: nothing is left after fitting the ink into 20x20")
    out: Image = np.clip(fitted / peak, 0.0, 1.0)
    return out


def _centre(fitted: Image) -> tuple[Image, tuple[int, int]]:
    row, col = centre_of_mass(fitted)
    limit = FIELD_SIDE - BOX_SIDE
    top = int(np.clip(np.round(CENTRE[0] - row), 0, limit))
    left = int(np.clip(np.round(CENTRE[1] - col), 0, limit))
    field = np.zeros((FIELD_SIDE, FIELD_SIDE))
    field[top : top + BOX_SIDE, left : left + BOX_SIDE] = fitted
    return field, (top, left)


def prepare_digit_steps(image: object) -> DigitPreparation:
    """Prepare one handwritten digit as MNIST was made, keeping every step.

    Parameters
    ----------
    image : (h, w) array_like
        A grey picture of one digit, any size up to :data:`MAX_PIXELS`, dark
        on light or light on dark: ``uint8`` (0..255), ``uint16`` or floats
        in ``[0, 1]``.

    Returns
    -------
    DigitPreparation
        Every intermediate; ``.x`` is the ``(784,)`` network input.

    Raises
    ------
    DigitImageError
        (a ``ValueError``) for a wrong shape, dtype or range, an image too
        small or too large, a blank image, or one with no clear digit (ink
        everywhere, on the border, or only a speck); the message says which.

    See Also
    --------
    prepare_digit : just the ``(784,)`` input.
    """
    grey = _as_grey(image)
    stretched, inverted, background, ink = _stretch(grey)
    mask = _ink_mask(stretched)
    _check_one_digit(stretched, mask)
    stretched = _keep_near_ink(stretched, mask)
    crop = _crop_box(stretched)
    cropped, stroke_width, radius = _thicken(stretched, mask, crop)
    fitted = _fit(cropped)
    field, offset = _centre(fitted)
    return DigitPreparation(
        grey=grey, inverted=inverted, background=background, ink=ink, stretched=stretched,
        crop=crop, stroke_width=stroke_width, thickened_by=radius, fitted=fitted,
        offset=offset, image=field, centre=centre_of_mass(field),
    )  # fmt: skip


def prepare_digit(image: object) -> Vector:
    r"""A picture of one handwritten digit as the network's ``(784,)`` input, MNIST style.

    Parameters
    ----------
    image : (h, w) array_like
        A grey picture of one digit, any size up to :data:`MAX_PIXELS`
        (16 megapixels), dark on light or light on dark: ``uint8`` (0..255),
        ``uint16`` or floats in ``[0, 1]``. Decode files and drop colour
        first, e.g. ``np.asarray(PIL.Image.open(path).convert("L"))``.

    Returns
    -------
    (784,) ndarray
        float64 in ``[0, 1]``, ink bright on 0, fitted into the central
        20x20 box and centred by its centre of mass at (14, 14) of the 28x28
        field (row-major): ready for :func:`~nnmath.network.feedforward`.

    Raises
    ------
    DigitImageError
        (a ``ValueError``) if the array is not a picture of one clear digit;
        the message says what is wrong and how to fix it.

    Notes
    -----
    The steps, in the module docstring of :mod:`nnmath.digit`: invert if the
    ink is dark, stretch the contrast, crop to the ink, thicken pen-thin
    strokes, fit into 20x20 keeping the aspect ratio, centre by mass in 28x28.

    Examples
    --------
    >>> page = np.full((60, 40), 255, dtype=np.uint8)   # white paper
    >>> page[10:50, 18:23] = 0                           # a black "1"
    >>> x = prepare_digit(page)
    >>> x.shape, float(x.min()), float(x.max())
    ((784,), 0.0, 1.0)
    >>> [round(c) for c in centre_of_mass(x.reshape(28, 28))]
    [14, 14]
    """
    return prepare_digit_steps(image).x
