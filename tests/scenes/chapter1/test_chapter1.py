"""Chapter 1: the segments match the post, every scene renders, and its numbers are nnmath's."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from nnmath import evaluate, feedforward, sigmoid
from scenes import chapter1
from scenes.chapter1 import data as ch1
from scenes.chapter1.measures import edge_detector, most_selective_neurons
from scenes.common import data
from scenes.common.measures import first_per_label, top_exciting
from scenes.common.captions import reading_time
from scenes.common.layout import CAPTION_BAND_TOP
from scenes.common.network_diagram import NetworkDiagram
from scenes.common.text import is_in_frame

POST = Path(__file__).resolve().parents[3] / "post" / "neural-networks-post.md"
SCENES = [scene for _, scenes in chapter1.SEGMENTS for scene in scenes]


def post_timeline(title: str) -> list[str]:
    """The timeline titles under the post's heading that starts with ``title``."""
    lines = POST.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip("#").strip().startswith(title))
    titles = []
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        match = re.match(r"\s*-\s*\d+:\d{2}\s*-\s*(.+?)\s*$", line)
        if match:
            titles.append(match.group(1))
    return titles


def test_segments_are_the_posts_chapter_1_timeline():
    assert [title for title, _ in chapter1.SEGMENTS] == post_timeline(chapter1.TITLE)
    assert chapter1.YOUTUBE_ID in POST.read_text(encoding="utf-8")
    assert all(scenes for _, scenes in chapter1.SEGMENTS)
    assert len({s.__name__ for s in SCENES}) == len(SCENES)


def in_caption_band(scene) -> list[str]:
    """What ``scene`` draws now below the caption band's top (the bottom 15 % of the frame)."""
    from manim import VMobject

    found = []
    for mob in scene.mobjects:
        if not mob.has_points() and not mob.submobjects or mob.get_bottom()[1] >= CAPTION_BAND_TOP - 0.02:
            continue
        for part in mob.get_family():
            if not part.has_points() or not isinstance(part, VMobject):
                continue
            if part.get_stroke_opacity() == 0 and part.get_fill_opacity() == 0:
                continue
            if part.get_bottom()[1] < CAPTION_BAND_TOP - 0.02:
                found.append(f"{type(mob).__name__}/{type(part).__name__} down to y={part.get_bottom()[1]:.2f}")
                break
    return found


@pytest.fixture(scope="module")
def rendered(dry_run):
    """Every scene of the chapter, rendered once as a dry run (no frames drawn).

    After every play (so after every beat's animations) the scene is searched for
    anything drawn in the caption band; ``scene.in_band`` lists what was found.
    """
    scenes = {}
    for cls in SCENES:
        with dry_run():
            scene = cls(skip_animations=True)
            scene.in_band = []
            play = scene.play

            def checked_play(*args, _scene=scene, _play=play, **kwargs):
                _play(*args, **kwargs)
                _scene.in_band.extend(f"at {_scene.time:.1f} s: {w}" for w in in_caption_band(_scene))

            scene.play = checked_play
            scene.render()
        scenes[cls.__name__] = scene
    return scenes


pytestmark = [pytest.mark.mnist]


@pytest.mark.slow
def test_every_scene_is_captioned_at_reading_pace_and_under_a_minute(rendered):
    total = 0.0
    for name, scene in rendered.items():
        subs = scene.renderer.file_writer.subcaptions
        assert subs, f"{name} has no subcaptions"
        for sub in subs:
            shown = (sub.end - sub.start).total_seconds()
            assert shown >= reading_time(sub.content) - 1e-6, (name, sub.content)
            assert sub.end.total_seconds() <= scene.renderer.time + 0.1, (name, sub.content)  # frame rounding
        assert scene.renderer.time < 60, f"{name} lasts {scene.renderer.time:.1f} s"
        total += scene.renderer.time
    assert total >= 180


@pytest.mark.slow
def test_nothing_is_drawn_in_the_caption_band(rendered):
    for name, scene in rendered.items():
        assert scene.in_band == [], name
        assert in_caption_band(scene) == [], name


