"""Chapter 2, "Gradient descent, how neural networks learn", on a real network and real MNIST.

The package, one job per module:

- ``measures/``: the chapter's own numpy computations (cost slices, gradient reading,
  learning runs, probes, a convolution, the random-label experiment); no manim.
- ``data.py``: every number the scenes show, from :mod:`nnmath` and ``measures``, as typed
  frozen dataclasses (disk-cached when expensive).
- ``mobjects.py``: the chapter's own pictures (cost table, cost maps, the digit stream).
- ``opening.py``, ``descent.py``, ``gradient.py``, ``analysis.py``, ``research.py``: the
  scenes, one module per group of segments, in the post's order.

Each scene exposes what it shows in ``self.shown`` (:class:`scenes.common.shown.Shown`) so
the tests read the numbers back. The interview segment is replaced by an honest "Research
corner": our own run of the experiment discussed there.

``SEGMENTS`` is built when first read (module ``__getattr__``), not at import: manim runs a
beat module under its package name (``manim render scenes/chapter2/opening.py ChapterPlan``
registers ``scenes.chapter2.opening`` before running it), and an eager import of the beat
modules here would find that module half-run.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing the package (e.g. for measures) must not import manim
    from manim import Scene

__all__ = ["TITLE", "YOUTUBE_ID", "SEGMENTS", "segments"]

TITLE = "Gradient descent, how neural networks learn"
YOUTUBE_ID = "IHZwWFHWa-w"


@functools.cache
def segments() -> tuple[tuple[str, tuple[type[Scene], ...]], ...]:
    """The post's segments in timeline order: (title, scene classes)."""
    from scenes.chapter2 import analysis, descent, gradient, opening, research

    return (
        ("Introduction", (opening.ChapterPlan,)),
        ("Recap", (opening.RecapOfTheNetwork,)),
        ("Using training data", (opening.LearningFromTrainingDigits, opening.TrainingAndTestData)),
        ("Cost functions", (opening.CostOfOneDigit, opening.AverageCostOverTrainingData)),
        ("Gradient descent", (descent.RollingDownhill, descent.CostAgainstOneWeight, descent.DownhillOnHills,
                              descent.CostSurfaceInThreeD, descent.CostOverTwoWeights,
                              descent.DescentInManyDimensions, descent.TrainingAsAFilm)),
        ("More on gradient vectors", (gradient.SortedGradientEntries, gradient.WhichWeightsMatter)),
        ("Gradient descent recap", (gradient.GradientDescentRecap,)),
        ("Analyzing the network", (analysis.TestingOnThreeHundredDigits, analysis.WhatTheFirstLayerLooksFor,
                                   analysis.NoiseGoesIn, analysis.WhatExcitesEachNeuron)),
        ("Learning more", (analysis.ConvolutionSlidesOverADigit,)),
        ("Lisha Li interview", (research.ResearchCorner, research.TrueVersusShuffledLabels)),
        ("Closing thoughts", (research.ClosingThoughts,)),
    )


def __getattr__(name: str) -> object:
    if name == "SEGMENTS":
        return [(title, list(classes)) for title, classes in segments()]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
