"""The network itself, the forward pass, and saving/loading it.

Layer ``l = 0`` is the input; ``weights[i]`` is the book's :math:`W^{(i+1)}`,
shape ``(n_{i+1}, n_i)``, and ``biases[i]`` its :math:`b^{(i+1)}`, shape
``(n_{i+1},)``. The videos' last layer :math:`L` is ``weights[-1]``.
"""
from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ._typing import Batch, Matrix, Vector
from .activations import ACTIVATIONS, Activation, get_activation
from .files import atomic_write
from .validate import as_input

OUTPUT_ACTIVATIONS = ("sigmoid", "relu", "softmax")


def softmax(z: Batch) -> Batch:
    r"""Softmax over the last axis, :math:`e^{z_j} / \sum_k e^{z_k}`, shape kept."""
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    out: Batch = e / np.sum(e, axis=-1, keepdims=True)
    return out


class Network:
    r"""A fully connected feed-forward network.

    Parameters
    ----------
    weights : sequence of (n_{i+1}, n_i) ndarray
        ``weights[i]`` maps layer ``i`` to layer ``i + 1``.
    biases : sequence of (n_{i+1},) ndarray
        One bias vector per non-input layer.
    activation : {"sigmoid", "relu"}
        Activation of every hidden layer (and of the output layer unless
        ``output_activation`` says otherwise).
    output_activation : {"sigmoid", "relu", "softmax"}, optional
        Activation of the last layer; defaults to ``activation``.

    Notes
    -----
    .. math:: a^{(l+1)} = \sigma\left(W^{(l+1)} a^{(l)} + b^{(l+1)}\right)

    Arrays are copied to float64, so later changes to the caller's arrays do
    not reach the network.

    Raises
    ------
    ValueError
        If the shapes do not chain, an array is not finite, or an activation
        is unknown; the message names the offending layer.

    Examples
    --------
    >>> net = Network.random([784, 16, 16, 10], seed=0)
    >>> net.sizes
    (784, 16, 16, 10)
    >>> net.n_parameters
    13002
    """

    def __init__(
        self,
        weights: Sequence[Matrix],
        biases: Sequence[Vector],
        activation: str = "sigmoid",
        output_activation: str | None = None,
    ) -> None:
        if len(weights) == 0:
            raise ValueError("a network needs at least one weight matrix")
        if len(weights) != len(biases):
            raise ValueError(
                f"got {len(weights)} weight matrices but {len(biases)} bias vectors; "
                "give one bias vector per weight matrix"
            )
        get_activation(activation)
        output_activation = activation if output_activation is None else output_activation
        if output_activation not in OUTPUT_ACTIVATIONS:
            raise ValueError(
                f"unknown output activation {output_activation!r}; use one of {OUTPUT_ACTIVATIONS}"
            )
        ws: list[Matrix] = []
        bs: list[Vector] = []
        for i, (w, b) in enumerate(zip(weights, biases)):
            w = np.array(w, dtype=np.float64)
            b = np.array(b, dtype=np.float64)
            if w.ndim != 2:
                raise ValueError(f"weights[{i}] has shape {w.shape}; expected a 2-D (n_out, n_in) matrix")
            if b.shape != (w.shape[0],):
                raise ValueError(
                    f"biases[{i}] has shape {b.shape}; weights[{i}] has shape {w.shape}, "
                    f"so expected ({w.shape[0]},)"
                )
            if i > 0 and w.shape[1] != ws[-1].shape[0]:
                raise ValueError(
                    f"weights[{i}] has shape {w.shape} but layer {i} has {ws[-1].shape[0]} neurons "
                    f"(weights[{i - 1}] is {ws[-1].shape}); expected ({w.shape[0]}, {ws[-1].shape[0]})"
                )
            if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
                raise ValueError(f"weights[{i}] or biases[{i}] holds NaN or infinity")
            ws.append(w)
            bs.append(b)
        self.weights: list[Matrix] = ws
        self.biases: list[Vector] = bs
        self.activation = activation
        self.output_activation = output_activation

    @classmethod
    def random(
        cls,
        sizes: Sequence[int],
        seed: int,
        activation: str = "sigmoid",
        output_activation: str | None = None,
        init: str = "standard",
    ) -> Network:
        r"""A network with random parameters, fixed forever by ``seed``.

        Parameters
        ----------
        sizes : sequence of int
            Neurons per layer, input first, e.g. ``[784, 16, 16, 10]``.
        seed : int
            Seed of ``numpy.random.default_rng``.
        activation, output_activation : str
            As for :class:`Network`.
        init : {"standard", "scaled"}
            "standard": every bias and weight :math:`\sim N(0, 1)`, as in the
            videos. "scaled": weights :math:`\sim N(0, 1/n_{in})` (biases still
            :math:`N(0,1)`), which keeps sigmoids out of saturation.

        Notes
        -----
        For each layer in order, the biases ``(n_out,)`` are drawn first, then
        the weights ``(n_out, n_in)``, from one generator.
        """
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"sizes {sizes} must list at least two positive layer sizes")
        if init not in ("standard", "scaled"):
            raise ValueError(f"unknown init {init!r}; use 'standard' or 'scaled'")
        rng = np.random.default_rng(seed)
        weights, biases = [], []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            biases.append(rng.standard_normal(n_out))
            w = rng.standard_normal((n_out, n_in))
            weights.append(w / np.sqrt(n_in) if init == "scaled" else w)
        return cls(weights, biases, activation, output_activation)

    @property
    def sizes(self) -> tuple[int, ...]:
        """Neurons per layer, input first, e.g. ``(784, 16, 16, 10)``."""
        return (self.weights[0].shape[1],) + tuple(w.shape[0] for w in self.weights)

    @property
    def n_parameters(self) -> int:
        """Number of weights plus biases (13,002 for 784-16-16-10)."""
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    def copy(self) -> Network:
        """An independent copy."""
        return Network(self.weights, self.biases, self.activation, self.output_activation)

    def flat(self) -> Vector:
        """All parameters as one vector ``(n_parameters,)``: W1, b1, W2, b2, ... (row-major)."""
        return np.concatenate([p.ravel() for w, b in zip(self.weights, self.biases) for p in (w, b)])

    def with_flat(self, theta: Vector) -> Network:
        """A network of the same shape whose parameters are ``theta`` (layout of :meth:`flat`)."""
        theta = np.asarray(theta, dtype=np.float64)
        if theta.shape != (self.n_parameters,):
            raise ValueError(f"theta has shape {theta.shape}; expected ({self.n_parameters},)")
        weights, biases, at = [], [], 0
        for w, b in zip(self.weights, self.biases):
            weights.append(theta[at : at + w.size].reshape(w.shape))
            at += w.size
            biases.append(theta[at : at + b.size])
            at += b.size
        return Network(weights, biases, self.activation, self.output_activation)

    def __repr__(self) -> str:
        sizes = "-".join(map(str, self.sizes))
        return f"Network({sizes}, activation={self.activation!r}, output={self.output_activation!r})"


