"""Chapter 3, "What is backpropagation really doing?": the intuition, on real numbers.

One still-untrained 784-16-16-10 network is followed through the chapter: its
cost falling step by step, the nudges one real training "2" asks of it, the
table of nudges several examples ask for averaged into the gradient, and
full-batch vs mini-batch descent on its real cost. Every number on screen
comes from :mod:`nnmath`; each scene keeps what it shows in ``self.shown``
(:class:`scenes.common.shown.Shown`) so the tests read it back.

The package:

- ``measures/``: numpy only: ``nudge_effects`` (measured sensitivities, the
  change-by table); the descent paths on their principal plane come from
  :mod:`scenes.common.descent`;
- ``data``: the chapter's numbers (the untrained network, paths, tables) as
  frozen dataclasses, disk-cached when expensive;
- ``mobjects``: wish arrows, neuron columns, the cost map, parameter columns;
- one module per segment group: ``intro``, ``recap``, ``walkthrough``,
  ``descent`` (stochastic gradient descent), ``final_words``.

``SEGMENTS`` is built on first access (PEP 562 ``__getattr__``): importing
``scenes.chapter3.measures`` must not import manim.
"""
from __future__ import annotations

from typing import Any

__all__ = ["TITLE", "YOUTUBE_ID", "SEGMENTS"]

TITLE = "What is backpropagation really doing?"
YOUTUBE_ID = "Ilg3gGewQ5U"


def _segments() -> list[tuple[str, list[type]]]:
    from scenes.chapter3.descent import CarefulHikerAndDrunkMan, ShuffledIntoMiniBatches
    from scenes.chapter3.final_words import BackpropCodeRuns, FourIdeas
    from scenes.chapter3.intro import ChapterPlan
    from scenes.chapter3.recap import CostFallsWithEachStep, TwoWeightsTwoSensitivities
    from scenes.chapter3.walkthrough import (
        ExamplesAverageIntoTheGradient, ThreeWaysToRaiseTheTwo, UntrainedNetworkReadsATwo, WishesAddUpBackwards,
    )

    return [
        ("Introduction", [ChapterPlan]),
        ("Recap", [CostFallsWithEachStep, TwoWeightsTwoSensitivities]),
        ("Intuitive walkthrough example", [UntrainedNetworkReadsATwo, ThreeWaysToRaiseTheTwo,
                                           WishesAddUpBackwards, ExamplesAverageIntoTheGradient]),
        ("Stochastic gradient descent", [ShuffledIntoMiniBatches, CarefulHikerAndDrunkMan]),
        ("Final words", [FourIdeas, BackpropCodeRuns]),
    ]


def __getattr__(name: str) -> Any:
    """``SEGMENTS`` imports the scenes (and manim) on first use, so ``scenes.chapter3.measures`` stays numpy-only."""
    if name == "SEGMENTS":
        segments = _segments()
        globals()["SEGMENTS"] = segments
        return segments
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
