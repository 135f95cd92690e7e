"""Chapter 3: every scene dry-runs inside the frame, the segments are the post's, and every
number on screen (read back from the mobjects) equals nnmath's for the same inputs.

Expected values are computed here from nnmath directly (feedforward, backprop,
nudges) and the chapter's measures (descent_path, cost_grid), not through the
scenes' data helpers. Scenes are read through ``scene.shown`` (by name), each
rendered once per session.
"""
from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from manim import DecimalNumber, ThreeDScene

import nnmath as nm
from scenes import chapter3 as ch3
from scenes.chapter3 import data as d
from scenes.chapter3.descent import CarefulHikerAndDrunkMan, ShuffledIntoMiniBatches
from scenes.chapter3.final_words import BackpropCodeRuns, FourIdeas
from scenes.chapter3.recap import CostFallsWithEachStep, TwoWeightsTwoSensitivities
from scenes.chapter3.walkthrough import (
    ExamplesAverageIntoTheGradient, ThreeWaysToRaiseTheTwo, UntrainedNetworkReadsATwo, WishesAddUpBackwards,
)
from scenes.common.descent import descent_path, principal_plane, shuffled_batches
from scenes.chapter3.mobjects import MIN_ARROW, CostMap, WishArrows, cost_bands
from scenes.chapter3.pacing import below_band
from scenes.common import data
from scenes.common.layout import CAPTION_BAND_TOP
from scenes.common.text import is_in_frame
from scenes.common.valued_tex import ValuedTex
from nnvideo.publish.post import read_post

ROOT = Path(__file__).resolve().parents[3]
POST = ROOT / "post" / "neural-networks-post.md"
ALL_SCENES = [cls for _, classes in ch3.SEGMENTS for cls in classes]
_rendered: dict[str, object] = {}

pytestmark = pytest.mark.mnist


def render(cls, dry_run):
    """Dry-run ``cls`` once per test session (animations skipped to their end states) and return
    the scene; ``scene.band_hits`` lists what reached into the caption band after any play."""
    if cls.__name__ not in _rendered:
        with dry_run():
            scene = cls(skip_animations=True)
            scene.band_hits = []
            play = scene.play

            def checked_play(*args, **kwargs):
                play(*args, **kwargs)
                scene.band_hits.extend(_band_hits(scene))

            scene.play = checked_play
            scene.render()
        _rendered[cls.__name__] = scene
    return _rendered[cls.__name__]


def close(shown, expected, rel=1e-12, abs_=1e-14):
    np.testing.assert_allclose(np.asarray(shown, dtype=float), np.asarray(expected, dtype=float),
                               rtol=rel, atol=abs_)


def values(formulas) -> list[float]:
    """The numbers a list of ValuedTex / DecimalNumber mobjects hold, in order."""
    return [v for f in formulas for v in (f.values if isinstance(f, ValuedTex) else [f.get_value()])]


# ----------------------------------------------------------------------------- declarations


def test_segments_are_the_posts_titles_in_order():
    post = read_post(POST)
    embed = next(i for i, e in enumerate(post.embeds) if e.youtube_id == ch3.YOUTUBE_ID)
    titles = [e.title.strip() for e in post.entries if e.embed == embed]
    assert titles == ["Introduction", "Recap", "Intuitive walkthrough example", "Stochastic gradient descent",
                      "Final words"]
    assert [title for title, _ in ch3.SEGMENTS] == titles
    assert f"## {ch3.TITLE} |" in post.text


def test_every_scene_is_defined_in_a_beat_module_of_the_chapter_and_listed_once():
    assert all(cls.__module__.rsplit(".", 1)[0] == ch3.__name__ for cls in ALL_SCENES)
    assert len({cls.__name__ for cls in ALL_SCENES}) == len(ALL_SCENES)


# ----------------------------------------------------------------------------- the inputs, from nnmath


@pytest.fixture(scope="module")
def two():
    """The first training 2 and the untrained network, found by the rule the chapter states."""
    s = data.split("train")
    index = int(np.flatnonzero(s.labels == 2)[0])
    x = s.images[index]
    sizes = list(data.MNIST_SIZES)
    seed = next(k for k in range(100) if nm.feedforward(nm.Network.random(sizes, seed=k), x).output[2] < 0.5)
    return nm.Network.random(sizes, seed=seed), x, index, seed


