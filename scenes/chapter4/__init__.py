"""Chapter 4, "Backpropagation calculus": the chain rule on real numbers.

Segments follow the post's timeline. Every number on screen comes from :mod:`nnmath`: the
seeded 1-1-1-1 and 3-3-2 toy networks, and the trained network on the first test digit it gets
wrong. Each scene keeps what it shows in ``self.shown`` (:class:`scenes.common.shown.Shown`),
so the tests read the numbers back from the mobjects.

The package:

- ``measures/``: numpy only: ``partials`` (per-example derivatives, activation finite
  differences), ``chain_paths`` (path products, the factor tree), ``gradcheck`` (chain rule
  vs backprop vs finite differences);
- ``data``: the chapter's networks, examples and checks, as frozen dataclasses;
- ``script``: every line the narrator says and its caption, formatted from those numbers;
- ``mobjects``: the computation graph, live number lines, tables, typeset derivatives;
- one module per segment group: ``overview`` (introduction and recap), ``chain`` (the chain
  rule, its factors), ``meaning`` (what the derivatives mean), ``sensitivity`` (bias,
  previous activation, one layer back), ``layers`` (more neurons per layer, the real network).

``SEGMENTS`` is built when first read (module ``__getattr__``), not at import: manim runs a
beat module under its package name (``manim render scenes/chapter4/chain.py SimplestNetwork``
registers ``scenes.chapter4.chain`` before running it), and an eager import of the beat
modules here would find that module half-run; importing ``scenes.chapter4.measures`` must not
import manim either.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing the package (e.g. for measures) must not import manim
    from manim import Scene

__all__ = ["TITLE", "YOUTUBE_ID", "SEGMENTS", "segments"]

TITLE = "Backpropagation calculus"
YOUTUBE_ID = "tIeHLnjs5U8"


@functools.cache
def segments() -> tuple[tuple[str, tuple[type[Scene], ...]], ...]:
    """The post's segments in timeline order: (title, scene classes)."""
    from scenes.chapter4 import chain, layers, meaning, overview, sensitivity

    return (
        ("Introduction", (overview.FromIntuitionToCalculus,)),
        ("The Chain Rule in networks", (chain.SimplestNetwork, chain.WeightedSumTree, chain.NudgingTheWeight)),
        ("Computing relevant derivatives", (chain.ComputingEachFactor,)),
        ("What do the derivatives mean?", (meaning.DimNeuronWeakWeight, meaning.AverageOverExamples,
                                           meaning.GradientEntryByEntry)),
        ("Sensitivity to weights/biases", (sensitivity.SensitivityToBias, sensitivity.LongPathBack)),
        ("Layers with additional neurons", (layers.IndexedLastTwoLayers, layers.SumOverNextLayer,
                                            layers.CheckOnTheRealNetwork)),
        ("Recap", (overview.TwoGeneralFormulas, overview.FactorTreeOfARealWeight)),
    )


def __getattr__(name: str) -> object:
    if name == "SEGMENTS":
        return [(title, list(classes)) for title, classes in segments()]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
