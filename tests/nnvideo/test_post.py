"""Reading a Jekyll post: front matter, embeds in every common form, timeline entries, notices."""
from __future__ import annotations

from pathlib import Path

import pytest

from nnvideo.publish.embeds import youtube_id_in_url
from nnvideo.publish.post import PostError, normalise_title, parse_post, plain_text, read_post

ROOT = Path(__file__).resolve().parents[2]
POST = ROOT / "post" / "neural-networks-post.md"
FIXTURES = Path(__file__).parent / "fixtures"
FRONT = "---\ntitle: T\n---\n"


def test_the_series_post_has_four_chapters_and_35_entries() -> None:
    post = read_post(POST)
    assert post.text == POST.read_text(encoding="utf-8")
    assert post.front_matter.title == "3Blue1Brown Youtube Series on Neural Networks."
    assert post.front_matter.body_start == 7
    assert [e.youtube_id for e in post.embeds] == ["aircAruvnKk", "IHZwWFHWa-w", "Ilg3gGewQ5U", "tIeHLnjs5U8"]
    assert all(e.form == "iframe" for e in post.embeds)
    per_embed = [sum(entry.embed == i for entry in post.entries) for i in range(4)]
    assert per_embed == [12, 11, 5, 7]
    first, last = post.entries[0], post.entries[-1]
    assert (first.seconds, first.title) == (0, "Introduction example")
    assert (last.seconds, last.title) == (9 * 60 + 13, "Recap")
    assert post.entries[1].seconds == 67
    assert post.notices == ()


def test_an_entry_keeps_its_trailing_hard_break_outside_the_title() -> None:
    post = parse_post(FRONT + "<iframe src='https://youtu.be/aircAruvnKk'></iframe>\n- 0:00 - Intro  \n")
    entry = post.entries[0]
    line = post.lines[entry.line]
    assert line[: entry.title_end] == "- 0:00 - Intro"
    assert line[entry.title_end :] == "  \n"


@pytest.mark.parametrize(
    ("markup", "form"),
    [
        ('<iframe width="560" height="315" src="https://www.youtube.com/embed/aircAruvnKk" allowfullscreen></iframe>', "iframe"),
        ('<iframe src="https://www.youtube-nocookie.com/embed/aircAruvnKk?start=3&amp;rel=0"></iframe>', "iframe"),
        ("<iframe\n  data-src='//www.youtube.com/embed/aircAruvnKk'\n  loading=lazy>\n</iframe>", "iframe"),
        ("https://www.youtube.com/watch?v=aircAruvnKk", "link"),
        ("https://youtu.be/aircAruvnKk?t=60", "link"),
        ("<https://m.youtube.com/watch?feature=share&v=aircAruvnKk>", "link"),
        ("[Chapter 1 on YouTube](https://www.youtube.com/watch?v=aircAruvnKk \"title\")", "link"),
        ("[![thumbnail](https://img.youtube.com/vi/aircAruvnKk/0.jpg)](https://www.youtube.com/watch?v=aircAruvnKk)", "link"),
        ('<a href="https://youtu.be/aircAruvnKk">watch</a>', "link"),
        ('{% include video id="aircAruvnKk" provider="youtube" %}', "include"),
        ("{% include video provider='youtube' id='aircAruvnKk' %}", "include"),
        ("{% include youtube.html id=aircAruvnKk %}", "include"),
        ('{%- include youtubePlayer.html id="aircAruvnKk" -%}', "include"),
        ("{% youtube aircAruvnKk %}", "tag"),
        ('{% youtube "https://www.youtube.com/watch?v=aircAruvnKk" %}', "tag"),
    ],
)
def test_every_common_embed_form_is_recognised(markup: str, form: str) -> None:
    post = parse_post(f"{FRONT}\n{markup}\n- 0:00 - Introduction example\n")
    assert [(e.form, e.youtube_id) for e in post.embeds] == [(form, "aircAruvnKk")]
    assert post.embeds[0].last_line == 3 + markup.count("\n") + 1
    assert post.entries[0].embed == 0
    assert post.notices == ()


@pytest.mark.parametrize(
    "markup",
    [
        '<iframe src="https://player.vimeo.com/video/76979871"></iframe>',
        '{% include video id="76979871" provider="vimeo" %}',
        "{% include video id=page.youtube_id provider=\"youtube\" %}",
    ],
)
def test_other_embeds_are_reported_and_own_the_entries_below(markup: str) -> None:
    post = parse_post(f"{FRONT}<iframe src='https://youtu.be/aircAruvnKk'></iframe>\n\n{markup}\n- 0:00 - Intro\n")
    assert [e.youtube_id for e in post.embeds] == ["aircAruvnKk", None]
    assert post.entries[0].embed == 1  # the unknown embed, not chapter 1 above it
    assert len(post.notices) == 1 and "not a YouTube video" in str(post.notices[0])
    assert str(post.notices[0]).startswith("line 6: ")


