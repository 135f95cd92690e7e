"""Beats: words, captions and animations in time; the speech log; the script checker."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from manim import Circle, Create, FadeIn, Scene, Square, tempconfig

from scenes.common import captions
from scenes.common.captions import (BREATH, beat, caption, captioned, line_seconds, narrated, paced, reading_time,
                                    share_of, speech_log)
from scenes.common.narration import (
    Line,
    SpeechLog,
    SpokenLine,
    read_speech_log,
    speech_log_path,
    typed_figures,
    write_speech_log,
)
from scenes.common.voice import Speech

WORD_SECONDS = 0.4


@pytest.fixture
def fake_voice(monkeypatch):
    """Voice "joe" with a stand-in synthesizer: 0.4 s per word, nothing spoken for real."""
    monkeypatch.setenv("NNVIDEO_VOICE", "joe")
    said: list[str] = []

    def synthesize(text: str, voice: str) -> Speech:
        said.append(text)
        return Speech(text, voice, f"key{len(said)}", Path("/nowhere.wav"), WORD_SECONDS * len(text.split()))

    monkeypatch.setattr(captions, "synthesize", synthesize)
    return said


@pytest.fixture
def silent(monkeypatch):
    monkeypatch.delenv("NNVIDEO_VOICE", raising=False)


def _subs(scene):
    return [(s.content, s.start.total_seconds(), s.end.total_seconds())
            for s in scene.renderer.file_writer.subcaptions]


# -- Line and the script checker ---------------------------------------------------------


def test_a_line_says_one_thing_and_may_show_another():
    line = Line("the derivative of the cost with respect to this weight", "dC/dw")
    assert (line.say, line.caption) == ("the derivative of the cost with respect to this weight", "dC/dw")
    assert Line("Neurons hold numbers.").caption == "Neurons hold numbers."
    with pytest.raises(ValueError, match="words"):
        Line("  ", "dC/dw")


SCRIPT = '''"""Chapter 9's script: 3 beats (docstrings are not read)."""
def opening(n_train, cost):
    return Line(f"{spoken_count(n_train)} images, mean cost {cost:.2f}",
                f"{n_train:,} images in 10 classes")
def typed():
    return Line("It has 13,002 weights and about 0.66 cost", "784 pixels")
