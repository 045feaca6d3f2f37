"""Parse stage: decoded files -> one record dict per article (see docs/schema.md for the fields).

The format is detected from the content first and the extension second, so a mislabelled file
still parses (or is rejected with a reason).  A broken record rejects that record only.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace
from typing import Iterator
from zoneinfo import ZoneInfo

import apache_beam as beam

from schemas.stages import ParsedRecord
from transforms import pubdate
from transforms.limits import DEFAULT_LIMITS, Limits
from transforms.parsers import feeds, html_meta, html_page, jsonl, markdown, page_dates, plaintext, sogou
from transforms.parsers.record import RawRecord
from transforms.reject_safe import RejectSafeDoFn
from transforms.rejects import REJECTS_TAG, RecordRejected, make_reject

FORMATS = ("markdown", "jsonl", "feed", "sogou", "html", "text")
_EXT = {".md": "markdown", ".markdown": "markdown", ".jsonl": "jsonl", ".ndjson": "jsonl", ".rss": "feed",
        ".atom": "feed", ".xml": "feed", ".dat": "sogou", ".html": "html", ".htm": "html", ".shtml": "html",
        ".txt": "text", ".text": "text"}
DATE_HINTS = "_date_hints"


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


def publication_date(record: RawRecord, source_path: str, tz: ZoneInfo, reference: pubdate.Reference) -> pubdate.PublicationDate:
    """The record's date from its own metadata, its page, its URL, its path, then htmldate."""
    own = [pubdate.Candidate(record.date_source, record.published)] if record.published is not None else []
    found = pubdate.choose(own, tz, reference)
    if found.instant is not None and (found.precision != "day" or record.evidence is None):
        return found  # the record's own date (front matter, feed): its body is not read for a better one
    evidence = record.evidence
    if evidence is None and record.body_format == "html":
        tree = html_meta.parse_html_tree(record.body)
        evidence = page_dates.page_evidence(tree, record.title, fragment=True) if tree is not None else []
    candidates = own + [pubdate.Candidate(e.source, e.raw, e.match) for e in evidence or []]
    candidates += [pubdate.Candidate(kind, value) for kind, value in
                   (("url", pubdate.url_date(record.url)), ("file", pubdate.path_date(source_path))) if value]
    year_hint = pubdate.url_year(record.url)
    found = pubdate.choose(candidates, tz, reference, year_hint)
    if (found.instant is None or found.reference) and record.body_format == "html":
        extra = pubdate.htmldate_candidate(record.body, record.url, candidates, tz, reference)
        if extra:
            found = replace(pubdate.choose(candidates + [extra], tz, reference, year_hint), invalid=found.invalid)  # complete first
    return found


def to_doc(record: RawRecord, source_path: str, index: int, encoding: str, tz: ZoneInfo, limits: Limits,
           reference: pubdate.Reference | None = None) -> ParsedRecord:
    if len(record.body) * 3 > limits.max_record_bytes and len(record.body.encode("utf-8")) > limits.max_record_bytes:
        raise RecordRejected("record_too_large", f"record body exceeds max_record_bytes={limits.max_record_bytes}")
    reference = reference or pubdate.Reference("run", dt.datetime.now(dt.timezone.utc))
    found = publication_date(record, source_path, tz, reference)
    return {
        "id": record_id(source_path, index),
        "source": record.source, "url": record.url, "source_path": source_path, "record_index": index,
        "title": record.title, "author": record.author, **found.as_fields(tz),
        "raw_categories": record.raw_categories, "encoding": encoding,
        "body": record.body, "body_format": record.body_format,
        # for the dateline of the clean text (transforms.clean); not written
        DATE_HINTS: {"year": pubdate.url_year(record.url), "reference": reference.kind, "instant": reference.instant},
    }


def reference_time(decoded: dict, run_started: dt.datetime | None) -> pubdate.Reference:
    """The file's modification time when the reader could see it, else the run's start."""
    mtime = decoded.get("mtime")
    if mtime:
        return pubdate.Reference("mtime", dt.datetime.fromtimestamp(mtime, dt.timezone.utc))
    return pubdate.Reference("run", run_started or dt.datetime.now(dt.timezone.utc))


def parse_decoded(decoded: dict, tz: ZoneInfo, limits: Limits = DEFAULT_LIMITS,
                  run_started: dt.datetime | None = None) -> Iterator[tuple[str, dict]]:
    """('doc', doc) or ('reject', reject) for every record of one decoded file."""
    path, text = decoded["source_path"], decoded["text"]
    fmt = detect_format(decoded["name"], text)
    reference = reference_time(decoded, run_started)
    try:
        for index, item, raw in iter_raw_records(fmt, text):
            if isinstance(item, RecordRejected):
                yield "reject", make_reject(path, index, "parse", item.reason, item.detail, raw)
                continue
            try:
                yield "doc", to_doc(item, path, index, decoded["encoding"], tz, limits, reference)
            except RecordRejected as e:
                yield "reject", make_reject(path, index, "parse", e.reason, e.detail, raw or item.body)
    except RecordRejected as e:
        yield "reject", make_reject(path, None, "parse", e.reason, e.detail, text)


class _ParseFn(RejectSafeDoFn):
    stage, fallback_reason = "parse", "parser_error"  # a parser bug rejects the file, never the run

    def __init__(self, timezone: str, limits: Limits, run_started: dt.datetime | None):
        self.timezone, self.limits, self.run_started = timezone, limits, run_started

    def setup(self):
        super().setup()
        self.tz = ZoneInfo(self.timezone)

    def run(self, decoded):
        for kind, item in parse_decoded(decoded, self.tz, self.limits, self.run_started):
            yield item if kind == "doc" else beam.pvalue.TaggedOutput(REJECTS_TAG, item)


class Parse(beam.PTransform):
    """Decoded files -> record dicts; broken files/records on the 'rejects' output.

    `run_started` is the reference time for relative and yearless date stamps when a file's
    modification time is unknown."""

    def __init__(self, timezone: str = "Asia/Shanghai", limits: Limits = DEFAULT_LIMITS, run_started: dt.datetime | None = None):
        super().__init__()
        self.timezone, self.limits, self.run_started = timezone, limits, run_started

    def expand(self, decoded):
        out = decoded | "ParseRecords" >> beam.ParDo(_ParseFn(self.timezone, self.limits, self.run_started)).with_outputs(REJECTS_TAG, main="docs")
        return {"docs": out.docs, "rejects": out[REJECTS_TAG]}
