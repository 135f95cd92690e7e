"""The toolkit draws what nnmath computes: edges follow weights, fills follow activations."""
from __future__ import annotations

import numpy as np
import pytest
from manim import Scene

from nnmath import Network, feedforward
from scenes.common.measures import shown_input_pixels
from scenes.common.captions import caption, reading_time
from scenes.common.digit import DigitImage, PixelGrid, WeightHeatMap
from scenes.common.edges import WIDTH_LEVELS
from scenes.common.network_diagram import NetworkDiagram, default_shown
from scenes.common.numbers import DecimalColumn, DecimalGrid
from scenes.common.palette import BLUE, GREEN, LOWER_COLOR, RAISE_COLOR, RED, weight_width
from scenes.common.text import fit_in_frame, is_in_frame


@pytest.fixture(scope="module")
def small_net():
    return Network.random([784, 16, 16, 10], seed=3)


@pytest.fixture(scope="module")
def diagram(small_net):
    return NetworkDiagram.from_network(small_net)


def test_weight_width_is_three_times_ratio_cubed_and_capped():
    np.testing.assert_allclose(weight_width([1.0, -0.5, 2.0], max_abs=1.0), [3.0, 3 * 0.125, 3.0])
    with pytest.raises(ValueError, match="max_abs"):
        weight_width([1.0], max_abs=0.0)


def test_reading_time_is_two_seconds_plus_point_three_per_word():
    assert reading_time("one two three four") == pytest.approx(3.2)
    with pytest.raises(ValueError):
        reading_time("   ")


def test_input_layer_shows_the_pixels_with_the_largest_weight_columns(diagram, small_net):
    np.testing.assert_array_equal(diagram.shown[0], shown_input_pixels(small_net, 16))
    norms = np.linalg.norm(small_net.weights[0], axis=0)
    assert norms[diagram.shown[0]].min() >= np.sort(norms)[-16]
    assert [len(diagram.neurons(l)) for l in range(4)] == [16, 16, 16, 10]
    assert diagram.layers[0].brace is not None and diagram.layers[1].brace is None


