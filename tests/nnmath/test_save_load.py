"""save/load: .npz without pickle, shapes validated, atomic writes."""
import numpy as np
import pytest

import nnmath as nm


@pytest.fixture
def net():
    return nm.Network.random([6, 4, 3], seed=4, activation="relu", output_activation="softmax")


def test_round_trip_keeps_every_array_and_the_activations(tmp_path, net):
    path = tmp_path / "net.npz"
    nm.save(net, path)
    again = nm.load(path)
    assert again.sizes == net.sizes
    assert (again.activation, again.output_activation) == ("relu", "softmax")
    for a, b in zip(net.weights + net.biases, again.weights + again.biases):
        np.testing.assert_array_equal(a, b)


def test_truncated_file_is_rejected_and_names_the_file(tmp_path, net):
    path = tmp_path / "net.npz"
    nm.save(net, path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="net.npz is not a readable nnmath network file"):
        nm.load(path)


def test_tampered_arrays_are_rejected(tmp_path, net):
    path = tmp_path / "bad.npz"
    meta = np.array(["nnmath-network-1", "sigmoid", "sigmoid"])
    np.savez(path, meta=meta, W0=np.zeros((4, 6)), b0=np.zeros(4), W1=np.zeros((3, 5)), b1=np.zeros(3))
    with pytest.raises(ValueError, match=r"weights\[1\] has shape \(3, 5\)"):
        nm.load(path)
    np.savez(path, meta=meta, W0=np.zeros((4, 6)), b0=np.zeros(4), extra=np.zeros(1))
    with pytest.raises(ValueError, match="tampered"):
        nm.load(path)
    np.savez(path, W0=np.zeros((4, 6)), b0=np.zeros(4))
    with pytest.raises(ValueError, match="not an nnmath network file"):
        nm.load(path)
    np.savez(path, meta=meta, W0=np.full((4, 6), np.nan), b0=np.zeros(4))
    with pytest.raises(ValueError, match="NaN"):
        nm.load(path)


def test_pickled_object_arrays_are_never_loaded(tmp_path):
    path = tmp_path / "evil.npz"
    np.savez(path, meta=np.array(["nnmath-network-1", "sigmoid", "sigmoid"]),
             W0=np.array([object()], dtype=object), b0=np.zeros(1))
    with pytest.raises(ValueError, match="not a readable"):
        nm.load(path)


def test_failed_save_leaves_the_old_file_and_no_temporary(tmp_path, net, monkeypatch):
    path = tmp_path / "net.npz"
    nm.save(net, path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", boom)
    with pytest.raises(OSError, match="disk full"):
        nm.save(nm.Network.random([6, 4, 3], seed=99), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["net.npz"]


def test_missing_file():
    with pytest.raises(FileNotFoundError):
        nm.load("/nonexistent/net.npz")


def _bad_networks():
    def listed(n):
        n.weights[0] = n.weights[0].tolist()

    def nan(n):
        n.weights[1][2, 0] = np.nan

    def inf_bias(n):
        n.biases[0][1] = np.inf

    def wrong_shape(n):
        n.weights[1] = np.zeros((3, 5))

    def wrong_bias(n):
        n.biases[1] = np.zeros(4)

    def flat_matrix(n):
        n.weights[0] = n.weights[0].ravel()

    def strings(n):
        n.biases[0] = np.array(["a", "b", "c", "d"])

    def activation(n):
        n.activation = "tanh"

    def output(n):
        n.output_activation = "linear"

    def missing_bias(n):
        n.biases.pop()

    return [
        (listed, r"net.weights\[0\] is a list, not a numpy array"),
        (nan, r"net.weights\[1\] holds 1 NaN or infinite"),
        (inf_bias, r"net.biases\[0\] holds 1 NaN or infinite"),
        (wrong_shape, r"net.weights\[1\] has shape \(3, 5\) but layer 1 has 4 neurons"),
        (wrong_bias, r"net.biases\[1\] has shape \(4,\).*expected \(3,\)"),
        (flat_matrix, r"net.weights\[0\] has shape \(24,\); expected 2-D"),
        (strings, r"net.biases\[0\] has dtype <U1; expected floats"),
        (activation, "net.activation is 'tanh'"),
        (output, "net.output_activation is 'linear'"),
        (missing_bias, "2 weight matrices and 1 bias vectors"),
    ]


@pytest.mark.parametrize("spoil, match", _bad_networks(), ids=lambda v: getattr(v, "__name__", ""))
def test_a_bad_network_is_refused_and_leaves_the_old_file_byte_for_byte(tmp_path, net, spoil, match):
    path = tmp_path / "net.npz"
    nm.save(net, path)
    before = path.read_bytes()
    bad = net.copy()
    spoil(bad)
    with pytest.raises(ValueError, match=match):
        nm.save(bad, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["net.npz"]
    with pytest.raises(ValueError, match=match):
        nm.save(bad, tmp_path / "new.npz")
    assert not (tmp_path / "new.npz").exists()


def test_save_keeps_the_usual_file_mode_and_any_file_name(tmp_path, net):
    import os

    umask = os.umask(0)
    os.umask(umask)
    path = tmp_path / "net.weights"
    nm.save(net, path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert nm.load(path).sizes == net.sizes
    assert [p.name for p in tmp_path.iterdir()] == ["net.weights"]
