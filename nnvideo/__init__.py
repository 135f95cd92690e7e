"""nnvideo: render the series' chapters with manim, join them, and publish them in the post.

The pipeline, layered over ``nnmath`` (the numbers) and ``scenes`` (the pictures);
no scene imports it::

    nnvideo/
      cli.py       the thin click CLI: ``nnvideo render``, ``nnvideo post``, ``nnvideo digit``
      render/      chapters -> scenes rendered (cached, in parallel) -> chapter videos
        chapters.py  what a chapter package declares (TITLE, YOUTUBE_ID, SEGMENTS)
        keys.py      render keys: core nnmath, scenes/common, the chapter's own package,
                     the scene environment (SCENE_ENVIRONMENT), quality, manim version
        runner.py    the one manim subprocess runner
        run.py       render_chapters: the whole of ``nnvideo render``
        assemble.py  join scenes into chapter videos, captions, clips, posters, manifest
        settings.py, progress.py, probe.py, captions.py, layout.py, rendered_media.py
      publish/     the post with our chapters woven in: post, embeds, weave, preview, publish
      digit.py     ``nnvideo digit``: your own picture -> the clip of scenes/digit_clip

Installing: ``pip install '.[video]'`` (``pip install .`` alone brings nnmath and numpy).
"""
