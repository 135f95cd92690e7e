"""scenes.common.formatting: the one rounding of numbers, in plain text, LaTeX and spoken form."""
import numpy as np
import pytest

from scenes.common.formatting import (decimals_for, format_count, format_number, format_percent,
                                      spoken_count, spoken_number, spoken_percent, tex_count,
                                      tex_number, tex_percent)


def test_format_number_fixed_decimals():
    assert format_number(0.41152, 2) == "0.41"
    assert format_number(0.41152, 4, sign=True) == "+0.4115"
    assert format_number(-0.0622, 4) == "-0.0622"
    assert format_number(-0.001, 2) == "0.00"
    assert format_number(-0.001, 2, sign=True) == "+0.00"
    assert format_number(-0.67764) == "-0.68"
    assert format_number(2.5, 0) == "2"
    assert format_number(np.float32(0.25), 1) == "0.2"  # numpy scalars; round half to even
    assert format_number(-1.5, 1, sign=True) == "-1.5"


def test_format_number_significant_digits_and_tiny_numbers():
    assert format_number(-0.0622386, significant=4) == "-0.06224"
    assert format_number(-0.0622386, significant=2) == "-0.062"
    assert format_number(0.2237, significant=4) == "0.2237"
    assert format_number(12.3456, significant=3) == "12.3"
    assert format_number(12345.6, significant=2) == "12346"  # never rounds the integer part
    assert format_number(0.001, significant=2) == "0.0010"  # 0.001 itself stays plain
    assert format_number(1.230184e-05, significant=6) == "1.23018e-5"
    assert format_number(-9.996e-05, significant=3) == "-1.00e-4"
    assert format_number(1.2e-5, significant=2, sign=True) == "+1.2e-5"
    assert format_number(0.0, significant=3) == "0"


def test_tex_number_is_format_number_in_latex():
    assert tex_number(-0.67764) == "-0.68"
    assert tex_number(-0.004) == "0.00"
    assert tex_number(-0.0622386, significant=4) == "-0.06224"
    assert tex_number(0.2237, significant=4) == "0.2237"
    assert tex_number(12.3456, significant=3) == "12.3"
    assert tex_number(3.69e-07, significant=3) == r"3.69 \times 10^{-7}"
    assert tex_number(-9.996e-05, significant=3) == r"-1.00 \times 10^{-4}"
    assert tex_number(0.0, significant=3) == "0"
    assert tex_number(0.5, 1, sign=True) == "+0.5"
    for value in (0.123456, -3.2, 7e-6, -0.0004999):
        for kwargs in ({"decimals": 3}, {"significant": 2}):
            if "e" not in format_number(value, **kwargs):
                assert tex_number(value, **kwargs) == format_number(value, **kwargs)


@pytest.mark.parametrize("func", [format_number, tex_number, spoken_number])
def test_only_finite_numbers_and_sane_digits(func):
    for bad in (float("nan"), float("inf"), -np.inf):
        with pytest.raises(ValueError, match="finite"):
            func(bad)
    with pytest.raises(ValueError, match="at least one digit"):
        func(0.5, significant=0)
    with pytest.raises(ValueError, match="0 or more"):
        func(0.5, -1)


def test_counts():
    assert format_count(13002) == "13,002"
    assert format_count(np.int64(784)) == "784"
    assert format_count(-1200) == "-1,200"
    assert tex_count(12544) == "12{,}544"
    assert tex_count(200000) == "200{,}000"
    assert tex_count(10) == "10"
    assert spoken_count(13002) == "13,002"
    assert spoken_count(-5) == "minus 5"
    for func in (format_count, tex_count, spoken_count):
        with pytest.raises(TypeError, match="whole number"):
            func(2.5)  # type: ignore[arg-type]


def test_percentages():
    assert format_percent(0.9623) == "96.2%"
    assert format_percent(0.9362, 0) == "94%"
    assert format_percent(0.1) == "10.0%"
    assert format_percent(-0.00001) == "0.0%"
    assert tex_percent(0.9623) == r"96.2\%"
    assert spoken_percent(0.9623) == "96.2 percent"
    assert spoken_percent(0.5, 0) == "50 percent"
    with pytest.raises(ValueError, match="finite"):
        format_percent(float("nan"))


def test_spoken_numbers():
    assert spoken_number(0.6612) == "0.66"
    assert spoken_number(-0.0622) == "minus 0.06"
    assert spoken_number(-0.001) == "0.00"  # rounds to zero: no "minus"
    assert spoken_number(-12.345, 1) == "minus 12.3"
    assert spoken_number(3.69e-07, significant=3) == "3.69 times ten to the minus 7"
    assert spoken_number(-9.996e-05, significant=3) == "minus 1.00 times ten to the minus 4"
    assert spoken_number(1e-9, significant=1) == "1 times ten to the minus 9"


def test_decimals_for():
    assert (decimals_for(0.37), decimals_for(0.0042), decimals_for(12.5)) == (2, 4, 2)
    assert decimals_for(0.0) == decimals_for(float("nan")) == 2
    assert decimals_for(1e-12) == 6 and decimals_for(1e-12, most=8) == 8
    assert decimals_for(0.0042, significant=3) == 5
    assert decimals_for(-0.0042) == 4
