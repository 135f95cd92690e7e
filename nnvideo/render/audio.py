"""Sound for the films: one narration track per chapter, built from the scenes' speech logs.

A voiced scene leaves ``<Scene>.speech.json`` beside its MP4
(:mod:`scenes.common.narration`): when each line starts and which cached WAV
holds its words. The assembler lays every line of a chapter on one PCM track
at its scene's offset (offsets from the files' durations), normalises the
track once, to -16 LUFS integrated with true peaks at most -1 dBTP (gain and a
4x-oversampled look-ahead limiter, checked with ffmpeg's ``ebur128``), and
encodes it to AAC once while the joined video is copied. Encoding per scene and
joining would add the AAC encoder's priming delay, about 21 ms, at every cut.
Segment clips and the own-digit clip get their slice of that master, or their
own track, encoded the same way.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnmath.files import atomic_write
from scenes.common.narration import SpeechLog, read_speech_log, speech_log_path
from scenes.common.voice import SILENT, read_wav, speech_dir, synthesize

__all__ = [
    "AudioError",
    "TARGET_LUFS",
    "TARGET_TRUE_PEAK",
    "SAMPLE_RATE",
    "Loudness",
    "TimedLine",
    "timed_lines",
    "mix",
    "master_track",
    "encoded_true_peak",
    "mux_audio",
    "measure_loudness",
    "audio_duration",
    "Narration",
    "narration",
    "add_narration",
]

TARGET_LUFS = -16.0
"""Integrated loudness of every film (EBU R128 / ITU-R BS.1770), LUFS."""
TARGET_TRUE_PEAK = -2.5
"""The limiter's true-peak ceiling, dBTP: 1.5 dB below the -1 dBTP promised, room for AAC
(at 128 kb/s it raised the peaks of a digit clip by 0.8 dB)."""
MAX_TRUE_PEAK = -1.0
"""The promise: no output peaks above this, dBTP."""
PEAK_MARGIN = 0.3
"""How far under :data:`MAX_TRUE_PEAK` the encoded master must peak, dB (slices encode a little differently)."""
MASTER_ROUNDS = 3
"""At most this many masterings of a chapter, each with a ceiling lowered by the AAC overshoot of the last."""
SAMPLE_RATE = 48_000
"""Rate of the master track and the AAC streams, Hz."""
AAC_BITRATE = "128k"
MAX_AUDIO_OFFSET = 0.1
"""How far the sound may end from the picture, seconds."""
LOUDNESS_RANGE = 1.0
"""How far from :data:`TARGET_LUFS` a chapter's encoded track may measure, LU."""
SILENCE_LUFS = -69.0
"""ebur128 reports -70 LUFS for silence (its absolute gate)."""
LOUDNESS_TOLERANCE = 0.1
"""How close to :data:`TARGET_LUFS` the master track is brought, LU."""


class AudioError(RuntimeError):
    """ffmpeg failed, or a track came out of range."""


@dataclass(frozen=True)
class Loudness:
    """What ffmpeg's ``ebur128=peak=true`` measured: integrated LUFS and true peak dBTP."""

    integrated: float
    true_peak: float


@dataclass(frozen=True)
class TimedLine:
    """One spoken line placed on a track.

    Attributes
    ----------
    start : float
        Seconds from the start of the track to the first word.
    duration : float
        Seconds of speech.
    wav : Path
        The cached speech.
    caption : str
        Its caption (for checks that cues fall on speech).
    """

    start: float
    duration: float
    wav: Path
    caption: str


def _ffmpeg() -> str:
    found = shutil.which("ffmpeg")
    if found is None:
        raise AudioError("ffmpeg not found on PATH; install it (scripts/bootstrap.sh does)")
    return found


