"""Publishing: the output folder, byte-for-byte prose, links, copies, repeatability, bad input."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixtures.publish_media import CHAPTERS, build_fixture_media
from nnvideo.cli import main
from nnvideo.publish.publish import PublishError, publish_post

ROOT = Path(__file__).resolve().parents[2]
POST = ROOT / "post" / "neural-networks-post.md"
FIXTURES = Path(__file__).parent / "fixtures"

FIGURE = re.compile(r'[ \t]*<figure class="nnvideo-chapter"[^\n]*\n(?:[^\n]*\n)*?[ \t]*</figure>\r?\n\r?\n')
LINK = re.compile(r' \(<a class="nnvideo-seek"[^>]*>[^<]*</a>\)')
SCRIPT = re.compile(r"\r?\n<script>\r?\n/\* nnvideo:.*?</script>\r?\n\Z", re.DOTALL)


def strip_additions(text: str) -> str:
    """The published text without what the publisher adds: the inverse the tests hold it to."""
    return LINK.sub("", FIGURE.sub("", SCRIPT.sub("", text)))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class _References(HTMLParser):
    """Every ``src``, ``poster`` and ``href`` in some HTML, with the tags' attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.urls += [v for k, v in attrs if k in ("src", "poster", "href") and v]


def references(text: str) -> _References:
    parser = _References()
    parser.feed(text)
    return parser


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_media(tmp_path_factory.getbasetemp() / "fixture-media")


