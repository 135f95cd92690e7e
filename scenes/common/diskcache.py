"""A disk cache for expensive scene data (mean costs over 50,000 images, training runs).

``@disk_cached`` stores a function's result as an ``.npz`` under
:func:`cache_dir` (``$NNVIDEO_CACHE``, else ``~/.cache/nnvideo``). The key is
the function's qualified name, the ``repr`` of its arguments and a digest of
everything the result can depend on: the source of every ``nnmath`` module,
the shipped weight files and the decorated function's own source. Change any
of them and the entry is recomputed; nothing has to be cleared by hand.

Writes go to a temporary file in the same directory and are renamed into
place, so a crash never leaves a half-written entry; an unreadable entry is
recomputed.

Supported results: an ndarray, a float/int/bool, or a dict / tuple of those.
"""
from __future__ import annotations

import functools
import hashlib
import inspect
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

__all__ = ["CACHE_ENV", "cache_dir", "source_digest", "disk_cached", "cache_key"]

CACHE_ENV = "NNVIDEO_CACHE"
F = TypeVar("F", bound=Callable[..., Any])


def cache_dir() -> Path:
    """``$NNVIDEO_CACHE`` if set, else ``~/.cache/nnvideo`` (created on first write)."""
    explicit = os.environ.get(CACHE_ENV, "")
    return Path(explicit).expanduser() if explicit else Path.home() / ".cache" / "nnvideo"


@functools.cache
def source_digest() -> str:
    """SHA-256 over the ``nnmath`` package's ``.py`` sources and shipped ``.npz`` weights."""
    import nnmath

    root = Path(nnmath.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".npz") and path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """Hex key of one call: function name and source, arguments' ``repr``, :func:`source_digest`."""
    try:
        func_source = inspect.getsource(func)
    except (OSError, TypeError):
        func_source = ""
    digest = hashlib.sha256()
    for part in (
        f"{func.__module__}.{func.__qualname__}",
        func_source,
        repr(args),
        repr(sorted(kwargs.items())),
        source_digest(),
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _flatten(result: Any) -> dict[str, np.ndarray]:
    if isinstance(result, dict):
        for name in result:
            if not isinstance(name, str) or "/" in name:
                raise TypeError(f"disk_cached dict keys must be str without '/'; got {name!r}")
        return {"kind": np.array("dict"), **{f"v/{k}": np.asarray(v) for k, v in result.items()}}
    if isinstance(result, tuple):
        return {"kind": np.array("tuple"), **{f"v/{i}": np.asarray(v) for i, v in enumerate(result)}}
    if isinstance(result, (np.ndarray, float, int, bool, np.number)):
        return {"kind": np.array(type(result).__name__ if not isinstance(result, np.ndarray) else "array"),
                "v/0": np.asarray(result)}
    raise TypeError(
        f"disk_cached cannot store a {type(result).__name__}; return an ndarray, a number, "
        "or a dict/tuple of them"
    )


def _unflatten(arrays: dict[str, np.ndarray]) -> Any:
    kind = str(arrays["kind"])
    values = {k[2:]: v for k, v in arrays.items() if k.startswith("v/")}
    if kind == "dict":
        return {k: (v.item() if v.ndim == 0 else v) for k, v in values.items()}
    if kind == "tuple":
        return tuple(values[str(i)].item() if values[str(i)].ndim == 0 else values[str(i)]
                     for i in range(len(values)))
    value = values["0"]
    if kind == "array":
        return value
    return {"float": float, "int": int, "bool": bool}.get(kind, lambda v: v)(value.item())


def _read(path: Path) -> Any | None:
    try:
        with np.load(path, allow_pickle=False) as npz:
            return _unflatten({k: npz[k] for k in npz.files})
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
        return None


def _write(path: Path, result: Any) -> None:
    arrays = _flatten(result)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **arrays)  # type: ignore[arg-type]
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def disk_cached(func: F) -> F:
    """Cache ``func``'s results on disk (and in memory) keyed by its inputs.

    Arguments must have a faithful, stable ``repr`` (numbers, strings,
    tuples, ``None``); pass arrays as their source (split and index), not as
    arrays. The result must be an ndarray, a number, or a dict / tuple of them.

    Examples
    --------
    >>> @disk_cached
    ... def mean_cost(split: str, seed: int) -> float: ...  # doctest: +SKIP
    """
    memory: dict[str, Any] = {}

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            if isinstance(value, np.ndarray):
                raise TypeError(
                    f"{func.__qualname__}: disk_cached arguments must have a stable repr; "
                    "pass an array's source (e.g. split and index), not the array"
                )
        key = cache_key(func, args, kwargs)
        if key in memory:
            return memory[key]
        path = cache_dir() / f"{func.__qualname__}-{key}.npz"
        result = _read(path) if path.exists() else None
        if result is None:
            result = func(*args, **kwargs)
            _write(path, result)
            result = _read(path)  # return exactly what later runs will read
        memory[key] = result
        return result

    wrapper.cache_clear_memory = memory.clear  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
