#!/usr/bin/env python3
"""Render scenes at low quality and tile evenly spaced frames into one PNG per scene.

Usage::

    .venv/bin/python scripts/contact_sheet.py scenes.chapter1 IntroductionExample [Scene ...]
        [--frames 16] [--columns 4] [--quality low] [--out media/contact_sheets]

The module is a chapter package (or any module) from which the scenes can be
imported; each scene renders from the file that defines it, through nnvideo's
manim runner.

Writes ``media/contact_sheets/<module>/<Scene>.png``: ``--frames`` frames
sampled evenly over the scene's MP4 (PyAV), each labelled with its time,
tiled with Pillow. Look at them with an image viewer: overlapping text,
things off-frame and unreadable numbers are bugs.
"""
from __future__ import annotations

import argparse
import importlib
import inspect
import sys
import tempfile
from pathlib import Path

import av
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nnmath.files import atomic_write  # noqa: E402
from nnvideo.render.runner import run_manim  # noqa: E402
from nnvideo.render.settings import QUALITIES  # noqa: E402


def render(module: str, scene: str, quality: str, scratch: Path) -> Path:
    """Render scene ``scene`` of ``module`` with manim in ``scratch``; return the MP4's path."""
    imported = importlib.import_module(module)
    listed = {c.__name__: c for _, classes in getattr(imported, "SEGMENTS", ()) for c in classes}
    cls = getattr(imported, scene, None) or listed.get(scene)
    if not inspect.isclass(cls):
        raise SystemExit(f"{module} has no scene {scene!r}")
    source = Path(inspect.getfile(cls))
    scratch.mkdir(parents=True, exist_ok=True)
    run = run_manim(source, scene, QUALITIES[quality], scratch, ROOT)
    if run.video is None:
        raise SystemExit(f"manim failed for {scene}:\n{run.error(scene)}")
    return run.video


def sample_frames(video: Path, count: int) -> list[tuple[float, Image.Image]]:
    """``count`` frames at evenly spaced times (first and last included), with their times."""
    with av.open(str(video)) as container:
        frames = [(float(f.time), f.to_image()) for f in container.decode(video=0)]
    if not frames:
        raise SystemExit(f"{video} has no frames")
    picks = sorted({round(i * (len(frames) - 1) / max(count - 1, 1)) for i in range(count)})
    return [frames[i] for i in picks]


def tile(frames: list[tuple[float, Image.Image]], columns: int, title: str) -> Image.Image:
    """Frames in a grid, each with a time stamp, a title bar on top."""
    w, h = frames[0][1].size
    rows = -(-len(frames) // columns)
    pad, bar = 6, 24
    sheet = Image.new("RGB", (columns * (w + pad) + pad, rows * (h + pad) + pad + bar), "#333333")
    draw = ImageDraw.Draw(sheet)
    draw.text((pad, 5), title, fill="white")
    for i, (t, image) in enumerate(frames):
        x = pad + (i % columns) * (w + pad)
        y = bar + pad + (i // columns) * (h + pad)
        sheet.paste(image, (x, y))
        draw.rectangle([x, y, x + 52, y + 16], fill="#000000")
        draw.text((x + 3, y + 2), f"{t:6.2f}s", fill="yellow")
    return sheet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", help="dotted module, e.g. scenes.chapter1")
    parser.add_argument("scenes", nargs="+", help="scene class names")
    parser.add_argument("--frames", type=int, default=16)
    parser.add_argument("--columns", type=int, default=4)
    parser.add_argument("--quality", default="low", choices=list(QUALITIES))
    parser.add_argument("--out", type=Path, default=ROOT / "media" / "contact_sheets")
    args = parser.parse_args(argv)
    out_dir = args.out / args.module.rsplit(".", 1)[-1]
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="contact-") as tmp:
        for scene in args.scenes:
            video = render(args.module, scene, args.quality, Path(tmp) / scene)
            frames = sample_frames(video, args.frames)
            with av.open(str(video)) as container:
                duration = float(container.duration or 0) / 1e6
            sheet = tile(frames, args.columns, f"{args.module}.{scene}  ({duration:.1f} s)")
            target = out_dir / f"{scene}.png"
            with atomic_write(target) as part:
                sheet.save(part, format="PNG")
            print(f"{target}  {duration:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