@pytest.mark.slow
def test_nothing_ends_off_frame(rendered):
    for name, scene in rendered.items():
        for mob in scene.mobjects:
            if mob.get_family() and any(m.has_points() for m in mob.get_family()):
                assert is_in_frame(mob, margin=0.05), (name, type(mob).__name__, mob.get_center())


@pytest.mark.slow
def test_introduction_shows_the_real_three_and_the_networks_answer(rendered, net):
    scene = rendered["EveryPixelIsANumber"]
    index = int(first_per_label(data.split("train").labels)[3][0])
    image = data.split("train").images[index]
    assert int(scene.shown["answer"].tex_string) == int(np.argmax(feedforward(net, image).output))
    assert scene.shown["pixels"].value_texts == [f"{v:.1f}" for v in image]


@pytest.mark.slow
def test_preview_reads_test_digits_like_evaluate(rendered, net):
    scene = rendered["RealNetworkReadsDigits"]
    test = data.split("test")
    ev = evaluate(net, test.images[:15], test.labels[:15])
    assert scene.shown["predictions"] == ev.predictions.tolist()
    assert scene.shown["correct"] == ev.correct


@pytest.mark.slow
def test_layers_scene_shows_the_nines_real_outputs(rendered, net):
    scene = rendered["LayersOfTheNetwork"]
    nine = data.split("train").images[first_per_label(data.split("train").labels)[9][0]]
    out = feedforward(net, nine).output
    d = scene.shown["diagram"]
    np.testing.assert_allclose([v.get_value() for v in scene.shown["outputs"]], out[d.layers[-1].shown])
    assert d.highlighted == int(np.argmax(out))
    for l, a in enumerate(feedforward(net, nine).activations):
        np.testing.assert_allclose(d.fill_opacities(l), a[d.shown[l]])
    assert rendered["NeuronHoldsANumber"].shown["activation"].get_value() == nine.max()


@pytest.mark.slow
def test_real_neuron_beat_uses_top_exciting(rendered, net):
    scene = rendered["WhatRealNeuronsLike"]
    test = data.split("test")
    chosen = most_selective_neurons(net, test.images, test.labels, layer=1, k=scene.TOP, count=3)
    assert scene.shown["selective"].neurons.tolist() == chosen.tolist()
    rows = scene.shown["rows"]
    assert [row.neuron for row in rows] == chosen.tolist()
    for row, j in zip(rows, chosen):
        top = top_exciting(net, test.images, 1, int(j), k=scene.TOP)
        assert row.indices.tolist() == top.indices_of(int(j)).tolist()
        np.testing.assert_allclose([v.get_value() for v in row.values], top.activations_of(int(j)))


@pytest.mark.slow
def test_edge_detector_numbers(rendered):
    seven = data.split("train").images[first_per_label(data.split("train").labels)[7][4]]
    w = edge_detector((7, 9), (10, 17))
    expected = float(np.sum(w.ravel() * seven))
    assert rendered["EdgeDetectorWeights"].shown["weighted_sum"].values == pytest.approx([expected])
    three = data.image_map()[3][0]
    rival = float(np.sum(w.ravel() * three))
    assert rendered["EdgeDetectorWeights"].shown["rival_sum"].values == pytest.approx([rival])
    squish = rendered["SquishWithSigmoid"].shown
    r = squish["response"]
    assert r.z == pytest.approx(expected - 10)
    assert r.activation == pytest.approx(float(sigmoid(np.array(expected - 10))))
    assert squish["rival"].activation == pytest.approx(float(sigmoid(np.array(rival - 10))))
    assert squish["bias"].values == [ch1.BAR_BIAS]
    seven_tex, three_tex = squish["results"]
    assert seven_tex.values == pytest.approx([expected - 10, float(sigmoid(np.array(expected - 10)))])
    assert three_tex.values == pytest.approx([rival - 10, float(sigmoid(np.array(rival - 10)))])


