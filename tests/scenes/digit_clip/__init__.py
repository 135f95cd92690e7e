"""Tests of scenes.digit_clip (a package, so test modules of the same name in other chapters do not collide)."""
