"""Narration in the films: one track per chapter from the scenes' speech logs, -16 LUFS, in sync."""
from __future__ import annotations

import json
import re
import subprocess
import uuid
import wave
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from nnvideo.cli import main
from nnvideo.render import audio
from nnvideo.render.audio import TimedLine, limit, master_track, measure_loudness, mix, timed_lines
from nnvideo.render.captions import Cue, format_vtt
from nnvideo.render.probe import probe_video
from scenes.common.narration import SpeechLog, SpokenLine, read_speech_log, speech_log_path, write_speech_log

RATE = 48_000


def parse_vtt(text: str) -> list[Cue]:
    """Cues of our own WebVTT (:func:`format_vtt`): a timing line, then the text."""
    stamp = r"(\d+):(\d\d):(\d\d)\.(\d{3})"
    cues = []
    for block in text.split("\n\n")[1:]:
        rows = block.strip().split("\n")
        times = [int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000
                 for h, m, s, ms in re.findall(stamp, rows[1])]
        cues.append(Cue(times[0], times[1], "\n".join(rows[2:])))
    return cues


def _tone_wav(path: Path, seconds: float, rate: int = 22_050, level: float = 0.5) -> Path:
    t = np.arange(round(seconds * rate)) / rate
    samples = (level * np.sin(2 * np.pi * 220 * t) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(samples.tobytes())
    return path


def _speechlike(seconds: float, seed: int = 0) -> np.ndarray:
    """Noise in syllable-long bursts with sharp peaks: as peaky as Piper's speech."""
    rng = np.random.default_rng(seed)
    n = round(seconds * RATE)
    envelope = (np.sin(2 * np.pi * 3 * np.arange(n) / RATE) > 0.2).astype(np.float32)
    signal = rng.standard_normal(n).astype(np.float32) * 0.05 * envelope
    signal[rng.integers(0, n, 40)] = 0.9
    return signal


def test_parse_vtt_reads_format_vtt():
    cues = [Cue(1.5, 3.25, "One. Two."), Cue(3725.001, 3726.0, "Three")]
    assert parse_vtt(format_vtt(cues)) == cues


def test_mix_places_each_line_at_its_start_and_is_exactly_as_long_as_the_picture(tmp_path):
    wav = _tone_wav(tmp_path / "tone.wav", 0.5)
    track = mix([TimedLine(1.0, 0.5, wav, "a"), TimedLine(2.8, 0.5, wav, "b")], 3.0)
    assert len(track) == 3 * RATE
    loud = np.flatnonzero(np.abs(track) > 0.01)
    assert loud[0] / RATE == pytest.approx(1.0, abs=0.002)
    assert loud[-1] / RATE == pytest.approx(3.0, abs=0.002)  # the second line is cut at the end
    assert not np.any(np.abs(track[round(1.6 * RATE) : round(2.7 * RATE)]) > 0.01)


def test_timed_lines_put_each_scene_at_its_offset_and_skip_silent_scenes(tmp_path, monkeypatch):
    monkeypatch.setenv("NNVIDEO_CACHE", str(tmp_path / "cache"))
    speech = tmp_path / "cache" / "speech"
    speech.mkdir(parents=True)
    _tone_wav(speech / "k1.wav", 1.0)
    _tone_wav(speech / "k2.wav", 1.0)
    scenes = [tmp_path / f"S{i}.mp4" for i in range(3)]
    write_speech_log(speech_log_path(scenes[0]), SpeechLog("joe", (SpokenLine(0.5, 1.0, "a", "A", "k1"),)))
    write_speech_log(speech_log_path(scenes[1]), SpeechLog("none", (SpokenLine(0.0, 0.0, "b", "B"),)))
    write_speech_log(speech_log_path(scenes[2]), SpeechLog("joe", (SpokenLine(0.25, 1.0, "c", "C", "k2"),)))
    lines = timed_lines([(scenes[0], 4.0), (scenes[1], 3.0), (scenes[2], 2.0)])
    assert [(line.start, line.caption) for line in lines] == [(0.5, "A"), (7.25, "C")]


def test_limit_keeps_true_peaks_under_the_ceiling_and_never_amplifies():
    signal = _speechlike(4.0)
    limited = limit(signal * 4, RATE, ceiling_db=-2.0)
    assert 20 * np.log10(audio.true_peak_envelope(limited).max()) <= -2.0 + 0.05
    quiet = signal * 0.1
    np.testing.assert_allclose(limit(quiet, RATE, ceiling_db=-2.0), quiet, atol=1e-7)


def test_master_track_measures_minus_16_lufs_with_peaks_under_the_ceiling(tmp_path):
    signal = _speechlike(12.0)
    loudness = master_track(signal, RATE, tmp_path / "master.wav", tmp_path)
    assert loudness.integrated == pytest.approx(-16.0, abs=0.2)
    assert loudness.true_peak <= audio.TARGET_TRUE_PEAK + 0.1
    with wave.open(str(tmp_path / "master.wav")) as handle:
        assert handle.getnframes() == len(signal)


# -- end to end: a narrated two-scene chapter ------------------------------------------------

NARRATED_CHAPTER = '''
from manim import Circle, Create, FadeIn, Scene, Square

from scenes.common.captions import beat, caption
from scenes.common.narration import Line

TITLE = "Narrated chapter"
YOUTUBE_ID = "voice000000"


class Opening(Scene):
    def construct(self):
        beat(self, Line("A neuron holds a number between zero and one.", "A neuron holds a number"),
             Create(Circle()), run_time=1)
        caption(self, "Weights connect the neurons.", FadeIn(Square()), run_time=0.5)


class Closing(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.7)
        caption(self, "The cost is one number.", hold=False)


SEGMENTS = [("Neurons", [Opening]), ("Cost", [Closing])]
'''


def _render(root: Path, package: str, media: Path, voice: str):
    return CliRunner().invoke(
        main,
        ["render", "--quality", "low", "--jobs", "2", "--media-dir", str(media), "--chapter", "1",
         "--module-pattern", f"{package}.chapter{{number}}", "--shared-package", f"{package}.common",
         "--voice", voice],
    )  # fmt: skip


def _streams(path: Path) -> dict[str, float]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name,duration", "-of", "json",
         str(path)], capture_output=True, text=True, check=True).stdout  # fmt: skip
    return {f"{s['codec_type']}:{s['codec_name']}": float(s["duration"]) for s in json.loads(out)["streams"]}


