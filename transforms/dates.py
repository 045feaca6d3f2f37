"""Date parsing: the formats found in the corpus (RFC 822, ISO 8601, 2021年5月28日, epoch, 'Invalid Date')."""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
_INVALID = {"", "invalid date", "null", "none", "nan", "undefined", "0"}
_CJK_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]"
    r"(?:\s*(?P<H>[01]?\d|2[0-3])\s*[:：时]\s*(?P<M>[0-5]\d)(?:\s*[:：分]\s*(?P<S>[0-5]\d))?)?"
)
_NUMERIC_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>1[0-2]|0?[1-9])[-/.](?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"
    r"(?:[ T]+(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?)?"
)
# Plausible publication years: guards against IDs and phone numbers that look like dates.
MIN_YEAR, MAX_YEAR = 1990, 2100


def _plausible(d: dt.datetime) -> bool:
    return MIN_YEAR <= d.year <= MAX_YEAR


def _localize(d: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """Naive datetimes are local times of the article's timezone."""
    if d.tzinfo is None:
        d = d.replace(tzinfo=tz)
    return d.astimezone(UTC)


def _from_match(m: re.Match, tz: ZoneInfo) -> dt.datetime | None:
    try:
        d = dt.datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"] or 0), int(m["M"] or 0), int(m["S"] or 0))
    except ValueError:
        return None
    return _localize(d, tz) if _plausible(d) else None


def parse_datetime(value, tz: ZoneInfo) -> dt.datetime | None:
    """Parse a metadata/feed date value; None when it is missing or not a real date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _localize(value, tz) if _plausible(value) else None
    if isinstance(value, dt.date):
        return _localize(dt.datetime(value.year, value.month, value.day), tz)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # epoch in ms or s
        try:
            d = dt.datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return d if _plausible(d) else None
    s = str(value).strip()
    if s.lower() in _INVALID:
        return None
    if re.fullmatch(r"\d{10}(\d{3})?", s):
        return parse_datetime(int(s), tz)
    try:
        d = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        return _localize(d, tz) if _plausible(d) else None
    except ValueError:
        pass
    try:
        d = email.utils.parsedate_to_datetime(s)
        if d is not None:
            return _localize(d, tz) if _plausible(d) else None
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in (_CJK_DATE, _NUMERIC_DATE):
        m = pattern.search(s)
        if m:
            return _from_match(m, tz)
    return None


def find_date_in_text(text: str, tz: ZoneInfo, head_chars: int = 300) -> dt.datetime | None:
    """A full date (with year) stated near the start of the clean text, e.g. a dateline.

    Only the head is searched: dates deeper in an article are usually about events, and dates in
    trailing lists are boilerplate.  A date without a year is never completed with a guessed year.
    """
    head = text[:head_chars]
    for pattern in (_CJK_DATE, _NUMERIC_DATE):
        m = pattern.search(head)
        if m:
            return _from_match(m, tz)
    return None


def local_date(instant: dt.datetime | None, tz: ZoneInfo) -> dt.date | None:
    return instant.astimezone(tz).date() if instant else None
