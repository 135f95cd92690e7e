"""Read a Jekyll post: its front matter, its video embeds and its timeline entries.

Parsing never changes the text: a :class:`Post` keeps the source as a tuple of
lines (with their line endings) that joins back to the exact input, and points
into it by line index. What cannot be read (no front matter, an iframe from
another site, a timeline line with a broken time) becomes a :class:`Notice`
and is otherwise left alone, so a publisher copies it through unchanged.

Recognised YouTube embeds, wherever they stand in the Markdown:

- ``<iframe src="https://www.youtube.com/embed/ID">`` (also
  ``youtube-nocookie.com``, ``data-src``, spread over several lines);
- a link alone on its line: ``https://youtu.be/ID``, ``<https://...watch?v=ID>``,
  ``[text](https://www.youtube.com/watch?v=ID)``, a thumbnail link
  ``[![alt](thumb.jpg)](https://youtu.be/ID)`` or ``<a href="...">...</a>``;
- Liquid: ``{% include video id="ID" provider="youtube" %}`` (minimal-mistakes),
  ``{% include youtube.html id=ID %}`` and similar theme includes, and the
  ``{% youtube ID %}`` tag of the jekyll-youtube plugins;
- a watch URL inside a paragraph of prose ("Watch it here: https://youtu.be/ID"),
  when the post embeds that video nowhere else: form ``"text"``, spanning the
  paragraph, so that our video goes after it. Links in list items stay
  mentions (a list of links is a reading list, not a player).

A timeline entry is a list item ``- M:SS - Title`` (or ``H:MM:SS``; ``-``,
``*``, ``+`` or ``1.`` bullets; ``-``, ``–`` or ``—`` between time and title).
It belongs to the embed above it, up to the next embed or heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from nnvideo.publish.embeds import (
    IFRAME_END,
    IFRAME_START,
    EmbedMarkup,
    describe_source,
    iframe_embeds,
    liquid_embeds,
    standalone_link_embed,
    youtube_ids_in_text,
)
from nnvideo.publish.frontmatter import FrontMatter, read_front_matter
from nnvideo.publish.titles import normalise_title, plain_text

__all__ = [
    "PostError",
    "FrontMatter",
    "Embed",
    "TimelineEntry",
    "Mention",
    "Notice",
    "Post",
    "read_post",
    "parse_post",
    "normalise_title",
    "plain_text",
]


class PostError(ValueError):
    """The post cannot be read at all (not UTF-8 text, not a file)."""


@dataclass(frozen=True)
class Embed:
    """One embedded video, YouTube or not.

    Attributes
    ----------
    first_line, last_line : int
        Line indices (0-based, inclusive) the embed's markup spans.
    form : str
        How it is written: ``"iframe"``, ``"link"``, ``"include"`` or ``"tag"``.
    youtube_id : str or None
        The 11-character YouTube id, or None for a video from elsewhere.
    source : str
        What identifies the video (URL, or the Liquid markup) for messages.
    """

    first_line: int
    last_line: int
    form: str
    youtube_id: str | None
    source: str


@dataclass(frozen=True)
class TimelineEntry:
    """A well-formed ``- M:SS - Title`` line.

    Attributes
    ----------
    line : int
        Line index (0-based).
    seconds : int
        The entry's time in the original video.
    title : str
        The title as written (may hold Markdown or HTML).
    title_end : int
        Column just after the title, before trailing spaces and the newline:
        where an appended link keeps a Markdown hard break (two trailing
        spaces) intact.
    embed : int or None
        Index into :attr:`Post.embeds` of the embed the entry belongs to.
    """

    line: int
    seconds: int
    title: str
    title_end: int
    embed: int | None


@dataclass(frozen=True)
class Mention:
    """A YouTube link inside running text: not an embed, but worth reporting."""

    line: int
    youtube_id: str


@dataclass(frozen=True)
class Notice:
    """Something in the post that was not understood and is left as it is."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line + 1}: {self.message}"


