"""Chapter 2: every scene dry-runs inside the frame, the segments are the post's, and every
number on screen (read back from the mobjects) equals nnmath's for the same inputs.

Expected values are recomputed here from nnmath directly (feedforward, cost_terms,
backprop, sgd, evaluate, forward passes per point), not through the chapter's data layer.
"""
from __future__ import annotations

import inspect
import re
from pathlib import Path

import numpy as np
import pytest

import nnmath as nm
from nnmath import BUMPY_1D, HILLS_2D
from nnvideo.render.chapters import load_chapter
from scenes import chapter2 as ch2
from scenes.chapter2 import data as d
from scenes.chapter2.measures.convolution import TOP_EDGE_KERNEL
from scenes.chapter2.measures.experiments import memorisation_experiment, shuffled_labels
from scenes.chapter2.measures.learning_runs import film_steps
from scenes.chapter2.measures.probes import noise_image
from scenes.common import data
from scenes.common.measures import top_exciting
from scenes.chapter2.pacing import in_caption_band
from scenes.common.layout import CAPTION_BAND_TOP
from scenes.common.text import is_in_frame

POST = Path(__file__).resolve().parents[3] / "post" / "neural-networks-post.md"
ALL_SCENES = [cls for _, classes in ch2.SEGMENTS for cls in classes]
SCENE = {cls.__name__: cls for cls in ALL_SCENES}
_rendered: dict[str, object] = {}
_off_frame: dict[str, list[str]] = {}
_in_band: dict[str, list[str]] = {}

pytestmark = pytest.mark.mnist


def framed(cls):
    """``cls`` with every ``play``/``wait`` followed by a check that all mobjects are inside the frame
    and that nothing visible reaches into the caption band (the bottom 15 %)."""

    class Framed(cls):
        def _check(self) -> None:
            for mob in self.mobjects:
                where = f"{type(mob).__name__} at t={self.renderer.time:.1f}"
                fixed = getattr(self.renderer.camera, "fixed_in_frame_mobjects", None)
                if fixed is not None and mob not in fixed:
                    continue  # 3-D: scene coordinates are not the frame's (CostSurface places itself above the band)
                if not is_in_frame(mob, margin=0.02):
                    _off_frame.setdefault(cls.__name__, []).append(where)
                if in_caption_band(mob):
                    _in_band.setdefault(cls.__name__, []).append(f"{where}, bottom {mob.get_bottom()[1]:.2f}")

        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            self._check()

        def wait(self, *args, **kwargs):
            super().wait(*args, **kwargs)
            self._check()

    Framed.__name__ = cls.__name__
    return Framed


def render(cls, render_scene):
    """Dry-run ``cls`` once per session (animations jump to their end states); keep the scene."""
    if cls.__name__ not in _rendered:
        _rendered[cls.__name__] = render_scene(framed(cls))
    return _rendered[cls.__name__]


@pytest.fixture(scope="module")
def fresh():
    return nm.Network.random([784, 16, 16, 10], seed=d.FRESH_SEED)


@pytest.fixture(scope="module")
def train():
    return data.split("train")


@pytest.fixture(scope="module")
def test_split():
    return data.split("test")


def first_of_label(labels, label: int, k: int) -> int:
    """Index of the ``k``-th image labelled ``label`` (the videos' ``image_map[label][k]``)."""
    return int(np.flatnonzero(labels == label)[k])


@pytest.fixture(scope="module")
def gradient(fresh, train):
    return nm.backprop(fresh, train.images, train.labels).flat()


def close(shown, expected, rel=1e-12, abs_=1e-15):
    np.testing.assert_allclose(np.asarray(shown, dtype=float), np.asarray(expected, dtype=float), rtol=rel, atol=abs_)


def values_of(decimals) -> np.ndarray:
    return np.array([m.get_value() for m in decimals])


# ----------------------------------------------------------------------------- declarations


def post_titles(chapter_heading: str) -> list[str]:
    text = POST.read_text(encoding="utf-8")
    section = text.split(chapter_heading, 1)[1].split("\n#", 1)[0]
    return re.findall(r"^- \d+:\d\d - (.+?)\s*$", section, flags=re.M)


def test_segments_are_the_posts_titles_in_order():
    titles = post_titles("# Gradient descent, how neural networks learn")
    assert titles == ["Introduction", "Recap", "Using training data", "Cost functions", "Gradient descent",
                      "More on gradient vectors", "Gradient descent recap", "Analyzing the network",
                      "Learning more", "Lisha Li interview", "Closing thoughts"]
    assert [title for title, _ in ch2.SEGMENTS] == titles


