"""How an accuracy compares with guessing: the one rule every line about "chance" follows."""
from __future__ import annotations

#: Within this distance of chance (one in ``classes``), an accuracy is "about chance"...
ABOUT = 0.01
#: ...and up to this far above it, "a little above chance".
A_LITTLE = 0.05


def chance_words(accuracy: float, classes: int) -> str:
    """How ``accuracy`` compares with guessing among ``classes``.

    ``"below chance"`` more than :data:`ABOUT` under ``1 / classes``, ``"about chance"`` within
    it, ``"a little above chance"`` up to :data:`A_LITTLE` above, else ``"above chance"``.

    Examples
    --------
    >>> chance_words(0.0726, 10), chance_words(0.1202, 10), chance_words(0.88, 10)
    ('below chance', 'a little above chance', 'above chance')
    """
    if classes < 2:
        raise ValueError(f"classes={classes}; guessing needs at least two")
    above = accuracy - 1 / classes
    if above < -ABOUT:
        return "below chance"
    if above <= ABOUT:
        return "about chance"
    return "a little above chance" if above <= A_LITTLE else "above chance"
