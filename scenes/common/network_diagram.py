"""A network drawn from a real :class:`nnmath.Network`: neurons, weighted edges, labels.

The diagram is a ``VGroup`` with named parts, drawn in this order::

    diagram.edges          VGroup of EdgeBundle, one per weight matrix
    diagram.layers         VGroup of NeuronLayer (circles, dots, brace)
    diagram.output_labels  VGroup of MathTex "0".."9" beside the output layer

Wide layers (more than 16 neurons) show 16 neurons, 8 + dots + 8, with a
brace giving the real size. **Which 16 input pixels are drawn** (the honest
rule, :func:`scenes.common.measures.shown_input_pixels`): the 16 pixels whose
first-layer weight columns have the largest norm, in pixel order; their
neurons are filled with those pixels' real values and their edges are those
columns' real weights. ``diagram.shown[0]`` lists them; scenes that draw the
input layer say so in a caption. Other wide layers show their first and last 8.

Render speed: add the diagram with :meth:`NetworkDiagram.add_to` (or play
:meth:`NetworkDiagram.create`) so the edges are their own top-level mobjects;
then animating neurons leaves the edges in Manim's static background.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (Animation, AnimationGroup, Brace, Circle, Create, DecimalNumber, FadeIn,
                   FadeOut, LEFT, MathTex, RIGHT, DOWN, UP, Scene, Succession, SurroundingRectangle,
                   VGroup, Wait)
from numpy.typing import ArrayLike, NDArray

from nnmath import Network, Trace

from .edges import EdgeBundle, EdgeFlash, EdgeStyle, RestyleEdges
from .formatting import tex_count
from .layout import (LABEL_SCALE, MAX_SHOWN_NEURONS, MNIST_EDGE_WIDTH, MNIST_LAYER_GAP,
                     MNIST_NEURON_GAP, NEURON_RADIUS, NEURON_STROKE, SMALL_BUFF, VALUE_SCALE,
                     EDGE_WIDTH, LAYER_GAP, NEURON_GAP)
from .measures import shown_input_pixels
from .palette import (BLUE, GREEN, RED, WHITE, YELLOW, activation_opacity, text_color_on)

__all__ = ["NeuronLayer", "NetworkDiagram", "FillNeurons", "default_shown"]


def default_shown(size: int) -> NDArray[np.int64]:
    """Neurons drawn for a layer of ``size``: all if <= 16, else the first 8 and the last 8."""
    if size <= MAX_SHOWN_NEURONS:
        return np.arange(size)
    half = MAX_SHOWN_NEURONS // 2
    return np.concatenate([np.arange(half), np.arange(size - half, size)])


class FillNeurons(Animation):
    """Fade each neuron's fill opacity to its target (one animation for a whole layer)."""

    def __init__(self, neurons: VGroup, opacities: ArrayLike, **kwargs: object) -> None:
        self.targets = np.asarray(opacities, dtype=np.float64)
        if self.targets.shape != (len(neurons),):
            raise ValueError(f"{len(neurons)} neurons but {self.targets.shape} opacities")
        super().__init__(neurons, **kwargs)  # type: ignore[arg-type]

    def begin(self) -> None:
        self.starts = np.array([c.get_fill_opacity() for c in self.mobject.submobjects])
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        for circle, a, b in zip(self.mobject.submobjects, self.starts, self.targets):
            circle.set_fill(opacity=float(a + (b - a) * t))


