"""The record each stage hands to the next, written down once.

Between stages a record is a plain dict that grows stage by stage; only the write checks it, against
schemas.article.Article. These TypedDicts say which keys each stage adds, so a reader sees the
contract, and tests/schemas/test_stage_contract.py holds the real stage functions to it.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional, TypedDict


class DecodedFile(TypedDict):
    """decode -> parse (transforms.decode)."""
    source_path: str
    name: str                       # logical name (".gz" removed): format detection
    text: str
    encoding: str
    mtime: Optional[float]          # the file's modification time: reference for yearless/relative dates


class DateFields(TypedDict):
    """The publication date (transforms.pubdate.PublicationDate.as_fields)."""
    published_at: Optional[dt.datetime]
    date: Optional[dt.date]
    date_source: str
    date_precision: Optional[str]
    date_reference: Optional[str]
    date_evidence: Optional[str]
    date_invalid: Optional[str]


class RecordFields(DateFields):
    """What parse finds and every later stage keeps."""
    id: str
    source: Optional[str]
    url: Optional[str]
    source_path: str
    record_index: int
    title: Optional[str]
    author: Optional[str]
    raw_categories: list[str]
    encoding: str


class ParsedRecord(RecordFields):
    """parse -> clean (transforms.parse.to_doc)."""
    body: str
    body_format: str                # 'html' or 'text'
    _date_hints: dict               # year hint and reference for the clean stage's dateline; never written


class CleanRecord(RecordFields):
    """clean -> dedupe (transforms.clean.complete_metadata): body/body_format and _date_hints are gone."""
    text: str
    category: str
    category_label: str


class DedupedRecord(CleanRecord):
    """dedupe -> segment/tag (transforms.dedupe): the kept articles."""
    content_hash: str
    dup_cluster_id: str


class TaggedRecord(DedupedRecord):
    """segment/tag -> write (transforms.segment_tag); the write adds ingested_at and pipeline_version."""
    tokens: list[str]
    entities: list[dict]
