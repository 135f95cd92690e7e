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
"""
from __future__ import annotations

from scenes.chapter1.closing import NeuronIsAFunction, ReluVersusSigmoid, ThirtyTestDigits
from scenes.chapter1.introduction import (EveryPixelIsANumber, RealNetworkReadsDigits, ThreesInManyShapes,
                                          ToyNetworkPreview)
from scenes.chapter1.neurons import LayersOfTheNetwork, NeuronHoldsANumber, PixelsBecomeTheInputLayer
from scenes.chapter1.notation import ForwardPassCode, WeightedSumAsMatrix
from scenes.chapter1.weights import (CountingParameters, EdgeDetectorWeights, LearningMeansFindingWeights,
                                     SquishWithSigmoid, WhenTheNetworkFails)
from scenes.chapter1.why_layers import LittleEdgeLayer, LoopsAndLinesHope, WhatRealNeuronsLike

__all__ = ["TITLE", "YOUTUBE_ID", "SEGMENTS"]

TITLE = "But what is a Neural Network?"
YOUTUBE_ID = "aircAruvnKk"

SEGMENTS = [
    ("Introduction example", [ThreesInManyShapes, EveryPixelIsANumber]),
    ("Series preview", [ToyNetworkPreview, RealNetworkReadsDigits]),
    ("What are neurons?", [NeuronHoldsANumber]),
    ("Introducing layers", [PixelsBecomeTheInputLayer, LayersOfTheNetwork]),
    ("Why layers?", [LoopsAndLinesHope, LittleEdgeLayer, WhatRealNeuronsLike]),
    ("Edge detection example", [EdgeDetectorWeights, SquishWithSigmoid]),
    ("Counting weights and biases", [CountingParameters]),
    ("How learning relates", [LearningMeansFindingWeights, WhenTheNetworkFails]),
    ("Notation and linear algebra", [WeightedSumAsMatrix, ForwardPassCode]),
    ("Recap", [NeuronIsAFunction]),
    ("Some final words", [ThirtyTestDigits]),
    ("ReLU vs Sigmoid", [ReluVersusSigmoid]),
]
