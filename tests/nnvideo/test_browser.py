"""End to end: the post published into a real Jekyll site, built by Jekyll, in headless Chromium.

The fixture post is published with the fixture media into a minimal Jekyll
site whose permalink is not Jekyll's default (``/:categories/:title/``, as
minimal-mistakes has it) and whose ``baseurl`` is ``/blog``; Debian's
``jekyll build`` makes it, and the built ``_site`` is served under ``/blog``
on 127.0.0.1 by the byte-range server of ``nnvideo preview`` (Chromium seeks
in an MP4 with byte ranges). Debian's Chromium, driven by Playwright, checks
what a reader gets: every media URL answers, every video's duration is the
file's, the video plays with its sound (Chromium decodes the AAC track and
a Web Audio analyser hears it), captions and the chapters track load, every timeline link (by mouse
and by keyboard) seeks the right video to the right second and leaves
exactly one video playing, and the video fits the content column. The
original YouTube iframes cannot load offline; requests off 127.0.0.1 are
aborted so they fail at once, and the page is awaited on
``domcontentloaded``, never on network idle.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from fixtures.publish_media import build_fixture_media, probe_duration
from nnvideo.publish.jekyll import init_site
from nnvideo.publish.publish import publish_to_site
from nnvideo.publish.serve import start_server

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
POST = ROOT / "post" / "neural-networks-post.md"
SCREENSHOTS = ROOT / "media" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",  # play() with sound, as after a reader's click
]
TIMEOUT_MS = 20_000
BASEURL = "/blog"
PERMALINK = "/:categories/:title/"
POST_PATH = "tiw/datascience/neural-networks-post/"  # the permalink with the post's categories and slug


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        pytest.fail("jekyll is missing: run scripts/bootstrap.sh (it installs Debian's jekyll)")
    media = build_fixture_media(tmp_path_factory.getbasetemp() / "fixture-media")
    root = tmp_path_factory.mktemp("jekyll-site")
    init_site(root)
    config = root / "_config.yml"
    text = config.read_text(encoding="utf-8").replace('baseurl: ""', f'baseurl: "{BASEURL}"')
    config.write_text(re.sub(r"(?m)^permalink: .*$", f"permalink: {PERMALINK}", text), encoding="utf-8")
    publish_to_site(POST, root, media, replace=True, date=dt.date(2026, 12, 1))
    build = subprocess.run(
        [jekyll, "build", "--source", str(root), "--destination", str(root / "_site")],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    assert (root / "_site" / POST_PATH / "index.html").is_file(), sorted(map(str, (root / "_site").rglob("*.html")))
    return root


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server, url = start_server(site / "_site", prefix=BASEURL)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def page(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/bootstrap.sh (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS, headless=True, viewport={"width": 1000, "height": 900},
        )  # fmt: skip
        try:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
            page.goto(base_url + POST_PATH, wait_until="domcontentloaded")
            page.wait_for_function(
                "() => [...document.querySelectorAll('video')].every(v => v.readyState >= 1 || v.error)"
            )
            yield page
        finally:
            browser.close()


def _record(site: Path) -> dict[str, Any]:
    return dict(json.loads((site / "_nnvideo" / "neural-networks-post.json").read_text()))


def _file(site: Path, url: str, base_url: str) -> Path:
    """The built file a same-origin URL names."""
    path = re.sub(r"^https?://[^/]+", "", url).split("#")[0]
    assert path.startswith(BASEURL + "/"), url
    return site / "_site" / path.removeprefix(BASEURL + "/")


def _videos(page: Any) -> list[dict[str, Any]]:
    return list(
        page.evaluate(
            """() => [...document.querySelectorAll('video')].map(v => ({
                id: v.id, src: v.currentSrc, duration: v.duration, error: v.error && v.error.code,
                readyState: v.readyState}))"""
        )
    )


def test_every_media_url_answers(page: Any, site: Path, base_url: str) -> None:
    urls = page.evaluate(
        """() => [...document.querySelectorAll('video[poster], video source, video track, a.nnvideo-seek')]
            .map(e => e.poster || e.src || e.href)"""
    )
    assert len(urls) == 2 * 4 + 5 and all(u.startswith(base_url + "assets/nnvideo/neural-networks-post/") for u in urls)
    for url in urls:
        response = page.request.get(url)
        assert response.status == 200, url
        assert response.body() == _file(site, url, base_url).read_bytes()
    ranged = page.request.get(urls[1], headers={"Range": "bytes=0-99"})
    assert ranged.status == 206 and len(ranged.body()) == 100


def test_every_video_loads_with_the_files_duration(page: Any, site: Path, base_url: str) -> None:
    videos = _videos(page)
    assert [v["id"] for v in videos] == ["nnvideo-chapter1", "nnvideo-chapter2"]
    for video in videos:
        assert video["error"] is None, video
        assert video["readyState"] >= 1
        assert video["duration"] == pytest.approx(probe_duration(_file(site, video["src"], base_url)), abs=0.1)
    assert page.evaluate("() => document.querySelectorAll('iframe').length") == 2  # chapters 3 and 4: not rendered


def test_the_video_fills_the_content_column(page: Any) -> None:
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('video')].map(v => {
            const column = v.closest('article').getBoundingClientRect(), box = v.getBoundingClientRect();
            return {left: box.left - column.left, width: box.width, column: column.width}; })"""
    )
    for box in boxes:
        assert box["left"] == pytest.approx(0, abs=1) and box["width"] == pytest.approx(box["column"], abs=1)


