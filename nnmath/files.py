"""Write files so that a reader never sees a half-written one: the project's one atomic writer.

Everything goes to a hidden temporary name in the target's folder (the same
file system) and is renamed over the target with :func:`os.replace` only once
the writing block has finished; a block that raises, or a run killed half-way,
leaves the target as it was (at worst a stray ``.name.*.tmp*`` file after a kill).
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_write"]


@contextmanager
def atomic_write(path: str | os.PathLike[str], suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path to write; rename it over ``path`` if the block succeeds.

    Parameters
    ----------
    path : str or PathLike
        The final file. Its folder is created if missing.
    suffix : str, optional
        How the temporary name ends; defaults to ``path``'s own suffix, so tools
        that choose a format by extension (``np.savez`` adds ``.npz`` to other
        names, ffmpeg reads ``.mp4``) write the right thing.

    Yields
    ------
    Path
        A unique hidden sibling ``.<name>.<pid>-<token>.tmp<suffix>``, not yet
        created. Write the whole file there.

    Raises
    ------
    FileNotFoundError
        If the block left no file at the temporary path.

    Notes
    -----
    The written file is flushed to disk (``fsync``) before the rename, so after
    a crash ``path`` holds either the old file or the whole new one. If the
    block raises, the temporary file is removed and the exception propagates;
    ``path`` is untouched. The file gets the usual mode (``0o666 & ~umask``).

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "hello.txt"
    >>> with atomic_write(target) as tmp:
    ...     _ = tmp.write_text("hello")
    >>> target.read_text()
    'hello'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    end = path.suffix if suffix is None else suffix
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp{end}")
    try:
        yield temp
        if not temp.is_file():
            raise FileNotFoundError(f"nothing was written to {temp} for {path}")
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
