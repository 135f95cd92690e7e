"""Chapter 4, "Backpropagation calculus": the chain rule on real numbers.

Segments follow the post's timeline. Every number on screen comes from :mod:`nnmath`
(the seeded 1-1-1-1 and 3-3-2 networks of :mod:`scenes.chapter4_parts`, and the trained
784-16-16-10 network on the first test digit it gets wrong). Each scene keeps the formulas
it shows in ``self.formulas`` (name -> ValuedTex) and its table cells and live numbers in
``self.numbers`` or named attributes, so the tests read the numbers back from the mobjects.

The scenes are written in ``scenes/chapter4_<part>.py``, one module per group of
segments. The pipeline and manim render only scene classes defined in this file, so each
one is registered here as a subclass with the same name and nothing added.
"""
from __future__ import annotations

from scenes import chapter4_chain as chain
from scenes import chapter4_layers as layers
from scenes import chapter4_meaning as meaning
from scenes import chapter4_overview as overview
from scenes import chapter4_sensitivity as sensitivity
from scenes.chapter4_parts import CHAPTER_TITLE

TITLE = CHAPTER_TITLE
YOUTUBE_ID = "tIeHLnjs5U8"


# ---------------------------------------------------------------------------- Introduction
class FromIntuitionToCalculus(overview.FromIntuitionToCalculus):
    """Ch4 1: the trained network, a digit it gets wrong, and its 13,002 gradient entries."""


# ---------------------------------------------------------------------------- The Chain Rule in networks
class SimplestNetwork(chain.SimplestNetwork):
    """Ch4 2.1: a seeded 1-1-1-1 network; its last two neurons and the cost."""


class WeightedSumTree(chain.WeightedSumTree):
    """Ch4 2.2: z = w a + b, a = sigma(z), C0 = (a - y)^2 with real values, as a tree."""


class NudgingTheWeight(chain.NudgingTheWeight):
    """Ch4 2.3: nudging w^(L) moves z^(L), a^(L) and C0 on their number lines (nnmath updaters)."""


# ---------------------------------------------------------------------------- Computing relevant derivatives
class ComputingEachFactor(chain.ComputingEachFactor):
    """Ch4 3: the three factors, their product, and the finite difference beside it."""


# ---------------------------------------------------------------------------- What do the derivatives mean?
class DimNeuronWeakWeight(meaning.DimNeuronWeakWeight):
    """Ch4 4.1: dz/dw = a^(L-1): a dim previous neuron makes w^(L) matter less."""


class AverageOverExamples(meaning.AverageOverExamples):
    """Ch4 4.2: per-example derivatives of 20 seeded examples and their average."""


class GradientEntryByEntry(meaning.GradientEntryByEntry):
    """Ch4 4.3: the gradient of the 1-1-1-1 network, entry by entry, with finite differences."""


# ---------------------------------------------------------------------------- Sensitivity to weights/biases
class SensitivityToBias(sensitivity.SensitivityToBias):
    """Ch4 5.1: dC0/db^(L) and dC0/da^(L-1), each checked."""


class LongPathBack(sensitivity.LongPathBack):
    """Ch4 5.2: dC0/dw^(L-1) along the long path, and dC0/db^(L-1), checked."""


# ---------------------------------------------------------------------------- Layers with additional neurons
class IndexedLastTwoLayers(layers.IndexedLastTwoLayers):
    """Ch4 6.1: the seeded 3-3-2 network with indices j, k; the chain rule for one w_jk."""


class SumOverNextLayer(layers.SumOverNextLayer):
    """Ch4 6.2: dC0/da_k^(L-1) as a sum over j, each term real."""


class CheckOnTheRealNetwork(layers.CheckOnTheRealNetwork):
    """Ch4 6.3: chain rule vs backprop vs finite differences on the trained network."""


# ---------------------------------------------------------------------------- Recap
class TwoGeneralFormulas(overview.TwoGeneralFormulas):
    """Ch4 7.1: the general formulas for any layer l."""


class FactorTreeOfARealWeight(overview.FactorTreeOfARealWeight):
    """Ch4 7.2: nnmath.chain_rule for one trained weight, read as a tree of factors."""


SEGMENTS = [
    ("Introduction", [FromIntuitionToCalculus]),
    ("The Chain Rule in networks", [SimplestNetwork, WeightedSumTree, NudgingTheWeight]),
    ("Computing relevant derivatives", [ComputingEachFactor]),
    ("What do the derivatives mean?", [DimNeuronWeakWeight, AverageOverExamples, GradientEntryByEntry]),
    ("Sensitivity to weights/biases", [SensitivityToBias, LongPathBack]),
    ("Layers with additional neurons", [IndexedLastTwoLayers, SumOverNextLayer, CheckOnTheRealNetwork]),
    ("Recap", [TwoGeneralFormulas, FactorTreeOfARealWeight]),
]
