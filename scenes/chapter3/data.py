"""Chapter 3's numbers: every value its scenes show, from :mod:`nnmath`, cached when expensive.

The chapter follows one still-untrained network (the videos used a fresh
random one too): ``Network.random(784-16-16-10, seed)`` with the first seed
whose output for the walkthrough's "2" is below 0.5, so the example has
something to fix (:func:`untrained_seed`, found by search, never typed in).

Cost and descent paths use the first :data:`PATH_IMAGES` training images, not
all 50,000, so a cold run computes them in seconds; the captions say so. The
"change by" table's last column is over all 50,000 training images.
"""
from __future__ import annotations

import ast
import functools
import inspect
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from nnmath import Network, Nudges, backprop, feedforward, nudges
from nnmath.mnist import IMAGE_SIDE
from nnmath.parameters import parameter_name, weight_indices
from scenes.chapter3.measures.nudge_effects import ChangeTable, Nudge, change_table, contrasting_pair, nudge
from scenes.common import data
from scenes.common.descent import DescentPath, compare_descent, descent_path, shuffled_batches
from scenes.common.descent_surface import DescentSurface, mnist_descent_surface
from scenes.common.diskcache import disk_cached
from scenes.common.formatting import tex_count

__all__ = [
    "PATH_IMAGES", "PATH_STEPS", "ETA", "BATCH_SIZE", "SHUFFLE_SEED", "GRID", "RECAP_STEPS",
    "NUDGE", "SENSITIVITY_RATIO", "TABLE_EXAMPLES", "BATCH_DEMO_IMAGES", "BATCH_DEMO_SIZE",
    "LABEL", "two_index", "untrained_seed", "SURFACE_GRID", "SURFACE_STEPS", "descent_surface", "untrained", "path_data", "DescentMap", "descent_map",
    "recap_path", "RecapPair", "recap_pair", "walkthrough", "table_rows", "example_table", "full_gradient_entries",
    "BatchDemo", "batch_demo", "name_tex", "Listing", "backprop_listing",
]

#: Images the cost, gradient and descent paths are computed over (the first of the training set).
PATH_IMAGES = 2000
#: Steps of each descent path, learning rate, mini-batch size, shuffle seed.
PATH_STEPS = 100
ETA = 3.0
BATCH_SIZE = 10
SHUFFLE_SEED = 0
#: Grid points per axis of the cost map.
GRID = 25
#: Full-batch steps replayed in the recap.
RECAP_STEPS = 10
#: The nudge given to each of the recap's two weights, and the gradient ratio looked for.
NUDGE = 0.1
SENSITIVITY_RATIO = 32.0
#: Training images whose "change by" values fill the table (the first six: 5 0 4 1 9 2).
TABLE_EXAMPLES = 6
#: The mini-batch demo: this many training images cut into mini-batches of this size.
BATCH_DEMO_IMAGES = 60
BATCH_DEMO_SIZE = 12
#: Seeds tried when looking for the untrained network.
MAX_SEEDS = 100


#: The walkthrough's digit (the videos follow a "2").
LABEL = 2


def two_index() -> int:
    """Training index of the walkthrough's digit: the first :data:`LABEL` (the videos' ``image_map[2][0]``)."""
    return int(data.image_map_indices()[LABEL][0])


@functools.cache
def untrained_seed() -> int:
    """The first seed whose random network gives the first training "2" an output below 0.5."""
    x = data.digit("train", two_index())
    for seed in range(MAX_SEEDS):
        if feedforward(Network.random(data.MNIST_SIZES, seed=seed), x).output[LABEL] < 0.5:
            return seed
    raise RuntimeError(f"no seed below {MAX_SEEDS} gives the '2' an output below 0.5")


def untrained() -> Network:
    """The chapter's still-untrained network of the videos' shape (shared object: do not modify)."""
    return data.seeded_network(tuple(data.MNIST_SIZES), untrained_seed())


