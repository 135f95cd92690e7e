"""Chapter 2's script: every beat as a :class:`~scenes.common.narration.Line` (what the voice says, the caption).

One module per beat module (``opening``, ``descent``, ``gradient``, ``analysis``,
``research``). Each function takes the computed values its line talks about and
formats them (``spoken_*`` for the voice, ``format_*`` for the caption): no figure
is typed into a line (``tests/scenes/chapter2/test_script.py`` runs
:func:`scenes.common.narration.typed_figures` on every module), and every claim a
line makes about the numbers is checked there against them. No manim here.
"""
from scenes.chapter2.script import analysis, descent, gradient, opening, research

__all__ = ["opening", "descent", "gradient", "analysis", "research", "MODULES"]

MODULES = (opening, descent, gradient, analysis, research)
"""Every script module, for the typed-figure test."""
