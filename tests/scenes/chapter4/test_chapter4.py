"""Chapter 4: every scene dry-runs, the segments are the post's, and every number on screen
(read back by name from ``scene.shown``) equals nnmath's for the same inputs.

The expected values are computed here from nnmath directly (chain_rule, backprop,
feedforward, numeric_partial), not through the scene's own helpers. Each scene is
dry-run once per module (the ``rendered`` fixture) and every test that reads it asks for it.
"""
from __future__ import annotations

import itertools
import inspect
import re
from pathlib import Path

import numpy as np
import pytest
from manim import VMobject

import nnmath as nm
from nnvideo.render.chapters import load_chapter
from scenes import chapter4 as ch4
from scenes.chapter4 import data, pacing
from scenes.chapter4.measures.partials import copy_examples
from scenes.common.layout import CAPTION_BAND_TOP
from scenes.common.text import is_in_frame
from scenes.common.valued_tex import ValuedTex

POST = Path(__file__).resolve().parents[3] / "post" / "neural-networks-post.md"
ALL_SCENES = [cls for _, classes in ch4.SEGMENTS for cls in classes]
SCENE = {cls.__name__: cls for cls in ALL_SCENES}
#: Scenes drawing the trained network on a real MNIST digit.
MNIST_SCENES = {"FromIntuitionToCalculus", "CheckOnTheRealNetwork", "FactorTreeOfARealWeight"}
#: Formulas a scene shows and then removes on purpose before its end (the rest stay on screen).
REMOVED_BEFORE_THE_END = {
    "SimplestNetwork": {"w1", "b1", "w2", "b2", "w3", "b3"},
}


@pytest.fixture(scope="module")
def rendered(dry_run):
    """``rendered(cls) -> scene``: a full dry run of ``cls``, once per module; the scene keeps its mobjects.
    After every beat, what reaches into the caption band is noted in ``scene.in_caption_band``."""
    scenes = {}

    def render(cls):
        if cls.__name__ not in scenes:
            low: list = []

            def check(scene):
                low.extend((round(scene.renderer.time, 1), *part) for part in below_the_caption_band(scene))

            pacing.AFTER_BEAT.append(check)
            try:
                with dry_run():
                    scene = cls()
                    scene.render()
            finally:
                pacing.AFTER_BEAT.remove(check)
            scene.in_caption_band = low
            scenes[cls.__name__] = scene
        return scenes[cls.__name__]

    return render


def scene_param(cls):
    marks = [pytest.mark.slow]
    if cls.__name__ in MNIST_SCENES:
        marks.append(pytest.mark.mnist)
    return pytest.param(cls, marks=marks, id=cls.__name__)


def close(shown, expected, rel=1e-12, abs_=1e-15):
    np.testing.assert_allclose(np.asarray(shown, dtype=float), np.asarray(expected, dtype=float),
                               rtol=rel, atol=abs_)


# ----------------------------------------------------------------------------- declarations


def post_titles(chapter_heading: str) -> list[str]:
    text = POST.read_text(encoding="utf-8")
    section = text.split(chapter_heading, 1)[1].split("\n#", 1)[0]
    return re.findall(r"^- \d+:\d\d - (.+?)\s*$", section, flags=re.M)


def test_segments_are_the_posts_titles_in_order():
    titles = post_titles("## Backpropagation calculus")
    assert len(titles) == 7
    assert [title for title, _ in ch4.SEGMENTS] == titles


def test_title_and_video_id_match_the_post():
    text = POST.read_text(encoding="utf-8")
    assert f"## {ch4.TITLE} |" in text
    assert f"youtube.com/embed/{ch4.YOUTUBE_ID}" in text


def test_every_scene_renders_from_the_file_that_defines_it_and_is_listed_once():
    chapter = load_chapter(4, ch4.__name__)  # what nnvideo render reads
    for cls in ALL_SCENES:  # manim finds each scene by name in its own file
        assert chapter.scene_source(cls.__name__) == Path(inspect.getsourcefile(cls)).resolve()
    assert len({cls.__name__ for cls in ALL_SCENES}) == len(ALL_SCENES)


# ----------------------------------------------------------------------------- every scene


