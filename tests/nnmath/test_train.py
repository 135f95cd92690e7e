"""The shipped networks and the recipes that rebuild them (python -m nnmath train)."""
import re
from importlib import resources

import numpy as np
import pytest

import nnmath as nm
from nnmath import __main__ as cli
from nnmath.train import RECIPES, train_recipe

pytestmark = pytest.mark.mnist


@pytest.fixture(scope="module")
def mnist():
    return nm.load_mnist()


def _accuracy(net, split):
    return nm.evaluate(net, split.images, split.labels)


def test_standard_is_the_videos_784_16_16_10_sigmoid_network_above_95_percent(mnist):
    net = nm.pretrained("standard")
    assert net.sizes == (784, 16, 16, 10)
    assert (net.activation, net.output_activation) == ("sigmoid", "sigmoid")
    result = _accuracy(net, mnist.test)
    assert len(result.predictions) == 10_000
    assert result.accuracy >= 0.95


def test_tweaked_is_above_98_percent(mnist):
    net = nm.pretrained("tweaked")
    recipe = RECIPES["tweaked"]
    assert net.sizes == recipe.sizes
    assert (net.activation, net.output_activation) == (recipe.activation, recipe.output_activation)
    assert _accuracy(net, mnist.test).accuracy >= 0.98


@pytest.mark.parametrize("name", sorted(nm.PRETRAINED))
def test_shipped_files_are_small_and_hold_float32_values(name):
    ref = resources.files("nnmath") / "weights" / f"{name}.npz"
    assert len(ref.read_bytes()) < 700 * 1024
    theta = nm.pretrained(name).flat()
    np.testing.assert_array_equal(theta.astype(np.float32).astype(np.float64), theta)


def test_train_cli_runs_end_to_end_on_a_tiny_budget(tmp_path, capsys, mnist):
    out = tmp_path / "tiny.npz"
    code = cli.main(["train", "--recipe", "standard", "--out", str(out), "--seed", "3",
                     "--epochs", "2", "--limit", "3000"])
    captured = capsys.readouterr()
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.npz"]  # no temporary file left
    net = nm.load(out)
    assert net.sizes == (784, 16, 16, 10)
    shown = float(re.search(r"test accuracy ([\d.]+) %", captured.out).group(1))
    assert shown == pytest.approx(100 * _accuracy(net, mnist.test).accuracy, abs=0.005)
    progress = [line for line in captured.err.splitlines() if line.startswith("epoch")]
    assert len(progress) == 2
    assert re.match(r"epoch +1 +eta 1\.5 +train cost \d\.\d{4} +validation +\d+\.\d\d %", progress[0])
    assert not [line for line in captured.out.splitlines() if line.startswith("epoch")]


def test_train_cli_quiet_prints_no_progress(tmp_path, capsys):
    code = cli.main(["train", "--out", str(tmp_path / "q.npz"), "--epochs", "1", "--limit", "200", "--quiet"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err == ""
    assert "test accuracy" in captured.out


def test_train_cli_rejects_an_out_path_that_is_not_npz(tmp_path, capsys):
    assert cli.main(["train", "--out", str(tmp_path / "net.txt"), "--epochs", "1", "--limit", "10"]) == 2
    assert ".npz" in capsys.readouterr().err


def test_same_seed_same_weights_and_the_epoch_is_chosen_on_validation(mnist):
    a = train_recipe("standard", seed=1, data=mnist, max_epochs=2, limit=1000)
    b = train_recipe("standard", seed=1, data=mnist, max_epochs=2, limit=1000)
    c = train_recipe("standard", seed=2, data=mnist, max_epochs=2, limit=1000)
    np.testing.assert_array_equal(a.network.flat(), b.network.flat())
    assert not np.array_equal(a.network.flat(), c.network.flat())
    accuracies = [r.validation_accuracy for r in a.history.epochs]
    assert a.history.best_epoch == int(np.argmax(accuracies)) + 1
    assert a.validation.accuracy == max(accuracies)
    assert all(r.test_accuracy is None for r in a.history.epochs)  # test data never seen while training


def test_bad_budgets_and_recipes_are_rejected(mnist):
    with pytest.raises(ValueError, match="unknown recipe 'huge'"):
        train_recipe("huge", data=mnist)
    with pytest.raises(ValueError, match="max_epochs must be at least 1"):
        train_recipe("standard", data=mnist, max_epochs=0)
    with pytest.raises(ValueError, match="limit must be at least 1"):
        train_recipe("standard", data=mnist, limit=0)