def _run(command: list[str], what: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AudioError(f"ffmpeg could not {what}: {result.stderr.strip()[-2000:]}")
    return result.stderr


def _wav_of(log: SpeechLog, say: str, key: str) -> Path:
    """The cached WAV of a line, spoken again if the cache was cleared since the render."""
    path = speech_dir() / f"{key}.wav"
    if not path.exists():
        speech = synthesize(say, log.voice)
        if speech.key != key:
            raise AudioError(
                f"the speech of {say!r} has key {speech.key}, not the rendered {key}: Piper or the "
                "voice changed since this scene was rendered; render it again"
            )
        path = speech.path
    return path


def timed_lines(scenes: Sequence[tuple[Path, float]]) -> list[TimedLine]:
    """The spoken lines of consecutive scenes, placed at the scenes' offsets.

    Parameters
    ----------
    scenes : sequence of (Path, float)
        Each scene's MP4 and its duration in seconds (read from the file), in
        playing order. A scene without a speech log, or rendered silent, says nothing.

    Returns
    -------
    list of TimedLine
        In order of start.
    """
    lines: list[TimedLine] = []
    offset = 0.0
    for mp4, duration in scenes:
        log_path = speech_log_path(mp4)
        if log_path.exists():
            log = read_speech_log(log_path)
            if log.voice != SILENT:
                for line in log.lines:
                    wav = _wav_of(log, line.say, line.key)
                    lines.append(TimedLine(offset + line.start, line.duration, wav, line.caption))
        offset += duration
    return lines


def _resample(samples: np.ndarray, rate: int, to: int) -> np.ndarray:
    if rate == to:
        return samples
    n = round(len(samples) * to / rate)
    resampled: np.ndarray = np.interp(np.arange(n) * (rate / to), np.arange(len(samples)), samples)
    return resampled.astype(np.float32)


def mix(lines: Sequence[TimedLine], seconds: float, rate: int = SAMPLE_RATE) -> np.ndarray:
    """One mono float32 track of ``seconds`` with every line at its start.

    The track has exactly ``round(seconds * rate)`` samples, so it is as long as the
    picture; words that would run past the end are cut there.
    """
    track = np.zeros(round(seconds * rate), np.float32)
    for line in lines:
        samples, line_rate = read_wav(line.wav)
        samples = _resample(samples, line_rate, rate)
        start = round(line.start * rate)
        if start >= len(track):
            continue
        piece = samples[: len(track) - start]
        track[start : start + len(piece)] += piece
    np.clip(track, -1.0, 1.0, out=track)
    return track


def _write_pcm(samples: np.ndarray, rate: int, path: Path) -> None:
    with atomic_write(path) as temp, wave.open(str(temp), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes((np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16).tobytes())


LIMITER_HOLD = 0.005
"""Seconds a peak's gain reduction reaches out on each side (lookahead and release)."""
OVERSAMPLE = 4
"""True peaks are read on the track resampled this many times (ITU-R BS.1770's 4x)."""


def true_peak_envelope(samples: np.ndarray) -> np.ndarray:
    """Per sample, the largest magnitude of the 4x-oversampled signal around it."""
    from scipy.signal import resample_poly  # type: ignore[import-untyped]

    up = resample_poly(samples.astype(np.float64), OVERSAMPLE, 1)
    envelope: np.ndarray = np.abs(up[: len(samples) * OVERSAMPLE]).reshape(-1, OVERSAMPLE).max(axis=1)
    return envelope


def limit(samples: np.ndarray, rate: int, ceiling_db: float = TARGET_TRUE_PEAK,
          envelope: np.ndarray | None = None) -> np.ndarray:
    """Scale the loud moments of ``samples`` down so no true peak exceeds ``ceiling_db`` dBTP.

    The gain never rises above 1; around a peak it falls smoothly over
    :data:`LIMITER_HOLD` on each side (a look-ahead limiter: the smoothed gain is at most
    the gain each sample needs, because the smoothing window is no wider than the hold).
    ``envelope`` is :func:`true_peak_envelope` of ``samples`` if already known.
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d  # type: ignore[import-untyped]

    peaks = true_peak_envelope(samples) if envelope is None else envelope
    need = np.minimum(1.0, 10 ** (ceiling_db / 20) / np.maximum(peaks, 1e-12))
    hold = max(1, round(LIMITER_HOLD * rate))
    gain = uniform_filter1d(minimum_filter1d(need, size=2 * hold + 1), size=2 * hold + 1)
    limited: np.ndarray = (samples * np.minimum(gain, need)).astype(np.float32)
    return limited


def master_track(samples: np.ndarray, rate: int, output: Path, work_dir: Path,
                 ceiling_db: float = TARGET_TRUE_PEAK) -> Loudness:
    """Bring ``samples`` to :data:`TARGET_LUFS`, true peaks under ``ceiling_db`` dBTP; write a WAV.

    Gain then :func:`limit`, measured with ffmpeg's ``ebur128`` and corrected until the
    integrated loudness is within 0.2 LU (two or three rounds). ffmpeg's two-pass ``loudnorm``
    cannot do it alone: Piper's speech is 17-18 dB above its loudness at peak, so the linear
    gain would break the peak ceiling, and loudnorm's dynamic fallback left a test chapter at -17.6 LUFS.

    Returns
    -------
    Loudness
        Of the written track (16-bit mono at ``rate``, as many samples as the input).
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    _write_pcm(samples, rate, output)
    measured = measure_loudness(output)
    if not measured.integrated > SILENCE_LUFS:
        return measured  # silence: nothing to normalise
    envelope = true_peak_envelope(samples)  # scales with the gain: read it once
    tried: list[tuple[float, float]] = []  # (gain dB, integrated LUFS)
    gain_db = TARGET_LUFS - measured.integrated
    for _ in range(5):
        gain = 10 ** (gain_db / 20)
        _write_pcm(limit(samples * gain, rate, ceiling_db, envelope=envelope * gain), rate, output)
        measured = measure_loudness(output, peak=False)
        tried.append((gain_db, measured.integrated))
        if abs(measured.integrated - TARGET_LUFS) <= LOUDNESS_TOLERANCE:
            break
        # The limiter eats part of each added dB: step by the slope of the last two tries.
        slope = 1.0
        if len(tried) > 1 and tried[-1][0] != tried[-2][0]:
            slope = (tried[-1][1] - tried[-2][1]) / (tried[-1][0] - tried[-2][0])
        gain_db += (TARGET_LUFS - measured.integrated) / min(1.0, max(slope, 0.2))
    return measure_loudness(output)


def mux_audio(video: Path, master: Path, output: Path, start: float = 0.0,
              duration: float | None = None) -> None:
    """Write ``output``: ``video``'s picture (copied) with ``master`` from ``start`` encoded to AAC.

    Parameters
    ----------
    video : Path
        An MP4 whose first video stream is kept as it is.
    master : Path
        The normalised track (:func:`master_track`).
    start, duration : float
        The slice of ``master`` to use, seconds (``duration`` None: the rest).
    output : Path
        Written atomically, fast start; may be ``video`` itself.
    """
    audio_input = ["-ss", f"{start:.6f}"] if start else []
    if duration is not None:
        audio_input += ["-t", f"{duration:.6f}"]
    with atomic_write(output) as temp:
        _run([_ffmpeg(), "-nostdin", "-hide_banner", "-y", "-i", str(video), *audio_input,
              "-i", str(master), "-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy",
              "-c:a", "aac", "-b:a", AAC_BITRATE, "-ar", str(SAMPLE_RATE),
              "-movflags", "+faststart", "-f", "mp4", str(temp)], f"add sound to {output.name}")


def measure_loudness(path: Path, peak: bool = True) -> Loudness:
    """Integrated loudness and true peak of ``path``'s first audio stream (ffmpeg ebur128).

    ``peak=False`` skips the (4x oversampled, slower) true peak: it reads as ``nan``.
    """
    stderr = _run([_ffmpeg(), "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-map", "0:a:0",
                   "-af", "ebur128=peak=true" if peak else "ebur128", "-f", "null", "-"],
                  f"measure {path.name}")
    summary = stderr[stderr.rfind("Summary:"):]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    true_peak = re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if integrated is None or (peak and true_peak is None):
        raise AudioError(f"ffmpeg's ebur128 summary of {path} is unreadable: {summary[-500:]}")
    return Loudness(float(integrated.group(1)), float(true_peak.group(1)) if true_peak else float("nan"))


def audio_duration(path: Path) -> float | None:
    """Duration of ``path``'s first audio stream, seconds; None if it has none."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        raise AudioError("ffprobe not found on PATH")
    result = subprocess.run(
        [ffprobe, "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=duration",
         "-of", "json", str(path)], capture_output=True, text=True, check=False)  # fmt: skip
    streams = json.loads(result.stdout or "{}").get("streams") or []
    return float(streams[0]["duration"]) if streams and "duration" in streams[0] else None


@dataclass(frozen=True)
class Narration:
    """A normalised narration track for consecutive scenes.

    Attributes
    ----------
    master : Path
        16-bit mono WAV at :data:`SAMPLE_RATE`, exactly as long as the scenes.
    loudness : Loudness
        Of ``master``.
    lines : tuple of TimedLine
        Its lines, at their offsets.
    """

    master: Path
    loudness: Loudness
    lines: tuple[TimedLine, ...]


def narration(scenes: Sequence[tuple[Path, float]], work_dir: Path, name: str) -> Narration | None:
    """The one track of consecutive scenes, or None if none of them says anything.

    Parameters
    ----------
    scenes : sequence of (Path, float)
        Each scene's MP4 (its speech log beside it) and duration, in playing order.
    work_dir : Path
        Where the master WAV goes (``<name>.wav``).
    name : str
        File stem of the master.
    """
    lines = timed_lines(scenes)
    if not lines:
        return None
    total = sum(duration for _, duration in scenes)
    master = work_dir / f"{name}.wav"
    samples = mix(lines, total)
    ceiling = TARGET_TRUE_PEAK
    for _ in range(MASTER_ROUNDS):
        loudness = master_track(samples, SAMPLE_RATE, master, work_dir, ceiling)
        if not loudness.integrated > SILENCE_LUFS:
            break
        overshoot = encoded_true_peak(master, work_dir / f"{name}.m4a") - (MAX_TRUE_PEAK - PEAK_MARGIN)
        if overshoot <= 0:
            break
        ceiling -= overshoot + PEAK_MARGIN  # AAC raised the peaks this much: limit lower, master again
    return Narration(master, loudness, tuple(lines))


def encoded_true_peak(master: Path, probe: Path) -> float:
    """True peak, dBTP, of ``master`` once encoded as the outputs encode it (AAC at :data:`AAC_BITRATE`).

    AAC's quantisation raises short peaks of speech by up to a couple of dB over the
    master's, so the ceiling is checked on the encoded sound, not on the WAV.
    """
    _run([_ffmpeg(), "-nostdin", "-hide_banner", "-y", "-i", str(master), "-c:a", "aac", "-b:a", AAC_BITRATE,
          "-ar", str(SAMPLE_RATE), "-f", "mp4", str(probe)], f"encode {master.name} to check its peaks")
    try:
        return measure_loudness(probe).true_peak
    finally:
        probe.unlink(missing_ok=True)


def add_narration(video: Path, track: Narration, start: float = 0.0, check_loudness: bool = True) -> Loudness:
    """Put the slice of ``track`` from ``start`` under ``video`` (in place) and check it.

    The slice is as long as ``video``'s picture. The encoded sound must end within
    :data:`MAX_AUDIO_OFFSET` of the picture and, with ``check_loudness`` (a whole chapter,
    not a short clip), measure :data:`TARGET_LUFS` within :data:`LOUDNESS_RANGE` with no
    true peak above :data:`MAX_TRUE_PEAK`.

    Returns
    -------
    Loudness
        Measured on the written file.

    Raises
    ------
    AudioError
        If ffmpeg fails or a check does not hold.
    """
    from nnvideo.render.probe import probe_video

    picture = probe_video(video).duration
    mux_audio(video, track.master, video, start=start, duration=picture)
    sound = audio_duration(video)
    if sound is None or abs(sound - picture) > MAX_AUDIO_OFFSET:
        raise AudioError(f"{video}: sound lasts {sound} s, the picture {picture:.3f} s")
    loudness = measure_loudness(video)
    if check_loudness and (
        abs(loudness.integrated - TARGET_LUFS) > LOUDNESS_RANGE or loudness.true_peak > MAX_TRUE_PEAK
    ):
        raise AudioError(
            f"{video}: {loudness.integrated} LUFS, true peak {loudness.true_peak} dBTP; expected "
            f"{TARGET_LUFS} +- {LOUDNESS_RANGE} LUFS and at most {MAX_TRUE_PEAK} dBTP"
        )
    return loudness