@pytest.mark.parametrize("cls", [scene_param(c) for c in ALL_SCENES])
def test_scene_renders_with_captions_inside_the_frame(cls, rendered):
    scene = rendered(cls)
    assert scene.renderer.time > 10
    assert scene.renderer.file_writer.subcaptions, "every scene carries captions"
    for mob in scene.mobjects:
        assert is_in_frame(mob, margin=0.05), f"{cls.__name__}: {type(mob).__name__} leaves the frame"
    assert below_the_caption_band(scene) == [], f"{cls.__name__}: drawn in the caption band at the end"
    assert scene.in_caption_band == [], f"{cls.__name__}: (time, mobject, bottom) in the caption band after a beat"
    on_screen = {id(m) for m in scene.get_mobject_family_members()}
    shown = {name: f for name, f in scene.shown.items() if isinstance(f, ValuedTex)}
    visible = {name for name, f in shown.items() if id(f) in on_screen}
    # Every formula the scene shows is still on screen at its end (so the overlap check covers it),
    # except those it removes on purpose.
    assert visible == set(shown) - REMOVED_BEFORE_THE_END.get(cls.__name__, set())
    formulas = [shown[name] for name in sorted(visible)]
    for a, b in itertools.combinations(formulas, 2):
        assert not _boxes_overlap(a, b), f"{cls.__name__}: {a.get_tex_string()!r} overlaps {b.get_tex_string()!r}"


def below_the_caption_band(scene) -> list[tuple[str, float]]:
    """Visible mobjects reaching into the bottom 15 % of the frame, where a player draws captions."""
    low = []
    for mob in scene.mobjects:
        for part in mob.get_family():
            if not isinstance(part, VMobject) or not part.has_points():
                continue
            if part.get_fill_opacity() == 0 and part.get_stroke_opacity() == 0:
                continue
            if part.get_bottom()[1] < CAPTION_BAND_TOP - 1e-6:
                low.append((type(part).__name__, round(float(part.get_bottom()[1]), 2)))
    return low


def _boxes_overlap(a, b) -> bool:
    (ax0, ay0, _), (ax1, ay1, _) = a.get_corner([-1, -1, 0]), a.get_corner([1, 1, 0])
    (bx0, by0, _), (bx1, by1, _) = b.get_corner([-1, -1, 0]), b.get_corner([1, 1, 0])
    return ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1


@pytest.mark.slow
@pytest.mark.mnist
def test_chapter_runs_at_least_three_minutes(rendered):
    total = sum(rendered(cls).renderer.time for cls in ALL_SCENES)
    assert total >= 180


# ----------------------------------------------------------------------------- the 1-1-1-1 network


@pytest.fixture(scope="module")
def tiny():
    """The 1-1-1-1 network, its forward pass on x = 0.5 and the chain rule of w^(L)."""
    net = nm.Network.random([1, 1, 1, 1], seed=data.TINY_SEED)
    x, y = np.array([0.5]), np.array([1.0])
    return net, x, y, nm.feedforward(net, x), nm.chain_rule(net, x, y, -1, 0, 0)


def test_tiny_network_is_the_seeded_one(tiny):
    net = tiny[0]
    close(data.tiny_network().flat(), net.flat(), rel=0)
    np.testing.assert_array_equal(data.TINY_X, tiny[1])


@pytest.mark.slow
def test_simplest_network_shows_its_parameters_and_cost(tiny, rendered):
    net, x, y, t, c = tiny
    f = rendered(SCENE["SimplestNetwork"]).shown
    for i in range(3):
        close(f[f"w{i + 1}"].values, [net.weights[i][0, 0]])
        close(f[f"b{i + 1}"].values, [net.biases[i][0]])
    close(f["cost"].values, [t.output[0], y[0], (t.output[0] - y[0]) ** 2])
    assert f["cost"].texts[-1] == "0.11"


@pytest.mark.slow
def test_weighted_sum_tree_values(tiny, rendered):
    net, x, y, t, c = tiny
    scene = rendered(SCENE["WeightedSumTree"])
    w, b, a_prev = net.weights[-1][0, 0], net.biases[-1][0], t.activations[-2][0]
    z = w * a_prev + b
    close(scene.shown["z"].values, [w, a_prev, b, z])
    close(scene.shown["a"].values, [z, 1 / (1 + np.exp(-z))])
    close(scene.shown["cost"].values, [t.output[0], y[0], c.cost])
    g = scene.shown["graph"]
    expected = {"wL": w, "aL1": a_prev, "bL": b, "zL": z, "aL": t.output[0], "y": 1.0, "C0": c.cost,
                "wL1": net.weights[-2][0, 0], "aL2": t.activations[-3][0], "bL1": net.biases[-2][0],
                "zL1": t.zs[-2][0]}
    assert set(g.values) <= set(expected) and {"wL", "zL", "aL", "C0"} <= set(g.values)
    for name, value in expected.items():
        if name not in g.values:
            continue
        assert g.value(name) == pytest.approx(value, rel=1e-12), name