'''


def test_typed_figures_finds_digits_typed_into_literals_and_nothing_else():
    found = typed_figures(SCRIPT)
    assert [(f.line, f.figure) for f in found] == [(4, "10"), (6, "13,002"), (6, "0.66"), (6, "784")]
    assert typed_figures(SCRIPT, allow=("10", "13,002", "0.66", "784")) == []


def test_typed_figures_reads_a_module(tmp_path, monkeypatch):
    (tmp_path / "tiny_script.py").write_text('x = 3\nLINE = "a clean line"\nBAD = f"{x} and 16 more"\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    import tiny_script

    assert [f.figure for f in typed_figures(tiny_script)] == ["16"]


# -- the speech log ------------------------------------------------------------------------


def test_speech_log_round_trips_and_knows_when_the_words_end(tmp_path):
    log = SpeechLog("joe", (SpokenLine(0.0, 1.5, "Hi.", "Hi."), SpokenLine(2.0, 3.25, "dC/dw", "x", "k")))
    path = speech_log_path(tmp_path / "Scene.mp4")
    assert path.name == "Scene.speech.json"
    write_speech_log(path, log)
    assert read_speech_log(path) == log
    assert log.end == pytest.approx(5.25)
    path.write_text("{}")
    with pytest.raises(ValueError, match="not a speech log"):
        read_speech_log(path)


# -- beats, voiced -------------------------------------------------------------------------


class _TwoBeats(Scene):
    def construct(self):
        # 5 words: 2.0 s of speech; a 1 s animation plays inside them.
        self.first = beat(self, Line("one two three four five", "shown text"), Create(Circle()), run_time=1)
        # 2 words: 0.8 s of speech, but the animations take 3 s.
        self.second = beat(self, "six seven", FadeIn(Square()), run_time=3)


def test_a_voiced_beat_lasts_its_words_plus_a_breath_and_the_animations_play_inside(
    fake_voice, render_scene
):
    scene = render_scene(_TwoBeats)
    assert fake_voice == ["one two three four five", "six seven"]
    assert scene.first == pytest.approx(2.0 + BREATH)
    assert scene.second == pytest.approx(3.0)  # longer animations set the length
    assert scene.renderer.time == pytest.approx(2.0 + BREATH + 3.0)
    # captions show the caption, from the first word on
    assert _subs(scene) == [("shown text", 0.0, pytest.approx(2.4)),
                            ("six seven", pytest.approx(2.4), pytest.approx(5.4))]
    log = speech_log(scene)
    assert log.voice == "joe"
    assert [(l.start, l.duration, l.say, l.caption, l.key) for l in log.lines] == [
        (0.0, pytest.approx(2.0), "one two three four five", "shown text", "key1"),
        (pytest.approx(2.4), pytest.approx(0.8), "six seven", "six seven", "key2"),
    ]


class _Overlapping(Scene):
    def construct(self):
        beat(self, "one two three four five six seven eight nine ten", Create(Circle()),
             run_time=1, hold=False)  # 4 s of words; the scene moves on after 1 s
        self.play(FadeIn(Square()), run_time=1)
        caption(self, "eleven twelve", hold=False)  # 0.8 s of words; the scene ends first


def test_lines_never_overlap_and_the_scene_outlasts_its_last_words(fake_voice, render_scene):
    scene = render_scene(_Overlapping)
    first, second = speech_log(scene).lines
    assert first.start + first.duration + BREATH == pytest.approx(second.start)
    assert second.start == pytest.approx(4.0 + BREATH)  # called at 2 s, it waited for the first line
    assert scene.renderer.time == pytest.approx(second.start + second.duration + BREATH)


class _Block(Scene):
    def construct(self):
        with narrated(self, Line("one two three four five six", "a block")):
            self.play(Create(Circle()), run_time=0.5)
            self.play(FadeIn(Square()), run_time=0.5)


def test_a_narrated_block_starts_with_its_words_and_holds_until_they_are_over(fake_voice, render_scene):
    scene = render_scene(_Block)
    assert scene.renderer.time == pytest.approx(6 * WORD_SECONDS + BREATH)
    assert _subs(scene) == [("a block", 0.0, pytest.approx(6 * WORD_SECONDS + BREATH))]


# -- beats, silent -------------------------------------------------------------------------


class _Silent(Scene):
    def construct(self):
        self.took = beat(self, Line("a voice line that is much longer than its caption", "short one"),
                         Create(Circle()), run_time=1)
        with captioned(self, "a block of four"):
            self.play(FadeIn(Square()), run_time=0.5)


def test_silent_beats_last_the_reading_time_of_their_caption(silent, render_scene):
    scene = render_scene(_Silent)
    assert scene.took == pytest.approx(reading_time("short one"))
    assert scene.renderer.time == pytest.approx(reading_time("short one") + reading_time("a block of four"))
    log = speech_log(scene)
    assert log.voice == "none" and [l.duration for l in log.lines] == [0.0, 0.0]


# -- paced beats: animations spread over a share of the words ---------------------------------

FIVE = Line("one two three four five", "five")  # voiced: 2.0 s of speech


def test_a_line_lasts_its_speech_and_a_breath_or_silent_its_reading_time(fake_voice, monkeypatch):
    assert line_seconds(FIVE) == pytest.approx(2.0 + BREATH)
    assert line_seconds(FIVE, breath=False) == pytest.approx(2.0)
    monkeypatch.delenv("NNVIDEO_VOICE")
    assert line_seconds(FIVE) == line_seconds(FIVE, breath=False) == reading_time("five")


def test_a_share_of_a_line_is_split_into_parts_within_least_and_most(fake_voice):
    assert share_of(FIVE, 0.5) == pytest.approx(1.2)
    assert share_of(FIVE, 0.5, 4) == pytest.approx(0.3)
    assert share_of(FIVE, 0.5, 4, least=0.8) == 0.8
    assert share_of(FIVE, 0.5, breath=False, most=0.7) == 0.7
    with pytest.raises(ValueError, match="parts"):
        share_of(FIVE, 0.5, 0)


class _Paced(Scene):
    def construct(self):
        paced(self, FIVE, Create(Circle()), share=0.5, hold=False)
        self.first = self.time
        paced(self, FIVE, FadeIn(Square()), share=0.5, least=1.5, breath=False, hold=False)
        self.second = self.time


def test_a_paced_beat_plays_its_animations_for_its_share_of_the_words(fake_voice, render_scene):
    scene = render_scene(_Paced)
    assert scene.first == pytest.approx(0.5 * (2.0 + BREATH))
    # the second line waits for the first words and their breath, then plays max(1.5, 0.5 * 2.0) s
    assert scene.second == pytest.approx(2.0 + BREATH + 1.5)


# -- a real render writes the speech log beside its MP4 ------------------------------------


class _Spoken(Scene):
    def construct(self):
        beat(self, Line("Neurons hold numbers.", "Neurons: numbers"), Create(Circle()), run_time=0.5)
        caption(self, "Weights connect them.", FadeIn(Square()), run_time=0.5, hold=False)


@pytest.mark.slow
def test_a_rendered_scene_leaves_its_speech_log_and_its_cues_start_with_the_words(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("NNVIDEO_VOICE", "joe")
    monkeypatch.setenv("NNVIDEO_CACHE", str(tmp_path / "cache"))
    with tempconfig({"quality": "low_quality", "media_dir": str(tmp_path / "media"),
                     "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none"}):
        scene = _Spoken()
        scene.render()
        mp4 = Path(scene.renderer.file_writer.movie_file_path)
    assert mp4.exists()
    log = read_speech_log(speech_log_path(mp4))
    assert log == speech_log(scene)
    assert [l.caption for l in log.lines] == ["Neurons: numbers", "Weights connect them."]
    assert all((tmp_path / "cache" / "speech" / f"{l.key}.wav").exists() for l in log.lines)
    cue_starts = [start for _, start, _ in _subs(scene)]
    assert cue_starts == pytest.approx([l.start for l in log.lines])
    # the real render's clock moves by whole frames: the scene ends after the last words
    assert scene.renderer.time >= log.end + BREATH - 1 / 15
    assert json.loads(speech_log_path(mp4).read_text())["voice"] == "joe"
