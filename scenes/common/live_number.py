"""A number redrawn every frame at little cost, for values an updater recomputes.

``DecimalNumber.set_value`` deep-copies a LaTeX glyph mobject per character,
about 40 ms per call here: a scene with four live numbers spends most of its
render time there. :class:`LiveNumber` typesets the characters ``0-9 . - +``
once per font size, keeps their outlines, and rebuilds a number by copying
point arrays (well under a millisecond). Digits sit in equal cells, as TeX
sets them, on the glyphs' common baseline.

It is also the cheap way to write a table of numbers: a ``MathTex`` per cell
costs a LaTeX run each (about 0.2 s), a LiveNumber none. With ``significant``
digits, numbers below 0.001 are written ``m x 10^e``; the rounding is
:func:`scenes.common.formatting.format_number`'s.

Tests read ``get_value()`` (the exact number given), and ``text`` (what is drawn).
"""
from __future__ import annotations

import numpy as np
from manim import ManimColor, MathTex, VGroup, VMobject

from .formatting import format_number
from .palette import WHITE

__all__ = ["LiveNumber"]

_CHARS = "0123456789.-+x"
#: Exponents are drawn this much smaller, raised by this many digit heights.
_EXPONENT_SCALE = 0.72
_EXPONENT_RAISE = 0.6
_GLYPHS: dict[float, dict[str, tuple[np.ndarray, float]]] = {}


def _glyphs(font_size: float) -> dict[str, tuple[np.ndarray, float]]:
    """Outline points of each character (x from 0, y on the common baseline) and its cell width.

    ``"x"`` is the multiplication sign; ``"^0"`` .. ``"^-"`` are exponent characters.
    """
    if font_size not in _GLYPHS:
        master = MathTex(r"0123456789.-+\times", font_size=font_size)[0]
        digit_cell = (master[9].get_left()[0] - master[0].get_left()[0]) / 9
        baseline = master[1].get_bottom()[1]
        table = {}
        for char, glyph in zip(_CHARS, master):
            points = glyph.points.copy()
            points[:, 0] -= glyph.get_left()[0]
            width = glyph.width
            pad = (0.7 if char == "x" else 0.12) * digit_cell
            cell = digit_cell if char.isdigit() else width + 2 * pad
            points[:, 0] += (cell - width) / 2
            table[char] = (points, cell)
            if char.isdigit() or char == "-":
                small = points.copy()
                small[:, 0] *= _EXPONENT_SCALE
                small[:, 1] = baseline + (small[:, 1] - baseline) * _EXPONENT_SCALE \
                    + _EXPONENT_RAISE * master[1].height
                table["^" + char] = (small, cell * _EXPONENT_SCALE)
        _GLYPHS[font_size] = table
    return _GLYPHS[font_size]


def _drawn(text: str) -> list[str]:
    """Glyph keys for a :func:`~scenes.common.formatting.format_number` text: ``1.2e-5`` -> 1 . 2 x 1 0 ^- ^5."""
    if "e" not in text:
        return list(text)
    mantissa, exponent = text.split("e")
    return list(mantissa) + ["x", "1", "0"] + ["^" + c for c in exponent]


class LiveNumber(VGroup):
    """A decimal number cheap to change every frame.

    Parameters
    ----------
    value : float
        The number to show.
    decimals : int
        Decimals drawn.
    font_size : float
    color : ManimColor
    include_sign : bool
        Draw a ``+`` before positive numbers.
    significant : int, optional
        Significant digits instead of fixed ``decimals`` (tiny numbers in ``x 10^e`` form).

    Attributes
    ----------
    text : str
        The characters drawn (see :func:`scenes.common.formatting.format_number`).
    """

    def __init__(self, value: float, decimals: int = 2, font_size: float = 36, color: ManimColor = WHITE,
                 include_sign: bool = False, significant: int | None = None) -> None:
        super().__init__()
        self.decimals = decimals
        self.significant = significant
        self.font_size = font_size
        self.number_color = color
        self.include_sign = include_sign
        self.text = ""
        self._value = float("nan")
        self.set_value(value)

    def get_value(self) -> float:
        """The number last given (full precision, not the rounded text)."""
        return self._value

    def set_value(self, value: float) -> LiveNumber:
        """Show ``value``, keeping the number's left edge where it was.

        The glyph mobjects are reused and their points replaced in place: Manim
        lists a scene's family members when an animation starts, so swapping in
        new submobjects mid-animation would leave the old ones drawn.
        """
        text = format_number(float(value), self.decimals, self.significant, sign=self.include_sign)
        self._value = float(value)
        if text == self.text:
            return self
        anchor = self.get_left() if self.text else None
        keys = _drawn(text)
        while len(self.submobjects) < len(keys):
            self.add(VMobject(fill_color=self.number_color, fill_opacity=1.0, stroke_width=0))
        glyphs = _glyphs(self.font_size)
        x = 0.0
        for i, piece in enumerate(self.submobjects):
            if i < len(keys):
                points, cell = glyphs[keys[i]]
                piece.points = points + np.array([x, 0.0, 0.0])
                x += cell
            else:
                piece.clear_points()
        self.text = text
        if anchor is not None:
            self.shift(anchor - self.get_left())
        return self

    def set_number_color(self, color: ManimColor) -> LiveNumber:
        """Change the colour of the digits (kept when the value changes)."""
        self.number_color = color
        self.set_fill(color, opacity=1.0)
        return self