@dataclass(frozen=True)
class Trace:
    r"""Everything a forward pass computed.

    Attributes
    ----------
    zs : list of (n_l,) or (m, n_l) ndarray
        Weighted inputs :math:`z^{(l)}` of layers 1..L (``zs[i]`` goes with
        ``net.weights[i]``).
    activations : list of (n_l,) or (m, n_l) ndarray
        :math:`a^{(0)}, \dots, a^{(L)}`; ``activations[0]`` is the input.
    """

    zs: list[Vector]
    activations: list[Vector]

    @property
    def output(self) -> Vector:
        """The last layer's activations, ``(n_L,)`` or ``(m, n_L)``."""
        return self.activations[-1]

    @property
    def prediction(self) -> int | np.ndarray:
        """Index of the brightest output neuron: an int, or ``(m,)`` ints for a batch."""
        p = np.argmax(self.output, axis=-1)
        return int(p) if np.ndim(p) == 0 else p


def activate_output(net: Network, z: Batch) -> Batch:
    """Apply the network's output activation to ``z``, shape kept (:func:`layer_activation` of the last layer)."""
    return layer_activation(net, -1).f(z)


def _no_softmax_prime(z: Batch) -> Batch:
    raise ValueError(
        "softmax is not elementwise: its derivative is a Jacobian, not a function of each z_j alone; "
        "use an elementwise output activation (sigmoid or relu) for a per-neuron derivative"
    )


#: Softmax as an :class:`Activation`; its ``prime`` raises ``ValueError``.
SOFTMAX = Activation("softmax", softmax, _no_softmax_prime)


