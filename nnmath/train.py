r"""The recipes of the shipped networks, and ``python -m nnmath train``.

Recipes
-------
Both train on MNIST's 50,000 training images, watch the 10,000 validation images after
every epoch, and return the network of the epoch with the best validation accuracy (the
first such epoch). The 10,000 test images are looked at once, at the end, to report.

``standard`` -- ``nnmath/weights/standard.npz``, the network of the videos:
    784-16-16-10, sigmoid everywhere, the videos' quadratic cost
    :math:`C_0 = \sum_j (a_j - y_j)^2` (no 1/2), mini-batches of 10.

    - init "scaled": weights :math:`N(0, 1/n_{in})`, biases :math:`N(0, 1)` (the videos'
      :math:`N(0, 1)` weights saturate the first layer's sigmoids);
    - :math:`\eta = 1.5` (Nielsen's 3.0: his code back-propagates :math:`a - y`, the
      videos' cost gives :math:`2(a - y)`), halved whenever validation accuracy has not
      improved for 10 epochs, stopping once it falls below :math:`\eta/128`;
    - L2 weight decay :math:`\lambda = 1`: cost :math:`C_0 + \frac{\lambda}{n} \sum w^2`
      over :math:`n = 50{,}000`, i.e. :math:`w \leftarrow (1 - 2\eta\lambda/n)\,w` at each
      step (weights only);
    - float32 arithmetic (``sgd``'s default), at most 300 epochs.

``tweaked`` -- ``nnmath/weights/tweaked.npz``, what the usual tweaks buy:
    784-100-10, ReLU hidden layer, softmax output, cross-entropy cost, mini-batches of 10,
    init "scaled", :math:`\eta = 0.1` halved after 5 epochs without improvement (stop below
    :math:`\eta/64`), L2 :math:`\lambda = 5` (Nielsen's 10), float32, at most 200 epochs.

Each recipe is deterministic: the same seed gives the same weights on the same machine,
whatever the BLAS thread count (float32 matrix products may round differently on another
CPU, which is why the weights are shipped rather than retrained on import).

The shipped networks (seed 0, ``python -m nnmath train --recipe NAME``), accuracy on
all 10,000 test / 10,000 validation / 50,000 training images:

========  =====================  ======  ==========  =======  ==============  ========
recipe    network                test    validation  train    epoch chosen    training
========  =====================  ======  ==========  =======  ==============  ========
standard  784-16-16-10 sigmoid   96.16%  96.49%      97.89%   119 of 149      103 s
tweaked   784-100-10 ReLU/soft.  98.21%  98.21%      99.93%   29 of 54        116 s
========  =====================  ======  ==========  =======  ==============  ========

(training times measured on the shared 2-core machine while other jobs kept its load
average near 9). The tweaked recipe's size and :math:`\lambda` were chosen on
validation accuracy: 784-64-10 reached 97.83 %, :math:`\lambda = 2.5` 98.19 %.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, TextIO

import numpy as np

from .network import Network, load, save
from .pretrained import PRETRAINED
from .sgd import EpochRecord, Evaluation, History, evaluate, sgd


@dataclass(frozen=True)
class Recipe:
    """Everything that decides a trained network, apart from the seed.

    Attributes
    ----------
    name : str
        The name :func:`nnmath.pretrained` knows it by.
    sizes : tuple of int
        Neurons per layer, input first.
    activation, output_activation : str
        As for :class:`nnmath.Network`.
    init : {"standard", "scaled"}
        As for :meth:`nnmath.Network.random`.
    cost : {"quadratic", "cross_entropy"}
        The cost :func:`nnmath.sgd` minimises.
    batch_size : int
        Examples per step.
    eta : float
        Starting learning rate (the videos' convention, see :func:`nnmath.sgd`).
    lmbda : float
        L2 strength.
    patience : int
        Epochs without a better validation accuracy before eta is halved.
    min_eta_fraction : float
        Training stops when eta falls below this fraction of its start.
    max_epochs : int
        Upper bound on the number of epochs.
    """

    name: str
    sizes: tuple[int, ...]
    activation: str
    output_activation: str
    init: str
    cost: str
    batch_size: int
    eta: float
    lmbda: float
    patience: int
    min_eta_fraction: float
    max_epochs: int

    def summary(self) -> str:
        """One line: sizes, activations, cost and the schedule."""
        sizes = "-".join(map(str, self.sizes))
        return (f"{sizes} {self.activation}/{self.output_activation}, {self.cost} cost, "
                f"init {self.init}, batch {self.batch_size}, eta {self.eta:g} halved after "
                f"{self.patience} epochs without progress, L2 lambda {self.lmbda:g}")


RECIPES: dict[str, Recipe] = {
    "standard": Recipe(
        name="standard", sizes=(784, 16, 16, 10), activation="sigmoid", output_activation="sigmoid",
        init="scaled", cost="quadratic", batch_size=10, eta=1.5, lmbda=1.0, patience=10,
        min_eta_fraction=1 / 128, max_epochs=300,
    ),
    "tweaked": Recipe(
        name="tweaked", sizes=(784, 100, 10), activation="relu", output_activation="softmax",
        init="scaled", cost="cross_entropy", batch_size=10, eta=0.1, lmbda=5.0, patience=5,
        min_eta_fraction=1 / 64, max_epochs=200,
    ),
}
if set(RECIPES) != set(PRETRAINED):
    raise ImportError(f"recipes {sorted(RECIPES)} do not match the shipped networks {sorted(PRETRAINED)}")


@dataclass(frozen=True)
class TrainingResult:
    """A trained network and how it does.

    Attributes
    ----------
    network : Network
        The network of the best validation epoch.
    history : History
        What :func:`nnmath.sgd` did, one record per epoch.
    recipe : Recipe
        The recipe, with any budget limits applied.
    seed : int
        Seeds the initial network and the shuffles.
    seconds : float
        Wall time of :func:`nnmath.sgd`.
    train, validation, test : Evaluation
        The returned network on each split (the training split as trained on).
    """

    network: Network
    history: History
    recipe: Recipe
    seed: int
    seconds: float
    train: Evaluation
    validation: Evaluation
    test: Evaluation


def train_recipe(
    recipe: str | Recipe,
    seed: int = 0,
    *,
    data: object = None,
    max_epochs: int | None = None,
    limit: int | None = None,
    on_epoch: Callable[[EpochRecord], None] | None = None,
) -> TrainingResult:
    """Train a network by a recipe on MNIST.

    Parameters
    ----------
    recipe : str or Recipe
        A name in :data:`RECIPES` ("standard" or "tweaked") or a :class:`Recipe`.
    seed : int
        Seeds the initial parameters and every epoch's shuffle.
    data : object with ``.train``, ``.validation``, ``.test``, optional
        Each with ``.images`` (n, 784) and ``.labels`` (n,); default
        :func:`nnmath.mnist.load_mnist`.
    max_epochs : int, optional
        Stop after this many epochs at most (a smaller budget than the recipe's).
    limit : int, optional
        Train on the first ``limit`` training images only (for quick checks).
    on_epoch : callable, optional
        Called with each :class:`nnmath.EpochRecord` (e.g. :func:`progress_printer`).

    Returns
    -------
    TrainingResult
        The network chosen on validation, with its accuracy on all three splits.
    """
    if isinstance(recipe, str):
        if recipe not in RECIPES:
            raise ValueError(f"unknown recipe {recipe!r}; use one of {sorted(RECIPES)}")
        recipe = RECIPES[recipe]
    if max_epochs is not None:
        if max_epochs < 1:
            raise ValueError(f"max_epochs must be at least 1; got {max_epochs}")
        recipe = replace(recipe, max_epochs=min(max_epochs, recipe.max_epochs))
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1 training image; got {limit}")
    if data is None:
        from .mnist import load_mnist

        data = load_mnist()
    splits = {name: getattr(data, name, None) for name in ("train", "validation", "test")}
    missing = [name for name, split in splits.items() if split is None]
    if missing:
        raise ValueError(f"data has no {', '.join(missing)} split; pass load_mnist() or alike")
    images, labels = splits["train"].images, splits["train"].labels  # type: ignore[union-attr]
    if limit is not None:
        images, labels = images[:limit], labels[:limit]
    net = Network.random(recipe.sizes, seed=seed, activation=recipe.activation,
                         output_activation=recipe.output_activation, init=recipe.init)
    start = time.perf_counter()
    history = sgd(
        net, (images, labels), recipe.max_epochs, recipe.batch_size, recipe.eta, seed,
        validation=splits["validation"], lmbda=recipe.lmbda, cost=recipe.cost,
        patience=recipe.patience, min_eta_fraction=recipe.min_eta_fraction, on_epoch=on_epoch,
    )
    seconds = time.perf_counter() - start
    best = history.network
    return TrainingResult(
        network=best, history=history, recipe=recipe, seed=seed, seconds=seconds,
        train=evaluate(best, images, labels),
        validation=evaluate(best, splits["validation"].images, splits["validation"].labels),  # type: ignore[union-attr]
        test=evaluate(best, splits["test"].images, splits["test"].labels),  # type: ignore[union-attr]
    )


def progress_printer(stream: TextIO | None = None) -> Callable[[EpochRecord], None]:
    """A callback for :func:`train_recipe` that writes one line per epoch to ``stream`` (stderr).

    Each line shows the epoch, the learning rate eta used, the mean training cost seen
    during the epoch, the validation accuracy after it, and the seconds since the start.
    """
    start = time.perf_counter()
    best = [-1.0, 0]

    def show(record: EpochRecord) -> None:
        accuracy = record.validation_accuracy if record.validation_accuracy is not None else float("nan")
        if accuracy > best[0]:
            best[0], best[1] = accuracy, record.epoch
        out = sys.stderr if stream is None else stream
        print(f"epoch {record.epoch:3d}  eta {record.eta:<9.6g} train cost {record.train_cost:.4f}  "
              f"validation {100 * accuracy:6.2f} %  (best {100 * best[0]:.2f} % at {best[1]})  "
              f"{time.perf_counter() - start:6.1f} s", file=out, flush=True)

    return show


def _same_as_shipped(net: Network, name: str) -> str:
    from .pretrained import pretrained

    try:
        shipped = pretrained(name)
    except (FileNotFoundError, ValueError) as error:
        return f"not compared with the shipped {name}.npz ({error})"
    if shipped.sizes != net.sizes:
        return f"differs from the shipped {name}.npz (sizes {shipped.sizes})"
    difference = float(np.max(np.abs(shipped.flat() - net.flat())))
    if difference == 0.0:
        return f"identical to the shipped nnmath/weights/{name}.npz"
    return f"differs from the shipped nnmath/weights/{name}.npz by up to {difference:.3g}"


def main(args: argparse.Namespace) -> int:
    """``python -m nnmath train``: train, save atomically, print the accuracies.

    ``args`` carries ``recipe``, ``seed``, ``out`` (default ``<recipe>.npz`` in the
    current directory), ``quiet`` and, when the parser has them, the hidden budget flags
    ``epochs`` (at most that many epochs) and ``limit`` (only the first that many
    training images), for quick checks. Progress goes to stderr, the result to stdout.
    """
    recipe = RECIPES[args.recipe]
    out = Path(args.out if args.out else f"{recipe.name}.npz")
    if out.suffix != ".npz":
        print(f"python -m nnmath train: --out {out} should end in .npz", file=sys.stderr)
        return 2
    if not out.parent.is_dir():
        print(f"python -m nnmath train: the directory of --out {out} does not exist", file=sys.stderr)
        return 2
    epochs, limit = getattr(args, "epochs", None), getattr(args, "limit", None)
    if not args.quiet:
        print(f"training '{recipe.name}': {recipe.summary()}, seed {args.seed}", file=sys.stderr)
    from .mnist import load_mnist

    data = load_mnist()
    try:
        result = train_recipe(recipe, args.seed, data=data, max_epochs=epochs, limit=limit,
                       on_epoch=None if args.quiet else progress_printer())
    except ValueError as error:
        print(f"python -m nnmath train: {error}", file=sys.stderr)
        return 2
    budget = limit is not None or epochs is not None
    shipped = "budget run" if budget else _same_as_shipped(result.network, recipe.name)  # before out replaces it
    save(result.network, out)
    saved = load(out)  # report what was written
    test = evaluate(saved, data.test.images, data.test.labels)
    if test.correct != result.test.correct:
        print(f"python -m nnmath train: {out} scores {test.correct} on the test images, "
              f"the trained network {result.test.correct}; the file was not written faithfully",
              file=sys.stderr)
        return 1
    history = result.history
    print(f"{recipe.name}: {'-'.join(map(str, recipe.sizes))}, epoch {history.best_epoch} of "
          f"{len(history.epochs)} chosen on validation, {result.seconds:.1f} s of training")
    print(f"test accuracy {100 * test.accuracy:.2f} % ({test.correct} / "
          f"{len(test.predictions)}) of the saved network; validation {100 * result.validation.accuracy:.2f} %; "
          f"train {100 * result.train.accuracy:.2f} %")
    print(f"saved {out} ({out.stat().st_size / 1024:.0f} KiB); {shipped}")
    return 0