def test_the_untrained_network_is_the_first_seed_that_leaves_the_2_dim(two):
    net, x, index, seed = two
    assert (d.untrained_seed(), d.two_index()) == (seed, index)
    close(d.untrained().flat(), net.flat(), rel=0, abs_=0)
    assert nm.feedforward(net, x).output[2] < 0.5


@pytest.fixture(scope="module")
def paths(two):
    """Both descent paths recomputed with nnmath, with their plane."""
    net = two[0]
    s = data.split("train")
    x, y = s.images[:d.PATH_IMAGES], s.labels[:d.PATH_IMAGES]
    full = descent_path(net, x, y, d.PATH_STEPS, d.ETA)
    mini = descent_path(net, x, y, d.PATH_STEPS, d.ETA, batch_size=d.BATCH_SIZE, seed=d.SHUFFLE_SEED)
    return full, mini, principal_plane([full, mini])


# ----------------------------------------------------------------------------- every scene


@pytest.mark.slow
@pytest.mark.parametrize("cls", ALL_SCENES, ids=lambda c: c.__name__)
def test_scene_renders_with_captions_inside_the_frame(cls, dry_run):
    scene = render(cls, dry_run)
    assert scene.renderer.time > 15
    assert scene.renderer.file_writer.subcaptions, "every scene carries captions"
    for mob in scene.mobjects:
        assert is_in_frame(mob, margin=0.05), f"{cls.__name__}: {type(mob).__name__} leaves the frame"
    assert scene.band_hits == [], f"{cls.__name__}: in the caption band (bottom 15 %) after a play"
    assert _band_hits(scene) == [], f"{cls.__name__}: in the caption band at the end"
    texts = [m for m in scene.get_mobject_family_members() if isinstance(m, (ValuedTex, DecimalNumber))]
    for a, b in itertools.combinations(texts, 2):
        assert not _boxes_overlap(a, b), f"{cls.__name__}: {_text(a)!r} overlaps {_text(b)!r}"


def _band_hits(scene) -> list[str]:
    """What reaches into the caption band now; in a ThreeDScene, the flat (fixed-in-frame) mobjects
    and the cost surface's projection for the camera as it is."""
    flat = scene.mobjects
    hits = []
    if isinstance(scene, ThreeDScene):
        camera = scene.renderer.camera
        flat = [m for m in camera.fixed_in_frame_mobjects if m in scene.get_mobject_family_members()]
        surface = getattr(scene, "surface", None)
        if surface is not None:
            low, _ = surface.screen_box({"phi": camera.get_phi(), "theta": camera.get_theta()})
            if low[1] < CAPTION_BAND_TOP:
                hits.append(f"the cost surface at {low[1]:.2f}")
    return hits + [f"{type(m).__name__} at {m.get_bottom()[1]:.2f}" for m in below_band(flat)]


def _text(mob) -> str:
    return mob.get_tex_string() if isinstance(mob, ValuedTex) else f"{mob.get_value():.3f}"


def _boxes_overlap(a, b) -> bool:
    (ax0, ay0, _), (ax1, ay1, _) = a.get_corner([-1, -1, 0]), a.get_corner([1, 1, 0])
    (bx0, by0, _), (bx1, by1, _) = b.get_corner([-1, -1, 0]), b.get_corner([1, 1, 0])
    return ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1


@pytest.mark.slow
def test_chapter_runs_at_least_three_minutes(dry_run):
    total = sum(render(cls, dry_run).renderer.time for cls in ALL_SCENES)
    assert total >= 180


# ----------------------------------------------------------------------------- recap


@pytest.mark.slow
def test_recap_cost_falls_by_real_steps(two, paths, dry_run):
    net = two[0]
    full = paths[0]
    scene = render(CostFallsWithEachStep, dry_run)
    assert scene.shown["readout"].get_value() == pytest.approx(full.costs[d.RECAP_STEPS], rel=1e-12)
    dots = scene.shown["dots"]
    assert len(dots) == d.RECAP_STEPS + 1
    axes = scene.shown["axes"]
    for t, dot in enumerate(dots):
        assert axes.p2c(dot.get_center()) == pytest.approx((t, full.costs[t]), abs=1e-9)
    x, y = data.split("train").images[:d.PATH_IMAGES], data.split("train").labels[:d.PATH_IMAGES]
    rows = scene.shown["gradient_rows"]
    close(scene.shown["gradient"].values, -nm.backprop(net, x, y).flat()[rows])
    close(values(scene.shown["gradient"].rows), -nm.backprop(net, x, y).flat()[rows])


