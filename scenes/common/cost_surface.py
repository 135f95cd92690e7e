r"""The 3-D cost surface with balls rolling down it (chapters 2 and 3).

A :class:`CostSurface` draws a :class:`~scenes.common.descent_surface.DescentSurface`
(the real cost on a plane through parameter space, and the real descent paths
on it) in a ``ThreeDScene``: a smooth surface coloured by height (navy valley,
yellow and red walls), axes at its corner labelled "direction 1",
"direction 2" and "cost" with a few tick numbers, and a marker at the grid's
lowest point. :meth:`CostSurface.ball` puts a light :class:`Ball` on a path's
start; :meth:`CostSurface.roll` rolls it along the path (one smooth curve
through the projected points, at constant speed along the curve) while a trail
grows behind it. :func:`turn_camera` gives the animations of a short camera
move, to pass to ``beat()`` or ``play()`` with the others.

Cairo redraws and re-sorts every face of a ``ThreeDScene`` each frame while
anything moves, so the surface keeps at most 20 x 20 faces, the ball few, and
camera moves are short.

Usage (in a ``ThreeDScene``)::

    self.set_camera_orientation(**VIEW)
    surface = CostSurface(d.surface()).add_to(self)  # a DescentSurface from the chapter's data
    ball, trail = surface.ball(0), surface.trail()
    self.add(trail, ball)
    self.play(surface.roll(ball, 0, trail), *turn_camera(self, theta=15 * DEGREES), run_time=6)
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import (DEGREES, ORIGIN, OUT, Animation, Dot, Line, ManimColor, Mobject, Scene, Sphere, Surface, Text, ThreeDAxes,
                   UpdateFromAlphaFunc, ValueTracker, VGroup, VMobject, interpolate_color, linear)
from manim.camera.three_d_camera import ThreeDCamera
from manim.mobject.three_d.three_d_utils import get_3d_vmob_gradient_start_and_end_points
from numpy.typing import NDArray

from scenes.common.descent_surface import DescentSurface, SurfacePath
from scenes.common.formatting import format_number
from scenes.common.layout import CAPTION_BAND_TOP, FRAME_HEIGHT
from scenes.common.palette import BLUE, GREEN, GREY_B, RED, WHITE, YELLOW

__all__ = ["VIEW", "SURFACE_COLORS", "MAX_FACES", "TRAIL_LIFT", "CostSurface", "Ball",
           "turn_camera", "project", "light_from", "lit"]

#: The default camera for the surface (pass to ``set_camera_orientation(**VIEW)``).
VIEW: dict[str, float] = {"phi": 65 * DEGREES, "theta": -120 * DEGREES}
#: Low to high cost: navy valley floor, blue slopes, yellow and red walls.
SURFACE_COLORS: tuple[ManimColor, ...] = (ManimColor("#1D2F7A"), ManimColor("#2F6FC0"), BLUE, YELLOW, RED)
#: Most faces along each side of the drawn surface.
MAX_FACES = 20
#: Trails run this far above the surface (along its normal), so they are not hidden in it.
TRAIL_LIFT = 0.03
_AXIS_COLOR = GREY_B
_FONT_SIZE = 22


def project(points: NDArray[np.float64], phi: float, theta: float, zoom: float = 1.0,
            frame_center: Sequence[float] = (0.0, 0.0, 0.0)) -> NDArray[np.float64]:
    """Where the Cairo ``ThreeDScene`` camera at ``phi``, ``theta`` draws ``points`` ``(k, 3)`` (screen x, y in columns 0, 1)."""
    camera = ThreeDCamera(phi=phi, theta=theta, zoom=zoom)
    camera.frame_center = np.asarray(frame_center, dtype=np.float64)
    out: NDArray[np.float64] = camera.project_points(np.asarray(points, dtype=np.float64))
    return out


def _nice_step(span: float, count: int) -> float:
    """A 1, 2 or 5 times a power of ten that cuts ``span`` into about ``count`` pieces."""
    raw = span / max(count, 1)
    power = 10.0 ** np.floor(np.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def light_from(view: dict[str, float]) -> NDArray[np.float64]:
    """The light's direction (unit, scene space) for a camera at ``view``: from above and the camera's side."""
    phi, theta = view["phi"], view["theta"]
    towards_camera = np.array([np.sin(phi) * np.cos(theta), np.sin(phi) * np.sin(theta), np.cos(phi)])
    light: NDArray[np.float64] = towards_camera + OUT
    return light / np.linalg.norm(light)


def lit(color: ManimColor, normal: NDArray[np.float64], light: NDArray[np.float64]) -> ManimColor:
    """``color`` on a face with unit ``normal`` lit from ``light``: half as bright turned away, a little
    brighter facing it. Each face is lit once by its own normal (Cairo's shading lights a face's two
    gradient corners by their own normals, which bands a curved surface into zigzags), so scenes
    using the surface turn the camera's shading off (:meth:`CostSurface.prepare`)."""
    k = 0.5 + 0.6 * max(float(np.dot(normal, light)), 0.0)
    return ManimColor(np.clip(np.array(color.to_rgb()) * k, 0.0, 1.0))


