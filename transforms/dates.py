"""Date stamps: find them in text and turn one into an instant, with its precision and zone.

Formats: ISO 8601 and its look-alikes (`2021-05-28 12:00`, `2021/5/28`), RFC 822, `2021年5月28日 下午3:05`,
Chinese numerals (`二〇一五年十二月十四日`), English month names (`March 5, 2019 10:32 AM EST`),
`7/5/2005 9:23:57 PM` (month first only with AM/PM or when the day is > 12), unix seconds and
milliseconds, and, against a reference time, stamps without a year (`09-30 22:46`, `12月14日`) and
relative ones (`3小时前`, `昨天 10:20`, `刚刚`).

Explicit zones are honoured (`Z`, `UTC`, `GMT`, `+0800`, `EST`, `北京时间`); a naive time is a local time
of the article's `--timezone`.  A value shaped like a date that cannot be one (`2021-02-30`,
`25:61`, `0001-01-01`, `2999-01-01`) raises `InvalidDate`, so the caller can say what was wrong.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
import unicodedata
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
EARLIEST = dt.datetime(1990, 1, 1, tzinfo=UTC)
# A publication can be stamped a little ahead of the reference (zones, clock skew), not more.
FUTURE_SLACK = dt.timedelta(days=1)
_ABSENT_WORDS = {"", "null", "none", "n/a", "-"}
_BROKEN_WORDS = {"invalid date", "nan", "undefined", "0", "nat"}  # a template or script failed to fill the date


class InvalidDate(ValueError):
    """A value that claims to be a date but is not a possible or plausible one."""


@dataclass(frozen=True)
class Stamp:
    instant: dt.datetime          # aware, UTC
    precision: str                # 'day', 'minute' or 'second'
    explicit_zone: bool = False   # the value stated its zone
    inferred: str | None = None   # 'year' (completed from the reference year) or 'relative'
    stated_offset: dt.timedelta | None = None  # the UTC offset the value was written in, when it said

    def wall(self, tz: ZoneInfo) -> dt.datetime:
        """The clock time as written: in its stated offset, else in the article's zone."""
        local = self.instant + self.stated_offset if self.stated_offset is not None else self.instant.astimezone(tz)
        return local.replace(tzinfo=None)


@dataclass(frozen=True)
class StampMatch:
    """A stamp found in text, not yet resolved (resolution may need a reference time)."""

    start: int
    end: int
    raw: str
    kind: str                     # 'full', 'partial' (no year) or 'relative'
    fields: tuple                 # (name, value) pairs from the regex


# ---------------------------------------------------------------------------------------- regexes
_TIME = (r"(?P<H>[01]?\d|2[0-3])\s*[:：时点]\s*(?P<M>[0-5]\d)(?:\s*[:：分]\s*(?P<S>[0-5]\d)(?:[.,]\d{1,6})?)?\s*(?:分|秒)?")
_AMPM = r"(?P<ampm>[AaPp]\.?\s?[Mm]\.?(?![A-Za-z]))"
_ZONE_WORDS = {
    "Z": 0, "UTC": 0, "GMT": 0, "UT": 0, "WET": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
    "MSK": 180, "IST": 330, "SGT": 480, "HKT": 480, "AWST": 480, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660,
    "NZST": 720, "NZDT": 780, "EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480,
    "PDT": -420, "AKST": -540, "HST": -600, "BRT": -180, "ART": -180,
}  # CST is China, Central or Cuba: left naive on purpose
_ZONE_REGIONS = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
_ZONE = (r"(?P<zone>Z(?![A-Za-z])|(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-](?:0\d|1[0-4]):?[0-5]\d(?!\d)"
         r"|(?:" + "|".join(sorted(list(_ZONE_WORDS) + list(_ZONE_REGIONS), key=len, reverse=True)) + r")(?![A-Za-z]))")
_TIME_TAIL = rf"(?:(?:\s*|T|\s*(?:[,，/|·]|-{{1,2}}|[—–])?\s*(?:at\s+)?)(?P<pre>上午|下午|早上|晚上|凌晨|中午)?\s*{_TIME}(?:\s*{_AMPM})?(?:\s*\(?{_ZONE}\)?)?)?"
_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for m in names}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_M = r"(?P<m>1[0-2]|0?[1-9])"
_Y = r"(?P<y>(?:19|20)\d{2})"

