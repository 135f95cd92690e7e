"""Manim scenes of the series (one module per chapter) and the ``nnvideo`` pipeline.

Each chapter module ``scenes.chapterN`` declares:

``TITLE``
    The chapter's title as in the blog post.
``YOUTUBE_ID``
    The id of the original video, how the post's embed is recognised.
``SEGMENTS``
    ``[(segment title, [SceneClass, ...]), ...]`` in timeline order, with the
    post's exact titles; ``nnvideo`` renders and joins them in this order.
"""
