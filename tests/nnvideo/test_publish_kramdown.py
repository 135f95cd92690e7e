"""The published post through kramdown, the converter Jekyll uses (Debian's ruby-kramdown).

Jekyll's default is kramdown with the GFM parser; plain kramdown is its other
common setting. Both must see our ``<figure>`` as one raw HTML block, the
timeline links as ``<a data-seek>`` elements, and the seek script untouched,
and must not warn.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from fixtures.publish_media import build_fixture_media
from nnvideo.publish.publish import publish_post
from nnvideo.publish.weave import SEEK_SCRIPT

ROOT = Path(__file__).resolve().parents[2]
POST = ROOT / "post" / "neural-networks-post.md"
FIXTURES = Path(__file__).parent / "fixtures"

# Convert stdin with kramdown; print {"html": ..., "warnings": [...]} as JSON.
KRAMDOWN = """
require "json"
require "kramdown"
require "kramdown-parser-gfm" if ARGV[0] == "GFM"
doc = Kramdown::Document.new(STDIN.read, input: ARGV[0])
puts JSON.generate({html: doc.to_html, warnings: doc.warnings})
"""


def kramdown(markdown: str, parser: str) -> tuple[str, list[str]]:
    ruby = shutil.which("ruby")
    if ruby is None:
        pytest.fail("ruby is missing: run scripts/bootstrap.sh (it installs ruby-kramdown and ruby-kramdown-parser-gfm)")
    done = subprocess.run(
        [ruby, "-e", KRAMDOWN, parser], input=markdown, capture_output=True, text=True, check=False, timeout=60
    )
    if done.returncode != 0:
        pytest.fail(f"kramdown failed (is ruby-kramdown-parser-gfm installed? run scripts/bootstrap.sh): {done.stderr}")
    result = json.loads(done.stdout)
    return result["html"], result["warnings"]


class _Elements(HTMLParser):
    """Tags with attributes, and the text of each ``<script>``."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def published_body(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    media = build_fixture_media(tmp_path_factory.getbasetemp() / "fixture-media")
    bodies = {}
    for source in (POST, FIXTURES / "broken-timeline.md", FIXTURES / "vimeo-embed.md"):
        out = tmp_path_factory.mktemp("kramdown")
        result = publish_post(source, out, media)
        text = result.post.read_text(encoding="utf-8")
        bodies[source.name] = text.split("\n---\n", 1)[1]  # what Jekyll hands kramdown: the body
    return bodies


@pytest.mark.parametrize("parser", ["GFM", "kramdown"])
def test_kramdown_sees_our_videos_links_and_script(published_body: dict[str, str], parser: str) -> None:
    html, warnings = kramdown(published_body[POST.name], parser)
    assert warnings == []
    found = elements(html)
    videos = [attrs for tag, attrs in found.tags if tag == "video"]
    assert [v["id"] for v in videos] == ["nnvideo-chapter1", "nnvideo-chapter2"]
    assert [t["kind"] for tag, t in found.tags if tag == "track"] == ["captions", "chapters"] * 2
    links = [attrs for tag, attrs in found.tags if tag == "a" and "data-seek" in attrs]
    assert [(a["data-seek"], a["data-start"]) for a in links] == [
        ("nnvideo-chapter1", "0"), ("nnvideo-chapter1", "2"), ("nnvideo-chapter1", "4"),
        ("nnvideo-chapter2", "0"), ("nnvideo-chapter2", "2"),
    ]  # fmt: skip
    assert [s.strip() for s in found.scripts] == [SEEK_SCRIPT.removeprefix("<script>").removesuffix("</script>\n").strip()]
    assert "<p><figure" not in html and "<p><video" not in html  # a block, not wrapped in a paragraph


def test_with_gfm_the_timeline_is_a_list_of_linked_items(published_body: dict[str, str]) -> None:
    html, _ = kramdown(published_body[POST.name], "GFM")
    assert '<li>0:00 - Introduction example (<a class="nnvideo-seek"' in html
    assert "<li>3:35 - Introducing layers</li>" in html


@pytest.mark.parametrize("name", ["broken-timeline.md", "vimeo-embed.md"])
def test_malformed_posts_still_convert_cleanly(published_body: dict[str, str], name: str) -> None:
    html, warnings = kramdown(published_body[name], "GFM")
    assert warnings == []
    assert sum(tag == "video" for tag, _ in elements(html).tags) == 1