def _face_normal(face: VMobject, up: NDArray[np.float64]) -> NDArray[np.float64]:
    """Unit normal of a quad face (cross product of its diagonals), on the ``up`` side."""
    corners = face.get_anchors()[::2]  # each curve's start: the quad's corners in order
    n = np.cross(corners[2] - corners[0], corners[3] - corners[1])
    n = n / max(float(np.linalg.norm(n)), 1e-12)
    return n if np.dot(n, up) >= 0 else -n


class Ball(Sphere):
    """A light ball (few faces, lit once from ``light``) that remembers where on the surface it sits.

    Attributes
    ----------
    place : tuple of float
        ``(u, v, cost)`` of the surface point it touches.
    """

    def __init__(self, radius: float = 0.13, color: ManimColor = WHITE,
                 light: NDArray[np.float64] | None = None, **kwargs: Any) -> None:
        super().__init__(radius=radius, resolution=(8, 4), **kwargs)
        light = light_from(VIEW) if light is None else light
        for face in self:
            outward = face.get_center() - self.get_center()
            shade = lit(ManimColor(color), outward / np.linalg.norm(outward), light)
            face.set_fill(shade, opacity=1.0).set_stroke(shade, width=0.6, opacity=1.0)  # no seams between faces
        self.radius = radius
        self.place = (0.0, 0.0, 0.0)


