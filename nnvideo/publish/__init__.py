"""``nnvideo post``: a Jekyll post with our rendered chapters woven in.

:func:`nnvideo.publish.publish.publish_post` is the entry point: ``post`` reads
the source post (front matter, embeds, timelines), ``embeds`` recognises the
original videos, ``weave`` places ours and links the timeline, ``preview``
writes a standalone HTML page. What ``nnvideo render`` wrote is read through
:mod:`nnvideo.render.rendered_media`.
"""
