"""Chapter 4's script: no figure typed in, and every claim a line makes about the numbers is true.

The claims are checked against nnmath directly, and against what the scenes show (read back from
``scene.shown`` after a silent dry run, once per module).
"""
from __future__ import annotations

import inspect
import re

import numpy as np
import pytest

import nnmath as nm
from scenes import chapter4 as ch4
from scenes.chapter4 import chain, data, meaning, script
from scenes.chapter4.measures.partials import copy_examples
from scenes.chapter4.mobjects import SIG_CHECK
from scenes.common.formatting import format_number
from scenes.common.narration import Line, typed_figures

SCENE = {cls.__name__: cls for _, classes in ch4.SEGMENTS for cls in classes}

#: Notation, not results: C0 and C_k, layer names L-1 and L-2, the square, the 2 of 2(a - y), dz/db = 1.
NOTATION = re.compile(r"C_?0|L-[12]|\^2|\b2\(|= 1\b|dC_k")


def test_no_figure_is_typed_into_the_script():
    source = NOTATION.sub("", inspect.getsource(script))
    assert typed_figures(source) == []


def test_every_line_function_returns_a_line():
    for name in script.__all__:
        assert callable(getattr(script, name)), name
    assert isinstance(script.calculus(), Line)


def test_the_toy_networks_are_said_to_be_seeded_toys():
    for line in (script.simplest(0.5), script.more_neurons(data.INDEXED_SIZES)):
        assert "toy" in line.say and "seeded" in line.say
        assert "seeded" in line.caption


@pytest.fixture(scope="module")
def rendered(dry_run):
    scenes = {}

    def render(name):
        if name not in scenes:
            with dry_run():
                scene = SCENE[name]()
                scene.render()
            scenes[name] = scene
        return scenes[name]

    return render


@pytest.fixture(scope="module")
def tiny():
    net = nm.Network.random([1, 1, 1, 1], seed=data.TINY_SEED)
    return net, np.array([0.5]), np.array([1.0])


# ----------------------------------------------------------------------------- the introduction


@pytest.mark.slow
@pytest.mark.mnist
def test_the_leading_zeros_are_weights_from_blank_pixels(rendered):
    """'The first N shown are exactly zero; they belong to weights from blank pixels.'"""
    scene = rendered("FromIntuitionToCalculus")
    ex = data.real_example()
    column, zeros = scene.shown["gradient"], scene.shown["leading_zeros"]
    assert zeros >= 1
    assert column.shown[:zeros].tolist() == list(range(zeros)), "the first entries of the flat gradient"
    assert np.all(column.shown_values()[:zeros] == 0)
    assert column.shown_values()[zeros] != 0
    # flat entries 0..zeros-1 are weights[0][0, k], k = 0..zeros-1: their pixels are blank
    assert np.all(ex.x[:zeros] == 0)
    assert scene.shown["guess"] != ex.label, "the network misreads it"


# ----------------------------------------------------------------------------- the chain rule


def test_the_nudge_is_small_and_shrinks_down_the_chain(tiny):
    """'Nudge the weight a little'; 'down the chain the nudge shrinks'."""
    net, x, y = tiny
    w0 = net.weights[-1][0, 0]
    moved = nm.parameters.with_parameter(net, -1, 0, 0, w0 + chain.NUDGE)
    before, after = nm.feedforward(net, x), nm.feedforward(moved, x)
    dz = after.zs[-1][0] - before.zs[-1][0]
    dc = nm.cost(after.output, y) - nm.cost(before.output, y)
    assert abs(dc) < abs(dz) < chain.NUDGE
    # small: the derivative predicts the cost's change to within 5 %
    slope = nm.backprop(net, x, y).nabla_w[-1][0, 0]
    assert abs(slope * chain.NUDGE - dc) < 0.05 * abs(dc)
    # and the sweep stays on every number line
    for value in (w0, w0 + chain.NUDGE):
        lo, hi = chain.same_scale_range(value)
        assert lo < w0 + chain.NUDGE < hi and lo < w0 < hi


@pytest.mark.slow
def test_number_lines_share_one_scale_with_tick_labels(rendered):
    scene = rendered("NudgingTheWeight")
    units = []
    for name in ("w", "z", "a", "C0"):
        line = scene.shown[f"{name}_line"].line
        units.append(np.linalg.norm(line.n2p(1.0) - line.n2p(0.0)))
        assert len(line.numbers) >= 5, f"{name}: tick labels"
    assert np.ptp(units) < 1e-9
    effect = scene.shown["nudge"]
    assert effect.dw == chain.NUDGE and abs(effect.dc) < abs(effect.dz) < effect.dw