@pytest.fixture(scope="module")
def published(media: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("published")
    publish_post(POST, out, media)
    return out


def test_the_prose_is_kept_byte_for_byte(published: Path) -> None:
    text = (published / POST.name).read_bytes().decode("utf-8")
    assert strip_additions(text) == POST.read_text(encoding="utf-8")
    assert text.startswith(POST.read_text(encoding="utf-8").split("\n# ")[0])  # front matter and intro untouched


def test_each_rendered_chapter_gets_its_video_after_the_embed(published: Path) -> None:
    text = (published / POST.name).read_text(encoding="utf-8")
    refs = references(text)
    videos = [attrs for tag, attrs in refs.tags if tag == "video"]
    assert [v["id"] for v in videos] == ["nnvideo-chapter1", "nnvideo-chapter2"]
    for video in videos:
        assert video["preload"] == "metadata" and "controls" in video and video["poster"].endswith(".jpg")
    tracks = [attrs for tag, attrs in refs.tags if tag == "track"]
    assert [(t["kind"], "default" in t) for t in tracks] == [("captions", True), ("chapters", False)] * 2
    assert all(t["srclang"] == "en" for t in tracks)
    sources = [attrs for tag, attrs in refs.tags if tag == "source"]
    assert [s["type"] for s in sources] == ["video/mp4", "video/mp4"]
    lines = text.splitlines()
    for youtube_id, number in (("aircAruvnKk", 1), ("IHZwWFHWa-w", 2)):
        embed = next(i for i, line in enumerate(lines) if youtube_id in line)
        assert lines[embed + 1].startswith(f'<figure class="nnvideo-chapter" id="nnvideo-chapter{number}-figure" ')
    for youtube_id in ("Ilg3gGewQ5U", "tIeHLnjs5U8"):  # not rendered: left alone
        embed = next(i for i, line in enumerate(lines) if youtube_id in line)
        assert "<figure" not in lines[embed + 1]


def test_matching_timeline_entries_link_to_their_segment(published: Path, media: Path) -> None:
    manifest = json.loads((media / "manifest.json").read_text())
    text = (published / POST.name).read_text(encoding="utf-8")
    links = [attrs for tag, attrs in references(text).tags if tag == "a"]
    expected = [
        (f"nnvideo-chapter{c['number']}", s["start"], f"videos/{s['clip']}")
        for c in manifest["chapters"]
        for s in c["segments"]
    ]
    assert [(a["data-seek"], float(a["data-start"]), a["href"]) for a in links] == expected
    entry = next(line for line in text.splitlines() if "- 1:07 - Series preview" in line)
    assert entry.startswith("- 1:07 - Series preview (<a ") and entry.endswith(">\u25b6\u00a0our\u00a0video</a>)  ")
    assert 'title="Play this part in our chapter 1 video, from 0:02"' in entry  # one time shown: the entry's own
    assert text.count("<script>") == 1 and 'getAttribute("data-start")' in text


def test_every_path_is_relative_and_exists_in_the_output(published: Path) -> None:
    for name in (POST.name, "index.html"):
        urls = [u for u in references((published / name).read_text()).urls if not u.startswith("https://")]
        assert urls, name
        for url in urls:
            assert not url.startswith(("/", "file:")), url
            assert (published / url).is_file(), url


def test_media_are_copied_as_listed(published: Path, media: Path) -> None:
    manifest = json.loads((media / "manifest.json").read_text())
    listed = [f for c in manifest["chapters"] for f in (c["video"], c["poster"], c["captions"], c["chapters_track"])]
    listed += [f for c in manifest["chapters"] for s in c["segments"] for f in (s["clip"], s["captions"])]
    copied = sorted(str(p.relative_to(published / "videos")) for p in (published / "videos").rglob("*") if p.is_file())
    assert copied == sorted(listed)
    for name in listed:
        assert sha256(published / "videos" / name) == sha256(media / name)


def test_report_accounts_for_every_entry(published: Path) -> None:
    report = json.loads((published / "publish-report.json").read_text())
    assert report["source"] == POST.name and report["source_sha256"] == sha256(POST)
    assert [c["number"] for c in report["chapters"]] == [1, 2]
    assert report["links"] == sum(len(segments) for *_, segments in CHAPTERS)
    assert report["links"] + len(report["unmatched_entries"]) == 35
    ch4 = [u for u in report["unmatched_entries"] if "tIeHLnjs5U8" in u["reason"]]
    assert len(ch4) == 7 and ch4[0] == {
        "line": 64,
        "entry": "- 0:00 - Introduction",
        "reason": "belongs to YouTube video tIeHLnjs5U8 (line 61), which has no rendered chapter",
    }
    assert any(w.startswith("line 61: YouTube video tIeHLnjs5U8 has no rendered chapter") for w in report["warnings"])


def test_preview_is_a_standalone_page_of_the_post(published: Path) -> None:
    page = (published / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<h1 class="post-title">3Blue1Brown Youtube Series on Neural Networks.</h1>' in page
    assert "<title>3Blue1Brown Youtube Series on Neural Networks.</title>" in page
    assert "title:" not in page and "toc_sticky" not in page  # the front matter is not shown
    assert "<h1>But what is a Neural Network? | Deep learning, chapter 1</h1>" in page
    assert page.count("<video ") == 2 and page.count("<script>") == 1
    assert '<li>0:00 - Introduction example (<a class="nnvideo-seek"' in page  # a list, as Jekyll shows it
    assert "prefers-color-scheme: dark" in page


def test_a_second_run_is_byte_identical_and_copies_nothing(media: Path, tmp_path: Path) -> None:
    before = sha256(POST)
    first = publish_post(POST, tmp_path, media)
    files = snapshot(tmp_path)
    second = publish_post(POST, tmp_path, media)
    assert snapshot(tmp_path) == files
    assert len(first.copied) == len(files) - 3 and first.unchanged == ()
    assert second.copied == () and len(second.unchanged) == len(first.copied)
    assert sha256(POST) == before
    assert not [p for p in tmp_path.rglob("*") if ".tmp" in p.name]


def test_only_changed_media_are_copied_again(media: Path, tmp_path: Path) -> None:
    publish_post(POST, tmp_path, media)
    stale = tmp_path / "videos" / "chapter2.vtt"
    stale.write_text("WEBVTT\n\nstale\n")
    result = publish_post(POST, tmp_path, media)
    assert result.copied == ("chapter2.vtt",)
    assert stale.read_bytes() == (media / "chapter2.vtt").read_bytes()


def test_replace_puts_our_video_in_place_of_the_embed(media: Path, tmp_path: Path) -> None:
    result = publish_post(POST, tmp_path, media, replace=True)
    text = result.post.read_text(encoding="utf-8")
    assert "aircAruvnKk" not in text and "IHZwWFHWa-w" not in text
    assert "Ilg3gGewQ5U" in text and "tIeHLnjs5U8" in text  # not rendered: kept
    original = POST.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = "".join(line for line in original if "aircAruvnKk" not in line and "IHZwWFHWa-w" not in line)
    assert strip_additions(text) == kept
    report = json.loads(result.report.read_text())
    assert [c["action"] for c in report["chapters"]] == ["replaced", "replaced"]


def test_replace_keeps_an_embed_that_shares_its_line_with_text(media: Path, tmp_path: Path) -> None:
    source = tmp_path / "shared.md"
    source.write_text("---\ntitle: T\n---\nWatch <iframe src='https://www.youtube.com/embed/aircAruvnKk'></iframe> now\n")
    result = publish_post(source, tmp_path / "out", media, replace=True)
    assert "Watch <iframe" in result.post.read_text()
    assert any("instead of replacing" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("fixture", "placed", "links", "warnings"),
    [
        ("no-front-matter.md", 1, 2, ["no front matter"]),
        ("unclosed-front-matter.md", 1, 2, ["never closed"]),
        (
            "vimeo-embed.md",
            1,
            2,
            [
                "line 7: iframe embed of player.vimeo.com is not a YouTube video",
                "line 9: timeline entry '- 0:00 - Introduction example' belongs to the non-YouTube embed on line 7",
                "line 21: include embed of",
            ],
        ),
        (
            "broken-timeline.md",
            1,
            2,
            [
                "line 11: timeline title '<b>Introduction example</b>' holds HTML",
                "line 12: timeline entry '- 1:7x - Series preview': '1:7x' is not a time",
                "line 13: timeline entry '- 0:00 Introduction' has no ' - '",
                "line 15: timeline entry '- 9:99 - Bad seconds'",
                "line 16: timeline entry '- 3:35 - Not a segment of ours' matches no segment of chapter 1",
                "line 17: timeline entry '- 0:05 -' has no title",
                "segment(s) with no timeline entry below the embed, so no link plays them: Series preview",
            ],
        ),
    ],
)
def test_malformed_posts_lose_nothing_and_say_what_is_wrong(
    media: Path, tmp_path: Path, fixture: str, placed: int, links: int, warnings: list[str]
) -> None:
    source = FIXTURES / fixture
    before = sha256(source)
    result = publish_post(source, tmp_path, media)
    text = result.post.read_text(encoding="utf-8")
    assert strip_additions(text) == source.read_text(encoding="utf-8")
    assert (result.chapters, result.links) == (placed, links)
    for expected in warnings:
        assert any(expected in w for w in result.warnings), (expected, result.warnings)
    report = json.loads(result.report.read_text())
    assert report["warnings"] == list(result.warnings)
    assert sha256(source) == before
    assert (tmp_path / "index.html").is_file()


def test_broken_entries_stay_exactly_as_written(media: Path, tmp_path: Path) -> None:
    result = publish_post(FIXTURES / "broken-timeline.md", tmp_path, media)
    lines = result.post.read_text(encoding="utf-8").splitlines()
    for broken in ("- 1:7x - Series preview", "- 0:00 Introduction", "- 9:99 - Bad seconds", "- 3:35 - Not a segment of ours"):
        assert broken in lines
    html_entry = next(line for line in lines if line.startswith("- 0:00 - <b>"))
    assert html_entry.startswith('- 0:00 - <b>Introduction example</b> (<a class="nnvideo-seek"')
    assert next(line for line in lines if line.startswith("- 2:42")).startswith("- 2:42 - WHAT are neurons (<a ")


def test_preview_title_falls_back_to_the_first_heading(media: Path, tmp_path: Path) -> None:
    publish_post(FIXTURES / "no-front-matter.md", tmp_path, media)
    assert '<h1 class="post-title">A post someone forgot the front matter of</h1>' in (tmp_path / "index.html").read_text()


def test_crlf_post_gets_crlf_additions(media: Path, tmp_path: Path) -> None:
    source = tmp_path / "crlf.md"
    source.write_bytes(b"---\r\ntitle: T\r\n---\r\n<iframe src='https://youtu.be/aircAruvnKk'></iframe>\r\n- 0:00 - Introduction example")
    result = publish_post(source, tmp_path / "out", media)
    data = result.post.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    # The one change to the source text: its last line gets a line ending, so the script starts on a line.
    assert strip_additions(data.decode()) == source.read_bytes().decode() + "\r\n"


@pytest.mark.parametrize(
    ("break_media", "message"),
    [
        (lambda m: shutil.rmtree(m), "does not exist: run `nnvideo render` first"),
        (lambda m: (m / "manifest.json").unlink(), "manifest.json does not exist"),
        (lambda m: (m / "manifest.json").write_text("{not json"), "is not valid JSON"),
        (lambda m: (m / "chapter2.jpg").unlink(), "e.g. chapter2.jpg; re-run `nnvideo render`"),
        (
            lambda m: (m / "manifest.json").write_text(
                (m / "manifest.json").read_text().replace('"poster"', '"posterframe"', 1)
            ),
            "chapter entry 1 has no 'poster'",
        ),
    ],
)
def test_missing_or_broken_media_is_a_clear_error_and_writes_nothing(
    media: Path, tmp_path: Path, break_media, message: str  # type: ignore[no-untyped-def]
) -> None:
    copy = tmp_path / "medium"
    shutil.copytree(media, copy)
    break_media(copy)
    with pytest.raises(PublishError, match=re.escape(message)):
        publish_post(POST, tmp_path / "out", copy)
    assert not (tmp_path / "out").exists()


def test_an_already_published_post_is_refused(published: Path, media: Path, tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="already holds nnvideo's chapter videos"):
        publish_post(published / POST.name, tmp_path, media)


def test_the_source_cannot_be_overwritten(media: Path, tmp_path: Path) -> None:
    source = tmp_path / "post.md"
    shutil.copy(POST, source)
    with pytest.raises(PublishError, match="would overwrite the source post"):
        publish_post(source, tmp_path, media)
    assert source.read_bytes() == POST.read_bytes()


def test_cli_post_writes_the_folder_and_reports_on_stderr(media: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["post", str(POST), "--out", str(out), "--media", str(media)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / POST.name)
    assert "2 chapter videos placed, 5 timeline links" in result.stderr
    assert "warning: line 64: timeline entry '- 0:00 - Introduction' belongs to YouTube video tIeHLnjs5U8" in result.stderr


def test_cli_post_without_media_says_to_render_first(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["post", str(POST), "--out", str(tmp_path / "site"), "--media", str(tmp_path / "media" / "medium")]
    )
    assert result.exit_code == 1
    assert "run `nnvideo render` first" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_chapter_embedded_twice_gets_two_videos_with_their_own_links(media: Path, tmp_path: Path) -> None:
    source = tmp_path / "twice.md"
    source.write_text(
        "---\ntitle: T\n---\nhttps://youtu.be/aircAruvnKk\n\n- 0:00 - Series preview\n\n"
        "## Again\n\n{% include video id=\"aircAruvnKk\" provider=\"youtube\" %}\n- 0:00 - Series preview\n"
    )
    result = publish_post(source, tmp_path / "out", media)
    links = [attrs for tag, attrs in references(result.post.read_text()).tags if tag == "a"]
    assert [a["data-seek"] for a in links] == ["nnvideo-chapter1", "nnvideo-chapter1-2"]
    videos = [attrs["id"] for tag, attrs in references(result.post.read_text()).tags if tag == "video"]
    assert videos == ["nnvideo-chapter1", "nnvideo-chapter1-2"]


def test_a_rendered_chapter_only_mentioned_in_a_list_is_reported(media: Path, tmp_path: Path) -> None:
    source = tmp_path / "mention.md"
    source.write_text("---\ntitle: T\n---\nRead next:\n\n- [part 2](https://youtu.be/IHZwWFHWa-w)\n")
    result = publish_post(source, tmp_path / "out", media)
    assert result.chapters == 0 and "<video" not in result.post.read_text()
    (warning,) = [w for w in result.warnings if "chapter 2" in w]
    assert "inside text on line(s) 6: put such a link on a line of its own" in warning
    assert result.post.read_text() == source.read_text()  # no link added, so no script either


def test_a_watch_url_inside_prose_gets_our_video_after_its_paragraph(media: Path, tmp_path: Path) -> None:
    source = tmp_path / "prose.md"
    source.write_text(
        "---\ntitle: T\n---\nWatch it here: https://www.youtube.com/watch?v=IHZwWFHWa-w\nTimeline:\n"
        "- 0:00 - Introduction\n- 0:30 - Recap\n"
    )
    for replace in (False, True):  # a paragraph is prose: never replaced
        result = publish_post(source, tmp_path / f"out-{replace}", media, replace=replace)
        lines = result.post.read_text().splitlines()
        assert lines[3:5] == ["Watch it here: https://www.youtube.com/watch?v=IHZwWFHWa-w", "Timeline:"]
        assert lines[5].startswith('<figure class="nnvideo-chapter" id="nnvideo-chapter2-figure"')
        assert result.links == 2 and not [w for w in result.warnings if "instead of replacing" in w]
        assert strip_additions(result.post.read_text()) == source.read_text()


def test_no_clips_links_the_chapter_video_at_the_segment(media: Path, tmp_path: Path) -> None:
    result = publish_post(POST, tmp_path, media, clips=False)
    copied = sorted(p.relative_to(tmp_path / "videos").as_posix() for p in (tmp_path / "videos").rglob("*") if p.is_file())
    assert copied == sorted(f"chapter{n}{ext}" for n in (1, 2) for ext in (".mp4", ".jpg", ".vtt", ".chapters.vtt"))
    hrefs = [a["href"] for tag, a in references(result.post.read_text()).tags if tag == "a"]
    assert hrefs[:2] == ["videos/chapter1.mp4#t=0", "videos/chapter1.mp4#t=2"]


def test_media_url_serves_the_media_from_elsewhere(media: Path, tmp_path: Path) -> None:
    result = publish_post(POST, tmp_path, media, media_url="https://cdn.example.org/nn/")
    assert not (tmp_path / "videos").exists() and result.media is None
    urls = [u for u in references(result.post.read_text()).urls if "example.org" in u]
    assert "https://cdn.example.org/nn/chapter1.mp4" in urls and len(urls) == 2 * 4 + 5
    with pytest.raises(PublishError, match="is not a URL"):
        publish_post(POST, tmp_path, media, media_url="cdn.example.org")
