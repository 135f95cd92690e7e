"""Chapter 2's numbers: every value its scenes show, from :mod:`nnmath` and
:mod:`scenes.chapter2.measures`, as typed frozen dataclasses, disk-cached when expensive.

Two networks appear. The *fresh* one is ``Network.random(784-16-16-10, seed=FRESH_SEED)``
(the videos' learning beats used a fresh random network too); the *trained* one is
:func:`scenes.common.data.network` (the shipped weights). Nothing here is typed in:
the weights a slice moves are the ones the gradient says matter most, the mistakes are
the network's own, and so on.

Cost on screen is the mean over all 50,000 training images wherever a number is shown
once (mean costs, slices, the gradient). The gradient-descent recap recomputes the
gradient at every step, so it uses the first :data:`RECAP_IMAGES` training images,
and its captions say so.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from nnmath import BUMPY_1D, Network, Trace, backprop, cost_terms, evaluate, feedforward
from nnmath.mnist import IMAGE_SIDE
from nnmath.parameters import ParameterName, parameter_name, weight_indices
from scenes.chapter2.measures.convolution import TOP_EDGE_KERNEL, convolve_valid
from scenes.chapter2.measures.experiments import MemorisationResult, memorisation_experiment
from scenes.chapter2.measures.gradient_reading import (RankedGradient, Thresholds, extreme_weights,
                                                        magnitude_thresholds, rank_by_magnitude)
from scenes.chapter2.measures.landscape import CostSlice, mean_cost
from scenes.chapter2.measures.learning_runs import (Film, FullBatchRun, OnlineRun, full_batch_steps,
                                                     online_steps, training_film)
from scenes.chapter2.measures.probes import noise_image, running_correct, weight_images
from scenes.common import data
from scenes.common.diskcache import disk_cached
from scenes.common.measures import TopExciting, top_exciting

Array = NDArray[np.float64]

#: Seed of the fresh, untrained network every learning beat starts from.
FRESH_SEED = 2
#: Learning rate of the online steps and the SGD film (the videos' cost; Nielsen's 3.0).
ETA = 1.5
#: Training digits the fresh network meets one at a time (the first ones of the training set).
ONLINE_DIGITS = 15
#: The digit whose cost is written out term by term: the videos' ``image_map[3][5]``.
COST_DIGIT = (3, 5)
#: Half-width of the slices (how far each weight is moved either way) and grid points.
SLICE_HALF_WIDTH = 8.0
SLICE_POINTS_1D = 81
SLICE_POINTS_2D = 41
#: Gradient descent on the slices: step size and steps.
SLICE_ETA_1D, SLICE_STEPS_1D = 10.0, 6
SLICE_ETA_2D, SLICE_STEPS_2D = 4.0, 12
#: The recap's full-batch descent: images, steps, step size.
RECAP_IMAGES, RECAP_STEPS, RECAP_ETA = 5000, 8, 3.0
#: The training film: epochs of SGD on all 50,000 images, mini-batch size, frames kept.
FILM_EPOCHS, FILM_BATCH, FILM_FRAMES = 1, 10, 20
#: Analysis: test digits streamed past the counter, noise seed, favourites per neuron.
STREAM_DIGITS = 300
NOISE_SEED = 0
TOP_K = 4
#: The convolution: the videos' first "9" (``image_map[9][0]``).
CONV_DIGIT = (9, 0)
#: Research corner (SCENES.md's measured set-up, fewer epochs): images, epochs, batch, eta, seed.
MEMO_IMAGES, MEMO_EPOCHS, MEMO_BATCH, MEMO_ETA, MEMO_SEED, MEMO_EVAL_EVERY = 1000, 200, 10, 1.5, 0, 10
#: The 1-D toy: x range drawn, a first start with its step size, and starts for the rolling balls.
TOY_RANGE = (-3.2, 3.0)
TOY_START, TOY_ETA, TOY_STEPS = 2.6, 0.15, 10
TOY_BALLS = (-3.0, -1.6, -0.3, 0.9, 2.2)
TOY_BALL_STEPS = 40
#: The 2-D toy: the square drawn, a point, and its descent.
HILLS_RANGE = 3.0
HILLS_START, HILLS_ETA, HILLS_STEPS = (1.9, -0.6), 0.3, 25


# ----------------------------------------------------------------------------- networks

def fresh() -> Network:
    """The fresh 784-16-16-10 network (shared object: do not modify)."""
    return data.seeded_network(tuple(data.MNIST_SIZES), FRESH_SEED)


def trained() -> Network:
    """The trained network the scenes show (``scenes.common.data.network``)."""
    return data.network()


def trained_id() -> str:
    """What the trained network is, for cache keys: the override if set, else the shipped file."""
    return os.environ.get(data.NETWORK_ENV, "") or "pretrained:standard"


def _trained_for(network_id: str) -> Network:
    if network_id != trained_id():
        raise ValueError(f"asked for network {network_id!r} but the scenes use {trained_id()!r}")
    return trained()


def _train() -> tuple[Array, NDArray[np.int64]]:
    s = data.split("train")
    return s.images, s.labels


def matrices(flat: Array) -> list[Array]:
    """A flat vector in the layout of :meth:`Network.flat` as the list of weight matrices."""
    return fresh().with_flat(flat).weights


def parameter(index: int) -> ParameterName:
    """The :class:`nnmath.parameters.ParameterName` of flat ``index`` in the fresh network."""
    return parameter_name(fresh(), int(index))


def name_tex(index: int) -> str:
    """LaTeX name of a flat parameter of the 784-16-16-10 network, e.g. ``w^{(3)}_{2,11}``."""
    return parameter(index).tex


def current_value(index: int) -> float:
    """The fresh network's current value of flat parameter ``index``."""
    return float(fresh().flat()[index])


