import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from transforms.dates import find_date_in_text, local_date, parse_datetime

SH = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("value,expected", [
    ("Fri, 28 May 2021 14:08:03 GMT", dt.datetime(2021, 5, 28, 14, 8, 3, tzinfo=dt.timezone.utc)),
    ("2021-05-28T22:08:03+08:00", dt.datetime(2021, 5, 28, 14, 8, 3, tzinfo=dt.timezone.utc)),
    ("2020-03-18", dt.datetime(2020, 3, 17, 16, 0, tzinfo=dt.timezone.utc)),
    ("2021年5月28日", dt.datetime(2021, 5, 27, 16, 0, tzinfo=dt.timezone.utc)),
    ("发布于：2022年9月26日 10:30", dt.datetime(2022, 9, 26, 2, 30, tzinfo=dt.timezone.utc)),
    (1622210883, dt.datetime(2021, 5, 28, 14, 8, 3, tzinfo=dt.timezone.utc)),
    ("1622210883000", dt.datetime(2021, 5, 28, 14, 8, 3, tzinfo=dt.timezone.utc)),
])
def test_parse_datetime_formats(value, expected):
    assert parse_datetime(value, SH) == expected


@pytest.mark.parametrize("value", ["Invalid Date", "", None, "not a date", "0", "3021-01-01"])
def test_invalid_dates_are_none(value):
    assert parse_datetime(value, SH) is None


def test_timezone_decides_the_calendar_date():
    instant = parse_datetime("Fri, 28 May 2021 20:00:00 GMT", SH)
    assert local_date(instant, SH) == dt.date(2021, 5, 29)
    assert local_date(instant, ZoneInfo("UTC")) == dt.date(2021, 5, 28)


def test_date_without_year_is_not_completed():
    assert find_date_in_text("12月14日,平安银行与微医集团签署战略合作协议。", SH) is None


def test_only_head_of_text_is_searched():
    text = "正文" * 400 + "\n2025-12-24 11:13"
    assert find_date_in_text(text, SH) is None
    assert find_date_in_text("新华社北京2015年12月14日电 正文", SH).date() == dt.date(2015, 12, 13)