@pytest.mark.slow
def test_nudging_the_weight_moves_every_line_by_nnmath(tiny, rendered):
    net, x, y, t, c = tiny
    scene = rendered(SCENE["NudgingTheWeight"])
    lines = {name: scene.shown[f"{name}_line"] for name in ("w", "z", "a", "C0")}
    tracker = scene.shown["w"]

    def expected(w):
        moved = net.copy()
        moved.weights[-1][0, 0] = w
        out = nm.feedforward(moved, x)
        return {"w": w, "z": out.zs[-1][0], "a": out.output[0], "C0": float(np.sum((out.output - y) ** 2))}

    w0 = net.weights[-1][0, 0]
    for w in (w0, w0 + 0.37, w0 - 0.8):
        tracker.set_value(w)
        for line in lines.values():
            line.update()
        for name, value in expected(w).items():
            assert lines[name].number.get_value() == pytest.approx(value, rel=1e-12), (w, name)
            assert lines[name].line.p2n(lines[name].dot.get_center()) == pytest.approx(value, abs=1e-6)
    tracker.set_value(w0)


@pytest.mark.slow
def test_each_factor_product_and_finite_difference(tiny, rendered):
    net, x, y, t, c = tiny
    f = rendered(SCENE["ComputingEachFactor"]).shown
    a, z, a_prev = t.output[0], t.zs[-1][0], t.activations[-2][0]
    s_prime = a * (1 - a)
    close(f["dc_da"].values, [a, 1.0, 2 * (a - 1.0)])
    close(f["da_dz"].values, [z, s_prime])
    assert f["sigmoid"].slope == pytest.approx(s_prime, rel=1e-12), "the tangent drawn has the slope shown"
    close(f["dz_dw"].values, [a_prev])
    product = a_prev * s_prime * 2 * (a - 1.0)
    close(f["product"].values, [a_prev, s_prime, 2 * (a - 1.0), product])
    assert product == pytest.approx(nm.backprop(net, x, y).nabla_w[-1][0, 0], rel=1e-12)
    close(f["finite_difference"].values, [nm.numeric_partial(net, x, y, -1, 0, 0, h=data.FD_STEP)], rel=0)
    assert f["product"].texts[-1] == f["finite_difference"].texts[0], "the viewer sees them agree"


@pytest.mark.slow
def test_dim_neuron_derivatives_follow_the_activation(tiny, rendered):
    net, x, y, t, c = tiny
    scene = rendered(SCENE["DimNeuronWeakWeight"])
    w, b = net.weights[-1][0, 0], net.biases[-1][0]
    tracker, live = scene.shown["a_prev"], {name: scene.shown[name] for name in ("dz_dw", "dc_dw")}
    for a_prev in (t.activations[-2][0], 0.03, 0.6):
        tracker.set_value(a_prev)
        for number in live.values():
            number.update()
        a = 1 / (1 + np.exp(-(w * a_prev + b)))
        assert live["dz_dw"].get_value() == pytest.approx(a_prev, rel=1e-12)
        assert live["dc_dw"].get_value() == pytest.approx(a_prev * a * (1 - a) * 2 * (a - 1), rel=1e-10)
    tracker.set_value(t.activations[-2][0])


@pytest.mark.slow
def test_average_over_examples(tiny, rendered):
    net = tiny[0]
    f = rendered(SCENE["AverageOverExamples"]).shown
    xs, ys = copy_examples(data.EXAMPLE_COUNT, seed=data.EXAMPLE_SEED)
    per = [nm.chain_rule(net, xs[k], ys[k], -1, 0, 0).product for k in range(len(xs))]
    numbers = f
    for k, value in enumerate(per):
        assert numbers[f"example_{k}"].get_value() == pytest.approx(value, rel=1e-12)
    batch = nm.backprop(net, xs, ys).nabla_w[-1][0, 0]
    close(f["mean"].values, [np.mean(per)], rel=1e-12)
    close(f["batch"].values, [batch], rel=0)
    assert f["mean"].texts[0] == f["batch"].texts[0]


