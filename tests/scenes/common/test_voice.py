"""The voice: Piper synthesis, its disk cache and the one setting."""
from __future__ import annotations

import wave

import pytest

from scenes.common import voice
from scenes.common.voice import Speech, speakable, speech_key, synthesize, voice_setting


@pytest.fixture
def speech_cache(tmp_path, monkeypatch):
    """An empty cache folder, and a count of real syntheses."""
    monkeypatch.setenv("NNVIDEO_CACHE", str(tmp_path))
    calls: list[str] = []
    speak = voice._speak

    def counted(text: str, name: str):
        calls.append(text)
        return speak(text, name)

    monkeypatch.setattr(voice, "_speak", counted)
    return calls


def test_voice_setting_reads_the_environment_once_and_defaults_to_silent(monkeypatch):
    monkeypatch.delenv(voice.VOICE_ENV, raising=False)
    assert voice_setting() == "none"
    monkeypatch.setenv(voice.VOICE_ENV, "joe")
    assert voice_setting() == "joe"
    monkeypatch.setenv(voice.VOICE_ENV, "jane")
    with pytest.raises(ValueError, match="none, joe"):
        voice_setting()


def test_speakable_spells_out_math_symbols():
    assert speakable("accuracy ≈ 96.2%") == "accuracy about 96.2 percent"
    assert speakable("  two\n lines ") == "two lines"


def test_speech_key_covers_text_voice_and_rate(monkeypatch):
    key = speech_key("Hello there.", "joe")
    assert speech_key("Hello there.", "joe") == key
    assert speech_key("Hello, there.", "joe") != key
    monkeypatch.setattr(voice, "LENGTH_SCALE", voice.LENGTH_SCALE + 0.1)
    assert speech_key("Hello there.", "joe") != key


def test_synthesis_is_cached_on_disk_and_never_spoken_twice(speech_cache):
    first = synthesize("Neurons hold numbers.")
    assert speech_cache == ["Neurons hold numbers."]
    assert first.path.parent == voice.speech_dir() and first.path.exists()
    with wave.open(str(first.path)) as handle:
        assert (handle.getframerate(), handle.getnchannels(), handle.getsampwidth()) == (22050, 1, 2)
        assert handle.getnframes() / 22050 == pytest.approx(first.duration)
    assert 0.8 < first.duration < 3.0
    again = synthesize("Neurons hold numbers.")
    assert again == first
    assert speech_cache == ["Neurons hold numbers."]  # the second call read the cache


def test_a_broken_cache_entry_is_spoken_again(speech_cache):
    first = synthesize("Weights and biases.")
    first.path.write_bytes(b"not a wav")
    assert synthesize("Weights and biases.").duration == pytest.approx(first.duration, abs=0.3)  # Piper adds noise
    assert len(speech_cache) == 2


RATE_SAMPLE = (
    "A neural network is a function. It takes the pixels of an image and gives back ten numbers, "
    "one for each digit, and the largest of them is its guess.",
    "Random weights, random answers: utter trash.",
    "Each layer: a weighted sum of the last, plus a bias, squished by a sigmoid.",
)


@pytest.mark.slow
def test_speaking_rate_is_between_140_and_180_words_a_minute(speech_cache):
    words = sum(len(text.split()) for text in RATE_SAMPLE)
    seconds = sum(synthesize(text).duration for text in RATE_SAMPLE)
    assert 140 <= words / seconds * 60 <= 180, words / seconds * 60


def test_empty_text_and_unknown_voices_are_refused(speech_cache):
    with pytest.raises(ValueError, match="empty"):
        synthesize("  ")
    with pytest.raises(ValueError, match="voice"):
        synthesize("Hello.", voice="none")


def test_speech_is_a_frozen_record():
    assert Speech.__dataclass_params__.frozen  # type: ignore[attr-defined]
