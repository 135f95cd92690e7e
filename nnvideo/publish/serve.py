"""Serve a published post on 127.0.0.1 with byte ranges, so a browser can seek in its videos.

``python -m http.server`` answers every request with the whole file: Chromium
then reports a video as seekable over [0, 0] and a timeline link restarts it
at 0:00. :class:`RangeRequestHandler` answers ``Range: bytes=a-b`` with
``206 Partial Content``. A Jekyll site is served by ``jekyll serve`` (WEBrick
answers ranges) when Jekyll is installed, else its built ``_site`` by the
handler here, under the site's ``baseurl``.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from nnvideo.publish.jekyll import read_site

__all__ = ["RangeRequestHandler", "PreviewServer", "start_server", "preview_command", "run_jekyll", "PreviewError"]


class PreviewError(ValueError):
    """The folder cannot be previewed; the message says what to do."""


class RangeRequestHandler(SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` plus single byte ranges and a URL prefix (the ``baseurl``), quietly."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".vtt": "text/vtt", ".mp4": "video/mp4"}
    prefix = ""

    def translate_path(self, path: str) -> str:
        route = unquote(urlsplit(path).path)
        if self.prefix:
            if route != self.prefix and not route.startswith(self.prefix + "/"):
                return os.path.join(str(self.directory), "_nnvideo-outside-the-baseurl", "missing")  # a 404
            path = route[len(self.prefix) :] or "/"
        return super().translate_path(path)

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

    def end_headers(self) -> None:
        if not self.headers.get("Range"):
            self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server that stays quiet when the browser hangs up.

    A video element drops requests it no longer needs (a seek, a pause, a
    range it has), so a reader's browser resets connections all the time;
    ``socketserver`` would print a traceback for each. Other errors still print.
    """

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
            return
        super().handle_error(request, client_address)


def start_server(folder: Path, port: int = 0, prefix: str = "") -> tuple[PreviewServer, str]:
    """Serve ``folder`` under ``prefix`` on 127.0.0.1 in a daemon thread; return the server and its root URL.

    Stop it with ``server.shutdown(); server.server_close()``.
    """
    handler = type("Handler", (RangeRequestHandler,), {"prefix": prefix.rstrip("/")})
    server = PreviewServer(("127.0.0.1", port), partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}/"


def preview_command(folder: Path, port: int) -> tuple[list[str] | None, Path, str, str]:
    """How to preview ``folder``: ``(jekyll command or None, folder to serve, prefix, URL to open)``.

    A Jekyll site (``_config.yml``) runs ``jekyll serve`` when Jekyll is
    installed, else serves its built ``_site``; an ``--out`` folder is served
    as it is, at its ``index.html``.
    """
    if not folder.is_dir():
        raise PreviewError(f"{folder} is not a folder; give a Jekyll site or an `nnvideo post --out` folder")
    if not (folder / "_config.yml").is_file():
        page = "index.html" if (folder / "index.html").is_file() else ""
        return None, folder, "", f"http://127.0.0.1:{port}/{page}"
    site = read_site(folder)
    url = f"http://127.0.0.1:{port}{site.baseurl}/"
    jekyll = shutil.which("jekyll")
    if jekyll is not None:
        command = [
            jekyll, "serve", "--source", str(folder), "--destination", str(folder / "_site"),
            "--host", "127.0.0.1", "--port", str(port), "--no-watch",
        ]  # fmt: skip
        return command, folder / "_site", site.baseurl, url
    if not (folder / "_site").is_dir():
        raise PreviewError(
            f"{folder} is a Jekyll site and Jekyll is not installed: install it (apt-get install jekyll, "
            "or gem install jekyll) or build the site elsewhere into _site/"
        )
    return None, folder / "_site", site.baseurl, url


def run_jekyll(command: list[str]) -> None:
    """Become ``jekyll serve`` (exec: Ctrl-C and kill reach Jekyll itself, no child is left behind)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)
