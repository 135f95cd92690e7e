"""The 3-D cost surface draws its numbers: vertices at the grid's costs, balls on the paths' points,
labels from scenes.common.formatting, nothing in the captions band; a ThreeDScene runs it."""
import numpy as np
import pytest
from manim import DEGREES, Text, ThreeDScene
from manim.mobject.three_d.three_d_utils import get_3d_vmob_gradient_start_and_end_points

import nnmath as nm
from scenes.common.cost_surface import (
    SURFACE_COLORS, VIEW, Ball, CostSurface, lit, project, turn_camera,
)
from scenes.common.descent import descent_path
from scenes.common.descent_surface import descent_surface
from scenes.common.formatting import format_number
from scenes.common.layout import CAPTION_BAND_TOP, FRAME_HEIGHT, FRAME_WIDTH


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(3)
    net = nm.Network.random([6, 5, 4, 3], seed=1)
    x, y = rng.random((40, 6)), rng.integers(0, 3, 40)
    paths = [descent_path(net, x, y, 12, 2.0), descent_path(net, x, y, 12, 2.0, batch_size=5, seed=1)]
    return descent_surface(net, x, y, paths, grid=6)


@pytest.fixture(scope="module")
def surface(data):
    return CostSurface(data)


def test_points_and_coordinates_convert_both_ways(surface):
    for u, v, c in [(0.0, 0.0, 1.0), (surface.data.u[0], surface.data.v[-1], 0.0), (0.3, -0.2, 2.5)]:
        assert surface.coords(surface.point(u, v, c)) == pytest.approx((u, v, c), abs=1e-9)


def test_the_surface_vertices_are_at_the_grid_costs(surface, data):
    corners = np.array([surface.coords(p) for face in surface.surface for p in face.get_anchors()])
    assert len(surface.surface) == (len(data.u) - 1) * (len(data.v) - 1)
    hits = 0
    for r, v in enumerate(data.v):
        for c, u in enumerate(data.u):
            at = np.hypot(corners[:, 0] - u, corners[:, 1] - v) < 1e-9
            assert at.any(), f"no vertex at grid point ({u}, {v})"
            np.testing.assert_allclose(corners[at, 2], data.costs[r, c], atol=1e-9)
            hits += int(at.sum())
    assert hits == len(corners)  # every vertex is a grid point (faces = grid cells)


def test_faces_are_coloured_by_height(surface, data):
    """Each face runs from the colour of the cost at one gradient corner to the other's, lit by its normal."""
    assert surface.color_of(data.costs.min()) == SURFACE_COLORS[0]
    assert surface.color_of(data.costs.max()) == SURFACE_COLORS[-1]
    for face in surface.surface:
        corners = face.get_anchors()[::2]
        assert len(np.unique(np.round(corners, 12), axis=0)) == 4
        normal = np.cross(corners[2] - corners[0], corners[3] - corners[1])
        normal = np.sign(normal[2]) * normal / np.linalg.norm(normal)
        ends = get_3d_vmob_gradient_start_and_end_points(face)
        expected = [lit(surface.color_of(surface.cost_at(*surface.coords(end)[:2])), normal, surface.light)
                    for end in ends]
        np.testing.assert_allclose([c.to_rgb() for c in face.get_fill_colors()],
                                   [c.to_rgb() for c in expected], atol=1e-6)
    low = lit(SURFACE_COLORS[0], surface.light, surface.light)  # facing the light: a little brighter
    assert np.all(np.array(low.to_rgb()) >= np.array(SURFACE_COLORS[0].to_rgb()))


def test_the_minimum_marker_sits_on_the_lowest_grid_point(surface, data):
    u, v, c = surface.coords(surface.minimum.get_center())
    assert (u, v) == pytest.approx(data.minimum[:2], abs=1e-2) and c == pytest.approx(data.minimum[2], abs=5e-2)


def test_a_ball_rests_on_the_paths_start_and_rolls_to_its_end(surface, data):
    for index, path in enumerate(data.paths):
        ball = surface.ball(index)
        start = (path.uv[0, 0], path.uv[0, 1], path.surface_costs[0])
        assert ball.place == pytest.approx(start)
        contact = ball.get_center() - ball.radius * surface.normal(*start[:2])
        assert surface.coords(contact) == pytest.approx(start, abs=1e-9)
        trail = surface.trail()
        roll = surface.roll(ball, index, trail, run_time=1)
        roll.interpolate(1.0)
        end = (path.uv[-1, 0], path.uv[-1, 1], path.surface_costs[-1])
        assert ball.place == pytest.approx(end, abs=1e-9)
        assert surface.coords(ball.get_center() - ball.radius * surface.normal(*end[:2])) == pytest.approx(end, abs=1e-9)
        assert trail.get_num_points() > 0 and trail.get_stroke_opacity() == 1.0


