"""A disk cache for expensive scene data (mean costs over 50,000 images, training runs).

``@disk_cached`` stores a function's result as an ``.npz`` under
:func:`cache_dir` (``$NNVIDEO_CACHE``, else ``~/.cache/nnvideo``). The key is
the function's qualified name, the ``repr`` of its arguments, the environment
variables that change what the scenes compute (:data:`KEY_ENVIRONMENT`), and a
digest of every source the function can run (:func:`source_files`):

- the ``nnmath`` package's sources and shipped weights,
- ``scenes/common`` (the toolkit every chapter uses),
- the files of the function's own package that its module imports, directly or
  through each other: for ``scenes.chapter2.data.x``, ``scenes/chapter2/data.py``,
  the ``measures`` it uses and the package ``__init__``, not the scene modules
  (for a module outside ``scenes``, the same within its top-level package).

Edit any helper the function calls (``data.split``, a private ``_train``, a
constant) and the entry is recomputed; nothing has to be cleared by hand.
Sources are read once per process (:func:`forget_sources` rereads them).

Results are stored without pickle: an ndarray, a number (``float``, ``int``,
``bool``, numpy scalars), a ``str``, ``None``, a frozen dataclass whose fields
are any of these (nested dataclasses too), or a tuple of them. The dataclass
comes back as the same class (imported again by its module and name, so it
must be defined at module level). Dicts of such values are read back too,
for old callers; prefer a dataclass (scenes read attributes, not strings).

Writes go through :func:`nnmath.files.atomic_write`, so a crash never leaves
a half-written entry; an unreadable entry is recomputed.
"""
from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import importlib
import importlib.util
import inspect
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from nnmath.files import atomic_write

__all__ = ["CACHE_ENV", "KEY_ENVIRONMENT", "cache_dir", "source_files", "source_digest",
           "forget_sources", "cache_key", "disk_cached"]

CACHE_ENV = "NNVIDEO_CACHE"
#: Environment variables that change what cached computations return (part of every key).
#: ``NNVIDEO_NETWORK`` picks the network the scenes use (:mod:`scenes.common.data`).
KEY_ENVIRONMENT: tuple[str, ...] = ("NNVIDEO_NETWORK",)
_MISSING = object()
F = TypeVar("F", bound=Callable[..., Any])


def cache_dir() -> Path:
    """``$NNVIDEO_CACHE`` if set, else ``~/.cache/nnvideo`` (created on first write)."""
    explicit = os.environ.get(CACHE_ENV, "")
    return Path(explicit).expanduser() if explicit else Path.home() / ".cache" / "nnvideo"


