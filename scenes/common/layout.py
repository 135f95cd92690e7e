"""Named layout constants (frame units: the frame is 8 high, 16:9, so about 14.2 wide).

Every distance a scene uses comes from here or is derived from a mobject's
size, so the whole series keeps one look (SCENES.md "Palette and layout").
"""
from __future__ import annotations

__all__ = [
    "FRAME_HEIGHT", "FRAME_WIDTH", "SAFE_MARGIN", "SMALL_BUFF", "MED_SMALL_BUFF",
    "MED_LARGE_BUFF", "LARGE_BUFF", "NEURON_RADIUS", "NEURON_GAP", "MNIST_NEURON_GAP",
    "LAYER_GAP", "MNIST_LAYER_GAP", "WIDE_LAYER_GAP", "MAX_SHOWN_NEURONS", "LABEL_SCALE",
    "VALUE_SCALE", "NEURON_STROKE", "EDGE_WIDTH", "MNIST_EDGE_WIDTH", "FLASH_WIDTH_FACTOR",
    "DIGIT_SIZE", "TITLE_FONT_SIZE", "BODY_FONT_SIZE", "SMALL_FONT_SIZE", "MIN_FONT_SIZE",
    "FRAME_STROKE", "CAPTION_BAND", "CAPTION_BAND_TOP",
]

FRAME_HEIGHT = 8.0
FRAME_WIDTH = FRAME_HEIGHT * 16 / 9
#: Keep everything this far inside the frame edge.
SAFE_MARGIN = 0.3
#: Players draw captions over the bottom share of the frame (the caption band): nothing of ours goes there.
CAPTION_BAND = 0.15
#: Top of the caption band (frame y): everything we draw stays above it.
CAPTION_BAND_TOP = -FRAME_HEIGHT / 2 + CAPTION_BAND * FRAME_HEIGHT

SMALL_BUFF = 0.1
MED_SMALL_BUFF = 0.25
MED_LARGE_BUFF = 0.5
LARGE_BUFF = 1.0

#: Neurons: radius, the gap between two neurons of a layer (toy nets / MNIST nets).
NEURON_RADIUS = 0.15
NEURON_GAP = 0.25
MNIST_NEURON_GAP = 0.1
#: Horizontal distance between layers: toy nets, chapter 1's MNIST net, chapters 2-4.
LAYER_GAP = 1.0
MNIST_LAYER_GAP = 1.5
WIDE_LAYER_GAP = 2.0
#: A wider layer shows 8 + dots + 8 neurons.
MAX_SHOWN_NEURONS = 16
#: Output labels are this fraction of a neuron's height; values inside are this fraction of its width.
LABEL_SCALE = 0.75
VALUE_SCALE = 0.7
NEURON_STROKE = 2.0
#: Plain edge widths: toy nets / MNIST nets.
EDGE_WIDTH = 2.0
MNIST_EDGE_WIDTH = 1.0
#: The forward-pass flash is this much wider than the edge it runs along.
FLASH_WIDTH_FACTOR = 1.5

#: Side of a 28x28 digit drawn as the main object of a beat.
DIGIT_SIZE = 3.0
FRAME_STROKE = 2.0

#: Font sizes (Manim units: 48 is the default). 24 is legible at 480p; nothing goes below 20.
TITLE_FONT_SIZE = 48
BODY_FONT_SIZE = 36
SMALL_FONT_SIZE = 28
MIN_FONT_SIZE = 20