@pytest.mark.slow
def test_gradient_entries_are_backprop_and_agree_with_finite_differences(tiny, rendered):
    net = tiny[0]
    shown = rendered(SCENE["GradientEntryByEntry"]).shown
    xs, ys = copy_examples(data.EXAMPLE_COUNT, seed=data.EXAMPLE_SEED)
    g = nm.backprop(net, xs, ys)
    for layer in range(3):
        for kind, exact, k in (("w", g.nabla_w[layer][0, 0], 0), ("b", g.nabla_b[layer][0], None)):
            value, check = shown[f"grad_{kind}{layer}"], shown[f"fd_{kind}{layer}"]
            assert value.get_value() == exact
            assert check.get_value() == nm.numeric_partial(net, xs, ys, layer, 0, k, h=data.FD_STEP)
            assert value.text == check.text, "the viewer sees them agree"


@pytest.mark.slow
def test_bias_and_previous_activation(tiny, rendered):
    net, x, y, t, c = tiny
    f = rendered(SCENE["SensitivityToBias"]).shown
    g = nm.backprop(net, x, y)
    a = t.output[0]
    s_prime, dc_da = a * (1 - a), 2 * (a - 1.0)
    close(f["dc_db"].values, [1.0, s_prime, dc_da, g.nabla_b[-1][0]])
    close(f["dc_da_prev"].values, [net.weights[-1][0, 0], s_prime, dc_da, g.nabla_a[-2][0]])
    close(f["dc_db_fd"].values, [nm.numeric_partial(net, x, y, -1, 0, None, h=data.FD_STEP)], rel=0)
    assert f["dc_da_prev_fd"].values[0] == pytest.approx(g.nabla_a[-2][0], rel=1e-8)
    for name in ("dc_db", "dc_da_prev"):
        assert f[name].texts[-1] == f[f"{name}_fd"].texts[0]


@pytest.mark.slow
def test_long_path_factors(tiny, rendered):
    net, x, y, t, c = tiny
    f = rendered(SCENE["LongPathBack"]).shown
    g = nm.backprop(net, x, y)
    sp = lambda z: nm.sigmoid_prime(z)  # noqa: E731
    factors = [t.activations[1][0], sp(t.zs[1][0]), net.weights[2][0, 0], sp(t.zs[2][0]), 2 * (t.output[0] - 1)]
    close(f["long_path"].values, factors)
    close(f["long_product"].values, [g.nabla_w[-2][0, 0]])
    close(f["long_fd"].values, [nm.numeric_partial(net, x, y, -2, 0, 0, h=data.FD_STEP)], rel=0)
    assert np.prod(factors) == pytest.approx(g.nabla_w[-2][0, 0], rel=1e-12)
    close(f["dc_db_prev"].values, [sp(t.zs[1][0]), g.nabla_a[-2][0], g.nabla_b[-2][0]])
    close(f["dc_db_prev_fd"].values, [nm.numeric_partial(net, x, y, -2, 0, None, h=data.FD_STEP)], rel=0)
    assert f["long_product"].texts == f["long_fd"].texts
    assert f["dc_db_prev"].texts[-1:] == f["dc_db_prev_fd"].texts


# ----------------------------------------------------------------------------- the 3-3-2 network


@pytest.fixture(scope="module")
def indexed():
    net = nm.Network.random([3, 3, 2], seed=data.INDEXED_SEED)
    x, y = np.full(3, 0.5), np.array([0.0, 1.0])
    return net, x, y, nm.feedforward(net, x), nm.backprop(net, x, y)


@pytest.mark.slow
def test_indexed_cost_and_chain_rule(indexed, rendered):
    net, x, y, t, g = indexed
    scene = rendered(SCENE["IndexedLastTwoLayers"])
    f = scene.shown
    out = t.output
    close(f["cost"].values, [out[0], y[0], out[1], y[1], np.sum((out - y) ** 2)])
    j, k = f["weight"].j, f["weight"].k
    assert abs(g.nabla_w[-1][j, k]) == np.max(np.abs(g.nabla_w[-1]))
    a = out[j]
    factors = [t.activations[-2][k], a * (1 - a), 2 * (a - y[j])]
    close(f["indexed_product"].values, factors + [g.nabla_w[-1][j, k]])
    close(f["indexed_fd"].values, [nm.numeric_partial(net, x, y, -1, j, k, h=data.FD_STEP)], rel=0)
    assert f["indexed_product"].texts[-1] == f["indexed_fd"].texts[0]


