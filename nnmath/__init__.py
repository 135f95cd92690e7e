"""nnmath: the math behind every number on screen, in plain numpy.

Conventions, once: layer ``l = 0`` is the input; ``net.weights[i]`` is the
book's :math:`W^{(i+1)}`, shape ``(n_{i+1}, n_i)``; the videos' layer L is
``weights[-1]``. One example is a vector ``(n,)`` with ``z = w @ a + b``; a
batch is ``(m, n)``, one row per example, with ``Z = A @ W.T + b``. The cost is
the videos' :math:`C_0 = \\sum_j (a_j - y_j)^2` (no 1/2), averaged over a batch.

The names below are the core. Each chapter's breakdowns live in a module of its
own, imported by name (``from nnmath.descent_paths import compare_descent``):

- ``analysis``: what chapter 1 shows besides training (shown pixels, digits that
  excite a neuron, Sobel edges, loops of a digit, the parameter tally, first mistake);
- ``landscape``, ``gradient_reading``, ``learning_runs``, ``probes``, ``convolution``,
  ``experiments``: chapter 2 (cost slices, sorted gradient entries, learning filmed,
  the trained network probed, a convolution, the random-label experiment);
- ``nudge_effects``, ``descent_paths``: chapter 3 (measured sensitivities, the
  change-by table, full-batch vs mini-batch paths on their principal plane);
- ``partials``, ``chain_paths``, ``gradcheck``: chapter 4 (one parameter at a time,
  path products and the factor tree, chain rule vs backprop vs finite differences);
- ``digit``: any picture of a digit prepared the way MNIST was; ``train``: the
  recipes of the shipped networks (``python -m nnmath train``).

This package never imports manim.
"""
from .activations import relu, relu_prime, sigmoid, sigmoid_prime
from .backprop import Gradients, backprop
from .chain import ChainRule, Nudges, chain_rule, nudges
from .cost import cost, cost_derivative, cost_per_example, cost_terms, cross_entropy
from .digit import DigitImageError, DigitPreparation, prepare_digit, prepare_digit_steps
from .mnist import (
    Mnist, MnistCorruptError, MnistError, MnistNotFoundError, MnistSplit, fetch_mnist, load_mnist,
)
from .network import Network, Trace, feedforward, load, save, softmax
from .numeric import numeric_gradient, numeric_partial
from .pretrained import PRETRAINED, pretrained
from .sgd import EpochRecord, Evaluation, History, evaluate, sgd
from .toy import BOWL_2D, BUMPY_1D, HILLS_2D, ToyCost

__all__ = [
    "BOWL_2D", "BUMPY_1D", "ChainRule", "DigitImageError", "DigitPreparation", "EpochRecord", "Evaluation", "Gradients", "HILLS_2D",
    "History", "Mnist", "MnistCorruptError", "MnistError", "MnistNotFoundError", "MnistSplit", "Network", "Nudges", "PRETRAINED", "ToyCost", "Trace", "backprop", "chain_rule",
    "cost", "cost_derivative", "cost_per_example", "cost_terms", "cross_entropy", "evaluate",
    "feedforward", "fetch_mnist", "load", "load_mnist", "nudges", "prepare_digit", "prepare_digit_steps", "numeric_gradient", "numeric_partial", "pretrained", "relu", "relu_prime", "save", "sgd", "sigmoid",
    "sigmoid_prime", "softmax",
]
