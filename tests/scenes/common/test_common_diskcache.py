"""The disk cache: keyed by arguments and every source the function runs, typed, never half-written."""
from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path
from dataclasses import dataclass, field

import numpy as np
import pytest

from scenes.common import diskcache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(diskcache.CACHE_ENV, str(tmp_path))
    return tmp_path


def _make(calls):
    @diskcache.disk_cached
    def expensive(n: int, scale: float = 1.0):
        calls.append((n, scale))
        return {"values": np.arange(n) * scale, "total": float(n * scale)}
    return expensive


def test_second_call_reads_the_disk_not_the_function(cache):
    calls = []
    first = _make(calls)(4, scale=2.0)
    again = _make(calls)(4, scale=2.0)  # a fresh wrapper: memory is empty, disk is not
    assert calls == [(4, 2.0)]
    np.testing.assert_array_equal(again["values"], [0, 2, 4, 6])
    assert again["total"] == first["total"] == 8.0
    assert len(list(cache.glob("*.npz"))) == 1
    assert not list(cache.glob("*.tmp"))


def test_different_arguments_are_different_entries(cache):
    calls = []
    f = _make(calls)
    f(2)
    f(3)
    f(2, scale=5.0)
    assert len(calls) == 3
    assert len(list(cache.glob("*.npz"))) == 3


def test_a_corrupt_entry_is_recomputed(cache):
    calls = []
    _make(calls)(5)
    (entry,) = cache.glob("*.npz")
    entry.write_bytes(b"not an npz")
    result = _make(calls)(5)
    assert len(calls) == 2
    assert result["total"] == 5.0


def test_the_key_depends_on_nnmath_sources(cache, monkeypatch):
    calls = []
    _make(calls)(2)
    monkeypatch.setattr(diskcache, "source_digest", lambda module_name="": "changed")
    _make(calls)(2)
    assert len(calls) == 2


def test_tuples_numbers_and_arrays_round_trip(cache):
    @diskcache.disk_cached
    def many(k: int):
        return (np.eye(k), 3, 2.5)

    a, b, c = many(2)
    np.testing.assert_array_equal(a, np.eye(2))
    assert (b, c) == (3, 2.5)


def test_unstorable_results_and_array_arguments_are_refused(cache):
    @diskcache.disk_cached
    def bad(k: int):
        return [k]

    with pytest.raises(TypeError, match="cannot store a list"):
        bad(1)

    @diskcache.disk_cached
    def loose(k: int):
        return Loose(k)

    with pytest.raises(TypeError, match="frozen"):
        loose(1)

    @dataclass(frozen=True)
    class Local:
        k: int

    @diskcache.disk_cached
    def local(k: int):
        return Local(k)

    with pytest.raises(TypeError, match="module level"):
        local(1)
    assert not list(cache.glob("*.npz"))

    @diskcache.disk_cached
    def takes(x):
        return 1

    with pytest.raises(TypeError, match="stable repr"):
        takes(np.zeros(2))


@dataclass(frozen=True)
class Point:
    xy: np.ndarray
    name: str


@dataclass(frozen=True)
class Run:
    costs: np.ndarray
    final: float
    steps: int
    converged: bool
    start: Point
    marks: tuple[Point, ...]
    note: str | None = None
    scale: np.float32 = np.float32(1.5)
    total: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", float(self.costs.sum()))


@dataclass
class Loose:
    k: int


def test_frozen_dataclasses_round_trip_typed_and_without_pickle(cache):
    calls = []

    def make():
        @diskcache.disk_cached
        def run(n: int) -> Run:
            calls.append(n)
            return Run(costs=np.linspace(1, 0, n), final=0.1 + 0.2, steps=n, converged=True,
                       start=Point(np.zeros(2), "start"), marks=(Point(np.ones(2), "a"), Point(np.eye(2)[0], "b")))
        return run

    first = make()(3)
    again = make()(3)  # from disk
    assert calls == [3]
    for r in (first, again):
        assert type(r) is Run and type(r.start) is Point and type(r.marks) is tuple
        np.testing.assert_array_equal(r.costs, [1.0, 0.5, 0.0])
        assert r.final == 0.1 + 0.2 and type(r.final) is float
        assert r.steps == 3 and type(r.steps) is int and r.converged is True and r.note is None
        assert r.scale == np.float32(1.5) and r.scale.dtype == np.float32
        assert r.total == 1.5
        assert [m.name for m in r.marks] == ["a", "b"]
        np.testing.assert_array_equal(r.marks[1].xy, [1.0, 0.0])
    (entry,) = cache.glob("*.npz")
    with np.load(entry, allow_pickle=False) as npz:  # would raise if anything needed pickle
        assert all(npz[k].dtype != object for k in npz.files)


