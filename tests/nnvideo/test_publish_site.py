"""Publishing into a Jekyll site: where the post and its media go, their URLs, re-publishing, the preview server."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import struct
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixtures.publish_media import build_fixture_media
from nnvideo.cli import main
from nnvideo.publish.jekyll import init_site, post_date_and_slug, read_site
from nnvideo.publish.post import parse_post
from nnvideo.publish.publish import PublishError, media_files, publish_to_site
from nnvideo.publish.serve import preview_command, start_server
from nnvideo.render.rendered_media import load_manifest

ROOT = Path(__file__).resolve().parents[2]
POST = ROOT / "post" / "neural-networks-post.md"
DAY = dt.date(2026, 12, 1)
SLUG = "neural-networks-post"


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_media(tmp_path_factory.getbasetemp() / "fixture-media")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    init_site(root)
    return root


def test_the_post_goes_to_posts_and_its_media_to_assets(site: Path, media: Path) -> None:
    result = publish_to_site(POST, site, media, date=DAY)
    assert result.post == site / "_posts" / f"2026-12-01-{SLUG}.md"
    assert result.media == site / "assets" / "nnvideo" / SLUG
    listed = media_files(load_manifest(media))
    assert sorted(p.relative_to(result.media).as_posix() for p in result.media.rglob("*") if p.is_file()) == sorted(listed)
    text = result.post.read_text(encoding="utf-8")
    assert text.startswith(POST.read_text(encoding="utf-8").split("\n# ")[0])  # front matter byte for byte
    assert f"src=\"{{{{ '/assets/nnvideo/{SLUG}/chapter1.mp4' | relative_url }}}}\"" in text
    assert "videos/" not in text
    record = json.loads(result.report.read_text())
    assert record["post"] == f"_posts/2026-12-01-{SLUG}.md" and record["slug"] == SLUG
    assert result.report.parent.name == "_nnvideo"  # Jekyll does not publish _ folders


def test_the_date_comes_from_the_option_the_front_matter_the_file_name_or_today() -> None:
    plain = parse_post("---\ntitle: T\n---\n").front_matter
    dated = parse_post("---\ntitle: T\ndate: 2025-03-04 10:00:00 +0100\n---\n").front_matter
    today = dt.date(2027, 1, 2)
    assert post_date_and_slug(Path("2024-05-06-My Post.md"), plain, None, today) == (dt.date(2024, 5, 6), "my-post")
    assert post_date_and_slug(Path("2024-05-06-my-post.md"), dated, None, today) == (dt.date(2025, 3, 4), "my-post")
    assert post_date_and_slug(Path("post.md"), plain, None, today) == (today, "post")
    assert post_date_and_slug(Path("post.md"), dated, DAY, today) == (DAY, "post")


def test_republishing_replaces_only_that_posts_media(site: Path, media: Path, tmp_path: Path) -> None:
    other = tmp_path / "2026-11-30-other.md"
    other.write_text("---\ntitle: Other\n---\nhttps://youtu.be/IHZwWFHWa-w\n- 0:00 - Recap\n")
    publish_to_site(other, site, media)
    theirs = {p: p.read_bytes() for p in (site / "assets" / "nnvideo" / "other").rglob("*") if p.is_file()}
    first = publish_to_site(POST, site, media, date=DAY)
    assert len(first.copied) == 18
    again = publish_to_site(POST, site, media, date=DAY)
    assert again.copied == () and again.removed == ()
    slim = publish_to_site(POST, site, media, date=DAY, clips=False)
    assert len(slim.removed) == 10 and all("/segment-" in name for name in slim.removed)
    assert sorted(p.name for p in slim.media.iterdir()) == sorted(
        f"chapter{n}{ext}" for n in (1, 2) for ext in (".mp4", ".jpg", ".vtt", ".chapters.vtt")
    )
    assert "#t=" in slim.post.read_text()
    assert {p: p.read_bytes() for p in (site / "assets" / "nnvideo" / "other").rglob("*") if p.is_file()} == theirs
    moved = publish_to_site(POST, site, media, date=dt.date(2026, 12, 2))
    assert sorted(p.name for p in (site / "_posts").iterdir()) == ["2026-11-30-other.md", f"2026-12-02-{SLUG}.md"]
    assert any("earlier copy" in w for w in moved.warnings)


def test_a_slug_owned_by_another_changed_post_is_refused(site: Path, media: Path, tmp_path: Path) -> None:
    publish_to_site(POST, site, media, date=DAY)
    (site / "_posts" / f"2026-12-01-{SLUG}.md").write_text("---\ntitle: edited by hand\n---\n")
    with pytest.raises(PublishError, match="owns the media folder"):
        publish_to_site(POST, site, media, date=dt.date(2026, 12, 5))


def test_a_folder_without_config_is_not_a_site(media: Path, tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="no _config.yml.*--init-site"):
        publish_to_site(POST, tmp_path, media)


def test_read_site_takes_baseurl_and_permalink(site: Path) -> None:
    (site / "_config.yml").write_text("baseurl: blog/\npermalink: pretty\n")
    assert (read_site(site).baseurl, read_site(site).permalink) == ("/blog", "pretty")


def test_cli_publishes_into_a_site_and_inits_one(media: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(main, ["post", "--site", str(tmp_path / "s"), "--init-site"])
    assert made.exit_code == 0, made.output
    assert (tmp_path / "s" / "_config.yml").is_file()
    done = runner.invoke(
        main, ["post", str(POST), "--site", str(tmp_path / "s"), "--media", str(media), "--date", "2026-12-01", "--replace"]
    )
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == str(tmp_path / "s" / "_posts" / f"2026-12-01-{SLUG}.md")
    assert "see it: nnvideo preview" in done.stderr
    both = runner.invoke(main, ["post", str(POST), "--site", "a", "--out", "b"])
    assert both.exit_code == 2 and "either --site" in both.output


def test_the_preview_server_answers_byte_ranges_under_the_baseurl(media: Path, tmp_path: Path) -> None:
    shutil.copy(media / "chapter1.mp4", tmp_path / "v.mp4")
    server, url = start_server(tmp_path, prefix="/blog")
    try:
        request = urllib.request.Request(url + "v.mp4", headers={"Range": "bytes=100-199"})
        with urllib.request.urlopen(request) as response:
            assert response.status == 206 and len(response.read()) == 100
            assert response.headers["Content-Range"].startswith("bytes 100-199/")
        with urllib.request.urlopen(url + "v.mp4") as response:
            assert response.headers["Accept-Ranges"] == "bytes"
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(url.replace("/blog/", "/") + "v.mp4")
    finally:
        server.shutdown()
        server.server_close()


def test_the_preview_server_is_quiet_when_the_browser_hangs_up(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "big.mp4").write_bytes(bytes(8 << 20))
    server, url = start_server(tmp_path)
    try:
        host, port = server.server_address[:2]
        with socket.create_connection((host, port)) as client:
            client.sendall(b"GET /big.mp4 HTTP/1.1\r\nHost: x\r\n\r\n")
            assert client.recv(64).startswith(b"HTTP/1.0 200")
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
        time.sleep(0.5)
        assert capfd.readouterr().err == ""
        try:
            raise ValueError("a real fault")
        except ValueError:
            server.handle_error(None, (host, port))
        assert "ValueError: a real fault" in capfd.readouterr().err
    finally:
        server.shutdown()
        server.server_close()


def test_preview_serves_a_site_with_jekyll_and_a_folder_itself(site: Path, tmp_path: Path) -> None:
    (site / "_config.yml").write_text('baseurl: "/blog"\n')
    command, _, prefix, url = preview_command(site, 4001)
    assert url == "http://127.0.0.1:4001/blog/" and prefix == "/blog"
    if shutil.which("jekyll"):
        assert command is not None and command[1] == "serve" and "127.0.0.1" in command
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("<p>hi</p>")
    assert preview_command(tmp_path / "out", 4002) == (None, tmp_path / "out", "", "http://127.0.0.1:4002/index.html")
