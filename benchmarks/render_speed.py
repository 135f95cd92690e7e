"""Render speed of the 784-16-16-10 forward pass: the project's toolkit against a naive build.

The reference picture is chapter 1's network with every shown edge drawn
(16 + 16 + 16 + 10 neurons, 672 edges, coloured and sized by the weights)
and a forward pass: the input fills, then for each layer a yellow flash runs
along its edges and the next layer fills (0.8 s per step, 5.6 s of video).

- ``toolkit``: ``scenes.common.NetworkDiagram.from_network(net)``, added
  with ``add_to`` (edges grouped by colour and width into a few paths, kept
  in manim's static background) and ``forward_pass`` (one numpy flash per
  layer).
- ``naive``: the same neurons, colours and widths, but one ``Line`` per edge,
  everything in one ``VGroup``, a ``ShowPassingFlash`` per edge and one
  ``.animate`` per neuron fill.
- ``toolkit+enc4``: the toolkit scene with manim's
  ``--max-inflight-encoders 4`` (encoding overlapped with drawing).

Each render runs in a fresh child process (``--child``) through manim's
``tempconfig``, as ``nnvideo render`` runs each scene in its own manim
process. The child times ``scene.render()`` (building the mobjects,
drawing, encoding; not importing manim) and reads the video's duration back
with ffprobe. The TeX cache is shared and warmed first, so LaTeX runs are
not timed. Variants are interleaved, ``--repeats`` times each; the table
gives the median render seconds per second of video and its ratio to the
naive build of the same run.

Usage::

    .venv/bin/python benchmarks/render_speed.py [--quality high] [--repeats 3]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's nnmath and scenes, however the venv was installed
LAYER_TIME = 0.8
VARIANTS = {
    "naive": ("NaiveForwardPass", None),
    "toolkit": ("ToolkitForwardPass", None),
    "toolkit+enc4": ("ToolkitForwardPass", 4),
}


# --------------------------------------------------------------------------- the scenes

def _network() -> tuple[Any, str]:
    """The trained network if it is shipped, else a seeded random one, and which it is."""
    from nnmath import Network, pretrained

    try:
        return pretrained("standard"), "pretrained standard"
    except Exception:  # weights not shipped yet: the picture's cost barely depends on them
        return Network.random([784, 16, 16, 10], seed=0), "Network.random(seed=0), no shipped weights"


def _network_and_trace() -> tuple[Any, Any]:
    """The network and test image 1 through it."""
    from nnmath import feedforward
    from scenes.common import data

    net, _ = _network()
    return net, feedforward(net, data.digit("test", 1))


def _scene_classes() -> dict[str, type]:
    from manim import AnimationGroup, Line, Scene, ShowPassingFlash, VGroup

    from nnmath import Trace
    from scenes.common.network_diagram import NetworkDiagram
    from scenes.common.palette import YELLOW, activation_opacity

    class ToolkitForwardPass(Scene):
        """The toolkit's diagram and forward pass."""

        def construct(self) -> None:
            net, trace = _network_and_trace()
            diagram = NetworkDiagram.from_network(net).add_to(self)
            self.play(diagram.forward_pass(trace, layer_time=LAYER_TIME))

    class NaiveForwardPass(Scene):
        """The same picture, one mobject per edge, one animation per edge and neuron."""

        def construct(self) -> None:
            net, trace = _network_and_trace()
            diagram = NetworkDiagram.from_network(net)
            lines_per_layer = []
            for bundle in diagram.edges:  # each grouped path's subpaths, one Line each
                lines = VGroup()
                for path in bundle.submobjects:
                    color, width = path.get_stroke_color(), path.get_stroke_width()
                    for start, end in zip(path.points[0::4], path.points[3::4]):
                        lines.add(Line(start, end, color=color, stroke_width=width))
                lines_per_layer.append(lines)
            picture = VGroup(*lines_per_layer, *diagram.layers, diagram.output_labels)
            self.add(picture)
            self.play(_naive_fill(diagram, trace, 0))
            for i, lines in enumerate(lines_per_layer):
                self.play(AnimationGroup(*[
                    ShowPassingFlash(line.copy().set_stroke(YELLOW, width=1.5 * max(line.stroke_width, 1.0)),
                                     time_width=0.4)
                    for line in lines
                ], run_time=LAYER_TIME))
                self.play(_naive_fill(diagram, trace, i + 1))

    def _naive_fill(diagram: Any, trace: Trace, l: int) -> AnimationGroup:
        values = trace.activations[l][diagram.shown[l]]
        return AnimationGroup(*[
            circle.animate.set_fill(opacity=float(opacity))
            for circle, opacity in zip(diagram.neurons(l), activation_opacity(values))
        ], run_time=LAYER_TIME)

    return {"ToolkitForwardPass": ToolkitForwardPass, "NaiveForwardPass": NaiveForwardPass}


