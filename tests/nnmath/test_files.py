"""atomic_write: the target is replaced only by a complete file."""
import os

import numpy as np
import pytest

from nnmath.files import atomic_write


def test_success_replaces_the_target_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    with atomic_write(target) as tmp:
        assert tmp.parent == target.parent and tmp.name.startswith(".out.txt.") and tmp.suffix == ".txt"
        assert not tmp.exists()
        tmp.write_text("new")
    assert target.read_text() == "new"
    assert os.listdir(target.parent) == ["out.txt"]


def test_an_error_keeps_the_old_file_and_removes_the_temporary(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_write(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.bin"]


def test_a_block_that_writes_nothing_is_an_error(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(FileNotFoundError, match="nothing was written"):
        with atomic_write(target):
            pass
    assert not target.exists()


def test_the_suffix_lets_numpy_write_the_name_it_was_given(tmp_path):
    target = tmp_path / "a.npz"
    with atomic_write(target) as tmp:
        np.savez(tmp, x=np.arange(3))
    with atomic_write(tmp_path / "b", suffix=".npz") as tmp:
        assert tmp.name.endswith(".tmp.npz")
        np.savez(tmp, x=np.arange(3))
    assert sorted(os.listdir(tmp_path)) == ["a.npz", "b"]
    with np.load(tmp_path / "b") as f:
        assert f["x"].tolist() == [0, 1, 2]


def test_the_file_gets_the_usual_mode(tmp_path):
    umask = os.umask(0)
    os.umask(umask)
    with atomic_write(tmp_path / "m.txt") as tmp:
        tmp.write_text("x")
    assert (tmp_path / "m.txt").stat().st_mode & 0o777 == 0o666 & ~umask
