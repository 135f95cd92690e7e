"""The scene toolkit shared by every chapter: palette, layout, mobjects, data, formatting, voice.

Modules (import what you need from each; nothing is re-exported here)::

    palette          colours; activation_opacity, weight_color/width, gradient_color/width, sign_color
    layout           named distances and font sizes (NEURON_RADIUS, MNIST_LAYER_GAP, ..., CAPTION_BAND_TOP)
    text             heading(), note(), fit_in_frame(), is_in_frame()
    formatting       the one number formatting: format_/tex_/spoken_ number, count, percent; decimals_for
    captions         beat(scene, line, *anims) / narrated(scene, line): a Line spoken while animations play,
                     with its subcaption; caption(scene, text, ...) / captioned(...) for plain text;
                     line_seconds(line), share_of(line, share, parts, least=...), paced(scene, line, ...)
    voice            the narrator: Piper speech synthesis, cached on disk ($NNVIDEO_VOICE)
    narration        Line(say, caption) for chapter scripts, the speech log, typed_figures() checker
    shown            Shown: the one way a scene names what it shows, for tests (self.shown["cost"] = ...)
    data             network(), digit(), label(), image_map(), trace(), evaluation(), mistakes(), seeded_network()
    measures         numpy only: shown_input_pixels(), top_exciting() -> TopExciting, first_per_label()
    descent          numpy only: descent paths (full batch, mini-batches), their principal plane, plane_costs
    descent_surface  numpy only: descent_surface() -> DescentSurface, the real cost over that plane and the
                     paths projected on it (mnist_descent_surface: the disk-cached recipe)
    cost_surface     CostSurface(data): the 3-D surface, axes, minimum, balls that roll along a path, turn_camera
    diskcache        @disk_cached: .npz results (frozen dataclasses too) under $NNVIDEO_CACHE, keyed by
                     args + the sources of nnmath, scenes/common and the modules of its package it imports
    network_diagram  NetworkDiagram.from_network(net): neurons, weighted edges, forward_pass, gradient_sweep
                     (add it with diagram.add_to(scene) / play diagram.fade_in(): edges stay static, fast)
    edges            EdgeBundle (grouped edge paths, follows its neurons on restyle), EdgeFlash, RestyleEdges
    digit            DigitImage (few paths), PixelGrid (squares by value, values, to_neurons), WeightHeatMap
    numbers          DecimalColumn, DecimalGrid: numbers that remember their values
    live_number      LiveNumber: a number cheap to redraw every frame, keeps get_value()
    valued_tex       ValuedTex(..., Num(x), ...): a LaTeX formula that keeps its numbers

Rules the toolkit keeps: every value drawn comes from :mod:`nnmath` through
the caller (nothing is computed here but looks; ``measures``, ``descent`` and
``descent_surface`` hold the computations chapters share, without manim); nothing sets ``manim.config``.
"""
