"""The date filter (plangen/render/environment.py) against CLDR's long form."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date

from plangen.render.environment import date_cn

DAYS = [dt.date(2021, 1, 5), dt.date(2022, 6, 13), dt.date(2025, 12, 31), dt.date(1999, 10, 1)]


@pytest.mark.parametrize("babel_locale", ["zh_Hans_CN", "zh_Hant_TW", "zh_Hant_HK"])
def test_the_official_date_form_is_cldrs_long_form_in_every_locale_written(babel_locale):
    for day in DAYS:
        assert date_cn(day) == format_date(day, format="long", locale=babel_locale)


def test_no_leading_zeros():
    assert date_cn(dt.date(2021, 6, 3)) == "2021年6月3日"
