r"""Numbers as text: the one place the project rounds a number for the screen or the voice.

Three readers see a number, so each rounding has three spellings: plain text
(``Text``, captions, :class:`~scenes.common.live_number.LiveNumber`), LaTeX
(``MathTex``, ``Tex``, :class:`~scenes.common.valued_tex.ValuedTex`) and spoken
(the voice's lines)::

    a real number       format_number    tex_number    spoken_number
    a whole count       format_count     tex_count     spoken_count
    a fraction as %     format_percent   tex_percent   spoken_percent

:func:`decimals_for` picks how many decimals show a number's first digits.

The rules, shared by every spelling: fixed ``decimals``, or ``significant``
digits instead; with significant digits a number below 0.001 is written in
scientific form (``"3.69e-7"``, ``3.69 \times 10^{-7}``, "3.69 times ten to the
minus 7"), so tiny derivatives stay readable; a number that rounds to zero is
never written with a minus (``"0.00"``, not ``"-0.00"``); ``sign=True`` writes a
``+`` before the others. Only finite numbers go on screen: NaN and infinities
raise ``ValueError``.

Examples
--------
>>> format_number(-0.67764), format_number(-0.0622386, significant=2), format_number(0.4115, sign=True)
('-0.68', '-0.062', '+0.41')
>>> format_number(1.230184e-05, significant=3), tex_number(1.230184e-05, significant=3)
('1.23e-5', '1.23 \\times 10^{-5}')
>>> format_count(13002), tex_count(13002), format_percent(0.9623)
('13,002', '13{,}002', '96.2%')
>>> spoken_number(-0.0622), spoken_percent(0.9623)
('minus 0.06', '96.2 percent')
"""
from __future__ import annotations

import math
import operator
from typing import SupportsIndex

__all__ = [
    "SCIENTIFIC_BELOW", "format_number", "tex_number", "spoken_number", "format_count", "tex_count",
    "spoken_count", "format_percent", "tex_percent", "spoken_percent", "decimals_for",
]

#: With significant digits, numbers whose decimal exponent is below this (under 0.001 in size)
#: are written in scientific form.
SCIENTIFIC_BELOW = -3


def _checked(value: float) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"cannot show {value!r}; only finite numbers go on screen")
    return number


def _fixed(value: float, decimals: int) -> str:
    if decimals < 0:
        raise ValueError(f"decimals={decimals}; use 0 or more")
    text = f"{value:.{decimals}f}"
    return text.lstrip("-") if float(text) == 0 else text


def _parts(value: float, decimals: int, significant: int | None) -> tuple[str, int | None]:
    """The rounded mantissa text and, in scientific form, the exponent (else None)."""
    value = _checked(value)
    if significant is None:
        return _fixed(value, decimals), None
    if significant < 1:
        raise ValueError(f"significant={significant}; ask for at least one digit")
    if value == 0:
        return "0", None
    exponent = math.floor(math.log10(abs(value)))
    if exponent < SCIENTIFIC_BELOW:
        mantissa = f"{value / 10**exponent:.{significant - 1}f}"
        if abs(float(mantissa)) >= 10:  # rounding carried into a new digit: 9.996e-5 -> 1.00e-4
            exponent += 1
            mantissa = f"{value / 10**exponent:.{significant - 1}f}"
        return mantissa, exponent
    return _fixed(value, max(significant - 1 - exponent, 0)), None


def _signed(text: str, sign: bool) -> str:
    return "+" + text if sign and not text.startswith("-") else text


