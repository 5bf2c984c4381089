"""署名 and 成文日期 (plangen/compute/signing.py), by GB/T 9704-2012 7.3.5.2."""

from plangen.compute.signing import em_width, signing_indents


def test_widths_count_digits_as_half_characters():
    assert em_width("2021年12月20日") == 7
    assert em_width("测试市人民政府") == 7


def test_the_date_steps_two_characters_in_from_the_signatures_start():
    right_sign, right_date = signing_indents("莱山区卫生健康局", "2022年6月13日")
    assert right_sign == 2  # the 署名 ends two characters from the right
    # the date starts where the 署名 starts plus two: 8 + 2 - 2 = 6.5 + right_date
    assert 8 + right_sign - 2 == 6.5 + right_date


def test_a_date_as_long_as_the_signature_ends_flush():
    assert signing_indents("测试市人民政府", "2021年12月20日") == (2, 0)


def test_a_longer_date_ends_two_characters_in_and_pushes_the_signature_left():
    right_sign, right_date = signing_indents("某某局", "2021年12月20日")
    assert right_date == 2
    assert right_sign == 7 + 4 - 3  # the 署名 starts two characters before the date