class NeuronLayer(VGroup):
    """One layer's drawn neurons (and, if wide, the dots and a size brace).

    Attributes
    ----------
    neurons : VGroup of Circle
        The drawn neurons, top to bottom.
    shown : (k,) ndarray of int
        Which neuron of the real layer each drawn circle is.
    size : int
        The real layer's size.
    dots : MathTex or None
        The vertical dots of a wide layer.
    brace : VGroup or None
        Brace plus size label for a wide layer.
    """

    def __init__(self, size: int, shown: ArrayLike, radius: float, gap: float, stroke_color,
                 fill_color, stroke_width: float = NEURON_STROKE, brace_side=LEFT) -> None:
        super().__init__()
        self.size = int(size)
        self.shown = np.asarray(shown, dtype=np.int64)
        self.neurons = VGroup(*[
            Circle(radius=radius, stroke_color=stroke_color, stroke_width=stroke_width,
                   fill_color=fill_color, fill_opacity=0.0)
            for _ in self.shown
        ])
        step = 2 * radius + gap
        wide = self.size > len(self.shown)
        half = len(self.shown) // 2
        ys = []
        for i in range(len(self.shown)):
            extra = 2 * step if (wide and i >= half) else 0.0
            ys.append(-(i * step + extra))
        for circle, y in zip(self.neurons, ys):
            circle.move_to([0.0, y, 0.0])
        self.neurons.move_to([0.0, 0.0, 0.0])
        self.add(self.neurons)
        self.dots = None
        self.brace = None
        if wide:
            self.dots = MathTex(r"\vdots", color=stroke_color).scale(1.2)
            self.dots.move_to((self.neurons[half - 1].get_center() + self.neurons[half].get_center()) / 2)
            label = MathTex(tex_count(self.size), color=WHITE)
            brace = Brace(self.neurons, direction=brace_side, buff=SMALL_BUFF)
            label.next_to(brace, brace_side, buff=SMALL_BUFF)
            self.brace = VGroup(brace, label)
            self.add(self.dots, self.brace)

    def index_of(self, neuron: int) -> int:
        """Position among the drawn circles of real neuron ``neuron``."""
        where = np.flatnonzero(self.shown == neuron)
        if where.size == 0:
            raise ValueError(f"neuron {neuron} is not drawn; drawn are {self.shown.tolist()}")
        return int(where[0])


