"""``nnvideo digit``: a picture of your own handwritten digit, through the network, as a clip.

The steps, each a function here:

1. :func:`read_picture`: Pillow opens the file, checks its size *before*
   decoding (a huge JPEG is decoded at 1/2 .. 1/8 scale for free, anything
   else too big is refused), applies the EXIF rotation, flattens
   transparency and colour to grey, and box-reduces big photos to at most
   :data:`WORK_SIDE` pixels.
2. :func:`nnmath.digit.prepare_digit_steps` makes it an MNIST digit.
3. :func:`clip_inputs` gathers what the scene shows (the steps of its first
   beat, the network, the label); :func:`scenes.digit_clip.data.write_inputs`
   writes it to one small file, which the scene ``scenes/digit_clip/`` reads
   from :data:`~scenes.digit_clip.data.INPUTS_ENV` (the scene runs the forward
   pass; no scene imports nnvideo).
4. :func:`render_digit_clip` renders that scene through the one manim runner
   (:mod:`nnvideo.render.runner`) in a temporary folder, then writes the clip,
   its poster (JPEG) and its captions (WebVTT) beside each other, each through
   :func:`nnmath.files.atomic_write`, the MP4 last: a failed run leaves no
   partial MP4.
"""
from __future__ import annotations

import importlib.util
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps, UnidentifiedImageError

from nnmath import Network, cost, feedforward
from nnmath.digit import DigitImageError, DigitPreparation, prepare_digit_steps, resample
from nnmath.files import atomic_write
from nnmath.mnist import IMAGE_SIDE
from nnvideo.render.assemble import SceneClip, pick_poster_frame
from nnvideo.render.audio import AudioError, add_narration, narration
from nnvideo.render.captions import format_vtt, parse_srt
from nnvideo.render.probe import probe_video
from nnvideo.render.runner import run_manim
from nnvideo.render.settings import QUALITIES
from scenes.common.voice import VOICE_ENV
from scenes.digit_clip.data import INPUTS_ENV, ClipInputs, write_inputs

__all__ = [
    "SCENE_MODULE",
    "SCENE_NAME",
    "MAX_DECODE_PIXELS",
    "WORK_SIDE",
    "DISPLAY_SIDE",
    "DigitInputError",
    "DigitRenderError",
    "Picture",
    "DigitClip",
    "read_picture",
    "clip_inputs",
    "default_output",
    "render_digit_clip",
]

SCENE_MODULE = "scenes.digit_clip.clip"
SCENE_NAME = "DigitClip"
MAX_DECODE_PIXELS = 40_000_000
"""Largest picture decoded (width x height); bigger JPEGs are decoded at reduced scale."""
WORK_SIDE = 1024
"""Decoded pictures are box-reduced until their long side is at most this."""
DISPLAY_SIDE = 64
"""Long side, in pixels, of the picture as the clip draws it (each pixel a square)."""
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


class DigitInputError(ValueError):
    """The picture, the label or the output path is unusable; the message says why and what to do."""


class DigitRenderError(RuntimeError):
    """manim failed to render the clip (the message holds the end of its output)."""


