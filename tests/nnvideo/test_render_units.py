"""Render settings, chapter declarations, cache keys and progress, without rendering."""
from __future__ import annotations

import textwrap
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from nnvideo.render.chapters import ChapterError, chapter_numbers, find_chapters, load_chapter
from nnvideo.cli import main
from nnvideo.render.progress import ProgressClock, format_progress
from nnvideo.render.keys import SCENE_ENVIRONMENT, cache_key, environment_fingerprint, shared_fingerprint
from nnvideo.render.runner import manim_command
from nnvideo.render.settings import QUALITIES, RenderSettings

GOOD_MODULE = """
from manim import Scene

TITLE = "Tiny"
YOUTUBE_ID = "abc"


class First(Scene):
    def construct(self):
        self.wait(0.1)


class Second(Scene):
    def construct(self):
        self.wait(0.1)


SEGMENTS = [("One", [First]), ("Two", [Second])]
"""


@pytest.fixture
def package(tmp_path, monkeypatch):
    """Write chapter modules into a fresh importable package; returns (name, writer)."""
    name = f"pkg_{uuid.uuid4().hex[:8]}"
    (tmp_path / name).mkdir()
    (tmp_path / name / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))

    def write(module: str, source: str) -> str:
        (tmp_path / name / f"{module}.py").write_text(textwrap.dedent(source))
        return f"{name}.{module}"

    return name, write


# -- settings -------------------------------------------------------------------


def test_quality_presets_match_manims_flags():
    assert {q: (p.manim_flag, p.resolution, p.fps) for q, p in QUALITIES.items()} == {
        "low": ("l", (854, 480), 15),
        "medium": ("m", (1280, 720), 30),
        "high": ("h", (1920, 1080), 60),
        "production": ("p", (2560, 1440), 60),
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"quality": "4k"}, "unknown quality '4k'"), ({"jobs": 0}, "at least 1"),
     ({"module_pattern": "scenes.chapter"}, "no '{number}'"),
     ({"max_inflight_encoders": 0}, "max_inflight_encoders is 0")],
)  # fmt: skip
def test_render_settings_reject_bad_values(kwargs, message):
    with pytest.raises(ValueError, match=message):
        RenderSettings(**kwargs)


def test_render_settings_paths_and_module_names(tmp_path):
    settings = RenderSettings(quality="low", media_root=tmp_path)
    assert settings.out_dir == tmp_path / "low"
    assert settings.module_name(3) == "scenes.chapter3"


def test_manim_command_carries_quality_media_dir_and_encoders(tmp_path, package):
    _, write = package
    chapter = load_chapter(1, write("chapter1", GOOD_MODULE))
    command = manim_command(chapter.scene_source("First"), "First", QUALITIES["high"], tmp_path, 4)
    assert command[1:6] == ["-m", "manim", "render", str(chapter.source), "First"]
    assert command[command.index("--media_dir") + 1] == str(tmp_path)
    assert "-qh" in command and "--disable_caching" in command
    assert command[command.index("--max-inflight-encoders") + 1] == "4"
    assert "--max-inflight-encoders" not in manim_command(chapter.source, "First", QUALITIES["medium"], tmp_path)


# -- chapter declarations ------------------------------------------------------


