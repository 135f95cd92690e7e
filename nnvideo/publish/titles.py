"""Timeline titles as a reader sees them, and the form they are matched in."""
from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

__all__ = ["plain_text", "normalise_title"]


class _TextOnly(HTMLParser):
    """The text of some inline HTML, tags dropped and entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def plain_text(title: str) -> str:
    """A title's visible text: Markdown links reduced to their text, HTML tags dropped.

    Examples
    --------
    >>> plain_text("<b>Intro</b> &amp; [recap](https://example.org)")
    'Intro & recap'
    """
    parser = _TextOnly()
    parser.feed(_MARKDOWN_LINK.sub(r"\1", title))
    parser.close()
    return "".join(parser.parts)


def normalise_title(title: str) -> str:
    """The form titles are matched in: text only, case-folded, punctuation and spacing evened out.

    Apostrophes vanish (``Don't`` = ``Dont``); any other punctuation or
    symbol counts as a space (``weights/biases`` = ``weights / biases``).

    Examples
    --------
    >>> normalise_title("  What are   NEURONS? ")
    'what are neurons'
    >>> normalise_title("<b>Sensitivity to weights/biases</b>")
    'sensitivity to weights biases'
    """
    text = unicodedata.normalize("NFKC", plain_text(title)).casefold()
    text = re.sub(r"['\u2019\u02bc`]", "", text)
    text = "".join(" " if unicodedata.category(char)[0] in "PS" else char for char in text)
    return " ".join(text.split())
