"""scenes.common.live_number: cheap per-frame numbers that keep their value and their place."""
import numpy as np
import pytest
from manim import DecimalNumber, FadeIn, Scene, ValueTracker

from scenes.common.live_number import LiveNumber


def test_value_text_and_anchor():
    n = LiveNumber(0.41152, decimals=3, include_sign=True)
    assert n.get_value() == 0.41152 and n.text == "+0.412"
    left = n.get_left().copy()
    n.set_value(-12.25)
    assert n.get_value() == -12.25 and n.text == "-12.250"
    np.testing.assert_allclose(n.get_left(), left, atol=1e-9)
    drawn = [p for p in n.submobjects if len(p.points)]
    assert len(drawn) == len(n.text)


def test_glyphs_are_reused_in_place():
    """The family never changes when the text keeps its length (no ghosts mid-animation)."""
    n = LiveNumber(0.5, decimals=2)
    family = [id(m) for m in n.get_family()]
    n.set_value(0.75)
    assert [id(m) for m in n.get_family()] == family


def test_width_matches_decimal_number():
    for value in (0.66, -0.0622, 13.5):
        live = LiveNumber(value, decimals=4, font_size=36)
        ref = DecimalNumber(value, num_decimal_places=4, font_size=36)
        assert live.width == pytest.approx(ref.width, rel=0.12)
        assert live.height == pytest.approx(ref.height, rel=0.12)


def test_updater_in_a_dry_run(dry_run):
    class Count(Scene):
        def construct(self):
            t = ValueTracker(0.0)
            self.n = LiveNumber(0.0).add_updater(lambda m: m.set_value(t.get_value()))
            self.play(FadeIn(self.n))
            self.play(t.animate.set_value(3.25), run_time=0.5)

    with dry_run():
        scene = Count()
        scene.render()
    assert scene.n.get_value() == pytest.approx(3.25)
    assert scene.n.text == "3.25"


def test_significant_digits_and_tiny_numbers():
    n = LiveNumber(1.230184e-05, significant=3)
    drawn = [p for p in n.submobjects if len(p.points)]
    assert len(drawn) == len("1.23") + 3 + 2  # mantissa, x 1 0, exponent - 5
    exponent = drawn[-1]
    assert exponent.height < drawn[0].height and exponent.get_bottom()[1] > drawn[0].get_bottom()[1]


def test_tiny_number_matches_mathtex_width():
    from manim import MathTex

    live = LiveNumber(1.230184e-05, significant=3, font_size=36)
    ref = MathTex(r"1.23 \times 10^{-5}", font_size=36)
    assert live.width == pytest.approx(ref.width, rel=0.12)
