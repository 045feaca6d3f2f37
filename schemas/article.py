"""Output records of newsbeam, defined once with pydantic.

The Parquet (pyarrow) schemas are *derived* from these models by `arrow_schema`; nothing else in
the code base lists columns.  Timestamps are written as ``timestamp[us, tz=UTC]`` because Spark
reads nanosecond timestamps as integers and BigQuery/Trino want microseconds.
"""
from __future__ import annotations

import datetime as dt
import typing
from typing import Optional

import pyarrow as pa
from pydantic import BaseModel, Field
from pydantic_to_pyarrow import get_pyarrow_schema

# Bumped whenever a release can move an article to another partition (docs/releases.md).
PIPELINE_VERSION = "0.2.0"

UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")


class Entity(BaseModel):
    """A tagged span: ``article.text[start:end] == text``."""

    text: str = Field(description="the mention exactly as in `text`")
    type: str = Field(description="ORG, PER, LOC, STOCK, MONEY, PERCENT, DRUG or DISEASE")
    start: int = Field(description="character offset (Python str index) of the first character")
    end: int = Field(description="character offset one past the last character")
    canonical_id: Optional[str] = Field(None, description="e.g. 000001.SZ, 01833.HK, an admin code; null when unknown")
    value: Optional[float] = Field(None, description="MONEY/PERCENT: the numeric value in base units (yuan, %)")
    unit: Optional[str] = Field(None, description="MONEY: ISO currency (CNY, USD, HKD...); PERCENT: '%'")


class Article(BaseModel):
    """One clean, deduplicated, segmented and tagged news article (a row of `articles/`)."""

    id: str = Field(description="stable id: sha1 of source_path and record_index (first 20 hex digits); same input, same id on every run")
    source: Optional[str] = Field(None, description="site or feed the article came from")
    url: Optional[str] = Field(None, description="canonical URL when known")
    source_path: str = Field(description="input file the record was read from")
    record_index: int = Field(description="0-based index of the record inside a multi-record file (0 otherwise)")
    title: Optional[str] = Field(None, description="article title")
    author: Optional[str] = Field(None, description="author or publishing outlet as given by the input")
    published_at: Optional[dt.datetime] = Field(None, description="publication instant (UTC) when known")
    date: Optional[dt.date] = Field(None, description="calendar date of the article in --timezone; also the partition key")
    date_source: str = Field(description="where `date` came from: metadata, feed, meta, jsonld, script, time, header, "
                                         "header_updated, labelled, url, file, htmldate, relative, dateline, "
                                         "invalid_metadata, none (docs/schema.md)")
    date_precision: Optional[str] = Field(None, description="day, minute or second: how much of `published_at` the evidence stated")
    date_reference: Optional[str] = Field(None, description="feed, mtime or run: the reference time that completed a yearless "
                                                            "or relative stamp (date_source='relative'); null otherwise")
    date_evidence: Optional[str] = Field(None, description="the raw value or stamp the date was read from")
    date_invalid: Optional[str] = Field(None, description="a metadata date value that was impossible or out of range (kept, not used)")
    category: str = Field(description="ASCII slug from the taxonomy (finance, health, tech, ..., other)")
    category_label: str = Field(description="Chinese label of `category`")
    raw_categories: list[str] = Field(default_factory=list, description="categories/tags exactly as the input gave them")
    text: str = Field(description="clean main text; paragraphs separated by newlines")
    tokens: list[str] = Field(default_factory=list, description="jieba-compatible precise-mode segmentation of `text`")
    entities: list[Entity] = Field(default_factory=list, description="tagged entities with offsets into `text`")
    content_hash: str = Field(description="sha1 of the normalised text (exact-duplicate key)")
    dup_cluster_id: str = Field(description="id of the duplicate cluster this article heads (its own id when unique)")
    encoding: str = Field(description="character encoding the raw bytes were decoded with")
    ingested_at: dt.datetime = Field(description="when this run started (UTC)")
    pipeline_version: str = Field(description="newsbeam version that wrote the row")


class DuplicateRecord(BaseModel):
    """An input record dropped as a duplicate of a kept article (a row of `duplicates/`)."""

    id: str = Field(description="id the dropped record would have had")
    source_path: str
    record_index: int
    title: Optional[str] = None
    duplicate_of: str = Field(description="id of the kept article")
    dup_cluster_id: str = Field(description="cluster id (= id of the kept article)")
    method: str = Field(description="exact, near, or containment")
    similarity: float = Field(description="1.0 for exact; estimated/verified Jaccard for near")
    published_at: Optional[dt.datetime] = None
    ingested_at: dt.datetime
    run_id: str


class RelationRecord(BaseModel):
    """A containment relation between two kept articles (a row of `relations/`): a digest quoting a
    story, or a longer version of a shorter one.  Both articles are kept; the relation says so."""

    id: str = Field(description="id of the contained (shorter) article")
    contained_in: str = Field(description="id of the containing (longer) article")
    containment: float = Field(description="share of the shorter text's shingles found in the longer one")
    jaccard: float = Field(description="Jaccard similarity of the two shingle sets")
    ingested_at: dt.datetime
    run_id: str


class RejectRecord(BaseModel):
    """An input that could not be turned into an article (a row of `rejects/`)."""

    source_path: str
    record_index: Optional[int] = Field(None, description="record index inside the file, null when the whole file failed")
    stage: str = Field(description="read, decode, parse, clean, dedupe, segment, tag or write")
    reason: str = Field(description="reason code, see docs/reliability.md")
    detail: str = Field(description="human-readable explanation")
    excerpt: str = Field(description="first bytes of the raw input, escaped, at most 200 characters")
    ingested_at: dt.datetime
    run_id: str


def _is_datetime(annotation) -> bool:
    if annotation is dt.datetime:
        return True
    return dt.datetime in typing.get_args(annotation)


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """Derive the pyarrow schema from a pydantic model (timestamps forced to tz-aware UTC µs)."""
    schema = get_pyarrow_schema(model, allow_losing_tz=True)
    for name, field in model.model_fields.items():
        if _is_datetime(field.annotation):
            i = schema.get_field_index(name)
            schema = schema.set(i, pa.field(name, UTC_TIMESTAMP, nullable=schema.field(i).nullable))
    return schema


ARTICLE_SCHEMA = arrow_schema(Article)
# date and category are Hive partition keys: they live in the path (date=.../category=...), not in the
# files, because pyarrow, Spark and BigQuery refuse or disagree on a column stored in both places.
ARTICLE_PARTITION_COLUMNS = ("date", "category")
ARTICLE_FILE_SCHEMA = pa.schema([f for f in ARTICLE_SCHEMA if f.name not in ARTICLE_PARTITION_COLUMNS])
DUPLICATE_SCHEMA = arrow_schema(DuplicateRecord)
REJECT_SCHEMA = arrow_schema(RejectRecord)
RELATION_SCHEMA = arrow_schema(RelationRecord)