def test_title_and_video_id_match_the_post():
    text = POST.read_text(encoding="utf-8")
    assert f"# {ch2.TITLE} |" in text
    assert f"youtube.com/embed/{ch2.YOUTUBE_ID}" in text


def test_every_scene_renders_from_the_file_that_defines_it_and_is_listed_once():
    chapter = load_chapter(2, ch2.__name__)  # what nnvideo render reads
    for cls in ALL_SCENES:  # manim finds each scene by name in its own file
        assert chapter.scene_source(cls.__name__) == Path(inspect.getsourcefile(cls)).resolve()
    assert len({cls.__name__ for cls in ALL_SCENES}) == len(ALL_SCENES)


# ----------------------------------------------------------------------------- every scene


@pytest.mark.slow
@pytest.mark.parametrize("cls", ALL_SCENES, ids=[c.__name__ for c in ALL_SCENES])
def test_scene_renders_with_captions_inside_the_frame(cls, render_scene):
    scene = render(cls, render_scene)
    assert 8 < scene.renderer.time < 62, f"{cls.__name__} runs {scene.renderer.time:.1f} s; keep scenes under a minute"
    assert scene.renderer.file_writer.subcaptions, "every scene carries captions"
    assert not _off_frame.get(cls.__name__), f"{cls.__name__}: off frame: {_off_frame[cls.__name__][:5]}"
    assert not _in_band.get(cls.__name__), (f"{cls.__name__}: in the caption band (y < {CAPTION_BAND_TOP:.2f}): "
                                            f"{_in_band[cls.__name__][:5]}")


@pytest.mark.slow
def test_chapter_runs_at_least_four_minutes(render_scene):
    total = sum(render(cls, render_scene).renderer.time for cls in ALL_SCENES)
    assert total >= 240


# ----------------------------------------------------------------------------- cost functions


@pytest.mark.slow
def test_cost_table_terms_and_sums_for_both_networks(fresh, train, render_scene):
    shown = render(SCENE["CostOfOneDigit"], render_scene).shown
    index = first_of_label(train.labels, 3, 5)
    assert shown["digit_index"] == index and train.labels[index] == 3
    for key, net in (("fresh", fresh), ("trained", nm.pretrained("standard"))):
        out = nm.feedforward(net, train.images[index]).output
        terms = nm.cost_terms(out, 3)
        table = shown[key]
        close(table.outputs.values, out)
        close(table.terms.values, terms)
        close(table.targets.values, np.eye(10)[3])
        assert table.total.get_value() == pytest.approx(float(np.sum(terms)), rel=1e-12)


@pytest.mark.slow
def test_mean_costs_over_all_training_images(fresh, train, render_scene):
    shown = render(SCENE["AverageCostOverTrainingData"], render_scene).shown
    assert len(train) == 50_000
    for key, net in (("fresh", fresh), ("trained", nm.pretrained("standard"))):
        expected = nm.cost(nm.feedforward(net, train.images).output, train.labels)
        assert shown[key].get_value() == pytest.approx(expected, rel=1e-10)


@pytest.mark.slow
def test_online_learning_cost_is_the_mean_cost_after_fifteen_real_steps(fresh, train, render_scene):
    shown = render(SCENE["LearningFromTrainingDigits"], render_scene).shown
    net = fresh
    for t in range(d.ONLINE_DIGITS):
        g = nm.backprop(net, train.images[t], int(train.labels[t]))
        net = net.with_flat(net.flat() - d.ETA * g.flat())
    expected = nm.cost(nm.feedforward(net, train.images).output, train.labels)
    assert shown["cost"].get_value() == pytest.approx(expected, rel=1e-9)
    assert len(shown["dots"]) == d.ONLINE_DIGITS


@pytest.mark.slow
def test_train_test_ticks_are_the_trained_networks_answers(test_split, render_scene):
    shown = render(SCENE["TrainingAndTestData"], render_scene).shown
    n = len(shown["test_predictions"])
    answers = np.argmax(nm.feedforward(nm.pretrained("standard"), test_split.images[:n]).output, axis=1)
    np.testing.assert_array_equal(shown["test_predictions"], answers)


# ----------------------------------------------------------------------------- gradient descent