class CostSurface(VGroup):
    """The cost over the plane, drawn in 3-D, with its axes, labels and lowest point.

    Parameters
    ----------
    data : DescentSurface
        The grid of costs and the paths (:mod:`scenes.common.descent_surface`).
    size : (float, float, float)
        Lengths of the ``u`` and ``v`` sides and of the cost axis (scene units).
    view : dict
        The camera (``phi``, ``theta``) the picture is placed for: its
        projection is centred at ``screen_x`` and sits above the captions band.
    screen_x : float
        Horizontal centre of the picture on screen in that view.
    cost_top : float, optional
        Top of the cost axis; default: the highest cost, rounded up to a tick.

    Attributes
    ----------
    data : DescentSurface
    axes : ThreeDAxes
        Origin at the corner ``(u[0], v[-1], 0)`` (cost axis there); :meth:`point` and :meth:`coords` convert.
    edge : Line
        Direction 1's axis, along the near edge ``v = v[0]``.
    surface : Surface
        Faces coloured by their cost (:data:`SURFACE_COLORS`).
    labels : VGroup
        Axis names and tick numbers (they face the camera once :meth:`add_to` or
        :meth:`prepare` has run).
    minimum : Dot
        Marks the lowest grid point.
    """

    def __init__(self, data: DescentSurface, size: tuple[float, float, float] = (5.6, 5.6, 3.0),
                 view: dict[str, float] | None = None, screen_x: float = 0.0,
                 cost_top: float | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data = data
        self._tracks: dict[tuple[int, int], tuple[_Track, SurfacePath]] = {}
        self.view = dict(VIEW if view is None else view)
        self._u, self._v, self._c = (np.asarray(a, dtype=np.float64) for a in (data.u, data.v, data.costs))
        if self._c.shape != (len(self._v), len(self._u)) or len(self._u) < 2 or len(self._v) < 2:
            raise ValueError(f"costs has shape {self._c.shape}; expected (len(v), len(u)) with 2+ points each")
        high = data.cost_range[1]
        z_step = _nice_step(high, 4)
        self.cost_top = float(cost_top if cost_top is not None else np.ceil(high / z_step - 1e-9) * z_step)
        du, dv = float(self._u[-1] - self._u[0]), float(self._v[-1] - self._v[0])
        # The axes' origin is the corner (u[0], v[-1], 0), which the default view draws leftmost:
        # the cost axis stands there clear of the surface. Their x axis would run along the far
        # edge; it is hidden and ``edge`` draws direction 1 along the near edge instead.
        self.axes = ThreeDAxes(
            x_range=(0, du, du), y_range=(-dv, 0, dv), z_range=(0, self.cost_top, z_step),
            x_length=size[0], y_length=size[1], z_length=size[2], tips=False,  # type: ignore[arg-type]
            num_axis_pieces=4,
            axis_config={"include_ticks": False, "color": _AXIS_COLOR, "stroke_width": 2},
            z_axis_config={"include_ticks": True, "tick_size": 0.05},
        )
        self.axes.x_axis.set_stroke(opacity=0.0)
        self.up = self.axes.z_axis.get_unit_vector()
        self.light = light_from(self.view)
        self.edge = Line(self.point(self._u[0], self._v[0], 0), self.point(self._u[-1], self._v[0], 0),
                         color=_AXIS_COLOR, stroke_width=2)
        self.surface = self._build_surface()
        self.minimum = self._minimum_marker()
        self.labels = self._labels(z_step)
        self.add(self.axes, self.edge, self.surface, self.minimum, self.labels)
        self.place_on_screen(screen_x)

    # ------------------------------------------------------------------ coordinates

    def point(self, u: float, v: float, cost: float) -> NDArray[np.float64]:
        """The scene point of plane coordinates ``(u, v)`` at height ``cost``."""
        out: NDArray[np.float64] = self.axes.c2p(u - self._u[0], v - self._v[-1], cost)
        return out

    def coords(self, point: Sequence[float] | NDArray[np.float64]) -> tuple[float, float, float]:
        """``(u, v, cost)`` of a scene point (inverse of :meth:`point`)."""
        x, y, z = self.axes.p2c(np.asarray(point, dtype=np.float64))
        return float(x + self._u[0]), float(y + self._v[-1]), float(z)

    def cost_at(self, u: float, v: float) -> float:
        """The drawn surface's cost at ``(u, v)``: bilinear between the grid's costs (exact on the grid)."""
        uu, vv = self._u, self._v
        c = int(np.clip(np.searchsorted(uu, u) - 1, 0, len(uu) - 2))
        r = int(np.clip(np.searchsorted(vv, v) - 1, 0, len(vv) - 2))
        s = (u - uu[c]) / (uu[c + 1] - uu[c])
        t = (v - vv[r]) / (vv[r + 1] - vv[r])
        g = self._c
        return float((1 - s) * (1 - t) * g[r, c] + s * (1 - t) * g[r, c + 1]
                     + (1 - s) * t * g[r + 1, c] + s * t * g[r + 1, c + 1])

    def normal(self, u: float, v: float) -> NDArray[np.float64]:
        """The drawn surface's unit normal (scene space, pointing up) at ``(u, v)``."""
        hu = (self._u[-1] - self._u[0]) * 1e-3
        hv = (self._v[-1] - self._v[0]) * 1e-3
        p = self.point(u, v, self.cost_at(u, v))
        du = self.point(u + hu, v, self.cost_at(u + hu, v)) - p
        dv = self.point(u, v + hv, self.cost_at(u, v + hv)) - p
        n = np.cross(du, dv)
        n = n / np.linalg.norm(n)
        return n if n @ self.axes.z_axis.get_unit_vector() > 0 else -n

    # ------------------------------------------------------------------ pieces

    def _build_surface(self) -> Surface:
        nu = min(len(self._u) - 1, MAX_FACES)
        nv = min(len(self._v) - 1, MAX_FACES)
        surface = Surface(
            lambda u, v: self.point(u, v, self.cost_at(u, v)),
            u_range=(float(self._u[0]), float(self._u[-1])), v_range=(float(self._v[0]), float(self._v[-1])),
            resolution=(nu, nv), checkerboard_colors=False, fill_opacity=1.0, stroke_width=0.0,
        )
        for face in surface:
            normal = _face_normal(face, self.up)
            # Two colours: Cairo fills the face with a gradient between the corners it shades by
            # (get_3d_vmob_gradient_start_and_end_points), so colours run on smoothly across faces.
            ends = get_3d_vmob_gradient_start_and_end_points(face)
            colors = [lit(self.color_of(self.cost_at(*self.coords(end)[:2])), normal, self.light) for end in ends]
            face.set_fill(colors, opacity=1.0)  # type: ignore[arg-type]
        return surface

    def color_of(self, cost: float) -> ManimColor:
        """The surface's colour at height ``cost``: :data:`SURFACE_COLORS` spread over the grid's
        costs on a log scale (the valley floor, where the paths spend most steps, keeps its shades)."""
        low, high = np.log(max(float(self._c.min()), 1e-12)), np.log(max(float(self._c.max()), 1e-12))
        level = np.log(max(cost, 1e-12))
        x = float(np.clip((level - low) / max(high - low, 1e-12), 0, 1)) * (len(SURFACE_COLORS) - 1)
        i = min(int(x), len(SURFACE_COLORS) - 2)
        return interpolate_color(SURFACE_COLORS[i], SURFACE_COLORS[i + 1], x - i)

    def _minimum_marker(self) -> Dot:
        u, v, cost = self.data.minimum
        marker = Dot(radius=0.1, color=GREEN)
        marker.move_to(self.point(u, v, cost) + 0.02 * self.normal(u, v))
        return marker

    def _labels(self, z_step: float) -> VGroup:
        """Axis names and the cost axis' tick numbers, offset on screen (for :attr:`view`) from their anchors."""
        rot = ThreeDCamera(phi=self.view["phi"], theta=self.view["theta"]).get_rotation_matrix()
        right, up = rot[0], rot[1]  # scene vectors drawn as screen right / screen up in this view
        u0, u1, v0, v1 = float(self._u[0]), float(self._u[-1]), float(self._v[0]), float(self._v[-1])
        labels = VGroup()

        def put(text: Text, anchor: NDArray[np.float64], screen: tuple[float, float]) -> None:
            labels.add(text.move_to(anchor + screen[0] * right + screen[1] * up))

        put(Text("direction 1", font_size=_FONT_SIZE), self.point((u0 + u1) / 2, v0, 0), (0.0, -0.35))
        name = Text("direction 2", font_size=_FONT_SIZE)
        put(name, self.point(u0, (v0 + v1) / 2, 0), (-(name.width / 2 + 0.2), 0.0))
        put(Text("cost", font_size=_FONT_SIZE, color=RED), self.point(u0, v1, self.cost_top), (0.0, 0.3))
        for value in np.arange(z_step, self.cost_top + 1e-9 * z_step, z_step):
            if value > 0:
                tick = Text(format_number(value, decimals=_decimals(z_step)), font_size=_FONT_SIZE - 4, color=GREY_B)
                put(tick, self.point(u0, v1, value), (-(tick.width / 2 + 0.12), 0.0))
        return labels

    # ------------------------------------------------------------------ the scene

    def place_on_screen(self, screen_x: float = 0.0, screen_y: float | None = None) -> CostSurface:
        """Shift the picture so that, seen from :attr:`view`, its bounding box is centred at
        ``(screen_x, screen_y)``; by default ``screen_y`` centres it between the captions band
        (:data:`CAPTION_BAND_TOP`) and the top of the frame."""
        if screen_y is None:
            screen_y = (CAPTION_BAND_TOP + FRAME_HEIGHT / 2) / 2
        rot = ThreeDCamera(phi=self.view["phi"], theta=self.view["theta"]).get_rotation_matrix()
        for _ in range(3):  # perspective: a few corrections converge
            lo, hi = self.screen_box()
            centre = (lo + hi) / 2
            self.shift((screen_x - centre[0]) * rot[0] + (screen_y - centre[1]) * rot[1])
        return self

    def screen_box(self, view: dict[str, float] | None = None) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Lowest and highest screen ``(x, y)`` of the picture seen from ``view`` (default :attr:`view`).

        Labels count by their centre's projection plus their own size, as the
        camera draws them once they face it.
        """
        view = self.view if view is None else view
        label_family = set(self.labels.get_family())
        solid = [m for m in self.get_family() if m not in label_family and m.has_points()]
        points = project(np.concatenate([m.points for m in solid]), view["phi"], view["theta"])[:, :2]
        boxes = [points.min(axis=0), points.max(axis=0)]
        for label in self.labels:
            centre = project(label.get_center()[None, :], view["phi"], view["theta"])[0, :2]
            half = np.array([label.width, label.height]) / 2
            boxes += [centre - half, centre + half]
        stacked = np.array(boxes)
        return stacked.min(axis=0), stacked.max(axis=0)

    def prepare(self, scene: Scene) -> CostSurface:
        """Ready ``scene`` (a ``ThreeDScene``) for the picture, before adding or fading it in: the labels
        face its camera wherever it turns, and the camera's own shading is off (the faces and
        balls carry theirs, see :func:`lit`)."""
        camera = _camera(scene)
        camera.add_fixed_orientation_mobjects(*self.labels)
        camera.should_apply_shading = False
        return self

    def add_to(self, scene: Scene) -> CostSurface:
        """Add the picture to ``scene`` with its labels facing the camera."""
        self.prepare(scene)
        scene.add(self)
        return self

    def path(self, path: int | SurfacePath) -> SurfacePath:
        """``data.paths[path]``, or ``path`` itself."""
        return self.data.paths[path] if isinstance(path, int) else path

    def ball(self, path: int | SurfacePath = 0, color: ManimColor = WHITE, radius: float = 0.13) -> Ball:
        """A ball resting on the start of ``path`` (an index into ``data.paths``, or a path)."""
        p = self.path(path)
        ball = Ball(radius=radius, color=color, light=self.light)
        self.put(ball, float(p.uv[0, 0]), float(p.uv[0, 1]), float(p.surface_costs[0]))
        return ball

    def put(self, ball: Ball, u: float, v: float, cost: float) -> Ball:
        """Rest ``ball`` on the surface point ``(u, v, cost)``: its centre one radius along the normal."""
        ball.move_to(self.point(u, v, cost) + ball.radius * self.normal(u, v))
        ball.place = (u, v, cost)
        return ball

    def step_point(self, path: int | SurfacePath, step: int) -> NDArray[np.float64]:
        """The scene point where ``path``'s point ``step`` touches the surface (to label or point at)."""
        p = self.path(path)
        return self.point(float(p.uv[step, 0]), float(p.uv[step, 1]), float(p.surface_costs[step]))

    def curve(self, path: int | SurfacePath, samples: int = 8) -> NDArray[np.float64]:
        """``(u, v, cost)`` rows along one smooth curve through the path's projected points.

        A centripetal Catmull-Rom curve through ``uv`` (no loops, no overshoot
        on uneven steps), ``samples`` rows per step, so row ``k * samples`` is
        the path's point ``k``; the cost is the drawn surface's height, corrected
        to be the exact ``surface_costs`` at every path point.
        """
        p = self.path(path)
        uv = np.asarray(p.uv, dtype=np.float64)
        if len(uv) < 2 or samples < 1:
            raise ValueError(f"a path of {len(uv)} points and samples={samples}: need 2+ points and 1+ samples")
        correction = np.asarray(p.surface_costs) - np.array([self.cost_at(a, b) for a, b in uv])
        rows = [np.array([uv[0, 0], uv[0, 1], p.surface_costs[0]])]
        padded = np.vstack([2 * uv[0] - uv[1], uv, 2 * uv[-1] - uv[-2]])
        for i in range(len(uv) - 1):
            pts = _catmull_rom(padded[i : i + 4], samples)
            for k, (a, b) in enumerate(pts[1:], start=1):
                w = k / samples
                rows.append(np.array([a, b, self.cost_at(a, b) + (1 - w) * correction[i] + w * correction[i + 1]]))
        return np.array(rows)

    def _track(self, path: SurfacePath, samples: int) -> _Track:
        key = (id(path), samples)
        if key not in self._tracks:
            curve = self.curve(path, samples)
            contacts = np.array([self.point(*row) for row in curve])
            lifted = contacts + TRAIL_LIFT * np.array([self.normal(row[0], row[1]) for row in curve])
            lengths = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(contacts, axis=0), axis=1))])
            self._tracks[key] = (_Track(curve, contacts, lifted, lengths), path)
        return self._tracks[key][0]

    def trail(self, color: ManimColor = WHITE, width: float = 3.0) -> VMobject:
        """An empty trail for :meth:`roll` to draw (add it to the scene with the ball)."""
        trail = VMobject(stroke_color=color, stroke_width=width)
        trail.set_points_as_corners([ORIGIN, ORIGIN])
        trail.set_stroke(opacity=0.0)
        return trail

    def roll(self, ball: Ball, path: int | SurfacePath = 0, trail: VMobject | None = None,
             start: int = 0, stop: int | None = None, samples: int = 8, **kwargs: Any) -> Animation:
        """Roll ``ball`` along ``path`` from point ``start`` to point ``stop``, at constant speed along the curve.

        Parameters
        ----------
        ball : Ball
            Rests on the path's point ``start`` first and on ``stop`` at the end; ``ball.place`` follows.
        path : int or SurfacePath
            Which path (index into ``data.paths``) or the path itself.
        trail : VMobject, optional
            From :meth:`trail`: drawn from the path's start to the ball, just above the surface
            (so successive rolls of one path continue one trail).
        start, stop : int
            Path points to roll between (default: the whole path, ``0`` to ``path.steps``).
        samples : int
            Curve rows per step (:meth:`curve`).
        **kwargs
            For the animation (``run_time``; ``rate_func`` is ``linear`` unless given).

        Returns
        -------
        Animation
        """
        p = self.path(path)
        stop = p.steps if stop is None else stop
        if not 0 <= start < stop <= p.steps:
            raise ValueError(f"roll from point {start} to {stop}: need 0 <= start < stop <= {p.steps}")
        track = self._track(p, samples)
        first, last = track.lengths[start * samples], track.lengths[stop * samples]
        color = WHITE if trail is None else ManimColor(trail.get_stroke_color())
        width = 0.0 if trail is None else trail.get_stroke_width()

        def update(mob: Mobject, alpha: float) -> None:
            s = first + alpha * (last - first)
            i = int(np.clip(np.searchsorted(track.lengths, s, side="right") - 1, 0, len(track.curve) - 2))
            w = float(np.clip((s - track.lengths[i]) / max(track.lengths[i + 1] - track.lengths[i], 1e-12), 0, 1))
            row = (1 - w) * track.curve[i] + w * track.curve[i + 1]
            self.put(ball, float(row[0]), float(row[1]), float(row[2]))
            if trail is not None:
                head = (1 - w) * track.lifted[i] + w * track.lifted[i + 1]
                trail.set_points_as_corners([*track.lifted[: i + 1], head])
                trail.set_stroke(color, width=width, opacity=1.0)

        kwargs.setdefault("rate_func", linear)
        return UpdateFromAlphaFunc(VGroup(ball) if trail is None else VGroup(ball, trail), update, **kwargs)


