"""A post's front matter: found by its ``---`` lines, read with PyYAML, never rewritten.

The publisher copies the front matter byte for byte; it only reads it, for
the title (the preview's heading), the date and the categories (where Jekyll
puts the post). YAML is read with ``yaml.safe_load``, so block scalars,
quoted titles, lists and comments all mean what they mean to Jekyll.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml  # type: ignore[import-untyped]  # (PyYAML ships no stubs; types-PyYAML is not a dependency)

__all__ = ["FrontMatter", "read_front_matter", "front_matter_date"]

_OPEN = re.compile(r"^---[ \t]*\r?\n?$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?\n?$")


@dataclass(frozen=True)
class FrontMatter:
    """The YAML block between the opening and closing ``---`` lines.

    Attributes
    ----------
    body_start : int
        Index of the first line after the closing ``---`` (0 when the post
        has no usable front matter: then every line is body).
    title : str or None
        The ``title`` when it is a string (any YAML form: plain, quoted, block).
    data : mapping
        The whole front matter as PyYAML reads it ({} when there is none or it
        is not a mapping).
    """

    body_start: int
    title: str | None
    data: Mapping[str, Any] = field(default_factory=dict)


def read_front_matter(lines: tuple[str, ...]) -> tuple[FrontMatter, list[tuple[int | None, str]]]:
    """Find and read the front matter of a post's lines.

    Returns
    -------
    FrontMatter, and a list of ``(line index or None, message)`` notices.
    """
    first = lines[0].removeprefix("\ufeff") if lines else ""
    if not _OPEN.match(first):
        return FrontMatter(0, None), [
            (
                None,
                "the post has no front matter (its first line is not '---'): Jekyll will not "
                "render it as a post; add '---', 'title: ...', '---' at the top. Published anyway.",
            )
        ]
    close = next((index for index in range(1, len(lines)) if _CLOSE.match(lines[index])), None)
    if close is None:
        return FrontMatter(0, None), [
            (
                0,
                "the front matter opened by '---' is never closed by a second '---' line: Jekyll will "
                "not read it; every line is kept and read as body. Add the closing '---'.",
            )
        ]
    notices: list[tuple[int | None, str]] = []
    try:
        data = yaml.safe_load("".join(lines[1:close]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        notices.append((line, f"the front matter is not valid YAML ({getattr(error, 'problem', error)}); Jekyll will fail on it"))
        data = None
    if data is None:
        data = {}
    elif not isinstance(data, dict):
        notices.append((None, "the front matter is not a YAML mapping of keys to values; Jekyll will ignore it"))
        data = {}
    raw_title = data.get("title")
    title = " ".join(raw_title.split()) if isinstance(raw_title, str) and raw_title.strip() else None
    if title is None:
        notices.append((None, "the front matter has no 'title'; the preview uses the first heading or the file name"))
    return FrontMatter(close + 1, title, data), notices


def front_matter_date(front_matter: FrontMatter) -> dt.date | None:
    """The ``date:`` of the front matter as a date (YAML reads ``2026-12-01 10:00`` as a datetime)."""
    value = front_matter.data.get("date")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                return None
    return None