@pytest.mark.slow
def test_toy_slopes_are_the_exact_gradient(render_scene):
    shown = render(SCENE["RollingDownhill"], render_scene).shown
    path = BUMPY_1D.descent(d.TOY_START, d.TOY_ETA, d.TOY_STEPS)[:, 0]
    close(values_of(shown["slopes"]), [BUMPY_1D.gradient(x)[0] for x in path])
    ends = [BUMPY_1D.descent(x, d.TOY_ETA, 40)[-1, 0] for x in d.TOY_BALLS]
    close(shown["ball_ends"], ends)


def _cost_with(net, train, moves: dict[int, float]) -> float:
    theta = net.flat()
    for index, delta in moves.items():
        theta[index] += delta
    return nm.cost(nm.feedforward(net.with_flat(theta), train.images).output, train.labels)


@pytest.mark.slow
def test_one_weight_slice_is_the_real_cost_and_the_steepest_weight(fresh, train, gradient, render_scene):
    shown = render(SCENE["CostAgainstOneWeight"], render_scene).shown
    last = np.arange(fresh.n_parameters - 170, fresh.n_parameters - 10)  # W3, row-major, before b3
    assert shown["index"] == last[np.argmax(np.abs(gradient[last]))]
    offsets = np.linspace(-d.SLICE_HALF_WIDTH, d.SLICE_HALF_WIDTH, d.SLICE_POINTS_1D)
    for i in (0, 20, 40, 80):
        assert shown["curve_costs"][i] == pytest.approx(_cost_with(fresh, train, {shown["index"]: offsets[i]}), rel=1e-10)
    start_cost, start_slope = shown["path_costs"][0], shown["path_slopes"][0]  # the readouts of step 0
    assert start_cost.get_value() == pytest.approx(_cost_with(fresh, train, {}), rel=1e-10)
    assert start_slope.get_value() == pytest.approx(gradient[shown["index"]], rel=1e-5)


@pytest.mark.slow
def test_two_weight_map_and_path_are_the_real_cost(fresh, train, gradient, render_scene):
    shown = render(SCENE["CostOverTwoWeights"], render_scene).shown
    first, second = shown["first"], shown["second"]
    last = np.arange(fresh.n_parameters - 170, fresh.n_parameters - 10)
    assert [first, second] == list(last[np.argsort(-np.abs(gradient[last]), kind="stable")[:2]])
    axis = np.linspace(-d.SLICE_HALF_WIDTH, d.SLICE_HALF_WIDTH, d.SLICE_POINTS_2D)
    for r, c in ((0, 0), (20, 20), (5, 33)):
        expected = _cost_with(fresh, train, {first: axis[c], second: axis[r]})
        assert shown["grid_costs"][r, c] == pytest.approx(expected, rel=1e-10)
    readouts = values_of(shown["path_readouts"])
    assert readouts[0] == pytest.approx(_cost_with(fresh, train, {}), rel=1e-10)
    assert np.all(np.diff(readouts) < 0)
    assert shown["legend_low"].get_value() == shown["grid_costs"].min()
    assert shown["legend_high"].get_value() == shown["grid_costs"].max()


@pytest.mark.slow
def test_hills_gradient_and_path(render_scene):
    shown = render(SCENE["DownhillOnHills"], render_scene).shown
    close(shown["gradient"].values, HILLS_2D.gradient(np.array(d.HILLS_START)))
    close(shown["path"], HILLS_2D.descent(d.HILLS_START, d.HILLS_ETA, d.HILLS_STEPS))


@pytest.mark.slow
def test_weight_and_gradient_columns_are_real(fresh, gradient, render_scene):
    shown = render(SCENE["DescentInManyDimensions"], render_scene).shown
    w, g = shown["weights"], shown["minus_gradient"]
    close(w.shown_values(), fresh.flat()[w.shown])
    close(g.shown_values(), -gradient[g.shown], rel=1e-9)
    assert w.values.size == g.values.size == 13_002


