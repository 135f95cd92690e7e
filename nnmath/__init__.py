r"""nnmath: the math behind every number on screen, in plain numpy.

Conventions, once: layer ``l = 0`` is the input; ``net.weights[i]`` is the
book's :math:`W^{(i+1)}`, shape ``(n_{i+1}, n_i)``; the videos' layer L is
``weights[-1]``. One example is a vector ``(n,)`` with ``z = w @ a + b``; a
batch is ``(m, n)``, one row per example, with ``Z = A @ W.T + b``. The cost is
the videos' :math:`C_0 = \sum_j (a_j - y_j)^2` (no 1/2), averaged over a batch.

The core, one job per module (the names below are re-exported here):

- ``network``: :class:`Network`, :func:`feedforward` -> :class:`Trace`, :func:`forward_from`
  (the forward pass from any layer), :func:`layer_activation`, :func:`save` (checked, atomic), :func:`load`;
- ``activations``, ``cost``: sigmoid and ReLU with their derivatives; the quadratic cost and cross-entropy;
- ``backprop``: :func:`backprop` -> :class:`Gradients`; ``numeric``: finite differences to check it;
- ``chain``: :func:`chain_rule` and :func:`nudges`, the videos' breakdowns of one gradient;
- ``parameters``: flat indices and the book's names (``w0 .. w13,001``), one parameter set or read;
- ``sgd``: :func:`sgd` -> :class:`History` (returns, never prints), :func:`evaluate`;
- ``mnist``: :func:`load_mnist` (``fetch``: download and cache; ``formats``: pickle and IDX readers);
- ``digit``: any picture of a digit prepared the way MNIST was; ``toy``: small cost surfaces;
- ``pretrained``, ``weights/``: the shipped networks; ``train``: their recipes (``python -m nnmath train``);
- ``_typing``: the array aliases ``Vector``, ``Matrix``, ``Batch``, ``Labels`` (re-exported here);
- ``validate``: input checks (:func:`labelled_data`); ``files``: :func:`atomic_write`, the one atomic writer.

What a single chapter computes (cost slices, probes, descent paths, path
products...) is not here: it lives beside the chapter, in
``scenes/chapterN/measures``, built on these names. This package needs only
numpy and never imports manim.
"""
from ._typing import Batch, Labels, Matrix, Vector
from .activations import relu, relu_prime, sigmoid, sigmoid_prime
from .backprop import Gradients, backprop
from .chain import ChainRule, Nudges, chain_rule, nudges
from .cost import cost, cost_derivative, cost_per_example, cost_terms, cross_entropy
from .digit import DigitImageError, DigitPreparation, prepare_digit, prepare_digit_steps
from .files import atomic_write
from .mnist import (
    IMAGE_SIDE, IMAGE_SIZE, Mnist, MnistCorruptError, MnistError, MnistNotFoundError, MnistSplit, fetch_mnist,
    load_mnist,
)
from .network import Network, Trace, feedforward, forward_from, layer_activation, load, save, softmax
from .numeric import numeric_gradient, numeric_partial
from .parameters import (
    ParameterName, parameter_index, parameter_name, parameter_value, weight_indices, with_parameter,
)
from .pretrained import PRETRAINED, pretrained
from .sgd import EpochRecord, Evaluation, History, evaluate, sgd
from .toy import BOWL_2D, BUMPY_1D, HILLS_2D, ToyCost
from .validate import labelled_data

__all__ = [
    "Batch", "Labels", "Matrix", "Vector",
    "BOWL_2D", "BUMPY_1D", "HILLS_2D", "IMAGE_SIDE", "IMAGE_SIZE", "PRETRAINED",
    "ChainRule", "DigitImageError", "DigitPreparation", "EpochRecord", "Evaluation", "Gradients", "History",
    "Mnist", "MnistCorruptError", "MnistError", "MnistNotFoundError", "MnistSplit", "Network", "Nudges",
    "ParameterName", "ToyCost", "Trace",
    "atomic_write", "backprop", "chain_rule", "cost", "cost_derivative", "cost_per_example", "cost_terms",
    "cross_entropy", "evaluate", "feedforward", "fetch_mnist", "forward_from", "labelled_data",
    "layer_activation", "load", "load_mnist", "nudges", "numeric_gradient", "numeric_partial",
    "parameter_index", "parameter_name", "parameter_value", "prepare_digit", "prepare_digit_steps",
    "pretrained", "relu", "relu_prime", "save", "sgd", "sigmoid", "sigmoid_prime", "softmax",
    "weight_indices", "with_parameter",
]
