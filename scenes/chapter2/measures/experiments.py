r"""Our own run of a published experiment: can the network memorise random labels?

Zhang et al. (2017, "Understanding deep learning requires rethinking
generalization") showed that networks can fit training images whose labels
were shuffled at random; Arpit et al. (2017, "A closer look at memorization in
deep networks") showed that real labels are learned faster than random ones,
patterns before noise. Here the same 784-16-16-10 network is trained twice on
the same images, once with their true labels and once with the labels shuffled,
and the two runs are recorded: cost per epoch, and accuracy on the labels
trained on and on the untouched test images.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnmath import Network, evaluate, sgd
from nnmath import Batch, Labels, Vector
from nnmath.validate import labelled_data

__all__ = ["LabelRun", "MemorisationResult", "shuffled_labels", "memorisation_experiment"]


def shuffled_labels(labels: Labels, seed: int) -> Labels:
    """The same labels in a seeded random order: the label counts stay, the meaning goes.

    Examples
    --------
    >>> shuffled_labels(np.array([0, 1, 2, 3]), seed=0).tolist()
    [2, 0, 1, 3]
    """
    y = np.asarray(labels)
    if y.ndim != 1:
        raise ValueError(f"labels has shape {y.shape}; expected (n,)")
    out: Labels = np.random.default_rng(seed).permutation(y).astype(np.int64)
    return out


@dataclass(frozen=True)
class LabelRun:
    """One training run of the experiment.

    Attributes
    ----------
    labels : (n,) ndarray of int
        The labels the network was trained on.
    train_cost : (epochs,) ndarray
        Mean cost of each epoch's mini-batches (``EpochRecord.train_cost``).
    eval_epochs : (s,) ndarray of int
        Epochs after which the accuracies were measured (0 = before training).
    train_accuracy : (s,) ndarray
        Fraction of the training images whose answer matches ``labels``.
    test_accuracy : (s,) ndarray
        Fraction of the test images (true labels) answered right.
    """

    labels: Labels
    train_cost: Vector
    eval_epochs: Labels
    train_accuracy: Vector
    test_accuracy: Vector


@dataclass(frozen=True)
class MemorisationResult:
    """True labels versus shuffled labels, same network, images and schedule.

    Attributes
    ----------
    true, shuffled : LabelRun
        The two runs.
    """

    true: LabelRun
    shuffled: LabelRun

    @property
    def agreement(self) -> float:
        """Fraction of training images whose shuffled label happens to be the true one."""
        return float(np.mean(self.true.labels == self.shuffled.labels))


def _run(net: Network, x: Batch, y: Labels, test: tuple[Batch, Labels], epochs: int,
         batch_size: int, eta: float, seed: int, eval_epochs: Labels) -> LabelRun:
    per_epoch = -(-len(y) // batch_size)
    history = sgd(net, (x, y), epochs, batch_size, eta, seed,
                  snapshots=(eval_epochs * per_epoch).tolist())
    snaps = [history.snapshots[int(e) * per_epoch] for e in eval_epochs]
    return LabelRun(
        labels=y,
        train_cost=np.array([r.train_cost for r in history.epochs]),
        eval_epochs=eval_epochs,
        train_accuracy=np.array([evaluate(s, x, y).accuracy for s in snaps]),
        test_accuracy=np.array([evaluate(s, *test).accuracy for s in snaps]),
    )


def memorisation_experiment(net: Network, train: object, test: object, epochs: int,
                            batch_size: int, eta: float, seed: int,
                            eval_every: int = 10) -> MemorisationResult:
    r"""Train ``net`` on true and on shuffled labels and record both runs.

    Parameters
    ----------
    net : Network
        The common start; not modified.
    train : (images (n, n_0), labels (n,)) or an object with ``.images``/``.labels``
        The training images and their true labels (e.g. the first 1,000 of MNIST).
    test : like ``train``
        Images the runs are scored on, never trained on.
    epochs, batch_size, eta : int, int, float
        The SGD schedule, as for :func:`nnmath.sgd`, the same for both runs.
    seed : int
        Seeds the label shuffle and both runs' mini-batch shuffles.
    eval_every : int
        Accuracies are measured before training and every ``eval_every`` epochs
        (and after the last).

    Returns
    -------
    MemorisationResult
        ``.true`` and ``.shuffled`` runs; ``.agreement`` is the chance overlap.
    """
    n_in, n_out = net.sizes[0], net.sizes[-1]
    x, y = labelled_data(train, n_in, n_out, "train")
    test_xy = labelled_data(test, n_in, n_out, "test")
    if epochs < 1 or batch_size < 1 or not eta > 0 or eval_every < 1:
        raise ValueError(f"need epochs >= 1, batch_size >= 1, eta > 0 and eval_every >= 1; "
                         f"got {epochs}, {batch_size}, {eta}, {eval_every}")
    eval_epochs = np.unique(np.append(np.arange(0, epochs + 1, eval_every), epochs)).astype(np.int64)
    runs = [_run(net, x, labels, test_xy, epochs, batch_size, eta, seed, eval_epochs)
            for labels in (y, shuffled_labels(y, seed))]
    return MemorisationResult(true=runs[0], shuffled=runs[1])
