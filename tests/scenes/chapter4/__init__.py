"""Tests of scenes.chapter4 (a package, so test modules of the same name in other chapters do not collide)."""