# -- 1. the picture -------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """A decoded picture, grey, at most :data:`WORK_SIDE` pixels on its long side.

    Attributes
    ----------
    grey : (h, w) ndarray
        uint8 (or uint16 for 16-bit files) grey levels, not inverted.
    source_size : tuple of 2 ints
        ``(width, height)`` of the file.
    reduced_by : int
        How many times smaller each side of ``grey`` is than the file's.
    format : str
        Pillow's name of the file format (``PNG``, ``JPEG``...).
    """

    grey: NDArray[Any]
    source_size: tuple[int, int]
    reduced_by: int
    format: str


def _open_image(path: Path) -> Image.Image:
    if not path.is_file():
        raise DigitInputError(f"{path}: no such file; give the path of a PNG or JPEG picture of one digit")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # sizes are checked below
            return Image.open(path)
    except Image.DecompressionBombError as error:
        raise DigitInputError(
            f"{path}: the picture is far too large to decode ({error}); crop or shrink it to a few "
            "megapixels (a digit needs no more than 1000 x 1000 pixels)"
        ) from error
    except UnidentifiedImageError as error:
        raise DigitInputError(
            f"{path}: not a picture Pillow can read; save the digit as PNG or JPEG"
        ) from error
    except OSError as error:
        raise DigitInputError(f"{path}: cannot be read ({error})") from error


def _reduce_before_decoding(image: Image.Image, path: Path) -> None:
    """Refuse a too-large picture, or let a JPEG decode at 1/2, 1/4 or 1/8 scale (no full decode)."""
    width, height = image.size
    if width * height <= MAX_DECODE_PIXELS:
        return
    size = f"{width} x {height} = {width * height / 1e6:.0f} megapixels"
    if image.format == "JPEG":
        for factor in (2, 4, 8):
            if (width // factor) * (height // factor) <= MAX_DECODE_PIXELS:
                image.draft("L", (-(-width // factor), -(-height // factor)))
                return
    raise DigitInputError(
        f"{path}: the picture is {size}; the limit is {MAX_DECODE_PIXELS / 1e6:.0f} megapixels: "
        "crop it around the digit or shrink it first (a digit needs no more than 1000 x 1000 pixels)"
    )


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent areas become background: white under dark strokes, black under light ones."""
    if image.mode not in ("RGBA", "LA", "PA") and not (image.mode == "P" and "transparency" in image.info):
        return image
    rgba = image.convert("RGBA")
    alpha = np.asarray(rgba.getchannel("A"))
    opaque = alpha > 127
    if opaque.all():
        return rgba.convert("RGB")
    grey = np.asarray(rgba.convert("L"))
    strokes_are_dark = not opaque.any() or float(grey[opaque].mean()) < 128
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255) if strokes_are_dark else (0, 0, 0, 255))
    return Image.alpha_composite(background, rgba).convert("RGB")


def _to_grey_array(image: Image.Image) -> NDArray[Any]:
    if image.mode == "I":
        values = np.clip(np.asarray(image, dtype=np.int64), 0, 65535)
        return values.astype(np.uint8 if values.max(initial=0) <= 255 else np.uint16)
    if image.mode == "F":
        values = np.asarray(image, dtype=np.float64)
        top = float(values.max()) if values.size else 0.0
        return np.clip(values / top if top > 1.0 else values, 0.0, 1.0)
    return np.asarray(image.convert("L"))