@pytest.mark.slow
def test_two_weights_sensitivity_is_measured(two, dry_run):
    net = two[0]
    s = data.split("train")
    x, y = s.images[:d.PATH_IMAGES], s.labels[:d.PATH_IMAGES]
    g = nm.backprop(net, x, y).flat()
    scene = render(TwoWeightsTwoSensitivities, dry_run)
    shown = scene.shown
    big, small = (shown["entry_big"].values[0], shown["entry_small"].values[0])
    last = np.arange(net.n_parameters - net.weights[-1].size - 10, net.n_parameters - 10)
    i_big = int(last[np.argmax(np.abs(g[last]))])
    assert big == pytest.approx(g[i_big], rel=1e-12)
    i_small = int(last[np.argmin(np.abs(g[last] - small))])
    assert small == pytest.approx(g[i_small], rel=1e-12)
    assert abs(big / small) > 10, "the two entries differ a lot"
    before = nm.cost(nm.feedforward(net, x).output, y)
    changes = []
    for key, i in (("nudge_big", i_big), ("nudge_small", i_small)):
        theta = net.flat()
        theta[i] += d.NUDGE
        after = nm.cost(nm.feedforward(net.with_flat(theta), x).output, y)
        close(shown[key].values, [before, after, after - before])
        changes.append(after - before)
    assert shown["measured_ratio"].values == [pytest.approx(changes[0] / changes[1], rel=1e-12)]
    assert shown["entry_ratio"].values == [pytest.approx(big / small, rel=1e-12)]


# ----------------------------------------------------------------------------- walkthrough


@pytest.fixture(scope="module")
def walk(two):
    """The 2's forward pass and -dC0/da of every layer, from backprop (independent of nudges)."""
    net, x = two[0], two[1]
    g = nm.backprop(net, x, 2)
    return net, x, g, nm.nudges(net, x, 2)


def check_arrows(arrows: WishArrows, expected, max_length: float, scale=None):
    close(arrows.values, expected)
    top = np.max(np.abs(expected)) if scale is None else scale
    close(arrows.lengths, max_length * np.abs(expected) / top)
    drawn = arrows.lengths >= MIN_ARROW
    np.testing.assert_array_equal(arrows.signs()[drawn], np.sign(expected)[drawn])
    for arrow, v, length in zip(arrows.arrows, expected, arrows.lengths):
        if length >= MIN_ARROW:
            start, end = arrow.get_start(), arrow.get_end()
            assert np.sign(end[1] - start[1]) == np.sign(v), "up for a positive wish, down for a negative one"
            assert abs(end[1] - start[1]) == pytest.approx(length, rel=1e-6)
        else:
            assert len(arrow.points) == 0


@pytest.mark.slow
def test_output_wishes_are_two_times_y_minus_a(walk, dry_run):
    net, x, g, nudges = walk
    a = g.trace.output
    wish = 2 * (np.eye(10)[2] - a)
    scene = render(UntrainedNetworkReadsATwo, dry_run)
    close(values(scene.shown["outputs"]), a)
    close(values(scene.shown["targets"]), np.eye(10)[2], rel=0, abs_=0)
    close(values(scene.shown["wish_values"]), wish)
    close(wish, -g.nabla_a[-1])
    check_arrows(scene.shown["arrows"], wish, 0.48)
    assert scene.shown["arrows"].signs()[2] == 1 and all(scene.shown["arrows"].signs()[[0, 1, 3, 4, 5, 6, 8, 9]] <= 0)


@pytest.mark.slow
def test_three_levers_use_the_real_values(walk, dry_run):
    net, x, g, nudges = walk
    scene = render(ThreeWaysToRaiseTheTwo, dry_run)
    shown = scene.shown
    a_prev = g.trace.activations[-2]
    close(shown["previous"].activations, a_prev)
    assert shown["two_value"].values == [pytest.approx(g.trace.output[2])]
    bias = -g.nabla_b[-1][2]
    assert shown["bias_nudge"].values == [pytest.approx(bias, rel=1e-12)]
    bright = np.argsort(-a_prev)[:4]
    np.testing.assert_array_equal(shown["bright"], bright)
    assert a_prev[bright].min() >= np.delete(a_prev, bright).max(), "the four brightest, from real values"
    close(shown["weight_nudges"].values, -g.nabla_w[-1][2, bright])
    close(shown["weight_nudges"].values, a_prev[bright] * bias)
    assert shown["weight_rule"].values == [pytest.approx(bias, rel=1e-12)]
    z = g.trace.zs[-1][2]
    wish = net.weights[-1][2] * nm.sigmoid_prime(z) * 2 * (1 - g.trace.output[2])
    check_arrows(shown["activation_wishes"], wish, 0.38)
    close(nudges.wishes[-1][2], wish)


