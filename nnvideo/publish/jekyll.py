"""What ``nnvideo post --site`` needs to know about a Jekyll site, and a minimal one to start from.

A post goes to ``SITE/_posts/YYYY-MM-DD-<slug>.md`` and its media to
``SITE/assets/nnvideo/<slug>/``. The post names each media file as
``{{ '/assets/nnvideo/<slug>/<file>' | relative_url }}``: Liquid turns that
into a URL from the site root with the ``baseurl`` in front, so the videos
load whatever the permalink (dates, categories, ``pretty``, a theme's own)
and wherever the site is hosted, and two posts never share a file.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml  # type: ignore[import-untyped]  # (PyYAML ships no stubs; types-PyYAML is not a dependency)

from nnvideo.publish.frontmatter import FrontMatter, front_matter_date
from nnvideo.publish.weave import MediaUrl

__all__ = [
    "ASSETS",
    "SiteError",
    "JekyllSite",
    "read_site",
    "post_date_and_slug",
    "liquid_media_url",
    "absolute_media_url",
    "init_site",
]

ASSETS = "assets/nnvideo"
"""Folder of the site, relative to its root, that holds one folder of media per post."""

RECORDS = "_nnvideo"
"""Folder of the site (not published: Jekyll skips ``_`` folders) with one publish report per post."""

_DATED_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>.+)$")


class SiteError(ValueError):
    """The folder is not a Jekyll site, or its ``_config.yml`` cannot be read."""


@dataclass(frozen=True)
class JekyllSite:
    """A Jekyll site's root and the settings that decide its URLs.

    Attributes
    ----------
    root : Path
    baseurl : str
        ``""`` or ``"/path"`` (no trailing slash), as Jekyll reads it.
    permalink : str
        The ``permalink`` setting (``"date"`` when the config has none).
    """

    root: Path
    baseurl: str
    permalink: str

    def post_path(self, date: dt.date, slug: str) -> Path:
        """``_posts/YYYY-MM-DD-<slug>.md``."""
        return self.root / "_posts" / f"{date.isoformat()}-{slug}.md"

    def media_folder(self, slug: str) -> Path:
        """``assets/nnvideo/<slug>/``: this post's media, and nothing else."""
        return self.root / ASSETS / slug

    def record(self, slug: str) -> Path:
        """``_nnvideo/<slug>.json``: the publish report, which also says which post owns the media."""
        return self.root / RECORDS / f"{slug}.json"


def _config(root: Path) -> Mapping[str, Any]:
    config = root / "_config.yml"
    if not config.is_file():
        raise SiteError(
            f"{root} has no _config.yml, so it is not a Jekyll site; give the site's root folder, "
            "or add --init-site to create a minimal site there"
        )
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SiteError(f"{config} cannot be read as YAML: {error}") from error
    return data if isinstance(data, dict) else {}


def read_site(root: Path) -> JekyllSite:
    """Read ``root/_config.yml`` (with PyYAML).

    Raises
    ------
    SiteError
        If there is no ``_config.yml`` or it is not YAML.
    """
    data = _config(root)
    baseurl = str(data.get("baseurl") or "").strip().rstrip("/")
    if baseurl and not baseurl.startswith("/"):
        baseurl = "/" + baseurl
    return JekyllSite(root, baseurl, str(data.get("permalink") or "date"))


def slugify(text: str) -> str:
    """A file and URL name: ASCII letters, digits and single dashes.

    Examples
    --------
    >>> slugify("Neural Networks: chapter 1!")
    'neural-networks-chapter-1'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def post_date_and_slug(source: Path, front_matter: FrontMatter, date: dt.date | None, today: dt.date) -> tuple[dt.date, str]:
    """The post's date and slug, as Jekyll will date and name it.

    The date is ``date`` (``--date``) if given, else the front matter's
    ``date`` (which Jekyll prefers to the file name's), else the file name's
    ``YYYY-MM-DD-``, else ``today``. The slug is the file name without date
    and extension, reduced to ``[a-z0-9-]``.
    """
    named = _DATED_NAME.match(source.stem)
    slug = slugify(named["slug"] if named else source.stem) or "post"
    if date is not None:
        return date, slug
    from_front_matter = front_matter_date(front_matter)
    if from_front_matter is not None:
        return from_front_matter, slug
    if named:
        try:
            return dt.date.fromisoformat(named["date"]), slug
        except ValueError:
            pass
    return today, slug


def liquid_media_url(slug: str) -> MediaUrl:
    """``path -> {{ '/assets/nnvideo/<slug>/<path>' | relative_url }}`` (paths percent-encoded, so no quote breaks it)."""

    def url(path: str) -> str:
        return "{{ '/" + quote(f"{ASSETS}/{slug}/{path}") + "' | relative_url }}"

    return url


def absolute_media_url(base: str) -> MediaUrl:
    """``path -> <base>/<path>``, for media served from elsewhere (``--media-url``)."""
    import html

    root = base.rstrip("/")
    if not re.match(r"^(?:https?:)?//|^/", root):
        raise ValueError(f"--media-url {base!r} is not a URL; give https://host/path/ or a path from the site root")

    def url(path: str) -> str:
        return html.escape(f"{root}/{quote(path)}")

    return url


SKELETON: dict[str, str] = {
    "_config.yml": """\
# A minimal Jekyll site made by `nnvideo post --init-site`; edit freely.
title: Neural networks, re-rendered
baseurl: ""            # e.g. "/blog" when the site lives under a path
permalink: /:categories/:year/:month/:day/:title/
markdown: kramdown
kramdown:
  input: GFM
defaults:              # every post gets the post layout without saying so
  - scope: {path: "", type: posts}
    values: {layout: post}
exclude: [Gemfile, Gemfile.lock, README.md]
""",
    "_layouts/default.html": """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% if page.title %}{{ page.title }} | {% endif %}{{ site.title }}</title>
<style>
body { margin: 0; font: 17px/1.6 system-ui, "DejaVu Sans", sans-serif; color: #222; background: #fff; }
header, main { max-width: 42rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1rem; border-bottom: 1px solid #ddd; }
header a { color: inherit; text-decoration: none; font-weight: 600; }
a { color: #0b5fc0; }
</style>
</head>
<body>
<header><a href="{{ '/' | relative_url }}">{{ site.title }}</a></header>
<main>
{{ content }}
</main>
</body>
</html>
""",
    "_layouts/post.html": """\
---
layout: default
---
<article>
<h1>{{ page.title }}</h1>
<p><time datetime="{{ page.date | date_to_xmlschema }}">{{ page.date | date: "%-d %B %Y" }}</time></p>
{{ content }}
</article>
""",
    "index.html": """\
---
layout: default
---
<ul>
{% for post in site.posts %}<li><a href="{{ post.url | relative_url }}">{{ post.title }}</a></li>
{% endfor %}</ul>
""",
}
"""The files of a minimal site: a config with a non-default permalink, a layout with a content column, a post list."""


def init_site(root: Path) -> list[Path]:
    """Write the files of :data:`SKELETON` that ``root`` lacks; return those written.

    An existing site keeps every file it has.
    """
    written = []
    for name, text in SKELETON.items():
        path = root / name
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
