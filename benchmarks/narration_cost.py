"""What narration costs on top of a render: speaking every line cold, and mastering each chapter's track.

Reads what a narrated ``nnvideo render`` left in ``MEDIA/QUALITY/`` (the render
report and each scene's MP4 and speech log) and measures, on this machine:

- ``speak``: Piper speaking every distinct line of the render into an empty
  speech cache (what a first ``make video`` pays once; later renders find the
  lines cached), in a fresh child process so loading the voice is counted.
  CPU seconds include ONNX Runtime's threads.
- ``master``: per chapter, laying its lines on one track, mastering it to
  -16 LUFS under the true-peak ceiling (with the AAC check) and muxing it under
  a stream copy of the chapter's video, as the assembly does.

Both are given as ratios to the seconds of speech they handle (the baseline
measured in the same run), and beside the render's own render and CPU seconds
from its report, so the share narration adds to a whole render can be read
off. ``--repeats`` runs the speaking that many times (fresh cache each time)
and reports medians: the machine is shared and noisy.

Usage::

    .venv/bin/python benchmarks/narration_cost.py [--media media] [--quality medium] [--repeats 3]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's nnvideo and scenes, however the venv was installed


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _lines(render_dir: Path, report: dict[str, Any]) -> list[str]:
    """Every distinct spoken text of the render's scenes, in playing order."""
    seen: dict[str, None] = {}
    for scene in report["scenes"]:
        log = render_dir / "scenes" / f"chapter{scene['chapter']}" / f"{scene['scene']}.speech.json"
        if log.is_file():
            for line in json.loads(log.read_text(encoding="utf-8"))["lines"]:
                seen.setdefault(line["say"], None)
    return list(seen)


def speak_child(lines_file: Path, voice: str) -> None:
    """Child: speak every line of ``lines_file`` (JSON list) into the empty ``$NNVIDEO_CACHE``."""
    from scenes.common.voice import synthesize

    texts = json.loads(lines_file.read_text(encoding="utf-8"))
    started = time.perf_counter()
    seconds = sum(synthesize(text, voice).duration for text in texts)
    print(json.dumps({"wall": time.perf_counter() - started, "speech_seconds": seconds}))


def _speak_once(texts: list[str], voice: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="narration-cost-") as folder:
        lines_file = Path(folder) / "lines.json"
        lines_file.write_text(json.dumps(texts), encoding="utf-8")
        env = dict(os.environ, NNVIDEO_CACHE=str(Path(folder) / "cache"))
        cpu_before, wall_before = _children_cpu(), time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", str(lines_file), "--voice", voice],
            capture_output=True, text=True, env=env, cwd=ROOT, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise SystemExit(f"speaking failed:\n{done.stderr[-2000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["process_wall"] = time.perf_counter() - wall_before
        result["cpu"] = _children_cpu() - cpu_before
        return result


def _master_chapter(render_dir: Path, report: dict[str, Any], chapter: int) -> dict[str, float] | None:
    """Time building, mastering and muxing one chapter's track, on a copy of its video."""
    from nnvideo.render.audio import add_narration, narration

    scenes = [
        (render_dir / "scenes" / f"chapter{chapter}" / f"{s['scene']}.mp4", float(s["video_seconds"]))
        for s in report["scenes"] if s["chapter"] == chapter
    ]
    video = render_dir / f"chapter{chapter}.mp4"
    if not video.is_file() or not all(path.is_file() for path, _ in scenes):
        return None
    with tempfile.TemporaryDirectory(prefix="narration-master-") as folder:
        copy = Path(folder) / video.name
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(video), "-map", "0:v", "-c", "copy", str(copy)],
                       check=True)
        cpu_before = time.process_time() + _children_cpu()
        wall_before = time.perf_counter()
        track = narration(scenes, Path(folder), f"chapter{chapter}")
        if track is None:
            return None
        loudness = add_narration(copy, track)
        return {
            "chapter": chapter,
            "wall": time.perf_counter() - wall_before,
            "cpu": time.process_time() + _children_cpu() - cpu_before,
            "speech_seconds": sum(line.duration for line in track.lines),
            "film_seconds": sum(duration for _, duration in scenes),
            "lufs": loudness.integrated,
            "true_peak": loudness.true_peak,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--media", type=Path, default=ROOT / "media")
    parser.add_argument("--quality", default="medium")
    parser.add_argument("--voice", default="joe")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        speak_child(args.child, args.voice)
        return
    render_dir = args.media / args.quality
    report_path = render_dir / "render-report.json"
    if not report_path.is_file():
        raise SystemExit(f"{report_path} is missing: run `nnvideo render --quality {args.quality}` first")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    texts = _lines(render_dir, report)
    if not texts:
        raise SystemExit(f"{render_dir} has no speech logs: render it with the voice on (--voice joe)")

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}, "
          f"load {os.getloadavg()[0]:.1f}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"render report: {report_path} (command: {' '.join(report['command'])})")
    print(f"lines: {len(texts)} distinct, {sum(len(t.split()) for t in texts)} words")

    runs = [_speak_once(texts, args.voice) for _ in range(args.repeats)]
    speech = runs[0]["speech_seconds"]
    cpu = statistics.median(run["cpu"] for run in runs)
    wall = statistics.median(run["process_wall"] for run in runs)
    print(f"\nspeak (cold cache, median of {len(runs)}): {speech:.0f} s of speech in {wall:.0f} s wall, "
          f"{cpu:.0f} CPU-s = {cpu / speech:.3f} CPU-s per second of speech")

    chapters = sorted({s["chapter"] for s in report["scenes"]})
    mastered = [m for m in (_master_chapter(render_dir, report, n) for n in chapters) if m is not None]
    print("\nmaster + mux, per chapter:")
    for m in mastered:
        print(f"  chapter {m['chapter']}: {m['film_seconds']:.0f} s of film, {m['speech_seconds']:.0f} s of speech: "
              f"{m['wall']:.1f} s wall, {m['cpu']:.1f} CPU-s ({m['cpu'] / m['film_seconds'] * 60:.1f} CPU-s per "
              f"minute of film); {m['lufs']:.1f} LUFS, {m['true_peak']:.1f} dBTP")
    master_cpu = sum(m["cpu"] for m in mastered)
    render_cpu = float(report["cpu_seconds_total"])
    print(f"\nthe render itself: {render_cpu:.0f} CPU-s of scenes, {report['wall_seconds']:.0f} s wall "
          f"({report['scenes_rendered']} rendered, {report['scenes_cached']} cached)")
    print(f"narration's own work: speaking {cpu:.0f} CPU-s (first render only) + mastering {master_cpu:.0f} CPU-s "
          f"= {(cpu + master_cpu) / render_cpu:.1%} of the scenes' CPU-s")


if __name__ == "__main__":
    main()
