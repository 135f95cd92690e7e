"""Publish a post with our chapters: into a Jekyll site, or into a folder for any other static site.

``publish_to_site(source, site, media_dir)`` (``nnvideo post --site``) writes::

    SITE/_posts/YYYY-MM-DD-<slug>.md      the post: every source byte kept, our videos and links added
    SITE/assets/nnvideo/<slug>/           its media: videos, posters, captions, chapter tracks, clips
    SITE/_nnvideo/<slug>.json             what was placed and linked, left alone and why (not published)

and every media URL in the post is ``{{ '/assets/nnvideo/<slug>/...' | relative_url }}``
(:mod:`nnvideo.publish.jekyll`). Publishing again replaces that post's media
folder (files no longer wanted are removed) and touches nothing else.

``publish_post(source, out_dir, media_dir)`` (``nnvideo post --out``) writes::

    out_dir/
      <source name>.md      the post, media paths relative to it (videos/...)
      index.html            a standalone preview of it (no Jekyll needed)
      publish-report.json
      videos/               the media, as laid out under media/<quality>/

Both take ``clips=False`` (leave the per-segment clips out: timeline links
then open the chapter video at the segment, ``#t=``) and ``media_url`` (the
media are served from there, nothing is copied). Each file goes through
:func:`nnmath.files.atomic_write`; a media file is copied only when it
differs from the copy already there, and a second run writes byte-identical
files. The source post is only ever read.
"""
from __future__ import annotations

import datetime as dt
import filecmp
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nnmath.files import atomic_write
from nnvideo.publish.frontmatter import front_matter_date
from nnvideo.publish.jekyll import (
    SiteError,
    absolute_media_url,
    init_site,
    liquid_media_url,
    post_date_and_slug,
    read_site,
)
from nnvideo.publish.post import Post, PostError, read_post
from nnvideo.publish.preview import preview_title, render_preview
from nnvideo.publish.weave import MARKER, VIDEO_DIR, MediaUrl, Woven, relative_media_url, weave
from nnvideo.render.rendered_media import Manifest, MediaError, load_manifest

__all__ = ["PublishError", "PublishResult", "REPORT_FILE", "PREVIEW_FILE", "media_files", "publish_post", "publish_to_site"]

REPORT_FILE = "publish-report.json"
PREVIEW_FILE = "index.html"


class PublishError(ValueError):
    """The post cannot be published as asked; the message says what to change."""


@dataclass(frozen=True)
class PublishResult:
    """What was written.

    Attributes
    ----------
    post, report : Path
        The published post and its report.
    preview : Path or None
        ``index.html`` (``--out`` only).
    media : Path or None
        The folder the media were copied to (None with ``media_url``).
    copied, unchanged, removed : tuple of str
        Media files (relative to ``media``) copied now, already up to date,
        and removed as no longer wanted (``--site`` only).
    chapters, links : int
        Chapter videos placed and timeline links added.
    warnings : tuple of str
        What was left alone and why, each with its line in the source.
    """

    post: Path
    preview: Path | None
    report: Path
    media: Path | None
    copied: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    chapters: int
    links: int
    warnings: tuple[str, ...]


def media_files(manifest: Manifest, clips: bool = True) -> list[str]:
    """The manifest's files a post needs: every file, or without the segment clips and their captions."""
    if clips:
        return list(dict.fromkeys(manifest.files()))
    return list(
        dict.fromkeys(f for c in manifest.chapters for f in (c.video, c.poster, c.captions, c.chapters_track))
    )


def _read(source: Path, media_dir: Path) -> tuple[Manifest, Post]:
    try:
        manifest = load_manifest(media_dir)
        post = read_post(source)
    except (MediaError, PostError) as error:
        raise PublishError(str(error)) from error
    if f'class="{MARKER}chapter"' in post.text or f'data-seek="{MARKER}' in post.text:
        raise PublishError(
            f"{source} already holds nnvideo's chapter videos or links: it is a published post. "
            "Publish from the original post instead."
        )
    return manifest, post


