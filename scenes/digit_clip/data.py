"""What the own-digit clip shows, decided before manim starts: one small inputs file.

``nnvideo digit IMAGE`` prepares the picture, builds a :class:`ClipInputs`,
writes it with :func:`write_inputs` (one ``.npz``, no pickle) and renders
:class:`~scenes.digit_clip.clip.DigitClip` with :data:`INPUTS_ENV` naming that
file; the scene calls :func:`current_inputs` in ``construct`` (nothing at
import) and runs the forward pass itself. The file's format and its reader
live here, beside the scene that reads it; the pipeline only writes it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from nnmath import Network
from nnmath.digit import BOX_SIDE
from nnmath.files import atomic_write
from nnmath.mnist import IMAGE_SIDE

__all__ = ["INPUTS_ENV", "FITTED_SIDE", "ClipInputs", "InputsError", "write_inputs", "read_inputs", "current_inputs"]

INPUTS_ENV = "NNVIDEO_DIGIT_INPUTS"
"""Environment variable holding the path of the clip's inputs file (``.npz``)."""
FITTED_SIDE = BOX_SIDE
"""MNIST fits each digit's ink into a 20 x 20 box inside the 28 x 28 field (:data:`nnmath.digit.BOX_SIDE`)."""
_FORMAT = "nnvideo-digit-inputs-1"
_ARRAYS = ("picture", "prepared_picture", "fitted", "x")


class InputsError(ValueError):
    """The inputs file is missing or malformed; the message says how to make a good one."""


@dataclass(frozen=True)
class ClipInputs:
    """The picture as prepared, the network that reads it and the label, if given.

    Attributes
    ----------
    source_name : str
        The picture's file name, as the clip names it.
    source_size : tuple of 2 ints
        ``(width, height)`` of the file.
    picture : (h, w) ndarray
        The picture as given (grey, not inverted) at display size, values in [0, 1].
    prepared_picture : (h, w) ndarray
        The same after inversion and contrast stretch (ink bright), display size.
    crop : tuple of 4 floats
        ``(top, bottom, left, right)`` of the ink's box, in ``picture`` pixels.
    inverted : bool
        Whether the ink was dark and got inverted.
    thickened : bool
        Whether pen-thin strokes were thickened.
    fitted : (20, 20) ndarray
        The ink fitted into MNIST's 20x20 box.
    offset : tuple of 2 ints
        Top-left of that box in the 28x28 field.
    x : (784,) ndarray
        The network's input.
    net : Network
        The network the clip shows reading ``x``.
    label : int or None
        The true digit, if the user gave it.
    quick : bool
        Short preview: no reading pauses (for tests and quick looks, not for publishing).
    """

    source_name: str
    source_size: tuple[int, int]
    picture: NDArray[np.float64]
    prepared_picture: NDArray[np.float64]
    crop: tuple[float, float, float, float]
    inverted: bool
    thickened: bool
    fitted: NDArray[np.float64]
    offset: tuple[int, int]
    x: NDArray[np.float64]
    net: Network
    label: int | None
    quick: bool = False


def write_inputs(inputs: ClipInputs, path: Path) -> Path:
    """Write ``inputs`` to ``path`` (an ``.npz``, atomically); return ``path``."""
    net = inputs.net
    arrays: dict[str, NDArray[np.generic]] = {
        "format": np.array(_FORMAT),
        "source_name": np.array(inputs.source_name),
        "source_size": np.array(inputs.source_size, dtype=np.int64),
        "crop": np.array(inputs.crop, dtype=np.float64),
        "offset": np.array(inputs.offset, dtype=np.int64),
        "flags": np.array([inputs.inverted, inputs.thickened, inputs.quick]),
        "label": np.array(-1 if inputs.label is None else inputs.label, dtype=np.int64),
        "activations": np.array([net.activation, net.output_activation]),
        **{name: np.asarray(getattr(inputs, name), dtype=np.float64) for name in _ARRAYS},
    }
    for i, (w, b) in enumerate(zip(net.weights, net.biases)):
        arrays[f"W{i}"], arrays[f"b{i}"] = w, b
    with atomic_write(path) as temp, open(temp, "wb") as handle:
        np.savez(handle, **arrays)  # type: ignore[arg-type]
    return path


def read_inputs(path: Path) -> ClipInputs:
    """Read what :func:`write_inputs` wrote.

    Raises
    ------
    InputsError
        If the file is missing, not an inputs file, or its arrays have the wrong shapes.
    """
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as stored:
            if str(stored["format"]) != _FORMAT:
                raise ValueError(f"format {str(stored['format'])!r}, expected {_FORMAT!r}")
            layers = sum(1 for name in stored.files if name.startswith("W"))
            activation, output_activation = (str(v) for v in stored["activations"])
            net = Network([stored[f"W{i}"] for i in range(layers)], [stored[f"b{i}"] for i in range(layers)],
                          activation, output_activation)
            inverted, thickened, quick = (bool(v) for v in stored["flags"])
            width, height = (int(v) for v in stored["source_size"])
            top, bottom, left, right = (float(v) for v in stored["crop"])
            row, col = (int(v) for v in stored["offset"])
            label = int(stored["label"])
            inputs = ClipInputs(
                source_name=str(stored["source_name"]), source_size=(width, height),
                picture=stored["picture"], prepared_picture=stored["prepared_picture"],
                crop=(top, bottom, left, right), inverted=inverted, thickened=thickened,
                fitted=stored["fitted"], offset=(row, col), x=stored["x"], net=net,
                label=None if label < 0 else label, quick=quick,
            )  # fmt: skip
    except (OSError, KeyError, TypeError, ValueError) as error:
        raise InputsError(
            f"cannot read the digit clip's inputs {path}: {type(error).__name__}: {error}; "
            "render the clip with `nnvideo digit IMAGE`"
        ) from error
    if inputs.x.shape != (net.sizes[0],) or inputs.fitted.shape != (FITTED_SIDE, FITTED_SIDE):
        raise InputsError(f"{path}: arrays have the wrong shapes; render the clip with `nnvideo digit IMAGE`")
    if net.sizes[0] != IMAGE_SIDE * IMAGE_SIDE:
        raise InputsError(f"{path}: the network reads {net.sizes[0]} inputs, not a {IMAGE_SIDE}x{IMAGE_SIDE} digit")
    return inputs


def current_inputs() -> ClipInputs:
    """The inputs file named by :data:`INPUTS_ENV` (the scene calls this in ``construct``)."""
    path = os.environ.get(INPUTS_ENV, "")
    if not path:
        raise InputsError(f"{INPUTS_ENV} is not set; render this scene with `nnvideo digit IMAGE`")
    return read_inputs(Path(path))