@pytest.mark.slow
def test_summed_wishes_propagate_backwards(walk, dry_run):
    net, x, g, nudges = walk
    scene = render(WishesAddUpBackwards, dry_run)
    shown = scene.shown
    check_arrows(shown["output_wishes"], -g.nabla_a[-1], 0.38)
    sp = nm.sigmoid_prime(g.trace.zs[-1])
    per_output = net.weights[-1] * (sp * -g.nabla_a[-1])[:, None]
    scale = np.abs(per_output).max()  # every output's wishes on one scale
    shown_outputs = [int(k.rsplit("_", 1)[1]) for k in shown if k.startswith("wishes_from_")]
    assert 2 in shown_outputs and len(shown_outputs) == 2
    other = max((j for j in range(10) if j != 2), key=lambda j: np.abs(per_output[j]).max())
    assert other in shown_outputs, "the other output shown is the one with the strongest wishes"
    for j in shown_outputs:
        check_arrows(shown[f"wishes_from_{j}"], per_output[j], 0.38, scale)
        close(values(shown[f"wish_numbers_from_{j}"]), per_output[j])
    close(per_output.sum(axis=0), -g.nabla_a[-2])
    check_arrows(shown["summed_wishes"], -g.nabla_a[-2], 0.38)
    close(values(shown["summed_numbers"]), -g.nabla_a[-2])
    check_arrows(shown["layer1_wishes"], -g.nabla_a[-3], 0.38)
    close(values(shown["layer1_numbers"]), -g.nabla_a[-3])
    close(nudges.wanted[-3], -g.nabla_a[-3])


@pytest.mark.slow
def test_change_by_table_averages_into_minus_the_gradient(two, dry_run):
    net = two[0]
    s = data.split("train")
    scene = render(ExamplesAverageIntoTheGradient, dry_run)
    rows = d.table_rows()
    assert rows[0] == 0 and rows[-1] == net.n_parameters - 1
    assert np.all(s.images[:, 0] == 0), "the captions say pixel 0 is blank in every training image"
    n = d.TABLE_EXAMPLES
    for e, column in enumerate(scene.shown["per_example"]):
        close(values(column), -nm.backprop(net, s.images[e], int(s.labels[e])).flat()[rows])
        nudges = nm.nudges(net, s.images[e], int(s.labels[e]))
        assert values(column)[-1] == pytest.approx(nudges.bias[-1][-1], abs=1e-14)
    close(values(scene.shown["average"]), -nm.backprop(net, s.images[:n], s.labels[:n]).flat()[rows])
    close(values(scene.shown["all"]), -nm.backprop(net, s.images, s.labels).flat()[rows], rel=1e-9)


# ----------------------------------------------------------------------------- stochastic gradient descent


@pytest.mark.slow
def test_mini_batches_are_the_seeded_shuffle_and_steps(two, dry_run):
    net = two[0]
    s = data.split("train")
    scene = render(ShuffledIntoMiniBatches, dry_run)
    expected = shuffled_batches(d.BATCH_DEMO_IMAGES, d.BATCH_DEMO_SIZE, np.random.default_rng(d.SHUFFLE_SEED))
    assert [b.tolist() for b in scene.shown["batch_demo"].batches] == [b.tolist() for b in expected]
    x, y = s.images[:d.BATCH_DEMO_IMAGES], s.labels[:d.BATCH_DEMO_IMAGES]
    theta, costs = net.flat(), [nm.cost(nm.feedforward(net, x).output, y)]
    for batch in expected:
        theta = theta - d.ETA * nm.backprop(net.with_flat(theta), x[batch], y[batch]).flat()
        costs.append(nm.cost(nm.feedforward(net.with_flat(theta), x).output, y))
    assert scene.shown["start_cost"].values == [d.BATCH_DEMO_IMAGES, pytest.approx(costs[0], rel=1e-12)]
    shown = values(scene.shown["step_costs"])
    close(shown[0::2], np.arange(1, len(expected) + 1))
    close(shown[1::2], costs[1:])


