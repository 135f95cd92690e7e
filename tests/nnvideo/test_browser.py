"""End to end: the published post, served over HTTP, in headless Chromium.

The fixture post is published with the fixture media, the output folder is
served on 127.0.0.1 by a Range-capable server (Chromium seeks in an MP4 with
byte ranges), and Debian's Chromium, driven by Playwright, checks what a
reader gets: every video's metadata and duration, playback, captions, the
chapters track, and a timeline link that seeks its chapter's video. The
original YouTube iframes cannot load offline; requests off 127.0.0.1 are
aborted so they fail at once, and the page is awaited on
``domcontentloaded``, never on network idle.
"""
from __future__ import annotations

import io
import json
import os
import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from fixtures.publish_media import build_fixture_media, probe_duration
from nnvideo.publish.publish import publish_post

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
POST = ROOT / "post" / "neural-networks-post.md"
SCREENSHOT = ROOT / "media" / "screenshots" / "published-post.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 20_000


class RangeRequestHandler(SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` plus single byte ranges (``Range: bytes=a-b``), quietly."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".vtt": "text/vtt", ".mp4": "video/mp4"}

    def send_head(self) -> Any:
        wanted = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", "").strip())
        path = self.translate_path(self.path)
        if wanted is None or not os.path.isfile(path) or wanted.group(1, 2) == ("", ""):
            return super().send_head()
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            first, last = wanted.groups()
            if first == "":  # the last N bytes
                start, end = max(0, size - int(last)), size - 1
            else:
                start, end = int(first), min(int(last) if last else size - 1, size - 1)
            if start > end:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.end_headers()
                return None
            handle.seek(start)
            body = handle.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    media = build_fixture_media(tmp_path_factory.getbasetemp() / "fixture-media")
    out = tmp_path_factory.mktemp("site")
    publish_post(POST, out, media)
    return out


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeRequestHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/bootstrap.sh (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            page.set_default_timeout(TIMEOUT_MS)
            page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
            page.goto(base_url + "index.html", wait_until="domcontentloaded")
            page.wait_for_function(
                "() => [...document.querySelectorAll('video')].every(v => v.readyState >= 1 || v.error)"
            )
            yield page
        finally:
            browser.close()


def _videos(page: Any) -> list[dict[str, Any]]:
    return list(
        page.evaluate(
            """() => [...document.querySelectorAll('video')].map(v => ({
                id: v.id, src: v.currentSrc, duration: v.duration, error: v.error && v.error.code,
                readyState: v.readyState}))"""
        )
    )


def test_every_video_loads_with_the_files_duration(page: Any, site: Path, base_url: str) -> None:
    videos = _videos(page)
    assert [v["id"] for v in videos] == ["nnvideo-chapter1", "nnvideo-chapter2"]
    for video in videos:
        assert video["error"] is None, video
        assert video["readyState"] >= 1
        file = site / video["src"].removeprefix(base_url)
        assert video["duration"] == pytest.approx(probe_duration(file), abs=0.1)


def test_playback_advances(page: Any) -> None:
    for video_id in ("nnvideo-chapter1", "nnvideo-chapter2"):
        page.evaluate(
            "id => { const v = document.getElementById(id); v.muted = true; v.currentTime = 0; return v.play(); }",
            video_id,
        )
        page.wait_for_function("id => document.getElementById(id).currentTime > 0.3", arg=video_id)
        page.evaluate("id => document.getElementById(id).pause()", video_id)


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
    report = json.loads((site / "publish-report.json").read_text())
    for video_tracks, chapter in zip(tracks, report["chapters"], strict=True):
        captions, chapters = video_tracks
        assert captions["kind"] == "captions" and captions["mode"] == "showing"
        assert len(captions["cues"]) > 0
        assert chapters["kind"] == "chapters"
        assert [text for _, text in chapters["cues"]][: len(chapter["links"])] == [
            link["segment"] for link in chapter["links"]
        ]


def test_timeline_link_seeks_its_chapter_video(page: Any, base_url: str) -> None:
    link = page.locator('a[data-seek="nnvideo-chapter1"]').nth(2)
    start = float(link.get_attribute("data-start"))
    assert start > 0
    page.evaluate("() => { const v = document.getElementById('nnvideo-chapter1'); v.pause(); v.currentTime = 0; }")
    # Scroll first: with Debian's Chromium 156 under Playwright 1.65 (built for 159) the
    # scroll that click() does by itself leaves the pointer off the link, and nothing is clicked.
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_function(
        "start => { const v = document.getElementById('nnvideo-chapter1'); "
        "return !v.seeking && v.currentTime >= start - 0.05; }",
        arg=start,
    )
    state = page.evaluate(
        "() => { const v = document.getElementById('nnvideo-chapter1'); "
        "return {t: v.currentTime, paused: v.paused, other: document.getElementById('nnvideo-chapter2').currentTime}; }"
    )
    assert start - 0.05 <= state["t"] < start + 1.5
    assert not state["paused"]
    assert page.url == base_url + "index.html"  # the click seeked, it did not navigate
    page.evaluate("() => document.getElementById('nnvideo-chapter1').pause()")


def test_screenshot_of_the_published_post(page: Any) -> None:
    page.evaluate("() => document.querySelectorAll('video').forEach(v => { v.pause(); v.currentTime = 1; })")
    page.evaluate("() => window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    temporary = SCREENSHOT.with_name(f".{SCREENSHOT.name}.tmp.png")
    page.screenshot(path=str(temporary), full_page=True)
    os.replace(temporary, SCREENSHOT)
    assert SCREENSHOT.stat().st_size > 10_000
