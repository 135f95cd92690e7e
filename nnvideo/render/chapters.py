"""Read what a chapter declares: ``TITLE``, ``YOUTUBE_ID``, ``SEGMENTS``.

A chapter is a package (``scenes/chapter1/``) imported by name; its
``__init__.py`` declares ``SEGMENTS = [(segment title, [SceneClass, ...]), ...]``,
which gives the order in which scenes are rendered and joined, and each scene
is rendered from the beat module that defines it. A chapter's render key
covers its own package directory (see :mod:`nnvideo.render.keys`).
"""
from __future__ import annotations

import importlib
import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

__all__ = ["ChapterError", "Segment", "Chapter", "load_chapter", "find_chapters", "chapter_numbers", "source_files"]

ALL_CHAPTERS = (1, 2, 3, 4)


class ChapterError(ValueError):
    """A chapter module is missing or declares its segments wrongly."""


@dataclass(frozen=True)
class Segment:
    """One timeline segment: the post's title and its scenes' class names, in order."""

    title: str
    scenes: tuple[str, ...]


@dataclass(frozen=True)
class Chapter:
    """A chapter's declarations.

    Attributes
    ----------
    number : int
        Chapter number, 1-4.
    module : str
        Dotted module name (``scenes.chapter1``).
    source : Path
        The module's file (``scenes/chapter1/__init__.py`` for a package).
    import_root : Path
        The folder from which ``module`` imports (the project root for
        ``scenes.chapter1``); manim's process needs it on ``PYTHONPATH``.
    title, youtube_id : str
        ``TITLE`` and ``YOUTUBE_ID``.
    segments : tuple of Segment
        ``SEGMENTS``, in timeline order.
    files : tuple of Path
        The chapter's own source, which its render key covers: every ``.py``
        file of its package directory (a plain module: its file and the
        files that define its scenes).
    scene_files : tuple of (str, Path)
        Each scene's name and the file that defines it, which manim renders.
    """

    number: int
    module: str
    source: Path
    import_root: Path
    title: str
    youtube_id: str
    segments: tuple[Segment, ...]
    files: tuple[Path, ...] = ()
    scene_files: tuple[tuple[str, Path], ...] = ()

    @property
    def scenes(self) -> tuple[str, ...]:
        """Every scene name, in the order they are joined."""
        return tuple(scene for segment in self.segments for scene in segment.scenes)

    def scene_source(self, scene: str) -> Path:
        """The file defining ``scene`` (the chapter's own file unless listed otherwise)."""
        return dict(self.scene_files).get(scene, self.source)


def source_files(folder: Path) -> tuple[Path, ...]:
    """Every ``.py`` file under ``folder``, sorted (no bytecode)."""
    return tuple(sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts and p.is_file()))


def _declared(module: ModuleType, name: str) -> object:
    if not hasattr(module, name):
        raise ChapterError(
            f"{module.__name__} declares no {name}; a chapter module needs TITLE, "
            "YOUTUBE_ID and SEGMENTS = [(segment title, [SceneClass, ...]), ...]"
        )
    return getattr(module, name)


def _defining_file(cls: type, module: ModuleType) -> Path:
    """The file manim must render to find ``cls`` by name: the module that defines it."""
    if not any(base.__name__ == "Scene" and base.__module__.startswith("manim") for base in cls.__mro__):
        raise ChapterError(f"{cls.__name__} in {module.__name__}.SEGMENTS is not a manim Scene")
    source = inspect.getsourcefile(cls)
    if source is None or cls.__qualname__ != cls.__name__:
        raise ChapterError(
            f"{cls.__name__} in {module.__name__}.SEGMENTS is not defined at the top level "
            "of a Python file; manim renders scenes by name from their module's file"
        )
    return Path(source).resolve()


