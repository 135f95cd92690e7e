"""Chapter 1's script: every beat as a :class:`~scenes.common.narration.Line` (what the voice says, the caption).

One module per beat module (``introduction``, ``neurons``, ``why_layers``,
``weights``, ``notation``, ``closing``). Each function takes the computed values
its line talks about and formats them (``spoken_*`` for the voice, ``format_*``
for the caption): no figure is typed into a line (``tests/scenes/chapter1``
runs :func:`scenes.common.narration.typed_figures` on every module), and every
claim a line makes about the numbers is checked there against them. The
modules import no manim.
"""
