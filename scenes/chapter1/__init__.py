"""Chapter 1, "But what is a Neural Network?": the structure of a real 784-16-16-10 network.

Every number on screen comes from :mod:`nnmath` through :mod:`scenes.common.data`:
pixels of real MNIST digits, activations of the shipped trained network, the
weights that colour its edges, the parameter tally from ``net.sizes``, and a
seeded 8 -> 6 example for the matrix form. The story is told in subcaptions
(:func:`scenes.common.captions.caption`).

The package::

    measures.py       numpy only: Sobel edges, loops of a digit, the bar detector, the tally, ...
    data.py           the chapter's numbers (seeds, bar detector, selective neurons, first mistake)
    mobjects.py       the chapter's own pictures (the MNIST diagram, digit breakdowns, neuron rows)
    introduction.py   1-2   Introduction example, Series preview
    neurons.py        3-4   What are neurons?, Introducing layers
    why_layers.py     5     Why layers?
    weights.py        6-8   Edge detection example, Counting weights and biases, How learning relates
    notation.py       9     Notation and linear algebra
    closing.py        10-12 Recap, Some final words, ReLU vs Sigmoid

Each scene exposes what it shows in ``self.shown`` (:class:`scenes.common.shown.Shown`).
``SEGMENTS`` is built when first read (module ``__getattr__``), not at import:
``manim render scenes/chapter1/neurons.py NeuronHoldsANumber`` registers
``scenes.chapter1.neurons`` before running it, and an eager import of the beat
modules here would find that module half-run (and importing ``measures`` would
import manim).
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing the package (e.g. for measures) must not import manim
    from manim import Scene

__all__ = ["TITLE", "YOUTUBE_ID", "SEGMENTS", "segments"]

TITLE = "But what is a Neural Network?"
YOUTUBE_ID = "aircAruvnKk"


@functools.cache
def segments() -> tuple[tuple[str, tuple[type[Scene], ...]], ...]:
    """The post's segments in timeline order: (title, scene classes)."""
    from scenes.chapter1 import closing, introduction, neurons, notation, weights, why_layers

    return (
        ("Introduction example", (introduction.ThreesInManyShapes, introduction.EveryPixelIsANumber)),
        ("Series preview", (introduction.ToyNetworkPreview, introduction.RealNetworkReadsDigits)),
        ("What are neurons?", (neurons.NeuronHoldsANumber,)),
        ("Introducing layers", (neurons.PixelsBecomeTheInputLayer, neurons.LayersOfTheNetwork)),
        ("Why layers?", (why_layers.LoopsAndLinesHope, why_layers.LittleEdgeLayer, why_layers.WhatRealNeuronsLike)),
        ("Edge detection example", (weights.EdgeDetectorWeights, weights.SquishWithSigmoid)),
        ("Counting weights and biases", (weights.CountingParameters,)),
        ("How learning relates", (weights.LearningMeansFindingWeights, weights.WhenTheNetworkFails)),
        ("Notation and linear algebra", (notation.WeightedSumAsMatrix, notation.ForwardPassCode)),
        ("Recap", (closing.NeuronIsAFunction,)),
        ("Some final words", (closing.ThirtyTestDigits,)),
        ("ReLU vs Sigmoid", (closing.ReluVersusSigmoid,)),
    )


def __getattr__(name: str) -> object:
    if name == "SEGMENTS":
        return [(title, list(classes)) for title, classes in segments()]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
