"""Write files so that a reader never sees a half-written one.

Everything goes to a hidden temporary name in the target's folder (same file
system) and is renamed over the target with :func:`os.replace` only once it
is complete; a run killed half-way leaves at most a stray ``.name.*.tmp`` file,
never a truncated file under the real name.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["temporary_sibling", "atomic_output", "write_text_atomic", "write_bytes_atomic"]


def temporary_sibling(path: Path) -> Path:
    """A unique hidden name beside ``path`` that keeps its suffix (``.x.mp4`` -> ``.x.mp4.<id>.tmp.mp4``)."""
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    return path.with_name(f".{path.name}.{token}.tmp{path.suffix}")


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; rename it to ``path`` if the block succeeds.

    Parameters
    ----------
    path : Path
        The final file. Its folder is created if missing.

    Yields
    ------
    Path
        A sibling temporary file name (not yet created). If the block raises,
        or leaves no file there, the temporary file is removed and ``path`` is
        left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = temporary_sibling(path)
    try:
        yield temp
        if not temp.exists():
            raise FileNotFoundError(f"nothing was written to {temp} for {path}")
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, flushed to disk, then renamed."""
    with atomic_output(path) as temp:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically, as :func:`write_bytes_atomic`."""
    write_bytes_atomic(path, text.encode("utf-8"))
