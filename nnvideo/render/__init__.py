"""``nnvideo render``: chapter packages -> rendered scenes (cached, in parallel) -> chapter videos.

:func:`nnvideo.render.run.render_chapters` is the entry point; the modules
beside it each do one step (see the package docstring of :mod:`nnvideo`).
Nothing is imported here, so ``nnvideo --help`` stays quick.
"""