def test_load_chapter_reads_title_segments_and_import_root(package, tmp_path):
    name, write = package
    chapter = load_chapter(2, write("chapter2", GOOD_MODULE))
    assert (chapter.number, chapter.title, chapter.youtube_id) == (2, "Tiny", "abc")
    assert [(s.title, s.scenes) for s in chapter.segments] == [("One", ("First",)), ("Two", ("Second",))]
    assert chapter.scenes == ("First", "Second")
    assert chapter.source == (tmp_path / name / "chapter2.py").resolve()
    assert chapter.import_root == tmp_path.resolve()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (GOOD_MODULE.replace('TITLE = "Tiny"', ""), "declares no TITLE"),
        (GOOD_MODULE + "\nSEGMENTS = []\n", "non-empty list"),
        (GOOD_MODULE + "\nSEGMENTS = [('One', [])]\n", "at least one scene"),
        (GOOD_MODULE + "\nSEGMENTS = [('One', ['First'])]\n", "list Scene classes"),
        (GOOD_MODULE + "\nSEGMENTS = [('One', [First]), ('Again', [First])]\n", "appears twice"),
        (GOOD_MODULE + "\nfrom manim import Square as Imported\nSEGMENTS = [('One', [Imported])]\n",
         r"Square in .*SEGMENTS is not a manim Scene"),
        (GOOD_MODULE + "\ndef make():\n    class Inner(Scene):\n        pass\n    return Inner\n"
         "SEGMENTS = [('One', [make()])]\n", "not defined at the top level"),
    ],
)  # fmt: skip
def test_load_chapter_rejects_bad_declarations(package, source, message):
    _, write = package
    with pytest.raises(ChapterError, match=message):
        load_chapter(1, write("chapter1", source))


def test_find_chapters_skips_missing_modules_with_a_note_unless_required(package):
    name, write = package
    write("chapter1", GOOD_MODULE)
    names = {n: f"{name}.chapter{n}" for n in (1, 2)}
    chapters, notes = find_chapters(names, required=False)
    assert [c.number for c in chapters] == [1]
    assert notes == [f"chapter 2: no module {name}.chapter2, skipped"]
    with pytest.raises(ChapterError, match="chapter 2: no module"):
        find_chapters(names, required=True)


def test_find_chapters_does_not_hide_a_missing_import_inside_a_chapter(package):
    name, write = package
    write("chapter1", "import no_such_module_for_nnvideo\n" + GOOD_MODULE)
    with pytest.raises(ModuleNotFoundError, match="no_such_module_for_nnvideo"):
        find_chapters({1: f"{name}.chapter1"}, required=False)


def test_chapter_numbers_default_to_all_four_optional():
    assert chapter_numbers(()) == ([1, 2, 3, 4], False)
    assert chapter_numbers((3, 1, 3)) == ([1, 3], True)


# -- cache keys ------------------------------------------------------------------


def test_cache_key_changes_with_source_scene_and_quality(package):
    name, write = package
    module = write("chapter1", GOOD_MODULE)
    shared = shared_fingerprint(["scenes.common"])
    chapter = load_chapter(1, module)
    low, medium = RenderSettings(quality="low"), RenderSettings(quality="medium")
    key = cache_key(chapter, "First", low, shared)
    assert key == cache_key(chapter, "First", low, shared)
    assert key != cache_key(chapter, "Second", low, shared)
    assert key != cache_key(chapter, "First", medium, shared)
    assert key != cache_key(chapter, "First", low, "other shared inputs")
    chapter.source.write_text(chapter.source.read_text() + "\n# edited\n")
    assert key != cache_key(chapter, "First", low, shared)


CHAPTER_INIT = """
from {package}.chapter{number}.beats import First, Second

TITLE = "Chapter {number}"
YOUTUBE_ID = "id{number}"
SEGMENTS = [("One", [First]), ("Two", [Second])]
"""

BEATS = """
from manim import Scene

from {package}.chapter{number} import data


class First(Scene):
    def construct(self):
        self.wait(data.SECONDS)


class Second(Scene):
    def construct(self):
        self.wait(data.SECONDS)
"""