@pytest.mark.slow
def test_film_accuracies_are_sgd_snapshots_scored_on_the_test_set(fresh, train, test_split, render_scene):
    shown = render(SCENE["TrainingAsAFilm"], render_scene).shown
    steps = film_steps(d.FILM_EPOCHS * len(train) // d.FILM_BATCH, d.FILM_FRAMES)
    history = nm.sgd(fresh, train, d.FILM_EPOCHS, d.FILM_BATCH, d.ETA, d.FRESH_SEED, snapshots=steps.tolist())
    expected = [nm.evaluate(history.snapshots[int(s)], test_split.images, test_split.labels).accuracy for s in steps]
    close(shown["accuracies"], expected[1:])
    assert shown["accuracy"].get_value() == pytest.approx(100 * expected[-1])
    assert shown["seen"].get_value() == steps[-1] * d.FILM_BATCH


# ----------------------------------------------------------------------------- gradient vectors


@pytest.mark.slow
def test_sorted_entries_are_the_gradient_sorted_by_magnitude(gradient, render_scene):
    shown = render(SCENE["SortedGradientEntries"], render_scene).shown
    assert len(shown["values"]) == 13_002
    close(np.abs(shown["values"]), np.sort(np.abs(gradient))[::-1], rel=1e-9)
    close(shown["values"], gradient[shown["order"]], rel=0)
    assert len(shown["listed"]) == len(shown["listed_formulas"]) == 5
    for listed, formula in zip(shown["listed"], shown["listed_formulas"]):
        assert listed.index == shown["order"][listed.rank]
        assert formula.values == pytest.approx([-gradient[listed.index]], rel=1e-9)
    low, high = shown["thresholds"].low, shown["thresholds"].high
    assert np.mean(np.abs(gradient) < low) == pytest.approx(1 / 3, abs=1e-3)
    assert np.mean(np.abs(gradient) >= high) == pytest.approx(1 / 3, abs=1e-3)


@pytest.mark.slow
def test_most_and_least_sensitive_output_weights_are_found(fresh, gradient, render_scene):
    shown = render(SCENE["WhichWeightsMatter"], render_scene).shown
    start = fresh.n_parameters - 170  # W3 (10 x 16, row-major), then b3
    w3 = gradient[start:start + 160]
    assert shown["most"] == start + int(np.argmax(np.abs(w3)))
    assert shown["least"] == start + int(np.argmin(np.abs(w3)))
    for key in ("most", "least"):
        assert shown[f"{key}_formula"].values == pytest.approx([gradient[shown[key]]], rel=1e-12)
    close(shown["bowl_gradient"].values, [3.0, 1.0])
    close(shown["bowl_minimum"], [0.0, 0.0])
    assert shown["ratio"] == pytest.approx(abs(gradient[shown["most"]] / gradient[shown["least"]]))


@pytest.mark.slow
def test_recap_costs_are_a_real_full_batch_descent(fresh, train, render_scene):
    shown = render(SCENE["GradientDescentRecap"], render_scene).shown
    n = d.RECAP_IMAGES
    x, y = train.images[:n], train.labels[:n]
    theta, costs = fresh.flat(), []
    for _ in range(d.RECAP_STEPS):  # full-batch gradient descent, written out
        theta = theta - d.RECAP_ETA * nm.backprop(fresh.with_flat(theta), x, y).flat()
        costs.append(nm.cost(nm.feedforward(fresh.with_flat(theta), x).output, y))
    close(shown["costs_shown"], costs, rel=1e-9)
    assert shown["cost"].get_value() == pytest.approx(costs[-1], rel=1e-9)


# ----------------------------------------------------------------------------- analysis


@pytest.mark.slow
def test_counter_ends_at_the_real_score_and_stops_at_each_real_mistake(test_split, render_scene):
    shown = render(SCENE["TestingOnThreeHundredDigits"], render_scene).shown
    e = nm.evaluate(nm.pretrained("standard"), test_split.images[:300], test_split.labels[:300])
    assert shown["counter"].correct.get_value() == e.correct
    assert shown["counter"].total.get_value() == 300
    assert shown["mistakes_shown"] == e.mistakes.tolist()
    full = nm.evaluate(nm.pretrained("standard"), test_split.images, test_split.labels).accuracy
    assert shown["full_accuracy"] == full


@pytest.mark.slow
def test_first_layer_pictures_are_the_trained_rows(render_scene):
    shown = render(SCENE["WhatTheFirstLayerLooksFor"], render_scene).shown
    w1 = nm.pretrained("standard").weights[0]
    for picture, row in zip(shown["pictures"], w1):
        close(picture.weights.ravel() * np.abs(row).max(), row, rel=1e-12)


@pytest.mark.slow
def test_noise_answer_is_the_trained_networks(render_scene):
    shown = render(SCENE["NoiseGoesIn"], render_scene).shown
    out = nm.feedforward(nm.pretrained("standard"), noise_image(d.NOISE_SEED)).output
    close(shown["outputs"].values, out)
    assert shown["guess"] == int(np.argmax(out))
    assert shown["runner_up"] == int(np.argsort(out)[-2])


@pytest.mark.slow
def test_favourite_digits_are_the_top_activations(test_split, render_scene):
    shown = render(SCENE["WhatExcitesEachNeuron"], render_scene).shown
    net = nm.pretrained("standard")
    favourites = shown["favourites"]
    for j in range(net.sizes[1]):
        one = top_exciting(net, test_split.images, 1, j, d.TOP_K)
        np.testing.assert_array_equal(favourites.indices_of(j), one.indices_of(j))
        close(favourites.activations_of(j), one.activations_of(j))
    assert shown["low"] <= favourites.activations.min() < shown["low"] + 1e-3  # "every one at least" low
    labels = test_split.labels
    assert shown["one_digit_rows"] == [k for k, j in enumerate(favourites.neurons)
                                       if len(set(labels[favourites.indices_of(int(j))])) == 1]


@pytest.mark.slow
def test_convolution_map_is_the_kernel_slid_over_the_nine(train, render_scene):
    shown = render(SCENE["ConvolutionSlidesOverADigit"], render_scene).shown
    index = first_of_label(train.labels, 9, 0)
    image = train.images[index].reshape(28, 28)
    out = shown["output"]
    assert out.shape == (25, 25)
    for r, c in ((0, 0), (6, 11), (24, 24), (12, 3)):
        assert out[r, c] == pytest.approx(np.sum(TOP_EDGE_KERNEL * image[r:r + 4, c:c + 4]))
    close(shown["kernel"].shown_values(), TOP_EDGE_KERNEL)
    for r, row in enumerate(shown["rows"]):
        close(row.values, out[r:r + 1])


# ----------------------------------------------------------------------------- research corner


@pytest.fixture(scope="module")
def memorisation(fresh, train, test_split):
    return memorisation_experiment(fresh, (train.images[:d.MEMO_IMAGES], train.labels[:d.MEMO_IMAGES]),
                                   test_split, d.MEMO_EPOCHS, d.MEMO_BATCH, d.MEMO_ETA, d.MEMO_SEED,
                                   d.MEMO_EVAL_EVERY)


@pytest.mark.slow
def test_shuffled_labels_on_screen_are_the_seeded_shuffle(train, render_scene):
    shown = render(SCENE["ResearchCorner"], render_scene).shown
    shuffled = shuffled_labels(train.labels[:d.MEMO_IMAGES], d.MEMO_SEED)
    np.testing.assert_array_equal(shown["shuffled_labels"], shuffled[:8])
    np.testing.assert_array_equal(shown["true_labels"], train.labels[:8])
    assert [int(m.get_tex_string()) for m in shown["labels"]] == shuffled[:8].tolist()


@pytest.mark.slow
def test_research_corner_accuracies_are_nnmaths_run(memorisation, render_scene):
    shown = render(SCENE["TrueVersusShuffledLabels"], render_scene).shown
    for key, run in (("true", memorisation.true), ("shuffled", memorisation.shuffled)):
        assert shown[f"{key}_train"].get_value() == pytest.approx(100 * run.train_accuracy[-1])
        assert shown[f"{key}_test"].get_value() == pytest.approx(100 * run.test_accuracy[-1])
    assert memorisation.true.test_accuracy[-1] > 0.5 > memorisation.shuffled.test_accuracy[-1]


@pytest.mark.slow
def test_surface_ball_starts_at_the_fresh_networks_cost_and_the_readout_is_the_paths(fresh, train, render_scene):
    from scenes.chapter2.surface import SURFACE_IMAGES

    shown = render(SCENE["CostSurfaceInThreeD"], render_scene).shown
    path = shown["path"]
    x, y = train.images[:SURFACE_IMAGES], train.labels[:SURFACE_IMAGES]
    assert path.costs[0] == pytest.approx(nm.cost(nm.feedforward(fresh, x).output, y), rel=1e-9)
    assert shown["readout"].get_value() == pytest.approx(path.costs[-1])
    assert shown["explained"] == pytest.approx(float(np.sum(shown["surface"].plane.explained)))
    assert path.costs[-1] < path.costs[0]