# ----------------------------------------------------------------------------- cost functions

def cost_digit_index() -> int:
    """Training index of the cost beat's digit (``image_map[3][5]``)."""
    digit, k = COST_DIGIT
    return int(data.image_map_indices()[digit][k])


@dataclass(frozen=True)
class CostBreakdown:
    """One digit through one network: outputs, targets, the ten terms and their sum."""

    outputs: Array
    targets: Array
    terms: Array
    total: float


def cost_breakdown(net: Network) -> CostBreakdown:
    """The ten :math:`(a_j - y_j)^2` of :func:`cost_digit_index` through ``net``."""
    index = cost_digit_index()
    out = feedforward(net, data.digit("train", index)).output
    label = data.label("train", index)
    terms = cost_terms(out, label)
    return CostBreakdown(out, np.eye(len(out))[label], terms, float(np.sum(terms)))


@dataclass(frozen=True)
class MeanCosts:
    """Mean cost over all 50,000 training images, of the fresh and of the trained network."""

    fresh: float
    trained: float


@disk_cached
def _mean_costs(fresh_seed: int, network_id: str) -> MeanCosts:
    x, y = _train()
    return MeanCosts(fresh=mean_cost(Network.random(data.MNIST_SIZES, seed=fresh_seed), x, y),
                     trained=mean_cost(_trained_for(network_id), x, y))


def mean_costs() -> MeanCosts:
    """Mean cost over all 50,000 training images, fresh and trained (cached)."""
    return _mean_costs(FRESH_SEED, trained_id())


# ----------------------------------------------------------------------------- learning runs

@disk_cached
def _online(seed: int, count: int, eta: float) -> OnlineRun:
    x, y = _train()
    return online_steps(Network.random(data.MNIST_SIZES, seed=seed), x[:count], y[:count], eta, (x, y))


def online_run() -> OnlineRun:
    """The fresh network meets the first :data:`ONLINE_DIGITS` training digits, one step each.

    ``gradients`` (n, 13002), ``thetas`` (n + 1, 13002), ``example_costs`` (n,),
    ``reference_costs`` (n + 1,): mean cost over all 50,000 training images.
    """
    return _online(FRESH_SEED, ONLINE_DIGITS, ETA)


def online_trace(step: int) -> Trace:
    """Forward pass of online digit ``step`` through the network as it was before that step."""
    return feedforward(fresh().with_flat(online_run().thetas[step]), data.digit("train", step))


@dataclass(frozen=True)
class AfterOnline:
    """After the online steps, over all training images: mean output activation and accuracy."""

    mean_output: float
    accuracy: float


@functools.cache
def online_after() -> AfterOnline:
    """The network after the online steps, measured on all training images."""
    net = fresh().with_flat(online_run().thetas[-1])
    x, y = _train()
    return AfterOnline(float(np.mean(feedforward(net, x).output)), evaluate(net, x, y).accuracy)


@disk_cached
def _film(seed: int, epochs: int, batch: int, eta: float, frames: int) -> Film:
    s = data.split("test")
    return training_film(Network.random(data.MNIST_SIZES, seed=seed), _train(), (s.images, s.labels),
                         epochs, batch, eta, seed, frames)


def film() -> Film:
    """SGD from the fresh network, kept as snapshots scored on all 10,000 test images."""
    return _film(FRESH_SEED, FILM_EPOCHS, FILM_BATCH, ETA, FILM_FRAMES)


# ----------------------------------------------------------------------------- gradient

@disk_cached
def _full_gradient(seed: int) -> Array:
    x, y = _train()
    return backprop(Network.random(data.MNIST_SIZES, seed=seed), x, y).flat()


