"""Chapter 3's own computations, numpy only (no manim): tested like nnmath.

- :mod:`.nudge_effects`: how much the cost changes when one parameter is nudged,
  measured and read off the gradient; the table of per-example "change by" values.

Full-batch vs mini-batch descent on their principal plane lives in
:mod:`scenes.common.descent` (chapter 2 uses it too).
"""