def path_data() -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The first :data:`PATH_IMAGES` training images ``(n, n_0)`` and labels ``(n,)``."""
    s = data.split("train")
    return s.images[:PATH_IMAGES], s.labels[:PATH_IMAGES]


@dataclass(frozen=True)
class DescentMap:
    """What the descent scenes draw (see :class:`scenes.common.descent.DescentComparison`).

    Attributes
    ----------
    full_costs, mini_costs : (steps + 1,) ndarray
        Mean cost over the path images at every point of each path.
    full_uv, mini_uv : (steps + 1, 2) ndarray
        The points on the principal plane.
    grid_u, grid_v : (g,) ndarray
    grid_costs : (g, g) ndarray
        Cost on the plane, ``[r, c]`` at ``(grid_u[c], grid_v[r])``.
    explained : (2,) ndarray
        Share of the paths' squared displacement along each axis.
    full_batch, mini_batch : int
        Examples behind each step of each path.
    recap_thetas : (RECAP_STEPS + 1, n_parameters) ndarray
        The full-batch path's first parameters, for the recap.
    """

    full_costs: NDArray[np.float64]
    mini_costs: NDArray[np.float64]
    full_uv: NDArray[np.float64]
    mini_uv: NDArray[np.float64]
    grid_u: NDArray[np.float64]
    grid_v: NDArray[np.float64]
    grid_costs: NDArray[np.float64]
    explained: NDArray[np.float64]
    full_batch: int
    mini_batch: int
    recap_thetas: NDArray[np.float64]

    @property
    def steps(self) -> int:
        """Steps of each path."""
        return len(self.full_costs) - 1


@disk_cached
def _descent_map(seed: int, n_images: int, steps: int, eta: float, batch_size: int,
                 shuffle_seed: int, grid: int, recap_steps: int) -> DescentMap:
    net = Network.random(data.MNIST_SIZES, seed=seed)
    s = data.split("train")
    c = compare_descent(net, s.images[:n_images], s.labels[:n_images], steps, eta, batch_size,
                        seed=shuffle_seed, grid=grid)
    return DescentMap(
        full_costs=c.full.costs, mini_costs=c.mini.costs, full_uv=c.full_uv, mini_uv=c.mini_uv,
        grid_u=c.grid_u, grid_v=c.grid_v, grid_costs=c.grid_costs, explained=c.plane.explained,
        full_batch=c.full.batch_size, mini_batch=c.mini.batch_size,
        recap_thetas=c.full.thetas[: recap_steps + 1],
    )


def descent_map() -> DescentMap:
    """The careful hiker's and the drunk man's paths on the cost map (disk-cached, ~3 s cold)."""
    return _descent_map(untrained_seed(), PATH_IMAGES, PATH_STEPS, ETA, BATCH_SIZE,
                        SHUFFLE_SEED, GRID, RECAP_STEPS)


#: Grid points per side of the 3-D cost surface (the picture has one face fewer per side), and the steps of its
#: two walks (300 read as a slope into a valley; the map's 100 end on a cliff's foot).
SURFACE_GRID = 20
SURFACE_STEPS = 300


def descent_surface() -> DescentSurface:
    """The careful hiker (full batch, ``paths[0]``) and the drunk man (mini-batches, ``paths[1]``) on the
    real cost surface of their principal plane, over the first :data:`PATH_IMAGES` images (disk-cached)."""
    return mnist_descent_surface(untrained_seed(), PATH_IMAGES, SURFACE_STEPS, ETA, (None, BATCH_SIZE),
                                 SHUFFLE_SEED, SURFACE_GRID)


def recap_path() -> DescentPath:
    """The first :data:`RECAP_STEPS` full-batch steps (the first rows of the cached path)."""
    m = descent_map()
    return DescentPath(m.recap_thetas, m.full_costs[: RECAP_STEPS + 1], m.full_batch, ETA)


@dataclass(frozen=True)
class RecapPair:
    """The recap's two output-layer weights, each nudged by :data:`NUDGE` (see :func:`recap_pair`).

    Attributes
    ----------
    big : Nudge
        The weight with the largest ``|dC/dw|`` of the last weight matrix.
    small : Nudge
        The weight whose entry is closest to a :data:`SENSITIVITY_RATIO`-th of it.
    """

    big: Nudge
    small: Nudge


def recap_pair() -> RecapPair:
    """Two output-layer weights whose gradient entries differ ~32x, each nudged by :data:`NUDGE`.

    The first has the largest ``|dC/dw|`` of the last weight matrix; the second the
    entry closest to a 32nd of it. Both changes of the cost are measured.
    """
    net = untrained()
    x, y = path_data()
    g = backprop(net, x, y).flat()
    big, small = contrasting_pair(g, weight_indices(net, -1), SENSITIVITY_RATIO)
    return RecapPair(nudge(net, x, y, big, NUDGE), nudge(net, x, y, small, NUDGE))


def walkthrough() -> Nudges:
    """``nnmath.nudges`` of the untrained network for the first training "2"."""
    return nudges(untrained(), data.digit("train", two_index()), LABEL)


def table_rows() -> NDArray[np.int64]:
    """The table's parameters (flat indexes): w0, a weight from the centre pixel,
    the output "2"'s weight from its brightest feeder, and the last one (13,001)."""
    net = untrained()
    centre = (IMAGE_SIDE // 2) * IMAGE_SIDE + IMAGE_SIDE // 2
    brightest = int(np.argmax(walkthrough().activations[-2]))
    last_w = weight_indices(net, -1)
    into_two = int(last_w[LABEL * net.sizes[-2] + brightest])
    return np.array([0, centre, into_two, net.n_parameters - 1], dtype=np.int64)


def example_table() -> ChangeTable:
    """Per-example "change by" values for :func:`table_rows` over the first training images."""
    s = data.split("train")
    return change_table(untrained(), s.images[:TABLE_EXAMPLES], s.labels[:TABLE_EXAMPLES], table_rows())


@disk_cached
def _full_gradient(seed: int, indices: tuple[int, ...]) -> NDArray[np.float64]:
    s = data.split("train")
    g = backprop(Network.random(data.MNIST_SIZES, seed=seed), s.images, s.labels).flat()
    return -g[list(indices)]


def full_gradient_entries() -> NDArray[np.float64]:
    """``-gradient`` of the mean cost over all 50,000 training images at :func:`table_rows`."""
    return _full_gradient(untrained_seed(), tuple(int(i) for i in table_rows()))


@dataclass(frozen=True)
class BatchDemo:
    """The mini-batch demo: the shuffled batches of the first images and the path they give.

    Attributes
    ----------
    batches : tuple of (BATCH_DEMO_SIZE,) int ndarray
        Indexes into the first :data:`BATCH_DEMO_IMAGES` training images, one array per mini-batch.
    path : DescentPath
        One step per mini-batch from the untrained network, costs over those images.
    """

    batches: tuple[NDArray[np.int64], ...]
    path: DescentPath


def batch_demo() -> BatchDemo:
    """The first :data:`BATCH_DEMO_IMAGES` training images shuffled into mini-batches, one step per batch."""
    s = data.split("train")
    x, y = s.images[:BATCH_DEMO_IMAGES], s.labels[:BATCH_DEMO_IMAGES]
    batches = shuffled_batches(BATCH_DEMO_IMAGES, BATCH_DEMO_SIZE, np.random.default_rng(SHUFFLE_SEED))
    path = descent_path(untrained(), x, y, len(batches), ETA, BATCH_DEMO_SIZE, seed=SHUFFLE_SEED)
    return BatchDemo(tuple(batches), path)


def name_tex(index: int) -> str:
    r"""``\theta_{i} = w^{(l)}_{j,k}``: the flat index and the book's name of a parameter."""
    p = parameter_name(untrained(), int(index))
    return rf"\theta_{{{tex_count(int(index))}}} = {p.tex}"


@dataclass(frozen=True)
class Listing:
    """nnmath's ``backprop`` as it is in its source file, docstring left out.

    Attributes
    ----------
    path : str
        The source file, relative to the ``nnmath`` package (``backprop.py``).
    lines : list of str
        The lines shown, without newlines.
    file_lines : list of int
        Each shown line's 1-based number in the file.
    """

    path: str
    lines: list[str]
    file_lines: list[int]

    @property
    def code(self) -> str:
        """The lines shown, joined."""
        return "\n".join(self.lines)

    def find(self, fragment: str) -> int:
        """Index (into ``lines``) of the one line holding ``fragment``; ValueError if none or several."""
        hits = [i for i, line in enumerate(self.lines) if fragment in line]
        if len(hits) != 1:
            raise ValueError(f"{len(hits)} lines of nnmath/{self.path} hold {fragment!r}; expected exactly 1 "
                             "(did backprop's source change? update the fragments in scenes/chapter3/final_words.py)")
        return hits[0]


def backprop_listing() -> Listing:
    """Read ``nnmath.backprop``'s source with :mod:`inspect` (never a copy), dropping its docstring."""
    lines, start = inspect.getsourcelines(backprop)
    tree = ast.parse(textwrap.dedent("".join(lines)))
    function = tree.body[0]
    if not isinstance(function, ast.FunctionDef):
        raise ValueError("nnmath.backprop's source does not start with its def")
    first = function.body[0]
    skip: set[int] = set()
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        skip = set(range(first.lineno - 1, (first.end_lineno or first.lineno)))
    kept = [(start + i, line.rstrip("\n")) for i, line in enumerate(lines) if i not in skip]
    source = Path(inspect.getsourcefile(backprop) or "backprop.py")
    return Listing(source.name, [line for _, line in kept], [n for n, _ in kept])