@dataclass(frozen=True)
class _Track:
    """A path's curve (``(u, v, cost)`` rows), its surface points and trail points in the scene, arc lengths."""

    curve: NDArray[np.float64]
    contacts: NDArray[np.float64]
    lifted: NDArray[np.float64]
    lengths: NDArray[np.float64]


def _decimals(step: float) -> int:
    return max(0, int(-np.floor(np.log10(step) + 1e-9)))


def _catmull_rom(p: NDArray[np.float64], samples: int) -> NDArray[np.float64]:
    """``samples + 1`` points of the centripetal Catmull-Rom segment from ``p[1]`` to ``p[2]``."""
    t = [0.0]
    for a, b in zip(p[:-1], p[1:]):
        t.append(t[-1] + max(float(np.linalg.norm(b - a)) ** 0.5, 1e-9))
    ts = np.linspace(t[1], t[2], samples + 1)[:, None]

    def lerp(a: NDArray[np.float64], b: NDArray[np.float64], ta: float, tb: float) -> NDArray[np.float64]:
        out: NDArray[np.float64] = ((tb - ts) * a + (ts - ta) * b) / (tb - ta)
        return out

    a1, a2, a3 = lerp(p[0], p[1], t[0], t[1]), lerp(p[1], p[2], t[1], t[2]), lerp(p[2], p[3], t[2], t[3])
    b1, b2 = lerp(a1, a2, t[0], t[2]), lerp(a2, a3, t[1], t[3])
    return lerp(b1, b2, t[1], t[2])


