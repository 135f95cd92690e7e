"""Manim scenes of the series: one package per chapter, all of one shape, on a shared toolkit.

::

    scenes/common/      the toolkit every chapter uses (palette, layout, the network diagram,
                        digits, formatting, captions and voice, Shown, the disk cache, measures)
    scenes/chapter1/ .. chapter4/, scenes/digit_clip/
        __init__.py     TITLE, YOUTUBE_ID, SEGMENTS
        measures.py     the chapter's own numpy computations (or measures/; no manim)
        data.py         the chapter's cached numbers, as frozen dataclasses
        mobjects.py     the chapter's own pictures
        <beats>.py      one module per group of segments; construct() reads as beats

Each chapter package ``scenes.chapterN`` declares:

``TITLE``
    The chapter's title as in the blog post.
``YOUTUBE_ID``
    The id of the original video, how the post's embed is recognised.
``SEGMENTS``
    ``[(segment title, [SceneClass, ...]), ...]`` in timeline order, with the
    post's exact titles; ``nnvideo`` renders and joins them in this order.

A chapter imports :mod:`nnmath`, :mod:`scenes.common` and its own package only;
chapters never import each other, and no scene imports the ``nnvideo`` pipeline.
Manim's own command line renders any scene from its file, e.g.
``manim render -ql scenes/chapter1/introduction.py ThreesInManyShapes``.
"""