def test_links_inside_text_and_in_code_or_comments_are_not_embeds() -> None:
    text = (
        FRONT
        + "See [the video](https://youtu.be/aircAruvnKk) first.\n\n"
        + "```html\n<iframe src=\"https://www.youtube.com/embed/IHZwWFHWa-w\"></iframe>\n- 0:00 - Intro\n```\n\n"
        + "<!-- <iframe src=\"https://www.youtube.com/embed/Ilg3gGewQ5U\"></iframe>\n"
        + "https://youtu.be/Ilg3gGewQ5U -->\n"
        + "{% comment %}{% include video id=\"tIeHLnjs5U8\" provider=\"youtube\" %}{% endcomment %}\n"
    )
    post = parse_post(text)
    assert [(e.form, e.youtube_id, e.first_line) for e in post.embeds] == [("text", "aircAruvnKk", 3)]
    assert post.entries == ()
    assert post.mentions == ()


def test_a_watch_url_inside_prose_is_an_embed_spanning_its_paragraph() -> None:
    text = (
        FRONT
        + "Watch it here: https://www.youtube.com/watch?v=aircAruvnKk, it is\ngood.\nTimeline:\n"
        + "- 0:00 - Introduction example\n\nAnd [chapter 2](https://youtu.be/IHZwWFHWa-w) is below.\n\n"
        + "https://youtu.be/IHZwWFHWa-w\n- 0:00 - Introduction\n"
    )
    post = parse_post(text)
    assert [(e.form, e.youtube_id, e.first_line, e.last_line) for e in post.embeds] == [
        ("text", "aircAruvnKk", 3, 5),  # the paragraph's three lines: our video goes after them
        ("link", "IHZwWFHWa-w", 10, 10),  # embedded on its own line: the prose link stays a mention
    ]
    assert [(e.title, e.embed) for e in post.entries] == [("Introduction example", 0), ("Introduction", 1)]
    assert [(m.line, m.youtube_id) for m in post.mentions] == [(8, "IHZwWFHWa-w")]


def test_multi_line_yaml_front_matter_is_read_with_a_yaml_parser() -> None:
    post = parse_post("---\ntitle: >-\n  A long\n  title\ncategories:\n  - TIW\n  - Data Science\ndate: 2026-12-01 10:00:00 +0100\n---\nBody\n")
    assert post.front_matter.title == "A long title"
    assert post.front_matter.data["categories"] == ["TIW", "Data Science"]
    assert post.lines[post.front_matter.body_start] == "Body\n"


def test_a_list_of_links_is_not_an_embed() -> None:
    post = parse_post(FRONT + "- [Chapter 1](https://youtu.be/aircAruvnKk)\n- [Chapter 2](https://youtu.be/IHZwWFHWa-w)\n")
    assert post.embeds == ()
    assert [m.youtube_id for m in post.mentions] == ["aircAruvnKk", "IHZwWFHWa-w"]


def test_a_heading_ends_the_chapter_of_the_entries() -> None:
    text = FRONT + "- 0:00 - Before\n<iframe src='https://youtu.be/aircAruvnKk'></iframe>\n- 0:00 - In\n\nSub\n---\n- 0:01 - After\n"
    post = parse_post(text)
    assert [(e.title, e.embed) for e in post.entries] == [("Before", None), ("In", 0), ("After", None)]
    text = text.replace("Sub\n---\n", "## Sub\n")
    assert [e.embed for e in parse_post(text).entries] == [None, 0, None]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("- 1:7x - Foo", "'1:7x' is not a time"),
        ("- 9:99 - Foo", "'9:99' is not a time"),
        ("- 0:00 Introduction", "write '- 0:00 - Introduction'"),
        ("- 0:05 -", "has no title"),
        ("- 0:05 - ***", "title with no text"),
    ],
)
def test_broken_timeline_lines_get_a_notice_that_says_the_fix(line: str, message: str) -> None:
    post = parse_post(f"{FRONT}<iframe src='https://youtu.be/aircAruvnKk'></iframe>\n{line}\n")
    assert post.entries == ()
    assert len(post.notices) == 1
    assert message in str(post.notices[0]) and str(post.notices[0]).startswith("line 5: ")


