"""Chapter 3's script: no typed figure, and every claim a line makes about the numbers holds for them.

The numbers are recomputed here from nnmath and the chapter's data; no scene is rendered.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import nnmath as nm
from nnmath.parameters import parameter_name
from scenes.chapter3 import data as d
from scenes.chapter3 import script
from scenes.chapter3.recap import EARLY_STEPS
from scenes.chapter3.walkthrough import ExamplesAverageIntoTheGradient
from scenes.common import data
from scenes.common.narration import Line, typed_figures

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.mnist


def test_the_script_types_no_figure():
    assert typed_figures(script, allow=("0", "1")) == []


def test_every_script_function_returns_a_line_whose_voice_spells_no_symbol():
    lines = [script.title(), script.plan(), script.sweep(), script.direction(13, 4), script.wishes(2),
             script.code("backprop.py"), script.same_gradient()]
    assert all(isinstance(line, Line) for line in lines)
    for line in lines:
        assert not re.search(r"[∇∂σ]|\(y - a\)", line.say), f"the voice reads symbols: {line.say!r}"
    assert "backprop dot py" in script.code("backprop.py").say


# ----------------------------------------------------------------------------- recap


@pytest.fixture(scope="module")
def pair():
    return d.recap_pair()


def test_the_teal_weight_moves_the_cost_only_a_little_and_the_yellow_is_more_sensitive(pair):
    assert abs(pair.small.change) < abs(pair.big.change) / 10
    assert pair.big.change / pair.small.change > 1
    assert round(pair.big.gradient / pair.small.gradient) > 1
    assert script.nudged_big(pair.big.change).say.split()[4] == ("raises" if pair.big.change > 0 else "lowers")


def test_most_of_the_recap_drop_comes_in_the_first_steps():
    costs = d.recap_path().costs
    assert np.all(np.diff(costs) < 0), "the cost falls at every step"
    early = (costs[0] - costs[EARLY_STEPS]) / (costs[0] - costs[-1])
    assert early > 0.5
    assert f"first {EARLY_STEPS} steps" in script.fall(len(costs) - 1, costs[0], costs[-1], EARLY_STEPS, early).say


def test_pixel_zero_is_blank_and_its_weight_entry_is_exactly_zero():
    net = d.untrained()
    index = int(d.table_rows()[0])
    assert parameter_name(net, index).layer == 0
    pixel = parameter_name(net, index).k
    images = data.split("train").images
    assert np.all(images[:, pixel] == 0)
    x, y = d.path_data()
    assert nm.backprop(net, x, y).flat()[index] == 0


# ----------------------------------------------------------------------------- walkthrough


@pytest.fixture(scope="module")
def two():
    net = d.untrained()
    x = data.digit("train", d.two_index())
    return net, x, nm.backprop(net, x, d.LABEL), nm.nudges(net, x, d.LABEL)


def test_the_walkthrough_digit_is_dim_and_wants_up_the_others_down(two):
    _, _, g, nudges = two
    wish = nudges.wanted[-1]
    assert wish[d.LABEL] > 0 and np.all(np.delete(wish, d.LABEL) < 0)
    far = int(np.argmax(np.abs(wish)))
    assert far != d.LABEL, "the strongest wish is an output that should be zero"
    assert g.trace.output[d.LABEL] < 0.5, "the seeded network gets the digit wrong"


def test_the_other_output_pulls_hardest_and_often_the_other_way(two):
    nudges = two[3]
    pulls = np.abs(nudges.wishes[-1]).max(axis=1)
    pulls[d.LABEL] = -1
    other = int(np.argmax(pulls))
    disagree = np.sign(nudges.wishes[-1][other]) != np.sign(nudges.wishes[-1][d.LABEL])
    assert disagree.mean() >= 1 / 3, "'often the other way': at least a third of the neurons"


def test_the_label_asks_for_an_increase_the_others_mostly_a_decrease():
    table = d.example_table()
    row = ExamplesAverageIntoTheGradient.into_label_row(table)
    labels = data.split("train").labels[: d.TABLE_EXAMPLES]
    e = int(np.flatnonzero(labels == d.LABEL)[0])
    column = table.per_example[:, row]
    assert column[e] > 0
    opposite = int(np.sum(np.delete(column, e) < 0))
    assert opposite == len(column) - 1, "every other example asks for a decrease"
    assert f"{opposite} of the other" in script.others_disagree(d.LABEL, len(column) - 1, opposite).say


# ----------------------------------------------------------------------------- stochastic gradient descent


def test_mini_batch_lines_say_up_or_down_as_the_costs_go():
    demo = d.batch_demo()
    costs = demo.path.costs
    for r in range(1, len(costs)):
        line = script.batch_step(r, costs[r - 1], costs[r], d.ETA)
        if r > 1:
            assert ("raises" in line.say) == (costs[r] > costs[r - 1])
    assert d.BATCH_DEMO_IMAGES % d.BATCH_DEMO_SIZE == 0, "'N times cheaper' is a whole number"


def test_the_drunk_man_heads_downhill_and_ends_a_little_higher():
    s = d.descent_surface()
    full, mini = s.paths
    assert mini.costs[-1] < mini.costs[0], "he heads downhill too"
    higher = mini.costs[-1] - full.costs[-1]  # "ends a little higher" (the line says "even lower" otherwise)
    assert 0 < higher < 0.1 * (full.costs[0] - full.costs[-1])
    assert "a little higher" in script.work_ratio(True, 1).say and "even lower" in script.work_ratio(False, 1).say
    assert s.plane.explained.sum() > 0.5, "the two directions the walks moved along most"
    path = d.descent_map()
    assert path.full_batch == full.batch_size and path.mini_batch == mini.batch_size


# ----------------------------------------------------------------------------- final words


def test_every_chapter_gradient_comes_from_backprop_and_sgd_is_tested_equal():
    sources = [*ROOT.glob("scenes/chapter3/**/*.py"), ROOT / "scenes" / "common" / "descent.py"]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bsgd\(", text), f"{path.name} trains with sgd: 'every gradient' would be false"
    tests = (ROOT / "tests" / "nnmath" / "test_sgd.py").read_text(encoding="utf-8")
    assert "def test_one_step_equals_a_manual_step_with_backprop" in tests
