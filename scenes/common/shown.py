"""What a scene shows, by name: the one way a scene exposes its numbers and pictures to tests.

In ``construct`` a scene makes ``self.shown = Shown()`` and names each thing it
puts on screen whose content a test should check against :mod:`nnmath`::

    self.shown = Shown()
    self.shown["cost"] = LiveNumber(trace.cost)          # a mobject that keeps its value
    self.shown["gradient"] = DecimalColumn(g.flat())     # .values
    self.shown["path"] = data.descent()                  # a frozen dataclass from data.py

and the test reads them by name after a dry run::

    scene = render_scene(CostOfOneDigit)
    assert scene.shown["cost"].get_value() == pytest.approx(expected)

Values are mobjects that keep the values they show (``LiveNumber.get_value()``,
``ValuedTex.values``, ``DecimalColumn.values``, ``NetworkDiagram``), arrays,
numbers, typed frozen dataclasses, or lists of one kind of such things (one per
step of an animation). Not tuples or dicts: a test would read them by position
or by a second string key; name each part instead, or keep the dataclass.

A name that was never shown raises ``KeyError`` listing the names that were, so
a test that asks for the wrong thing says what it could have asked for.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Shown"]


class Shown(dict[str, Any]):
    """A scene's named on-screen things: a ``dict`` from name to value, stricter on both ends.

    Setting refuses names that are not non-empty strings and values
    that are tuples or dicts (see the module docstring); reading a missing
    name raises ``KeyError`` that lists the names shown.

    Examples
    --------
    >>> shown = Shown()
    >>> shown["cost"] = 0.25
    >>> shown["cost"]
    0.25
    >>> shown["costs"]
    Traceback (most recent call last):
    ...
    KeyError: "nothing shown as 'costs'; shown: 'cost'"
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.update(*args, **kwargs)

    def __setitem__(self, name: str, value: Any) -> None:
        if not isinstance(name, str) or not name:
            raise TypeError(f"shown names are non-empty strings; got {name!r}")
        if isinstance(value, (tuple, dict)):
            raise TypeError(
                f"shown[{name!r}] is a {type(value).__name__}: tests would read it by position or key; "
                "show each part under its own name, or a frozen dataclass"
            )
        super().__setitem__(name, value)

    def __missing__(self, name: str) -> Any:
        names = ", ".join(repr(k) for k in self) or "nothing yet"
        raise KeyError(f"nothing shown as {name!r}; shown: {names}")

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Set several names at once (each checked as by ``shown[name] = value``)."""
        for name, value in dict(*args, **kwargs).items():
            self[name] = value

    def setdefault(self, name: str, default: Any = None) -> Any:
        """``shown[name]``, set to ``default`` first if nothing was shown under ``name``."""
        if name not in self:
            self[name] = default
        return self[name]
