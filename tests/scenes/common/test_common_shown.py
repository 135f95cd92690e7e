"""scenes.common.shown: a scene's named on-screen things, strict where tests would go wrong."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from scenes.common.shown import Shown


@dataclass(frozen=True)
class Path:
    costs: np.ndarray


def test_names_map_to_what_is_shown():
    shown = Shown()
    path = Path(np.array([3.0, 2.0]))
    shown["path"] = path
    shown["cost"] = 0.25
    shown.update(predictions=np.arange(3))
    shown.setdefault("slopes", []).append(0.5)
    shown.setdefault("slopes", []).append(0.25)
    assert shown["path"] is path and shown["cost"] == 0.25
    assert shown["slopes"] == [0.5, 0.25]
    assert list(shown) == ["path", "cost", "predictions", "slopes"]
    assert "cost" in shown and "costs" not in shown and shown.get("costs") is None
    assert Shown(cost=1.0)["cost"] == 1.0


def test_a_missing_name_lists_the_names_shown():
    shown = Shown(cost=1.0, diagram=object())
    with pytest.raises(KeyError, match=r"nothing shown as 'costs'; shown: 'cost', 'diagram'"):
        shown["costs"]
    with pytest.raises(KeyError, match="nothing yet"):
        Shown()["cost"]


def test_tuples_dicts_and_odd_names_are_refused():
    shown = Shown()
    with pytest.raises(TypeError, match="by position"):
        shown["hiker"] = (1, 2)
    with pytest.raises(TypeError, match="dict"):
        shown.update(numbers={"a": 1})
    with pytest.raises(TypeError, match="dict"):
        Shown(numbers={"a": 1})
    with pytest.raises(TypeError, match="non-empty"):
        shown[""] = 1
    with pytest.raises(TypeError, match="non-empty"):
        shown[3] = 1  # type: ignore[index]
    assert shown == {}
