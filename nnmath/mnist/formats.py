"""MNIST's file formats: the constants of the data, its errors, and two safe readers.

- Nielsen's ``mnist.pkl.gz``: its bytes are checked against a SHA-256 first,
  then unpickled by an unpickler that can build numpy arrays and nothing else.
- The standard IDX files (``train-images-idx3-ubyte`` ...), plain or gzip'd.

Both readers return the raw data, uint8 pixels ``(n, 784)`` and uint8 labels
``(n,)`` per split; :mod:`nnmath.mnist` turns them into float64 images.

Pixel values are multiples of 1/256: Nielsen's pickle stores ``byte / 256``
(its largest value is 255/256 = 0.99609375, and every value times 256 is a
whole number), so the IDX files' bytes are divided by 256 too, to give the
same arrays as the pickle.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

#: Side of an MNIST image in pixels: the project's one definition of 28.
IMAGE_SIDE = 28
#: Pixels of one image, ``IMAGE_SIDE ** 2 = 784``: the input size of the videos' network.
IMAGE_SIZE = IMAGE_SIDE * IMAGE_SIDE
#: Another name of :data:`IMAGE_SIZE`.
N_PIXELS = IMAGE_SIZE
#: Digits 0..9.
N_CLASSES = 10
#: Pixel bytes are divided by this (Nielsen's pickle holds byte / 256).
PIXEL_SCALE = 256
#: Images per split in Nielsen's data; IDX's 60,000 training images end with the validation set.
SPLIT_SIZES = {"train": 50_000, "validation": 10_000, "test": 10_000}

SplitName = Literal["train", "validation", "test"]
SPLITS: tuple[SplitName, ...] = ("train", "validation", "test")

#: The four standard IDX files, by role.
IDX_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}
_IDX_TYPE_NAMES = {0x08: "unsigned byte", 0x09: "signed byte", 0x0B: "int16",
                   0x0C: "int32", 0x0D: "float32", 0x0E: "float64"}

# uint8 pixels (n, 784) and uint8 labels (n,), for train, validation, test.
RawSplit = tuple[NDArray[np.uint8], NDArray[np.uint8]]
Raw = tuple[RawSplit, RawSplit, RawSplit]


class MnistError(RuntimeError):
    """Base class of every MNIST loading problem; the message says how to fix it."""


class MnistNotFoundError(MnistError):
    """The data is not in the cache and could not be downloaded."""


class MnistCorruptError(MnistError):
    """A data file is not what it should be (wrong checksum or content)."""


class UnsafePickleError(MnistCorruptError, pickle.UnpicklingError):
    """A pickle asked for something other than numpy arrays."""


class IdxFormatError(MnistError, ValueError):
    """An IDX file has a wrong magic number, type, shape or length."""


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def corrupt_message(path: Path, actual: str, expected: str) -> str:
    """What to say about a file whose SHA-256 is wrong, with the fix."""
    return (
        f"{path} is corrupt: its sha256 is {actual}, expected {expected}. "
        f"Delete it and run `python -m nnmath fetch` (or `python -m nnmath fetch --force`) "
        "to download it again."
    )


# ---------------------------------------------------------------------------
# The pickle


class NumpyOnlyUnpickler(pickle.Unpickler):
    """An unpickler that can build numpy arrays and nothing else."""

    _reconstruct = np.ndarray.__reduce__(np.zeros(0))[0]
    _ALLOWED: dict[tuple[str, str], Any] = {
        ("numpy.core.multiarray", "_reconstruct"): _reconstruct,
        ("numpy._core.multiarray", "_reconstruct"): _reconstruct,
        ("numpy", "ndarray"): np.ndarray,
        ("numpy", "dtype"): np.dtype,
    }

    def find_class(self, module: str, name: str) -> Any:
        try:
            return self._ALLOWED[(module, name)]
        except KeyError:
            raise UnsafePickleError(
                f"refusing to unpickle global {module}.{name}: an MNIST pickle holds only "
                "numpy arrays (numpy.core.multiarray._reconstruct, numpy.ndarray, numpy.dtype)"
            ) from None


def unpickle_numpy_only(stream: io.BufferedIOBase) -> object:
    """Unpickle ``stream`` (a Python 2 or 3 pickle) allowing only numpy arrays."""
    return NumpyOnlyUnpickler(stream, encoding="latin1").load()


def _as_pixels(images: object, where: str) -> NDArray[np.uint8]:
    """Float images ``byte / 256`` as uint8 bytes, or a MnistCorruptError."""
    if not isinstance(images, np.ndarray) or images.ndim != 2 or images.shape[1] != N_PIXELS:
        shape = getattr(images, "shape", type(images).__name__)
        raise MnistCorruptError(f"{where}: images should be an (n, {N_PIXELS}) array, got {shape}")
    if images.dtype.kind != "f":
        raise MnistCorruptError(f"{where}: images should be floats, got dtype {images.dtype}")
    scaled = np.multiply(images, PIXEL_SCALE, dtype=images.dtype)  # exact: a power of two
    in_range = bool(scaled.size == 0 or (scaled.min() >= 0 and scaled.max() <= 255))
    pixels = scaled.astype(np.uint8) if in_range else np.zeros(0, np.uint8)
    if not (in_range and np.array_equal(pixels, scaled)):
        raise MnistCorruptError(f"{where}: pixel values should be multiples of 1/{PIXEL_SCALE} "
                                f"in [0, 255/{PIXEL_SCALE}] as in Nielsen's mnist.pkl.gz")
    return pixels


def _as_labels(labels: object, n: int, where: str) -> NDArray[np.uint8]:
    if not isinstance(labels, np.ndarray) or labels.shape != (n,) or labels.dtype.kind not in "iu":
        shape = getattr(labels, "shape", type(labels).__name__)
        raise MnistCorruptError(f"{where}: labels should be ({n},) integers, got {shape}")
    if n and (labels.min() < 0 or labels.max() >= N_CLASSES):
        raise MnistCorruptError(f"{where}: labels should be 0..{N_CLASSES - 1}, "
                                f"got {labels.min()}..{labels.max()}")
    return labels.astype(np.uint8)


def raw_from_pickle(path: Path, expected_sha256: str) -> Raw:
    """Verify ``path``'s bytes against ``expected_sha256``, then unpickle those same bytes.

    Returns
    -------
    Raw
        ``(train, validation, test)``, each uint8 pixels ``(n, 784)`` and uint8 labels ``(n,)``.

    Raises
    ------
    MnistNotFoundError
        If the file cannot be read.
    MnistCorruptError
        On a wrong digest (nothing is unpickled then) or wrong content.
    UnsafePickleError
        If the pickle names anything but numpy's array constructors.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise MnistNotFoundError(f"cannot read {path}: {error}") from error
    actual = sha256(data)
    if actual != expected_sha256:
        raise MnistCorruptError(corrupt_message(path, actual, expected_sha256))
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            content = unpickle_numpy_only(stream)
    except UnsafePickleError as error:
        raise UnsafePickleError(f"{path}: {error}") from None
    except (OSError, EOFError, pickle.UnpicklingError, ValueError) as error:
        raise MnistCorruptError(f"{path} is not a readable gzip'd pickle: {error}") from error
    if not (isinstance(content, tuple) and len(content) == 3
            and all(isinstance(part, tuple) and len(part) == 2 for part in content)):
        raise MnistCorruptError(f"{path} should hold (train, validation, test), "
                                "each (images, labels)")
    splits = []
    for name, (images, labels) in zip(SPLITS, content):
        where = f"{path} ({name})"
        pixels = _as_pixels(images, where)
        splits.append((pixels, _as_labels(labels, pixels.shape[0], where)))
    return splits[0], splits[1], splits[2]