def test_none_is_a_result_too(cache):
    calls = []

    def make():
        @diskcache.disk_cached
        def nothing(k: int):
            calls.append(k)
        return nothing

    assert make()(1) is None and make()(1) is None
    assert calls == [1]


def test_the_key_follows_the_network_override(cache, monkeypatch):
    calls = []
    monkeypatch.delenv("NNVIDEO_NETWORK", raising=False)
    _make(calls)(2)
    monkeypatch.setenv("NNVIDEO_NETWORK", "random:3")
    _make(calls)(2)
    _make(calls)(2)
    assert len(calls) == 2


def test_sources_are_nnmath_the_toolkit_and_what_the_function_imports():
    import nnmath
    import scenes.common

    nnmath_dir = Path(nnmath.__file__).parent
    common_dir = Path(scenes.common.__file__).parent
    assert diskcache.source_files("scenes.common.data") == [nnmath_dir, common_dir]
    chapters = [p for p in common_dir.parent.glob("chapter*") if (p / "__init__.py").exists()]
    for chapter in chapters:
        roots = diskcache.source_files(f"scenes.{chapter.name}.data")
        assert roots[:2] == [nnmath_dir, common_dir]
        own = roots[2:]
        assert chapter / "data.py" in own and chapter / "__init__.py" in own
        assert all(chapter in path.parents for path in own), "nothing from another chapter"


def test_a_scene_edit_recomputes_no_cached_number(tmp_path, monkeypatch):
    """Only what the data module imports counts: a scene module beside it is not a source of its numbers."""
    package = tmp_path / "src" / "chapterlike"
    (package / "measures").mkdir(parents=True)
    (package / "__init__.py").write_text("def segments():\n    from chapterlike import scene\n    return scene\n")
    (package / "measures" / "__init__.py").write_text("")
    (package / "measures" / "sums.py").write_text("def total(xs):\n    return sum(xs)\n")
    (package / "data.py").write_text("from chapterlike.measures import sums\nfrom . import helpers\n")
    (package / "helpers.py").write_text("def lazy():\n    import chapterlike.deep\n")
    (package / "deep.py").write_text("")
    (package / "scene.py").write_text("from chapterlike import data\n")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    own = diskcache.source_files("chapterlike.data")[2:]
    assert sorted(p.relative_to(package).as_posix() for p in own) == [
        "__init__.py", "data.py", "deep.py", "helpers.py", "measures/__init__.py", "measures/sums.py"]


def test_editing_a_helper_the_function_calls_recomputes(cache, tmp_path, monkeypatch):
    """The cached function's own source is unchanged; only a helper module of its package is edited."""
    package = tmp_path / "src" / "cachedpkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "helpers.py").write_text("SCALE = 2.0\n")
    (package / "data.py").write_text(textwrap.dedent("""
        from scenes.common.diskcache import disk_cached
        from cachedpkg import helpers

        CALLS = []

        @disk_cached
        def scaled(n: int) -> float:
            CALLS.append(n)
            return helpers.SCALE * n
    """))
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    try:
        data = importlib.import_module("cachedpkg.data")
        assert package / "helpers.py" in diskcache.source_files("cachedpkg.data")
        assert data.scaled(3) == 6.0
        assert data.scaled(3) == 6.0
        assert data.CALLS == [3]

        (package / "helpers.py").write_text("SCALE = 5.0\n")  # the edit
        diskcache.forget_sources()  # a new process would read the sources afresh
        importlib.reload(sys.modules["cachedpkg.helpers"])
        assert data.scaled(3) == 15.0
        assert data.CALLS == [3, 3]
        assert len(list(cache.glob("scaled-*.npz"))) == 2
    finally:
        diskcache.forget_sources()
        for name in [m for m in sys.modules if m == "cachedpkg" or m.startswith("cachedpkg.")]:
            del sys.modules[name]
