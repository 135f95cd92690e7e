"""scenes.common.valued_tex: formulas typeset from numbers they keep."""
import pytest

from scenes.common.valued_tex import Num, ValuedTex


def test_valued_tex_keeps_values_parts_and_texts():
    f = ValuedTex("2(", Num(0.6612), "-", Num(1.0), ") =", Num(-0.6776, significant=3))
    assert f.values == [0.6612, 1.0, -0.6776]
    assert f.texts == ["0.66", "1.00", "-0.678"]
    assert len(f.value_parts) == 3 and all(p in f.submobjects for p in f.value_parts)
    assert f.value_parts[2] is f.submobjects[5]


def test_valued_tex_rejects_empty_parts():
    with pytest.raises(ValueError, match="non-empty"):
        ValuedTex("x", "", Num(1.0))
    with pytest.raises(ValueError, match="at least one"):
        ValuedTex()
