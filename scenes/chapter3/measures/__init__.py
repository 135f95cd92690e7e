"""Chapter 3's own computations, numpy only (no manim): tested like nnmath.

- :mod:`.nudge_effects`: how much the cost changes when one parameter is nudged,
  measured and read off the gradient; the table of per-example "change by" values.
- :mod:`.descent_paths`: full-batch vs mini-batch descent recorded step by step,
  projected on their principal plane, and the cost on a grid of that plane.
"""