def _copy_if_changed(source: Path, target: Path) -> bool:
    """Copy ``source`` to ``target`` (atomically, keeping its mtime) unless they are equal already."""
    if target.is_file() and filecmp.cmp(source, target, shallow=True):
        return False
    with atomic_write(target) as temporary:
        shutil.copy2(source, temporary)
    return True


def _copy_media(manifest: Manifest, names: list[str], folder: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    copied: list[str] = []
    unchanged: list[str] = []
    for name in names:
        (copied if _copy_if_changed(manifest.root / name, folder / name) else unchanged).append(name)
    return tuple(copied), tuple(unchanged)


def _prune(folder: Path, keep: list[str]) -> tuple[str, ...]:
    """Remove the files under ``folder`` not in ``keep``, then the folders left empty."""
    if not folder.is_dir():
        return ()
    wanted = set(keep)
    removed = []
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name not in wanted:
            path.unlink()
            removed.append(name)
    for path in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(path.iterdir()):
            path.rmdir()
    return tuple(removed)


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as temporary:
        temporary.write_text(text, encoding="utf-8")


def _account(source: Path, parsed: Post, woven: Woven, replace: bool, files: list[str], **where: Any) -> str:
    account = {
        "source": source.name,
        "source_sha256": hashlib.sha256(parsed.text.encode("utf-8")).hexdigest(),
        **where,
        "mode": "replace" if replace else "insert",
        **woven.report,
        "files": files,
    }
    return json.dumps(account, indent=2, ensure_ascii=False) + "\n"


def publish_post(
    source: Path, out_dir: Path, media_dir: Path, *, replace: bool = False, clips: bool = True,
    media_url: str | None = None,
) -> PublishResult:  # fmt: skip
    """Publish ``source`` with the chapters rendered in ``media_dir`` into the folder ``out_dir``.

    Parameters
    ----------
    source : Path
        The post (Markdown with front matter); never modified.
    out_dir : Path
        Folder to write; created if missing. Files already there that this
        function does not write are left alone.
    media_dir : Path
        ``media/<quality>``, as written by ``nnvideo render``.
    replace : bool
        Put each chapter video in place of the original embed, not after it.
    clips : bool
        Copy and link the per-segment clips (the no-JavaScript fallback).
    media_url : str, optional
        Serve the media from this URL instead of copying them to ``videos/``.

    Raises
    ------
    PublishError
        If the media are missing or inconsistent (run ``nnvideo render``),
        the post is not UTF-8 text, it is already a published post, or the
        output would overwrite it. Nothing is written in that case.
    """
    manifest, post = _read(source, media_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"--out {out_dir} is a file; give a folder for the published post")
    target = out_dir / source.name
    if target.exists() and target.resolve() == source.resolve():
        raise PublishError(f"--out {out_dir} would overwrite the source post {source}; publish into another folder")
    url = _url_or_error(media_url) if media_url else relative_media_url
    woven = weave(post, manifest, replace=replace, url=url, clips=clips)
    names = media_files(manifest, clips)
    copied: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    if media_url is None:
        copied, unchanged = _copy_media(manifest, names, out_dir / VIDEO_DIR)
    _write_text(target, woven.text)
    preview = out_dir / PREVIEW_FILE
    _write_text(preview, render_preview(woven.body, preview_title(post, source), woven.script, source=target.name))
    report = out_dir / REPORT_FILE
    files = [f"{VIDEO_DIR}/{name}" for name in names] if media_url is None else []
    _write_text(report, _account(source, post, woven, replace, files, post=target.name, preview=PREVIEW_FILE))
    return PublishResult(
        post=target, preview=preview, report=report, media=None if media_url else out_dir / VIDEO_DIR,
        copied=copied, unchanged=unchanged, removed=(), chapters=len(woven.report["chapters"]),
        links=woven.report["links"], warnings=woven.warnings,
    )  # fmt: skip


def _url_or_error(media_url: str) -> MediaUrl:
    try:
        return absolute_media_url(media_url)
    except ValueError as error:
        raise PublishError(str(error)) from error


def _previous_post(record: Path, site_root: Path, target: Path) -> Path | None:
    """The post file an earlier publish wrote for this slug, if it is another file and still there.

    Raises PublishError if that file is a different post (so the media folder is not ours to replace).
    """
    if not record.is_file():
        return None
    try:
        earlier = json.loads(record.read_text(encoding="utf-8"))
        path = site_root / str(earlier["post"])
        digest = str(earlier.get("post_sha256", ""))
    except (ValueError, KeyError, TypeError):
        return None
    if path == target or not path.is_file():
        return None
    if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
        raise PublishError(
            f"{record.relative_to(site_root)} says {earlier['post']} owns the media folder of this slug, and that "
            "post was changed since: rename the source file (the slug is its name without the date), or delete "
            f"{earlier['post']} if it is an older copy of this post"
        )
    return path


def publish_to_site(
    source: Path, site_root: Path, media_dir: Path, *, replace: bool = False, clips: bool = True,
    media_url: str | None = None, date: dt.date | None = None, init: bool = False, today: dt.date | None = None,
) -> PublishResult:  # fmt: skip
    """Publish ``source`` into the Jekyll site at ``site_root`` (see the module notes for the layout).

    Parameters
    ----------
    source, media_dir, replace, clips, media_url
        As for :func:`publish_post`.
    site_root : Path
        The site's root folder (with ``_config.yml``).
    date : datetime.date, optional
        The post's date (``--date``); else the front matter's, the file name's, or today.
    init : bool
        Create the files of a minimal site that ``site_root`` lacks first (``--init-site``).

    Raises
    ------
    PublishError
        As for :func:`publish_post`, and when ``site_root`` is not a Jekyll site.
    """
    manifest, post = _read(source, media_dir)
    if init:
        site_root.mkdir(parents=True, exist_ok=True)
        init_site(site_root)
    try:
        site = read_site(site_root)
    except SiteError as error:
        raise PublishError(str(error)) from error
    post_date, slug = post_date_and_slug(source, post.front_matter, date, today or dt.date.today())
    target = site.post_path(post_date, slug)
    if target.exists() and target.resolve() == source.resolve():
        raise PublishError(f"{source} is the site's own post file; publish from a copy outside _posts/")
    record = site.record(slug)
    moved = _previous_post(record, site.root, target)
    url = _url_or_error(media_url) if media_url else liquid_media_url(slug)
    woven = weave(post, manifest, replace=replace, url=url, clips=clips)
    names = media_files(manifest, clips)
    folder = site.media_folder(slug)
    copied: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    if media_url is None:
        copied, unchanged = _copy_media(manifest, names, folder)
    removed = _prune(folder, names if media_url is None else [])
    text = woven.text
    _write_text(target, text)
    if moved is not None:
        moved.unlink()
    notes = list(woven.warnings)
    written_date = front_matter_date(post.front_matter)
    if date is not None and written_date is not None and written_date != date:
        notes.append(f"the front matter says date: {written_date}; Jekyll dates and places the post by it, not by --date")
    if moved is not None:
        notes.append(f"moved: the earlier copy {moved.relative_to(site.root).as_posix()} was removed")
    files = [f"{folder.relative_to(site.root).as_posix()}/{name}" for name in names] if media_url is None else []
    account = _account(
        source, post, woven, replace, files, post=target.relative_to(site.root).as_posix(),
        post_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), date=post_date.isoformat(), slug=slug,
    )  # fmt: skip
    _write_text(record, account)
    return PublishResult(
        post=target, preview=None, report=record, media=None if media_url else folder, copied=copied,
        unchanged=unchanged, removed=removed, chapters=len(woven.report["chapters"]),
        links=woven.report["links"], warnings=tuple(notes),
    )  # fmt: skip