def _segments(module: ModuleType) -> tuple[tuple[Segment, ...], tuple[tuple[str, Path], ...]]:
    declared = _declared(module, "SEGMENTS")
    if not isinstance(declared, (list, tuple)) or not declared:
        raise ChapterError(f"{module.__name__}.SEGMENTS must be a non-empty list of (title, [scenes])")
    segments = []
    files: list[tuple[str, Path]] = []
    seen: set[str] = set()
    for index, entry in enumerate(declared):
        if (
            not isinstance(entry, (list, tuple))
            or len(entry) != 2
            or not isinstance(entry[0], str)
            or not isinstance(entry[1], (list, tuple))
            or not entry[1]
        ):
            raise ChapterError(
                f"{module.__name__}.SEGMENTS[{index}] is {entry!r}; expected "
                "(segment title, [SceneClass, ...]) with at least one scene"
            )
        title, classes = entry
        names = []
        for cls in classes:
            if not inspect.isclass(cls):
                raise ChapterError(
                    f"{module.__name__}.SEGMENTS[{index}] lists {cls!r}; list Scene classes, not names or instances"
                )
            if cls.__name__ in seen:
                raise ChapterError(
                    f"{cls.__name__} appears twice in {module.__name__}.SEGMENTS; "
                    "each scene renders to one file, so list it once"
                )
            seen.add(cls.__name__)
            names.append(cls.__name__)
            files.append((cls.__name__, _defining_file(cls, module)))
        segments.append(Segment(title, tuple(names)))
    return tuple(segments), tuple(files)


def load_chapter(number: int, module_name: str) -> Chapter:
    """Import chapter ``module_name`` (a package, or a plain module) and read its declarations.

    Raises
    ------
    ModuleNotFoundError
        If the module itself does not exist.
    ChapterError
        If it lacks ``TITLE``, ``YOUTUBE_ID`` or ``SEGMENTS`` or they are malformed.
    """
    module = importlib.import_module(module_name)
    if module.__file__ is None:
        raise ChapterError(f"{module_name} has no source file for manim to render")
    source = Path(module.__file__).resolve()
    import_root = source.parent
    for _ in range(module_name.count(".")):
        import_root = import_root.parent
    title = _declared(module, "TITLE")
    youtube_id = _declared(module, "YOUTUBE_ID")
    if not isinstance(title, str) or not isinstance(youtube_id, str):
        raise ChapterError(f"{module_name}.TITLE and .YOUTUBE_ID must be strings")
    segments, scene_files = _segments(module)
    if source.name == "__init__.py":
        files = source_files(source.parent)
    else:
        files = tuple(sorted({source, *(path for _, path in scene_files)}))
    return Chapter(
        number, module_name, source, import_root, title, youtube_id, segments, files, scene_files
    )


def find_chapters(
    module_names: dict[int, str], required: bool
) -> tuple[list[Chapter], list[str]]:
    """Load the chapter modules that exist.

    Parameters
    ----------
    module_names : dict of int to str
        Chapter number -> dotted module name.
    required : bool
        If True a missing module is an error; if False it is skipped with a note.

    Returns
    -------
    chapters : list of Chapter
        In chapter order.
    notes : list of str
        One line per skipped module.

    Raises
    ------
    ChapterError
        If a required module is missing, or a module is malformed.
    """
    chapters, notes = [], []
    for number in sorted(module_names):
        name = module_names[number]
        try:
            chapters.append(load_chapter(number, name))
        except ModuleNotFoundError as error:
            if error.name is None or not (name == error.name or name.startswith(error.name + ".")):
                raise  # the module exists but one of its own imports is missing
            if required:
                raise ChapterError(f"chapter {number}: no module {name} to render") from error
            notes.append(f"chapter {number}: no module {name}, skipped")
    return chapters, notes


def chapter_numbers(requested: Sequence[int]) -> tuple[list[int], bool]:
    """The chapters to render and whether each must exist (explicitly requested)."""
    if requested:
        return sorted(set(requested)), True
    return list(ALL_CHAPTERS), False