def test_playback_advances(page: Any) -> None:
    for video_id in ("nnvideo-chapter1", "nnvideo-chapter2"):
        page.evaluate(
            "id => { const v = document.getElementById(id); v.muted = true; v.currentTime = 0; return v.play(); }",
            video_id,
        )
        page.wait_for_function("id => document.getElementById(id).currentTime > 0.3", arg=video_id)
        page.evaluate("id => document.getElementById(id).pause()", video_id)


def test_the_video_plays_its_sound(page: Any) -> None:
    """Unmuted playback decodes the AAC track and an analyser on the element hears a signal."""
    heard = page.evaluate(
        """async id => {
            const v = document.getElementById(id);
            const context = new AudioContext();
            const analyser = context.createAnalyser();
            context.createMediaElementSource(v).connect(analyser);
            analyser.connect(context.destination);
            await context.resume();
            v.muted = false; v.volume = 1; v.currentTime = 0;
            await v.play();
            const samples = new Float32Array(analyser.fftSize);
            let loudest = 0;
            for (let i = 0; i < 20 && v.currentTime < 1.5; i++) {
                await new Promise(r => setTimeout(r, 50));
                analyser.getFloatTimeDomainData(samples);
                loudest = Math.max(loudest, ...samples.map(Math.abs));
            }
            v.pause();
            const result = {decoded: v.webkitAudioDecodedByteCount, loudest, state: context.state, muted: v.muted};
            await context.close();
            return result;
        }""",
        "nnvideo-chapter1",
    )
    assert heard["state"] == "running" and not heard["muted"], heard
    assert heard["decoded"] > 0, heard
    assert heard["loudest"] > 0.1, heard  # the fixture's tone peaks near 0.125 (-18 dBFS, ffmpeg's sine)


def test_captions_and_chapters_tracks_load(page: Any, site: Path) -> None:
    page.evaluate(
        """() => document.querySelectorAll('video').forEach(v => {
            for (const t of v.textTracks) { if (t.kind === 'chapters') t.mode = 'hidden'; } })"""
    )
    page.wait_for_function(
        """() => [...document.querySelectorAll('video')].every(v => [...v.textTracks].every(
            t => t.cues && t.cues.length > 0))"""
    )
    tracks = page.evaluate(
        """() => [...document.querySelectorAll('video')].map(v => [...v.textTracks].map(t => ({
            kind: t.kind, mode: t.mode, cues: [...t.cues].map(c => [c.startTime, c.text])})))"""
    )
    report = _record(site)
    for video_tracks, chapter in zip(tracks, report["chapters"], strict=True):
        captions, chapters = video_tracks
        assert captions["kind"] == "captions" and captions["mode"] == "showing"
        assert len(captions["cues"]) > 0
        assert chapters["kind"] == "chapters"
        assert [text for _, text in chapters["cues"]][: len(chapter["links"])] == [
            link["segment"] for link in chapter["links"]
        ]