def test_edge_colours_and_widths_follow_the_real_weights(diagram, small_net):
    for i, bundle in enumerate(diagram.edges):
        w = small_net.weights[i][np.ix_(diagram.shown[i + 1], diagram.shown[i])]
        expected = 3 * (np.abs(w) / np.abs(w).max()) ** 3
        np.testing.assert_allclose(bundle.exact_widths, expected)
        assert np.all(bundle.drawn_widths >= bundle.exact_widths - 1e-12)
        assert np.all(bundle.drawn_widths - bundle.exact_widths <= 3 / WIDTH_LEVELS + 1e-12)
        for j, k in [(0, 0), (3, 5), (w.shape[0] - 1, w.shape[1] - 1), np.unravel_index(np.argmax(np.abs(w)), w.shape)]:
            color, width = bundle.drawn_style(int(j), int(k))
            assert color.to_hex() == (BLUE if w[j, k] > 0 else RED).to_hex()
            assert width == pytest.approx(bundle.drawn_widths[j, k])
        n_edges = sum(len(p.points) // 4 for p in bundle.submobjects)
        assert n_edges == np.count_nonzero(bundle.drawn_widths)
        assert len(bundle.submobjects) <= 2 * WIDTH_LEVELS


def test_edge_keep_draws_only_the_strongest_edges(small_net):
    d = NetworkDiagram.from_network(small_net, edge_keep=0.3)
    w = small_net.weights[1]
    kept = d.edges[1].keep
    assert kept.sum() == round(0.3 * w.size)
    assert np.abs(w[kept]).min() >= np.abs(w[~kept]).max()


def test_set_activations_fills_each_neuron_with_its_activation(diagram, small_net):
    x = np.linspace(0, 1, 784)
    trace = feedforward(small_net, x)
    diagram.set_activations(trace)
    for l in range(4):
        np.testing.assert_allclose(diagram.fill_opacities(l), trace.activations[l][diagram.shown[l]])
    diagram.clear_activations()
    assert diagram.fill_opacities(3).max() == 0


def test_gradient_style_colours_raise_and_lower(small_net):
    d = NetworkDiagram.from_network(small_net)
    g = np.random.default_rng(0).standard_normal(small_net.weights[2].shape)
    d.set_edge_values(2, g, "gradient")
    b = d.edges[2]
    for j, k in [(0, 0), (4, 7)]:
        color, _ = b.drawn_style(j, k)
        assert color.to_hex() == (RAISE_COLOR if g[j, k] < 0 else LOWER_COLOR).to_hex()
    np.testing.assert_allclose(b.exact_widths, 3 * np.abs(g) / np.abs(g).max())


def test_diagram_rejects_weights_of_the_wrong_shape():
    with pytest.raises(ValueError, match="weights have shapes"):
        NetworkDiagram([3, 2], weights=[np.zeros((3, 2))])


def test_default_shown_is_first_and_last_eight():
    assert default_shown(10).tolist() == list(range(10))
    assert default_shown(100).tolist() == list(range(8)) + list(range(92, 100))


def test_digit_mobjects_draw_the_image_pixels():
    rng = np.random.default_rng(1)
    x = np.where(rng.random(784) < 0.3, rng.random(784), 0.0)
    grid = PixelGrid(x)
    np.testing.assert_allclose(grid.drawn_pixels(), x.reshape(28, 28))
    image = DigitImage(x)
    assert np.abs(image.drawn_pixels() - x.reshape(28, 28)).max() <= 0.5 / 32 + 1e-12
    with pytest.raises(ValueError, match="x.ravel|784"):
        DigitImage(np.zeros((27, 28)))


def test_pixel_grid_writes_every_value():
    x = np.round(np.linspace(0, 0.99, 784), 2)
    grid = PixelGrid(x, show_values=True, num_decimal_places=1)
    assert len(grid.values) <= 2 * len(set(grid.value_texts))
    assert grid.value_texts[783] == f"{x[783]:.1f}" and len(grid.value_texts) == 784


def test_heat_map_colours_by_sign_and_opacity_by_size():
    w = np.zeros(784)
    w[0], w[1], w[2] = 2.0, -1.0, 0.5
    hm = WeightHeatMap(w, positive=GREEN, negative=RED)
    op = hm.drawn_opacities()
    assert op[0, 0] == pytest.approx(1.0) and op[0, 1] == pytest.approx(0.5)
    assert op[0, 2] == pytest.approx(0.25)
    keys = dict(zip([k[1] for k in hm.cell_keys], [k[0] for k in hm.cell_keys]))
    assert keys[1.0] == GREEN.to_hex() and keys[0.5] == RED.to_hex()


def test_decimal_column_remembers_its_values():
    v = np.array([0.123, -4.5678, 0.5, 0.25, 0.75, 0.0, 1.0, 0.333, 0.9, 0.1])
    col = DecimalColumn(v, num_decimal_places=2, max_rows=6)
    assert col.shown.tolist() == [0, 1, 2, 7, 8, 9]
    np.testing.assert_allclose(col.shown_values(), v[col.shown])
    assert col.entries[1].get_value() == pytest.approx(-4.5678)
    assert col.dots is not None
    with pytest.raises(ValueError, match="not shown"):
        col.entry(4)


def test_decimal_grid_shows_the_matrix():
    w = np.arange(12.0).reshape(3, 4) - 5
    grid = DecimalGrid(w, num_decimal_places=1)
    np.testing.assert_array_equal(grid.shown_values(), w)


def test_fit_in_frame_brings_things_inside():
    from manim import Square
    big = Square(20).shift([5, 0, 0])
    assert not is_in_frame(big)
    assert is_in_frame(fit_in_frame(big), margin=0.29)


class _CaptionScene(Scene):
    def construct(self):
        from manim import Circle, Create
        self.took = caption(self, "a short caption of six words", Create(Circle()), run_time=1)
        self.took_long = caption(self, "two words", Create(Circle()), run_time=4)


def test_caption_holds_for_reading_time_and_covers_long_animations(render_scene):
    scene = render_scene(_CaptionScene)
    assert scene.took == pytest.approx(2 + 0.3 * 6)
    assert scene.took_long == pytest.approx(4)
    assert scene.renderer.time == pytest.approx(3.8 + 4)
    subs = scene.renderer.file_writer.subcaptions
    assert [s.content for s in subs] == ["a short caption of six words", "two words"]
    assert subs[1].start.total_seconds() == pytest.approx(3.8)
    assert (subs[1].end - subs[1].start).total_seconds() == pytest.approx(4)


class _ForwardScene(Scene):
    def construct(self):
        net = Network.random([784, 16, 16, 10], seed=5)
        self.trace = feedforward(net, np.linspace(0, 1, 784))
        self.diagram = NetworkDiagram.from_network(net).add_to(self)
        self.play(self.diagram.forward_pass(self.trace, layer_time=0.2))
        self.play(self.diagram.highlight_output(self.trace.prediction))
        g = [np.ones_like(w) for w in net.weights]
        self.play(self.diagram.gradient_sweep(g, layer_time=0.2))


@pytest.mark.slow
def test_forward_pass_ends_with_real_activations_and_the_argmax_boxed(render_scene):
    scene = render_scene(_ForwardScene)
    d, t = scene.diagram, scene.trace
    for l in range(4):
        np.testing.assert_allclose(d.fill_opacities(l), t.activations[l][d.shown[l]])
    assert d.highlighted == t.prediction
    assert all(b.style == "gradient" for b in d.edges)


def test_restyle_after_moving_the_diagram_draws_edges_where_the_neurons_are(small_net):
    d = NetworkDiagram.from_network(small_net).scale(0.5).shift([2.0, -1.0, 0.0])
    d.set_edge_values(1, small_net.weights[1] * -1, "weight")
    starts, ends = d.edges[1].segments()
    left = np.array([c.get_center() for c in d.neurons(1)])
    right = np.array([c.get_center() for c in d.neurons(2)])
    radius = d.neurons(1)[0].width / 2
    assert np.min(np.linalg.norm(starts[:, None, :] - left[None], axis=2), axis=1).max() == pytest.approx(radius)
    assert np.min(np.linalg.norm(ends[:, None, :] - right[None], axis=2), axis=1).max() == pytest.approx(radius)
    copy = d.copy().shift([0.0, 1.0, 0.0])
    copy.set_edge_values(1, small_net.weights[1], "weight")
    moved, _ = copy.edges[1].segments()
    assert np.min(np.abs(moved[:, 1] - starts[:, 1]).max()) > 0.5  # the copy follows its own neurons