@pytest.fixture
def chapters(tmp_path, monkeypatch):
    """A tree like the project's: a shared package and four chapter packages of the same shape."""
    name = f"tree_{uuid.uuid4().hex[:8]}"
    root = tmp_path / name
    (root / "common").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "common" / "__init__.py").write_text("GAP = 1\n")
    for number in (1, 2, 3, 4):
        folder = root / f"chapter{number}"
        (folder / "measures").mkdir(parents=True)
        (folder / "__init__.py").write_text(textwrap.dedent(CHAPTER_INIT.format(package=name, number=number)))
        (folder / "beats.py").write_text(textwrap.dedent(BEATS.format(package=name, number=number)))
        (folder / "data.py").write_text("SECONDS = 0.1\n")
        (folder / "measures" / "__init__.py").write_text("")
        (folder / "measures" / "paths.py").write_text("STEPS = 3\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name, root


def _keys(name: str) -> dict[tuple[int, str], str]:
    settings = RenderSettings(quality="low")
    shared = shared_fingerprint([f"{name}.common"])
    loaded, _ = find_chapters({n: f"{name}.chapter{n}" for n in (1, 2, 3, 4)}, required=True)
    return {(c.number, s): cache_key(c, s, settings, shared) for c in loaded for s in c.scenes}


def test_a_chapter_package_renders_each_scene_from_its_beat_module(chapters):
    name, root = chapters
    chapter = load_chapter(2, f"{name}.chapter2")
    assert chapter.source == (root / "chapter2" / "__init__.py").resolve()
    assert chapter.scene_source("First") == (root / "chapter2" / "beats.py").resolve()
    assert [p.relative_to(root / "chapter2").as_posix() for p in chapter.files] == [
        "__init__.py", "beats.py", "data.py", "measures/__init__.py", "measures/paths.py"
    ]


def test_editing_a_chapter4_module_changes_only_chapter4s_keys(chapters):
    name, root = chapters
    before = _keys(name)
    assert len(set(before.values())) == 8
    (root / "chapter4" / "measures" / "paths.py").write_text("STEPS = 4  # only chapter 4 uses this\n")
    after = _keys(name)
    changed = sorted(key for key in before if before[key] != after[key])
    assert changed == [(4, "First"), (4, "Second")]
    (root / "common" / "__init__.py").write_text("GAP = 2  # shared: every chapter\n")
    assert all(after[key] != value for key, value in _keys(name).items())


def test_the_scene_environment_enters_every_key(chapters, monkeypatch):
    name, _ = chapters
    assert "NNVIDEO_NETWORK" in SCENE_ENVIRONMENT
    monkeypatch.delenv("NNVIDEO_NETWORK", raising=False)
    trained = _keys(name)
    monkeypatch.setenv("NNVIDEO_NETWORK", "random:7")
    random_seven = _keys(name)
    assert all(random_seven[key] != value for key, value in trained.items())
    monkeypatch.setenv("NNVIDEO_NETWORK", "random:8")
    assert all(_keys(name)[key] != value for key, value in random_seven.items())
    assert environment_fingerprint({"NNVIDEO_NETWORK": ""}) != environment_fingerprint({})


def test_the_real_chapters_keys_cover_their_own_package_only(tmp_path):
    """Over a copy of the project's scenes/: an edit inside chapter 4 changes chapter 4's fingerprint only."""
    import shutil

    from nnvideo.render.chapters import Chapter, source_files
    from nnvideo.render.keys import chapter_fingerprint

    project = Path(__file__).resolve().parents[2]
    copy = tmp_path / "scenes"
    shutil.copytree(project / "scenes", copy, ignore=shutil.ignore_patterns("__pycache__"))
    packages = sorted(p.parent for p in copy.glob("chapter*/__init__.py"))
    if len(packages) < 2:
        pytest.skip("fewer than two chapters are packages yet")

    def fingerprints() -> dict[str, str]:
        return {
            folder.name: chapter_fingerprint(
                Chapter(0, f"scenes.{folder.name}", folder / "__init__.py", tmp_path, "", "", (),
                        source_files(folder))
            )  # fmt: skip
            for folder in packages
        }

    before = fingerprints()
    edited = packages[-1]
    module = next(p for p in source_files(edited) if p.name != "__init__.py")
    module.write_text(module.read_text() + "\n# edited\n")
    after = fingerprints()
    assert [n for n in before if before[n] != after[n]] == [edited.name]


def test_shared_fingerprint_covers_source_and_weights_not_bytecode(package, tmp_path):
    name, write = package
    write("helpers", "X = 1\n")
    weights = tmp_path / name / "weights"
    weights.mkdir()
    (weights / "net.npz").write_bytes(b"weights v1")
    first = shared_fingerprint([name])
    assert shared_fingerprint([name]) == first
    (tmp_path / name / "__pycache__").mkdir(exist_ok=True)
    (tmp_path / name / "__pycache__" / "helpers.cpython-311.pyc").write_bytes(b"bytecode")
    (tmp_path / name / "notes.txt").write_text("not source")
    assert shared_fingerprint([name]) == first
    (weights / "net.npz").write_bytes(b"weights v2")
    second = shared_fingerprint([name])
    assert second != first
    write("helpers", "X = 2\n")
    assert shared_fingerprint([name]) not in (first, second)


def test_shared_fingerprint_names_a_missing_package():
    with pytest.raises(ValueError, match="no_such_package_for_nnvideo .* is not importable"):
        shared_fingerprint(["no_such_package_for_nnvideo"])


# -- progress ----------------------------------------------------------------------


def test_progress_clock_counts_and_estimates_from_rendered_scenes():
    now = [100.0]
    clock = ProgressClock(total=5, to_render=4, jobs=2, clock=lambda: now[0])
    first = clock.finish("a: cached", None)
    assert (first.done, first.total, first.eta) == (1, 5, None)
    now[0] = 110.0
    second = clock.finish("b: rendered", 10.0)
    assert second.elapsed == 10.0
    assert second.eta == pytest.approx(10.0 * 3 / 2)  # 3 left, 2 at a time
    now[0] = 130.0
    clock.finish("c", 30.0)
    fourth = clock.finish("d", 20.0)
    assert fourth.eta == pytest.approx(20.0)  # one left: one job, mean 20 s
    assert clock.finish("e", 20.0).eta == 0.0
    assert format_progress(fourth) == "[4/5] 0:30 elapsed, ETA 0:20  d"


# -- CLI errors --------------------------------------------------------------------


def test_cli_reports_a_requested_missing_chapter(tmp_path):
    result = CliRunner().invoke(
        main,
        ["render", "--chapter", "2", "--media-dir", str(tmp_path),
         "--module-pattern", "no_such_package_for_nnvideo.chapter{number}"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "chapter 2: no module no_such_package_for_nnvideo.chapter2" in result.output


def test_cli_reports_when_no_chapter_exists(tmp_path):
    result = CliRunner().invoke(
        main,
        ["render", "--media-dir", str(tmp_path),
         "--module-pattern", "no_such_package_for_nnvideo.chapter{number}"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "no chapter module to render" in result.output


def test_cli_rejects_a_pattern_without_number(tmp_path):
    result = CliRunner().invoke(
        main, ["render", "--media-dir", str(tmp_path), "--module-pattern", "scenes.chapter"]
    )
    assert result.exit_code == 1
    assert "no '{number}'" in result.output


def test_a_scene_written_in_a_sibling_module_is_rendered_from_that_file(package, tmp_path):
    # A plain chapter module may list scenes written in modules of their own; manim finds a
    # scene by name only in the file that defines it, and that file's edits re-render.
    name, write = package
    write("chapter1_parts", "from manim import Scene\n\n\nclass Elsewhere(Scene):\n    pass\n")
    chapter = load_chapter(1, write("chapter1", GOOD_MODULE.replace(
        "SEGMENTS = [", f"from {name}.chapter1_parts import Elsewhere\nSEGMENTS = [('Zero', [Elsewhere]), ")))
    parts = (tmp_path / name / "chapter1_parts.py").resolve()
    assert chapter.scene_source("Elsewhere") == parts
    assert chapter.scene_source("First") == chapter.source
    assert parts in chapter.files  # its edits re-render
    command = manim_command(chapter.scene_source("Elsewhere"), "Elsewhere", QUALITIES["medium"], tmp_path)
    assert command[4:6] == [str(parts), "Elsewhere"]
