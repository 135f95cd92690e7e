"""Parameter names and flat indices (layout of Network.flat)."""
import numpy as np
import pytest

import nnmath as nm
from nnmath.parameters import (
    ParameterName, parameter_index, parameter_name, parameter_value, weight_indices, with_parameter,
)


@pytest.fixture(scope="module")
def net():
    return nm.Network.random([784, 16, 16, 10], seed=0)


def test_parameter_index_round_trips_parameter_name_over_all_13002(net):
    flat = net.flat()
    seen = 0
    for index in range(net.n_parameters):
        name = parameter_name(net, index)
        assert parameter_index(net, name.layer, name.j, name.k) == index
        value = net.weights[name.layer][name.j, name.k] if name.kind == "w" else net.biases[name.layer][name.j]
        assert value == flat[index]
        seen += 1
    assert seen == 13_002


def test_names_of_the_first_and_last_parameters(net):
    assert parameter_name(net, 0) == ParameterName(0, "w", 0, 0, 0)
    assert parameter_name(net, 0).tex == "w^{(1)}_{0,0}"
    assert parameter_name(net, 784 * 16) == ParameterName(12_544, "b", 0, 0, None)
    assert parameter_name(net, 13_001).tex == "b^{(3)}_{9}"
    assert parameter_index(net, -1, 9) == 13_001
    assert parameter_index(net, 2, 9, 15) == 13_001 - 10


@pytest.mark.parametrize("index", [-1, 13_002, 1.0, "3"])
def test_parameter_name_rejects_an_index_out_of_range(net, index):
    with pytest.raises(ValueError, match="0..13001"):
        parameter_name(net, index)


@pytest.mark.parametrize("args, match", [((3, 0, 0), "layer=3"), ((0, 16, 0), "j=16"), ((0, 0, 784), "k=784")])
def test_parameter_index_rejects_out_of_range(net, args, match):
    with pytest.raises(ValueError, match=match):
        parameter_index(net, *args)


def test_weight_indices_are_the_flat_positions_of_a_matrix(net):
    flat = net.flat()
    for layer in range(3):
        np.testing.assert_array_equal(flat[weight_indices(net, layer)], net.weights[layer].ravel())
    np.testing.assert_array_equal(weight_indices(net, -1), weight_indices(net, 2))
    with pytest.raises(ValueError, match="out of range"):
        weight_indices(net, 3)


def test_with_parameter_sets_one_value_on_a_copy(net):
    w = with_parameter(net, 1, 3, 4, 7.5)
    b = with_parameter(net, -1, 2, None, -1.25)
    assert parameter_value(w, 1, 3, 4) == 7.5
    assert parameter_value(b, 2, 2, None) == -1.25
    changed = np.flatnonzero(w.flat() != net.flat())
    assert changed.tolist() == [parameter_index(net, 1, 3, 4)]
    assert np.flatnonzero(b.flat() != net.flat()).tolist() == [parameter_index(net, 2, 2)]
    assert parameter_value(net, 1, 3, 4) == float(net.weights[1][3, 4])
    with pytest.raises(ValueError, match="not finite"):
        with_parameter(net, 0, 0, 0, np.nan)