def layer_activation(net: Network, i: int) -> Activation:
    r"""The activation applied after ``net.weights[i]``: :math:`a^{(i+1)} = f(z^{(i+1)})`.

    Parameters
    ----------
    net : Network
        Sizes ``(n_0, ..., n_L)``.
    i : int
        Index into ``net.weights``, ``-L .. L - 1`` (negative counts from the end).

    Returns
    -------
    Activation
        The hidden activation for ``i < L - 1``, the output activation for the
        last matrix. ``.f(z)`` keeps the shape of ``z``; ``.prime(z)`` is the
        elementwise derivative :math:`f'(z)` and raises ``ValueError`` for
        softmax, which is not elementwise.

    Raises
    ------
    ValueError
        If ``i`` is not an int in ``-L .. L - 1``.

    Examples
    --------
    >>> net = Network.random([2, 3, 1], seed=0, activation="relu", output_activation="sigmoid")
    >>> layer_activation(net, 0).name, layer_activation(net, -1).name
    ('relu', 'sigmoid')
    """
    n = len(net.weights)
    if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not -n <= i < n:
        raise ValueError(f"i={i!r} is out of range; expected an int in [{-n}, {n}), an index into net.weights")
    if int(i) % n == n - 1:
        return SOFTMAX if net.output_activation == "softmax" else get_activation(net.output_activation)
    return get_activation(net.activation)


def forward_from(net: Network, a: Vector | Batch, layer: int) -> Vector | Batch:
    r"""The output activations when layer ``layer``'s activations are ``a``.

    The forward pass from a given layer: the weights and biases of ``net`` from
    ``weights[layer]`` on, run on any activations of that layer (a dimmer
    :math:`a^{(L-1)}`, a point of a cost landscape).

    Parameters
    ----------
    net : Network
        Sizes ``(n_0, ..., n_L)``.
    a : (n_layer,) or (m, n_layer) ndarray
        Activations of layer ``layer``, one example or one row per example.
    layer : int
        Which layer ``a`` belongs to, ``0 .. L`` (0 is the input; ``L`` returns ``a``).

    Returns
    -------
    (n_L,) or (m, n_L) ndarray
        :math:`a^{(L)}`, with the leading batch axis of ``a`` (if any). From
        ``layer = 0`` it equals ``feedforward(net, a).output``.

    Notes
    -----
    .. math:: a^{(i+1)} = f_i\left(a^{(i)} W^{(i+1)\top} + b^{(i+1)}\right),
              \qquad i = \mathrm{layer}, \dots, L - 1

    with :math:`f_i` = :func:`layer_activation` ``(net, i)``.

    Raises
    ------
    ValueError
        If ``layer`` is out of range, or ``a`` has the wrong size or holds NaN
        or infinity.

    Examples
    --------
    >>> net = Network.random([784, 16, 16, 10], seed=0)
    >>> forward_from(net, np.full(16, 0.5), layer=2).shape
    (10,)
    """
    n = len(net.weights)
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not 0 <= layer <= n:
        raise ValueError(f"layer={layer!r} is out of range; activations live in layers 0..{n}")
    out = as_input(a, net.sizes[layer])
    for i in range(int(layer), n):
        out = layer_activation(net, i).f(out @ net.weights[i].T + net.biases[i])
    return out


def feedforward(net: Network, x: Vector | Batch) -> Trace:
    r"""Run the network forward on one image or a batch.

    Parameters
    ----------
    net : Network
        Sizes ``(n_0, ..., n_L)``.
    x : (n_0,) or (m, n_0) ndarray
        One example or a batch, one row per example.

    Returns
    -------
    Trace
        ``zs`` and ``activations`` with the leading batch axis of ``x`` (if any).

    Notes
    -----
    .. math:: z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, \qquad a^{(l)} = \sigma(z^{(l)})

    For a batch ``A`` with one row per example, ``Z = A @ W.T + b``.

    Raises
    ------
    ValueError
        If ``x`` has the wrong size or holds NaN or infinity.

    Examples
    --------
    >>> net = Network.random([784, 16, 16, 10], seed=0)
    >>> t = feedforward(net, np.zeros(784))
    >>> [a.shape for a in t.activations]
    [(784,), (16,), (16,), (10,)]
    """
    a = as_input(x, net.sizes[0])
    hidden = get_activation(net.activation).f
    zs, activations = [], [a]
    last = len(net.weights) - 1
    for i, (w, b) in enumerate(zip(net.weights, net.biases)):
        z = a @ w.T + b
        a = activate_output(net, z) if i == last else hidden(z)
        zs.append(z)
        activations.append(a)
    return Trace(zs, activations)


# --------------------------------------------------------------------------- save / load

_FORMAT = "nnmath-network-1"


