"""Keep a moved network diagram's edge bundles restylable in place.

``EdgeBundle.restyle`` (behind ``NetworkDiagram.restyle_edges``, ``set_edge_values``
and ``gradient_sweep``) rebuilds its paths from the end points it was built with.
After the diagram is scaled or moved, a restyle would draw the edges where the
diagram used to be. :func:`sync_edge_ends` points the stored ends at the neurons'
current places; call it once after placing the diagram (and again after moving it).
"""
from __future__ import annotations

import numpy as np

from .network_diagram import NetworkDiagram

__all__ = ["sync_edge_ends"]


def sync_edge_ends(diagram: NetworkDiagram) -> NetworkDiagram:
    """Point every edge bundle's stored ends at the neurons where they are now; returns ``diagram``."""
    for i, bundle in enumerate(diagram.edges):
        left, right = diagram.layers[i].neurons, diagram.layers[i + 1].neurons
        a = np.array([c.get_center() for c in left])
        b = np.array([c.get_center() for c in right])
        radius = left[0].width / 2
        delta = b[:, None, :] - a[None, :, :]
        unit = delta / np.linalg.norm(delta, axis=2, keepdims=True)
        bundle.starts = a[None, :, :] + unit * radius
        bundle.ends = b[:, None, :] - unit * radius
    return diagram