def full_gradient() -> Array:
    """:math:`\\nabla C` of the fresh network over all 50,000 training images, ``(13002,)``."""
    return _full_gradient(FRESH_SEED)


def zero_gradient_entries() -> int:
    """How many entries of :func:`full_gradient` are exactly zero (weights from always-blank pixels)."""
    return int(np.count_nonzero(full_gradient() == 0.0))


def steepest_output_weights(count: int) -> NDArray[np.int64]:
    """Flat indexes of the ``count`` output-layer weights with the largest ``|dC/dw|``."""
    ranked = rank_by_magnitude(full_gradient(), weight_indices(fresh(), -1))
    return ranked.order[:count]


@functools.cache
def ranked_gradient() -> RankedGradient:
    """All 13,002 entries of :func:`full_gradient` sorted by magnitude."""
    return rank_by_magnitude(full_gradient())


def thresholds() -> Thresholds:
    """Magnitudes splitting the entries into thirds: "a little", "somewhat", "a lot"."""
    return magnitude_thresholds(full_gradient())


@dataclass(frozen=True)
class ListedEntry:
    """One entry of :math:`-\\nabla C` read out: its rank by magnitude, flat index and value."""

    rank: int
    index: int
    entry: float


def listed_entries() -> list[ListedEntry]:
    """The entries read out: the three largest, the middle one, one from the bottom third."""
    ranked, low = ranked_gradient(), thresholds().low
    n = len(ranked.values)
    first_small = int(np.flatnonzero(np.abs(ranked.values) < low)[0])
    ranks = [0, 1, 2, n // 2, first_small + n // 12]
    return [ListedEntry(r, int(ranked.order[r]), -float(ranked.values[r])) for r in ranks]


@dataclass(frozen=True)
class ExtremeWeights:
    """The output-layer weights the cost is most and least sensitive to (flat indexes)."""

    most: int
    least: int


def extreme_output_weights() -> ExtremeWeights:
    """The most and least sensitive output-layer weights of the fresh network."""
    most, least = extreme_weights(fresh(), full_gradient(), -1)
    return ExtremeWeights(most, least)


# ----------------------------------------------------------------------------- slices

@dataclass(frozen=True)
class OneWeightSlice:
    """C against one weight moved by ``offsets`` (the rest fixed), and a descent along it.

    ``path``, ``path_costs``, ``path_slopes`` are ``(steps + 1,)``: offsets visited, C and dC/dw there.
    """

    index: int
    offsets: Array
    costs: Array
    path: Array
    path_costs: Array
    path_slopes: Array


@disk_cached
def _slice_1d(seed: int, index: int, half: float, points: int, eta: float, steps: int) -> OneWeightSlice:
    x, y = _train()
    s = CostSlice(Network.random(data.MNIST_SIZES, seed=seed), x, y, [index])
    offsets = np.linspace(-half, half, points)
    path = s.descend(eta, steps)
    return OneWeightSlice(index, offsets, s(offsets), path.offsets[:, 0], path.costs, path.slopes[:, 0])


def slice_1d() -> OneWeightSlice:
    """C against the steepest output weight: curve, and a descent path with its slopes."""
    return _slice_1d(FRESH_SEED, int(steepest_output_weights(1)[0]), SLICE_HALF_WIDTH,
                     SLICE_POINTS_1D, SLICE_ETA_1D, SLICE_STEPS_1D)


@dataclass(frozen=True)
class TwoWeightSlice:
    """C over two weights: ``costs[r, c]`` at offsets ``(axis[c], axis[r])``, and a descent on it.

    ``path`` and ``path_slopes`` are ``(steps + 1, 2)``, ``path_costs`` ``(steps + 1,)``.
    """

    first: int
    second: int
    axis: Array
    costs: Array
    path: Array
    path_costs: Array
    path_slopes: Array


@disk_cached
def _slice_2d(seed: int, first: int, second: int, half: float, points: int, eta: float,
              steps: int) -> TwoWeightSlice:
    x, y = _train()
    s = CostSlice(Network.random(data.MNIST_SIZES, seed=seed), x, y, [first, second])
    axis = np.linspace(-half, half, points)
    uu, vv = np.meshgrid(axis, axis)  # row r is v = axis[r], column c is u = axis[c]
    costs = s(np.stack([uu.ravel(), vv.ravel()], axis=1)).reshape(points, points)
    path = s.descend(eta, steps)
    return TwoWeightSlice(first, second, axis, costs, path.offsets, path.costs, path.slopes)


def slice_2d() -> TwoWeightSlice:
    """C over the two steepest output weights, and a descent path on that map."""
    first, second = (int(i) for i in steepest_output_weights(2))
    return _slice_2d(FRESH_SEED, first, second, SLICE_HALF_WIDTH, SLICE_POINTS_2D,
                     SLICE_ETA_2D, SLICE_STEPS_2D)


@disk_cached
def _recap(seed: int, images: int, steps: int, eta: float) -> FullBatchRun:
    x, y = _train()
    return full_batch_steps(Network.random(data.MNIST_SIZES, seed=seed), x[:images], y[:images], steps, eta)


def recap_run() -> FullBatchRun:
    """Full-batch gradient descent on the first :data:`RECAP_IMAGES` training images.

    ``thetas`` (steps + 1, 13002) and ``costs`` (steps + 1,); the gradient of step
    ``t`` is ``(thetas[t] - thetas[t + 1]) / RECAP_ETA``.
    """
    return _recap(FRESH_SEED, RECAP_IMAGES, RECAP_STEPS, RECAP_ETA)


def recap_gradient(step: int) -> list[Array]:
    r"""The gradient of recap step ``step`` as weight matrices: :math:`(\theta_t - \theta_{t+1}) / \eta`."""
    run = recap_run()
    return matrices((run.thetas[step] - run.thetas[step + 1]) / run.eta)


# ----------------------------------------------------------------------------- toy beats

def toy_paths() -> list[Array]:
    """Descent paths on BUMPY_1D: the first from :data:`TOY_START`, then one per ball."""
    first = BUMPY_1D.descent(TOY_START, TOY_ETA, TOY_STEPS)[:, 0]
    return [first] + [BUMPY_1D.descent(x, TOY_ETA, TOY_BALL_STEPS)[:, 0] for x in TOY_BALLS]


# ----------------------------------------------------------------------------- analysis

@dataclass(frozen=True)
class Stream:
    """The trained network on the first :data:`STREAM_DIGITS` test digits."""

    predictions: NDArray[np.int64]
    labels: NDArray[np.int64]
    running: NDArray[np.int64]
    mistakes: NDArray[np.int64]
    correct: int


def stream() -> Stream:
    """Answers, running count of right answers and mistakes on the first 300 test digits."""
    s = data.split("test")
    e = data.evaluation("test", 0, STREAM_DIGITS)
    labels = s.labels[:STREAM_DIGITS]
    return Stream(e.predictions, labels, running_correct(e.predictions, labels), e.mistakes, e.correct)


def full_test_accuracy() -> float:
    """The trained network's accuracy on all 10,000 test images."""
    return data.evaluation("test").accuracy


def first_layer_pictures() -> Array:
    """The trained first layer's 16 weight rows as (16, 28, 28) pictures in [-1, 1]."""
    return weight_images(trained())


@dataclass(frozen=True)
class NoiseAnswer:
    """Seeded noise ``image`` (784,) and the trained network's ten ``outputs`` for it."""

    image: Array
    outputs: Array

    @property
    def guess(self) -> int:
        """The brightest output."""
        return int(np.argmax(self.outputs))


def noise_answer() -> NoiseAnswer:
    """Seeded noise and the trained network's answer to it."""
    x = noise_image(NOISE_SEED)
    return NoiseAnswer(x, feedforward(trained(), x).output)


def favourite_test_digits() -> TopExciting:
    """For each first-hidden-layer neuron, the :data:`TOP_K` test digits exciting it most."""
    return top_exciting(trained(), data.split("test").images, 1, k=TOP_K)


@dataclass(frozen=True)
class Convolution:
    """A kernel slid over a digit: ``image`` (28, 28), ``kernel`` (4, 4), ``output`` (25, 25)."""

    image: Array
    kernel: Array
    output: Array


def convolution() -> Convolution:
    """The top-edge kernel over the videos' first "9"."""
    digit, k = CONV_DIGIT
    image = data.digit("train", int(data.image_map_indices()[digit][k])).reshape(IMAGE_SIDE, IMAGE_SIDE)
    return Convolution(image, TOP_EDGE_KERNEL, convolve_valid(image, TOP_EDGE_KERNEL))


# ----------------------------------------------------------------------------- research corner

@disk_cached
def _memorisation(seed: int, images: int, epochs: int, batch: int, eta: float, shuffle_seed: int,
                  every: int) -> MemorisationResult:
    x, y = _train()
    t = data.split("test")
    return memorisation_experiment(Network.random(data.MNIST_SIZES, seed=seed), (x[:images], y[:images]),
                                   (t.images, t.labels), epochs, batch, eta, shuffle_seed, every)


def memorisation() -> MemorisationResult:
    """True vs shuffled labels, same fresh network, first 1,000 training images (cached)."""
    return _memorisation(FRESH_SEED, MEMO_IMAGES, MEMO_EPOCHS, MEMO_BATCH, MEMO_ETA, MEMO_SEED,
                         MEMO_EVAL_EVERY)
