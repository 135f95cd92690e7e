"""The real cost surface of chapter 2's descent beat (computed and cached by :mod:`scenes.common.descent_surface`).

Full-batch gradient descent from the chapter's fresh network (``FRESH_SEED``) on the
first :data:`SURFACE_IMAGES` training images, and the cost over the plane of its two
principal directions, where that path lives. Kept apart from ``data.py`` so that its
cache key (nnmath and scenes/common) is the surface's own.
"""
from __future__ import annotations

from scenes.chapter2.data import FRESH_SEED
from scenes.common.descent_surface import DescentSurface, mnist_descent_surface

__all__ = ["SURFACE_IMAGES", "SURFACE_STEPS", "SURFACE_ETA", "surface"]

#: Training images the surface and the path are computed on, steps of the descent, its step size.
SURFACE_IMAGES, SURFACE_STEPS, SURFACE_ETA = 2000, 300, 3.0


def surface() -> DescentSurface:
    """The cost over the plane of the fresh network's full-batch descent, with that path (cached)."""
    return mnist_descent_surface(FRESH_SEED, SURFACE_IMAGES, SURFACE_STEPS, SURFACE_ETA, (None,))
