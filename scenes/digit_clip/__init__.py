"""The own-digit clip: a picture you drew, prepared as MNIST's digits were, read by the network.

Not a chapter of the series (no original video): ``nnvideo digit IMAGE`` renders
it on demand. The package has a chapter's shape:

- ``data.py``: the clip's inputs file (format, writer, reader), written by ``nnvideo digit``;
- ``mobjects.py``: the grey picture of any shape;
- ``clip.py``: the scene :class:`DigitClip`, whose ``construct()`` reads as its beats.
"""
from scenes.digit_clip.clip import TOP_NEURONS, DigitClip

__all__ = ["TITLE", "YOUTUBE_ID", "SEGMENTS", "DigitClip", "TOP_NEURONS"]

TITLE = "Your own digit"
YOUTUBE_ID = ""
"""No original video: the clip is made from your picture."""
SEGMENTS = [("Your own digit", [DigitClip])]