_FULL_PATTERNS = [
    # 2021-05-28T12:00:00+08:00, 2021/5/28 12:00, 2021.05.28
    re.compile(rf"(?<![\d.])(?P<zh>北京时间\s*)?{_Y}(?P<sep>[-/.])\s?{_M}(?P=sep)\s?{_D}(?![\d])\s*[日号]?{_TIME_TAIL}"),
    # 2021年5月28日 下午3:05 (numerals already converted)
    re.compile(rf"(?P<zh>北京时间\s*)?{_Y}\s*年\s*{_M}\s*月\s*{_D}\s*[日号]?{_TIME_TAIL}"),
    # 10:32 AM EST, March 5, 2019 / 10:32 a.m. ET on Tuesday, March 5, 2019
    re.compile(rf"(?i)(?<![\d:]){_TIME}\s*{_AMPM}?\s*\(?{_ZONE}?\)?\s*[,|]?\s*(?:on\s+)?(?:[a-z]+day,?\s+)?{_MON}\s+{_D}(?:st|nd|rd|th)?,?\s+{_Y}(?!\d)"),
    # March 5, 2019, 10:32 am EST / Tue, Mar 5 2019
    re.compile(rf"(?i)(?<![a-z]){_MON}\s+{_D}(?:st|nd|rd|th)?,?\s+{_Y}(?!\d){_TIME_TAIL}"),
    # 5 March 2019 10:32 / 05 Mar 2019
    re.compile(rf"(?i)(?<!\d){_D}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+{_Y}(?!\d){_TIME_TAIL}"),
    # 7/5/2005 9:23:57 PM, 05.03.2019 (order decided in _full_fields)
    re.compile(rf"(?<![\d/.])(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>(?:19|20)\d{{2}})(?![\d/.]){_TIME_TAIL}"),
]
_PARTIAL_PATTERNS = [
    # 09-30 22:46 (a time is required: a bare 09-30 is too often something else)
    re.compile(rf"(?<![\d\-/.年]){_M}[-/]{_D}(?![\d\-/])\s+{_TIME}"),
    # 12月14日 [10:20]
    re.compile(rf"(?<![\d年]){_M}\s*月\s*{_D}\s*[日号]{_TIME_TAIL}"),
]
_RELATIVE_PATTERNS = [
    re.compile(r"(?P<n>\d{1,3})\s*(?P<unit>秒|分钟|小时|天|周)前"),
    re.compile(r"(?P<day>今天|昨天|前天)\s*" + rf"(?:{_TIME})?"),
    re.compile(r"(?P<now>刚刚)"),
    re.compile(r"(?i)(?<![a-z\d])(?P<n>\d{1,3})\s+(?P<unit>second|minute|min|hour|hr|day|week)s?\s+ago(?![a-z])"),
]
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "〇零○一二三四五六七八九十"
_CN_DATE = re.compile(rf"(?P<y>[{_CN_NUM}Ｏ]{{4}})\s*年\s*(?P<m>[{_CN_NUM}]{{1,2}})\s*月\s*(?P<d>[{_CN_NUM}]{{1,3}})\s*[日号]")


_MAYBE_FULL = re.compile(r"(?:19|20|１９|２０)[0-9０-９]{2}|[〇○零一二][〇○零Ｏ一二三四五六七八九]{3}\s*年")
_MAYBE_PARTIAL = re.compile(r"[0-9０-９]|[一二三四五六七八九十]\s*月|刚刚|今天|昨天|前天")


def _cn_number(s: str) -> int:
    """一 .. 三十一 (month/day numerals)."""
    if "十" in s:
        tens, _, units = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def _convert_cn_dates(text: str) -> str:
    def repl(m: re.Match) -> str:
        try:
            year = "".join(str(_CN_DIGITS[c]) for c in m["y"])
            return f"{year}年{_cn_number(m['m'])}月{_cn_number(m['d'])}日"
        except (KeyError, ValueError):
            return m.group(0)
    return _CN_DATE.sub(repl, text) if "年" in text else text


def normalize(text: str) -> str:
    """Full-width digits and colons to ASCII, Chinese-numeral dates to digits (offsets may move)."""
    return _convert_cn_dates(unicodedata.normalize("NFKC", text))


# ------------------------------------------------------------------------------------- scanning
def scan(text: str, partial: bool = False) -> list[StampMatch]:
    """Non-overlapping date stamps in `text`, left to right.  `partial` also finds yearless and
    relative stamps (which only mean something against a reference time)."""
    if not (_MAYBE_PARTIAL if partial else _MAYBE_FULL).search(text):
        return []  # most lines hold no stamp: skip the normalisation and the patterns
    text = normalize(text)
    found: list[StampMatch] = []
    groups = [("full", _FULL_PATTERNS)] + ([("partial", _PARTIAL_PATTERNS), ("relative", _RELATIVE_PATTERNS)] if partial else [])
    for kind, patterns in groups:
        for pattern in patterns:
            for m in pattern.finditer(text):
                if any(m.start() < f.end and f.start < m.end() for f in found):
                    continue
                fields = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
                found.append(StampMatch(m.start(), m.end(), m.group(0).strip(), kind, fields))
    return sorted(found, key=lambda f: f.start)