@dataclass(frozen=True)
class Post:
    """A parsed post. ``"".join(lines)`` is the source text, byte for byte.

    Attributes
    ----------
    lines : tuple of str
        The source lines, each with its line ending.
    newline : str
        The post's line ending (``"\\n"`` or ``"\\r\\n"``), for inserted lines.
    front_matter : FrontMatter
    embeds : tuple of Embed
        In order of appearance.
    entries : tuple of TimelineEntry
        In order of appearance.
    mentions : tuple of Mention
    notices : tuple of Notice
    """

    lines: tuple[str, ...]
    newline: str
    front_matter: FrontMatter
    embeds: tuple[Embed, ...]
    entries: tuple[TimelineEntry, ...]
    mentions: tuple[Mention, ...]
    notices: tuple[Notice, ...]

    @property
    def text(self) -> str:
        """The source text."""
        return "".join(self.lines)


# --- Line classification ----------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_HTML_HEADING = re.compile(r"^ {0,3}<h[1-6][\s>]", re.IGNORECASE)
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_BLANK = re.compile(r"^[ \t]*$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")

_LIQUID_COMMENT_START = re.compile(r"\{%-?\s*comment\s*-?%\}")
_LIQUID_COMMENT_END = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}")
_HTML_COMMENT_START = "<!--"
_HTML_COMMENT_END = "-->"

_TIMELINE_CANDIDATE = re.compile(
    r"^(?P<bullet>[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(?P<time>\d+:[^\s]*)(?P<rest>.*?)(?P<trail>[ \t]*(?:\r?\n)?)$",
    re.DOTALL,
)
_TIME = re.compile(r"^(?:(?P<h>\d+):(?P<hm>[0-5]\d)|(?P<m>\d+)):(?P<s>[0-5]\d)$")
_TITLE_AFTER_TIME = re.compile(r"^[ \t]+[-\u2013\u2014][ \t]+(?P<title>\S.*)$", re.DOTALL)


def _split_lines(text: str) -> tuple[str, ...]:
    """Split after each ``\\n`` only (not at the other characters ``str.splitlines`` breaks at)."""
    return tuple(line for line in re.split(r"(?<=\n)", text) if line)


def _line_body(line: str) -> str:
    """A line without its line ending."""
    return line.rstrip("\r\n")


# --- Front matter -------------------------------------------------------------


def _front_matter(lines: tuple[str, ...]) -> tuple[FrontMatter, list[Notice]]:
    """Find and read the front matter (:mod:`nnvideo.publish.frontmatter`); a post without one is all body."""
    front_matter, notices = read_front_matter(lines)
    return front_matter, [Notice(line, message) for line, message in notices]


# --- Timeline --------------------------------------------------------------------


def _seconds(time: str) -> int | None:
    match = _TIME.match(time)
    if match is None:
        return None
    if match["h"] is not None:
        return int(match["h"]) * 3600 + int(match["hm"]) * 60 + int(match["s"])
    return int(match["m"]) * 60 + int(match["s"])


def _timeline_entry(index: int, line: str, embed: int | None) -> TimelineEntry | Notice | None:
    """Read a list item that starts with a time; None when it does not look like one."""
    match = _TIMELINE_CANDIDATE.match(line)
    if match is None:
        return None
    shown = _line_body(line).strip()
    seconds = _seconds(match["time"])
    if seconds is None:
        return Notice(
            index,
            f"timeline entry {shown!r}: {match['time']!r} is not a time; write M:SS or H:MM:SS "
            "(e.g. 1:07). Left unchanged.",
        )
    if match["rest"].strip(" \t-\u2013\u2014:") == "":
        return Notice(index, f"timeline entry {shown!r} has no title after the time. Left unchanged.")
    title = _TITLE_AFTER_TIME.match(match["rest"])
    if title is None:
        example = f"- {match['time']} - {match['rest'].strip(' -:')}"
        return Notice(
            index,
            f"timeline entry {shown!r} has no ' - ' between the time and the title; write "
            f"{example!r}. Left unchanged.",
        )
    if not normalise_title(title["title"]):
        return Notice(index, f"timeline entry {shown!r} has a title with no text. Left unchanged.")
    title_end = match.start("trail")
    return TimelineEntry(index, seconds, line[match.start("rest") + title.start("title") : title_end], title_end, embed)


