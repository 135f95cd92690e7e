"""Chapter 4, "Backpropagation calculus": the chain rule on real numbers.

Segments follow the post's timeline. Every number on screen comes from :mod:`nnmath`: the
seeded 1-1-1-1 and 3-3-2 networks, and the trained network on the first test digit it gets
wrong. Each scene keeps what it shows in ``self.shown`` (:class:`scenes.common.shown.Shown`),
so the tests read the numbers back from the mobjects.

The package:

- ``measures/``: numpy only: ``partials`` (per-example derivatives, activation finite
  differences), ``chain_paths`` (path products, the factor tree), ``gradcheck`` (chain rule
  vs backprop vs finite differences);
- ``data``: the chapter's networks, examples and checks, as frozen dataclasses;
- ``mobjects``: the computation graph, live number lines, tables, typeset derivatives;
- one module per segment group: ``overview`` (introduction and recap), ``chain`` (the chain
  rule, its factors), ``meaning`` (what the derivatives mean), ``sensitivity`` (bias,
  previous activation, one layer back), ``layers`` (more neurons per layer, the real network).
"""
from __future__ import annotations

# TITLE comes before the scene imports: scenes.chapter4.overview reads it while this package loads.
TITLE = "Backpropagation calculus"
YOUTUBE_ID = "tIeHLnjs5U8"

from scenes.chapter4.chain import (  # noqa: E402
    ComputingEachFactor, NudgingTheWeight, SimplestNetwork, WeightedSumTree,
)
from scenes.chapter4.layers import CheckOnTheRealNetwork, IndexedLastTwoLayers, SumOverNextLayer  # noqa: E402
from scenes.chapter4.meaning import AverageOverExamples, DimNeuronWeakWeight, GradientEntryByEntry  # noqa: E402
from scenes.chapter4.overview import (  # noqa: E402
    FactorTreeOfARealWeight, FromIntuitionToCalculus, TwoGeneralFormulas,
)
from scenes.chapter4.sensitivity import LongPathBack, SensitivityToBias  # noqa: E402

__all__ = ["TITLE", "YOUTUBE_ID", "SEGMENTS"]

SEGMENTS = [
    ("Introduction", [FromIntuitionToCalculus]),
    ("The Chain Rule in networks", [SimplestNetwork, WeightedSumTree, NudgingTheWeight]),
    ("Computing relevant derivatives", [ComputingEachFactor]),
    ("What do the derivatives mean?", [DimNeuronWeakWeight, AverageOverExamples, GradientEntryByEntry]),
    ("Sensitivity to weights/biases", [SensitivityToBias, LongPathBack]),
    ("Layers with additional neurons", [IndexedLastTwoLayers, SumOverNextLayer, CheckOnTheRealNetwork]),
    ("Recap", [TwoGeneralFormulas, FactorTreeOfARealWeight]),
]
