"""Chapter 2, "Gradient descent, how neural networks learn", on a real network and real MNIST.

Segments follow the post's timeline. Every number on screen comes from :mod:`nnmath`
through :mod:`scenes.chapter2_data` (cached on disk when expensive); each scene keeps
the mobjects that show numbers in ``self.shown`` (name -> mobject or value) so the
tests read them back. The interview segment is replaced by an honest "Research
corner": our own run of the experiment discussed there.

The scenes are written in ``scenes/chapter2_<part>.py`` (one module per group of
segments). The pipeline and manim render only scene classes defined in this file, so
each one is registered here as a subclass with the same name and nothing added.
"""
from __future__ import annotations

from scenes import chapter2_analysis as analysis
from scenes import chapter2_descent as descent
from scenes import chapter2_gradient as gradient
from scenes import chapter2_opening as opening
from scenes import chapter2_research as research

TITLE = "Gradient descent, how neural networks learn"
YOUTUBE_ID = "IHZwWFHWa-w"


# ---------------------------------------------------------------------------- Introduction, Recap
class ChapterPlan(opening.ChapterPlan):
    """Ch2 1: the plan beside the trained network."""


class RecapOfTheNetwork(opening.RecapOfTheNetwork):
    """Ch2 2: the trained network reads a digit; its 13,002 parameters."""


# ---------------------------------------------------------------------------- Using training data
class LearningFromTrainingDigits(opening.LearningFromTrainingDigits):
    """Ch2 3.1: a fresh network meets 15 real training digits."""


class TrainingAndTestData(opening.TrainingAndTestData):
    """Ch2 3.2: training digits to learn from, test digits to judge by."""


# ---------------------------------------------------------------------------- Cost functions
class CostOfOneDigit(opening.CostOfOneDigit):
    """Ch2 4.1: the ten squared differences of a real 3, fresh and trained."""


class AverageCostOverTrainingData(opening.AverageCostOverTrainingData):
    """Ch2 4.2: mean cost over 50,000 images; what the cost is a function of."""


# ---------------------------------------------------------------------------- Gradient descent
class RollingDownhill(descent.RollingDownhill):
    """Ch2 5.1: a toy cost of one input; slopes and rolling balls."""


class CostAgainstOneWeight(descent.CostAgainstOneWeight):
    """Ch2 5.2: the real cost against one weight, and descent along it."""


class DownhillOnHills(descent.DownhillOnHills):
    """Ch2 5.3: a toy landscape; the gradient and its negative."""


class CostOverTwoWeights(descent.CostOverTwoWeights):
    """Ch2 5.4: the real cost over two weights, and descent on it."""


class DescentInManyDimensions(descent.DescentInManyDimensions):
    """Ch2 5.5: W and the real -grad C as columns; the recipe."""


class TrainingAsAFilm(descent.TrainingAsAFilm):
    """Ch2 5.6: a real SGD run replayed from snapshots, test accuracy climbing."""


# ---------------------------------------------------------------------------- More on gradient vectors
class SortedGradientEntries(gradient.SortedGradientEntries):
    """Ch2 6.1: the 13,002 real entries of -grad C sorted by size."""


class WhichWeightsMatter(gradient.WhichWeightsMatter):
    """Ch2 6.2: the weight that matters most and least, found; the bowl's (3, 1)."""


# ---------------------------------------------------------------------------- Gradient descent recap
class GradientDescentRecap(gradient.GradientDescentRecap):
    """Ch2 7: real full-batch steps with the gradient swept and the cost falling."""


# ---------------------------------------------------------------------------- Analyzing the network
class TestingOnThreeHundredDigits(analysis.TestingOnThreeHundredDigits):
    """Ch2 8.1: 300 real test digits, a live counter, a pause on each mistake."""


class WhatTheFirstLayerLooksFor(analysis.WhatTheFirstLayerLooksFor):
    """Ch2 8.2: the 16 first-layer weight rows as pictures."""


class NoiseGoesIn(analysis.NoiseGoesIn):
    """Ch2 8.3: seeded noise in, the network's answer out."""


class WhatExcitesEachNeuron(analysis.WhatExcitesEachNeuron):
    """Ch2 8.4: the test digits that most excite each first-layer neuron."""


# ---------------------------------------------------------------------------- Learning more
class ConvolutionSlidesOverADigit(analysis.ConvolutionSlidesOverADigit):
    """Ch2 9: a real kernel slides over a real digit; its output map."""


# ---------------------------------------------------------------------------- Lisha Li interview (research corner)
class ResearchCorner(research.ResearchCorner):
    """Ch2 10.1: the stand-in for the interview; the papers; labels shuffled."""


class TrueVersusShuffledLabels(research.TrueVersusShuffledLabels):
    """Ch2 10.2: our run of the experiment: cost curves and accuracies."""


# ---------------------------------------------------------------------------- Closing thoughts
class ClosingThoughts(research.ClosingThoughts):
    """Ch2 11: credits."""


SEGMENTS = [
    ("Introduction", [ChapterPlan]),
    ("Recap", [RecapOfTheNetwork]),
    ("Using training data", [LearningFromTrainingDigits, TrainingAndTestData]),
    ("Cost functions", [CostOfOneDigit, AverageCostOverTrainingData]),
    ("Gradient descent", [RollingDownhill, CostAgainstOneWeight, DownhillOnHills, CostOverTwoWeights,
                          DescentInManyDimensions, TrainingAsAFilm]),
    ("More on gradient vectors", [SortedGradientEntries, WhichWeightsMatter]),
    ("Gradient descent recap", [GradientDescentRecap]),
    ("Analyzing the network", [TestingOnThreeHundredDigits, WhatTheFirstLayerLooksFor, NoiseGoesIn,
                               WhatExcitesEachNeuron]),
    ("Learning more", [ConvolutionSlidesOverADigit]),
    ("Lisha Li interview", [ResearchCorner, TrueVersusShuffledLabels]),
    ("Closing thoughts", [ClosingThoughts]),
]
