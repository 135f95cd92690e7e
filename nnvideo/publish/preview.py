"""A standalone ``index.html`` of a published post, to open without Jekyll.

The Markdown is rendered by markdown-it-py (CommonMark, HTML allowed, plus
tables and strikethrough as kramdown has them) with one change: its
``html_block`` rule is off, so raw HTML is kept as inline HTML. CommonMark
ends an HTML block at the next blank line, kramdown at the element's closing
tag; a post that puts its ``Timeline:`` list right under an ``<iframe>`` line
would otherwise show the whole list as one run-on line of raw text, where
Jekyll shows a list. The seek script is added by the page, not rendered.
The page styles text only, like a plain blog theme: the videos, links and
figures look as the post's own inline styles make them, as they will on the
blog (no preview-only CSS that a theme would not have).
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from string import Template

from markdown_it import MarkdownIt

from nnvideo.publish.post import Post

__all__ = ["PAGE", "markdown_renderer", "render_preview", "preview_title"]

PAGE = Template(
    """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="nnvideo post">
<title>$title</title>
<style>
:root {
  color-scheme: light dark;
  --fg: #1f2023; --bg: #fbfbfa; --muted: #5d5f66; --link: #0b5fc0; --rule: #d9dadf; --code: #f0f0f2;
}
@media (prefers-color-scheme: dark) {
  :root { --fg: #e4e5e9; --bg: #17181c; --muted: #a2a4ad; --link: #86bdff; --rule: #33353c; --code: #23252b; }
}
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 17px/1.65 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1.post-title { font-size: 2.1rem; line-height: 1.2; margin: 1rem 0 1.5rem; }
h1, h2, h3 { line-height: 1.3; margin-top: 2.5rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.35rem; } h3 { font-size: 1.15rem; }
a { color: var(--link); }
code, pre { background: var(--code); border-radius: 4px; }
pre { padding: .75rem; overflow-x: auto; }
ul { padding-left: 1.4rem; }
.preview-note { color: var(--muted); font-size: .85rem; border-bottom: 1px solid var(--rule); padding-bottom: .6rem; }
</style>
</head>
<body>
<main>
<p class="preview-note">Preview of $source as published by <code>nnvideo post</code>; on the site, Jekyll renders that file.</p>
<h1 class="post-title">$title</h1>
$body
</main>
$script
</body>
</html>
"""
)
"""The page around the rendered post: ``$title``, ``$source``, ``$body``, ``$script``."""


def markdown_renderer() -> MarkdownIt:
    """markdown-it-py set up to render a Jekyll post about as kramdown does (see the module notes)."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).disable("html_block")


def render_preview(body: str, title: str, script: str, *, source: str = "the post") -> str:
    """The preview page of a post's body.

    Parameters
    ----------
    body : str
        The published post's Markdown after the front matter.
    title : str
        The page title and ``<h1>`` (plain text; escaped here).
    script : str
        A ``<script>`` element to run on the page (the timeline seek), or "".
    source : str
        The published post's file name, for the note at the top.

    Returns
    -------
    str
        A complete HTML document.
    """
    rendered = markdown_renderer().render(body)
    return PAGE.substitute(
        title=html.escape(title),
        source=html.escape(source),
        body=rendered.rstrip("\n"),
        script=script.rstrip("\n"),
    )


_ATX_TITLE = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)


def preview_title(post: Post, source: Path) -> str:
    """The front matter's title, else the first heading's text, else the file name."""
    if post.front_matter.title:
        return post.front_matter.title
    heading = _ATX_TITLE.search("".join(post.lines[post.front_matter.body_start :]))
    return heading["title"] if heading else source.stem
