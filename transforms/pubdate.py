"""Publication date of a record: pick the best evidence, complete it against a reference, say where it came from.

Order (first valid wins; docs/schema.md lists the `date_source` values):
  the record's own date (front matter `metadata`, `feed`, SogouCS `url`), the page's evidence
  (transforms.parsers.page_dates: meta, jsonld, script, time, header, header_updated, labelled),
  the URL path (`url`), the file path (`file`), htmldate on the markup (`htmldate`), and, in the
  clean stage, a dateline at the start of the text (`dateline`).
A stamp without a year or a relative one (`09-30 22:46`, `3小时前`) is completed against the
reference time (feed message time, else file modification time, else run start): `date_source`
is then `relative` and `date_reference` says which reference.  When a day-only value wins, a lower
ranked stamp of the same day can still supply the time of day.  An impossible metadata value never
rejects a record: it is kept in `date_invalid` and the next evidence is tried.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from transforms import dates
from transforms.dates import InvalidDate, Stamp, StampMatch

UTC = dt.timezone.utc
# /2019/03/06/, /2019-03-06/, /20190306/, t20190306_123.html, /201903/06/
_URL_DATE = [
    re.compile(r"(?<![\d])((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?![\d])"),
    re.compile(r"(?<![\d])((?:19|20)\d{2})(0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?![\d])"),
    re.compile(r"(?:^|[/_t-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"),
]
_URL_YEAR = re.compile(r"/[a-z]?((?:19|20)\d{2})(?:[/_-]|(?:0[1-9]|1[0-2])(?:[/_-]|$))")
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_DATELINE = re.compile(
    r"^[\s（(【\[]*(?:[^\s，。,:：（）()]{0,16}?)(?P<stamp>(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"\s*(?:\d{1,2}[:：时]\d{2}分?\s*)?(?:电|讯|消息|报道|发布)")
DATELINE_LINES = 3
STAMP_LINE_CHARS = 60
REFINERS = {"meta", "jsonld", "script", "time", "header", "labelled"}
EARLIER_WINDOW = dt.timedelta(days=3)
VISIBLE_BYLINES = {"header", "labelled", "time"}
MAX_VISIBLE_DAYS = 2


@dataclass(frozen=True)
class Reference:
    kind: str                 # 'feed', 'mtime' or 'run'
    instant: dt.datetime


@dataclass(frozen=True)
class PublicationDate:
    instant: dt.datetime | None = None
    source: str = "none"
    precision: str | None = None
    reference: str | None = None       # the reference that completed a partial/relative stamp
    evidence: str | None = None        # the raw value the date was read from
    invalid: str | None = None         # a metadata value that claimed to be a date but was not

    def as_fields(self, tz: ZoneInfo) -> dict:
        return {"published_at": self.instant, "date": dates.local_date(self.instant, tz), "date_source": self.source,
                "date_precision": self.precision, "date_reference": self.reference, "date_evidence": self.evidence,
                "date_invalid": self.invalid}


@dataclass(frozen=True)
class Candidate:
    source: str
    raw: object
    match: StampMatch | None = None


def url_date(url: str | None) -> str | None:
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I)
    for pattern in _URL_DATE:
        m = pattern.search(path)
        if m:
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return None


def url_year(url: str | None) -> int | None:
    m = _URL_YEAR.search(re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.I))
    return int(m.group(1)) if m else None


def path_date(source_path: str) -> str | None:
    m = _PATH_DATE.search(source_path or "")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _to_stamp(c: Candidate, tz: ZoneInfo, reference: Reference, year_hint: int | None) -> Stamp | None:
    if c.match is not None:
        return dates.resolve(c.match, tz, reference.instant, year_hint)
    return dates.parse_value(c.raw, tz, reference.instant)


def _refine(chosen: Stamp, rest: list[tuple[Candidate, Stamp]], seen: list[Stamp], tz: ZoneInfo) -> Stamp:
    """A day-only winner takes the time of a lower-ranked stamp on the same local day, else of the
    one clock time the page visibly shows on that day."""
    if chosen.precision != "day":
        return chosen
    day = chosen.instant.astimezone(tz).date()
    timed = [s for c, s in rest if c.source in REFINERS]
    same_day = {s.wall(tz).replace(second=0): s for s in seen if s.precision != "day" and s.instant.astimezone(tz).date() == day}
    for s in timed + (list(same_day.values()) if len(same_day) == 1 else []):
        if s.precision != "day" and s.inferred != "relative" and s.instant.astimezone(tz).date() == day:
            return replace(chosen, instant=s.instant, precision=s.precision, explicit_zone=s.explicit_zone,
                           stated_offset=s.stated_offset)
    return chosen


def _quiet_stamp(c: Candidate, tz: ZoneInfo, reference: Reference) -> Stamp | None:
    try:
        return _to_stamp(c, tz, reference, None)
    except InvalidDate:
        return None


def _usable(c: Candidate, reference: Reference, year_hint: int | None) -> bool:
    """A yearless stamp without a time of day (`12月14日`) reads like a body date: it needs a year the
    page states or a feed message's time, not a file's modification time."""
    m = c.match
    if m is None or m.kind != "partial" or "H" in dict(m.fields):
        return True
    return year_hint is not None or reference.kind == "feed"


def _bounds(s: Stamp, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """Earliest and latest true instant of a stamp: a naive clock time may be in any zone (UTC-12..+14)."""
    if s.explicit_zone:
        return s.instant, s.instant
    local = s.instant.astimezone(tz).utcoffset()
    return s.instant + local - dt.timedelta(hours=14), s.instant + local + dt.timedelta(hours=12)


def _first_publication(best: tuple[Candidate, Stamp], rest: list[tuple[Candidate, Stamp]], tz: ZoneInfo) -> tuple[Candidate, Stamp]:
    """First publication wins: page metadata is often rewritten on update, so a visible byline stamp
    that is certainly earlier (whatever zone a naive clock time is in), by up to EARLIER_WINDOW and as
    precise, is the original publication."""
    c0, s0 = best
    if s0.precision == "day":
        return best
    for c, s in rest:
        if c.source not in VISIBLE_BYLINES or s.precision == "day" or s.inferred is not None:
            continue
        lo0, hi0 = _bounds(best[1], tz)
        lo, hi = _bounds(s, tz)
        if hi < lo0 - dt.timedelta(minutes=1) and hi0 - lo <= EARLIER_WINDOW:
            if not s.explicit_zone and best[1].stated_offset is not None:
                # the page's clock times are in the zone its metadata states
                s = replace(s, instant=(s.wall(tz) - best[1].stated_offset).replace(tzinfo=UTC), explicit_zone=True,
                            stated_offset=best[1].stated_offset)
            best = (c, s)
    return best


def _adopt_zone(chosen: Stamp, resolved: list[tuple[Candidate, Stamp]], tz: ZoneInfo) -> Stamp:
    """A naive clock time gives way to a stamp of the page that states its zone and is the same moment
    seen from another zone: the same clock time (meta `2019-11-20T01:53:14` next to JSON-LD
    `...01:53:14Z`), or, to the second, a whole number of quarter hours away (`20:58:46` next to
    `04:58:46Z`)."""
    if chosen.explicit_zone or chosen.precision == "day":
        return chosen
    wall = chosen.wall(tz).replace(second=0, microsecond=0)
    lo, hi = _bounds(chosen, tz)
    for c, s in resolved:
        if s.stated_offset is None or s.precision == "day" or s.inferred:
            continue
        same_clock = s.wall(tz).replace(second=0, microsecond=0) == wall
        same_second = (chosen.precision == s.precision == "second" and lo <= s.instant <= hi
                       and (chosen.instant - s.instant) % dt.timedelta(minutes=15) == dt.timedelta(0))
        if same_clock or same_second:
            return replace(chosen, instant=s.instant, explicit_zone=True, stated_offset=s.stated_offset)
    return chosen


def choose(candidates: list[Candidate], tz: ZoneInfo, reference: Reference, year_hint: int | None = None) -> PublicationDate:
    """The first candidate that is a valid date, refined; invalid metadata is reported, never fatal.
    Complete stamps are tried before yearless and relative ones, whatever their rank."""
    invalid = None
    complete: list[tuple[Candidate, Stamp]] = []
    partial: list[tuple[Candidate, Stamp]] = []
    seen = [s for s in (_quiet_stamp(c, tz, reference) for c in candidates if c.source == "visible") if s]
    for c in candidates:
        if c.source == "visible" or not _usable(c, reference, year_hint):
            continue
        try:
            stamp = _to_stamp(c, tz, reference, year_hint)
        except InvalidDate:
            if c.source in ("metadata", "meta", "jsonld", "feed") and invalid is None:
                invalid = str(c.raw)[:200]
            continue
        if stamp is not None:
            (partial if stamp.inferred else complete).append((c, stamp))
    resolved = complete + partial
    if not resolved:
        return PublicationDate(source="invalid_metadata" if invalid else "none", invalid=invalid)
    best = _first_publication(resolved[0], resolved[1:], tz)
    rest = [r for r in resolved if r is not best]
    stamp = _adopt_zone(_refine(best[1], rest, seen, tz), resolved, tz)
    source = "relative" if stamp.inferred else best[0].source
    return PublicationDate(stamp.instant, source, stamp.precision, reference.kind if stamp.inferred else None,
                           str(best[0].raw)[:200], invalid)


def htmldate_candidate(html: str, url: str | None, candidates: list[Candidate], tz: ZoneInfo,
                       reference: Reference) -> Candidate | None:
    """htmldate on the markup only (no text search: body dates are events), believed only when a
    visible stamp of the page shows the same day and the page does not show many different days
    (measured in bench/dates.py: alone it mostly dated undated pages from their related-news lists,
    archives and comments).  The visible stamp then gives the time of day too."""
    try:
        import htmldate  # imported here: it pulls in dateparser, which is slow to import
        found = htmldate.find_date(html, url=url, original_date=True, extensive_search=False,
                                   min_date="1990-01-01", max_date=reference.instant.strftime("%Y-%m-%d"),
                                   outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a library failure on a hostile page only loses this layer
        return None
    if not found:
        return None
    visible = []
    for c in candidates:
        if c.source == "visible" and c.match is not None:
            try:
                visible.append((c, dates.resolve(c.match, tz, reference.instant).instant.astimezone(tz).date()))
            except InvalidDate:
                continue
    if len({day for _, day in visible}) > MAX_VISIBLE_DAYS:
        return None  # an archive, a thread or a comment list: a library's pick among them is a guess
    for c, day in visible:
        if day.isoformat() == found:
            return Candidate("htmldate", c.raw, c.match)
    return None


def dateline(text: str, tz: ZoneInfo, reference: Reference | None, year_hint: int | None = None) -> PublicationDate | None:
    """A dateline in the first lines of the clean text: `新华社北京12月14日电`, or a line that is only a
    stamp (`2005-03-21 11:21`).  A yearless dateline needs a year the page states or a feed message's
    time; a file's modification time is not trusted for the year of a body date."""
    ref = reference.instant if reference else None
    for line in [l.strip() for l in text.splitlines() if l.strip()][:DATELINE_LINES]:
        line = dates.normalize(line[:200])
        m = _DATELINE.search(line)
        if m:
            match = dates.scan(m.group("stamp"), partial=True)
            if match:
                full = match[0].kind == "full"
                if not full and year_hint is None and (reference is None or reference.kind != "feed"):
                    return None
                try:
                    stamp = dates.resolve(match[0], tz, ref, year_hint)
                except InvalidDate:
                    return None
                return PublicationDate(stamp.instant, "dateline", stamp.precision,
                                       reference.kind if stamp.inferred and year_hint is None else None, m.group(0).strip())
        if len(line) <= STAMP_LINE_CHARS and "。" not in line:
            match = dates.scan(line)
            if match and match[0].start <= 3:
                try:
                    stamp = dates.resolve(match[0], tz, ref)
                except InvalidDate:
                    continue
                return PublicationDate(stamp.instant, "dateline", stamp.precision, None, match[0].raw)
    return None
