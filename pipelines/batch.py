"""Assembly of the batch pipeline: read -> decode -> parse -> clean -> dedupe -> segment/tag -> write.

Every stage returns its main output plus a 'rejects' output; all rejects, all dropped duplicates
and all articles are written, so every input record is accounted for.
"""
from __future__ import annotations

import datetime as dt
import posixpath

import apache_beam as beam
from apache_beam.metrics import Metrics

from pipelines.options import NewsbeamOptions
from schemas import ARTICLE_FILE_SCHEMA, DUPLICATE_SCHEMA, PIPELINE_VERSION, REJECT_SCHEMA, Article, DuplicateRecord, RejectRecord
from transforms.clean import Clean
from transforms.decode import Decode
from transforms.dedupe import Deduplicate
from transforms.parse import Parse
from transforms.read import ReadRawFiles
from transforms.segment_tag import SegmentAndTag
from transforms.write import WriteParquet, article_partition, reject_key, shard_partition


def index_dir_for(opts: NewsbeamOptions) -> str | None:
    if opts.dedupe_index and opts.dedupe_index.lower() == "none":
        return None
    return opts.dedupe_index or posixpath.join(opts.output, "_dedupe_index")


def _finish_article(doc: dict, ingested_at: dt.datetime) -> dict:
    return {**doc, "ingested_at": ingested_at, "pipeline_version": PIPELINE_VERSION}


def _finish_duplicate(dup: dict, ingested_at: dt.datetime, run_id: str) -> dict:
    Metrics.counter("newsbeam", f"duplicate:{dup.get('method')}").inc()
    return {**dup, "ingested_at": ingested_at, "run_id": run_id}


def _finish_reject(rej: dict, ingested_at: dt.datetime, run_id: str) -> dict:
    Metrics.counter("newsbeam", f"reject:{rej['stage']}:{rej['reason']}").inc()
    return {**rej, "ingested_at": ingested_at, "run_id": run_id}


def process_docs(docs, opts: NewsbeamOptions, run_id: str, dedupe=None) -> dict:
    """clean -> dedupe -> segment/tag on parsed record dicts: the one chain batch and streaming share.

    `dedupe` is the dedupe PTransform to use (batch default: Deduplicate with the cross-run index).
    Returns {'articles', 'duplicates', 'rejects': [PCollection, ...]}.
    """
    counted = docs | "CountRecords" >> beam.Map(_count_record)
    cleaned = counted | "Clean" >> Clean(opts.timezone, opts.repeated_line_max_docs, opts.repeated_line_min_chars, opts.time_per_doc)
    dedupe = dedupe or Deduplicate(index_dir=index_dir_for(opts), run_id=run_id)
    deduped = cleaned["docs"] | "Dedupe" >> dedupe
    tagged = deduped["articles"] | "SegmentTag" >> SegmentAndTag()
    return {"articles": tagged["articles"], "duplicates": deduped["duplicates"],
            "rejects": [cleaned["rejects"], deduped["rejects"], tagged["rejects"]]}


def build_batch(p: beam.Pipeline, opts: NewsbeamOptions, run_id: str, ingested_at: dt.datetime) -> None:
    limits = opts.limits()
    files = p | "Read" >> ReadRawFiles(opts.input, limits)
    decoded = files["files"] | "Decode" >> Decode(limits)
    parsed = decoded["decoded"] | "Parse" >> Parse(opts.timezone, limits)
    processed = process_docs(parsed["docs"], opts, run_id)
    write_outputs(opts.output, processed["articles"], processed["duplicates"],
                  [files["rejects"], decoded["rejects"], parsed["rejects"], *processed["rejects"]],
                  run_id, ingested_at)


def _count_record(doc: dict) -> dict:
    Metrics.counter("newsbeam", "records.parsed").inc()
    return doc


def write_outputs(output: str, articles, duplicates, reject_pcolls: list, run_id: str, ingested_at: dt.datetime) -> None:
    """The write stage, shared by batch and streaming assembly."""
    written = (
        articles
        | "FinishArticles" >> beam.Map(_finish_article, ingested_at)
        | "WriteArticles" >> WriteParquet(output, "articles", Article, ARTICLE_FILE_SCHEMA, article_partition,
                                          key_fn=lambda r: r["id"], key_columns=["id"])
    )
    (
        duplicates
        | "FinishDuplicates" >> beam.Map(_finish_duplicate, ingested_at, run_id)
        | "WriteDuplicates" >> WriteParquet(output, "duplicates", DuplicateRecord, DUPLICATE_SCHEMA, shard_partition,
                                            key_fn=lambda r: r["id"], key_columns=["id"])
    )
    (
        tuple(reject_pcolls) + (written["rejects"],)
        | "AllRejects" >> beam.Flatten()
        | "FinishRejects" >> beam.Map(_finish_reject, ingested_at, run_id)
        | "WriteRejects" >> WriteParquet(output, "rejects", RejectRecord, REJECT_SCHEMA, shard_partition,
                                         key_fn=reject_key, key_columns=["source_path", "record_index", "stage", "reason"])
    )
