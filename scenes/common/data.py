"""The scenes' data layer: one cached place to get the network, digits and traces.

Every number a scene shows comes through here from :mod:`nnmath`; nothing is
typed in. Results are cached in memory (per process) and, for the expensive
ones, on disk with :func:`~scenes.common.diskcache.disk_cached`.

The trained network is :func:`nnmath.pretrained` ("standard"). For
development before the weights file exists, set ``NNVIDEO_NETWORK=random:SEED``
to use ``Network.random([784, 16, 16, 10], seed=SEED)`` instead; the variable
is never set by the library itself.
"""
from __future__ import annotations

import functools
import os
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from nnmath import Evaluation, Network, Trace, evaluate, feedforward, pretrained
from nnmath.mnist import IMAGE_SIZE, Mnist, MnistSplit, load_mnist

from .measures import first_per_label

__all__ = [
    "NETWORK_ENV", "MNIST_SIZES", "Split", "network", "mnist", "split", "digit", "label",
    "image_map", "image_map_indices", "trace", "batch_trace", "evaluation", "mistakes",
    "seeded_network", "seeded_input",
]

NETWORK_ENV = "NNVIDEO_NETWORK"
#: The videos' network shape.
MNIST_SIZES = (IMAGE_SIZE, 16, 16, 10)
Split = Literal["train", "validation", "test"]


@functools.cache
def network() -> Network:
    """The trained 784-16-16-10 network (``nnmath.pretrained("standard")``).

    Returns the same object on every call: do not modify it (use ``.copy()``).

    Raises
    ------
    FileNotFoundError
        If the weights file is missing and ``NNVIDEO_NETWORK`` is not set.
    ValueError
        If ``NNVIDEO_NETWORK`` is set to something other than ``random:SEED``.
    """
    override = os.environ.get(NETWORK_ENV, "")
    if override:
        kind, _, seed = override.partition(":")
        if kind != "random" or not seed.isdigit():
            raise ValueError(f"{NETWORK_ENV}={override!r}; expected 'random:SEED', e.g. 'random:0'")
        return Network.random(MNIST_SIZES, seed=int(seed))
    return pretrained("standard")


def mnist() -> Mnist:
    """MNIST as ``nnmath.mnist.load_mnist`` returns it (loaded once per process)."""
    return load_mnist()


def split(name: Split) -> MnistSplit:
    """One split (``train``, ``validation`` or ``test``) with ``.images`` (n, 784) and ``.labels`` (n,)."""
    if name not in ("train", "validation", "test"):
        raise ValueError(f"unknown split {name!r}; use 'train', 'validation' or 'test'")
    return getattr(mnist(), name)  # type: ignore[no-any-return]


def digit(split_name: Split, index: int) -> NDArray[np.float64]:
    """Image ``index`` of a split, shape ``(784,)``, pixel values in [0, 1)."""
    images = split(split_name).images
    if not 0 <= index < images.shape[0]:
        raise ValueError(f"index {index} is out of range for the {split_name} split "
                         f"({images.shape[0]} images)")
    image: NDArray[np.float64] = images[index]
    return image


def label(split_name: Split, index: int) -> int:
    """The true label of image ``index`` of a split."""
    digit(split_name, index)  # range check
    return int(split(split_name).labels[index])


@functools.cache
def image_map_indices() -> NDArray[np.int64]:
    """Training indices of the first 10 images of each digit, shape ``(10, 10)``: row = digit."""
    return first_per_label(split("train").labels, per_label=10)


def image_map() -> dict[int, NDArray[np.float64]]:
    """The videos' ``image_map``: ``image_map()[d][k]`` is the k-th training image of digit d, ``(784,)``.

    Each value is a ``(10, 784)`` array.
    """
    images = split("train").images
    return {d: images[row] for d, row in enumerate(image_map_indices())}


@functools.cache
def _trace_of(split_name: Split, index: int) -> Trace:
    return feedforward(network(), digit(split_name, index))


def trace(split_name: Split, index: int, net: Network | None = None) -> Trace:
    """Forward pass of image ``index`` of a split through ``net`` (default: :func:`network`)."""
    if net is None:
        return _trace_of(split_name, index)
    return feedforward(net, digit(split_name, index))


def batch_trace(split_name: Split, start: int, stop: int, net: Network | None = None) -> Trace:
    """Forward pass of images ``start:stop`` of a split; activations ``(stop - start, n_l)``."""
    images = split(split_name).images
    if not 0 <= start < stop <= images.shape[0]:
        raise ValueError(f"need 0 <= start < stop <= {images.shape[0]}; got {start}:{stop}")
    return feedforward(network() if net is None else net, images[start:stop])


def evaluation(split_name: Split, start: int = 0, stop: int | None = None,
               net: Network | None = None) -> Evaluation:
    """``nnmath.evaluate`` on images ``start:stop`` of a split (indices in it are relative to ``start``)."""
    s = split(split_name)
    stop = s.images.shape[0] if stop is None else stop
    if not 0 <= start < stop <= s.images.shape[0]:
        raise ValueError(f"need 0 <= start < stop <= {s.images.shape[0]}; got {start}:{stop}")
    return evaluate(network() if net is None else net, s.images[start:stop], s.labels[start:stop])


def mistakes(split_name: Split, start: int = 0, stop: int | None = None) -> NDArray[np.int64]:
    """Absolute indices (into the split) of the trained network's mistakes in ``start:stop``."""
    return evaluation(split_name, start, stop).mistakes + start


@functools.cache
def seeded_network(sizes: tuple[int, ...], seed: int) -> Network:
    """``Network.random(sizes, seed)``, cached; pass ``sizes`` as a tuple. Do not modify it."""
    return Network.random(list(sizes), seed=seed)


@functools.cache
def seeded_input(n: int, seed: int) -> NDArray[np.float64]:
    """``n`` activations in [0, 1) from ``numpy.random.default_rng(seed)``: a toy net's input. Read-only."""
    if n < 1:
        raise ValueError(f"n={n} must be positive")
    x = np.random.default_rng(seed).random(n)
    x.flags.writeable = False
    return x
