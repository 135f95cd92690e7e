"""scenes.common.valued_tex: formulas typeset from numbers they keep."""
import pytest

from scenes.common.valued_tex import Num, ValuedTex, format_number


def test_format_number():
    assert format_number(-0.67764) == "-0.68"
    assert format_number(-0.004) == "0.00"
    assert format_number(-0.0622386, significant=4) == "-0.06224"
    assert format_number(0.2237, significant=4) == "0.2237"
    assert format_number(12.3456, significant=3) == "12.3"
    assert format_number(3.69e-07, significant=3) == r"3.69 \times 10^{-7}"
    assert format_number(-9.996e-05, significant=3) == r"-1.00 \times 10^{-4}"
    assert format_number(0.0, significant=3) == "0"
    with pytest.raises(ValueError, match="finite"):
        format_number(float("inf"))


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