# ----------------------------------------------------------------------------------- resolution
def _zone_offset(zone: str | None, naive: dt.datetime) -> dt.tzinfo | None:
    if not zone:
        return None
    z = zone.strip().upper()
    if z in _ZONE_WORDS:
        return dt.timezone(dt.timedelta(minutes=_ZONE_WORDS[z]))
    if z in _ZONE_REGIONS:
        return ZoneInfo(_ZONE_REGIONS[z])
    m = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])\s*(\d{1,2}):?(\d{2})?", z)
    if m:
        minutes = int(m[2]) * 60 + int(m[3] or 0)
        if minutes > 14 * 60:
            return None
        return dt.timezone(dt.timedelta(minutes=minutes if m[1] == "+" else -minutes))
    return None


def _hour(f: dict) -> int:
    hour = int(f["H"])
    ampm = (f.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    pre = f.get("pre")
    if ampm == "pm" or pre in ("下午", "晚上"):
        if hour > 12:
            raise InvalidDate(f"hour {hour} with PM")
        hour = hour % 12 + 12
    elif ampm == "am" or pre in ("上午", "早上", "凌晨"):
        if hour > 12:
            raise InvalidDate(f"hour {hour} with AM")
        hour = hour % 12
    elif pre == "中午" and hour < 11:
        hour += 12
    return hour


def _ymd(f: dict) -> tuple[int, int, int] | None:
    if "mon" in f:
        return int(f["y"]), _MONTHS[f["mon"].lower().rstrip(".")], int(f["d"])
    if "a" in f:  # 7/5/2005: month first only when that is the only reading or a US AM/PM clock
        a, b = int(f["a"]), int(f["b"])
        if f.get("sep") == ".":
            return int(f["y"]), b, a   # 05.03.2019 is day.month.year wherever dots are used
        if a > 12 >= b:
            return int(f["y"]), b, a
        if b > 12 >= a or (f.get("ampm") and a <= 12 and b <= 12):
            return int(f["y"]), a, b
        return None                     # 05/03/2019: ambiguous, so no date rather than a wrong one
    return int(f["y"]), int(f["m"]), int(f["d"])


def _build(y: int, mo: int, d: int, f: dict, tz: ZoneInfo) -> tuple[dt.datetime, str, dt.timedelta | None]:
    has_time = "H" in f and "M" in f
    try:
        naive = dt.datetime(y, mo, d, _hour(f) if has_time else 0, int(f["M"]) if has_time else 0,
                            int(f.get("S") or 0) if has_time else 0)
    except ValueError as e:
        raise InvalidDate(f"impossible date or time: {e}") from e
    zone = _zone_offset(f.get("zone"), naive) if has_time or f.get("zone") == "Z" else None
    if zone is None and f.get("zh"):
        zone = dt.timezone(dt.timedelta(hours=8))
    instant = naive.replace(tzinfo=zone or tz).astimezone(UTC)
    precision = ("second" if f.get("S") else "minute") if has_time else "day"
    return instant, precision, zone.utcoffset(naive) if zone is not None else None


def check_plausible(instant: dt.datetime, reference: dt.datetime | None = None) -> None:
    latest = (reference or dt.datetime.now(UTC)) + FUTURE_SLACK
    if instant < EARLIEST:
        raise InvalidDate(f"{instant.date()} is before {EARLIEST.date()}")
    if instant > latest:
        raise InvalidDate(f"{instant.date()} is after the reference time {latest.date()}")


def resolve(match: StampMatch, tz: ZoneInfo, reference: dt.datetime | None = None, year_hint: int | None = None) -> Stamp:
    """The instant of a found stamp.  Yearless stamps take `year_hint` (a year the page states) or the
    reference's year (the latest such date not after the reference); relative ones need the reference."""
    f = dict(match.fields)
    if match.kind == "full":
        ymd = _ymd(f)
        if ymd is None:
            raise InvalidDate(f"ambiguous day/month order: {match.raw}")
        instant, precision, offset = _build(*ymd, f, tz)
        check_plausible(instant, reference)
        return Stamp(instant, precision, offset is not None, stated_offset=offset)
    if reference is None:
        raise InvalidDate(f"'{match.raw}' needs a reference time")
    local_ref = reference.astimezone(tz)
    if match.kind == "relative":
        if "now" in f:
            return Stamp(reference, "minute", inferred="relative")
        if "n" in f:
            unit = {"秒": "seconds", "second": "seconds", "分钟": "minutes", "minute": "minutes", "min": "minutes",
                    "小时": "hours", "hour": "hours", "hr": "hours", "天": "days", "day": "days", "周": "weeks",
                    "week": "weeks"}[f["unit"].lower()]
            instant = reference - dt.timedelta(**{unit: int(f["n"])})
            return Stamp(instant, "minute" if unit in ("seconds", "minutes", "hours") else "day", inferred="relative")
        back = {"今天": 0, "昨天": 1, "前天": 2}[f["day"]]
        day = local_ref.date() - dt.timedelta(days=back)
        instant, precision, _ = _build(day.year, day.month, day.day, f, tz)
        return Stamp(instant, precision, inferred="relative")
    month, day = int(f["m"]), int(f["d"])
    years = [year_hint] if year_hint else [local_ref.year, local_ref.year - 1]
    for year in years:
        try:
            instant, precision, offset = _build(year, month, day, f, tz)
            check_plausible(instant, reference)
        except InvalidDate:
            continue
        return Stamp(instant, precision, offset is not None, inferred="year", stated_offset=offset)
    raise InvalidDate(f"no plausible year for '{match.raw}'")


# ------------------------------------------------------------------------------------- values
def _from_epoch(seconds: float, reference: dt.datetime | None) -> Stamp:
    if seconds > 1e11:
        seconds /= 1000  # milliseconds
    try:
        instant = dt.datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError) as e:
        raise InvalidDate(f"timestamp out of range: {seconds}") from e
    check_plausible(instant, reference)
    return Stamp(instant, "second", True)


