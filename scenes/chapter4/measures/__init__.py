"""Chapter 4's own computations, numpy only (no manim): what the scenes show beyond core nnmath.

- :mod:`.partials`: per-example derivatives of one parameter, the network after a layer,
  finite differences with respect to an activation, the seeded threshold examples;
- :mod:`.chain_paths`: the chain rule along one path (the "long path"), and one weight's
  derivative read as a tree of factors;
- :mod:`.gradcheck`: the chain rule, backprop and finite differences side by side on
  the trained network.

Setting one parameter is :mod:`nnmath.parameters`; the forward pass from a layer is
:func:`nnmath.network.forward_from`.
"""
