"""The scene toolkit shared by every chapter: palette, layout, mobjects, data.

Modules (import what you need from each; nothing is re-exported here)::

    palette          colours; activation_opacity, weight_color/width, gradient_color/width, sign_color
    layout           named distances and font sizes (NEURON_RADIUS, MNIST_LAYER_GAP, ...)
    captions         caption(scene, text, *anims): subcaption at reading pace (2 s + 0.3 s/word);
                     with captioned(scene, text): one caption over several plays
    text             heading(), note(), fit_in_frame(), is_in_frame()
    data             network(), digit(), label(), image_map(), trace(), evaluation(), mistakes(), seeded_network()
    diskcache        @disk_cached: .npz results under $NNVIDEO_CACHE keyed by args + nnmath sources
    network_diagram  NetworkDiagram.from_network(net): neurons, weighted edges, forward_pass, gradient_sweep
                     (add it with diagram.add_to(scene) / play diagram.fade_in(): edges stay static, fast)
    edges            EdgeBundle (grouped edge paths, follows its neurons on restyle), EdgeFlash, RestyleEdges
    digit            DigitImage (few paths), PixelGrid (squares by value, values, to_neurons), WeightHeatMap
    numbers          DecimalColumn, DecimalGrid: numbers that remember their values

Rules the toolkit keeps: every value drawn comes from :mod:`nnmath` through
the caller (nothing is computed here but looks); nothing sets ``manim.config``.
"""
