"""Chapter 4's numbers: the seeded 1-1-1-1 and 3-3-2 networks, their examples, and the
trained network on the first test digit it gets wrong.

Every number comes from :mod:`nnmath` and this chapter's :mod:`~scenes.chapter4.measures`;
nothing is typed in. The results are frozen dataclasses: scenes read attributes. This
module never imports manim.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from nnmath import Network, Trace, backprop, feedforward

from scenes.chapter4.measures.chain_paths import FactorTree, factor_tree
from scenes.chapter4.measures.gradcheck import GradientCheck, check_partials, pick_weights
from scenes.chapter4.measures.partials import copy_examples
from scenes.common import data as common_data

__all__ = [
    "TINY_SIZES", "TINY_SEED", "TINY_X", "TINY_Y", "EXAMPLE_COUNT", "EXAMPLE_SEED", "INDEXED_SIZES",
    "INDEXED_SEED", "INDEXED_X", "INDEXED_Y", "SUM_NEURON", "REAL_SPLIT", "CHECK_PER_LAYER", "CHECK_SEED",
    "FD_STEP", "Examples", "RealExample", "Weight", "tiny_network", "tiny_trace", "tiny_examples",
    "indexed_network", "indexed_weight", "real_example", "real_factor_tree", "real_check",
]

#: The 1-1-1-1 network of "The Chain Rule in networks": seed 28 gives values close to the
#: original's (a^(L-1) ~ 0.4, a^(L) ~ 0.66, C0 ~ 0.11), computed, never typed in.
TINY_SIZES = (1, 1, 1, 1)
TINY_SEED = 28
#: Its one example: input 0.5 (as in the original), desired output 1.
TINY_X = np.array([0.5])
TINY_Y = np.array([1.0])
#: "What do the derivatives mean?": seeded examples x in [0, 1) that ask the network to copy its input
#: (y = x), so each example's derivative differs.
EXAMPLE_COUNT = 10
EXAMPLE_SEED = 4
#: "Layers with additional neurons": a seeded 3-3-2 network (the original's seed 9), input 0.5s.
INDEXED_SIZES = (3, 3, 2)
INDEXED_SEED = 9
INDEXED_X = np.full(3, 0.5)
INDEXED_Y = np.array([0.0, 1.0])
#: The neuron k of layer L-1 whose derivative is written as a sum over the next layer.
SUM_NEURON = 0
#: The real example for the trained 784-16-16-10 network: the first test image it misclassifies
#: (found by nnmath.evaluate, see :func:`real_example`), so its gradient is far from zero.
REAL_SPLIT: common_data.Split = "test"
#: Weights checked per layer of the real network, and the seed that picks them.
CHECK_PER_LAYER = 2
CHECK_SEED = 0
#: Step of every finite difference on screen.
FD_STEP = 1e-5


@dataclass(frozen=True)
class Examples:
    """Training examples of the 1-1-1-1 network.

    Attributes
    ----------
    xs : (m, 1) ndarray
        Inputs in [0, 1).
    ys : (m, 1) ndarray
        Targets, equal to ``xs``: the network should copy its input.
    """

    xs: NDArray[np.float64]
    ys: NDArray[np.float64]


@dataclass(frozen=True)
class RealExample:
    """The trained network, the first test digit it gets wrong, and that digit's true label.

    Attributes
    ----------
    net : Network
        The shared trained network (do not modify).
    x : (n_0,) ndarray
        The digit's pixels.
    label : int
        Its true label (the network answers something else).
    """

    net: Network
    x: NDArray[np.float64]
    label: int


@dataclass(frozen=True)
class Weight:
    """One weight ``weights[layer][j, k]`` (``layer`` never negative)."""

    layer: int
    j: int
    k: int


def tiny_network() -> Network:
    """The seeded 1-1-1-1 network (shared, do not modify: use ``.copy()``)."""
    return common_data.seeded_network(TINY_SIZES, TINY_SEED)


def tiny_trace(net: Network | None = None) -> Trace:
    """Forward pass of :data:`TINY_X` through ``net`` (default :func:`tiny_network`)."""
    return feedforward(tiny_network() if net is None else net, TINY_X)


def tiny_examples() -> Examples:
    """The seeded training examples of the 1-1-1-1 network."""
    xs, ys = copy_examples(EXAMPLE_COUNT, seed=EXAMPLE_SEED)
    return Examples(xs, ys)


def indexed_network() -> Network:
    """The seeded 3-3-2 network (shared, do not modify)."""
    return common_data.seeded_network(INDEXED_SIZES, INDEXED_SEED)


def indexed_weight() -> Weight:
    """The weight of w^(L) of the 3-3-2 network whose derivative is largest for its example
    (computed, not chosen)."""
    net = indexed_network()
    g = backprop(net, INDEXED_X, INDEXED_Y)
    j, k = np.unravel_index(np.argmax(np.abs(g.nabla_w[-1])), g.nabla_w[-1].shape)
    return Weight(len(net.weights) - 1, int(j), int(k))


def real_example() -> RealExample:
    """The trained network, the first test digit it gets wrong, and that digit's true label."""
    index = int(common_data.mistakes(REAL_SPLIT)[0])
    return RealExample(common_data.network(), common_data.digit(REAL_SPLIT, index),
                       common_data.label(REAL_SPLIT, index))


def real_factor_tree() -> FactorTree:
    """The factor tree of the weight of w^(L-1) the real example's cost is most sensitive to."""
    ex = real_example()
    g = backprop(ex.net, ex.x, ex.label)
    j, k = np.unravel_index(np.argmax(np.abs(g.nabla_w[-2])), g.nabla_w[-2].shape)
    return factor_tree(ex.net, ex.x, ex.label, -2, int(j), int(k))


def real_check() -> GradientCheck:
    """Chain rule, backprop and finite differences for :data:`CHECK_PER_LAYER` seeded weights of
    every layer of the trained network, on the real example."""
    ex = real_example()
    picks = pick_weights(ex.net, ex.x, CHECK_PER_LAYER, CHECK_SEED)
    return check_partials(ex.net, ex.x, ex.label, picks, h=FD_STEP)