def _camera(scene: Scene) -> ThreeDCamera:
    camera = scene.renderer.camera
    if not isinstance(camera, ThreeDCamera):
        raise TypeError(f"{type(scene).__name__} has a {type(camera).__name__}; the cost surface needs a ThreeDScene")
    return camera


def turn_camera(scene: Scene, phi: float = 0.0, theta: float = 0.0, zoom: float = 1.0) -> list[Animation]:
    """Animations turning the camera of ``scene`` by ``phi`` and ``theta`` (radians) and scaling its zoom.

    Pass them to ``play`` or ``beat`` beside the others; ``run_time`` comes
    from there. Keep moves short (a few tens of degrees): every face is
    redrawn each frame.
    """
    camera = _camera(scene)
    moves = [(camera.phi_tracker, camera.get_phi() + phi, phi != 0),
             (camera.theta_tracker, camera.get_theta() + theta, theta != 0),
             (camera.zoom_tracker, camera.get_zoom() * zoom, zoom != 1.0)]
    return [_to_value(tracker, target) for tracker, target, moved in moves if moved]


def _to_value(tracker: ValueTracker, target: float) -> Animation:
    start = tracker.get_value()

    def update(mob: Mobject, alpha: float) -> None:
        tracker.set_value(start + alpha * (target - start))

    return UpdateFromAlphaFunc(tracker, update)

