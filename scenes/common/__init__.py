"""The scene toolkit shared by every chapter: palette, layout, mobjects, data.

Modules (import what you need from each; nothing is re-exported here)::

    palette          colours; activation_opacity, weight_color/width, gradient_color/width, sign_color
    layout           named distances and font sizes (NEURON_RADIUS, MNIST_LAYER_GAP, ...)
    captions         caption(scene, text, *anims): subcaption at reading pace (2 s + 0.3 s/word)
    text             heading(), note(), fit_in_frame(), is_in_frame()
    data             network(), digit(), label(), image_map(), trace(), evaluation(), mistakes(), seeded_network()
    diskcache        @disk_cached: .npz results under $NNVIDEO_CACHE keyed by args + nnmath sources
    network_diagram  NetworkDiagram.from_network(net): neurons, weighted edges, forward_pass, gradient_sweep
    edges            EdgeBundle (grouped edge paths), EdgeFlash, RestyleEdges
    digit            DigitImage (one image), PixelGrid (squares by value, to_neurons), WeightHeatMap
    numbers          DecimalColumn, DecimalGrid: numbers that remember their values

Rules the toolkit keeps: every value drawn comes from :mod:`nnmath` through
the caller (nothing is computed here but looks); nothing sets ``manim.config``.
"""