# --------------------------------------------------------------------------- one render

def run_child(scene_name: str, quality: str, inflight: int | None, tex_dir: Path) -> dict[str, Any]:
    """Render one scene in this process; return its timing (called with ``--child``)."""
    from manim import tempconfig

    from nnvideo.render.probe import probe_video
    from nnvideo.render.settings import QUALITIES

    preset = QUALITIES[quality]
    scene_class = _scene_classes()[scene_name]
    with tempfile.TemporaryDirectory(prefix="render-speed-") as media_dir:
        options: dict[str, Any] = {
            "media_dir": media_dir, "tex_dir": str(tex_dir),
            "pixel_width": preset.width, "pixel_height": preset.height, "frame_rate": preset.fps,
            "disable_caching": True, "progress_bar": "none", "verbosity": "WARNING",
            "output_file": scene_name,
        }  # fmt: skip
        if inflight is not None:
            options["max_inflight_encoders"] = inflight
        with tempconfig(options):
            scene = scene_class()
            started = time.perf_counter()
            scene.render()
            seconds = time.perf_counter() - started
            movie = Path(scene.renderer.file_writer.movie_file_path)
        info = probe_video(movie)
    return {"render_seconds": seconds, "video_seconds": info.duration,
            "size": [info.width, info.height], "fps": info.fps}  # fmt: skip


def _spawn(scene_name: str, quality: str, inflight: int | None, tex_dir: Path) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", scene_name,
               "--quality", quality, "--tex-dir", str(tex_dir)]  # fmt: skip
    if inflight is not None:
        command += ["--inflight", str(inflight)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise SystemExit(f"render of {scene_name} failed:\n{result.stderr[-3000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


# --------------------------------------------------------------------------- the run

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quality", default="high", choices=["low", "medium", "high", "production"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--inflight", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--tex-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args.quality, args.inflight, args.tex_dir)))
        return
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    with tempfile.TemporaryDirectory(prefix="render-speed-tex-") as tex:
        tex_dir = Path(tex)
        for name in {VARIANTS[v][0] for v in args.variants}:  # warm the TeX cache, untimed
            _spawn(name, "low", None, tex_dir)
        runs: dict[str, list[dict[str, Any]]] = {v: [] for v in args.variants}
        for _ in range(args.repeats):
            for variant in args.variants:
                scene_name, inflight = VARIANTS[variant]
                runs[variant].append(_spawn(scene_name, args.quality, inflight, tex_dir))

    per_video_second = {
        v: statistics.median(r["render_seconds"] / r["video_seconds"] for r in rs) for v, rs in runs.items()
    }
    baseline = per_video_second.get("naive")
    first = next(iter(runs.values()))[0]
    print(f"# render speed, {first['size'][0]}x{first['size'][1]}@{first['fps']:g} ({args.quality}), "
          f"{first['video_seconds']:.2f} s of video, median of {args.repeats}")
    print(f"# machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f} at the end")
    print(f"# command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"# network: {_network()[1]}")
    print(f"{'variant':<14} {'render s / video s':>19} {'vs naive':>9}   runs (render s)")
    for variant, value in per_video_second.items():
        ratio = f"{baseline / value:8.2f}x" if baseline else "       -"
        seconds = ", ".join(f"{r['render_seconds']:.1f}" for r in runs[variant])
        print(f"{variant:<14} {value:19.2f} {ratio:>9}   {seconds}")


if __name__ == "__main__":
    main()
