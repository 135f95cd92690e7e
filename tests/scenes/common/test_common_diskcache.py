"""The disk cache: keyed by arguments, survives processes, never half-written."""
from __future__ import annotations

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
    monkeypatch.setattr(diskcache, "source_digest", lambda: "changed")
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
    def takes(x):
        return 1

    with pytest.raises(TypeError, match="stable repr"):
        takes(np.zeros(2))
