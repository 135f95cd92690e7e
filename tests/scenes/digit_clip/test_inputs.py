"""The own-digit clip's inputs file: what nnvideo writes is what the scene reads, and a bad file is refused."""
from __future__ import annotations

import numpy as np
import pytest

from nnmath import Network
from scenes.digit_clip.data import INPUTS_ENV, ClipInputs, InputsError, current_inputs, read_inputs, write_inputs


def inputs(label: int | None = 3) -> ClipInputs:
    rng = np.random.default_rng(0)
    return ClipInputs(
        source_name="my 3.png", source_size=(300, 400), picture=rng.random((48, 64)),
        prepared_picture=rng.random((48, 64)), crop=(1.5, 40.0, 2.25, 60.0), inverted=True, thickened=False,
        fitted=rng.random((20, 20)), offset=(4, 5), x=rng.random(784),
        net=Network.random([784, 5, 10], seed=1, activation="relu", output_activation="sigmoid"),
        label=label, quick=True,
    )  # fmt: skip


@pytest.mark.parametrize("label", [3, 0, None])
def test_what_is_written_is_read_back(tmp_path, label):
    written = inputs(label)
    read = read_inputs(write_inputs(written, tmp_path / "inputs.npz"))
    for field in ("source_name", "source_size", "crop", "inverted", "thickened", "offset", "label", "quick"):
        assert getattr(read, field) == getattr(written, field), field
    for field in ("picture", "prepared_picture", "fitted", "x"):
        np.testing.assert_array_equal(getattr(read, field), getattr(written, field))
    assert (read.net.sizes, read.net.activation, read.net.output_activation) == ((784, 5, 10), "relu", "sigmoid")
    np.testing.assert_array_equal(read.net.flat(), written.net.flat())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inputs.npz"]


def test_the_scene_reads_the_file_named_by_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(INPUTS_ENV, raising=False)
    with pytest.raises(InputsError, match="nnvideo digit IMAGE"):
        current_inputs()
    monkeypatch.setenv(INPUTS_ENV, str(write_inputs(inputs(), tmp_path / "in.npz")))
    assert current_inputs().label == 3


def test_a_missing_or_foreign_file_is_refused_with_the_command_to_run(tmp_path):
    with pytest.raises(InputsError, match="render the clip with `nnvideo digit IMAGE`"):
        read_inputs(tmp_path / "nowhere.npz")
    np.savez(tmp_path / "other.npz", x=np.zeros(3))
    with pytest.raises(InputsError, match="KeyError"):
        read_inputs(tmp_path / "other.npz")


def test_wrong_shapes_are_refused(tmp_path):
    bad = inputs()
    bad = ClipInputs(**{**bad.__dict__, "x": np.zeros(783)})
    with pytest.raises(InputsError, match="wrong shapes"):
        read_inputs(write_inputs(bad, tmp_path / "bad.npz"))
