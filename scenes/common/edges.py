"""All the edges between two layers as a few grouped paths, and the animations on them.

Drawing 672 edges as 672 ``Line`` mobjects costs Cairo one path each per
frame; an :class:`EdgeBundle` groups the edges of a layer pair by their look
(colour and a width level) into at most ``2 * WIDTH_LEVELS`` VMobjects, each
one path with many subpaths. The flash of a forward pass
(:class:`EdgeFlash`) and a restyle (:class:`RestyleEdges`) are single
animations computed with numpy for the whole bundle.
"""
from __future__ import annotations

from typing import Literal

import numpy as np
from manim import Animation, ManimColor, VGroup, VMobject
from numpy.typing import ArrayLike, NDArray

from .layout import FLASH_WIDTH_FACTOR
from .palette import (BLUE, EDGE_COLOR, LOWER_COLOR, MAX_EDGE_WIDTH, RAISE_COLOR, RED, YELLOW,
                      gradient_width, weight_width)

__all__ = ["WIDTH_LEVELS", "EdgeStyle", "EdgeBundle", "EdgeFlash", "RestyleEdges", "line_points"]

#: Widths are rounded up to one of this many levels in (0, 3].
WIDTH_LEVELS = 12
EdgeStyle = Literal["plain", "weight", "gradient"]


def line_points(starts: NDArray[np.float64], ends: NDArray[np.float64]) -> NDArray[np.float64]:
    """Cubic Bezier control points of straight segments, ``(4 m, 3)`` for ``m`` segments."""
    d = ends - starts
    pts = np.stack([starts, starts + d / 3, starts + 2 * d / 3, ends], axis=1)
    return pts.reshape(-1, 3)


def _quantise(widths: NDArray[np.float64]) -> NDArray[np.float64]:
    step = MAX_EDGE_WIDTH / WIDTH_LEVELS
    return np.where(widths > 0, np.ceil(np.round(widths / step, 9)) * step, 0.0)


