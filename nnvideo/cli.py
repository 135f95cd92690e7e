"""``nnvideo``: the thin command line over the pipeline's domain modules.

Each subcommand turns its flags into arguments for one module and reports what
it returns; the work lives in :mod:`nnvideo.render` (``render``),
:mod:`nnvideo.publish` (``post``) and :mod:`nnvideo.digit` (``digit``).

``pip install .`` brings nnmath and numpy only; the video tool chain is the
``video`` extra. Without it this module says which command installs it and
exits with status 2, before anything else is imported.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

VIDEO_EXTRA_MODULES = ("click", "manim", "av", "PIL", "markdown_it", "yaml")
"""Modules of the ``video`` extra that nnvideo imports (pyproject's ``[project.optional-dependencies]``)."""
INSTALL_VIDEO = "pip install '.[video]'"


def missing_video_modules() -> list[str]:
    """The modules of :data:`VIDEO_EXTRA_MODULES` that cannot be imported here."""
    missing = []
    for name in VIDEO_EXTRA_MODULES:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    return missing


if missing_video_modules():
    sys.stderr.write(
        f"nnvideo needs the video tool chain, which is not installed here (missing: "
        f"{', '.join(missing_video_modules())}).\nInstall it from the repository root with:\n"
        f"    {INSTALL_VIDEO}\n(nnmath alone needs only numpy: `import nnmath` works without it.)\n"
    )
    raise SystemExit(2)

import click  # noqa: E402  (after the check above, so a missing extra gives a message, not a traceback)

from nnvideo.render.settings import QUALITIES  # noqa: E402
from scenes.common.voice import VOICES  # noqa: E402

VOICE_HELP = "Narrator: joe (Piper's offline voice) or none (silent, captions at reading pace)."


@click.group()
@click.version_option(package_name="nnvideo")
def main() -> None:
    """Render 3Blue1Brown's neural-network series from a real MNIST network."""


@main.command("render")
@click.option(
    "--chapter", "chapters", type=click.IntRange(1, 4), multiple=True,
    help="Chapter to render (repeatable). Default: every scenes.chapterN module that exists.",
)  # fmt: skip
@click.option(
    "--quality", type=click.Choice(["low", "medium", "high", "production"]), default="medium",
    show_default=True, help="low 854x480@15, medium 1280x720@30, high 1920x1080@60, production 2560x1440@60.",
)  # fmt: skip
@click.option(
    "--jobs", type=click.IntRange(min=1), default=None,
    help="Scenes rendered at once, each in its own manim process. Default: the CPU count.",
)  # fmt: skip
@click.option(
    "--media-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("media"),
    show_default=True, help="Output root; files go to MEDIA_DIR/QUALITY/.",
)  # fmt: skip
@click.option(
    "--max-inflight-encoders", type=click.IntRange(min=1), default=None,
    help="Passed to manim: overlap video encoding with drawing (default: manim's, 1).",
)  # fmt: skip
@click.option(
    "--module-pattern", default="scenes.chapter{number}", show_default=True,
    help="Dotted module name of chapter N, with {number} for N.",
)  # fmt: skip
@click.option(
    "--shared-package", "shared_packages", multiple=True, hidden=True,
    help="Package whose source enters every scene's cache key (default: scenes.common, nnmath).",
)  # fmt: skip
@click.option("--voice", type=click.Choice(VOICES), default="joe", show_default=True, help=VOICE_HELP)
@click.option(
    "--scheduler", metavar="ADDRESS", default=None,
    help="Render each scene as a task on the Dask cluster of this scheduler (tcp://HOST:8786); "
    "its workers need the project installed. Keys, cache and assembly stay on this machine.",
)  # fmt: skip
def render_command(
    chapters: tuple[int, ...],
    quality: str,
    jobs: int | None,
    media_dir: Path,
    max_inflight_encoders: int | None,
    module_pattern: str,
    shared_packages: tuple[str, ...],
    voice: str,
    scheduler: str | None,
) -> None:
    """Render the chapters' scenes (cached, in parallel) and join them into videos.

    Writes MEDIA_DIR/QUALITY/: chapterN.mp4, .vtt captions, .chapters.vtt,
    .jpg poster, per-segment clips, manifest.json and render-report.json.
    Progress goes to stderr; the exit code is non-zero if any scene failed.
    """
    import signal
    import sys

    from nnvideo.render.chapters import ChapterError
    from nnvideo.render.cluster import ClusterError
    from nnvideo.render.progress import format_duration, format_progress
    from nnvideo.render.run import render_chapters
    from nnvideo.render.settings import DEFAULT_SHARED_PACKAGES, RenderSettings, default_jobs

    # A terminated run unwinds like Ctrl-C, so its manim processes are stopped too.
    previous_handler = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        settings = RenderSettings(
            quality=quality, jobs=jobs or default_jobs(), media_root=media_dir,
            module_pattern=module_pattern, max_inflight_encoders=max_inflight_encoders,
            shared_packages=shared_packages or DEFAULT_SHARED_PACKAGES, voice=voice,
        )  # fmt: skip
        summary = render_chapters(
            settings, chapters, on_progress=lambda p: click.echo(format_progress(p), err=True),
            scheduler=scheduler,
        )
    except (ChapterError, ClusterError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
    for note in summary.notes:
        click.echo(f"note: {note}", err=True)
    for failure in summary.failures:
        click.echo(f"error: {failure}", err=True)
    rendered = sum(r.status == "rendered" for r in summary.scenes)
    cached = sum(r.status == "cached" for r in summary.scenes)
    click.echo(
        f"{rendered} scenes rendered, {cached} cached, {len(summary.failures)} failures "
        f"in {format_duration(summary.wall_seconds)}; chapters assembled: "
        f"{', '.join(map(str, summary.assembled)) or 'none'}; report: {summary.report}",
        err=True,
    )
    if summary.manifest is not None:
        click.echo(str(summary.manifest))
    if not summary.ok:
        raise SystemExit(1)


@main.command("post")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option(
    "--site", "site", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="A Jekyll site's root: the post goes to SITE/_posts/, its media to SITE/assets/nnvideo/<slug>/.",
)  # fmt: skip
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="For other static sites: a folder with the post, index.html, publish-report.json and videos/.",
)  # fmt: skip
@click.option(
    "--media", "media_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("media/medium"),
    show_default=True, help="What `nnvideo render` wrote: media/<quality> with manifest.json.",
)  # fmt: skip
@click.option(
    "--replace", is_flag=True,
    help="Put each chapter video in place of the original embed (only our videos show; the choice for most blogs).",
)  # fmt: skip
@click.option("--no-clips", "no_clips", is_flag=True, help="Leave the per-segment clips out (about half the size).")
@click.option("--media-url", default=None, help="Serve the media from this URL (a CDN, a release page); nothing is copied.")
@click.option("--date", "date", type=click.DateTime(["%Y-%m-%d"]), default=None, help="The post's date (--site).")
@click.option("--init-site", is_flag=True, help="With --site: create a minimal Jekyll site there first (keeps existing files).")
def post_command(
    source: Path | None, site: Path | None, out_dir: Path | None, media_dir: Path, replace: bool,
    no_clips: bool, media_url: str | None, date: Any, init_site: bool,
) -> None:  # fmt: skip
    """Publish SOURCE (a Jekyll post) with our rendered chapters, into a Jekyll --site or an --out folder.

    Each chapter's video goes right after the post's embed of the original
    (found by its YouTube id; with --replace, in its place); each timeline
    entry ("- 0:00 - Title") whose title matches a segment gets a link that
    plays that segment in it. The source is never modified. What is left
    alone is listed on stderr and in the report; the published post's path
    goes to stdout. `nnvideo post --site SITE --init-site` alone makes a
    minimal site.
    """
    from nnvideo.publish.jekyll import init_site as make_site
    from nnvideo.publish.publish import PublishError, publish_post, publish_to_site

    if (site is None) == (out_dir is None):
        raise click.UsageError("give either --site SITE (a Jekyll site) or --out DIR (any other static site)")
    if source is None:
        if site is None or not init_site:
            raise click.UsageError("missing SOURCE (the post to publish)")
        site.mkdir(parents=True, exist_ok=True)
        for path in make_site(site):
            click.echo(f"wrote {path}", err=True)
        return
    try:
        if site is not None:
            result = publish_to_site(
                source, site, media_dir, replace=replace, clips=not no_clips, media_url=media_url,
                date=date.date() if date else None, init=init_site,
            )  # fmt: skip
        else:
            result = publish_post(source, out_dir, media_dir, replace=replace, clips=not no_clips, media_url=media_url)  # type: ignore[arg-type]
    except PublishError as error:
        raise click.ClickException(str(error)) from error
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    where = f"preview: {result.preview}" if result.preview else f"see it: nnvideo preview {site}"
    click.echo(
        f"{result.chapters} chapter videos placed, {result.links} timeline links, {len(result.warnings)} "
        f"warnings; media: {len(result.copied)} copied, {len(result.unchanged)} already up to date"
        f"{f', {len(result.removed)} removed' if result.removed else ''}; {where}; report: {result.report}",
        err=True,
    )
    click.echo(str(result.post))


@main.command("preview")
@click.argument("folder", type=click.Path(path_type=Path), default=Path("media/blog"))
@click.option("--port", type=click.IntRange(0, 65535), default=4000, show_default=True)
def preview_command(folder: Path, port: int) -> None:
    """Serve FOLDER (a Jekyll site or an `nnvideo post --out` folder) on 127.0.0.1 and print its URL.

    Unlike `python -m http.server`, it answers byte-range requests, so the
    timeline links can seek. A Jekyll site is served by `jekyll serve` when
    Jekyll is installed. Stop with Ctrl-C.
    """
    import time

    from nnvideo.publish.serve import PreviewError, preview_command as how, run_jekyll, start_server

    try:
        command, served, prefix, url = how(folder, port)
    except (PreviewError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(url)
    if command is not None:
        click.echo(f"serving with: {' '.join(command)}", err=True)
        run_jekyll(command)
    server, _ = start_server(served, port, prefix)
    click.echo(f"serving {served} with byte ranges; Ctrl-C stops", err=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


@main.command("stillness")
@click.argument(
    "films", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path),
)  # fmt: skip
@click.option(
    "--media", "media_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("media/medium"),
    show_default=True, help="A render folder: its chapterN.mp4 files are measured when no FILMS are given.",
)  # fmt: skip
def stillness_command(films: tuple[Path, ...], media_dir: Path) -> None:
    """Report how much of each film stands still (ffmpeg freezedetect n=0.0003, d=4 s).

    One line per film: running time, still share, longest still, and whether it
    keeps the house rule (at most 25 % still, no still over 8 s). Exits 1 when a
    film breaks the rule.
    """
    from nnvideo.render.stillness import MAX_STILL_SECONDS, MAX_STILL_SHARE, stillness

    paths = list(films) or sorted(media_dir.glob("chapter*.mp4"))
    if not paths:
        raise click.ClickException(f"no films given and no chapter*.mp4 in {media_dir}; render first (nnvideo render)")
    failed = 0
    for path in paths:
        try:
            s = stillness(path)
        except (FileNotFoundError, RuntimeError) as error:
            raise click.ClickException(str(error)) from error
        verdict = "ok" if s.passes else "TOO STILL"
        failed += not s.passes
        click.echo(
            f"{path.name}: {s.duration:7.1f} s, still {100 * s.share:5.1f} % in {len(s.stills)} stills, "
            f"longest {s.longest:5.1f} s  [{verdict}]"
        )
    click.echo(f"rule: still share <= {100 * MAX_STILL_SHARE:.0f} %, longest still <= {MAX_STILL_SECONDS:.0f} s")
    if failed:
        raise SystemExit(1)


@main.command("digit")
@click.argument("image", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--label", type=click.IntRange(0, 9), default=None,
              help="The digit you drew: adds its cost and the chain rule of its largest gradient entry.")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="The MP4 to write (poster .jpg and captions .vtt go beside it). Default: media/digit/IMAGE-NAME.mp4.",
)  # fmt: skip
@click.option(
    "--quality", type=click.Choice(list(QUALITIES)), default="medium", show_default=True,
    help="As for `nnvideo render`: low 854x480@15, medium 1280x720@30, high 1920x1080@60, production 2560x1440@60.",
)  # fmt: skip
@click.option("--quick", is_flag=True, help="A short preview without reading pauses (for a quick look; not for sharing).")
@click.option("--voice", type=click.Choice(VOICES), default="joe", show_default=True, help=VOICE_HELP)
def digit_command(image: Path, label: int | None, out: Path | None, quality: str, quick: bool, voice: str) -> None:
    """Make a clip of the network reading IMAGE, a photo or scan of one handwritten digit.

    The picture (PNG or JPEG, any size, dark on light or light on dark) is
    prepared the way MNIST's digits were made and fed to the trained
    784-16-16-10 network. The clip shows the preparation, every layer
    lighting up, the ten outputs, the answer and how sure it is, and the
    hidden neurons that fired most with their weights. The clip's path goes
    to stdout, what the network said to stderr.
    """
    import signal
    import sys

    from scenes.common.data import network
    from nnvideo.digit import DigitInputError, DigitRenderError, default_output, render_digit_clip

    previous_handler = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        clip = render_digit_clip(
            image, network(), out or default_output(image), quality=quality, label=label, quick=quick,
            voice=voice,
        )
    except (DigitInputError, DigitRenderError, FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
    answer = f"the network reads {clip.prediction} (output {clip.outputs[clip.prediction]:.2f})"
    if clip.label is not None:
        answer += f"; you said {clip.label}: {'right' if clip.prediction == clip.label else 'wrong'}, cost C0 = {clip.cost:.4f}"
    click.echo(
        f"{answer}; {clip.duration:.1f} s clip rendered in {clip.render_seconds:.1f} s; "
        f"poster {clip.poster}, captions {clip.captions}",
        err=True,
    )
    click.echo(str(clip.video))


if __name__ == "__main__":
    main()
