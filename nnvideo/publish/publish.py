"""Publish a post with our chapters: the output folder, written atomically and repeatably.

``publish_post(source, out_dir, media_dir)`` writes::

    out_dir/
      <source name>.md      the post: every source byte kept, our videos and links added
      index.html            a standalone preview of it (no Jekyll needed)
      publish-report.json   what was placed and linked, and what was left alone and why
      videos/               the manifest's videos, posters, VTTs and clips, as laid out
                            under media/<quality>/

Every path in the post is relative, so the folder can be copied into a site
as it is. Each file goes through a temporary name and :func:`os.replace`; a
media file is copied only when it differs from the copy already there, and
the text outputs depend on nothing but the inputs, so a second run writes
byte-identical files. The source post is only ever read.
"""
from __future__ import annotations

import filecmp
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from nnmath.files import atomic_write
from nnvideo.publish.post import PostError, read_post
from nnvideo.publish.preview import preview_title, render_preview
from nnvideo.render.rendered_media import Manifest, MediaError, load_manifest
from nnvideo.publish.weave import MARKER, VIDEO_DIR, weave

__all__ = ["PublishError", "PublishResult", "REPORT_FILE", "PREVIEW_FILE", "publish_post"]

REPORT_FILE = "publish-report.json"
PREVIEW_FILE = "index.html"


class PublishError(ValueError):
    """The post cannot be published as asked; the message says what to change."""


@dataclass(frozen=True)
class PublishResult:
    """What :func:`publish_post` wrote.

    Attributes
    ----------
    post, preview, report : Path
        The published post, ``index.html`` and ``publish-report.json``.
    copied, unchanged : tuple of str
        Media files (relative to ``videos/``) copied now, and those already
        up to date.
    chapters, links : int
        Chapter videos placed and timeline links added.
    warnings : tuple of str
        What was left alone and why, each with its line in the source.
    """

    post: Path
    preview: Path
    report: Path
    copied: tuple[str, ...]
    unchanged: tuple[str, ...]
    chapters: int
    links: int
    warnings: tuple[str, ...]


def _check_paths(source: Path, out_dir: Path) -> Path:
    """The published post's path; refuse to overwrite the source or write into a file."""
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"--out {out_dir} is a file; give a folder for the published post")
    target = out_dir / source.name
    if target.exists() and target.resolve() == source.resolve():
        raise PublishError(
            f"--out {out_dir} would overwrite the source post {source}; publish into another folder"
        )
    return target


def _copy_if_changed(source: Path, target: Path) -> bool:
    """Copy ``source`` to ``target`` (atomically, keeping its mtime) unless they are equal already.

    Returns
    -------
    bool
        True if the file was copied.
    """
    if target.is_file() and filecmp.cmp(source, target, shallow=True):
        return False
    with atomic_write(target) as temporary:
        shutil.copy2(source, temporary)
    return True


def _copy_media(manifest: Manifest, videos: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    copied: list[str] = []
    unchanged: list[str] = []
    for name in dict.fromkeys(manifest.files()):
        (copied if _copy_if_changed(manifest.root / name, videos / name) else unchanged).append(name)
    return tuple(copied), tuple(unchanged)


def publish_post(source: Path, out_dir: Path, media_dir: Path, *, replace: bool = False) -> PublishResult:
    """Publish ``source`` with the chapters rendered in ``media_dir`` into ``out_dir``.

    Parameters
    ----------
    source : Path
        The Jekyll post (Markdown with front matter); never modified.
    out_dir : Path
        Folder to write; created if missing. Files already there that this
        function does not write are left alone.
    media_dir : Path
        ``media/<quality>``, as written by ``nnvideo render``.
    replace : bool
        Put each chapter video in place of the original embed, not after it.

    Returns
    -------
    PublishResult

    Raises
    ------
    PublishError
        If the media are missing or inconsistent (run ``nnvideo render``),
        the post is not UTF-8 text, it is already a published post, or the
        output would overwrite it. Nothing is written in that case.
    """
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
    target = _check_paths(source, out_dir)
    woven = weave(post, manifest, replace=replace)

    copied, unchanged = _copy_media(manifest, out_dir / VIDEO_DIR)
    with atomic_write(target) as temp:
        temp.write_text(woven.text, encoding="utf-8")
    preview = out_dir / PREVIEW_FILE
    with atomic_write(preview) as temp:
        page = render_preview(woven.body, preview_title(post, source), woven.script, source=target.name)
        temp.write_text(page, encoding="utf-8")
    report = out_dir / REPORT_FILE
    account = {
        "source": source.name,
        "source_sha256": hashlib.sha256(post.text.encode("utf-8")).hexdigest(),
        "post": target.name,
        "preview": PREVIEW_FILE,
        "mode": "replace" if replace else "insert",
        **woven.report,
        "files": [f"{VIDEO_DIR}/{name}" for name in dict.fromkeys(manifest.files())],
    }
    with atomic_write(report) as temp:
        temp.write_text(json.dumps(account, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return PublishResult(
        post=target,
        preview=preview,
        report=report,
        copied=copied,
        unchanged=unchanged,
        chapters=len(woven.report["chapters"]),
        links=woven.report["links"],
        warnings=woven.warnings,
    )