class EdgeBundle(VGroup):
    """Every drawn edge from one layer to the next.

    Parameters
    ----------
    starts : (n_out, n_in, 3) ndarray
        Start point of the edge from shown neuron ``k`` of the left layer to
        shown neuron ``j`` of the right layer, at ``[j, k]``.
    ends : (n_out, n_in, 3) ndarray
        End points, same layout.
    values : (n_out, n_in) ndarray, optional
        Weights (style "weight") or gradient entries (style "gradient").
    style : {"plain", "weight", "gradient"}
        "plain": every edge GREY_B at ``plain_width``. "weight": colour by sign
        (``positive``/``negative``), width ``3 (|w|/max|w|)^exponent``.
        "gradient": RAISE_COLOR where the entry is negative, LOWER_COLOR
        otherwise, width ``3 |g|/max|g|``.
    keep : (n_out, n_in) bool ndarray, optional
        Edges to draw (default all).

    Attributes
    ----------
    values : (n_out, n_in) ndarray or None
        What the styles were computed from.
    exact_colors : (n_out, n_in) object ndarray
        The colour each edge has (None where hidden).
    exact_widths : (n_out, n_in) ndarray
        The width each edge should have before rounding to a level (0 where hidden).
    drawn_widths : (n_out, n_in) ndarray
        The width it is drawn with: ``exact_widths`` rounded up to a multiple of 3/12.
    """

    def __init__(
        self,
        starts: ArrayLike,
        ends: ArrayLike,
        values: ArrayLike | None = None,
        style: EdgeStyle = "plain",
        keep: ArrayLike | None = None,
        exponent: float = 3.0,
        plain_width: float = 1.0,
        positive: ManimColor = BLUE,
        negative: ManimColor = RED,
        opacity: float = 1.0,
    ) -> None:
        super().__init__()
        self.starts = np.asarray(starts, dtype=np.float64)
        self.ends = np.asarray(ends, dtype=np.float64)
        if self.starts.shape != self.ends.shape or self.starts.ndim != 3:
            raise ValueError(f"starts {self.starts.shape} and ends {self.ends.shape} must both be (n_out, n_in, 3)")
        self.grid_shape = self.starts.shape[:2]
        self.keep = np.ones(self.grid_shape, bool) if keep is None else np.asarray(keep, bool)
        if self.keep.shape != self.grid_shape:
            raise ValueError(f"keep has shape {self.keep.shape}; expected {self.grid_shape}")
        self.exponent = exponent
        self.plain_width = plain_width
        self.positive, self.negative = positive, negative
        self.edge_opacity = opacity
        self.restyle(values, style)

    def link_neurons(self, left: VGroup, right: VGroup) -> EdgeBundle:
        """Follow these neurons: every restyle recomputes the end points from where they are then.

        ``left[k]`` and ``right[j]`` are the circles edge ``[j, k]`` joins (the
        diagram links its bundles this way, so a moved or scaled diagram restyles
        in place).
        """
        if (len(right), len(left)) != self.grid_shape:
            raise ValueError(f"{len(right)}x{len(left)} neurons for a {self.grid_shape} bundle")
        self.left_neurons, self.right_neurons = left, right
        return self

    def sync_ends(self) -> None:
        """Recompute ``starts``/``ends`` from the linked neurons' current centres and radius."""
        left = getattr(self, "left_neurons", None)
        if left is None:
            return
        a = np.array([c.get_center() for c in left])
        b = np.array([c.get_center() for c in self.right_neurons])
        d = b[:, None, :] - a[None, :, :]
        unit = d / np.linalg.norm(d, axis=2, keepdims=True)
        self.starts = a[None, :, :] + unit * (left[0].width / 2)
        self.ends = b[:, None, :] - unit * (self.right_neurons[0].width / 2)

    # ------------------------------------------------------------------ styling
    def restyle(self, values: ArrayLike | None, style: EdgeStyle) -> EdgeBundle:
        """Recompute colours and widths from ``values`` and rebuild the grouped paths (in place).

        A bundle linked to its neurons (:meth:`link_neurons`) first re-reads where they are.
        """
        self.sync_ends()
        shape = self.grid_shape
        colors = np.empty(shape, dtype=object)
        if style == "plain":
            widths = np.full(shape, float(self.plain_width))
            colors[:] = EDGE_COLOR
            self.values = None if values is None else np.asarray(values, dtype=np.float64)
        else:
            if values is None:
                raise ValueError(f"style {style!r} needs values of shape {shape}")
            v = np.asarray(values, dtype=np.float64)
            if v.shape != shape:
                raise ValueError(f"values have shape {v.shape}; expected {shape} (shown neurons)")
            self.values = v
            top = float(np.max(np.abs(v[self.keep]))) if self.keep.any() else 0.0
            if style == "weight":
                widths = weight_width(v, top, self.exponent) if top > 0 else np.zeros(shape)
                colors[:] = self.negative
                colors[v > 0] = self.positive
            elif style == "gradient":
                widths = gradient_width(v, top) if top > 0 else np.zeros(shape)
                colors[:] = LOWER_COLOR
                colors[v < 0] = RAISE_COLOR
            else:
                raise ValueError(f"unknown edge style {style!r}; use 'plain', 'weight' or 'gradient'")
        widths = np.where(self.keep, widths, 0.0)
        colors[~self.keep] = None
        self.style = style
        self.exact_colors = colors
        self.exact_widths = widths
        self.drawn_widths = _quantise(widths) if style != "plain" else widths
        self._rebuild()
        return self

    def _rebuild(self) -> None:
        groups: dict[tuple[str, float], list[tuple[int, int]]] = {}
        for (j, k), width in np.ndenumerate(self.drawn_widths):
            if width > 0:
                groups.setdefault((self.exact_colors[j, k].to_hex(), float(width)), []).append((j, k))
        paths = []
        self.group_keys: list[tuple[str, float]] = []
        self.group_members: list[NDArray[np.int64]] = []
        for (hex_color, width), members in sorted(groups.items(), key=lambda kv: kv[0][1]):
            idx = np.array(members, dtype=np.int64)
            path = VMobject(stroke_color=ManimColor(hex_color), stroke_width=width,
                            stroke_opacity=self.edge_opacity, fill_opacity=0)
            path.set_points(line_points(self.starts[idx[:, 0], idx[:, 1]],
                                        self.ends[idx[:, 0], idx[:, 1]]))
            paths.append(path)
            self.group_keys.append((hex_color, width))
            self.group_members.append(idx)
        self.submobjects = []
        self.add(*paths)

    def drawn_style(self, j: int, k: int) -> tuple[ManimColor, float] | None:
        """``(colour, width)`` of the path edge ``[j, k]`` is actually drawn in, or None if hidden."""
        for path, idx in zip(self.submobjects, self.group_members):
            if np.any((idx[:, 0] == j) & (idx[:, 1] == k)):
                return path.get_stroke_color(), float(path.get_stroke_width())
        return None

    def segments(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Current start and end points of the drawn edges, each ``(m, 3)`` (follows moves/scales)."""
        pts = np.concatenate([p.points for p in self.submobjects]) if self.submobjects else np.zeros((0, 3))
        return pts[0::4], pts[3::4]

    # ------------------------------------------------------------------ animations
    def flash(self, color: ManimColor = YELLOW, time_width: float = 0.4, **kwargs: object) -> EdgeFlash:
        """A flash of ``color`` running along every drawn edge at once (removed at the end)."""
        return EdgeFlash(self, color=color, time_width=time_width, **kwargs)


class EdgeFlash(Animation):
    """Yellow pieces run from the left end to the right end of every edge of a bundle.

    One VMobject per width group of the bundle, so the whole flash of a layer
    is a handful of paths whose points numpy computes each frame.
    """

    def __init__(self, bundle: EdgeBundle, color: ManimColor = YELLOW, time_width: float = 0.4,
                 **kwargs: object) -> None:
        self.bundle = bundle
        self.time_width = time_width
        self._ends: list[tuple[NDArray[np.float64], NDArray[np.float64]]] = []
        flash = VGroup()
        for path in bundle.submobjects:
            pts = path.points
            self._ends.append((pts[0::4].copy(), pts[3::4].copy()))
            piece = VMobject(stroke_color=color, fill_opacity=0,
                             stroke_width=FLASH_WIDTH_FACTOR * max(path.get_stroke_width(), 1.0))
            start = pts[0::4]
            piece.set_points(line_points(start, start))  # nothing visible until it runs
            flash.add(piece)
        kwargs.setdefault("remover", True)
        super().__init__(flash, **kwargs)  # type: ignore[arg-type]

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        w = self.time_width
        upper = min(1.0, t * (1 + w))
        lower = max(0.0, t * (1 + w) - w)
        for piece, (s, e) in zip(self.mobject.submobjects, self._ends):
            d = e - s
            piece.points = line_points(s + lower * d, s + upper * d)


class RestyleEdges(Animation):
    """Cross-fade a bundle to new colours and widths (e.g. weights -> gradient sweep).

    The restyle happens when the animation begins, so it can sit inside a
    ``Succession`` (the gradient sweep runs right to left, layer by layer).
    """

    def __init__(self, bundle: EdgeBundle, values: ArrayLike | None, style: EdgeStyle,
                 **kwargs: object) -> None:
        self.values = None if values is None else np.asarray(values, dtype=np.float64)
        self.new_style = style
        self._old: list[VMobject] = []
        super().__init__(bundle, **kwargs)  # type: ignore[arg-type]

    def begin(self) -> None:
        bundle: EdgeBundle = self.mobject  # type: ignore[assignment]
        self._old = [p.copy() for p in bundle.submobjects]
        bundle.restyle(self.values, self.new_style)
        self._targets = [p.get_stroke_opacity() for p in bundle.submobjects]
        bundle.add(*self._old)
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        bundle: EdgeBundle = self.mobject  # type: ignore[assignment]
        n_new = len(self._targets)
        for path, target in zip(bundle.submobjects[:n_new], self._targets):
            path.set_stroke(opacity=t * target)
        for path in self._old:
            path.set_stroke(opacity=(1 - t) * self.bundle_opacity)

    @property
    def bundle_opacity(self) -> float:
        return float(self.mobject.edge_opacity)  # type: ignore[attr-defined]

    def finish(self) -> None:
        super().finish()
        self.mobject.remove(*self._old)
        for path, target in zip(self.mobject.submobjects, self._targets):
            path.set_stroke(opacity=target)
