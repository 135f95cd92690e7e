"""The "your own digit" clip: every number it shows is nnmath's, it says its script's lines, the layout is clean
and clear of the caption band."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from nnmath import backprop, cost, feedforward
from nnmath.network import layer_activation
from nnmath.mnist import IMAGE_SIDE
from nnmath.digit import DigitPreparation, centre_of_mass, prepare_digit_steps
from scenes.common.captions import reading_time
from scenes.common.text import is_in_frame
from nnvideo.digit import clip_inputs, read_picture
from scenes.common.formatting import decimals_for
from scenes.common.layout import CAPTION_BAND_TOP
from scenes.common.shown import Shown
from scenes.digit_clip import TOP_NEURONS, DigitClip, measures, script
from scenes.digit_clip.data import INPUTS_ENV, write_inputs
from scenes.digit_clip.mobjects import GreyPicture

pytestmark = pytest.mark.slow


def drawn_four(path: Path) -> Path:
    """A 4 drawn with a thin pen on a large white page (so the preparation thickens it)."""
    image = Image.new("L", (1600, 1200), 255)
    pen = ImageDraw.Draw(image)
    pen.line([(900, 250), (600, 700), (1050, 700)], fill=0, width=10, joint="curve")
    pen.line([(910, 450), (910, 950)], fill=0, width=10)
    image.save(path)
    return path


class CheckedClip(DigitClip):
    """The clip, noting after every play the lowest point of anything on screen."""

    def play(self, *args, **kwargs) -> None:
        super().play(*args, **kwargs)
        drawn = [m for m in self.mobjects if any(p.has_points() for p in m.get_family())]
        self.lowest = min([getattr(self, "lowest", np.inf), *(m.get_bottom()[1] for m in drawn)])


@dataclass(frozen=True)
class Rendered:
    """A dry-run clip: what it showed, the preparation it was given, the scene (timing, subcaptions)."""

    shown: Shown
    steps: DigitPreparation
    scene: CheckedClip


def render_clip(folder: Path, dry_run, net, label: int | None, quick: bool = False) -> Rendered:
    picture_path = drawn_four(folder / "my four.png")
    picture = read_picture(picture_path)
    steps = prepare_digit_steps(picture.grey)
    inputs = write_inputs(clip_inputs(picture_path.name, picture, steps, net, label, quick), folder / "inputs.npz")
    previous = os.environ.get(INPUTS_ENV)
    os.environ[INPUTS_ENV] = str(inputs)
    try:
        with dry_run():
            scene = CheckedClip()
            scene.render()
    finally:
        if previous is None:
            os.environ.pop(INPUTS_ENV, None)
        else:
            os.environ[INPUTS_ENV] = previous
    return Rendered(scene.shown, steps, scene)


@pytest.fixture(scope="module")
def clip(tmp_path_factory, dry_run, net):
    return render_clip(tmp_path_factory.mktemp("labelled"), dry_run, net, label=4)


def test_the_preparation_shows_nnmaths_steps(clip):
    steps = clip.steps
    np.testing.assert_array_equal(clip.shown["prepared_digit"].pixels, steps.image)
    np.testing.assert_array_equal(clip.shown["fitted_picture"].pixels, steps.fitted)
    assert clip.shown["centring"].centre == pytest.approx(centre_of_mass(steps.image))
    assert clip.shown["inputs"].thickened and clip.shown["inputs"].inverted


def test_activations_and_outputs_are_nnmaths(clip, net):
    trace = feedforward(net, clip.steps.x)
    np.testing.assert_allclose(clip.shown["trace"].output, trace.output, atol=1e-12)
    drawn = clip.shown["diagram"].layers[-1].shown
    np.testing.assert_allclose([v.get_value() for v in clip.shown["outputs"]], trace.output[drawn], atol=1e-12)
    for l in range(len(net.sizes)):
        expected = np.clip(trace.activations[l][clip.shown["diagram"].shown[l]], 0, 1)
        np.testing.assert_allclose(clip.shown["diagram"].fill_opacities(l), expected, atol=1e-9)
    assert clip.shown["diagram"].highlighted == int(trace.prediction) == clip.shown["prediction"]
    order = np.argsort(-trace.output)
    assert clip.shown["runner_up"] == int(order[1])


def test_the_neurons_that_fired_most_and_their_weights(clip, net):
    a1 = feedforward(net, clip.steps.x).activations[1]
    assert clip.shown["top_neurons"] == sorted(np.argsort(-a1)[:TOP_NEURONS].tolist())
    values = [v.get_value() for v in clip.shown["top_values"]]
    np.testing.assert_allclose(values, a1[clip.shown["top_neurons"]], atol=1e-12)
    for heat, j in zip(clip.shown["weight_maps"], clip.shown["top_neurons"]):
        np.testing.assert_array_equal(heat.weights, net.weights[0][j].reshape(IMAGE_SIDE, IMAGE_SIDE))


def test_cost_and_chain_rule_of_the_largest_gradient_entry(clip, net):
    x = clip.steps.x
    assert clip.shown["cost"].get_value() == pytest.approx(cost(feedforward(net, x).output, 4), abs=1e-15)
    nabla_w = backprop(net, x, 4).nabla_w
    largest = max(float(np.max(np.abs(g))) for g in nabla_w)
    c = clip.shown["chain"]
    assert abs(nabla_w[c.layer][c.j, c.k]) == largest
    values = [n.get_value() for n in clip.shown["chain_numbers"]]
    assert values == pytest.approx([*c.factors, nabla_w[c.layer][c.j, c.k]], abs=1e-15)
    assert values[3] == pytest.approx(values[0] * values[1] * values[2], rel=1e-12)
    # Each number is written with enough decimals to show it (never a bare 0.00 for a tiny factor).
    for number, value in zip(clip.shown["chain_numbers"], values):
        assert number.num_decimal_places == decimals_for(value)


def test_the_clip_says_its_scripts_lines_in_order_at_reading_pace(clip, net):
    """Silent (as tests run): every caption is a script line built from the shown numbers, none overlap."""
    shown, inputs = clip.shown, clip.shown["inputs"]
    c = shown["chain"]
    layers = len(net.sizes)
    expected = [
        script.picture(inputs), script.ink(inputs), script.crop(), script.fit(inputs), script.centre(shown["centring"]),
        script.input_layer(net.sizes[0], len(shown["diagram"].shown[0])), script.forward(net.sizes),
        script.reads(shown["answer"]),
        script.fired_most(tuple(shown["top_neurons"]), tuple(v.get_value() for v in shown["top_values"])),
        script.weights(), script.verdict(4, shown["answer"], cost(shown["trace"].output, 4)),
        script.steepest(c, layers), script.chain(c, layers, layer_activation(net, c.layer).name),
        script.downhill(c),
    ]
    subs = clip.scene.renderer.file_writer.subcaptions
    assert [sub.content for sub in subs] == [line.caption for line in expected]
    for sub in subs:
        assert (sub.end - sub.start).total_seconds() >= reading_time(sub.content) - 1e-6, sub.content
    for before, after in zip(subs, subs[1:]):
        assert after.start.total_seconds() >= before.end.total_seconds() - 0.1, (before.content, after.content)
    assert 40 < clip.scene.renderer.time < 120


def test_the_answer_shown_is_nnmaths(clip, net):
    answer = clip.shown["answer"]
    assert answer == measures.answer(feedforward(net, clip.steps.x))


def test_nothing_is_drawn_in_the_caption_band(clip):
    """After every play, everything on screen stays above the bottom 15 % of the frame."""
    assert clip.scene.lowest > CAPTION_BAND_TOP


def test_layout_ends_in_frame_and_formulas_clear_the_diagram(clip):
    for mob in clip.scene.mobjects:
        if any(m.has_points() for m in mob.get_family()):
            assert is_in_frame(mob, margin=0.05), (type(mob).__name__, mob.get_center())
    diagram_left = min(layer.get_left()[0] for layer in clip.shown["diagram"].layers)
    formulas = clip.shown["cost_formula"]
    assert formulas.get_right()[0] < diagram_left
    for number in clip.shown["chain_numbers"]:
        assert number.get_right()[0] < diagram_left


def test_without_a_label_no_cost_is_shown_and_quick_is_short(tmp_path, dry_run, net):
    quick = render_clip(tmp_path, dry_run, net, label=None, quick=True)
    assert "cost" not in quick.shown and "chain" not in quick.shown and "prediction" in quick.shown
    assert quick.scene.renderer.time < 15
    assert any("It reads" in sub.content for sub in quick.scene.renderer.file_writer.subcaptions)


def test_grey_picture_draws_each_level_once():
    pixels = np.array([[0.0, 0.5, 0.5], [1.0, 1.0, 0.0]])
    picture = GreyPicture(pixels, height=2.0, levels=4)
    fills = sorted(round(p.get_fill_opacity(), 3) for p in picture.submobjects[:-1])
    assert fills == [0.5, 1.0]
    assert picture.frame.height == pytest.approx(2.0) and picture.frame.width == pytest.approx(3.0)
