r"""Formulas with real numbers in them, typeset by LaTeX, that remember their numbers.

A worked formula such as :math:`2(0.66 - 1.00) = -0.68` is one ``MathTex``
(so LaTeX spaces it properly), but a test must be able to read its numbers
back from the mobject rather than from pixels. :class:`ValuedTex` takes the
formula as a sequence of LaTeX strings and :class:`Num` values; each ``Num``
is formatted once (by :func:`scenes.common.formatting.tex_number`), typeset as
its own part, and kept in ``values`` with the part that shows it in
``value_parts``.

Examples
--------
>>> f = ValuedTex("2(", Num(0.6612), "-", Num(1.0), ") =", Num(-0.6776))  # doctest: +SKIP
>>> f.values  # doctest: +SKIP
[0.6612, 1.0, -0.6776]
"""
from __future__ import annotations

from dataclasses import dataclass

from manim import MathTex, ManimColor, VMobject

from .formatting import tex_number

__all__ = ["Num", "ValuedTex"]


@dataclass(frozen=True)
class Num:
    """A number to typeset inside a :class:`ValuedTex`.

    Attributes
    ----------
    value : float
        The number (from :mod:`nnmath`), kept at full precision.
    decimals : int
        Decimals shown (ignored when ``significant`` is given).
    significant : int or None
        Significant digits shown instead of fixed decimals.
    color : ManimColor or None
        Colour of the typeset number (default: the formula's).
    """

    value: float
    decimals: int = 2
    significant: int | None = None
    color: ManimColor | None = None

    def tex(self) -> str:
        """The LaTeX the number is typeset from."""
        return tex_number(float(self.value), self.decimals, self.significant)


class ValuedTex(MathTex):
    """A ``MathTex`` built from LaTeX strings and :class:`Num` parts, keeping the numbers.

    Parameters
    ----------
    *parts : str or Num
        The formula, left to right. Strings must be non-empty LaTeX that
        compiles on its own inside the formula (no ``\\left(`` split from its
        ``\\right)``).
    colors : dict of str to ManimColor, optional
        Colour for string parts, by their exact text.
    **kwargs
        Passed to ``MathTex`` (e.g. ``font_size``).

    Attributes
    ----------
    values : list of float
        The ``Num`` values, in order.
    value_parts : list of VMobject
        The typeset part of each value, in the same order.
    texts : list of str
        The LaTeX each value was typeset from (``Num.tex()``, without the braces added
        to keep a minus a sign).
    """

    def __init__(
        self, *parts: str | Num, colors: dict[str, ManimColor] | None = None, **kwargs: object
    ) -> None:
        if not parts:
            raise ValueError("a ValuedTex needs at least one part")
        strings = []
        for part in parts:
            if isinstance(part, Num):
                # Braced, so a leading minus is a sign even after \text{...} or a brace.
                strings.append("{" + part.tex() + "}")
            elif isinstance(part, str) and part.strip():
                strings.append(part)
            else:
                raise ValueError(f"part {part!r} is neither non-empty LaTeX nor a Num")
        super().__init__(*strings, **kwargs)  # type: ignore[arg-type]
        self.values: list[float] = []
        self.value_parts: list[VMobject] = []
        self.texts: list[str] = []
        for part, text, mob in zip(parts, strings, self.submobjects):
            if isinstance(part, Num):
                self.values.append(float(part.value))
                self.value_parts.append(mob)
                self.texts.append(part.tex())
                if part.color is not None:
                    mob.set_color(part.color)
            elif colors and part in colors:
                mob.set_color(colors[part])
