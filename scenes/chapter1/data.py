"""Chapter 1's numbers, computed once per process from nnmath and MNIST, as typed frozen dataclasses.

The network, digits and traces themselves come from :mod:`scenes.common.data`;
here are the seeds of the toy examples and what the chapter measures on top:

- :func:`bar_detector`: the hand-made bar detector of segment 6 on a real seven;
- :func:`selective_neurons`: the first-layer neurons whose favourite test digits agree most;
- :func:`first_mistake`: the first test digit from #20 on that the network gets wrong.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from nnmath import Matrix, Vector
from scenes.chapter1 import measures
from scenes.chapter1.measures import NeuronResponse
from scenes.common import data
from scenes.common.measures import TopExciting, top_exciting

__all__ = ["TOY_SEED", "MATRIX_SEED", "SHIMMER_SEED", "BAR_ROWS", "BAR_COLS", "BAR_BIAS", "BAR_RIVAL", "SEARCH_IMAGES",
           "MISTAKES_FROM", "BarDetector", "bar_detector", "SelectiveNeurons", "selective_neurons",
           "Mistake", "first_mistake"]

#: Seeds of the toy examples (fixed forever; the numbers they give come from nnmath).
TOY_SEED = 1
MATRIX_SEED = 8
SHIMMER_SEED = 0
#: The hand-made edge detector of segment 6 (rows and columns of its bar, first and last) and its bias.
BAR_ROWS, BAR_COLS = (7, 9), (10, 17)
BAR_BIAS = -10.0
#: The digit the bias beat compares with the seven, as ``image_map()[digit][k]``: a three that puts some ink on the bar.
BAR_RIVAL = (3, 0)
#: How many test images the "what does a real neuron like" beat searches.
SEARCH_IMAGES = 10_000
#: The failure shown in segment 8 is the first mistake at or after this test index.
MISTAKES_FROM = 20


@dataclass(frozen=True)
class BarDetector:
    """The bar-detecting weights of segment 6 applied to a real seven.

    Attributes
    ----------
    weights : (28, 28) ndarray
        :func:`~scenes.chapter1.measures.edge_detector` for ``BAR_ROWS`` x ``BAR_COLS``.
    seven : (784,) ndarray
        The fifth seven of the training set (``image_map()[7][4]``).
    response : NeuronResponse
        The weighted sum without a bias.
    biased : NeuronResponse
        The same with the bias ``BAR_BIAS``.
    rival : (784,) ndarray
        The digit ``BAR_RIVAL`` (a three), which the bias tells apart from the seven.
    rival_response, rival_biased : NeuronResponse
        Its weighted sum without and with the bias.
    """

    weights: Matrix
    seven: Vector
    response: NeuronResponse
    biased: NeuronResponse
    rival: Vector
    rival_response: NeuronResponse
    rival_biased: NeuronResponse


@functools.cache
def bar_detector() -> BarDetector:
    """The hand-made bar detector and its response to a real seven (with and without the bias)."""
    weights = measures.edge_detector(BAR_ROWS, BAR_COLS)
    seven = data.image_map()[7][4]
    digit, k = BAR_RIVAL
    rival = data.image_map()[digit][k]
    return BarDetector(weights=weights, seven=seven, response=measures.neuron_response(weights, seven),
                       biased=measures.neuron_response(weights, seven, BAR_BIAS), rival=rival,
                       rival_response=measures.neuron_response(weights, rival),
                       rival_biased=measures.neuron_response(weights, rival, BAR_BIAS))


@dataclass(frozen=True)
class SelectiveNeurons:
    """First-hidden-layer neurons whose most exciting test digits agree most on one label.

    Attributes
    ----------
    neurons : (count,) ndarray of int
        Most selective first (:func:`~scenes.chapter1.measures.most_selective_neurons`).
    top : TopExciting
        For each of them, the ``k`` searched images that excite it most.
    images : (SEARCH_IMAGES, 784) ndarray
        The searched test images (``top.indices`` index its rows).
    labels : (SEARCH_IMAGES,) ndarray of int
        Their labels.
    """

    neurons: NDArray[np.int64]
    top: TopExciting
    images: NDArray[np.float64]
    labels: NDArray[np.int64]

    def favourite(self, neuron: int) -> tuple[int, int]:
        """The most common label among ``neuron``'s top images, and how many of them have it."""
        counts = np.bincount(self.labels[self.top.indices_of(neuron)], minlength=10)
        return int(np.argmax(counts)), int(counts.max())

    @property
    def searched(self) -> int:
        """How many test images were searched."""
        return int(self.images.shape[0])


@functools.cache
def selective_neurons(k: int, count: int = 3) -> SelectiveNeurons:
    """The ``count`` most selective neurons of layer 1 over the first ``SEARCH_IMAGES`` test digits."""
    net = data.network()
    test = data.split("test")
    images, labels = test.images[:SEARCH_IMAGES], test.labels[:SEARCH_IMAGES]
    neurons = measures.most_selective_neurons(net, images, labels, layer=1, k=k, count=count)
    return SelectiveNeurons(neurons=neurons, top=top_exciting(net, images, layer=1, neurons=neurons, k=k),
                            images=images, labels=np.asarray(labels, dtype=np.int64))


@dataclass(frozen=True)
class Mistake:
    """A test digit the trained network gets wrong.

    Attributes
    ----------
    index : int
        Its index in the test split.
    prediction : int
        The network's answer (its brightest output).
    truth : int
        The true label.
    """

    index: int
    prediction: int
    truth: int


@functools.cache
def first_mistake(start: int = MISTAKES_FROM) -> Mistake:
    """The first test digit at or after ``start`` that the trained network gets wrong."""
    test = data.split("test")
    index = measures.first_mistake(data.network(), test.images, test.labels, start=start)
    return Mistake(index=index, prediction=int(data.trace("test", index).prediction),
                   truth=data.label("test", index))