# ---------------------------------------------------------------------------
# IDX files


def _open_maybe_gzip(path: Path) -> bytes:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise IdxFormatError(f"{path} looks gzip'd but cannot be decompressed: {error}") from error
    return data


def read_idx(path: str | os.PathLike[str]) -> NDArray[np.uint8]:
    """Read one IDX file of unsigned bytes (plain or gzip'd), e.g. MNIST's.

    Parameters
    ----------
    path : path
        An IDX file: 2 zero bytes, type code ``0x08``, the number of dimensions
        ``d``, ``d`` big-endian uint32 sizes, then the bytes in C order.

    Returns
    -------
    (d_1, ..., d_d) ndarray of uint8
        E.g. ``(60000, 28, 28)`` images or ``(60000,)`` labels.

    Raises
    ------
    IdxFormatError
        On a wrong magic number, a type other than unsigned byte, or a length
        that does not match the header.
    """
    file = Path(path)
    data = _open_maybe_gzip(file)
    if len(data) < 4:
        raise IdxFormatError(f"{file} is {len(data)} bytes long, too short for an IDX header")
    if data[0] != 0 or data[1] != 0:
        raise IdxFormatError(f"{file} is not an IDX file: its magic number {data[:4].hex()} "
                             "should start with two zero bytes (e.g. 00000803 for images)")
    type_code, ndim = data[2], data[3]
    if type_code != 0x08:
        kind = _IDX_TYPE_NAMES.get(type_code, "unknown type")
        raise IdxFormatError(f"{file} holds {kind} (type code 0x{type_code:02x}); "
                             "MNIST IDX files hold unsigned bytes (0x08)")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise IdxFormatError(f"{file} is truncated inside its header ({ndim} dimensions)")
    shape = tuple(int(size) for size in np.frombuffer(data, dtype=">u4", count=ndim, offset=4))
    expected = int(np.prod(shape, dtype=np.int64))
    if len(data) - header != expected:
        raise IdxFormatError(f"{file} should hold {expected} bytes after its header for shape "
                             f"{shape}, but holds {len(data) - header}; it is truncated or damaged")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)