def _location(name: str) -> tuple[Path, bool]:
    """Where module ``name`` lives and whether it is a package, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"no module {name!r} to read sources from")
    return Path(spec.origin), spec.submodule_search_locations is not None


def _package_dir(name: str) -> Path:
    return _location(name)[0].parent


def _own_package(module_name: str) -> str:
    """The package whose modules a function of ``module_name`` may call: ``scenes.chapter2`` for
    ``scenes.chapter2.data``; for a module outside ``scenes``, its top-level package."""
    parts = module_name.split(".")
    return ".".join(parts[: 2 if parts[0] == "scenes" and len(parts) > 1 else 1])


def _imports(node: ast.AST, package: str) -> list[str]:
    """Module names an import statement may load (``from a import b`` may load ``a.b``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base_parts = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join(base_parts + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    return [base] + [f"{base}.{alias.name}" for alias in node.names if alias.name != "*"]


def _import_closure(module_name: str, package: str) -> list[Path]:
    """Source files of ``package`` that ``module_name`` runs: itself, what it imports, their parents.

    Imports are read from the sources (nothing is imported). A module's imports
    count wherever they are (a function may import lazily); a package's
    ``__init__`` counts only its top-level imports, so a chapter's ``__init__``
    that lists its scenes on first use does not pull every scene module in.
    """
    def inside(name: str) -> bool:
        return name == package or name.startswith(package + ".")

    seen: dict[str, Path] = {}
    todo = [module_name]
    while todo:
        name = todo.pop()
        if name in seen or not inside(name):
            continue
        try:
            origin, is_package = _location(name)
        except (ImportError, ValueError):  # ``from a import b`` where b is not a module
            continue
        if origin.suffix != ".py":
            continue
        seen[name] = origin
        tree = ast.parse(origin.read_text(encoding="utf-8"))
        nodes = tree.body if is_package else list(ast.walk(tree))
        own = name if is_package else name.rpartition(".")[0]
        for node in nodes:
            todo.extend(_imports(node, own))
        if "." in name:
            todo.append(name.rpartition(".")[0])
    return sorted(seen.values())


def source_files(module_name: str) -> list[Path]:
    """What a function of ``module_name`` can run: nnmath, scenes/common, and its own imports.

    Returns
    -------
    list of Path
        The ``nnmath`` and ``scenes/common`` folders (read recursively: ``.py``
        sources and ``.npz`` weights), then the files of the function's own
        package (:func:`_own_package`) that its module imports, directly or
        through each other, without repeats. A chapter's scene modules are not
        among them for ``scenes.chapterN.data``: editing a scene re-renders it
        but recomputes no cached number.
    """
    roots = [_package_dir("nnmath"), _package_dir("scenes.common"),
             *_import_closure(module_name, _own_package(module_name))]
    unique: list[Path] = []
    for root in roots:
        if not any(root == kept or kept in root.parents for kept in unique):
            unique.append(root)
    return unique


@functools.cache
def _root_digest(root: Path) -> str:
    digest = hashlib.sha256()
    files = [root] if root.is_file() else sorted(
        p for p in root.rglob("*") if p.suffix in (".py", ".npz") and p.is_file()
        and "__pycache__" not in p.parts)
    for path in files:
        digest.update(str(path.relative_to(root.parent)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def source_digest(module_name: str = "scenes.common") -> str:
    """SHA-256 over :func:`source_files` ``(module_name)``: changes when any of them changes."""
    digest = hashlib.sha256()
    for root in source_files(module_name):
        digest.update(_root_digest(root).encode())
    return digest.hexdigest()


def forget_sources() -> None:
    """Reread the sources on the next key (they are otherwise read once per process)."""
    _root_digest.cache_clear()


def cache_key(func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """Hex key of one call: name and source, arguments' ``repr``, environment, :func:`source_digest`."""
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
        repr([(name, os.environ.get(name)) for name in KEY_ENVIRONMENT]),
        source_digest(func.__module__),
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


# ----------------------------------------------------------------------------- storing results

def _encode(value: Any, arrays: dict[str, np.ndarray]) -> Any:
    """A JSON description of ``value``; its arrays go into ``arrays`` under fresh names."""
    if value is None:
        return {"t": "none"}
    if isinstance(value, (bool, np.bool_)):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, int) and not isinstance(value, np.generic):
        return {"t": "int", "v": value}
    if isinstance(value, float) and not isinstance(value, np.generic):
        arrays[name := f"a{len(arrays)}"] = np.asarray(value, dtype=np.float64)  # exact, NaN-safe
        return {"t": "float", "k": name}
    if isinstance(value, str):
        return {"t": "str", "v": value}
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
        if array.dtype.hasobject:
            raise TypeError("disk_cached cannot store arrays of Python objects (that needs pickle)")
        arrays[name := f"a{len(arrays)}"] = array
        return {"t": "array" if isinstance(value, np.ndarray) else "scalar", "k": name}
    if isinstance(value, tuple):
        return {"t": "tuple", "items": [_encode(v, arrays) for v in value]}
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise TypeError(f"disk_cached dict keys must be str; got {key!r}")
        return {"t": "dict", "items": {k: _encode(v, arrays) for k, v in value.items()}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        if not cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            raise TypeError(f"disk_cached stores frozen dataclasses only; make {cls.__qualname__} frozen")
        name = f"{cls.__module__}:{cls.__qualname__}"
        try:
            found = _dataclass(name)
        except (ImportError, AttributeError, ValueError):
            found = None
        if found is not cls:
            raise TypeError(f"disk_cached stores dataclasses it can import again by name; {name} "
                            "is not (define it at module level, not in a function or __main__)")
        return {"t": "dataclass", "cls": name,
                "fields": {f.name: _encode(getattr(value, f.name), arrays) for f in dataclasses.fields(value)}}
    raise TypeError(
        f"disk_cached cannot store a {type(value).__name__}; return an ndarray, a number, a str, "
        "or a frozen dataclass / tuple of them"
    )


def _dataclass(path: str) -> type:
    module_name, _, qualname = path.partition(":")
    if module_name == "__main__" or "<locals>" in qualname:
        raise ValueError(f"{path!r} cannot be imported again by name")
    cls: Any = importlib.import_module(module_name)
    for attr in qualname.split("."):
        cls = getattr(cls, attr)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise ValueError(f"cache entry names {path!r}, which is not a dataclass")
    return cls


def _decode(node: Any, arrays: dict[str, np.ndarray]) -> Any:
    kind = node["t"]
    if kind == "none":
        return None
    if kind in ("bool", "int", "str"):
        return node["v"]
    if kind == "float":
        return float(arrays[node["k"]])
    if kind == "array":
        return arrays[node["k"]]
    if kind == "scalar":
        return arrays[node["k"]][()]
    if kind == "tuple":
        return tuple(_decode(item, arrays) for item in node["items"])
    if kind == "dict":
        return {k: _decode(v, arrays) for k, v in node["items"].items()}
    if kind == "dataclass":
        cls = _dataclass(node["cls"])
        fields = {f.name: f for f in dataclasses.fields(cls)}
        if set(fields) != set(node["fields"]):
            raise ValueError(f"{cls.__qualname__} has fields {sorted(fields)}; the entry {sorted(node['fields'])}")
        values = {name: _decode(v, arrays) for name, v in node["fields"].items()}
        result = cls(**{n: v for n, v in values.items() if fields[n].init})
        for name, v in values.items():
            if not fields[name].init:
                object.__setattr__(result, name, v)
        return result
    raise ValueError(f"unknown kind {kind!r} in a cache entry")


def _read(path: Path) -> Any:
    """The result stored at ``path``, or ``_MISSING`` if there is none or it cannot be read."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        schema = json.loads(str(arrays.pop("schema")))
        return _decode(schema, arrays)
    except (OSError, KeyError, ValueError, TypeError, AttributeError, ImportError, EOFError,
            zipfile.BadZipFile):
        return _MISSING


def _write(path: Path, result: Any) -> None:
    arrays: dict[str, np.ndarray] = {}
    arrays["schema"] = np.array(json.dumps(_encode(result, arrays)))  # a str array: no pickle
    with atomic_write(path) as tmp:
        np.savez(tmp, **arrays)  # type: ignore[arg-type]


def disk_cached(func: F) -> F:
    """Cache ``func``'s results on disk (and in memory) keyed by its inputs and sources.

    Arguments must have a faithful, stable ``repr`` (numbers, strings,
    tuples, ``None``); pass arrays as their source (split and index), not as
    arrays. The result must be storable (see the module docstring): a frozen
    dataclass of arrays and numbers is the usual one.

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
        result = _read(path)
        if result is _MISSING:
            result = func(*args, **kwargs)
            _write(path, result)
            result = _read(path)  # return exactly what later runs will read
            if result is _MISSING:
                raise RuntimeError(f"{func.__qualname__}: the entry just written to {path} does not read back")
        memory[key] = result
        return result

    wrapper.cache_clear_memory = memory.clear  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
