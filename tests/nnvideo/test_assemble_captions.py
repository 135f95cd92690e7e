"""SRT -> WebVTT conversion, shifting and the chapters track, on strings."""
from __future__ import annotations

from pathlib import Path

import pytest

from nnvideo.render.assemble import SceneClip, clip_captions
from nnvideo.render.captions import (
    Cue,
    chapters_vtt,
    format_timestamp,
    format_vtt,
    parse_srt,
    shift_cues,
)

MANIM_SRT = """1
00:00:00,000 --> 00:00:00,600
A blue square

2
00:00:00,600 --> 00:00:01,200
It stays still
"""


def test_parse_srt_reads_manim_output():
    assert parse_srt(MANIM_SRT) == [
        Cue(0.0, 0.6, "A blue square"),
        Cue(0.6, 1.2, "It stays still"),
    ]


def test_parse_srt_handles_crlf_bom_multiline_and_missing_index():
    text = "\ufeff1\r\n01:02:03,004 --> 01:02:04,500\r\nfirst line\r\nsecond line\r\n\r\n\r\n" \
        "00:00:05.000 --> 00:00:06.000\r\nno index\r\n"
    assert parse_srt(text) == [
        Cue(3723.004, 3724.5, "first line\nsecond line"),
        Cue(5.0, 6.0, "no index"),
    ]


def test_parse_srt_of_empty_text_has_no_cues():
    assert parse_srt("") == []
    assert parse_srt("\n\n") == []


def test_parse_srt_rejects_a_block_without_timing():
    with pytest.raises(ValueError, match="block 3 has no"):
        parse_srt(MANIM_SRT + "\n3\nno timing here\n")


def test_cue_rejects_end_before_start():
    with pytest.raises(ValueError, match="start <= end"):
        Cue(2.0, 1.0, "backwards")


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "00:00:00.000"), (1.2345, "00:00:01.234"), (59.9996, "00:01:00.000"),
     (3723.0456, "01:02:03.046"), (36000, "10:00:00.000")],
)  # fmt: skip
def test_format_timestamp(seconds, text):
    assert format_timestamp(seconds) == text


def test_format_timestamp_rejects_negative():
    with pytest.raises(ValueError, match="negative"):
        format_timestamp(-0.5)


def test_srt_to_vtt_shifted_by_a_scene_offset():
    vtt = format_vtt(shift_cues(parse_srt(MANIM_SRT), 1.4))
    assert vtt == (
        "WEBVTT\n\n"
        "1\n00:00:01.400 --> 00:00:02.000\nA blue square\n\n"
        "2\n00:00:02.000 --> 00:00:02.600\nIt stays still\n"
    )


def test_format_vtt_escapes_markup_and_drops_blank_lines():
    vtt = format_vtt([Cue(0, 1, "a < b & c > d\n\nnext")])
    assert vtt.endswith("a &lt; b &amp; c &gt; d\nnext\n")


def test_format_vtt_of_no_cues_is_a_bare_header():
    assert format_vtt([]) == "WEBVTT\n"


def test_chapters_vtt_runs_each_segment_from_its_start_to_its_end():
    vtt = chapters_vtt([("Introduction example", 0.0, 2.6), ("Why layers?", 2.6, 0.8)])
    assert parse_srt(vtt.removeprefix("WEBVTT")) == [
        Cue(0.0, 2.6, "Introduction example"),
        Cue(2.6, 3.4, "Why layers?"),
    ]


def test_clip_captions_shifts_each_scene_and_cuts_cues_at_the_scene_end(tmp_path: Path):
    first = tmp_path / "a.srt"
    first.write_text("1\n00:00:00,000 --> 00:00:05,000\nlonger than its scene\n")
    second = tmp_path / "b.srt"
    second.write_text(MANIM_SRT)
    empty = tmp_path / "c.srt"
    empty.write_text("")
    clips = [
        SceneClip("A", tmp_path / "a.mp4", first, 2.0),
        SceneClip("C", tmp_path / "c.mp4", empty, 0.5),
        SceneClip("B", tmp_path / "b.mp4", second, 1.2),
    ]
    cues = [(round(c.start, 6), round(c.end, 6), c.text) for c in clip_captions(clips)]
    assert cues == [
        (0.0, 2.0, "longer than its scene"),
        (2.5, 3.1, "A blue square"),
        (3.1, 3.7, "It stays still"),
    ]
