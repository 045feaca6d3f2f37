"""transforms.dates: one stamp -> instant, precision and zone (no Beam)."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from transforms.dates import InvalidDate, local_date, parse_datetime, parse_value, resolve, scan

SH = ZoneInfo("Asia/Shanghai")
UTC = dt.timezone.utc
REF = dt.datetime(2024, 10, 1, 4, 0, tzinfo=UTC)  # 2024-10-01 12:00 in Beijing


def at(*args):
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("value,expected,precision", [
    ("Fri, 28 May 2021 14:08:03 GMT", at(2021, 5, 28, 14, 8, 3), "second"),
    ("2021-05-28T22:08:03+08:00", at(2021, 5, 28, 14, 8, 3), "second"),
    ("2020-03-18", at(2020, 3, 17, 16, 0), "day"),
    ("2021-05-28T00:00:00+08:00", at(2021, 5, 27, 16, 0), "day"),   # midnight is a date-only placeholder
    ("2021年5月28日", at(2021, 5, 27, 16, 0), "day"),
    ("发布于：2022年9月26日 10:30", at(2022, 9, 26, 2, 30), "minute"),
    ("2021-05-28 下午3:05", at(2021, 5, 28, 7, 5), "minute"),
    ("二〇一五年十二月十四日", at(2015, 12, 13, 16, 0), "day"),
    ("7/5/2005 9:23:57 PM", at(2005, 7, 5, 13, 23, 57), "second"),   # US clock: month first
    ("05.03.2019", at(2019, 3, 4, 16, 0), "day"),                     # dots: day first
    ("20210528", at(2021, 5, 27, 16, 0), "day"),
    (20210528, at(2021, 5, 27, 16, 0), "day"),
])
def test_value_formats(value, expected, precision):
    stamp = parse_value(value, SH)
    assert (stamp.instant, stamp.precision) == (expected, precision)


@pytest.mark.parametrize("value,expected", [
    ("2022-09-26 10:00:00 UTC", at(2022, 9, 26, 10, 0)),      # not 10:00 in Beijing
    ("2022-09-26T10:00:00Z", at(2022, 9, 26, 10, 0)),
    ("2022-09-26 10:00 GMT", at(2022, 9, 26, 10, 0)),
    ("2022-09-26 10:00:00 +0000", at(2022, 9, 26, 10, 0)),
    ("2022-09-26 18:00 +08:00", at(2022, 9, 26, 10, 0)),
    ("北京时间2022年9月26日 18:00", at(2022, 9, 26, 10, 0)),
    ("March 5, 2019 10:32 AM EST", at(2019, 3, 5, 15, 32)),
    ("10:32 a.m. ET, March 5, 2019", at(2019, 3, 5, 15, 32)),
    ("Published Nov 18, 2019 at 4:07 PM PST", at(2019, 11, 19, 0, 7)),
])
def test_explicit_zones_are_honoured(value, expected):
    stamp = parse_value(value, SH)
    assert stamp.instant == expected and stamp.explicit_zone


def test_a_naive_time_is_in_the_article_zone():
    assert parse_value("2022-09-26 10:00", SH).instant == at(2022, 9, 26, 2, 0)
    assert parse_value("2022-09-26 10:00", ZoneInfo("UTC")).instant == at(2022, 9, 26, 10, 0)


@pytest.mark.parametrize("value", [1664157600, "1664157600", "1664157600000", 1664157600000])
def test_unix_seconds_and_milliseconds(value):
    assert parse_value(value, SH).instant == at(2022, 9, 26, 2, 0)


@pytest.mark.parametrize("value", ["2021-02-30 25:61:00", "2021-02-30", "0001-01-01", "0001-01-01T00:00:00Z",
                                   "2999-01-01", "1989-12-31", "05/03/2019"])
def test_impossible_or_implausible_values_raise(value):
    with pytest.raises(InvalidDate):
        parse_value(value, SH, REF)


@pytest.mark.parametrize("value", ["", None, "not a date", "null"])
def test_non_dates_are_none(value):
    assert parse_value(value, SH) is None
    assert parse_datetime(value, SH) is None


@pytest.mark.parametrize("value", ["Invalid Date", "0", "undefined", "NaN"])
def test_unfilled_template_values_are_invalid(value):
    with pytest.raises(InvalidDate):
        parse_value(value, SH)
    assert parse_datetime(value, SH) is None


def test_the_upper_bound_is_the_reference_plus_a_day():
    assert parse_value("2024-10-02 10:00", SH, REF) is not None
    with pytest.raises(InvalidDate):
        parse_value("2024-10-03 10:00", SH, REF)


def _one(text):
    found = scan(text, partial=True)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,expected,precision", [
    ("3小时前", at(2024, 10, 1, 1, 0), "minute"),
    ("2 hours ago", at(2024, 10, 1, 2, 0), "minute"),
    ("刚刚", REF, "minute"),
    ("昨天 10:20", at(2024, 9, 30, 2, 20), "minute"),
    ("今天 08:00", at(2024, 10, 1, 0, 0), "minute"),
    ("3天前", at(2024, 9, 28, 4, 0), "day"),
])
def test_relative_stamps_against_the_reference(text, expected, precision):
    stamp = resolve(_one(text), SH, REF)
    assert (stamp.instant, stamp.precision, stamp.inferred) == (expected, precision, "relative")


def test_yearless_stamps_take_the_latest_year_not_after_the_reference():
    assert resolve(_one("09-30 22:46"), SH, REF).instant == at(2024, 9, 30, 14, 46)
    assert resolve(_one("12月14日"), SH, REF).instant == at(2023, 12, 13, 16, 0)   # not 2024-12-14, after REF
    assert resolve(_one("12月14日"), SH, REF, year_hint=2015).instant == at(2015, 12, 13, 16, 0)
    assert resolve(_one("09-30 22:46"), SH, REF).inferred == "year"


def test_partial_stamps_need_a_reference():
    with pytest.raises(InvalidDate):
        resolve(_one("3小时前"), SH, None)


def test_scan_finds_stamps_in_order_without_overlap():
    found = scan("发布时间：2011-04-22 09:30 来源：新华网 更新时间：2011-04-23", partial=True)
    assert [m.raw for m in found] == ["2011-04-22 09:30", "2011-04-23"]
    assert scan("基金成立于2008年12月12日")[0].kind == "full"


def test_a_bare_month_day_is_not_a_stamp_without_a_time():
    assert scan("比分 09-30 结束", partial=True) == []


def test_timezone_decides_the_calendar_date():
    instant = parse_datetime("Fri, 28 May 2021 20:00:00 GMT", SH)
    assert local_date(instant, SH) == dt.date(2021, 5, 29)
    assert local_date(instant, ZoneInfo("UTC")) == dt.date(2021, 5, 28)