PLAYING = "() => [...document.querySelectorAll('video')].filter(v => !v.paused).map(v => v.id)"


def _seeked(page: Any, video_id: str, start: float) -> dict[str, Any]:
    page.wait_for_function(
        "([id, start]) => { const v = document.getElementById(id); "
        "return !v.paused && !v.seeking && v.currentTime >= start - 0.05; }",
        arg=[video_id, start],
    )
    return dict(page.evaluate("id => ({t: document.getElementById(id).currentTime})", video_id))


def test_every_timeline_link_seeks_its_video_and_leaves_one_playing(page: Any, base_url: str, site: Path) -> None:
    page.evaluate("() => document.querySelectorAll('video').forEach(v => { v.muted = true; v.pause(); })")
    links = page.locator("a.nnvideo-seek")
    expected = [(c["video_element"], link["start"]) for c in _record(site)["chapters"] for link in c["links"]]
    assert links.count() == len(expected) == 5
    # Start with chapter 2 playing, so the first click (chapter 1) must pause it.
    page.evaluate("() => document.getElementById('nnvideo-chapter2').play()")
    page.wait_for_function("() => !document.getElementById('nnvideo-chapter2').paused")
    for index, (video_id, start) in enumerate(expected):
        link = links.nth(index)
        assert (link.get_attribute("data-seek"), float(link.get_attribute("data-start"))) == (video_id, start)
        # Scroll first: with Debian's Chromium under a newer Playwright the scroll that click()
        # does by itself can leave the pointer off the link, and nothing is clicked.
        link.scroll_into_view_if_needed()
        link.click()
        state = _seeked(page, video_id, start)
        assert start - 0.05 <= state["t"] < start + 1.5, (index, state)
        assert page.evaluate(PLAYING) == [video_id], index
    assert page.url == base_url + POST_PATH  # the clicks seeked, they did not navigate


def test_a_timeline_link_works_from_the_keyboard(page: Any) -> None:
    page.evaluate("() => document.querySelectorAll('video').forEach(v => { v.muted = true; v.pause(); v.currentTime = 0; })")
    link = page.locator('a.nnvideo-seek[data-seek="nnvideo-chapter2"]').nth(1)
    start = float(link.get_attribute("data-start"))
    link.focus()
    page.keyboard.press("Enter")
    _seeked(page, "nnvideo-chapter2", start)
    assert page.evaluate(PLAYING) == ["nnvideo-chapter2"]


def test_playing_one_video_pauses_the_other(page: Any) -> None:
    page.evaluate("() => document.getElementById('nnvideo-chapter2').play()")
    page.wait_for_function("() => !document.getElementById('nnvideo-chapter2').paused")
    page.evaluate("() => document.getElementById('nnvideo-chapter1').play()")
    page.wait_for_function("() => !document.getElementById('nnvideo-chapter1').paused")
    page.wait_for_function("() => document.getElementById('nnvideo-chapter2').paused")
    assert page.evaluate(PLAYING) == ["nnvideo-chapter1"]
    page.evaluate("() => document.querySelectorAll('video').forEach(v => v.pause())")


def test_link_labels_do_not_wrap_on_a_phone(page: Any) -> None:
    page.set_viewport_size({"width": 360, "height": 780})
    try:
        heights = page.evaluate(
            "() => [...document.querySelectorAll('a.nnvideo-seek')].map(a => a.getClientRects().length)"
        )
        assert heights == [1] * 5  # one box each: the label stays on one line
        _screenshot(page, "published-post-phone.png")
    finally:
        page.set_viewport_size({"width": 1000, "height": 900})


def _screenshot(page: Any, name: str) -> Path:
    page.evaluate("() => document.querySelectorAll('video').forEach(v => { v.pause(); v.currentTime = 1; })")
    page.evaluate("() => window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / name
    temporary = target.with_name(f".{name}.tmp.png")
    page.screenshot(path=str(temporary), full_page=True)
    os.replace(temporary, target)
    return target


def test_screenshot_of_the_published_post(page: Any) -> None:
    assert _screenshot(page, "published-post.png").stat().st_size > 10_000