def _check_savable(net: Network) -> None:
    """Raise ``ValueError`` naming the first thing that would make ``net`` an unloadable file."""
    weights, biases = getattr(net, "weights", None), getattr(net, "biases", None)
    if not isinstance(weights, list) or not isinstance(biases, list):
        raise ValueError("net.weights and net.biases must be lists of arrays; is this an nnmath Network?")
    if len(weights) == 0 or len(weights) != len(biases):
        raise ValueError(
            f"net has {len(weights)} weight matrices and {len(biases)} bias vectors; "
            "expected the same number, at least one"
        )
    if net.activation not in ACTIVATIONS:
        raise ValueError(f"net.activation is {net.activation!r}; expected one of {tuple(ACTIVATIONS)}")
    if net.output_activation not in OUTPUT_ACTIVATIONS:
        raise ValueError(
            f"net.output_activation is {net.output_activation!r}; expected one of {OUTPUT_ACTIVATIONS}"
        )
    for i, (w, b) in enumerate(zip(weights, biases)):
        for name, value, ndim in ((f"weights[{i}]", w, 2), (f"biases[{i}]", b, 1)):
            if not isinstance(value, np.ndarray):
                raise ValueError(f"net.{name} is a {type(value).__name__}, not a numpy array; "
                                 "set it to a float ndarray (np.asarray(value, dtype=float))")
            if value.dtype.kind != "f":
                raise ValueError(f"net.{name} has dtype {value.dtype}; expected floats (float64)")
            if value.ndim != ndim:
                raise ValueError(f"net.{name} has shape {value.shape}; expected {ndim}-D")
            if not np.all(np.isfinite(value)):
                bad = int(np.count_nonzero(~np.isfinite(value)))
                raise ValueError(f"net.{name} holds {bad} NaN or infinite value(s); a diverged run? "
                                 "not saving it")
        if b.shape != (w.shape[0],):
            raise ValueError(f"net.biases[{i}] has shape {b.shape}; weights[{i}] has shape {w.shape}, "
                             f"so expected ({w.shape[0]},)")
        if i > 0 and w.shape[1] != weights[i - 1].shape[0]:
            raise ValueError(
                f"net.weights[{i}] has shape {w.shape} but layer {i} has {weights[i - 1].shape[0]} neurons "
                f"(weights[{i - 1}] is {weights[i - 1].shape}); expected ({w.shape[0]}, {weights[i - 1].shape[0]})"
            )


def save(net: Network, path: str | os.PathLike[str]) -> None:
    """Write ``net`` to ``path`` as an ``.npz`` (no pickle), checked, atomically.

    The file holds ``W0, b0, W1, b1, ...`` and a ``meta`` string array with the
    format tag and activations. The network is checked first (every weight and
    bias a float ndarray, shapes that chain, finite values, known activations),
    so a network changed into something :func:`load` would refuse never
    replaces a good file. It is written through :func:`nnmath.files.atomic_write`,
    so an interrupted save never leaves a half-written file either.

    Parameters
    ----------
    net : Network
        The network to write.
    path : str or PathLike
        The file; its folder is created if missing.

    Raises
    ------
    ValueError
        If ``net`` is not savable; the message names the array and what is
        wrong with it. Nothing is written then.
    """
    _check_savable(net)
    arrays: dict[str, np.ndarray] = {
        "meta": np.array([_FORMAT, net.activation, net.output_activation]),
    }
    for i, (w, b) in enumerate(zip(net.weights, net.biases)):
        arrays[f"W{i}"] = w
        arrays[f"b{i}"] = b
    with atomic_write(path) as tmp, open(tmp, "wb") as f:
        np.savez(f, **arrays)  # type: ignore[arg-type]


def load(path: str | os.PathLike[str] | io.BytesIO) -> Network:
    """Read a network written by :func:`save`.

    Raises
    ------
    ValueError
        If the file is truncated, not an ``.npz``, tampered with (missing or
        extra arrays, wrong shapes, NaN) or written by something else; the
        message names the file and the problem.
    FileNotFoundError
        If there is no such file.
    """
    name = str(path) if not isinstance(path, io.BytesIO) else "<bytes>"
    try:
        with np.load(path, allow_pickle=False) as f:
            arrays = {k: f[k] for k in f.files}
    except FileNotFoundError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError) as e:
        raise ValueError(
            f"{name} is not a readable nnmath network file ({e}); it may be truncated: "
            "save the network again with nnmath.save"
        ) from None
    meta = arrays.pop("meta", None)
    if meta is None or meta.shape != (3,) or str(meta[0]) != _FORMAT:
        raise ValueError(f"{name} is not an nnmath network file (no '{_FORMAT}' meta entry)")
    n = len(arrays) // 2
    expected = {f"{p}{i}" for i in range(n) for p in "Wb"}
    if set(arrays) != expected:
        raise ValueError(
            f"{name} holds arrays {sorted(arrays)}; expected {sorted(expected)} (file tampered with?)"
        )
    try:
        return Network(
            [arrays[f"W{i}"] for i in range(n)],
            [arrays[f"b{i}"] for i in range(n)],
            activation=str(meta[1]),
            output_activation=str(meta[2]),
        )
    except ValueError as e:
        raise ValueError(f"{name}: {e}") from None