def _pcm(path: Path, rate: int = 16_000) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:a:0", "-ac", "1", "-ar", str(rate),
                          "-f", "s16le", "-"], capture_output=True, check=True).stdout  # fmt: skip
    return np.frombuffer(raw, np.int16).astype(np.float32) / 32768


def _onset(pcm: np.ndarray, after: float, rate: int = 16_000) -> float:
    """First time after ``after`` when the 10 ms level rises above -40 dBFS."""
    frame = rate // 100
    start = round(after * rate)
    levels = np.sqrt(np.mean(pcm[start : start + (len(pcm) - start) // frame * frame].reshape(-1, frame) ** 2, axis=1))
    return after + int(np.argmax(levels > 0.01)) / 100


@pytest.fixture(scope="module")
def narrated(tmp_path_factory):
    """The narrated chapter rendered with the voice, and its project."""
    root = tmp_path_factory.mktemp("narrated")
    package = f"voice_{uuid.uuid4().hex[:8]}"
    (root / package / "common").mkdir(parents=True)
    (root / package / "__init__.py").write_text("")
    (root / package / "common" / "__init__.py").write_text("")
    (root / package / "chapter1.py").write_text(NARRATED_CHAPTER)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.syspath_prepend(str(root))
        monkeypatch.setenv("NNVIDEO_CACHE", str(root / "cache"))
        result = _render(root, package, root / "media", "joe")
        assert result.exit_code == 0, result.output
        yield root, package, monkeypatch


@pytest.mark.slow
def test_a_narrated_chapter_has_one_aac_track_as_long_as_the_picture_at_minus_16_lufs(narrated):
    root, _, _ = narrated
    video = root / "media" / "low" / "chapter1.mp4"
    streams = _streams(video)
    assert set(streams) == {"video:h264", "audio:aac"}
    assert streams["audio:aac"] == pytest.approx(streams["video:h264"], abs=0.1)
    loudness = measure_loudness(video)
    assert loudness.integrated == pytest.approx(-16.0, abs=1.0)
    assert loudness.true_peak <= -1.0
    for clip in sorted((root / "media" / "low" / "chapter1").glob("segment-*.mp4")):
        clip_streams = _streams(clip)
        assert clip_streams["audio:aac"] == pytest.approx(clip_streams["video:h264"], abs=0.1)


@pytest.mark.slow
def test_speech_cues_and_sound_start_together_in_the_first_and_last_scene(narrated):
    root, _, _ = narrated
    out = root / "media" / "low"
    scenes = [out / "scenes" / "chapter1" / f"{name}.mp4" for name in ("Opening", "Closing")]
    lines = timed_lines([(mp4, probe_video(mp4).duration) for mp4 in scenes])
    cues = parse_vtt((out / "chapter1.vtt").read_text(encoding="utf-8"))
    assert [cue.text for cue in cues] == [line.caption for line in lines]
    pcm = _pcm(out / "chapter1.mp4")
    for cue, line in zip(cues, lines):
        assert cue.start == pytest.approx(line.start, abs=1 / 15)  # the cue starts with its words
        assert _onset(pcm, max(0.0, line.start - 0.3)) == pytest.approx(line.start, abs=0.1)
    assert lines[-1].start > probe_video(scenes[0]).duration  # the last one is in the second scene


@pytest.mark.slow
def test_a_second_render_speaks_nothing_again(narrated):
    root, package, _ = narrated
    speech = root / "cache" / "speech"
    before = {path.name: path.stat().st_mtime_ns for path in speech.glob("*.wav")}
    assert len(before) == 3
    chapter = root / package / "chapter1.py"
    chapter.write_text(chapter.read_text() + "\n# an edit: every scene renders again\n")
    result = _render(root, package, root / "media", "joe")
    assert result.exit_code == 0, result.output
    assert "2 scenes rendered" in result.output
    assert {path.name: path.stat().st_mtime_ns for path in speech.glob("*.wav")} == before


@pytest.mark.slow
def test_a_silent_render_has_no_sound_and_captions_at_reading_pace(narrated):
    root, package, _ = narrated
    result = _render(root, package, root / "silent", "none")
    assert result.exit_code == 0, result.output
    out = root / "silent" / "low"
    assert set(_streams(out / "chapter1.mp4")) == {"video:h264"}
    log = read_speech_log(speech_log_path(out / "scenes" / "chapter1" / "Opening.mp4"))
    assert log.voice == "none"
    cues = parse_vtt((out / "chapter1.vtt").read_text(encoding="utf-8"))
    assert cues[0].end - cues[0].start == pytest.approx(2 + 0.3 * len("A neuron holds a number".split()), abs=0.07)


def test_a_chapter_is_mastered_again_lower_when_aac_raises_its_peaks(tmp_path, monkeypatch):
    """AAC can lift speech peaks over the promise: the master is redone with the ceiling lowered by the overshoot."""
    ceilings: list[float] = []
    real_master = audio.master_track

    def recording_master(samples, rate, output, work_dir, ceiling_db=audio.TARGET_TRUE_PEAK):
        ceilings.append(ceiling_db)
        return real_master(samples, rate, output, work_dir, ceiling_db)

    encoded = iter([-0.7, audio.MAX_TRUE_PEAK - audio.PEAK_MARGIN - 0.2])
    monkeypatch.setattr(audio, "master_track", recording_master)
    monkeypatch.setattr(audio, "encoded_true_peak", lambda master, probe: next(encoded))
    monkeypatch.setattr(audio, "timed_lines", lambda scenes: ["one line"])
    monkeypatch.setattr(audio, "mix", lambda lines, seconds: _speechlike(seconds))
    track = audio.narration([(tmp_path / "scene.mp4", 3.0)], tmp_path, "chapter")
    overshoot = -0.7 - (audio.MAX_TRUE_PEAK - audio.PEAK_MARGIN)
    assert ceilings == pytest.approx([audio.TARGET_TRUE_PEAK, audio.TARGET_TRUE_PEAK - overshoot - audio.PEAK_MARGIN])
    assert track is not None and track.loudness.true_peak <= ceilings[-1] + 0.1