def _from_datetime(d: dt.datetime, tz: ZoneInfo, reference: dt.datetime | None, precision: str) -> Stamp:
    explicit = d.tzinfo is not None
    instant = (d if explicit else d.replace(tzinfo=tz)).astimezone(UTC)
    check_plausible(instant, reference)
    return Stamp(instant, precision, explicit, stated_offset=d.utcoffset() if explicit else None)


def parse_value(value, tz: ZoneInfo, reference: dt.datetime | None = None) -> Stamp | None:
    """A metadata/feed/attribute value as a Stamp; None when the value is not a date at all.

    Raises InvalidDate for a date-shaped value that is impossible or outside 1990 .. reference + 1 day.
    A value with only a date has day precision, even when written as midnight (`2021-05-28T00:00:00`).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return _from_datetime(value, tz, reference, "second")
    if isinstance(value, dt.date):
        return _from_datetime(dt.datetime(value.year, value.month, value.day), tz, reference, "day")
    if isinstance(value, int) and re.fullmatch(r"(19|20)\d{6}", str(value)):
        value = str(value)  # 20210528 is a compact date, not seconds after 1970
    elif isinstance(value, (int, float)):
        return _from_epoch(float(value), reference)
    s = unicodedata.normalize("NFKC", str(value)).strip()
    if s.lower() in _ABSENT_WORDS:
        return None
    if s.lower() in _BROKEN_WORDS:
        raise InvalidDate(f"not a date: {s}")
    if re.fullmatch(r"-?\d{10}(\d{3})?(\.\d+)?", s):
        return _from_epoch(float(s), reference)
    if re.fullmatch(r"(19|20)\d{6}", s):
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    if re.fullmatch(r"-?\d{1,6}-\d{1,2}-\d{1,2}([T ].*)?", s) and not re.match(r"(19|20)\d\d-", s):
        raise InvalidDate(f"year out of range: {s[:40]}")
    try:
        d = dt.datetime.fromisoformat(s.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        d = None
    if d is not None:
        has_time = bool(re.search(r"\d[T ]\d", s)) and (d.hour, d.minute, d.second) != (0, 0, 0)
        return _from_datetime(d, tz, reference, ("second" if d.second else "minute") if has_time else "day")
    if re.search(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", s):
        try:
            d = email.utils.parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            d = None
        if d is not None:
            return _from_datetime(d, tz, reference, "second")
    matches = scan(s)
    if not matches:
        if re.search(r"\d{4}\D\d{1,2}\D\d{1,2}", s):
            raise InvalidDate(f"not a possible date: {s[:40]}")
        return None
    stamp = resolve(matches[0], tz, reference)
    if stamp.precision != "day" and stamp.instant.astimezone(tz).time() == dt.time(0, 0):
        stamp = replace(stamp, precision="day")  # midnight placeholder
    return stamp


def parse_datetime(value, tz: ZoneInfo, reference: dt.datetime | None = None) -> dt.datetime | None:
    """The instant of a value, or None when it is missing, not a date, or not a plausible one."""
    try:
        stamp = parse_value(value, tz, reference)
    except InvalidDate:
        return None
    return stamp.instant if stamp else None


def local_date(instant: dt.datetime | None, tz: ZoneInfo) -> dt.date | None:
    return instant.astimezone(tz).date() if instant else None
