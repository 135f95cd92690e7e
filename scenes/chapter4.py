"""Chapter 4, "Backpropagation calculus": the chain rule on real numbers.

Segments follow the post's timeline. Every number on screen comes from :mod:`nnmath`
(the seeded 1-1-1-1 and 3-3-2 networks of :mod:`scenes.chapter4_parts`, and the trained
784-16-16-10 network on the first test digit it gets wrong). Each scene keeps the formulas
it shows in ``self.formulas`` (name -> ValuedTex) and its table cells and live numbers in
``self.numbers`` or named attributes, so the tests read the numbers back from the mobjects.

The scenes are written in ``scenes/chapter4_<part>.py``, one module per group of
segments; SEGMENTS lists them from there, and ``nnvideo render`` renders each scene
from the file that defines it.
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


SEGMENTS = [
    ("Introduction", [overview.FromIntuitionToCalculus]),
    ("The Chain Rule in networks", [chain.SimplestNetwork, chain.WeightedSumTree, chain.NudgingTheWeight]),
    ("Computing relevant derivatives", [chain.ComputingEachFactor]),
    ("What do the derivatives mean?", [meaning.DimNeuronWeakWeight, meaning.AverageOverExamples, meaning.GradientEntryByEntry]),
    ("Sensitivity to weights/biases", [sensitivity.SensitivityToBias, sensitivity.LongPathBack]),
    ("Layers with additional neurons", [layers.IndexedLastTwoLayers, layers.SumOverNextLayer, layers.CheckOnTheRealNetwork]),
    ("Recap", [overview.TwoGeneralFormulas, overview.FactorTreeOfARealWeight]),
]