# --- The post ----------------------------------------------------------------------


def _newline(lines: tuple[str, ...]) -> str:
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"


def _visible_text(lines: tuple[str, ...], start: int) -> tuple[list[str | None], list[Notice]]:
    """Each line's text outside code blocks and comments (None for a line wholly inside one).

    Embeds and timeline lines inside fenced code, ``<!-- -->`` or
    ``{% comment %}`` are examples or switched off, not content.
    """
    visible: list[str | None] = [None] * len(lines)
    fence: str | None = None
    comment_end: re.Pattern[str] | str | None = None
    for index in range(start, len(lines)):
        body = _line_body(lines[index])
        if fence is not None:
            if re.match(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", body):
                fence = None
            continue
        if comment_end is not None:
            if (comment_end in body) if isinstance(comment_end, str) else comment_end.search(body):
                comment_end = None
            continue
        if opened := _FENCE.match(body):
            fence = opened["fence"]
            continue
        text = _LIQUID_COMMENT.sub("", re.sub(r"<!--.*?-->", "", body))
        if _HTML_COMMENT_START in text:
            text, comment_end = text.split(_HTML_COMMENT_START, 1)[0], _HTML_COMMENT_END
        elif opened_comment := _LIQUID_COMMENT_START.search(text):
            text, comment_end = text[: opened_comment.start()], _LIQUID_COMMENT_END
        visible[index] = text
    notices = []
    if fence is not None:
        notices.append(Notice(None, f"a code block opened with {fence!r} is never closed; the lines after it were not searched"))
    return visible, notices


def _is_heading(lines: tuple[str, ...], index: int, start: int) -> bool:
    """ATX (``# Title``), HTML (``<h2>``) or setext (a ``===``/``---`` underline) heading."""
    body = _line_body(lines[index])
    if _ATX_HEADING.match(body) or _HTML_HEADING.match(body):
        return True
    return bool(
        _SETEXT_UNDERLINE.match(body)
        and index > start
        and not _BLANK.match(lines[index - 1])
        and not _LIST_ITEM.match(lines[index - 1])
    )


def _embeds_at(lines: tuple[str, ...], index: int, visible: str) -> tuple[list[Embed], list[Notice]]:
    """The embeds that start on line ``index`` (an iframe may run over several lines)."""
    last = index
    found: list[EmbedMarkup] = []
    notices: list[Notice] = []
    if IFRAME_START.search(visible):
        while not IFRAME_END.search(lines[last]) and last + 1 < len(lines) and not _BLANK.match(lines[last + 1]):
            last += 1
        markup = "".join(lines[index : last + 1])
        if IFRAME_END.search(markup):
            found.extend(iframe_embeds(markup))
        else:
            notices.append(Notice(index, "an <iframe> is never closed by </iframe>; left unchanged"))
            last = index
    found.extend(liquid_embeds(visible))
    if not found and (link := standalone_link_embed(visible)) is not None:
        found.append(link)
    for form, video_id, source in found:
        if video_id is None:
            notices.append(
                Notice(
                    index,
                    f"{form} embed of {describe_source(source)} is not a YouTube video; left unchanged "
                    "(timeline entries below it belong to no chapter)",
                )
            )
    return [Embed(index, last, form, video_id, source) for form, video_id, source in found], notices


def parse_post(text: str) -> Post:
    """Parse a post's text; nothing in it is changed or dropped.

    Parameters
    ----------
    text : str
        The whole file, front matter included.

    Returns
    -------
    Post
        Lines, front matter, embeds, timeline entries, and a notice for each
        thing that was not understood (each says what to write instead).
    """
    lines = _split_lines(text)
    front_matter, notices = _front_matter(lines)
    visible, hidden_notices = _visible_text(lines, front_matter.body_start)
    scan = _scan(lines, front_matter.body_start, visible, frozenset())
    embedded = {embed.youtube_id for embed in scan[0]}
    in_prose = frozenset(m.youtube_id for m in scan[2] if _is_prose(lines[m.line])) - embedded
    if in_prose:
        scan = _scan(lines, front_matter.body_start, visible, in_prose)
    embeds, entries, mentions, scan_notices = scan
    return Post(
        lines, _newline(lines), front_matter, tuple(embeds), tuple(entries), tuple(mentions),
        (*notices, *scan_notices, *hidden_notices),
    )  # fmt: skip


def _is_prose(line: str) -> bool:
    """A line of a paragraph: not a list item, table row, quote, indented code or HTML element."""
    return not (_LIST_ITEM.match(line) or re.match(r"^(?: {4}|\t| {0,3}[|>]| {0,3}<[a-zA-Z])", line))


def _paragraph_end(lines: tuple[str, ...], index: int, visible: list[str | None], start: int) -> int:
    """The last line of the paragraph holding line ``index`` (up to a blank line, list, heading or embed)."""
    last = index
    while last + 1 < len(lines):
        following = visible[last + 1]
        if following is None or _BLANK.match(following) or _LIST_ITEM.match(following):
            break
        if _is_heading(lines, last + 1, start) or IFRAME_START.search(following):
            break
        if liquid_embeds(following) or standalone_link_embed(following):
            break
        last += 1
    return last


def _scan(
    lines: tuple[str, ...], start: int, visible: list[str | None], promote: frozenset[str]
) -> tuple[list[Embed], list[TimelineEntry], list[Mention], list[Notice]]:
    """Embeds, timeline entries, mentions and notices of the body; a prose link to an id in ``promote`` is an embed."""
    embeds: list[Embed] = []
    entries: list[TimelineEntry] = []
    mentions: list[Mention] = []
    notices: list[Notice] = []
    promoted: set[str] = set()
    scope: int | None = None  # the embed that the timeline entries below belong to
    index = start
    while index < len(lines):
        text_here = visible[index]
        if text_here is None:
            index += 1
            continue
        if _is_heading(lines, index, start):
            scope = None
            index += 1
            continue
        found, embed_notices = _embeds_at(lines, index, text_here)
        notices.extend(embed_notices)
        if found:
            embeds.extend(found)
            scope = len(embeds) - 1
            index = found[0].last_line + 1
            continue
        ids = youtube_ids_in_text(text_here)
        chosen = next((i for i in ids if i in promote and i not in promoted), None)
        if chosen is not None and _is_prose(lines[index]):
            promoted.add(chosen)
            mentions.extend(Mention(index, i) for i in ids if i != chosen)
            last = _paragraph_end(lines, index, visible, start)
            url = next(u for u in _prose_urls(text_here) if chosen in u)
            embeds.append(Embed(index, last, "text", chosen, url))
            scope = len(embeds) - 1
            index = last + 1
            continue
        mentions.extend(Mention(index, video_id) for video_id in ids)
        entry = _timeline_entry(index, lines[index], scope)
        if isinstance(entry, TimelineEntry):
            entries.append(entry)
            text_only = plain_text(entry.title).strip()
            if "<" in entry.title and text_only != entry.title:
                notices.append(Notice(index, f"timeline title {entry.title!r} holds HTML; matched on its text {text_only!r}"))
        elif isinstance(entry, Notice):
            notices.append(entry)
        index += 1
    return embeds, entries, mentions, notices


def _prose_urls(text: str) -> list[str]:
    return re.findall(r"(?:https?:)?//[^\s\"'<>()\]]+", text)


def read_post(path: Path) -> Post:
    """Read and parse a post file.

    Raises
    ------
    PostError
        If the file is not UTF-8 text.
    """
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PostError(
            f"{path} is not UTF-8 text (byte {error.start}: {data[error.start:error.start + 1]!r}); "
            "save the post as UTF-8"
        ) from error
    if "\x00" in text:
        raise PostError(f"{path} holds NUL bytes: it is not a Markdown post")
    return parse_post(text)
