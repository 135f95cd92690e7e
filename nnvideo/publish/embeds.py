"""Recognise video embeds in Markdown and HTML: which video, in which form.

Knows the markup only; where a line stands in the post (code block, comment,
heading) is :mod:`nnvideo.publish.post`'s business. Each recogniser returns
``(form, youtube_id or None, source)`` triples, ``form`` being one of
``"iframe"``, ``"link"``, ``"include"`` and ``"tag"``, ``youtube_id`` None for
a video from elsewhere (Vimeo, a Liquid variable), ``source`` the URL or
markup that names the video, for messages.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = [
    "EmbedMarkup",
    "IFRAME_START",
    "IFRAME_END",
    "youtube_id_in_url",
    "youtube_ids_in_text",
    "iframe_embeds",
    "liquid_embeds",
    "standalone_link_embed",
    "describe_source",
]

EmbedMarkup = tuple[str, "str | None", str]
"""``(form, youtube_id or None, source)``."""

_YOUTUBE_ID = r"[A-Za-z0-9_-]{11}"
_YOUTUBE_URL = re.compile(
    r"(?:https?:)?//(?:[\w-]+\.)*"
    r"(?:youtube(?:-nocookie)?\.com/(?:embed/|v/|shorts/|live/|e/|"
    r"watch/?\?(?:[^\s\"'<>#]*?&(?:amp;)?)?v=)|youtu\.be/)"
    rf"(?P<id>{_YOUTUBE_ID})(?![A-Za-z0-9_-])"
)
_ANY_URL = re.compile(r"(?:https?:)?//[^\s\"'<>()]+")

IFRAME_START = re.compile(r"<iframe\b", re.IGNORECASE)
IFRAME_END = re.compile(r"</iframe\s*>", re.IGNORECASE)

_LINK_TITLE = r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'))?"
_LINK_TARGET = rf"\([ \t]*<?(?P<url>[^\s<>()]+)>?{_LINK_TITLE}[ \t]*\)"
_STANDALONE_LINK = re.compile(
    r"^ {0,3}(?:"
    rf"\[!\[[^\]]*\]\([^)]*\)\]{_LINK_TARGET}"  # thumbnail link
    rf"|\[[^\]]*\]{_LINK_TARGET.replace('url', 'url2')}"  # [text](url)
    r"|<(?P<url3>https?://[^\s<>]+)>"  # autolink
    r"|(?P<url4>https?://\S+)"  # bare URL
    r"|<a\s[^>]*?href=(?:\"(?P<url5>[^\"]*)\"|'(?P<url6>[^']*)')[^>]*>.*?</a>"
    r")[ \t]*(?:<br\s*/?>)?[ \t]*$",
    re.IGNORECASE,
)

_LIQUID_INCLUDE = re.compile(r"\{%-?\s*include\s+(?P<name>[^\s%]+)(?P<params>.*?)-?%\}")
_LIQUID_YOUTUBE_TAG = re.compile(
    r"\{%-?\s*(?P<tag>youtube|youtube_video|video_youtube)\s+[\"']?(?P<arg>[^\s\"'%]+)[\"']?.*?-?%\}",
    re.IGNORECASE,
)
_LIQUID_PARAM = re.compile(r"(?P<key>[\w-]+)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s%]+))")
_VIDEO_INCLUDE_NAME = re.compile(r"video|youtube|vimeo|embed", re.IGNORECASE)
_YOUTUBE_INCLUDE_NAME = re.compile(r"youtube|(?:^|[^a-z])yt(?:[^a-z]|$)", re.IGNORECASE)
_ID_PARAMS = ("id", "video_id", "videoid", "youtube_id", "youtubeid", "vid")


def youtube_id_in_url(url: str) -> str | None:
    """The video id of a YouTube watch, ``youtu.be``, embed or shorts URL, else None.

    Examples
    --------
    >>> youtube_id_in_url("https://www.youtube.com/watch?v=aircAruvnKk&t=60")
    'aircAruvnKk'
    >>> youtube_id_in_url("https://vimeo.com/76979871") is None
    True
    """
    match = _YOUTUBE_URL.search(url)
    return match["id"] if match else None


def youtube_ids_in_text(text: str) -> list[str]:
    """The ids of all YouTube URLs in some text, in order."""
    return [video_id for url in _ANY_URL.findall(text) if (video_id := youtube_id_in_url(url))]


class _IframeSources(HTMLParser):
    """Collect the ``src`` (or lazy-loading ``data-src``) of each iframe in some HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "iframe":
            values = dict(attrs)
            self.sources.append(values.get("src") or values.get("data-src") or "")


def iframe_embeds(html: str) -> list[EmbedMarkup]:
    """Each ``<iframe>`` in some HTML, read with :class:`html.parser.HTMLParser`."""
    parser = _IframeSources()
    parser.feed(html)
    parser.close()
    return [("iframe", youtube_id_in_url(src), src or "<iframe> without src") for src in parser.sources]


def liquid_embeds(line: str) -> list[EmbedMarkup]:
    """Each Liquid video include or YouTube tag on a line, in order.

    ``{% include NAME id=... provider=... %}`` counts when NAME mentions
    video, youtube, vimeo or embed; it is YouTube when ``provider`` says so,
    or, without ``provider``, when NAME mentions youtube, and its id is a
    literal 11-character id (not a Liquid variable).
    """
    found: list[tuple[int, EmbedMarkup]] = []
    for match in _LIQUID_INCLUDE.finditer(line):
        name = match["name"]
        if not _VIDEO_INCLUDE_NAME.search(name):
            continue
        params = {
            p["key"].lower(): p["dq"] if p["dq"] is not None else p["sq"] if p["sq"] is not None else p["bare"]
            for p in _LIQUID_PARAM.finditer(match["params"])
        }
        provider = params.get("provider", "youtube" if _YOUTUBE_INCLUDE_NAME.search(name) else "")
        video_id = next((params[key] for key in _ID_PARAMS if key in params), "")
        is_youtube = provider.lower() == "youtube" and re.fullmatch(_YOUTUBE_ID, video_id) is not None
        found.append((match.start(), ("include", video_id if is_youtube else None, match[0])))
    for match in _LIQUID_YOUTUBE_TAG.finditer(line):
        arg = match["arg"]
        video_id = arg if re.fullmatch(_YOUTUBE_ID, arg) else youtube_id_in_url(arg)
        found.append((match.start(), ("tag", video_id, match[0])))
    return [embed for _, embed in sorted(found, key=lambda item: item[0])]


def standalone_link_embed(line: str) -> EmbedMarkup | None:
    """A YouTube link that is alone on its line (bare, ``<...>``, ``[..](..)``, thumbnail, ``<a>``), else None.

    A link inside running text or in a list is a reference, not an embed.
    """
    match = _STANDALONE_LINK.match(line.rstrip("\r\n"))
    if match is None:
        return None
    url = next(url for url in match.group("url", "url2", "url3", "url4", "url5", "url6") if url is not None)
    video_id = youtube_id_in_url(url)
    return None if video_id is None else ("link", video_id, url)


def describe_source(source: str) -> str:
    """A short name for an embed's source in messages: the host of a URL, else the markup."""
    host = re.match(r"(?:https?:)?//([^/\s]+)", source)
    return host[1] if host else repr(source)
