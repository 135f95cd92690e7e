#!/usr/bin/env python3
"""Render scenes at low quality and tile evenly spaced frames into one PNG per scene.

Usage::

    .venv/bin/python scripts/contact_sheet.py scenes.chapter1 IntroductionExample [Scene ...]
        [--frames 16] [--columns 4] [--quality l] [--out media/contact_sheets]

Writes ``media/contact_sheets/<module>/<Scene>.png``: ``--frames`` frames
sampled evenly over the scene's MP4 (PyAV), each labelled with its time,
tiled with Pillow. Look at them with an image viewer: overlapping text,
things off-frame and unreadable numbers are bugs.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import av
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent


def render(module: str, scene: str, quality: str, media_dir: Path) -> Path:
    """Render ``module.scene`` with manim into ``media_dir``; return the MP4's path."""
    source = ROOT / (module.replace(".", "/") + ".py")
    if not source.is_file():
        raise SystemExit(f"no module file {source} for {module!r}")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [str(Path(sys.executable).parent / "manim"), "render", f"-q{quality}", "--media_dir",
           str(media_dir), "--disable_caching", "--progress_bar", "none", str(source), scene]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"manim failed for {scene}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    found = sorted(media_dir.rglob(f"{scene}.mp4"))
    if not found:
        raise SystemExit(f"manim wrote no {scene}.mp4 under {media_dir}")
    return found[0]


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
    parser.add_argument("--quality", default="l", choices=["l", "m", "h"])
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
            fd, part = tempfile.mkstemp(dir=out_dir, suffix=".png.tmp")
            os.close(fd)
            sheet.save(part, format="PNG")
            os.replace(part, target)
            print(f"{target}  {duration:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
