"""Chapter 2, "Gradient descent, how neural networks learn", on a real network and real MNIST.

Segments follow the post's timeline. Every number on screen comes from :mod:`nnmath`
through :mod:`scenes.chapter2_data` (cached on disk when expensive); each scene keeps
the mobjects that show numbers in ``self.shown`` (name -> mobject or value) so the
tests read them back. The interview segment is replaced by an honest "Research
corner": our own run of the experiment discussed there.

The scenes are written in ``scenes/chapter2_<part>.py`` (one module per group of
segments); SEGMENTS lists them from there, and ``nnvideo render`` renders each scene
from the file that defines it.
"""
from __future__ import annotations

from scenes import chapter2_analysis as analysis
from scenes import chapter2_descent as descent
from scenes import chapter2_gradient as gradient
from scenes import chapter2_opening as opening
from scenes import chapter2_research as research

TITLE = "Gradient descent, how neural networks learn"
YOUTUBE_ID = "IHZwWFHWa-w"


SEGMENTS = [
    ("Introduction", [opening.ChapterPlan]),
    ("Recap", [opening.RecapOfTheNetwork]),
    ("Using training data", [opening.LearningFromTrainingDigits, opening.TrainingAndTestData]),
    ("Cost functions", [opening.CostOfOneDigit, opening.AverageCostOverTrainingData]),
    ("Gradient descent", [descent.RollingDownhill, descent.CostAgainstOneWeight, descent.DownhillOnHills, descent.CostOverTwoWeights,
                          descent.DescentInManyDimensions, descent.TrainingAsAFilm]),
    ("More on gradient vectors", [gradient.SortedGradientEntries, gradient.WhichWeightsMatter]),
    ("Gradient descent recap", [gradient.GradientDescentRecap]),
    ("Analyzing the network", [analysis.TestingOnThreeHundredDigits, analysis.WhatTheFirstLayerLooksFor, analysis.NoiseGoesIn,
                               analysis.WhatExcitesEachNeuron]),
    ("Learning more", [analysis.ConvolutionSlidesOverADigit]),
    ("Lisha Li interview", [research.ResearchCorner, research.TrueVersusShuffledLabels]),
    ("Closing thoughts", [research.ClosingThoughts]),
]
