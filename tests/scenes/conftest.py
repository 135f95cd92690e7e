"""Shared fixtures for the scene tests: a network, quiet low-quality dry runs.

``data.network()`` is the shipped trained network. While its weights file is
missing (it is trained separately), the tests set ``NNVIDEO_NETWORK=random:0``
so they still check that every number on screen equals nnmath's for whatever
network the scenes use.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from nnmath import pretrained
from scenes.common import data


def _ensure_network() -> None:
    if os.environ.get(data.NETWORK_ENV):
        return
    try:
        pretrained("standard")
    except FileNotFoundError:
        os.environ[data.NETWORK_ENV] = "random:0"
        data.network.cache_clear()


_ensure_network()


@pytest.fixture(scope="session")
def net():
    """The network the scenes draw (trained if shipped, else seeded random)."""
    return data.network()


@pytest.fixture(scope="session")
def dry_run(tmp_path_factory: pytest.TempPathFactory):
    """Context for ``scene.render()`` without writing video: low quality, dry run, one temp
    media dir for the session (so LaTeX snippets compile once), no hashing of plays."""
    from manim import tempconfig

    media = tmp_path_factory.mktemp("media")

    def enter():
        return tempconfig({"dry_run": True, "quality": "low_quality", "media_dir": str(media),
                           "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none"})

    return enter


@pytest.fixture(scope="session")
def render_scene(dry_run):
    """``render_scene(SceneClass) -> scene``: a dry run that skips drawing frames.

    ``skip_animations=True`` makes every ``play`` jump to its end state (the
    clock and the subcaptions still advance), which is all the tests read.
    """

    def render(cls):
        with dry_run():
            scene = cls(skip_animations=True)
            scene.render()
        return scene

    return render