@pytest.mark.slow
def test_the_tally_comes_from_the_sizes(rendered, net):
    scene = rendered["CountingParameters"]
    assert scene.shown["tally"].total == net.n_parameters
    assert scene.shown["total"].tex_string == f"{net.n_parameters:,}".replace(",", "{,}")


@pytest.mark.slow
def test_learning_ends_on_the_trained_weights_and_the_first_mistake(rendered, net):
    scene = rendered["LearningMeansFindingWeights"]
    d = scene.shown["diagram"]
    assert len(d.edges) == len(net.weights)
    for i, bundle in enumerate(d.edges):
        np.testing.assert_allclose(bundle.values, net.weights[i][np.ix_(d.shown[i + 1], d.shown[i])])
    fail = rendered["WhenTheNetworkFails"].shown["mistake"]
    test = data.split("test")
    wrong = evaluate(net, test.images, test.labels).mistakes
    assert fail.index == int(wrong[wrong >= 20][0])
    assert fail.prediction != fail.truth == int(test.labels[fail.index])
    assert fail.prediction == int(np.argmax(feedforward(net, test.images[fail.index]).output))


@pytest.mark.slow
def test_matrix_form_numbers_are_the_seeded_layers(rendered):
    scene = rendered["WeightedSumAsMatrix"]
    shown = scene.shown
    net = data.seeded_network((8, 6), ch1.MATRIX_SEED)
    a0 = data.seeded_input(8, ch1.MATRIX_SEED)
    w, b = net.weights[0], net.biases[0]
    np.testing.assert_allclose(shown["weights"].shown_values(), w)
    np.testing.assert_allclose(shown["inputs"].shown_values(), a0)
    np.testing.assert_allclose(shown["biases"].shown_values(), b)
    z = np.array([sum(w[j, k] * a0[k] for k in range(8)) + b[j] for j in range(6)])
    np.testing.assert_allclose(shown["trace"].zs[0], z)  # the weighted sums sigma is applied to
    np.testing.assert_allclose(shown["activations"].shown_values(), 1 / (1 + np.exp(-z)))
    import nnmath.network
    code = rendered["ForwardPassCode"].shown["code"]
    assert "z = a @ w.T + b" in code
    assert all(line.strip() in Path(nnmath.network.__file__).read_text() for line in code.splitlines())


@pytest.mark.slow
def test_recap_and_final_words(rendered, net):
    scene = rendered["NeuronIsAFunction"]
    nine = data.image_map()[9][4]  # the last digit fed in: the number shows its neuron's value
    j = scene.shown["neuron"]
    assert scene.shown["neuron_value"].get_value() == pytest.approx(feedforward(net, nine).activations[2][j],
                                                                    abs=0.005)
    drawn = NetworkDiagram.from_network(net).layers[2].shown
    spread = [np.ptp([feedforward(net, data.image_map()[d][k]).activations[2][i] for d, k in scene.DIGITS])
              for i in drawn]
    assert j == drawn[int(np.argmax(spread))]  # the drawn neuron that changes most over the three digits
    assert [int(t.prediction) for t in scene.shown["traces"]] == [
        int(feedforward(net, data.image_map()[d][k]).prediction) for d, k in ((3, 0), (8, 7), (9, 4))]
    test = data.split("test")
    predictions = evaluate(net, test.images[:30], test.labels[:30]).predictions
    assert rendered["ThirtyTestDigits"].shown["predictions"].tolist() == predictions.tolist()


#: Symbols that belong in captions only: the voice gets words ("times", "sigma", "to").
CAPTION_ONLY = ("×", "→", "σ", "[", "]", "=", "#", "@")


@pytest.mark.slow
def test_every_beat_is_a_script_line_the_voice_can_say(rendered):
    from scenes.common.captions import speech_log

    for name, scene in rendered.items():
        lines = speech_log(scene).lines
        assert lines, f"{name} says nothing"
        for line in lines:
            assert not any(s in line.say for s in CAPTION_ONLY), (name, line.say)
            assert len(line.say.split()) <= 45, (name, line.say)  # one idea per beat
            assert not re.search(r"\d\.\d{4,}", line.say), (name, line.say)  # no raw floats