@pytest.fixture(scope="module")
def surface_paths(two):
    """The surface's two walks (longer than the map's), recomputed with nnmath, with their plane."""
    net = two[0]
    x, y = data.split("train").images[:d.PATH_IMAGES], data.split("train").labels[:d.PATH_IMAGES]
    full = descent_path(net, x, y, d.SURFACE_STEPS, d.ETA)
    mini = descent_path(net, x, y, d.SURFACE_STEPS, d.ETA, batch_size=d.BATCH_SIZE, seed=d.SHUFFLE_SEED)
    return full, mini, principal_plane([full, mini])


@pytest.mark.slow
def test_hiker_and_drunk_man_roll_on_the_real_cost_surface(surface_paths, two, dry_run):
    full, mini, plane = surface_paths
    scene = render(CarefulHikerAndDrunkMan, dry_run)
    shown = scene.shown
    assert shown["start_cost"].values == [pytest.approx(full.costs[0], rel=1e-12)]
    close(shown["hiker_cost"].values, [full.costs[0], full.costs[-1]], rel=1e-9)
    close(shown["drunk_cost"].values, [mini.costs[0], mini.costs[-1]], rel=1e-9)
    close(shown["hiker_per_step"].values + shown["hiker_work"].values,
          [d.PATH_IMAGES, d.SURFACE_STEPS, d.PATH_IMAGES * d.SURFACE_STEPS])
    close(shown["drunk_per_step"].values + shown["drunk_work"].values,
          [d.BATCH_SIZE, d.SURFACE_STEPS, d.BATCH_SIZE * d.SURFACE_STEPS])
    surface = shown["surface"]
    s = shown["surface_data"]
    assert surface.data is s and surface.surface in scene.get_mobject_family_members()
    close(s.plane.origin, full.thetas[0], rel=0, abs_=0)
    close(np.abs(s.plane.axes @ plane.axes.T), np.eye(2), rel=0, abs_=1e-9)  # the paths' principal plane
    x, y = data.split("train").images[:d.PATH_IMAGES], data.split("train").labels[:d.PATH_IMAGES]
    net = two[0]
    for path, on_plane in ((full, s.paths[0]), (mini, s.paths[1])):
        close(on_plane.costs, path.costs, rel=1e-9)
        close(on_plane.uv, (path.thetas - s.plane.origin) @ s.plane.axes.T, rel=1e-9, abs_=1e-9)
        for t in (0, len(on_plane.uv) // 2, -1):
            theta = s.plane.origin + on_plane.uv[t] @ s.plane.axes
            expected = nm.cost(nm.feedforward(net.with_flat(theta), x).output, y)
            assert on_plane.surface_costs[t] == pytest.approx(expected, rel=1e-9)
    for key, on_plane in (("hiker_ball", s.paths[0]), ("drunk_ball", s.paths[1])):
        assert shown[key].place == pytest.approx((*on_plane.uv[-1], on_plane.surface_costs[-1]), abs=1e-9)
    r, c = 3, 5
    theta = s.plane.origin + s.u[c] * s.plane.axes[0] + s.v[r] * s.plane.axes[1]
    assert s.costs[r, c] == pytest.approx(nm.cost(nm.feedforward(net.with_flat(theta), x).output, y), rel=1e-9)


def _corners(mob) -> np.ndarray:
    """The corners a polyline was built from (its curves' start points, plus the last end)."""
    pts = mob.points
    return np.vstack([pts[0::4], pts[-1:]])


# ----------------------------------------------------------------------------- final words


@pytest.mark.slow
def test_four_ideas_show_the_chapters_numbers(paths, surface_paths, walk, dry_run):
    full = paths[0]
    mini = surface_paths[1]
    g = walk[2]
    scene = render(FourIdeas, dry_run)
    shown = scene.shown
    close(shown["cost_surface"].values, [full.costs[0]], rel=1e-9)
    close(shown["descent"].values, [mini.costs[0], mini.costs[-1]], rel=1e-9)
    close(shown["mini_batches"].values, [d.BATCH_SIZE])
    wish = -g.nabla_a[-1]
    close(shown["backprop"].values, [wish[np.argmax(np.abs(wish))]])


@pytest.mark.slow
def test_backprop_code_is_nnmaths_source_file(dry_run):
    scene = render(BackpropCodeRuns, dry_run)
    listing = scene.shown["listing"]
    source = (ROOT / "nnmath" / "backprop.py").read_text(encoding="utf-8").splitlines()
    assert listing.lines == [source[n - 1] for n in listing.file_lines]
    assert listing.lines[0].startswith("def backprop(")
    assert listing.lines[-1].strip().startswith("return Gradients(")
    body = source[listing.file_lines[0] - 1: listing.file_lines[-1]]
    dropped = [line for n, line in enumerate(body, listing.file_lines[0]) if n not in listing.file_lines]
    assert dropped[0].strip().startswith('r"""') and dropped[-1].strip() == '"""', "only the docstring is left out"
    code = scene.shown["code"]
    assert len(code.code_lines) == len(listing.lines) - 1, "every line after the signature"
    rows = [row for row in scene.rows if row[1].get_fill_opacity() > 0]
    assert len(rows) == BackpropCodeRuns.WINDOW, "a few lines at a time"
    for upper, lower in zip(rows, rows[1:]):
        assert upper.get_bottom()[1] > lower.get_top()[1], "line numbers and lines never overlap the next"
    assert min(row[1].height for row in rows) > 0.15, "readable at 720p (over 13 px)"
    for text, row in zip(listing.lines[1:], scene.rows):  # indentation kept: deeper lines start further right
        row.indent = len(text) - len(text.lstrip())
    by_indent = sorted(scene.rows, key=lambda r: r.indent)
    assert by_indent[0][1].get_left()[0] < by_indent[-1][1].get_left()[0]
    lit = scene.shown["lit"]
    assert "feedforward(net, x)" in listing.lines[lit[0][0]]
    assert "output_delta(" in listing.lines[lit[1][0]]
    layers = len(scene.shown["gradients"].nabla_w)
    assert len(lit) == 3 + layers
    for indices in lit[2:2 + layers]:
        assert any("nabla_w[i]" in listing.lines[i] for i in indices)
    assert listing.lines[lit[-1][0]].strip().startswith("return Gradients(")
    window = BackpropCodeRuns.WINDOW
    for indices, start in zip(lit, scene.shown["windows"]):
        assert all(start <= i - 1 < start + window for i in indices), "every lit line is in view"


# ----------------------------------------------------------------------------- chapter 3's mobjects


def test_wish_arrows_point_by_sign_and_scale_by_size():
    pts = np.array([[0, y, 0] for y in range(4)], dtype=float)
    arrows = WishArrows(pts, [1.0, -0.5, 0.001, 0.0], max_length=0.8)
    close(arrows.lengths, [0.8, 0.4, 0.0008, 0.0])
    np.testing.assert_array_equal(arrows.signs(), [1, -1, 0, 0])
    check_arrows(arrows, np.array([1.0, -0.5, 0.001, 0.0]), 0.8)
    with pytest.raises(ValueError, match="centers"):
        WishArrows(pts[:2], [1.0, 2.0, 3.0], 0.5)
    with pytest.raises(ValueError, match="nothing to draw"):
        WishArrows(pts, np.zeros(4), 0.5)


def test_cost_bands_rise_with_the_cost_and_the_map_spans_the_grid():
    u = np.linspace(-1, 1, 5)
    costs = np.exp(np.add.outer(np.zeros(5), u)) + 1  # rises to the right
    bands = cost_bands(costs, upsample=3, levels=6)
    assert bands.shape == (13, 13) and bands.min() == 0 and bands.max() == 5
    assert np.all(np.diff(bands, axis=1) >= 0) and np.all(np.diff(bands, axis=0) == 0)
    cost_map = CostMap(u, u, costs, width=4.0, height=2.0).move_to([1, 1, 0])
    corners = cost_map.to_point([[u[0], u[0]], [u[-1], u[-1]]])
    left, right = cost_map.frame.get_left()[0], cost_map.frame.get_right()[0]
    cell = 4.0 / 17  # CostMap draws 4 cells per grid step: (5 - 1) * 4 + 1 columns
    assert corners[0][0] == pytest.approx(left + cell / 2) and corners[1][0] == pytest.approx(right - cell / 2)
    with pytest.raises(ValueError, match="2-D grid"):
        cost_bands(np.ones(4))
