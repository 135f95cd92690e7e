"""The own-digit clip's script: no typed figures, and every claim a line makes holds for the numbers it is given."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from nnmath import Network, backprop, feedforward
from nnmath.digit import BOX_SIDE, CENTRE
from nnmath.mnist import IMAGE_SIDE
from scenes.common.narration import typed_figures
from scenes.digit_clip import measures, script
from scenes.digit_clip.data import FITTED_SIDE, ClipInputs


def outputs(*values: float) -> SimpleNamespace:
    return SimpleNamespace(output=np.array(values))


def clip_inputs(inverted: bool = True, thickened: bool = False) -> ClipInputs:
    rng = np.random.default_rng(0)
    return ClipInputs(
        source_name="my 3.png", source_size=(600, 800), picture=rng.random((8, 6)), prepared_picture=rng.random((8, 6)),
        crop=(1.0, 7.0, 1.0, 5.0), inverted=inverted, thickened=thickened, fitted=rng.random((20, 20)),
        offset=(4, 4), x=rng.random(784), net=Network.random([784, 5, 10], seed=1), label=3,
    )  # fmt: skip


def test_no_figure_is_typed_into_the_script():
    assert typed_figures(script) == []


def test_the_sides_come_from_nnmath():
    assert FITTED_SIDE == BOX_SIDE
    assert f"{BOX_SIDE} by {BOX_SIDE}" in script.fit(clip_inputs()).say and f"{IMAGE_SIDE} by {IMAGE_SIDE}" in script.centre(
        measures.Centring((14.0, 14.0), CENTRE, True)).say


def test_picture_sizes_are_the_files():
    line = script.picture(clip_inputs())
    assert "600 by 800 pixels" in line.say and "my 3.png, 600 × 800 pixels" in line.caption


@pytest.mark.parametrize("values, sure", [
    ((0.01, 0.03, 0.99, 0.02), True),
    ((0.6, 0.1, 0.2), False),  # brightest, but below SURE_AT
    ((0.95, 0.5, 0.1), False),  # the runner-up is too close
])
def test_sure_only_when_bright_and_well_ahead(values, sure):
    answer = measures.answer(outputs(*values))
    order = np.argsort(values)[::-1]
    assert (answer.prediction, answer.runner_up) == (order[0], order[1])
    assert answer.confidence == max(values) and answer.runner_up_value == sorted(values)[-2]
    assert answer.sure == sure
    assert answer.sure == (answer.confidence >= measures.SURE_AT
                           and answer.confidence - answer.runner_up_value >= measures.SURE_MARGIN)
    line = script.reads(answer)
    assert ("the network is sure" in line.say) == sure and ("not sure" in line.say) == (not sure)
    assert f"The runner-up, {answer.runner_up}," in line.say
    assert line.caption.startswith(f"It reads {answer.prediction}.")


def test_fired_most_are_the_most_active_first_hidden_neurons():
    net = Network.random([784, 16, 10], seed=3)
    trace = feedforward(net, np.random.default_rng(3).random(784))
    top = measures.fired_most(trace, 3)
    a1 = trace.activations[1]
    assert list(top) == sorted(top)
    assert min(a1[list(top)]) >= max(np.delete(a1, list(top)))
    line = script.fired_most(top, tuple(float(a1[j]) for j in top))
    assert "first hidden layer, these 3 fired most" in line.say


@pytest.mark.parametrize("label", [0, 7])
def test_the_steepest_weight_has_the_largest_derivative_and_descent_moves_it_downhill(label):
    net = Network.random([784, 8, 6, 10], seed=label)
    x = np.random.default_rng(label).random(784)
    c = measures.steepest_weight(net, x, label)
    nabla_w = backprop(net, x, label).nabla_w
    assert abs(nabla_w[c.layer][c.j, c.k]) == max(float(np.abs(g).max()) for g in nabla_w)
    assert c.product == pytest.approx(nabla_w[c.layer][c.j, c.k], rel=1e-12)
    line = script.downhill(c)
    w_after_a_step = c.w - 0.1 * c.product
    assert ("would lower this weight" in line.say) == (w_after_a_step < c.w)
    assert ("would raise this weight" in line.say) == (w_after_a_step > c.w)
    assert ("It is positive" in line.say) == (c.product > 0)
    factors = script.chain(c, len(net.sizes), "sigmoid").caption
    assert factors.count("·") == 2 and factors.endswith(script.significant(c.factors[2])[0])
    assert "changes this cost fastest? Of all the weights" in script.steepest(c, len(net.sizes)).say


def test_neuron_names_follow_the_layers():
    assert script.neuron_name(0, 5, 4) == "pixel 5"
    assert script.neuron_name(2, 8, 4) == "neuron 8 of the second hidden layer"
    assert script.neuron_name(3, 8, 4) == "output 8"
    assert script.neuron_caption(1, 8, 4) == "neuron 8 of hidden layer 1"


@pytest.mark.parametrize("label", [2, 5])
def test_right_or_wrong_as_the_label_says(label):
    answer = measures.answer(outputs(0.0, 0.1, 0.9, 0.2, 0.0, 0.3))
    line = script.verdict(label, answer, 0.0123)
    right = label == answer.prediction
    assert ("is right" in line.say) == right and ("is wrong" in line.say) == (not right)
    assert line.caption.endswith("Cost C₀ = 0.012") and "0.012." in line.say


def test_in_the_middle_only_when_the_centre_landed_there():
    x = np.zeros((IMAGE_SIDE, IMAGE_SIDE))
    x[13:16, 13:16] = 1.0  # centre of mass (14, 14)
    middle = measures.centring(x.ravel())
    assert middle.in_the_middle and "lands in the middle" in script.centre(middle).say
    x = np.zeros((IMAGE_SIDE, IMAGE_SIDE))
    x[0:3, 0:3] = 1.0  # ink against the corner: the shift was clamped
    corner = measures.centring(x.ravel())
    assert not corner.in_the_middle and "as near the middle as the field allows" in script.centre(corner).say


def test_ink_and_fit_say_what_the_preparation_did():
    assert "negative" in script.ink(clip_inputs(inverted=True)).say
    assert "already light on black" in script.ink(clip_inputs(inverted=False)).say
    assert "thickened" in script.fit(clip_inputs(thickened=True)).say
    assert "thickened" not in script.fit(clip_inputs(thickened=False)).say


def test_forward_names_the_hidden_layers_by_their_sizes():
    assert "2 hidden layers of 16 neurons, then the 10 outputs" in script.forward((784, 16, 16, 10)).say
    assert "hidden layers of 30 and 20 neurons" in script.forward((784, 30, 20, 10)).say
    assert "a hidden layer of 30 neurons" in script.forward((784, 30, 10)).say