def read_picture(path: Path) -> Picture:
    """Decode a picture of one digit to grey, cheaply and safely.

    Parameters
    ----------
    path : Path
        A PNG or JPEG (anything Pillow opens), any size up to
        :data:`MAX_DECODE_PIXELS` (a JPEG up to 64 times that).

    Returns
    -------
    Picture
        Grey levels rotated upright by the EXIF orientation, transparency
        flattened, long side at most :data:`WORK_SIDE`.

    Raises
    ------
    DigitInputError
        If the file is missing, not a picture, truncated or too large; the
        dimensions are checked from the header before any pixel is decoded.
    """
    path = Path(path)
    with _open_image(path) as image:
        source_size = image.size
        file_format = image.format or "unknown"
        _reduce_before_decoding(image, path)
        try:
            image.load()
            upright = ImageOps.exif_transpose(image)
        except (OSError, ValueError, SyntaxError) as error:
            raise DigitInputError(f"{path}: the picture cannot be decoded ({error}); is the file complete?") from error
        flat = _flatten(upright)
        long_side = max(flat.size)
        factor = 1 if long_side <= WORK_SIDE else -(-long_side // WORK_SIDE)
        if flat.mode.startswith("I;16"):
            flat = flat.convert("I")
        elif flat.mode not in ("I", "F"):
            flat = flat.convert("L")
        if factor > 1:
            flat = flat.reduce(factor)  # box filter: every source pixel counts once
        grey = _to_grey_array(flat)
    reduced_by = max(1, round(max(source_size) / max(grey.shape)))
    return Picture(grey=grey, source_size=source_size, reduced_by=reduced_by, format=file_format)


# -- 2 and 3. what the scene reads ------------------------------------------------


def _display(image: NDArray[np.float64]) -> NDArray[np.float64]:
    h, w = image.shape
    scale = min(1.0, DISPLAY_SIDE / max(h, w))
    shape = (max(1, round(h * scale)), max(1, round(w * scale)))
    shown: NDArray[np.float64] = np.clip(resample(image, shape), 0.0, 1.0)
    return shown


def clip_inputs(
    name: str, picture: Picture, steps: DigitPreparation, net: Network, label: int | None, quick: bool = False
) -> ClipInputs:
    """The clip's inputs from a decoded picture, its preparation steps and the network that reads it."""
    shown = _display(steps.grey)
    scale = shown.shape[0] / steps.grey.shape[0]
    top, bottom, left, right = steps.crop
    return ClipInputs(
        source_name=name, source_size=picture.source_size, picture=shown,
        prepared_picture=_display(steps.stretched),
        crop=(top * scale, bottom * scale, left * scale, right * scale),
        inverted=steps.inverted, thickened=steps.thickened_by > 0, fitted=steps.fitted,
        offset=steps.offset, x=steps.x, net=net, label=label, quick=quick,
    )  # fmt: skip


# -- 4. the clip ---------------------------------------------------------------


@dataclass(frozen=True)
class DigitClip:
    """What :func:`render_digit_clip` wrote and what the network said.

    Attributes
    ----------
    video, poster, captions : Path
        The MP4, its JPEG poster and its WebVTT captions.
    prediction : int
        The brightest output.
    outputs : (10,) ndarray
        The output activations.
    label : int or None
        The true digit, if given.
    cost : float or None
        :math:`C_0` of this example, if the label was given.
    duration : float
        Seconds of video.
    render_seconds : float
        Wall time of the manim process.
    steps : DigitPreparation
        How the picture was prepared.
    """

    video: Path
    poster: Path
    captions: Path
    prediction: int
    outputs: NDArray[np.float64]
    label: int | None
    cost: float | None
    duration: float
    render_seconds: float
    steps: DigitPreparation


def default_output(image_path: Path, media_root: Path = Path("media")) -> Path:
    """``media/digit/<picture name>.mp4``: where a clip goes without ``--out``."""
    return media_root / "digit" / f"{Path(image_path).stem}.mp4"


def _scene_source() -> tuple[Path, Path]:
    """The scene's file and the folder to put on PYTHONPATH (the project root)."""
    spec = importlib.util.find_spec(SCENE_MODULE)
    if spec is None or spec.origin is None:
        raise DigitRenderError(f"cannot find the scene module {SCENE_MODULE}; is the project installed?")
    source = Path(spec.origin).resolve()
    return source, source.parents[SCENE_MODULE.count(".")]


def _run_manim(inputs_path: Path, quality: str, scratch: Path, voice: str = "joe") -> tuple[Path, float]:
    """Render the clip's scene with manim (:func:`~nnvideo.render.runner.run_manim`); its MP4 and wall time."""
    source, root = _scene_source()
    environment = {INPUTS_ENV: str(inputs_path), VOICE_ENV: voice}
    run = run_manim(source, SCENE_NAME, QUALITIES[quality], scratch, root, environment=environment)
    if run.video is None:
        raise DigitRenderError(f"manim failed to render the clip (exit {run.returncode}):\n{run.error(SCENE_NAME)}")
    return run.video, run.seconds


def _check_request(out: Path, quality: str, label: int | None) -> None:
    if out.suffix.lower() != ".mp4":
        raise DigitInputError(f"--out {out}: the clip is an MP4; give a file name ending in .mp4")
    if out.exists() and out.is_dir():
        raise DigitInputError(f"--out {out} is a folder; give a file name ending in .mp4")
    if quality not in QUALITIES:
        raise DigitInputError(f"unknown quality {quality!r}; choose one of {', '.join(QUALITIES)}")
    if label is not None and (isinstance(label, bool) or not 0 <= int(label) <= 9):
        raise DigitInputError(f"label {label!r} is not a digit; give a whole number from 0 to 9")


def render_digit_clip(
    image_path: Path,
    net: Network,
    out: Path,
    quality: str = "medium",
    label: int | None = None,
    quick: bool = False,
    voice: str = "joe",
) -> DigitClip:
    """Prepare a picture of one digit and render the clip of the network reading it.

    Parameters
    ----------
    image_path : Path
        PNG or JPEG of one handwritten digit (see :func:`read_picture`).
    net : Network
        A 784-...-10 network (the CLI passes the shipped trained one).
    out : Path
        The MP4 to write; the poster (``.jpg``) and captions (``.vtt``) go
        beside it with the same stem.
    quality : str
        A key of :data:`nnvideo.render.settings.QUALITIES`, as for ``nnvideo render``.
    label : int, optional
        The true digit 0-9: adds the cost and the chain rule of its largest
        gradient entry to the clip.
    quick : bool
        A short preview without reading pauses.
    voice : str
        ``joe`` narrates the clip (its own sound track, -16 LUFS); ``none`` is silent.

    Returns
    -------
    DigitClip
        Paths written, the network's answer, the clip's duration.

    Raises
    ------
    DigitInputError
        For a bad picture, label or output path (nothing is written).
    DigitRenderError
        If manim fails (nothing is written).
    """
    image_path, out = Path(image_path), Path(out)
    _check_request(out, quality, label)
    if net.sizes[0] != IMAGE_SIDE * IMAGE_SIDE or net.sizes[-1] != 10:
        raise DigitInputError(
            f"the network is {'-'.join(map(str, net.sizes))}; a digit clip needs {IMAGE_SIDE * IMAGE_SIDE} inputs "
            "and 10 outputs"
        )
    picture = read_picture(image_path)
    try:
        steps = prepare_digit_steps(picture.grey)
    except DigitImageError as error:
        raise DigitInputError(f"{image_path}: {error}") from error
    poster, captions = out.with_suffix(".jpg"), out.with_suffix(".vtt")
    with tempfile.TemporaryDirectory(prefix="nnvideo-digit-") as scratch:
        work = Path(scratch)
        inputs_path = write_inputs(clip_inputs(image_path.name, picture, steps, net, label, quick), work / "inputs.npz")
        # The quick preview does not wait for words: it is silent, captions at its own pace.
        mp4, seconds = _run_manim(inputs_path, quality, work, "none" if quick else voice)
        duration = probe_video(mp4).duration
        try:
            track = narration([(mp4, duration)], work, "digit")
            if track is not None:
                add_narration(mp4, track)
        except AudioError as error:
            raise DigitRenderError(f"the clip's narration failed: {error}") from error
        srt = mp4.with_suffix(".srt")
        cues = parse_srt(srt.read_text(encoding="utf-8")) if srt.exists() else []
        frame, _, _ = pick_poster_frame([SceneClip(SCENE_NAME, mp4, srt, duration)])
        with atomic_write(poster) as temp:
            Image.fromarray(frame).save(temp, format="JPEG", quality=88, optimize=True)
        with atomic_write(captions) as temp:
            temp.write_text(format_vtt(cues), encoding="utf-8")
        with atomic_write(out) as temp:
            shutil.copyfile(mp4, temp)
    trace = feedforward(net, steps.x)  # what the clip showed, for the command's one-line answer
    return DigitClip(
        video=out, poster=poster, captions=captions, prediction=int(trace.prediction),
        outputs=np.asarray(trace.output, dtype=np.float64), label=label,
        cost=None if label is None else cost(trace.output, label),
        duration=duration, render_seconds=seconds, steps=steps,
    )  # fmt: skip
