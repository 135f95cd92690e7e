"""A tiny chapter module for the render/assemble tests: 2 segments, 3 short scenes.

It declares what a real ``scenes/chapterN.py`` declares (``TITLE``,
``YOUTUBE_ID``, ``SEGMENTS``) and each scene carries subcaptions, so the
pipeline's captions, chapters track, clips and poster can be checked on
a few seconds of 480p15 video.
"""
from __future__ import annotations

from manim import BLUE, GREEN, RED, Circle, Create, FadeIn, Scene, Square, Triangle

TITLE = "Sample chapter"
YOUTUBE_ID = "sample00000"


class RedCircle(Scene):
    """A red circle is drawn, with one subcaption."""

    def construct(self) -> None:
        circle = Circle(color=RED, fill_opacity=0.8)
        self.add_subcaption("A red circle", duration=1.0)
        self.play(Create(circle), run_time=1.0)
        self.wait(0.4)


class BlueSquare(Scene):
    """A blue square fades in, with two subcaptions."""

    def construct(self) -> None:
        square = Square(color=BLUE, fill_opacity=0.8)
        self.add_subcaption("A blue square", duration=0.6)
        self.play(FadeIn(square), run_time=0.6)
        self.add_subcaption("It stays still", duration=0.6)
        self.wait(0.6)


class GreenTriangle(Scene):
    """A green triangle is drawn, with one subcaption."""

    def construct(self) -> None:
        triangle = Triangle(color=GREEN, fill_opacity=0.8)
        self.add_subcaption("A green triangle", duration=0.8)
        self.play(Create(triangle), run_time=0.8)


SEGMENTS = [
    ("Introduction example", [RedCircle, BlueSquare]),
    ("Why layers?", [GreenTriangle]),
]