@pytest.mark.slow
def test_sum_over_the_next_layer(indexed, rendered):
    net, x, y, t, g = indexed
    scene = rendered(SCENE["SumOverNextLayer"])
    f, k = scene.shown, data.SUM_NEURON
    terms = []
    for j in range(2):
        a = t.output[j]
        factors = [net.weights[-1][j, k], a * (1 - a), 2 * (a - y[j])]
        terms.append(np.prod(factors))
        close(f[f"term_{j}"].values, factors + [terms[-1]])
    close(f["sum"].values, [g.nabla_a[-2][k]])
    assert sum(terms) == pytest.approx(g.nabla_a[-2][k], rel=1e-12)
    assert f["sum_fd"].values[0] == pytest.approx(g.nabla_a[-2][k], rel=1e-8)
    assert f["sum"].texts == f["sum_fd"].texts


# ----------------------------------------------------------------------------- the trained network


@pytest.fixture(scope="module")
def real(net):
    ex = data.real_example()
    x, label = ex.x, ex.label
    assert nm.feedforward(net, x).prediction != label, "the scenes use a digit the network gets wrong"
    return net, x, label, nm.backprop(net, x, label)


@pytest.mark.slow
@pytest.mark.mnist
def test_gradient_column_is_backprop(real, rendered):
    net, x, label, g = real
    column = rendered(SCENE["FromIntuitionToCalculus"]).shown["gradient"]
    close(column.shown_values(), g.flat()[column.shown], rel=0)
    assert column.values.size == net.n_parameters


@pytest.mark.slow
@pytest.mark.mnist
def test_real_network_table(real, rendered):
    net, x, label, g = real
    scene = rendered(SCENE["CheckOnTheRealNetwork"])
    f = scene.shown
    weights = [tuple(map(int, key.split("_")[1:])) for key in f if key.startswith("chain_")]
    assert len(weights) == data.CHECK_PER_LAYER * len(net.weights)
    assert {layer for layer, _, _ in weights} == set(range(len(net.weights)))
    acts = nm.feedforward(net, x).activations
    errors = []
    for layer, j, k in weights:
        chain, bp, numeric, err = (f[f"{name}_{layer}_{j}_{k}"].get_value()
                                   for name in ("chain", "backprop", "numeric", "relative_error"))
        assert chain == nm.chain_rule(net, x, label, layer, j, k).product
        assert bp == g.nabla_w[layer][j, k]
        assert numeric == nm.numeric_partial(net, x, label, layer, j, k, h=data.FD_STEP)
        # The screen says each weight is "fed by a lit neuron": its input activation is not 0
        # (a blank pixel's weight has derivative exactly 0 by every method, which checks nothing).
        assert acts[layer][k] > 0, (layer, j, k)
        expected_err = max(abs(chain - numeric), abs(bp - numeric)) / max(abs(chain), abs(bp), abs(numeric))
        assert err == pytest.approx(expected_err, rel=1e-9)
        errors.append(err)
    assert f["max_relative_error"].values == [max(errors)]
    assert max(errors) < 1e-3


@pytest.mark.slow
@pytest.mark.mnist
def test_factor_tree_of_the_real_weight(real, rendered):
    net, x, label, g = real
    scene = rendered(SCENE["FactorTreeOfARealWeight"])
    f = scene.shown
    j, k = np.unravel_index(np.argmax(np.abs(g.nabla_w[-2])), g.nabla_w[-2].shape)
    t = g.trace
    a_j = t.activations[-2][j]
    factors = [t.activations[-3][k], a_j * (1 - a_j), g.nabla_a[-2][j]]
    close(f["root"].values, [g.nabla_w[-2][j, k]])
    for i, value in enumerate(factors):
        close(f[f"child_{i}"].values, [value])
    n_out = net.sizes[-1]
    target = np.eye(n_out)[label]
    out = t.output
    for i in range(n_out):
        leaf = [net.weights[-1][i, j], out[i] * (1 - out[i]), 2 * (out[i] - target[i])]
        cells = [f[f"leaf_{i}_{name}"] for name in ("w", "sigma_prime", "dc_da", "product")]
        close([cell.get_value() for cell in cells], leaf + [np.prod(leaf)])
    close(f["leaf_sum"].values, [g.nabla_a[-2][j]])