@pytest.mark.parametrize(
    ("line", "seconds", "title"),
    [
        ("- 1:02:03 - Long", 3723, "Long"),
        ("* 12:30 \u2013 En dash", 750, "En dash"),
        ("1. 0:07 - Numbered", 7, "Numbered"),
        ("  + 3:00 - Indented", 180, "Indented"),
    ],
)
def test_timeline_variants(line: str, seconds: int, title: str) -> None:
    post = parse_post(f"{FRONT}<iframe src='https://youtu.be/aircAruvnKk'></iframe>\n{line}\n")
    assert [(e.seconds, e.title) for e in post.entries] == [(seconds, title)]


def test_html_in_a_title_is_matched_on_its_text_with_a_notice() -> None:
    post = parse_post(f"{FRONT}<iframe src='https://youtu.be/aircAruvnKk'></iframe>\n- 0:00 - <b>Intro</b>\n")
    assert post.entries[0].title == "<b>Intro</b>"
    assert normalise_title(post.entries[0].title) == "intro"
    assert "holds HTML; matched on its text 'Intro'" in str(post.notices[0])


def test_no_front_matter_keeps_everything_as_body() -> None:
    post = read_post(FIXTURES / "no-front-matter.md")
    assert post.front_matter.body_start == 0 and post.front_matter.title is None
    assert "no front matter" in str(post.notices[0])
    assert [e.youtube_id for e in post.embeds] == ["aircAruvnKk"]
    assert len(post.entries) == 2


def test_unclosed_front_matter_keeps_everything_as_body() -> None:
    post = read_post(FIXTURES / "unclosed-front-matter.md")
    assert post.front_matter.body_start == 0
    assert "never closed" in str(post.notices[0])
    assert [(e.form, e.youtube_id) for e in post.embeds] == [("include", "aircAruvnKk")]
    assert [e.title for e in post.entries] == ["Introduction example", "What are neurons?"]


@pytest.mark.parametrize(
    ("value", "title"),
    [
        ('"A \\"quoted\\" title"', 'A "quoted" title'),
        ("'It''s single'", "It's single"),
        ("Plain title # a comment", "Plain title"),
        (">\n  folded", "folded"),
        ("[not, a, string]", None),
    ],
)
def test_front_matter_title(value: str, title: str | None) -> None:
    post = parse_post(f"---\nlayout: post\ntitle: {value}\n---\nBody\n")
    assert post.front_matter.title == title
    assert post.lines[post.front_matter.body_start] == "Body\n"


def test_crlf_and_a_missing_final_newline_round_trip() -> None:
    text = "---\r\ntitle: T\r\n---\r\n<iframe src='https://youtu.be/aircAruvnKk'></iframe>\r\n- 0:00 - Intro  \r\n- 0:01 - Last"
    post = parse_post(text)
    assert post.text == text and post.newline == "\r\n"
    assert [e.title for e in post.entries] == ["Intro", "Last"]


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("---\ntitle: caf\u00e9\n---\n".encode("latin-1"))
    with pytest.raises(PostError, match="not UTF-8"):
        read_post(path)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("What are neurons?", "what are NEURONS"),
        ("Sensitivity to weights/biases", "Sensitivity to weights / biases"),
        ("Don\u2019t panic", "dont panic"),
        ("  ReLU   vs. Sigmoid ", "relu vs sigmoid"),
        ("<i>Recap</i>", "**Recap**"),
        ("[Recap](https://example.org/recap)", "Recap"),
    ],
)
def test_title_normalisation_matches(a: str, b: str) -> None:
    assert normalise_title(a) == normalise_title(b)


def test_title_normalisation_keeps_words_apart() -> None:
    assert normalise_title("Gradient descent") != normalise_title("Gradient descent recap")
    assert plain_text("a &lt;b&gt; c") == "a <b> c"


@pytest.mark.parametrize(
    ("url", "video_id"),
    [
        ("https://www.youtube.com/embed/aircAruvnKk?start=5", "aircAruvnKk"),
        ("https://youtube.com/shorts/aircAruvnKk", "aircAruvnKk"),
        ("https://www.youtube.com/watch?app=desktop&amp;v=IHZwWFHWa-w", "IHZwWFHWa-w"),
        ("https://vimeo.com/76979871", None),
        ("https://www.youtube.com/watch?v=tooShort", None),
        ("https://notyoutube.com/watch?v=aircAruvnKk", None),
    ],
)
def test_youtube_id_in_url(url: str, video_id: str | None) -> None:
    assert youtube_id_in_url(url) == video_id
