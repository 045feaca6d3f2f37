"""Parse stage: decoded files -> one record dict per article (see docs/schema.md for the fields).

The format is detected from the content first and the extension second, so a mislabelled file
still parses (or is rejected with a reason).  A broken record rejects that record only.
"""
from __future__ import annotations

import hashlib
import re
from typing import Iterator
from zoneinfo import ZoneInfo

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms import dates
from transforms.limits import DEFAULT_LIMITS, Limits
from transforms.parsers import feeds, html_page, jsonl, markdown, plaintext, sogou
from transforms.parsers.record import RawRecord
from transforms.rejects import REJECTS_TAG, RecordRejected, make_reject

FORMATS = ("markdown", "jsonl", "feed", "sogou", "html", "text")
_EXT = {".md": "markdown", ".markdown": "markdown", ".jsonl": "jsonl", ".ndjson": "jsonl", ".rss": "feed",
        ".atom": "feed", ".xml": "feed", ".dat": "sogou", ".html": "html", ".htm": "html", ".shtml": "html",
        ".txt": "text", ".text": "text"}
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")


def detect_format(name: str, text: str) -> str:
    """Content wins over the extension; the extension breaks ties for ambiguous content."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    low = head[:2048].lower()
    if re.match(r"---[ \t]*\r?\n", head):
        return "markdown"
    if head.startswith("{"):
        return "jsonl"
    if "<doc>" in low and ("<contenttitle>" in low or "<content>" in low):
        return "sogou"
    if re.search(r"<(rss|feed|rdf:rdf)[\s>]", low) and "<html" not in low:
        return "feed"
    if re.search(r"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]", low):
        return "html"
    ext = re.search(r"\.[a-z0-9]+$", name.lower())
    fmt = _EXT.get(ext.group(0)) if ext else None
    if fmt in ("markdown", "jsonl", "feed", "sogou"):
        return "text"  # the content does not match the extension's format: read it as text
    return fmt or ("html" if re.search(r"<(p|div|article)[\s>]", low) else "text")


def record_id(source_path: str, record_index: int) -> str:
    """Stable across runs: the same record of the same file always gets the same id."""
    return hashlib.sha1(f"{source_path}\x1f{record_index}".encode("utf-8")).hexdigest()[:20]


def iter_raw_records(fmt: str, text: str) -> Iterator[tuple[int, RawRecord | RecordRejected, str]]:
    """(record index, record or the rejection, raw excerpt source) for every record of a file."""
    if fmt == "jsonl":
        for i, line in jsonl.split_lines(text):
            try:
                yield i, jsonl.parse_message(line), line
            except RecordRejected as e:
                yield i, e, line
    elif fmt == "sogou":
        blocks = sogou.split_docs(text)
        if not blocks:
            raise RecordRejected("bad_record", "no <doc> records found")
        for i, block in enumerate(blocks):
            try:
                yield i, sogou.parse_doc(block), block
            except RecordRejected as e:
                yield i, e, block
    elif fmt == "feed":
        title, items = feeds.parse_feed_xml(text)
        if not items:
            raise RecordRejected("empty_feed", "the feed has no items")
        for i, item in enumerate(items):
            yield i, feeds.item_record(item, title), ""
    else:
        parse = {"markdown": markdown.parse_markdown, "html": html_page.parse_html_page, "text": plaintext.parse_plain_text}[fmt]
        for i, record in enumerate(parse(text)):
            yield i, record, text


def _published(record: RawRecord, source_path: str, tz: ZoneInfo):
    """(instant, date_source): the record's own date, else its body's metadata, else the file path."""
    instant = dates.parse_datetime(record.published, tz)
    if instant:
        return instant, record.date_source
    if record.body_format == "html":
        instant = dates.parse_datetime(markdown.body_date(record), tz)
        if instant:
            return instant, "body"
    m = _PATH_DATE.search(source_path)
    if m:
        instant = dates.parse_datetime(f"{m.group(1)}-{m.group(2)}-{m.group(3)}", tz)
        if instant:
            return instant, "file"
    return None, "none"


def to_doc(record: RawRecord, source_path: str, index: int, encoding: str, tz: ZoneInfo, limits: Limits) -> dict:
    if len(record.body) * 3 > limits.max_record_bytes and len(record.body.encode("utf-8")) > limits.max_record_bytes:
        raise RecordRejected("record_too_large", f"record body exceeds max_record_bytes={limits.max_record_bytes}")
    instant, date_source = _published(record, source_path, tz)
    return {
        "id": record_id(source_path, index),
        "source": record.source, "url": record.url, "source_path": source_path, "record_index": index,
        "title": record.title, "author": record.author, "published_at": instant,
        "date": dates.local_date(instant, tz), "date_source": date_source,
        "raw_categories": record.raw_categories, "encoding": encoding,
        "body": record.body, "body_format": record.body_format,
    }


def parse_decoded(decoded: dict, tz: ZoneInfo, limits: Limits = DEFAULT_LIMITS) -> Iterator[tuple[str, dict]]:
    """('doc', doc) or ('reject', reject) for every record of one decoded file."""
    path, text = decoded["source_path"], decoded["text"]
    fmt = detect_format(decoded["name"], text)
    try:
        for index, item, raw in iter_raw_records(fmt, text):
            if isinstance(item, RecordRejected):
                yield "reject", make_reject(path, index, "parse", item.reason, item.detail, raw)
                continue
            try:
                yield "doc", to_doc(item, path, index, decoded["encoding"], tz, limits)
            except RecordRejected as e:
                yield "reject", make_reject(path, index, "parse", e.reason, e.detail, raw or item.body)
    except RecordRejected as e:
        yield "reject", make_reject(path, None, "parse", e.reason, e.detail, text)


class _ParseFn(beam.DoFn):
    def __init__(self, timezone: str, limits: Limits):
        self.timezone, self.limits = timezone, limits

    def setup(self):
        self.tz = ZoneInfo(self.timezone)
        self.parsed = Metrics.counter("newsbeam", "parse.records")
        self.rejected = Metrics.counter("newsbeam", "parse.rejected")

    def process(self, decoded):
        try:
            for kind, item in parse_decoded(decoded, self.tz, self.limits):
                if kind == "doc":
                    self.parsed.inc()
                    yield item
                else:
                    self.rejected.inc()
                    yield beam.pvalue.TaggedOutput(REJECTS_TAG, item)
        except Exception as e:  # noqa: BLE001 - a parser bug must not kill the run; the file is rejected
            self.rejected.inc()
            yield beam.pvalue.TaggedOutput(REJECTS_TAG, make_reject(
                decoded["source_path"], None, "parse", "parser_error", f"{type(e).__name__}: {e}", decoded["text"]))


class Parse(beam.PTransform):
    """Decoded files -> record dicts; broken files/records on the 'rejects' output."""

    def __init__(self, timezone: str = "Asia/Shanghai", limits: Limits = DEFAULT_LIMITS):
        super().__init__()
        self.timezone, self.limits = timezone, limits

    def expand(self, decoded):
        out = decoded | "ParseRecords" >> beam.ParDo(_ParseFn(self.timezone, self.limits)).with_outputs(REJECTS_TAG, main="docs")
        return {"docs": out.docs, "rejects": out[REJECTS_TAG]}