class NetworkDiagram(VGroup):
    """Layers of neurons joined by edges, optionally styled by a network's real weights.

    Build it with :meth:`from_network` (edges coloured by the real weights) or
    directly from ``sizes`` (plain grey edges).

    Parameters
    ----------
    sizes : sequence of int
        Neurons per layer, input first.
    weights : sequence of (n_{i+1}, n_i) ndarray, optional
        The real weight matrices; edges take colour BLUE (w > 0) / RED (w < 0)
        and width ``3 (|w|/max|w|)^edge_exponent`` (max over the drawn edges of
        that matrix).
    shown : sequence of (k,) int arrays, optional
        Which neurons each layer draws (default :func:`default_shown`).
    mnist_style : bool
        True: white neurons filled with opacity = activation, thin edges,
        layer gap 1.5 (chapter 1). False: BLUE stroke, GREEN fill (toy nets).
    layer_gap, neuron_gap, radius : float, optional
        Layout (defaults from :mod:`~scenes.common.layout` by style).
    edge_exponent : float
        ``k`` of the width rule (1-3).
    edge_keep : float
        Fraction of each matrix's drawn edges kept, the largest ``|w|`` first
        (the originals hid 70 %: ``edge_keep=0.3``). 1 keeps all.
    output_labels : bool
        Write 0..n_L-1 beside the output neurons.
    positive, negative : ManimColor
        Weight colours (chapter 1's close-ups: GREEN/RED).
    """

    def __init__(
        self,
        sizes: Sequence[int],
        weights: Sequence[NDArray[np.float64]] | None = None,
        shown: Sequence[ArrayLike] | None = None,
        mnist_style: bool = True,
        layer_gap: float | None = None,
        neuron_gap: float | None = None,
        radius: float = NEURON_RADIUS,
        edge_exponent: float = 3.0,
        edge_keep: float = 1.0,
        output_labels: bool = True,
        positive=BLUE,
        negative=RED,
    ) -> None:
        super().__init__()
        self.sizes = tuple(int(s) for s in sizes)
        if len(self.sizes) < 2:
            raise ValueError(f"sizes {self.sizes} must list at least two layers")
        if weights is not None:
            expected = [(b, a) for a, b in zip(self.sizes[:-1], self.sizes[1:])]
            got = [np.shape(w) for w in weights]
            if got != expected:
                raise ValueError(f"weights have shapes {got}; sizes {self.sizes} need {expected}")
        if not 0.0 < edge_keep <= 1.0:
            raise ValueError(f"edge_keep={edge_keep} must be in (0, 1]")
        self.weights = None if weights is None else [np.asarray(w, dtype=np.float64) for w in weights]
        self.shown = [np.asarray(s, dtype=np.int64) for s in shown] if shown is not None \
            else [default_shown(n) for n in self.sizes]
        for l, (s, n) in enumerate(zip(self.shown, self.sizes)):
            if s.ndim != 1 or s.size == 0 or s.min() < 0 or s.max() >= n:
                raise ValueError(f"shown[{l}] must list neurons of 0..{n - 1}; got {s.tolist()}")
        self.mnist_style = mnist_style
        self.radius = radius
        self.layer_gap = layer_gap if layer_gap is not None else (MNIST_LAYER_GAP if mnist_style else LAYER_GAP)
        gap = neuron_gap if neuron_gap is not None else (MNIST_NEURON_GAP if mnist_style else NEURON_GAP)
        stroke, fill = (WHITE, WHITE) if mnist_style else (BLUE, GREEN)
        self.neuron_fill = fill
        self.layers = VGroup(*[
            NeuronLayer(n, s, radius, gap, stroke, fill) for n, s in zip(self.sizes, self.shown)
        ])
        for l, layer in enumerate(self.layers):
            layer.shift(layer.neurons.get_center() * -1 + RIGHT * l * self.layer_gap)
        self.edge_exponent = edge_exponent
        self.edge_keep = edge_keep
        self.positive, self.negative = positive, negative
        self.edges = VGroup(*[self._make_bundle(i) for i in range(len(self.sizes) - 1)])
        self.output_labels = VGroup()
        if output_labels:
            last = self.layers[-1]
            for circle, n in zip(last.neurons, last.shown):
                label = MathTex(str(n)).set(height=LABEL_SCALE * 2 * radius)
                label.next_to(circle, RIGHT, buff=radius)
                self.output_labels.add(label)
        self.add(self.edges, self.layers, self.output_labels)
        self.highlighted: int | None = None
        self.values_shown: dict[int, VGroup] = {}
        self.center()

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_network(cls, net: Network, **kwargs: object) -> NetworkDiagram:
        """The diagram of ``net``: edges styled by its weights; a wide input layer shows
        :func:`~scenes.common.measures.shown_input_pixels` (see the module docstring)."""
        if "shown" not in kwargs:
            shown = [default_shown(n) for n in net.sizes]
            if net.sizes[0] > MAX_SHOWN_NEURONS:
                shown[0] = shown_input_pixels(net, MAX_SHOWN_NEURONS)
            kwargs["shown"] = shown
        diagram = cls(net.sizes, weights=net.weights, **kwargs)  # type: ignore[arg-type]
        diagram.net = net
        return diagram

    def _shown_matrix(self, i: int, matrix: ArrayLike) -> NDArray[np.float64]:
        m = np.asarray(matrix, dtype=np.float64)
        expected = (self.sizes[i + 1], self.sizes[i])
        if m.shape != expected:
            raise ValueError(f"matrix {i} has shape {m.shape}; expected {expected}")
        return m[np.ix_(self.shown[i + 1], self.shown[i])]

    def _keep_mask(self, values: NDArray[np.float64]) -> NDArray[np.bool_]:
        if self.edge_keep >= 1.0:
            return np.ones(values.shape, bool)
        n_keep = max(1, int(round(self.edge_keep * values.size)))
        order = np.argsort(-np.abs(values), axis=None, kind="stable")[:n_keep]
        keep = np.zeros(values.size, bool)
        keep[order] = True
        return keep.reshape(values.shape)

    def _make_bundle(self, i: int) -> EdgeBundle:
        left, right = self.layers[i].neurons, self.layers[i + 1].neurons
        a = np.array([c.get_center() for c in left])
        b = np.array([c.get_center() for c in right])
        d = b[:, None, :] - a[None, :, :]
        unit = d / np.linalg.norm(d, axis=2, keepdims=True)
        starts = a[None, :, :] + unit * self.radius
        ends = b[:, None, :] - unit * self.radius
        plain = MNIST_EDGE_WIDTH if self.mnist_style else EDGE_WIDTH
        if self.weights is None:
            bundle = EdgeBundle(starts, ends, style="plain", plain_width=plain)
        else:
            values = self._shown_matrix(i, self.weights[i])
            bundle = EdgeBundle(starts, ends, values, style="weight", keep=self._keep_mask(values),
                                exponent=self.edge_exponent, plain_width=plain,
                                positive=self.positive, negative=self.negative)
        return bundle.link_neurons(left, right)

    # ------------------------------------------------------------------ parts
    def neurons(self, l: int) -> VGroup:
        """The drawn circles of layer ``l`` (0 = input), top to bottom."""
        return self.layers[l].neurons

    def neuron(self, l: int, index: int) -> Circle:
        """The circle of real neuron ``index`` of layer ``l`` (ValueError if it is not drawn)."""
        return self.layers[l].neurons[self.layers[l].index_of(index)]

    def parts(self) -> list[VGroup]:
        """Top-level parts in drawing order: each edge bundle, each layer, the labels."""
        return [*self.edges, *self.layers, self.output_labels]

    def add_to(self, scene: Scene) -> NetworkDiagram:
        """Add the parts to ``scene`` as separate mobjects (edges first), for fast renders."""
        scene.add(*self.parts())
        return self

    def remove_from(self, scene: Scene) -> None:
        """Remove what :meth:`add_to` added (and any highlight or values)."""
        scene.remove(*self.parts(), *self.values_shown.values())

    def create(self, **kwargs: object) -> AnimationGroup:
        """Draw the neurons and then the edges, parts added separately (fast)."""
        return AnimationGroup(
            *[Create(layer) for layer in self.layers],
            *[Create(bundle) for bundle in self.edges],
            FadeIn(self.output_labels), lag_ratio=0.1, **kwargs)

    def fade_in(self, **kwargs: object) -> AnimationGroup:
        """Fade every part in, parts added separately (fast)."""
        return AnimationGroup(*[FadeIn(p) for p in self.parts()], **kwargs)

    def fade_out(self, **kwargs: object) -> AnimationGroup:
        """Fade every part out and remove it."""
        extra = list(self.values_shown.values())
        return AnimationGroup(*[FadeOut(p) for p in self.parts() + extra], **kwargs)

    # ------------------------------------------------------------------ activations
    def _layer_values(self, activations: Sequence[ArrayLike] | Trace, l: int) -> NDArray[np.float64]:
        acts = activations.activations if isinstance(activations, Trace) else activations
        a = np.asarray(acts[l], dtype=np.float64)
        if a.shape != (self.sizes[l],):
            raise ValueError(f"activations of layer {l} have shape {a.shape}; expected ({self.sizes[l]},) "
                             "(one example, not a batch)")
        return a[self.shown[l]]

    def set_activations(self, activations: Sequence[ArrayLike] | Trace,
                        layers: Sequence[int] | None = None) -> NetworkDiagram:
        """Fill each drawn neuron with opacity = its real activation (all layers by default)."""
        for l in range(len(self.sizes)) if layers is None else layers:
            for circle, a in zip(self.neurons(l), activation_opacity(self._layer_values(activations, l))):
                circle.set_fill(self.neuron_fill, opacity=float(a))
        return self

    def fill_opacities(self, l: int) -> NDArray[np.float64]:
        """Fill opacity of each drawn neuron of layer ``l`` as drawn now."""
        return np.array([c.get_fill_opacity() for c in self.neurons(l)])

    def clear_activations(self) -> NetworkDiagram:
        """Empty every neuron."""
        for layer in self.layers:
            for circle in layer.neurons:
                circle.set_fill(opacity=0.0)
        return self

    def fill_layer(self, l: int, activations: Sequence[ArrayLike] | Trace, **kwargs: object) -> FillNeurons:
        """Animation: layer ``l``'s neurons fade to their real activations."""
        return FillNeurons(self.neurons(l), activation_opacity(self._layer_values(activations, l)), **kwargs)

    def forward_pass(self, trace: Trace, layer_time: float = 0.8, flash: bool = True) -> Succession:
        """The input fills, then for each layer a yellow flash runs along its edges and the next layer fills.

        Parameters
        ----------
        trace : Trace
            One example's forward pass (``feedforward(net, x)``).
        layer_time : float
            Seconds per step (flash, fill).
        flash : bool
            Run the yellow flash along the edges.
        """
        steps: list[Animation] = [self.fill_layer(0, trace, run_time=layer_time)]
        for i, bundle in enumerate(self.edges):
            if flash and bundle.submobjects:
                steps.append(EdgeFlash(bundle, run_time=layer_time))
            steps.append(self.fill_layer(i + 1, trace, run_time=layer_time))
        return Succession(*steps)

    def show_values(self, l: int, activations: Sequence[ArrayLike] | Trace,
                    num_decimal_places: int = 1) -> VGroup:
        """Write each drawn neuron's activation inside it (black on bright fills).

        Returns the numbers (also stored in ``values_shown[l]``); add or animate them yourself.
        Their ``get_value()`` is the real activation rounded for display.
        """
        values = self._layer_values(activations, l)
        numbers = VGroup()
        for circle, a in zip(self.neurons(l), values):
            n = DecimalNumber(float(a), num_decimal_places=num_decimal_places, color=text_color_on(a))
            n.set(width=VALUE_SCALE * circle.width)
            n.move_to(circle)
            numbers.add(n)
        numbers.set_z_index(2)
        self.values_shown[l] = numbers
        return numbers

    def highlight_output(self, index: int, color=YELLOW) -> Create:
        """Animation: a box around output neuron ``index`` and its label; remembers ``highlighted``."""
        self.highlighted = int(index)
        target = VGroup(self.neuron(len(self.sizes) - 1, index))
        if len(self.output_labels):
            target.add(self.output_labels[self.layers[-1].index_of(index)])
        self.highlight_box = SurroundingRectangle(target, color=color, buff=0.08)
        return Create(self.highlight_box)

    # ------------------------------------------------------------------ edge styles
    def restyle_edges(self, i: int, values: ArrayLike | None, style: EdgeStyle = "weight",
                      **kwargs: object) -> RestyleEdges:
        """Animation: matrix ``i``'s edges cross-fade to a style computed from a full matrix ``values``."""
        shown = None if values is None else self._shown_matrix(i, values)
        return RestyleEdges(self.edges[i], shown, style, **kwargs)

    def set_edge_values(self, i: int, values: ArrayLike | None, style: EdgeStyle = "weight") -> NetworkDiagram:
        """Restyle matrix ``i``'s edges at once (no animation)."""
        self.edges[i].restyle(None if values is None else self._shown_matrix(i, values), style)
        return self

    def gradient_sweep(self, nabla_w: Sequence[ArrayLike], layer_time: float = 0.6) -> Succession:
        """Animation: right to left, each matrix's edges take the gradient's colours.

        ``nabla_w[i]`` has the shape of ``weights[i]`` (``backprop(...).nabla_w``):
        RAISE_COLOR where the entry is negative (descent raises that weight),
        LOWER_COLOR where positive, width ``3|g|/max|g|``.
        """
        if len(nabla_w) != len(self.edges):
            raise ValueError(f"got {len(nabla_w)} gradient matrices for {len(self.edges)} edge bundles")
        return Succession(*[self.restyle_edges(i, nabla_w[i], "gradient", run_time=layer_time)
                            for i in reversed(range(len(self.edges)))])