def _find_idx_file(directory: Path, stem: str) -> Path:
    dotted = stem.replace("-idx", ".idx")  # some copies are named train-images.idx3-ubyte
    for name in (stem, f"{stem}.gz", dotted, f"{dotted}.gz"):
        if (directory / name).is_file():
            return directory / name
    raise MnistNotFoundError(f"{directory} has no {stem} (nor {stem}.gz); an MNIST IDX directory "
                             f"holds {', '.join(IDX_FILES.values())}")


def _read_idx_pair(directory: Path, kind: str) -> RawSplit:
    images_path = _find_idx_file(directory, IDX_FILES[f"{kind}_images"])
    labels_path = _find_idx_file(directory, IDX_FILES[f"{kind}_labels"])
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3 or images.shape[1:] != (IMAGE_SIDE, IMAGE_SIDE):
        raise IdxFormatError(f"{images_path} should hold (n, {IMAGE_SIDE}, {IMAGE_SIDE}) images "
                             f"(magic 00000803), got shape {images.shape}")
    if labels.ndim != 1:
        raise IdxFormatError(f"{labels_path} should hold (n,) labels (magic 00000801), "
                             f"got shape {labels.shape}")
    if labels.shape[0] != images.shape[0]:
        raise IdxFormatError(f"{images_path} has {images.shape[0]} images but {labels_path} "
                             f"has {labels.shape[0]} labels")
    if labels.size and labels.max() >= N_CLASSES:
        raise IdxFormatError(f"{labels_path} has label {labels.max()}; MNIST labels are 0..9")
    return images.reshape(images.shape[0], N_PIXELS), labels


def raw_from_idx_dir(directory: Path, validation_size: int) -> Raw:
    """The four IDX files of ``directory`` as raw splits; the last ``validation_size``
    training images become the validation set.

    Raises
    ------
    MnistNotFoundError
        When the directory or a file is missing.
    IdxFormatError
        When a file is malformed or there are too few training images.
    """
    if not directory.is_dir():
        raise MnistNotFoundError(f"MNIST IDX directory {directory} does not exist")
    train_pixels, train_labels = _read_idx_pair(directory, "train")
    test = _read_idx_pair(directory, "test")
    n_train = train_pixels.shape[0] - validation_size
    if validation_size < 0 or n_train < 1:
        raise IdxFormatError(f"{directory}: {train_pixels.shape[0]} training images cannot be "
                             f"split into train and the last {validation_size} for validation")
    train = (train_pixels[:n_train], train_labels[:n_train])
    validation = (train_pixels[n_train:], train_labels[n_train:])
    return train, validation, test
