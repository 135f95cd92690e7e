"""The networks shipped with the package, so every machine renders the same numbers."""
from __future__ import annotations

import io
from functools import lru_cache
from importlib import resources

from .network import Network, load

#: Shipped networks: name -> what it is. ``python -m nnmath train --recipe NAME`` rebuilds each.
PRETRAINED = {
    "standard": "784-16-16-10 sigmoid, quadratic cost: the network of the videos",
    "tweaked": "a larger network with the tweaks that buy accuracy (see nnmath/train.py)",
}


def weights_path(name: str) -> str:
    """File name of a shipped network inside the package."""
    if name not in PRETRAINED:
        raise ValueError(f"unknown pretrained network {name!r}; use one of {sorted(PRETRAINED)}")
    return f"{name}.npz"


@lru_cache(maxsize=None)
def _load(name: str) -> Network:
    ref = resources.files("nnmath") / "weights" / weights_path(name)
    if not ref.is_file():
        raise FileNotFoundError(
            f"the shipped network {name!r} is missing from {ref}; "
            f"rebuild it with: python -m nnmath train --recipe {name}"
        )
    with ref.open("rb") as f:
        return load(io.BytesIO(f.read()))


def pretrained(name: str = "standard") -> Network:
    """A trained network shipped with the package (a fresh copy each call).

    Parameters
    ----------
    name : {"standard", "tweaked"}
        "standard" is the 784-16-16-10 sigmoid network trained with the
        quadratic cost; "tweaked" is the stronger network described in
        ``PRETRAINED``.
    """
    return _load(weights_path(name)[: -len(".npz")]).copy()