@pytest.mark.slow
def test_the_finite_difference_agrees_in_the_digits_said(rendered):
    f = rendered("ComputingEachFactor").shown
    assert f["agree_digits"] == SIG_CHECK
    assert f["product"].texts[-1] == f["finite_difference"].texts[0]


def test_agreeing_digits():
    assert chain.agreeing_digits(0.123456789, 0.123456788) == 7
    assert chain.agreeing_digits(0.1234, 0.1209) == 2
    assert chain.agreeing_digits(1.0, -1.0) == 0


# ----------------------------------------------------------------------------- what they mean


def test_a_dim_neuron_makes_the_weight_matter_less(tiny):
    """'A dim previous neuron: the derivative shrinks'; 'a bright one: much more'."""
    net, x, y = tiny
    last = nm.Network(net.weights[-1:], net.biases[-1:], net.activation, net.output_activation)
    real = nm.feedforward(net, x).activations[-2][0]

    def dc_dw(a):
        return abs(nm.chain_rule(last, np.array([a]), y, -1, 0, 0).product)

    assert meaning.DIM < real < meaning.BRIGHT
    assert dc_dw(meaning.DIM) < dc_dw(real) < dc_dw(meaning.BRIGHT)
    assert dc_dw(meaning.BRIGHT) > 10 * dc_dw(meaning.DIM), "much more"


def test_the_toy_network_answers_about_the_same_for_every_example(tiny):
    """'It answers about 0.66 whatever the input': every output rounds to the mean's two decimals."""
    net = tiny[0]
    xs, ys = copy_examples(data.EXAMPLE_COUNT, seed=data.EXAMPLE_SEED)
    out = nm.feedforward(net, xs).activations[-1][:, 0]
    assert {format_number(o) for o in out} == {format_number(out.mean())}


@pytest.mark.slow
def test_examples_wanting_more_ask_to_raise_the_weight(tiny, rendered):
    net = tiny[0]
    f = rendered("AverageOverExamples").shown
    xs, ys = copy_examples(data.EXAMPLE_COUNT, seed=data.EXAMPLE_SEED)
    out = nm.feedforward(net, xs).activations[-1][:, 0]
    per = np.array([f[f"example_{k}"].get_value() for k in range(len(xs))])
    wants_more = ys[:, 0] > out
    np.testing.assert_array_equal(per < 0, wants_more)
    assert f["above"] == wants_more.sum() and f["below"] == (~wants_more).sum()
    assert 0 < f["above"] < len(xs), "both kinds are there"
    assert len({format_number(p, significant=3) for p in per}) == len(per), "every example's derivative differs"
    assert f["output"] == pytest.approx(out.mean())


# ----------------------------------------------------------------------------- the real network


@pytest.mark.slow
@pytest.mark.mnist
def test_the_real_network_claims(rendered):
    """'The largest is on a weight of the first layer, about N times the smallest'; 'less than one part in
    a million'."""
    f = rendered("CheckOnTheRealNetwork").shown
    check = data.real_check()
    sizes = np.array([abs(r.chain) for r in check.rows])
    largest = check.rows[int(np.argmax(sizes))]
    assert f["largest_row"] == largest
    ratio = sizes.max() / sizes.min()
    assert f["size_ratio"] == pytest.approx(ratio, abs=50)
    line = script.check_rows(len(data.real_example().net.weights) - 1 - largest.layer, largest.layer == 0,
                             float(sizes.max()), f["size_ratio"])
    if "farthest" in line.say:
        assert largest.layer == 0
    assert check.max_relative_error < 1e-6


@pytest.mark.slow
@pytest.mark.mnist
def test_the_dominant_terms_are_the_true_digit_and_the_answer(rendered):
    f = rendered("FactorTreeOfARealWeight").shown
    tree = data.real_factor_tree()
    ex = data.real_example()
    guess = int(nm.feedforward(ex.net, ex.x).prediction)
    top_two = sorted(int(i) for i in np.argsort(np.abs(tree.next_terms))[-2:])
    assert f["top_two"] == top_two
    line = script.dominant_terms(top_two, ex.label, guess)
    if "true digit" in line.say:
        assert top_two == sorted([ex.label, guess])