def format_number(value: float, decimals: int = 2, significant: int | None = None,
                  sign: bool = False) -> str:
    """``value`` as plain text: ``decimals`` decimals, or ``significant`` significant digits.

    Parameters
    ----------
    value : float
        A finite number (numpy scalars are fine).
    decimals : int
        Decimals shown (ignored when ``significant`` is given).
    significant : int, optional
        Significant digits instead of fixed decimals; below 0.001 the text is
        ``"<mantissa>e<exponent>"`` (``"1.23e-5"``; :class:`LiveNumber` draws it as
        :math:`1.23 \\times 10^{-5}`).
    sign : bool
        Write ``+`` before numbers that are not negative.

    Returns
    -------
    str
        E.g. ``"0.66"``, ``"-0.062"``, ``"+0.41"``, ``"1.23e-5"``; never ``"-0.00"``.

    Examples
    --------
    >>> format_number(-0.004), format_number(12.3456, significant=3), format_number(-9.996e-05, significant=3)
    ('0.00', '12.3', '-1.00e-4')
    """
    mantissa, exponent = _parts(value, decimals, significant)
    text = mantissa if exponent is None else f"{mantissa}e{exponent}"
    return _signed(text, sign)


def tex_number(value: float, decimals: int = 2, significant: int | None = None,
               sign: bool = False) -> str:
    r"""``value`` as LaTeX, rounded as :func:`format_number` rounds it.

    Scientific form is ``m \times 10^{e}``.

    Examples
    --------
    >>> tex_number(-0.67764), tex_number(3.69e-07, significant=3)
    ('-0.68', '3.69 \\times 10^{-7}')
    """
    mantissa, exponent = _parts(value, decimals, significant)
    text = mantissa if exponent is None else rf"{mantissa} \times 10^{{{exponent}}}"
    return _signed(text, sign)


def spoken_number(value: float, decimals: int = 2, significant: int | None = None) -> str:
    """``value`` as the voice should read it: ``"0.66"``, ``"minus 0.06"``, ``"1.23 times ten to the minus 5"``.

    Rounded as :func:`format_number` rounds it; the synthesiser reads digits itself.

    Examples
    --------
    >>> spoken_number(0.6612), spoken_number(-0.0622), spoken_number(3.69e-07, significant=3)
    ('0.66', 'minus 0.06', '3.69 times ten to the minus 7')
    """
    mantissa, exponent = _parts(value, decimals, significant)
    text = _spoken_minus(mantissa)
    if exponent is not None:
        text += f" times ten to the {_spoken_minus(str(exponent))}"
    return text


def _spoken_minus(text: str) -> str:
    return "minus " + text[1:] if text.startswith("-") else text


def _count(n: SupportsIndex) -> int:
    try:
        return operator.index(n)
    except TypeError:
        raise TypeError(f"a count is a whole number; got {n!r} (round it first)") from None


def format_count(n: SupportsIndex) -> str:
    """A whole number with thousands separators: ``13002`` -> ``"13,002"``."""
    return f"{_count(n):,}"


def tex_count(n: SupportsIndex) -> str:
    """A whole number for LaTeX: ``13002`` -> ``"13{,}002"`` (no space after the comma)."""
    return format_count(n).replace(",", "{,}")


def spoken_count(n: SupportsIndex) -> str:
    """A whole number for the voice: ``13002`` -> ``"13,002"``, ``-5`` -> ``"minus 5"``."""
    return _spoken_minus(format_count(n))


def format_percent(fraction: float, decimals: int = 1) -> str:
    """A fraction as a percentage: ``0.9623`` -> ``"96.2%"`` (``decimals`` of the percentage)."""
    return format_number(100 * _checked(fraction), decimals) + "%"


def tex_percent(fraction: float, decimals: int = 1) -> str:
    r"""A fraction as a LaTeX percentage: ``0.9623`` -> ``"96.2\%"``."""
    return format_number(100 * _checked(fraction), decimals) + r"\%"


def spoken_percent(fraction: float, decimals: int = 1) -> str:
    """A fraction as the voice reads it: ``0.9623`` -> ``"96.2 percent"``."""
    return spoken_number(100 * _checked(fraction), decimals) + " percent"


def decimals_for(value: float, significant: int = 2, most: int = 6) -> int:
    """Decimal places that show ``significant`` digits of ``value`` (at least 2, at most ``most``).

    Zero and non-finite values get 2.

    Examples
    --------
    >>> decimals_for(0.37), decimals_for(0.0042), decimals_for(12.5)
    (2, 4, 2)
    """
    if value == 0 or not math.isfinite(value):
        return 2
    return int(min(most, max(2, significant - 1 - math.floor(math.log10(abs(value))))))
