"""Weave rendered chapters into a parsed post: videos after embeds, links on timeline entries.

Pure text work, no files: :func:`weave` takes a :class:`~nnvideo.publish.post.Post`
and a :class:`~nnvideo.render.rendered_media.Manifest` and returns the new
post's lines, where every source line is still there, byte for byte and in
order, and what was added is

- after each recognised chapter embed (in its place with ``replace``), one
  HTML block, valid in kramdown and CommonMark alike::

      <figure class="nnvideo-chapter" id="nnvideo-chapter1-figure" style="...">
      <video id="nnvideo-chapter1" controls preload="metadata" poster="URL/chapter1.jpg" ...>
      <source src="URL/chapter1.mp4" type="video/mp4">
      <track kind="captions" srclang="en" label="English" src="URL/chapter1.vtt" default>
      <track kind="chapters" srclang="en" label="Segments" src="URL/chapter1.chapters.vtt">
      </video>
      <figcaption style="...">...</figcaption>
      </figure>

  followed by a blank line, so that the lines after it parse as before;
- at the end of each timeline entry whose title matches a segment (before
  any trailing hard-break spaces), an inline HTML link::

      - 0:00 - Introduction example (<a class="nnvideo-seek" href="URL/chapter1/segment-01-....mp4"
        data-seek="nnvideo-chapter1" data-start="0" title="..." style="white-space:nowrap">▶ our video</a>)

  Its ``href`` is the segment's own clip (what a reader gets without
  JavaScript, or with a middle click); :data:`SEEK_SCRIPT`, appended once at
  the end of the post, turns a plain click into a seek of the chapter's
  ``<video>`` on the page to ``data-start``, and plays it. Inline HTML rather
  than a Markdown link because the post's timelines sit right under an
  ``<iframe>`` line, inside a raw HTML block for CommonMark: a ``[text](url)``
  there would show as brackets, an ``<a>`` works in every parser.

``URL/`` is what the caller's ``url`` function makes of a media path:
``videos/`` relative to the post (``--out``), ``{{ '/assets/nnvideo/<slug>/...'
| relative_url }}`` in a Jekyll site, or an absolute ``--media-url``.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from nnvideo.publish.post import Embed, Notice, Post, TimelineEntry, normalise_title
from nnvideo.render.rendered_media import ChapterMedia, Manifest, SegmentMedia

__all__ = [
    "VIDEO_DIR", "SEEK_SCRIPT", "MARKER", "LINK_LABEL", "MediaUrl", "relative_media_url", "Woven", "weave", "format_time",
]  # fmt: skip

VIDEO_DIR = "videos"
"""Folder, relative to the published post, that holds the copied media."""

MARKER = "nnvideo-"
"""Prefix of every id, class and data value the weave adds; a post that holds
``class="nnvideo-chapter"`` has been published already."""

SEEK_SCRIPT = """\
<script>
/* nnvideo: a timeline link plays its segment in the chapter video on this page; one video plays at a time. */
(function () {
  if (window.nnvideoSeek) { return; }
  window.nnvideoSeek = true;
  function pauseOthers(video) {
    document.querySelectorAll("video[id^='nnvideo-']").forEach(function (other) {
      if (other !== video) { other.pause(); }
    });
  }
  document.addEventListener("play", function (event) {
    if (event.target.matches("video[id^='nnvideo-']")) { pauseOthers(event.target); }
  }, true);
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-seek]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
    var video = document.getElementById(link.getAttribute("data-seek"));
    if (!video) { return; }
    event.preventDefault();
    pauseOthers(video);
    video.currentTime = parseFloat(link.getAttribute("data-start"));
    video.scrollIntoView({ behavior: "smooth", block: "center" });
    var playing = video.play();
    if (playing) { playing.catch(function () { return null; }); }
  });
})();
</script>
"""
"""Seeks the ``<video>`` whose id is a clicked link's ``data-seek`` to its
``data-start`` and plays it, after pausing every other nnvideo video; any of
them starting to play (its own controls) pauses the others too. A link is an
``<a href>``, so Tab reaches it and Enter clicks it. Runs once however often a
page includes it. No ``&&``, ``<`` or ``{{``, so neither Markdown nor Liquid
can touch it."""

LINK_LABEL = "\u25b6\u00a0our\u00a0video"
"""Text of a timeline link: no time of its own (the entry's time is the original's;
``title`` gives ours), and no-break spaces so it never wraps."""

MediaUrl = Callable[[str], str]
"""Turns a media file's path (relative to the media folder) into the URL the post uses."""


def relative_media_url(path: str) -> str:
    """The URL of a copied media file, relative to the published post (``--out``)."""
    return quote(f"{VIDEO_DIR}/{path}")


def format_time(seconds: float) -> str:
    """``M:SS``, or ``H:MM:SS`` from an hour on, rounded down to the second.

    Examples
    --------
    >>> format_time(75.9), format_time(3725.0)
    ('1:15', '1:02:05')
    """
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _seconds_attribute(seconds: float) -> str:
    """A start time as the shortest decimal to the millisecond (``12.3``, ``0``)."""
    return f"{seconds:.3f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Woven:
    """A published post, as lines, and what was done to make it.

    Attributes
    ----------
    lines : tuple of str
        The source lines with the video blocks and links added; the script is
        not among them.
    body_start : int
        Index in ``lines`` of the first body line (after the front matter).
    script : str
        ``SEEK_SCRIPT`` when a link was added, else ``""``.
    newline : str
    report : dict
        JSON-ready account: chapters placed, links added, entries left alone.
    warnings : tuple of str
        Everything the author may want to fix, each with its line number.
    """

    lines: tuple[str, ...]
    body_start: int
    script: str
    newline: str
    report: dict[str, Any]
    warnings: tuple[str, ...]

    @property
    def body(self) -> str:
        """The Markdown after the front matter, without the script."""
        return "".join(self.lines[self.body_start :])

    @property
    def text(self) -> str:
        """The whole published post: front matter, body, then the script.

        A last line without a line ending gets one, so that the script starts
        on a line of its own; that is the only change to a source line.
        """
        text = "".join(self.lines)
        if not self.script:
            return text
        if text and not text.endswith("\n"):
            text += self.newline
        return text + self.newline + self.script.replace("\n", self.newline)


@dataclass
class _Placed:
    """A chapter embed that gets our video, with the ``<video>`` element's id."""

    embed: Embed
    chapter: ChapterMedia
    element_id: str
    replaced: bool = False
    links: list[dict[str, Any]] = field(default_factory=list)


def _figure(
    chapter: ChapterMedia, element_id: str, manifest: Manifest, url: MediaUrl, indent: str, newline: str
) -> list[str]:
    """The ``<figure>`` block with the chapter's ``<video>``, one line per element.

    A few inline styles make it sit in any theme's content column: as wide as
    the column (never wider), no browser-default figure indent, a caption
    that reads as one. ``url`` gives attribute-safe URLs (Liquid included).
    """
    width, height = manifest.resolution
    caption = f"Chapter {chapter.number} re-rendered with Manim: {chapter.title} ({format_time(chapter.duration)})"
    lines = [
        f'<figure class="nnvideo-chapter" id="{element_id}-figure" style="margin:1.5em 0;max-width:100%">',
        f'<video id="{element_id}" controls preload="metadata" poster="{url(chapter.poster)}" '
        f'width="{width}" height="{height}" style="display:block;width:100%;max-width:100%;height:auto;background:#000">',
        f'<source src="{url(chapter.video)}" type="video/mp4">',
        f'<track kind="captions" srclang="en" label="English" src="{url(chapter.captions)}" default>',
        f'<track kind="chapters" srclang="en" label="Segments" src="{url(chapter.chapters_track)}">',
        "</video>",
        f'<figcaption style="font-size:.875em;margin-top:.4em">{html.escape(caption, quote=False)}</figcaption>',
        "</figure>",
    ]
    return [indent + line + newline for line in lines]


def _link(segment: SegmentMedia, chapter: ChapterMedia, element_id: str, url: MediaUrl, clips: bool) -> str:
    """The inline link appended to a timeline entry.

    Its ``href`` (what a reader gets without JavaScript) is the segment's own
    clip, or with ``clips=False`` the chapter video at the segment's start (a
    ``#t=`` media fragment, which browsers honour when they open a video).
    """
    start = _seconds_attribute(segment.start)
    href = url(segment.clip) if clips else f"{url(chapter.video)}#t={start}"
    where = html.escape(f"Play this part in our chapter {chapter.number} video, from {format_time(segment.start)}")
    return (
        f' (<a class="nnvideo-seek" href="{href}" data-seek="{element_id}" data-start="{start}" '
        f'title="{where}" style="white-space:nowrap">{LINK_LABEL}</a>)'
    )


def _indent(line: str) -> str:
    """The leading spaces and tabs of a line (an embed inside a list item keeps its indent)."""
    return line[: len(line) - len(line.lstrip(" \t"))]


def _place_chapters(post: Post, manifest: Manifest) -> tuple[dict[int, _Placed], list[Notice]]:
    """Give each chapter embed a unique ``<video>`` id; warn about rendered chapters not embedded."""
    placed: dict[int, _Placed] = {}
    count: dict[int, int] = defaultdict(int)
    for index, embed in enumerate(post.embeds):
        chapter = manifest.chapter_for(embed.youtube_id) if embed.youtube_id else None
        if chapter is None:
            continue
        count[chapter.number] += 1
        suffix = "" if count[chapter.number] == 1 else f"-{count[chapter.number]}"
        placed[index] = _Placed(embed, chapter, f"{MARKER}chapter{chapter.number}{suffix}")
    warnings: list[Notice] = []
    for chapter in manifest.chapters:
        if count[chapter.number]:
            continue
        inline = [m.line + 1 for m in post.mentions if m.youtube_id == chapter.youtube_id]
        where = (
            f"; the post links to it inside text on line(s) {', '.join(map(str, inline))}: put such a link "
            "on a line of its own to make it an embed"
            if inline
            else ""
        )
        warnings.append(
            Notice(
                None,
                f"chapter {chapter.number} ({chapter.title!r}, YouTube {chapter.youtube_id}) is rendered but the "
                f"post embeds no video with that id, so it is not placed (its files are still copied){where}",
            )
        )
    for index, embed in enumerate(post.embeds):
        if embed.youtube_id and index not in placed:
            warnings.append(
                Notice(
                    embed.first_line,
                    f"YouTube video {embed.youtube_id} has no rendered chapter in the manifest; "
                    "left as it is (render that chapter to place it)",
                )
            )
    return placed, warnings


def _match_entries(
    post: Post, placed: dict[int, _Placed]
) -> tuple[dict[int, tuple[SegmentMedia, _Placed]], list[dict[str, Any]]]:
    """Pair timeline entries with segments by normalised title, within their embed's chapter.

    Returns the matches by line index, and one record for each entry left alone.
    """
    matches: dict[int, tuple[SegmentMedia, _Placed]] = {}
    unmatched: list[dict[str, Any]] = []
    seen: dict[tuple[int, str], int] = defaultdict(int)
    for entry in post.entries:
        reason = _no_chapter_reason(post, entry, placed)
        if reason is None and entry.embed is not None:
            place = placed[entry.embed]
            key = normalise_title(entry.title)
            candidates = [s for s in place.chapter.segments if normalise_title(s.title) == key]
            if candidates:
                # The n-th entry with a title gets the n-th segment with it.
                segment = candidates[min(seen[(entry.embed, key)], len(candidates) - 1)]
                seen[(entry.embed, key)] += 1
                matches[entry.line] = (segment, place)
                continue
            titles = "; ".join(s.title for s in place.chapter.segments)
            reason = f"matches no segment of chapter {place.chapter.number} (its segments: {titles})"
        unmatched.append({"line": entry.line + 1, "entry": _entry_text(post, entry), "reason": reason})
    return matches, unmatched


def _no_chapter_reason(post: Post, entry: TimelineEntry, placed: dict[int, _Placed]) -> str | None:
    """Why an entry has no chapter to link into, or None if it has one."""
    if entry.embed is None:
        return "follows no video embed (none above it, or a heading since the last one)"
    if entry.embed in placed:
        return None
    embed = post.embeds[entry.embed]
    if embed.youtube_id is None:
        return f"belongs to the non-YouTube embed on line {embed.first_line + 1}"
    return f"belongs to YouTube video {embed.youtube_id} (line {embed.first_line + 1}), which has no rendered chapter"


def _entry_text(post: Post, entry: TimelineEntry) -> str:
    return post.lines[entry.line][: entry.title_end].strip()


_IFRAME_MARKUP = re.compile(r"<iframe\b.*?</iframe\s*>", re.IGNORECASE | re.DOTALL)
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>|</?p>", re.IGNORECASE)


def _holds_only(post: Post, first: int, last: int, group: list[_Placed]) -> bool:
    """Whether lines ``first..last`` hold nothing but the group's embeds (so replacing loses nothing)."""
    if any(first <= e.first_line <= last for e in post.embeds if e not in {p.embed for p in group}):
        return False
    if any(p.embed.form == "link" for p in group):
        return True  # a link embed is a line holding only the link
    text = _IFRAME_MARKUP.sub("", "".join(post.lines[first : last + 1]))
    for place in group:
        if place.embed.form in ("include", "tag"):
            text = text.replace(place.embed.source, "")
    return not _LINE_BREAK_TAG.sub("", text).strip()


def weave(
    post: Post, manifest: Manifest, *, replace: bool = False, url: MediaUrl = relative_media_url, clips: bool = True
) -> Woven:
    """Add the rendered chapters and timeline links to a post.

    Parameters
    ----------
    post : Post
        The parsed source post.
    manifest : Manifest
        The rendered media.
    replace : bool
        Put each chapter video in place of the original embed instead of
        after it. Lines that hold anything besides the embed (text, another
        video) are kept, with a warning, so that nothing else is lost; a
        link inside a paragraph (form ``"text"``) always stays.
    url : callable
        A media file's URL from its path in the media folder (default:
        ``videos/<path>``, relative to the post).
    clips : bool
        Link timeline entries to the segment clips (False: to the chapter
        video at the segment's start, for a site that leaves the clips out).

    Returns
    -------
    Woven
    """
    placed, warnings = _place_chapters(post, manifest)
    matches, unmatched = _match_entries(post, placed)
    groups: dict[int, list[_Placed]] = defaultdict(list)  # by the embed's last line
    for place in placed.values():
        groups[place.embed.last_line].append(place)
    dropped: set[int] = set()
    for last, group in groups.items():
        first = min(place.embed.first_line for place in group)
        if not replace or any(place.embed.form == "text" for place in group):
            continue
        if _holds_only(post, first, last, group):
            dropped.update(range(first, last + 1))
            for place in group:
                place.replaced = True
        else:
            warnings.append(
                Notice(
                    first,
                    "the embed shares its line(s) with other text or another video; "
                    "kept them and put our video after them instead of replacing",
                )
            )
    entries = {entry.line: entry for entry in post.entries}

    lines: list[str] = []
    body_start = 0
    for index, line in enumerate(post.lines):
        if index == post.front_matter.body_start:
            body_start = len(lines)
        if index in matches:
            segment, place = matches[index]
            entry = entries[index]
            link = _link(segment, place.chapter, place.element_id, url, clips)
            line = line[: entry.title_end] + link + line[entry.title_end :]
            place.links.append({"line": index + 1, "entry": entry.title, "segment": segment.title, "start": segment.start})
        if index not in dropped:
            lines.append(line)
        if index in groups:
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += post.newline
            indent = _indent(post.lines[min(place.embed.first_line for place in groups[index])])
            for place in groups[index]:
                lines.extend(_figure(place.chapter, place.element_id, manifest, url, indent, post.newline))
            lines.append(post.newline)  # ends the HTML block: the lines below parse as they did
    if post.front_matter.body_start >= len(post.lines):
        body_start = len(lines)

    for place in placed.values():
        linked = {link["segment"] for link in place.links}
        missing = [s.title for s in place.chapter.segments if s.title not in linked]
        if missing:
            warnings.append(
                Notice(
                    place.embed.first_line,
                    f"chapter {place.chapter.number} segment(s) with no timeline entry below the embed, "
                    f"so no link plays them: {'; '.join(missing)}",
                )
            )
    unmatched_notices = [
        Notice(u["line"] - 1, f"timeline entry {u['entry']!r} {u['reason']}; left unchanged") for u in unmatched
    ]
    ordered = sorted(
        [*post.notices, *unmatched_notices, *warnings], key=lambda n: -1 if n.line is None else n.line
    )
    messages = tuple(str(notice) for notice in ordered)
    report = _report(post, manifest, placed, unmatched, messages)
    return Woven(tuple(lines), body_start, SEEK_SCRIPT if matches else "", post.newline, report, messages)


def _report(
    post: Post,
    manifest: Manifest,
    placed: dict[int, _Placed],
    unmatched: list[dict[str, Any]],
    warnings: tuple[str, ...],
) -> dict[str, Any]:
    chapters: list[dict[str, Any]] = []
    for place in placed.values():
        chapters.append(
            {
                "number": place.chapter.number,
                "title": place.chapter.title,
                "youtube_id": place.chapter.youtube_id,
                "embed_line": place.embed.first_line + 1,
                "embed_form": place.embed.form,
                "action": "replaced" if place.replaced else "inserted after",
                "video_element": place.element_id,
                "links": place.links,
            }
        )
    return {
        "media": {"quality": manifest.quality, "resolution": list(manifest.resolution), "fps": manifest.fps},
        "title": post.front_matter.title,
        "chapters": chapters,
        "links": sum(len(c["links"]) for c in chapters),
        "unmatched_entries": unmatched,
        "warnings": list(warnings),
    }
