"""On-screen words: headings and notes in LaTeX (Computer Modern), kept inside the frame."""
from __future__ import annotations

from manim import DOWN, UP, Mobject, Tex, VGroup

from .layout import BODY_FONT_SIZE, FRAME_HEIGHT, FRAME_WIDTH, SAFE_MARGIN, SMALL_FONT_SIZE, TITLE_FONT_SIZE
from .palette import WHITE

__all__ = ["heading", "note", "fit_in_frame", "is_in_frame"]


def heading(text: str, font_size: float = TITLE_FONT_SIZE, color=WHITE) -> Tex:
    """A title at the top edge of the frame."""
    return Tex(text, font_size=font_size, color=color).to_edge(UP, buff=SAFE_MARGIN + 0.1)


def note(text: str, font_size: float = SMALL_FONT_SIZE, color=WHITE) -> Tex:
    """A short on-screen note (unplaced)."""
    return Tex(text, font_size=font_size, color=color)


def fit_in_frame(mob: Mobject, margin: float = SAFE_MARGIN) -> Mobject:
    """Scale ``mob`` down (never up) and shift it so it lies inside the frame's safe area."""
    max_w, max_h = FRAME_WIDTH - 2 * margin, FRAME_HEIGHT - 2 * margin
    factor = min(1.0, max_w / max(mob.width, 1e-9), max_h / max(mob.height, 1e-9))
    if factor < 1.0:
        mob.scale(factor)
    x_over = mob.get_right()[0] - (FRAME_WIDTH / 2 - margin)
    x_under = (-FRAME_WIDTH / 2 + margin) - mob.get_left()[0]
    y_over = mob.get_top()[1] - (FRAME_HEIGHT / 2 - margin)
    y_under = (-FRAME_HEIGHT / 2 + margin) - mob.get_bottom()[1]
    shift = [(-x_over if x_over > 0 else (x_under if x_under > 0 else 0.0)),
             -y_over if y_over > 0 else (y_under if y_under > 0 else 0.0), 0.0]
    mob.shift(shift)
    return mob


def is_in_frame(mob: Mobject, margin: float = 0.0) -> bool:
    """Whether ``mob``'s bounding box lies inside the frame (shrunk by ``margin``)."""
    return (mob.get_left()[0] >= -FRAME_WIDTH / 2 + margin - 1e-6
            and mob.get_right()[0] <= FRAME_WIDTH / 2 - margin + 1e-6
            and mob.get_bottom()[1] >= -FRAME_HEIGHT / 2 + margin - 1e-6
            and mob.get_top()[1] <= FRAME_HEIGHT / 2 - margin + 1e-6)