def test_a_roll_between_two_points_passes_the_path_points_exactly(surface, data):
    path = data.paths[1]
    curve = surface.curve(1, samples=4)
    assert curve.shape == (4 * path.steps + 1, 3)
    np.testing.assert_allclose(curve[::4, :2], path.uv, atol=1e-12)
    np.testing.assert_allclose(curve[::4, 2], path.surface_costs, atol=1e-12)
    ball = Ball()
    roll = surface.roll(ball, 1, start=3, stop=7)
    roll.interpolate(0.0)
    assert ball.place == pytest.approx((*path.uv[3], path.surface_costs[3]), abs=1e-9)
    roll.interpolate(1.0)
    assert ball.place == pytest.approx((*path.uv[7], path.surface_costs[7]), abs=1e-9)
    assert surface.coords(surface.step_point(1, 7)) == pytest.approx((*path.uv[7], path.surface_costs[7]))
    with pytest.raises(ValueError, match="start < stop"):
        surface.roll(ball, 1, start=5, stop=5)


def test_labels_name_the_axes_and_ticks_come_from_formatting(surface):
    texts = [m.original_text for m in surface.labels if isinstance(m, Text)]
    assert texts[:3] == ["direction 1", "direction 2", "cost"]
    step = surface.axes.z_axis.x_range[2]
    expected = [format_number(k * step, decimals=max(0, int(-np.floor(np.log10(step))))) for k in
                range(1, int(round(surface.cost_top / step)) + 1)]
    assert texts[3:] == expected
    assert surface.cost_top >= surface.data.cost_range[1]


@pytest.mark.parametrize("phi, theta", [(0, 0), (0, 20), (0, -20), (-10, 15), (10, -15)])
def test_nothing_in_the_captions_band_or_off_frame_around_the_default_view(surface, phi, theta):
    view = {"phi": VIEW["phi"] + phi * DEGREES, "theta": VIEW["theta"] + theta * DEGREES}
    lo, hi = surface.screen_box(view)
    assert lo[1] > CAPTION_BAND_TOP, f"picture reaches y={lo[1]:.2f} (captions from {CAPTION_BAND_TOP:.2f})"
    assert hi[1] < FRAME_HEIGHT / 2 and -FRAME_WIDTH / 2 < lo[0] and hi[0] < FRAME_WIDTH / 2


def test_the_picture_can_stand_left_or_right(data):
    left = CostSurface(data, screen_x=-3.0)
    lo, hi = left.screen_box()
    assert (lo[0] + hi[0]) / 2 == pytest.approx(-3.0, abs=0.05)
    assert project(left.point(0, 0, 0)[None, :], VIEW["phi"], VIEW["theta"])[0, 0] < 0


class _Rolling(ThreeDScene):
    """What a chapter does: the surface, two balls rolling with trails, a short camera move."""

    def construct(self):
        rng = np.random.default_rng(3)
        net = nm.Network.random([6, 5, 4, 3], seed=1)
        x, y = rng.random((40, 6)), rng.integers(0, 3, 40)
        paths = [descent_path(net, x, y, 6, 2.0), descent_path(net, x, y, 6, 2.0, batch_size=5, seed=1)]
        self.data = descent_surface(net, x, y, paths, grid=5)
        self.set_camera_orientation(**VIEW)
        self.surface = CostSurface(self.data).add_to(self)
        self.balls = [self.surface.ball(0), self.surface.ball(1)]
        trails = [self.surface.trail(), self.surface.trail()]
        self.add(*trails, *self.balls)
        self.play(self.surface.roll(self.balls[0], 0, trails[0], stop=3),
                  *turn_camera(self, theta=15 * DEGREES), run_time=1)
        self.play(self.surface.roll(self.balls[0], 0, trails[0], start=3),
                  self.surface.roll(self.balls[1], 1, trails[1]), *turn_camera(self, phi=-5 * DEGREES), run_time=1)


def test_a_three_d_scene_rolls_the_balls_and_turns_the_camera(render_scene):
    scene = render_scene(_Rolling)
    for ball, path in zip(scene.balls, scene.data.paths):
        assert ball.place == pytest.approx((*path.uv[-1], path.surface_costs[-1]), abs=1e-9)
    camera = scene.renderer.camera
    assert camera.get_theta() == pytest.approx(VIEW["theta"] + 15 * DEGREES)
    assert camera.get_phi() == pytest.approx(VIEW["phi"] - 5 * DEGREES)
    assert all(label in camera.fixed_orientation_mobjects for label in scene.surface.labels)
    assert not camera.should_apply_shading  # the faces carry their own light
    assert scene.renderer.time == pytest.approx(2.0)


def test_a_plain_scene_is_refused(render_scene):
    from manim import Scene

    class Flat(Scene):
        def construct(self):
            rng = np.random.default_rng(0)
            net = nm.Network.random([3, 2, 2], seed=0)
            x, y = rng.random((10, 3)), rng.integers(0, 2, 10)
            paths = [descent_path(net, x, y, 3, 2.0), descent_path(net, x, y, 3, 2.0, batch_size=2)]
            CostSurface(descent_surface(net, x, y, paths, grid=3)).add_to(self)

    with pytest.raises(TypeError, match="ThreeDScene"):
        render_scene(Flat)
