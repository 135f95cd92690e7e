"""Chapter 2's own computations, numpy only (no manim): tested like nnmath.

- :mod:`.landscape`: the mean cost over many images, and exact slices of it against one
  or two parameters (the rest held fixed), with gradient descent along a slice.
- :mod:`.gradient_reading`: a gradient's entries sorted by magnitude, read in words, and
  the weights the cost is most and least sensitive to.
- :mod:`.learning_runs`: learning recorded: one example per step, a few full-batch steps,
  an SGD run filmed as snapshots scored on the test images.
- :mod:`.probes`: the running score, first-layer weights as pictures, seeded noise.
- :mod:`.convolution`: a small kernel slid over a digit.
- :mod:`.experiments`: our run of the random-label (memorisation) experiment.
"""
